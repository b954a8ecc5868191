import type { SessionUser } from '@/api/auth'

export interface WelcomeRow {
  /** i18n key of the label. */
  label: string
  value: string
  test: string
}

/** The facts the welcome card lists, in display order. */
export function welcomeRows(user: SessionUser, regionName: string, t: (key: string) => string): WelcomeRow[] {
  let scope = t('dashboard.scopeAll')
  if (user.region_code) scope = regionName ? `${regionName}（${user.region_code}）` : user.region_code
  return [
    { label: 'dashboard.username', value: user.username, test: 'dashboard-username' },
    { label: 'dashboard.role', value: t(`roles.${user.role}`), test: 'dashboard-role' },
    { label: 'dashboard.scope', value: scope, test: 'dashboard-scope' },
  ]
}

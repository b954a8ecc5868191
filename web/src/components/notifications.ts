// How a notification reads: the server sends a kind and its parameters, the reader's language
// words them (locales: notifications.kinds.*).
import type { Notification } from '@/api/notifications'
import { formatInstant } from '@/utils/format'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** The most characters of a hazard's description a line of the bell's list shows. */
export const DESCRIPTION_LIMIT = 40

/** Cuts a long description at a code point (never inside a character) and marks the cut. */
export function shorten(text: string, limit = DESCRIPTION_LIMIT): string {
  const chars = Array.from(text.trim())
  return chars.length <= limit ? chars.join('') : `${chars.slice(0, limit).join('')}…`
}

/** The sentence of a notification, in the reader's language. */
export function notificationText(notification: Pick<Notification, 'kind' | 'params'>, t: Translate): string {
  const params = notification.params ?? {}
  const named = {
    description: shorten(params.description ?? ''),
    enterprise: params.enterprise_name ?? '',
    deadline: params.deadline ?? '',
    number: params.notice_number ?? '',
  }
  // A notice without its number (an older record) still reads as a sentence.
  if (notification.kind === 'notice_issued' && !named.number) return t('notifications.kinds.notice_issued_unnumbered', named)
  return t(`notifications.kinds.${notification.kind}`, named)
}

/** The colour of a notification's dot: red for what is late, orange for what is close. */
export function notificationTone(notification: Pick<Notification, 'kind'>): 'danger' | 'warning' | 'primary' {
  switch (notification.kind) {
    case 'overdue':
    case 'major_listed':
      return 'danger'
    case 'deadline_soon':
      return 'warning'
    case 'notice_issued':
    case 'submitted':
      return 'primary'
  }
}

/** Where opening a notification goes: its hazard, or nowhere. */
export function notificationTarget(notification: Pick<Notification, 'hazard_id'>): string | null {
  return notification.hazard_id ? `/hazards/${notification.hazard_id}` : null
}

/** The badge over the bell: nothing when all is read, "99+" beyond two digits. */
export function badgeText(unread: number): string {
  if (unread <= 0) return ''
  return unread > 99 ? '99+' : String(unread)
}

export function notificationTime(notification: Pick<Notification, 'created_at'>): string {
  return formatInstant(notification.created_at)
}

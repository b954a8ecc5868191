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
    points: params.points ?? 0,
    reason: shorten(params.reason ?? ''),
    total: params.total ?? 0,
    cycle: params.cycle ?? '',
    threshold: params.threshold_points ?? 0,
    // The action in the reader's language, with the scoring page's labels.
    action: params.action ? t(`scoring.actions.${params.action}`) : '',
    due: params.due_on ?? '',
    repairKind: params.repair_kind ? t(`credit.repairs.kinds.${params.repair_kind}`) : '',
    note: shorten(params.note ?? ''),
  }
  // A notice without its number (an older record) still reads as a sentence, and so do points without a reason.
  if (notification.kind === 'notice_issued' && !named.number) return t('notifications.kinds.notice_issued_unnumbered', named)
  if (notification.kind === 'score_event' && !named.reason) return t('notifications.kinds.score_event_unexplained', named)
  if (notification.kind === 'credit_repair_decided') {
    return t(params.status === 'approved' ? 'notifications.kinds.credit_repair_approved' : 'notifications.kinds.credit_repair_rejected', named)
  }
  return t(`notifications.kinds.${notification.kind}`, named)
}

/** The colour of a notification's dot: red for what is late, orange for what is close. */
export function notificationTone(notification: Pick<Notification, 'kind'>): 'danger' | 'warning' | 'primary' {
  switch (notification.kind) {
    case 'overdue':
    case 'major_listed':
    case 'score_threshold':
      return 'danger'
    case 'deadline_soon':
    case 'score_event':
      return 'warning'
    case 'notice_issued':
    case 'submitted':
    case 'credit_repair_applied':
    case 'credit_repair_decided':
      return 'primary'
  }
}

/**
 * Where opening a notification goes: points recorded, to the enterprise's score card; a threshold
 * crossed, to the follow-ups of the scoring page (the unit's work list); a repair application, to
 * the bureau's 信用修复 tab, and its decision to the enterprise's 信用 tab; otherwise its hazard, or nowhere.
 */
export function notificationTarget(notification: Pick<Notification, 'kind' | 'hazard_id' | 'enterprise_id'>): string | null {
  switch (notification.kind) {
    case 'score_event':
      return notification.enterprise_id ? `/enterprises/${notification.enterprise_id}?tab=scoring` : null
    case 'score_threshold':
      return '/scoring?tab=followups'
    case 'credit_repair_applied':
      return '/credit?tab=repairs'
    case 'credit_repair_decided':
      return notification.enterprise_id ? `/enterprises/${notification.enterprise_id}?tab=credit` : null
    default:
      return notification.hazard_id ? `/hazards/${notification.hazard_id}` : null
  }
}

/** The badge over the bell: nothing when all is read, "99+" beyond two digits. */
export function badgeText(unread: number): string {
  if (unread <= 0) return ''
  return unread > 99 ? '99+' : String(unread)
}

export function notificationTime(notification: Pick<Notification, 'created_at'>): string {
  return formatInstant(notification.created_at)
}

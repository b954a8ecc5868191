import { http, type Page, type PageQuery } from './http'
import type { FollowupAction } from './scoring'

export const NOTIFICATION_KINDS = [
  'notice_issued',
  'deadline_soon',
  'overdue',
  'submitted',
  'major_listed',
  'score_event',
  'score_threshold',
  'credit_repair_applied',
  'credit_repair_decided',
] as const
/**
 * An enterprise hears of notice_issued, deadline_soon, overdue and score_event (points recorded
 * against it); a station or bureau of submitted, overdue, major_listed and score_threshold (an
 * enterprise's points crossed a threshold whose follow-up is the unit's). A district's bureau hears
 * of credit_repair_applied (an enterprise applied for credit repair), the enterprise of
 * credit_repair_decided (its application approved or rejected).
 */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** What the UI words a notification with, in the reader's language. */
export interface NotificationParams {
  description?: string
  enterprise_name?: string
  /** YYYY-MM-DD */
  deadline?: string | null
  notice_number?: string | null
  /** score_event: the points recorded, why, and the cycle's total with them. */
  points?: number
  reason?: string
  total?: number
  cycle?: number
  /** score_threshold: the threshold crossed, what it asks for, by when, and its follow-up. */
  threshold_points?: number
  action?: FollowupAction
  /** YYYY-MM-DD */
  due_on?: string
  followup_id?: number
  /** credit_repair_*: what is repaired (a D rating or a listing), the application, its status and the bureau's note. */
  repair_kind?: 'rating' | 'blacklist'
  repair_id?: number
  status?: 'applied' | 'approved' | 'rejected'
  note?: string
}

export interface Notification {
  id: number
  kind: NotificationKind
  /** The hazard it is about (none for the scoring kinds). */
  hazard_id: number | null
  /** The audience when it is an enterprise. */
  enterprise_id: number | null
  /** The audience unit when it is a station or bureau. */
  region_code: string | null
  params: NotificationParams
  created_at: string
  read: boolean
}

export interface NotificationPage extends Page<Notification> {
  /** All unread ones, not only on this page. */
  unread: number
}

export interface NotificationQuery extends PageQuery {
  /** Only unread (true) or only read (false) ones; none: all. */
  unread?: boolean | null
}

export const notificationsApi = {
  list: (query: NotificationQuery) => http.get<NotificationPage>('/notifications', { ...query }),
  markRead: (id: number) => http.post<{ marked: number }>(`/notifications/${id}/read`),
  markAllRead: () => http.post<{ marked: number }>('/notifications/read-all'),
}

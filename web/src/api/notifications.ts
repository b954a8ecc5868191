import { http, type Page, type PageQuery } from './http'

export const NOTIFICATION_KINDS = ['notice_issued', 'deadline_soon', 'overdue', 'submitted', 'major_listed'] as const
/**
 * An enterprise hears of notice_issued, deadline_soon and overdue; a station or bureau of
 * submitted, overdue and major_listed.
 */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** What the UI words a notification with, in the reader's language. */
export interface NotificationParams {
  description?: string
  enterprise_name?: string
  /** YYYY-MM-DD */
  deadline?: string | null
  notice_number?: string | null
}

export interface Notification {
  id: number
  kind: NotificationKind
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

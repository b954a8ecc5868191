import { http, type Page, type PageQuery } from './http'

/** Progressive management (渐进式管理), lowest first: key attention → yellow card → one-vote veto. */
export const WATCH_LEVELS = ['attention', 'yellow_card', 'veto'] as const
export type WatchLevel = (typeof WATCH_LEVELS)[number]

/** An enterprise, a department of a region (region + department name), or a region below the unit's own. */
export const WATCH_SUBJECTS = ['enterprise', 'department', 'region'] as const
export type WatchSubject = (typeof WATCH_SUBJECTS)[number]

/** active: the subject's step now; escalated: a later step replaced it; lifted: the subject left the list. */
export const WATCH_STATUSES = ['active', 'escalated', 'lifted'] as const
export type WatchStatus = (typeof WATCH_STATUSES)[number]

export interface WatchEntry {
  id: number
  subject_kind: WatchSubject
  subject_name: string
  enterprise_id: number | null
  region_code: string
  department: string
  level: WatchLevel
  reason: string
  /** Why a level was skipped (empty when the step was the next one). */
  skip_reason: string
  status: WatchStatus
  /** The unit that decided it. */
  unit_region_code: string
  decided_by_name: string
  lifted_at: string | null
  lift_reason: string
  created_at: string
  version: number
}

/** 约谈: an interview with the subject, on any step of its ladder. */
export interface WatchInterview {
  id: number
  entry_id: number
  held_on: string
  attendees: string
  minutes: string
  followup: string
  followup_due_on: string | null
  recorded_by_name: string
  created_at: string
}

/** An entry with its subject's ladder (oldest first) and interviews; entry null when never listed. */
export interface WatchDetail {
  entry: WatchEntry | null
  ladder: WatchEntry[]
  interviews: WatchInterview[]
}

export interface WatchSubjectRef {
  subject_kind: WatchSubject
  enterprise_id?: number | null
  region_code?: string | null
  department?: string | null
}

export interface NewWatchEntry extends WatchSubjectRef {
  level: WatchLevel
  reason: string
  skip_reason?: string
}

export interface NewInterview {
  held_on: string
  attendees: string
  minutes: string
  followup?: string
  followup_due_on?: string
}

export interface WatchQuery extends PageQuery {
  subject_kind?: WatchSubject | ''
  level?: WatchLevel | ''
  status?: WatchStatus | ''
  region_code?: string | null
  enterprise_id?: number | null
}

export const watchlistApi = {
  list: (query: WatchQuery) => http.get<Page<WatchEntry>>('/watchlist', { ...query }),
  get: (id: number) => http.get<WatchDetail & { entry: WatchEntry }>(`/watchlist/${id}`),
  subject: (subject: WatchSubjectRef) => http.get<WatchDetail>('/watchlist/subject', { ...subject }),
  /** The next step, or further with a skip reason (422 skip_reason_required); 409 not_an_escalation. */
  add: (entry: NewWatchEntry) => http.post<WatchDetail & { entry: WatchEntry }>('/watchlist', entry),
  lift: (id: number, version: number, reason: string) => http.post<WatchDetail & { entry: WatchEntry }>(`/watchlist/${id}/lift`, { version, reason }),
  /** 409 watch_not_active on an escalated or lifted entry. */
  addInterview: (id: number, interview: NewInterview) => http.post<WatchDetail & { entry: WatchEntry }>(`/watchlist/${id}/interviews`, interview),
}

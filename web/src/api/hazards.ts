import type { HazardPhoto } from './files'
import { download, http, type Page, type PageQuery } from './http'

export const HAZARD_STATES = ['reported', 'notified', 'rectifying', 'submitted', 'verified', 'rejected', 'cancelled'] as const
/**
 * The closed loop: reported → notified → rectifying → submitted → verified, with rejected going
 * back to rectifying; reported → verified when fixed on the spot; reported | notified → cancelled.
 */
export type HazardState = (typeof HAZARD_STATES)[number]
/** The list filter takes a state, or 'open' for every state but verified and cancelled. */
export type HazardStateFilter = HazardState | 'open'

export const HAZARD_LEVELS = ['general', 'major'] as const
/** 一般隐患, 重大隐患. */
export type HazardLevel = (typeof HAZARD_LEVELS)[number]

// The provincial dual-prevention enumerations.
export const HAZARD_SOURCES = [
  'daily',
  'comprehensive',
  'specialist',
  'seasonal',
  'holiday',
  'accident',
  'resumption',
  'expert_diagnosis',
  'control_failure',
  'other',
] as const
export type HazardSource = (typeof HAZARD_SOURCES)[number]

export const HAZARD_TYPES = ['safety', 'process', 'electrical', 'instrument', 'fire', 'layout', 'equipment', 'other'] as const
export type HazardType = (typeof HAZARD_TYPES)[number]

export const HAZARD_CLASSIFICATIONS = ['unsafe_act', 'unsafe_state', 'management_defect'] as const
export type HazardClassification = (typeof HAZARD_CLASSIFICATIONS)[number]

export const HAZARD_HANDLINGS = ['on_the_spot', 'by_deadline'] as const
/** 即查即改, 限期整改. */
export type HazardHandling = (typeof HAZARD_HANDLINGS)[number]

/** The transitions a user asks for; 'report' appears only in the timeline. */
export const HAZARD_ACTIONS = ['fix_on_spot', 'notify', 'start', 'submit', 'verify', 'reject', 'resume', 'extend', 'cancel'] as const
export type HazardAction = (typeof HAZARD_ACTIONS)[number]
export type TimelineAction = HazardAction | 'report'

export interface Hazard {
  id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  /** The inspection whose finding it was; null when entered directly. */
  inspection_id: number | null
  checklist_item_id: number | null
  description: string
  location: string
  level: HazardLevel
  source: HazardSource
  hazard_type: HazardType
  classification: HazardClassification
  handling: HazardHandling
  state: HazardState
  /** YYYY-MM-DD, set by the notice (or today when fixed on the spot). */
  deadline: string | null
  responsible_person: string
  measures: string
  notice_id: number | null
  /** e.g. "东安街道安监整改〔2026〕001号". */
  notice_number: string | null
  /** The unit that issued the notice: it or a unit above it verifies, rejects and extends. */
  notified_unit_region_code: string | null
  found_by_user_id: number
  found_by_name: string
  /** YYYY-MM-DD */
  found_on: string
  /** 挂牌督办: a major hazard is listed when reported and delisted when the loop ends. */
  listed_at: string | null
  delisted_at: string | null
  verified_at: string | null
  created_at: string
  updated_at: string
  version: number
  /** Open with its deadline day passed (China time). */
  overdue: boolean
  /** Verified no later than its deadline day. */
  on_time: boolean
  /** A major hazard under listed supervision now. */
  listed: boolean
  /** Days from today to the deadline, negative once passed; null without a deadline or once closed. */
  days_left: number | null
}

/** What an action recorded, as the request gave it (plus the notice number of a notify). */
export interface TimelineDetails {
  deadline?: string
  responsible_person?: string
  measures?: string
  method?: string
  completed_on?: string
  result?: string
  reason?: string
  notice_number?: string
  /** The photos the action brought (after-photos of a fix on the spot or a submission). */
  photo_ids?: number[]
}

export interface TimelineEvent {
  id: number
  action: TimelineAction
  /** Null for the report that created the hazard. */
  from_state: HazardState | null
  to_state: HazardState
  actor_user_id: number | null
  actor_name: string
  at: string
  details: TimelineDetails
}

export interface HazardDetail extends Hazard {
  /** Every action, oldest first. */
  timeline: TimelineEvent[]
  /** The actions the caller may take now: the server's state machine answers for this caller. */
  allowed_actions: HazardAction[]
  /** Before-photos (when found) and after-photos (each with the event that brought it), in order. */
  photos: HazardPhoto[]
}

export interface HazardQuery extends PageQuery {
  region_code?: string | null
  enterprise_id?: number | null
  inspection_id?: number | null
  notice_id?: number | null
  state?: HazardStateFilter | ''
  level?: HazardLevel | ''
  /** Only overdue ones when true; false means no filter. */
  overdue?: boolean | null
  /** Only major hazards under listed supervision when true. */
  listed?: boolean | null
  /** Description substring. */
  q?: string
}

/** What POST /hazards takes: a hazard entered directly, state reported. */
export interface NewHazard {
  enterprise_id: number
  description: string
  location: string
  level: HazardLevel
  source: HazardSource
  hazard_type: HazardType
  classification: HazardClassification
  handling: HazardHandling
  /** Before-photos, uploaded for the enterprise. */
  photo_ids?: number[]
}

/** The actions that take photos (after-photos); any other refuses photo_ids. */
export const PHOTO_ACTIONS = ['fix_on_spot', 'submit'] as const
export type PhotoAction = (typeof PHOTO_ACTIONS)[number]

/** The fields each action needs, with the version the user saw. */
export type HazardTransition = { version: number } & (
  | { action: 'fix_on_spot'; method: string; photo_ids?: number[] }
  | { action: 'notify'; deadline: string; responsible_person: string; measures: string }
  | { action: 'start' }
  | { action: 'submit'; method: string; completed_on: string; photo_ids?: number[] }
  | { action: 'verify'; result: string }
  | { action: 'reject'; reason: string }
  | { action: 'resume' }
  | { action: 'extend'; deadline: string; reason: string }
  | { action: 'cancel'; reason: string }
)

/** One rectification notice (整改通知书) for reported hazards of one enterprise. */
export interface NewNotice {
  hazard_ids: number[]
  /** YYYY-MM-DD, not before today. */
  deadline: string
  responsible_person: string
  measures: string
}

export interface Notice {
  id: number
  number: string
  unit_region_code: string
  unit_name: string
  year: number
  sequence: number
  enterprise: { id: number; name: string; uscc: string }
  issued_by_user_id: number
  issued_by_name: string
  /** YYYY-MM-DD */
  issued_on: string
  created_at: string
  hazards: Hazard[]
}

export const hazardsApi = {
  list: (query: HazardQuery) => http.get<Page<Hazard>>('/hazards', { ...query, overdue: query.overdue || null, listed: query.listed || null }),
  get: (id: number) => http.get<HazardDetail>(`/hazards/${id}`),
  create: (hazard: NewHazard) => http.post<HazardDetail>('/hazards', hazard),
  act: (id: number, transition: HazardTransition) => http.post<HazardDetail>(`/hazards/${id}/transitions`, transition),
  issueNotice: (notice: NewNotice) => http.post<Notice>('/notices', notice),
  notice: (id: number) => http.get<Notice>(`/notices/${id}`),
  /** The notice as the printable document the enterprise signs for. */
  noticePdf: (id: number) => download(`/notices/${id}.pdf`),
}

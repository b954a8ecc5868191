import { download, http, type Download, type Page, type PageQuery } from './http'
import type { InspectionKind } from './inspections'

/** The full score of the 12-point system (记分管理). */
export const FULL_SCORE = 12
/** The most points one event may carry, and the most thresholds the settings may list. */
export const MAX_EVENT_POINTS = 12
export const MAX_THRESHOLDS = 10
/** A threshold's follow-up is due within 1–365 days of the crossing. */
export const MAX_DUE_DAYS = 365

/** finding: a scored item found on a supervising unit's inspection; manual: by hand; carried: from the cycle before. */
export const SCORE_SOURCES = ['finding', 'manual', 'carried'] as const
export type ScoreSource = (typeof SCORE_SOURCES)[number]

export const SCORE_EVENT_STATES = ['active', 'revoked'] as const
export type ScoreEventState = (typeof SCORE_EVENT_STATES)[number]

/** What crossing a threshold asks for: the station inspects more often, or the bureau interviews, enforces, lists. */
export const FOLLOWUP_ACTIONS = ['raise_frequency', 'warning_interview', 'enforcement', 'key_supervision'] as const
export type FollowupAction = (typeof FOLLOWUP_ACTIONS)[number]

export const FOLLOWUP_STATUSES = ['open', 'done'] as const
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number]

/** The unit a follow-up goes to: the enterprise's town station or its district bureau. */
export const THRESHOLD_UNITS = ['town', 'district'] as const
export type ThresholdUnit = (typeof THRESHOLD_UNITS)[number]

/** Why an event clears at the cycle's end or carries into the next cycle (scoring::Decide). */
export const ROLLOVER_REASONS = [
  'verified_on_time',
  'verified_late',
  'not_verified',
  'verified_after_carry',
  'hazard_cancelled',
  'reinspected',
  'not_reinspected',
] as const
export type RolloverReason = (typeof ROLLOVER_REASONS)[number]

/** Points an enterprise incurred in a cycle. */
export interface ScoreEvent {
  id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  /** Named by the year it starts in: cycle 2026 runs 2026-10-01 … 2027-09-30 by default. */
  cycle: number
  occurred_at: string
  /** China date, YYYY-MM-DD. */
  occurred_on: string
  points: number
  source: ScoreSource
  checklist_item_id: number | null
  /** The checklist item of a finding (kept by a carried event). */
  item_text: string
  inspection_id: number | null
  hazard_id: number | null
  /** Why points were recorded by hand (kept by a carried event). */
  reason: string
  /** The event of the cycle before that this one carries. */
  carried_from_event_id: number | null
  recorded_by_name: string
  state: ScoreEventState
  revoked_at: string | null
  revoke_reason: string
  /** An event without a hazard clears at the rollover once its re-inspection is recorded. */
  reinspected_at: string | null
  reinspection_note: string
  created_at: string
  version: number
}

/** What the end of the cycle would do with the event, judged on things as they stand now. */
export interface AtRollover {
  clears: boolean
  reason: RolloverReason
}

export interface CardEvent extends ScoreEvent {
  at_rollover: AtRollover
}

/** The work a threshold's crossing created, once per enterprise, cycle and threshold. */
export interface Followup {
  id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  cycle: number
  threshold_points: number
  action: FollowupAction
  /** The town (station) or district (bureau) region whose unit owns it. */
  unit_region_code: string
  total_at_crossing: number
  crossed_at: string
  due_on: string
  /** Open and past its due day, as the server judged it when listing (false on the score card). */
  overdue: boolean
  status: FollowupStatus
  /** An interview's day. */
  held_on: string | null
  attendees: string
  minutes: string
  note: string
  closed_at: string | null
  closed_by_name: string
  created_at: string
  version: number
}

export interface Threshold {
  points: number
  action: FollowupAction
  unit: ThresholdUnit
  due_days: number
}

export interface CardThreshold {
  points: number
  action: FollowupAction
  unit: ThresholdUnit
  /** The cycle's total reaches it now. */
  crossed: boolean
  followup: Followup | null
}

export interface ScoreCard {
  enterprise_id: number
  enterprise_name: string
  cycle: number
  first_day: string
  last_day: string
  /** The sum of the cycle's active events. */
  total: number
  full_score: number
  /** Active and revoked, newest first. */
  events: CardEvent[]
  thresholds: CardThreshold[]
}

export interface RankedEnterprise {
  enterprise_id: number
  name: string
  uscc: string
  region_code: string
  points: number
  /** Active events of the cycle. */
  events: number
}

export interface RankingPage extends Page<RankedEnterprise> {
  /** The cycle ranked: the one asked for, or today's. */
  cycle: number
}

export interface ScoringSettings {
  /** "MM-DD": the day every cycle starts. */
  cycle_start: string
  thresholds: Threshold[]
  updated_at: string
  version: number
}

export interface SettingsChanges {
  version: number
  cycle_start?: string
  thresholds?: Threshold[]
}

export interface NewScoreEvent {
  enterprise_id: number
  points: number
  reason: string
  /** Default today; not after today. */
  occurred_on?: string
}

export interface FollowupClosing {
  version: number
  held_on?: string
  attendees?: string
  minutes?: string
  note?: string
}

export interface RolloverItem {
  event_id: number
  enterprise_id: number
  enterprise_name: string
  points: number
  clears: boolean
  reason: RolloverReason
  /** The event that carries it into the new cycle (null on a dry run or when it clears). */
  carried_event_id: number | null
}

export interface RolloverReport {
  /** The cycle rolled into: its events come from the cycle before. */
  cycle: number
  dry_run: boolean
  /** The end of the cycle before, as an instant: everything is judged as it stood then. */
  judged_at: string
  cleared: number
  carried: number
  /** Events decided by an earlier run, left as they were. */
  already_decided: number
  items: RolloverItem[]
}

export interface ScoreEventQuery extends PageQuery {
  enterprise_id?: number | null
  cycle?: number | null
  state?: ScoreEventState | ''
  region_code?: string | null
}

export interface RankingQuery extends PageQuery {
  cycle?: number | null
  region_code?: string | null
  min_points?: number | null
}

export interface FollowupQuery extends PageQuery {
  status?: FollowupStatus | ''
  action?: FollowupAction | ''
  cycle?: number | null
  enterprise_id?: number | null
  region_code?: string | null
  /** Exactly this owning unit: a town station's or a district bureau's region code. */
  unit_region_code?: string | null
}

/** The exports take a list's filters without its paging. */
export type ScoreEventExportQuery = Omit<ScoreEventQuery, 'page' | 'page_size'>
export type RankingExportQuery = Omit<RankingQuery, 'page' | 'page_size'>
export type FollowupExportQuery = Omit<FollowupQuery, 'page' | 'page_size'>

// ---- The quarter of the scored sectors (季度)

/**
 * The slot of a quarter's generated plan: `all` the whole quarter (every enterprise of the scored
 * sectors once), `m1`–`m3` a month of it (the enterprises past the raise-frequency threshold).
 */
export const QUARTER_PLAN_SLOTS = ['all', 'm1', 'm2', 'm3'] as const
export type QuarterPlanSlot = (typeof QUARTER_PLAN_SLOTS)[number]

export interface QuarterPlan {
  id: number
  name: string
  slot: QuarterPlanSlot
  /** China dates, YYYY-MM-DD, both days included. */
  starts_on: string
  due_on: string
}

/** One town of the quarter: how far its station got with the scored sectors. */
export interface QuarterTown {
  /** The town's 12-digit code: its station's region code. */
  region_code: string
  name: string
  /** Operating enterprises of the scored sectors. */
  enterprises: number
  /** Of them, on a plan of the quarter. */
  planned: number
  /** Of them, reached by a finished scored inspection in the quarter. */
  inspected: number
  missing: number
  /** Finished scored inspections in the quarter. */
  inspections: number
  /** Active score events of the quarter's days, and their points. */
  events: number
  points: number
  /** Follow-ups created in the quarter. */
  thresholds_crossed: number
  /** Follow-ups open now. */
  followups_open: number
  /** The plans the station generated for the quarter (none until it does). */
  plans: QuarterPlan[]
}

/** One of the quarter's scored inspections drawn for a check (the same ones for a quarter and scope). */
export interface SpotCheck {
  inspection_id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  kind: InspectionKind
  inspector_name: string
  finished_at: string
  /** Items found wanting. */
  findings: number
}

export interface QuarterSummary {
  /** "2026Q4" */
  quarter: string
  /** The quarter's first and last days. */
  first: string
  last: string
  towns: QuarterTown[]
  spot_checks: SpotCheck[]
}

export interface MissingEnterprise {
  id: number
  name: string
  uscc: string
  region_code: string
}

export interface MissingPage extends Page<MissingEnterprise> {
  quarter: string
}

export interface QuarterQuery {
  region_code?: string | null
  /** "YYYYQn"; this quarter when empty. */
  quarter?: string | null
}

export type MissingQuery = PageQuery & QuarterQuery

export interface GeneratedQuarterPlan extends QuarterPlan {
  /** Enterprises on the plan. */
  targets: number
}

/** The answer of generating a town's quarter plans. */
export interface QuarterPlans {
  quarter: string
  region_code: string
  plans: GeneratedQuarterPlan[]
  /** Enterprises on the monthly plans (past the raise-frequency threshold). */
  raised: number
  /** Raise-frequency follow-ups the monthly plans closed. */
  followups_closed: number
}

export const scoringApi = {
  /** The cycle defaults to today's. */
  card: (enterpriseId: number, cycle?: number | null) => http.get<ScoreCard>(`/scoring/enterprises/${enterpriseId}`, { cycle }),
  events: (query: ScoreEventQuery) => http.get<Page<ScoreEvent>>('/scoring/events', { ...query }),
  record: (event: NewScoreEvent) => http.post<ScoreEvent>('/scoring/events', event),
  revoke: (id: number, version: number, reason: string) => http.post<ScoreEvent>(`/scoring/events/${id}/revoke`, { version, reason }),
  reinspect: (id: number, version: number, note: string) => http.post<ScoreEvent>(`/scoring/events/${id}/reinspection`, { version, note }),
  rankings: (query: RankingQuery) => http.get<RankingPage>('/scoring/rankings', { ...query }),
  followups: (query: FollowupQuery) => http.get<Page<Followup>>('/scoring/followups', { ...query }),
  close: (id: number, closing: FollowupClosing) => http.post<Followup>(`/scoring/followups/${id}/close`, closing),
  settings: () => http.get<ScoringSettings>('/scoring/settings'),
  updateSettings: (changes: SettingsChanges) => http.patch<ScoringSettings>('/scoring/settings', changes),
  rollover: (cycle: number, dryRun: boolean) =>
    http.post<RolloverReport>(`/scoring/cycles/${cycle}/rollover`, { dry_run: dryRun }),
  quarter: (query: QuarterQuery) => http.get<QuarterSummary>('/scoring/quarter', { ...query }),
  missing: (query: MissingQuery) => http.get<MissingPage>('/scoring/quarter/missing', { ...query }),
  /** A town station generates its quarter's plans once: 409 quarter_planned, 422 quarter_over. */
  generatePlans: (regionCode: string, quarter: string) =>
    http.post<QuarterPlans>('/scoring/quarter/plans', { region_code: regionCode, quarter }),
  // The exports: the labels come in the language of the page.
  exportRankings: (query: RankingExportQuery): Promise<Download> => download('/scoring/rankings/export.xlsx', { ...query }),
  exportEvents: (query: ScoreEventExportQuery): Promise<Download> => download('/scoring/events/export.xlsx', { ...query }),
  exportFollowups: (query: FollowupExportQuery): Promise<Download> => download('/scoring/followups/export.xlsx', { ...query }),
  exportMissing: (query: QuarterQuery): Promise<Download> => download('/scoring/quarter/missing/export.xlsx', { ...query }),
}

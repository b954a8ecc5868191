import { download, http, type Download, type Page, type PageQuery } from './http'

/** Credit classes, best first (安全生产诚信等级). */
export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'] as const
export type CreditClass = (typeof CREDIT_CLASSES)[number]

/** Standardization levels (标准化等级), best first; below level 3 there is none. */
export const STANDARDIZATION_LEVELS = ['1', '2', '3'] as const
export type StandardizationLevel = (typeof STANDARDIZATION_LEVELS)[number]

/** The parts of an evaluation besides standardization, each scored 0–100. */
export const CREDIT_PARTS = ['safety_culture', 'participation', 'commitment', 'compliance'] as const
export type CreditPart = (typeof CREDIT_PARTS)[number]

/** A station or bureau prepares (draft, returned) and submits; a bureau or administrator approves or returns. */
export const EVALUATION_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number]

/** The rules that hold a class down, in the server's order (credit::DefaultRules). */
export const CREDIT_RULE_CODES = ['blacklisted', 'score_points', 'listed_major_hazard', 'concealed_accident'] as const
export type CreditRuleCode = (typeof CREDIT_RULE_CODES)[number]

/** listed: in force today; ended: its term is over; removed: taken off early. */
export const LISTING_STATUSES = ['listed', 'ended', 'removed'] as const
export type ListingStatus = (typeof LISTING_STATUSES)[number]

export type CreditWeights = { standardization: number } & Record<CreditPart, number>

export interface CreditSettings {
  /** Whole percent, summing to 100; standardization at least 50. */
  weights: CreditWeights
  /** The least credit score of A, B and C (below C's: D). */
  class_cutoffs: [number, number, number]
  /** The least standardization score of levels 1, 2 and 3. */
  level_cutoffs: [number, number, number]
  blacklist_years: number
  /** Early removal from the blacklist may be applied for once these have passed. */
  removal_after_months: number
  updated_at: string
  version: number
}

/** PATCH /credit/settings takes the cut-offs as objects, where GET answers arrays. */
export interface CreditSettingsChanges {
  version: number
  weights?: CreditWeights
  class_cutoffs?: { A: number; B: number; C: number }
  level_cutoffs?: { '1': number; '2': number; '3': number }
  blacklist_years?: number
  removal_after_months?: number
}

export interface CreditRule {
  code: CreditRuleCode
  enabled: boolean
  /** While the rule's fact holds, the class is at best this. */
  max_class: CreditClass
  /** score_points only: this many points or more in the 12-point cycle. */
  threshold: number
  updated_at: string
  version: number
}

export interface CreditRuleChanges {
  version: number
  enabled?: boolean
  max_class?: CreditClass
  threshold?: number
}

/** The standardization self-assessment: points of the applicable items out of their maximum. */
export interface StandardizationInput {
  points: number
  maximum: number
  /** The maximum of the items that do not apply. */
  not_applicable: number
}

export interface Evaluation {
  id: number
  enterprise_id: number
  enterprise_name: string
  uscc: string
  region_code: string
  year: number
  /** 1 for the year's first; an approved one is changed by a new revision. */
  revision: number
  status: EvaluationStatus
  standardization: StandardizationInput
  parts: Record<CreditPart, number>
  /** An accident concealed or reported late (瞒报、谎报、迟报). */
  concealed_accident: boolean
  note: string
  /** Set on approval. */
  final_class: CreditClass | null
  credit_score: number | null
  standardization_level: StandardizationLevel | null
  prepared_by_name: string
  submitted_at: string | null
  approved_at: string | null
  approved_on: string | null
  approved_by_name: string
  return_reason: string
  /** The approved revision that stands for its enterprise and year. */
  current: boolean
  repaired_at: string | null
  created_at: string
  updated_at: string
  version: number
}

/** What the rules looked at: as they stand now, or as they stood at approval. */
export interface CreditFacts {
  blacklisted: boolean
  /** Points in the 12-point cycle `points_cycle`. */
  points: number
  points_cycle: number
  /** Major hazards under listed supervision, not yet verified. */
  listed_major_hazards: number
  concealed_accident: boolean
}

/** One evaluation, two results: the standardization level and the credit class. */
export interface EvaluationResult {
  /** What it would be if approved now (false once approved: then fixed). */
  provisional: boolean
  standardization_score: number
  standardization_level: StandardizationLevel | null
  credit_score: number
  /** The class by the score alone. */
  score_class: CreditClass
  final_class: CreditClass
  /** "score", or the code of the rule that set the class. */
  decided_by: 'score' | CreditRuleCode
  /** The enabled rules whose facts hold, in rule order. */
  applied: CreditRuleCode[]
  facts: CreditFacts
}

export interface RatedEvaluation extends Evaluation {
  result: EvaluationResult
}

export interface NewEvaluation {
  enterprise_id: number
  year: number
  standardization: StandardizationInput
  parts: Record<CreditPart, number>
  concealed_accident?: boolean
  note?: string
}

export interface EvaluationChanges {
  version: number
  standardization?: StandardizationInput
  parts?: Record<CreditPart, number>
  concealed_accident?: boolean
  note?: string
}

export interface EvaluationQuery extends PageQuery {
  year?: number | null
  status?: EvaluationStatus | ''
  class?: CreditClass | ''
  region_code?: string | null
  enterprise_id?: number | null
  /** Only the approved revisions that stand. */
  current?: boolean | null
}

export interface ClassCounts {
  A: number
  B: number
  C: number
  D: number
}

export interface DistributionRow {
  region_code: string
  name: string
  classes: ClassCounts
  rated: number
  /** Listed on the blacklist today. */
  blacklisted: number
}

export interface Distribution {
  /** The year counted: the one asked for, or the latest rated. */
  year: number
  /** The region code is null for an administrator's whole city. */
  total: Omit<DistributionRow, 'name' | 'region_code'> & { region_code: string | null }
  /** One level below the caller's (or the asked) region. */
  regions: DistributionRow[]
}

export interface DistributionQuery {
  year?: number | null
  region_code?: string | null
}

export interface Listing {
  id: number
  enterprise_id: number
  enterprise_name: string
  uscc: string
  region_code: string
  reason: string
  /** The authority that imposed the penalty and decided the listing. */
  authority: string
  /** The party is told before the listing begins. */
  notified_on: string
  starts_on: string
  ends_on: string
  /** In force today. */
  listed: boolean
  /** From this day early removal may be applied for. */
  removal_opens_on: string
  removed_on: string | null
  removal_reason: string
  decided_by_name: string
  unit_region_code: string
  created_at: string
  version: number
}

export interface NewListing {
  enterprise_id: number
  reason: string
  authority: string
  notified_on: string
  starts_on: string
  /** Default: the settings' years from the start. */
  ends_on?: string
}

export interface ListingQuery extends PageQuery {
  status?: ListingStatus | ''
  region_code?: string | null
  enterprise_id?: number | null
}

/** A repair ends the disclosure of a D rating, or takes a listing off the blacklist early. */
export const REPAIR_KINDS = ['rating', 'blacklist'] as const
export type RepairKind = (typeof REPAIR_KINDS)[number]

/** applied: waiting for a bureau's decision. */
export const REPAIR_STATUSES = ['applied', 'approved', 'rejected'] as const
export type RepairStatus = (typeof REPAIR_STATUSES)[number]

/** 信用修复: an enterprise's application, with its statement and evidence, and the decision. */
export interface Repair {
  id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  kind: RepairKind
  evaluation_id: number | null
  listing_id: number | null
  statement: string
  evidence: string
  /** Uploads of the enterprise (POST /files), at most 9. */
  file_ids: number[]
  status: RepairStatus
  applied_by_name: string
  decision_note: string
  decided_by_name: string
  decided_at: string | null
  created_at: string
  version: number
}

export type NewRepair =
  | { kind: 'rating'; evaluation_id: number; statement: string; evidence: string; file_ids?: number[] }
  | { kind: 'blacklist'; listing_id: number; statement: string; evidence: string; file_ids?: number[] }

export interface RepairQuery extends PageQuery {
  status?: RepairStatus | ''
  enterprise_id?: number | null
}

/** What a class (or the blacklist) carries: incentives for A, constraints for D and the blacklist. */
export const MEASURE_CLASSES = ['A', 'B', 'C', 'D', 'blacklist'] as const
export type MeasureClass = (typeof MEASURE_CLASSES)[number]

export const MEASURE_AREAS = ['awards', 'supervision', 'loans', 'electricity', 'land', 'tax'] as const
export type MeasureArea = (typeof MEASURE_AREAS)[number]

export interface Measure {
  id: number
  credit_class: MeasureClass
  area: MeasureArea
  text: string
  enabled: boolean
  updated_at: string
  version: number
}

export interface MeasureChanges {
  version: number
  text?: string
  enabled?: boolean
}

/** GET /credit/enterprises/{id}: the enterprise's rating, listings, repairs and the measures it carries. */
export interface EnterpriseCredit {
  enterprise_id: number
  name: string
  /** The latest approved rating that stands, with its result. */
  rating: RatedEvaluation | null
  listings: Listing[]
  repairs: Repair[]
  /** The enabled measures of its class, and of the blacklist while listed. */
  measures: Measure[]
}

export interface MeasuresExportQuery {
  year?: number | null
  region_code?: string | null
}

/** One enterprise as the public sees it: A and D (unrepaired) shown, B and C not. */
export interface PublicCreditEntry {
  name: string
  uscc: string
  region_code: string
  credit_class: 'A' | 'D' | null
  year: number | null
  rated_on: string | null
  blacklist: { starts_on: string; ends_on: string; reason: string; authority: string } | null
}

/** 红榜 (commended: class A) and 黑榜 (exposed: class D, and the blacklist). */
export const PUBLIC_LISTS = ['commended', 'exposed'] as const
export type PublicList = (typeof PUBLIC_LISTS)[number]

export const creditApi = {
  settings: () => http.get<CreditSettings>('/credit/settings'),
  updateSettings: (changes: CreditSettingsChanges) => http.patch<CreditSettings>('/credit/settings', changes),
  rules: () => http.get<{ items: CreditRule[] }>('/credit/rules'),
  updateRule: (code: CreditRuleCode, changes: CreditRuleChanges) => http.patch<CreditRule>(`/credit/rules/${code}`, changes),
  evaluations: (query: EvaluationQuery) => http.get<Page<Evaluation>>('/credit/evaluations', { ...query, current: query.current || null }),
  evaluation: (id: number) => http.get<RatedEvaluation>(`/credit/evaluations/${id}`),
  /** 409 evaluation_open when the enterprise's year has one not yet approved; after an approved one, the next revision. */
  create: (evaluation: NewEvaluation) => http.post<RatedEvaluation>('/credit/evaluations', evaluation),
  update: (id: number, changes: EvaluationChanges) => http.patch<RatedEvaluation>(`/credit/evaluations/${id}`, changes),
  submit: (id: number, version: number) => http.post<RatedEvaluation>(`/credit/evaluations/${id}/submit`, { version }),
  approve: (id: number, version: number) => http.post<RatedEvaluation>(`/credit/evaluations/${id}/approve`, { version }),
  return: (id: number, version: number, reason: string) => http.post<RatedEvaluation>(`/credit/evaluations/${id}/return`, { version, reason }),
  distribution: (query: DistributionQuery) => http.get<Distribution>('/credit/distribution', { ...query }),
  listings: (query: ListingQuery) => http.get<Page<Listing>>('/credit/blacklist', { ...query }),
  listing: (id: number) => http.get<Listing>(`/credit/blacklist/${id}`),
  /** 409 already_listed; 422 not_notified_first. */
  addListing: (listing: NewListing) => http.post<Listing>('/credit/blacklist', listing),
  /** 422 removal_too_early before removal_opens_on; 409 listing_not_active. */
  removeListing: (id: number, version: number, reason: string) => http.post<Listing>(`/credit/blacklist/${id}/removal`, { version, reason }),
  enterprise: (enterpriseId: number) => http.get<EnterpriseCredit>(`/credit/enterprises/${enterpriseId}`),
  repairs: (query: RepairQuery) => http.get<Page<Repair>>('/credit/repairs', { ...query }),
  /** The enterprise account, for itself: 422 not_repairable, removal_too_early; 409 repair_open, listing_not_active. */
  applyRepair: (repair: NewRepair) => http.post<Repair>('/credit/repairs', repair),
  /** Bureaus and administrators; a rejection needs a note. */
  decideRepair: (id: number, version: number, approve: boolean, note: string) => http.post<Repair>(`/credit/repairs/${id}/decision`, { version, approve, note }),
  measures: () => http.get<{ items: Measure[] }>('/credit/measures'),
  updateMeasure: (id: number, changes: MeasureChanges) => http.patch<Measure>(`/credit/measures/${id}`, changes),
  /** The year's ratings with the measures each carries, for other departments. */
  exportMeasures: (query: MeasuresExportQuery): Promise<Download> => download('/credit/measures/export.xlsx', { ...query }),
}

// No session: the public page (信用公示) calls these two and nothing else.
export const publicCreditApi = {
  list: (list: PublicList, query: PageQuery) => http.get<Page<PublicCreditEntry>>('/public/credit', { list, ...query }),
  /** 2–100 characters: a name contains it, or a credit code equals it; at most 20. */
  lookup: (q: string) => http.get<{ items: PublicCreditEntry[] }>('/public/credit/lookup', { q }),
}

import type { ChecklistItem } from './checklists'
import type { Photo } from './files'
import { http, type Page, type PageQuery } from './http'

export const INSPECTION_KINDS = [
  'grid_patrol',
  'town_routine',
  'district_enforcement',
  'expert_diagnosis',
  'alliance_mutual',
  'self_check',
  'special_campaign',
] as const
/** 网格巡查, 镇街日常检查, 区县执法检查, 专家诊断, 联盟互查, 企业自查, 专项检查. */
export type InspectionKind = (typeof INSPECTION_KINDS)[number]

export const INSPECTION_STATUSES = ['in_progress', 'finished'] as const
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number]

/** 符合, 发现问题, 不适用. */
export const ITEM_RESULTS = ['conforming', 'finding', 'not_applicable'] as const
export type ItemResultValue = (typeof ITEM_RESULTS)[number]

export const FINDING_LEVELS = ['general', 'major'] as const
export type FindingLevel = (typeof FINDING_LEVELS)[number]

export interface ItemResult {
  item_id: number
  result: ItemResultValue
  note: string
  /** Only on a finding; null leaves it to the item (major for a major-hazard criterion). */
  hazard_level: FindingLevel | null
  /** The hazard a finding became, once the inspection is finished. */
  hazard_id: number | null
  /** The answer's photos, in the order they were taken; a finding's become its hazard's before-photos. */
  photos: Photo[]
}

export interface Inspection {
  id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  kind: InspectionKind
  checklist_id: number | null
  checklist_name: string
  checklist_version_id: number | null
  status: InspectionStatus
  inspector_user_id: number
  inspector_name: string
  /** The inspecting unit's region; null for an enterprise's self-check. */
  unit_region_code: string | null
  /** The other inspectors' names. */
  companions: string
  started_at: string
  finished_at: string | null
  longitude: number | null
  latitude: number | null
  summary: string
  /** How many items were answered with a finding. */
  findings: number
  results: ItemResult[]
  created_at: string
  updated_at: string
  version: number
}

/** One inspection with the items of the checklist version it uses. */
export interface InspectionDetail extends Inspection {
  items: ChecklistItem[]
}

export interface InspectionQuery extends PageQuery {
  /** The region and everything below it. */
  region_code?: string | null
  enterprise_id?: number | null
  kind?: InspectionKind | ''
  status?: InspectionStatus | ''
  /** Started on or after this China date, YYYY-MM-DD. */
  from?: string | null
  /** Started on or before this China date, YYYY-MM-DD. */
  to?: string | null
}

export interface NewInspection {
  enterprise_id: number
  kind: InspectionKind
  checklist_id: number | null
  companions?: string
  longitude?: number
  latitude?: number
}

/**
 * A result as saved: the hazard link is the server's. The photos go as ids, the answer's photos as
 * a whole (at most 9, each uploaded for the inspection's enterprise); left out, they stay as they are.
 */
export type ItemAnswer = Omit<ItemResult, 'hazard_id' | 'photos'> & { photo_ids?: number[] }

/** What PATCH /inspections/{id} takes: the version and whatever changed since. */
export interface InspectionProgress {
  version: number
  /** Upserted per item; the others stay as they were. */
  results?: ItemAnswer[]
  companions?: string
  summary?: string
  longitude?: number | null
  latitude?: number | null
}

export const inspectionsApi = {
  list: (query: InspectionQuery) => http.get<Page<Inspection>>('/inspections', { ...query }),
  get: (id: number) => http.get<InspectionDetail>(`/inspections/${id}`),
  start: (inspection: NewInspection) => http.post<InspectionDetail>('/inspections', inspection),
  save: (id: number, progress: InspectionProgress) => http.patch<InspectionDetail>(`/inspections/${id}`, progress),
  /** Every item needs a result (409 inspection_incomplete); each finding becomes a hazard. */
  finish: (id: number, version: number) => http.post<InspectionDetail>(`/inspections/${id}/finish`, { version }),
}

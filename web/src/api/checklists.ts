import { http, type Page, type PageQuery } from './http'

export const CHECKLIST_PURPOSES = ['patrol', 'scored', 'evaluation', 'diagnosis', 'major_hazard', 'campaign'] as const
/** 日常巡查, 记分检查, 年度评价, 专家诊断, 重大隐患判定, 专项检查. */
export type ChecklistPurpose = (typeof CHECKLIST_PURPOSES)[number]

/** 人/机/物/环/管, in that order. */
export const ITEM_CATEGORIES = ['people', 'machines', 'materials', 'environment', 'management'] as const
export type ItemCategory = (typeof ITEM_CATEGORIES)[number]

/** The most points a scored item may cost (the 12-point system). */
export const MAX_ITEM_POINTS = 12

/** A template, as lists show it. */
export interface Checklist {
  id: number
  /** Lower-case letters, digits and '_', unique. */
  code: string
  name: string
  purpose: ChecklistPurpose
  /** The enterprises it applies to (any of these tags); none: every enterprise. */
  hazard_tags: string[]
  /** A GB/T 4754 prefix the enterprise's industry must start with; '' for all. */
  industry_code: string
  current_version: number
  /** Items of the current version. */
  item_count: number
  created_at: string
  updated_at: string
  version: number
}

/** One criterion of a checklist version. */
export interface ChecklistItem {
  id: number
  position: number
  text: string
  category: ItemCategory
  legal_basis: string
  /** What a finding costs in the 12-point system; null when unscored. */
  points: number | null
  /** A criterion of the major-hazard standard: a finding is a major hazard by default. */
  major_hazard: boolean
}

/** A frozen version of a template: inspections keep the one they used. */
export interface ChecklistVersion {
  id: number
  number: number
  note: string
  /** Username of whoever wrote it ("system" for the seeded ones). */
  created_by: string
  created_at: string
  items: ChecklistItem[]
}

export interface ChecklistDetail extends Checklist {
  checklist_version: ChecklistVersion
}

export interface ChecklistQuery extends PageQuery {
  purpose?: ChecklistPurpose | ''
  /** Name substring. */
  q?: string
  /** Only the templates that apply to this enterprise (its tags and industry). */
  enterprise_id?: number | null
}

/** An item as written: the server numbers them in order. */
export interface NewChecklistItem {
  text: string
  category: ItemCategory
  legal_basis: string
  points: number | null
  major_hazard: boolean
}

export interface NewChecklist {
  code: string
  name: string
  purpose: ChecklistPurpose
  hazard_tags: string[]
  industry_code: string
  /** What the first version is about. */
  note: string
  items: NewChecklistItem[]
}

/** The next version: the template's fields that change and the whole new list of items. */
export interface ChecklistRevision {
  /** The template's version it was based on (409 stale_version otherwise). */
  version: number
  name?: string
  purpose?: ChecklistPurpose
  hazard_tags?: string[]
  industry_code?: string
  note: string
  items: NewChecklistItem[]
}

export const checklistsApi = {
  list: (query: ChecklistQuery) => http.get<Page<Checklist>>('/checklists', { ...query }),
  /** The current version's items unless `version` names another. */
  get: (id: number, version?: number | null) => http.get<ChecklistDetail>(`/checklists/${id}`, { version }),
  create: (checklist: NewChecklist) => http.post<ChecklistDetail>('/checklists', checklist),
  revise: (id: number, revision: ChecklistRevision) => http.post<ChecklistDetail>(`/checklists/${id}/versions`, revision),
}

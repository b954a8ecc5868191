import type { EnterpriseStatus, Scale } from './enterprises'
import { http, type Page, type PageQuery } from './http'
import type { InspectionKind } from './inspections'

/** The kinds a plan may ask for: every inspection kind but an enterprise's self-check. */
export const PLAN_KINDS = [
  'grid_patrol',
  'town_routine',
  'district_enforcement',
  'expert_diagnosis',
  'alliance_mutual',
  'special_campaign',
] as const satisfies readonly InspectionKind[]
export type PlanKind = (typeof PLAN_KINDS)[number]

/** open: due today or later; past: due before today. */
export const PLAN_STATUSES = ['open', 'past'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]

/** Where one enterprise of a plan stands: a counting inspection finished, due day passed, or neither. */
export const TARGET_STATUSES = ['done', 'pending', 'overdue'] as const
export type TargetStatus = (typeof TARGET_STATUSES)[number]

/** The most enterprises one plan may name. */
export const MAX_TARGETS = 5000

/** An inspection plan (检查计划) as lists show it. */
export interface Plan {
  id: number
  name: string
  kind: PlanKind
  /** The planning unit's region: a town for a station, a district or city for a bureau. */
  unit_region_code: string
  /** China dates, YYYY-MM-DD, both days included. */
  starts_on: string
  due_on: string
  note: string
  created_by_user_id: number
  created_by_name: string
  created_at: string
  updated_at: string
  version: number
  /** Over the targets in the caller's scope. */
  target_count: number
  done_count: number
}

/** One enterprise of a plan, with the plan's own fields (a task list shows them together). */
export interface PlanTarget {
  plan_id: number
  plan_name: string
  kind: PlanKind
  starts_on: string
  due_on: string
  enterprise_id: number
  enterprise_name: string
  region_code: string
  /** Null: anyone of the planning unit. */
  assignee_user_id: number | null
  assignee_name: string
  /** The finished inspection that counts for the plan, once there is one. */
  inspection_id: number | null
  finished_at: string | null
  status: TargetStatus
}

export interface PlanDetail extends Plan {
  targets: PlanTarget[]
}

export interface PlanQuery extends PageQuery {
  status?: PlanStatus | ''
}

/** Picks the enterprises of the caller's scope that match; operating ones unless `status` says otherwise. */
export interface PlanTargetFilter {
  /** The region and everything below it. */
  region_code?: string
  grid_id?: number
  /** A section ("C") or a division ("C33"). */
  industry_code?: string
  tag?: string
  scale?: Scale
  status?: EnterpriseStatus
}

/** What POST /inspection-plans takes: exactly one of `enterprise_ids` and `filter`. */
export interface NewPlan {
  name: string
  kind: PlanKind
  starts_on: string
  due_on: string
  note?: string
  enterprise_ids?: number[]
  filter?: PlanTargetFilter
  /** Left out: a grid patrol goes to each enterprise's grid worker, other kinds to the unit. */
  assignee_user_id?: number
}

/** A PATCH carries the version it was based on and only the fields that changed. */
export interface PlanChanges {
  version: number
  name?: string
  due_on?: string
  note?: string
}

export const plansApi = {
  list: (query: PlanQuery) => http.get<Page<Plan>>('/inspection-plans', { ...query }),
  get: (id: number) => http.get<PlanDetail>(`/inspection-plans/${id}`),
  create: (plan: NewPlan) => http.post<PlanDetail>('/inspection-plans', plan),
  update: (id: number, changes: PlanChanges) => http.patch<PlanDetail>(`/inspection-plans/${id}`, changes),
  /** The caller's own targets not yet done, of plans that have begun, soonest due first. */
  tasks: (query: PageQuery) => http.get<Page<PlanTarget>>('/inspection-plans/tasks', { ...query }),
}

import { http, type Page, type PageQuery } from './http'
import type { HazardState } from './hazards'

/** The period and region the dashboard asks about; empty values take the server's defaults. */
export interface StatsQuery {
  /** A region in the caller's scope; none: the caller's own. */
  region_code?: string | null
  /** YYYY-MM-DD; default 1 January of this year. */
  from?: string | null
  /** YYYY-MM-DD; default today. */
  to?: string | null
}

export interface HazardFigures {
  found: number
  verified: number
  /** Deadline in the period and passed, or verified. */
  due: number
  verified_on_time: number
  /** Percent with one decimal; null when nothing was due. */
  on_time_rate: number | null
  /** Now, not in the period. */
  open: number
  overdue: number
  major_listed: number
  /** Hazards by state now; states without any may be missing. */
  by_state: Partial<Record<HazardState, number>>
}

/** 全覆盖检查: the current quarter's operating enterprises reached by a finished inspection. */
export interface Coverage {
  /** e.g. "2026Q4". */
  quarter: string
  first: string
  last: string
  enterprises: number
  inspected: number
  /** Percent with one decimal; null without enterprises. */
  rate: number | null
}

export interface MonthFigures {
  /** YYYY-MM; months without any hazard may be missing. */
  month: string
  found: number
  verified: number
}

export interface RegionFigures {
  region_code: string
  name: string
  inspections: number
  hazards_found: number
  open: number
  overdue: number
}

export interface StatsOverview {
  region_code: string | null
  from: string
  to: string
  today: string
  /** Inspections finished in the period. */
  inspections: number
  enterprises_inspected: number
  hazards: HazardFigures
  coverage: Coverage
  by_month: MonthFigures[]
  /** By child region; empty for an enterprise account. */
  by_region: RegionFigures[]
}

export interface UncoveredEnterprise {
  id: number
  name: string
  uscc: string
  region_code: string
}

export interface UncoveredPage extends Page<UncoveredEnterprise> {
  quarter: string
}

export interface UncoveredQuery extends PageQuery {
  region_code?: string | null
}

export const statsApi = {
  overview: (query: StatsQuery) => http.get<StatsOverview>('/stats/overview', { ...query }),
  /** The operating enterprises in scope that no inspection has reached this quarter. */
  uncovered: (query: UncoveredQuery) => http.get<UncoveredPage>('/stats/coverage/missing', { ...query }),
}

import { http, type Page, type PageQuery } from './http'

export const SCALES = ['above', 'below'] as const
export type Scale = (typeof SCALES)[number]

export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'closed'] as const
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number]

export const STANDARDIZATION_LEVELS = [1, 2, 3] as const
export type StandardizationLevel = (typeof STANDARDIZATION_LEVELS)[number]

export const ENTERPRISE_SORTS = ['id', 'name', '-employees', '-updated_at'] as const
export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number]

export interface Enterprise {
  id: number
  /** Unified social credit code (统一社会信用代码), 18 characters. */
  uscc: string
  name: string
  /** 12-digit code of a village or community. */
  region_code: string
  /** GB/T 4754 division code such as "C33". */
  industry_code: string
  scale: Scale
  employees: number
  frontline_workers: number
  safety_inspectors: number
  /** Computed by the server: inspectors below 5% of the front-line workers. */
  inspectors_below_minimum: boolean
  hazard_tags: string[]
  address: string
  longitude: number | null
  latitude: number | null
  status: EnterpriseStatus
  standardization_level: StandardizationLevel | null
  /** YYYY-MM-DD */
  standardization_expiry: string | null
  /** The level-2 grid cell the enterprise is placed in, null when it is in none yet. */
  grid_cell_id: number | null
  created_at: string
  updated_at: string
  version: number
}

export interface EnterpriseQuery extends PageQuery {
  /** Name substring. */
  q?: string
  uscc?: string
  /** The region and everything below it. */
  region_code?: string | null
  /** A section ("C") or a division ("C33"): matched as a prefix. */
  industry_code?: string | null
  tag?: string
  scale?: Scale | ''
  status?: EnterpriseStatus | ''
  sort?: EnterpriseSort | ''
  /** A grid cell (a level-1 cell includes its children), or 'none' for enterprises in no cell. */
  grid_id?: GridFilter
}

/** The grid filter of the enterprise list: a cell id, or 'none' for enterprises in no cell. */
export type GridFilter = number | 'none' | null

/** GET /enterprises/map takes the list's filters without paging and sorting. */
export type EnterpriseMapQuery = Omit<EnterpriseQuery, 'page' | 'page_size' | 'sort'>

/** One located enterprise of the map: [id, longitude, latitude, name, status]. */
export type EnterprisePoint = [number, number, number, string, EnterpriseStatus]

export interface EnterpriseMap {
  items: EnterprisePoint[]
  /** How many enterprises match the filters, located or not. */
  total: number
  /** The most points one answer carries. */
  limit: number
}

/**
 * What POST /enterprises takes: everything but the id, version, timestamps and computed fields. The
 * grid cell is left out: without it the server places a new enterprise in its village's only cell.
 */
export type NewEnterprise = Omit<
  Enterprise,
  'id' | 'version' | 'created_at' | 'updated_at' | 'inspectors_below_minimum' | 'grid_cell_id'
>

/** A PATCH carries the version it was based on and only the fields that changed. */
export type EnterpriseChanges = Partial<NewEnterprise> & { version: number; grid_cell_id?: number | null }

export interface Industry {
  code: string
  name: string
  /** Null for the 20 sections A–T; the section letter for a division. */
  parent_code: string | null
}

export const enterprisesApi = {
  list: (query: EnterpriseQuery) => http.get<Page<Enterprise>>('/enterprises', { ...query }),
  get: (id: number) => http.get<Enterprise>(`/enterprises/${id}`),
  map: (query: EnterpriseMapQuery) => http.get<EnterpriseMap>('/enterprises/map', { ...query }),
  create: (enterprise: NewEnterprise) => http.post<Enterprise>('/enterprises', enterprise),
  update: (id: number, changes: EnterpriseChanges) => http.patch<Enterprise>(`/enterprises/${id}`, changes),
  industries: () => http.get<{ items: Industry[] }>('/industries'),
  hazardTags: () => http.get<{ items: string[] }>('/hazard-tags'),
}

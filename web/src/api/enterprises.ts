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
}

/** What POST /enterprises takes: everything but the id, version, timestamps and computed fields. */
export type NewEnterprise = Omit<Enterprise, 'id' | 'version' | 'created_at' | 'updated_at' | 'inspectors_below_minimum'>

/** A PATCH carries the version it was based on and only the fields that changed. */
export type EnterpriseChanges = Partial<NewEnterprise> & { version: number }

export interface Industry {
  code: string
  name: string
  /** Null for the 20 sections A–T; the section letter for a division. */
  parent_code: string | null
}

export const enterprisesApi = {
  list: (query: EnterpriseQuery) => http.get<Page<Enterprise>>('/enterprises', { ...query }),
  get: (id: number) => http.get<Enterprise>(`/enterprises/${id}`),
  create: (enterprise: NewEnterprise) => http.post<Enterprise>('/enterprises', enterprise),
  update: (id: number, changes: EnterpriseChanges) => http.patch<Enterprise>(`/enterprises/${id}`, changes),
  industries: () => http.get<{ items: Industry[] }>('/industries'),
  hazardTags: () => http.get<{ items: string[] }>('/hazard-tags'),
}

import { http, request } from './http'

/** 1 province, 2 city, 3 county or district, 4 town or street, 5 village or community. */
export type RegionLevel = 1 | 2 | 3 | 4 | 5

export interface Region {
  code: string
  name: string
  level: RegionLevel
  parent_code: string | null
}

export interface RegionNode extends Region {
  has_children: boolean
  children?: RegionNode[]
}

export interface RegionRef {
  code: string
  name: string
}

export interface RegionDetail extends Region {
  has_children: boolean
  /** Ancestors from the root of the tree down to the parent. */
  path: RegionRef[]
}

export interface ImportRejection {
  row: number
  field: string
  reason: string
}

export interface ImportResult {
  created: number
  updated: number
  rejected: ImportRejection[]
}

export const regionsApi = {
  roots: (depth = 1) => http.get<{ items: RegionNode[] }>('/regions', { depth }),
  get: (code: string) => http.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`),
  children: (code: string) =>
    http.get<{ items: RegionNode[] }>(`/regions/${encodeURIComponent(code)}/children`),
  importCsv: (csv: string) =>
    request<ImportResult>('POST', '/regions/import', {
      text: csv,
      contentType: 'text/csv; charset=utf-8',
    }),
}

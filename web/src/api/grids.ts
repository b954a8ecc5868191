import { http, request, type Page, type PageQuery } from './http'

/** 1: a town or street (镇街) cell; 2: a village or community (村社区) cell under a level-1 cell. */
export type GridLevel = 1 | 2

export interface GridCell {
  id: number
  level: GridLevel
  /** The level-1 cell a level-2 cell lies under; null for level 1. */
  parent_id: number | null
  /** Level 1: a town code; level 2: a village code inside the parent's town. */
  region_code: string
  name: string
  responsible_user_id: number | null
  /** The responsible account's name, '' when there is none. */
  responsible_name: string
  phone: string
  /** Enterprises in the cell; a level-1 cell counts those of its children. */
  enterprises: number
  created_at: string
  updated_at: string
  version: number
}

export interface GridQuery extends PageQuery {
  /** The region and everything below it. */
  region_code?: string | null
  level?: GridLevel | null
  parent_id?: number | null
  responsible_user_id?: number | null
  /** Name substring. */
  q?: string
}

export interface NewGridCell {
  level: GridLevel
  /** Required for level 2. */
  parent_id: number | null
  region_code: string
  name: string
  responsible_user_id: number | null
  phone: string
}

/** A PATCH carries the version it was based on and only the fields that changed. */
export interface GridCellChanges {
  version: number
  name?: string
  responsible_user_id?: number | null
  phone?: string
}

export const gridsApi = {
  list: (query: GridQuery) => http.get<Page<GridCell>>('/grids', { ...query }),
  get: (id: number) => http.get<GridCell>(`/grids/${id}`),
  create: (cell: NewGridCell) => http.post<GridCell>('/grids', cell),
  update: (id: number, changes: GridCellChanges) => http.patch<GridCell>(`/grids/${id}`, changes),
  // A DELETE carries no body: the version goes in the query.
  remove: (id: number, version: number) => request<void>('DELETE', `/grids/${id}`, { query: { version } }),
  /** Moves enterprises of the cell's village into a level-2 cell; nothing moves when one does not fit. */
  place: (id: number, enterpriseIds: number[]) =>
    http.post<{ moved: number }>(`/grids/${id}/enterprises`, { enterprise_ids: enterpriseIds }),
}

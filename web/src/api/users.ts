import { http, type Page, type PageQuery } from './http'

export const ROLES = ['admin', 'bureau', 'station', 'grid', 'enterprise', 'expert'] as const
export type Role = (typeof ROLES)[number]

export interface User {
  id: number
  username: string
  name: string
  role: Role
  region_code: string | null
  enterprise_id: number | null
  disabled: boolean
  created_at: string
  version: number
}

export interface UserQuery extends PageQuery {
  q?: string
  role?: Role | ''
  region_code?: string | null
}

export interface NewUser {
  username: string
  name: string
  password: string
  role: Role
  region_code: string | null
  enterprise_id: number | null
}

/** A PATCH carries the version it was based on and only the fields that changed. */
export interface UserChanges {
  version: number
  name?: string
  role?: Role
  region_code?: string | null
  enterprise_id?: number | null
  disabled?: boolean
}

export const usersApi = {
  list: (query: UserQuery) => http.get<Page<User>>('/users', { ...query }),
  get: (id: number) => http.get<User>(`/users/${id}`),
  create: (user: NewUser) => http.post<User>('/users', user),
  update: (id: number, changes: UserChanges) => http.patch<User>(`/users/${id}`, changes),
  resetPassword: (id: number, password: string) =>
    http.post<void>(`/users/${id}/password`, { password }),
}

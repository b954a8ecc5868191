import { http, request } from './http'
import type { User } from './users'

/** The signed-in user as GET /me and login describe it. */
export type SessionUser = Pick<User, 'id' | 'username' | 'name' | 'role' | 'region_code' | 'enterprise_id'>

export interface LoginRequest {
  username: string
  password: string
}

export interface LoginResponse {
  token: string
  csrf_token: string
  user: SessionUser
}

export interface MeResponse {
  user: SessionUser
  csrf_token: string
}

export interface PasswordChange {
  old_password: string
  new_password: string
}

export const authApi = {
  // A 401 here is a wrong password, not an expired session: the login page shows it.
  login: (credentials: LoginRequest) =>
    request<LoginResponse>('POST', '/auth/login', { json: credentials, handleUnauthorized: false }),
  logout: () => request<void>('POST', '/auth/logout', { handleUnauthorized: false }),
  // A 401 here only means nobody is signed in yet.
  me: () => request<MeResponse>('GET', '/me', { handleUnauthorized: false }),
  changePassword: (change: PasswordChange) => http.post<void>('/me/password', change),
}

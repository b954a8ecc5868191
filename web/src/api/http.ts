// The one place that talks HTTP: every module client in src/api goes through `request`.

export const API_BASE = '/api/v1'

/** The error body every non-2xx answer of the server carries. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string }
}

/** A failed call, as the caller sees it: HTTP status plus the server's code, message and field. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string

  constructor(status: number, code: string, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
  }
}

/** A page of a list endpoint. */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export interface PageQuery {
  page: number
  page_size: number
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

/** What the wrapper needs from the rest of the app; set once by main.ts (and by tests). */
export interface HttpHooks {
  csrfToken(): string | null
  locale(): string
  unauthorized(): void
}

let hooks: HttpHooks = {
  csrfToken: () => null,
  locale: () => 'zh-CN',
  unauthorized: () => {},
}

export function configureHttp(next: HttpHooks): void {
  hooks = next
}

export interface RequestOptions {
  query?: Query
  /** Sent as JSON. */
  json?: unknown
  /** Sent as is, with `contentType`. */
  text?: string
  contentType?: string
  /**
   * A 401 normally ends the session and sends the user to the login page; the login call and the
   * session probe at start-up handle their own 401.
   */
  handleUnauthorized?: boolean
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const search = params.toString()
  return API_BASE + path + (search ? `?${search}` : '')
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const error = (value as { error: unknown }).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

/** Turns a non-2xx response into an ApiError, whatever its body looks like. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    body = null
  }
  if (isErrorBody(body)) {
    const field = body.error.field || undefined
    return new ApiError(response.status, body.error.code, body.error.message, field)
  }
  const text = response.statusText ? `${response.status} ${response.statusText}` : `${response.status}`
  return new ApiError(response.status, `http_${response.status}`, `HTTP ${text}`)
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': hooks.locale(),
  }
  let body: string | undefined
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.text !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'text/plain; charset=utf-8'
    body = options.text
  }
  const csrf = hooks.csrfToken()
  if (method !== 'GET' && method !== 'HEAD' && csrf) headers['X-CSRF-Token'] = csrf

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    })
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    throw new ApiError(0, 'network_error', message)
  }

  if (!response.ok) {
    const error = await toApiError(response)
    if (response.status === 401 && options.handleUnauthorized !== false) hooks.unauthorized()
    throw error
  }
  if (response.status === 204) return undefined as T
  const contentType = response.headers.get('Content-Type') ?? ''
  if (!contentType.includes('json')) return undefined as T
  return (await response.json()) as T
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, json?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, json }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  del: <T>(path: string) => request<T>('DELETE', path),
}

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

/** What every call sends: the language of the answer, and the CSRF token with every write. */
function headersFor(method: string, accept: string): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': hooks.locale(),
  }
  const csrf = hooks.csrfToken()
  if (method !== 'GET' && method !== 'HEAD' && csrf) headers['X-CSRF-Token'] = csrf
  return headers
}

/** Throws the ApiError of a non-2xx answer (ending the session on a 401 unless told not to). */
async function throwUnlessOk(response: Response, handleUnauthorized: boolean | undefined): Promise<void> {
  if (response.ok) return
  const error = await toApiError(response)
  if (response.status === 401 && handleUnauthorized !== false) hooks.unauthorized()
  throw error
}

async function readJson<T>(response: Response, handleUnauthorized: boolean | undefined): Promise<T> {
  await throwUnlessOk(response, handleUnauthorized)
  if (response.status === 204) return undefined as T
  const contentType = response.headers.get('Content-Type') ?? ''
  if (!contentType.includes('json')) return undefined as T
  return (await response.json()) as T
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, credentials: 'same-origin' })
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    throw new ApiError(0, 'network_error', message)
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = headersFor(method, 'application/json')
  let body: string | undefined
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.text !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'text/plain; charset=utf-8'
    body = options.text
  }
  const response = await send(buildUrl(path, options.query), { method, headers, body })
  return readJson<T>(response, options.handleUnauthorized)
}

export interface UploadOptions {
  query?: Query
  /** Bytes of the body sent so far, of `total`; once all are sent the server is working. */
  onProgress?: (sent: number, total: number) => void
  /** Aborting rejects the call with an ApiError of code `aborted`. */
  signal?: AbortSignal
}

/** Whether a failed call was aborted by its caller rather than failed. */
export function isAborted(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'aborted'
}

/**
 * POSTs a file as the raw request body and reports the upload's progress, which fetch cannot do:
 * this is the one call made with XMLHttpRequest. Answers and errors are read as `request` reads them.
 */
export function upload<T>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', buildUrl(path, options.query))
    const headers = headersFor('POST', 'application/json')
    // The server tells a file's type by its content (CSV from XLSX, a photo from a PDF); a
    // browser's guess at the type (a CSV is often "application/vnd.ms-excel" on Windows) would
    // only mislead.
    headers['Content-Type'] = 'application/octet-stream'
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size)
    }
    // A small body may be sent without a single progress event: say when all of it is out.
    xhr.upload.onload = () => options.onProgress?.(file.size, file.size)
    xhr.onload = () => {
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? '' },
      })
      readJson<T>(response, true).then(resolve, reject)
    }
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'network error'))
    xhr.ontimeout = xhr.onerror
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'aborted'))
    if (options.signal?.aborted) {
      reject(new ApiError(0, 'aborted', 'aborted'))
      return
    }
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(file)
  })
}

/** A file the server sent, with the name it suggested (Content-Disposition), if any. */
export interface Download {
  blob: Blob
  filename: string | null
}

/** The file name of a Content-Disposition header; the RFC 5987 `filename*` wins over `filename`. */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim())
    } catch {
      // A malformed escape: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header)
  const name = plain ? (plain[1] ?? plain[2]).trim() : ''
  return name || null
}

/**
 * GETs a file (an export, a template) with the session and the page's language, so that errors
 * can be shown like any other and the file's headers come in the language of the page.
 */
export async function download(path: string, query?: Query): Promise<Download> {
  const response = await send(buildUrl(path, query), { method: 'GET', headers: headersFor('GET', '*/*') })
  await throwUnlessOk(response, true)
  return { blob: await response.blob(), filename: dispositionFilename(response.headers.get('Content-Disposition')) }
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, json?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, json }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  del: <T>(path: string) => request<T>('DELETE', path),
}

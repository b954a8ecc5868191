import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { ApiError, buildUrl, configureHttp, request } from './http'

type FetchArgs = [string, RequestInit]

function jsonResponse(status: number, body: unknown, statusText = ''): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    statusText,
    headers: { 'Content-Type': 'application/json' },
  })
}

describe('http', () => {
  let unauthorized: Mock<() => void>
  let csrf: string | null
  let locale: string
  let fetchMock: Mock<typeof fetch>

  beforeEach(() => {
    unauthorized = vi.fn<() => void>()
    csrf = 'csrf-123'
    locale = 'zh-CN'
    configureHttp({ csrfToken: () => csrf, locale: () => locale, unauthorized })
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  const call = (): FetchArgs => fetchMock.mock.calls[0] as unknown as FetchArgs

  it('builds URLs under /api/v1 and drops empty query values', () => {
    expect(buildUrl('/users', { page: 1, page_size: 20, q: '', role: undefined, region_code: null })).toBe(
      '/api/v1/users?page=1&page_size=20',
    )
    expect(buildUrl('/users', { q: '张 三' })).toBe('/api/v1/users?q=%E5%BC%A0+%E4%B8%89')
    expect(buildUrl('/me')).toBe('/api/v1/me')
  })

  it('GET sends Accept-Language and cookies but no CSRF header', async () => {
    locale = 'en'
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true }))
    await expect(request('GET', '/me')).resolves.toEqual({ ok: true })
    const [url, init] = call()
    const headers = init.headers as Record<string, string>
    expect(url).toBe('/api/v1/me')
    expect(init.credentials).toBe('same-origin')
    expect(headers['Accept-Language']).toBe('en')
    expect(headers['X-CSRF-Token']).toBeUndefined()
  })

  it('POST sends JSON and the CSRF token', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { id: 7 }))
    await request('POST', '/users', { json: { username: 'abc' } })
    const [, init] = call()
    const headers = init.headers as Record<string, string>
    expect(init.method).toBe('POST')
    expect(init.body).toBe('{"username":"abc"}')
    expect(headers['Content-Type']).toBe('application/json')
    expect(headers['X-CSRF-Token']).toBe('csrf-123')
  })

  it('omits the CSRF header when there is no token yet', async () => {
    csrf = null
    fetchMock.mockResolvedValue(jsonResponse(200, {}))
    await request('POST', '/auth/login', { json: {}, handleUnauthorized: false })
    expect((call()[1].headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined()
  })

  it('sends text bodies with their content type', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { created: 1, updated: 0, rejected: [] }))
    await request('POST', '/regions/import', { text: 'code,name\n', contentType: 'text/csv; charset=utf-8' })
    const [, init] = call()
    expect(init.body).toBe('code,name\n')
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('text/csv; charset=utf-8')
  })

  it('answers undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    await expect(request('POST', '/auth/logout')).resolves.toBeUndefined()
  })

  const errors: [number, string, string | undefined][] = [
    [400, 'malformed_json', undefined],
    [403, 'forbidden', undefined],
    [404, 'not_found', undefined],
    [409, 'stale_version', undefined],
    [413, 'too_large', undefined],
    [422, 'invalid_username', 'username'],
    [429, 'too_many_attempts', undefined],
  ]
  it.each(errors)('maps %i %s to an ApiError', async (status, code, field) => {
    const message = `消息 ${code}`
    fetchMock.mockResolvedValue(jsonResponse(status, { error: { code, message, ...(field ? { field } : {}) } }))
    const error = await request('GET', '/x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status, code, message, field })
    expect(unauthorized).not.toHaveBeenCalled()
  })

  it('ends the session on 401', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'unauthenticated', message: '请先登录' } }))
    const error = await request('GET', '/users').catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', message: '请先登录' })
    expect(unauthorized).toHaveBeenCalledOnce()
  })

  it('leaves a 401 of the login call to the caller', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'wrong_credentials', message: '用户名或密码错误' } }))
    const error = await request('POST', '/auth/login', { json: {}, handleUnauthorized: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 401, message: '用户名或密码错误' })
    expect(unauthorized).not.toHaveBeenCalled()
  })

  it('maps a body that is not an error object to a generic ApiError', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    const error = await request('GET', '/x').catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 502, code: 'http_502', message: 'HTTP 502 Bad Gateway' })
  })

  it('maps a network failure to status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const error = await request('GET', '/x').catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 0, code: 'network_error', message: 'Failed to fetch' })
  })
})

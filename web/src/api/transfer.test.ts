// The file transfers of the http layer: upload with progress (XMLHttpRequest) and download.
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { ApiError, configureHttp, dispositionFilename, download, isAborted, upload } from './http'

/** Enough of XMLHttpRequest for `upload`: records what is sent, answers when told to. */
class FakeXhr {
  static last: FakeXhr
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown = null
  status = 0
  statusText = ''
  responseText = ''
  responseHeaders: Record<string, string> = {}
  upload: { onprogress: ((e: ProgressEvent) => void) | null; onload: (() => void) | null } = { onprogress: null, onload: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  ontimeout: (() => void) | null = null
  onabort: (() => void) | null = null

  constructor() {
    FakeXhr.last = this
  }
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null
  }
  send(body: unknown) {
    this.body = body
  }
  abort() {
    this.onabort?.()
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true } as ProgressEvent)
  }
  answer(status: number, body: unknown, contentType = 'application/json') {
    this.upload.onload?.()
    this.status = status
    this.responseText = JSON.stringify(body)
    this.responseHeaders = { 'Content-Type': contentType }
    this.onload?.()
  }
}

describe('upload', () => {
  let unauthorized: Mock<() => void>

  beforeEach(() => {
    unauthorized = vi.fn<() => void>()
    configureHttp({ csrfToken: () => 'csrf-9', locale: () => 'en', unauthorized })
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  const file = new Blob(['uscc,name\n'], { type: 'text/csv' })

  it('POSTs the file as the raw body with the CSRF token and reports progress', async () => {
    const progress: [number, number][] = []
    const answer = upload<{ rows: number }>('/enterprises/import', file, {
      query: { mode: 'valid', dry_run: true },
      onProgress: (sent, total) => progress.push([sent, total]),
    })
    const xhr = FakeXhr.last
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/v1/enterprises/import?mode=valid&dry_run=true')
    expect(xhr.body).toBe(file)
    expect(xhr.headers).toMatchObject({
      'Content-Type': 'application/octet-stream',
      'X-CSRF-Token': 'csrf-9',
      'Accept-Language': 'en',
      Accept: 'application/json',
    })
    xhr.progress(4, 10)
    xhr.answer(200, { rows: 3 })
    await expect(answer).resolves.toEqual({ rows: 3 })
    expect(progress).toEqual([
      [4, 10],
      [file.size, file.size],
    ])
  })

  const errors: [number, string, string | undefined][] = [
    [413, 'body_too_large', undefined],
    [422, 'file_not_utf8', 'file'],
    [403, 'forbidden', undefined],
  ]
  it.each(errors)('maps %i %s to an ApiError with the server message', async (status, code, field) => {
    const answer = upload('/enterprises/import', file).catch((e: unknown) => e)
    FakeXhr.last.answer(status, { error: { code, message: `消息 ${code}`, field } })
    const error = await answer
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status, code, message: `消息 ${code}`, field })
    expect(unauthorized).not.toHaveBeenCalled()
  })

  it('ends the session on 401', async () => {
    const answer = upload('/enterprises/import', file).catch((e: unknown) => e)
    FakeXhr.last.answer(401, { error: { code: 'unauthenticated', message: '请先登录' } })
    expect(await answer).toMatchObject({ status: 401 })
    expect(unauthorized).toHaveBeenCalledOnce()
  })

  it('maps a dropped connection to status 0', async () => {
    const answer = upload('/enterprises/import', file).catch((e: unknown) => e)
    FakeXhr.last.onerror?.()
    expect(await answer).toMatchObject({ status: 0, code: 'network_error' })
  })

  it('is aborted through its signal', async () => {
    const controller = new AbortController()
    const answer = upload('/enterprises/import', file, { signal: controller.signal }).catch((e: unknown) => e)
    controller.abort()
    const error = await answer
    expect(isAborted(error)).toBe(true)
    expect(isAborted(new ApiError(0, 'network_error', 'x'))).toBe(false)
  })
})

describe('download', () => {
  let fetchMock: Mock<typeof fetch>

  beforeEach(() => {
    configureHttp({ csrfToken: () => 'csrf-9', locale: () => 'zh-CN', unauthorized: () => {} })
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('GETs the file with the page language and the suggested name', async () => {
    fetchMock.mockResolvedValue(
      new Response('PK', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="enterprises.xlsx"' } }),
    )
    const file = await download('/enterprises/export.xlsx', { region_code: '990102', q: '' })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/enterprises/export.xlsx?region_code=990102')
    expect(init.credentials).toBe('same-origin')
    expect((init.headers as Record<string, string>)['Accept-Language']).toBe('zh-CN')
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined()
    expect(file.filename).toBe('enterprises.xlsx')
    expect(await file.blob.text()).toBe('PK')
  })

  it('turns an error answer into an ApiError', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { code: 'export_too_large', message: '导出数据超过 20 万条' } }), {
        status: 422,
        headers: { 'Content-Type': 'application/json' },
      }),
    )
    const error = await download('/enterprises/export.xlsx').catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 422, code: 'export_too_large', message: '导出数据超过 20 万条' })
  })

  const dispositions: [string | null, string | null][] = [
    [null, null],
    ['attachment', null],
    ['attachment; filename="enterprises.xlsx"', 'enterprises.xlsx'],
    ['attachment; filename=plain.xlsx', 'plain.xlsx'],
    ["attachment; filename=\"x.xlsx\"; filename*=UTF-8''%E4%BC%81%E4%B8%9A.xlsx", '企业.xlsx'],
    ["attachment; filename*=UTF-8''%E4%BC%81.xlsx", '企.xlsx'],
    ["attachment; filename=\"ok.xlsx\"; filename*=UTF-8''%E4%ZZ", 'ok.xlsx'],
  ]
  it.each(dispositions)('reads the name of %s', (header, name) => {
    expect(dispositionFilename(header)).toBe(name)
  })
})

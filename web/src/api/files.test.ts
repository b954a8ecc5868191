import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  FILE_MAX_BYTES,
  SHRINK_BYTES,
  filesApi,
  isImage,
  jpegName,
  photoOf,
  planFor,
  shrinkTarget,
  type StoredFile,
} from './files'
import { configureHttp } from './http'

const MB = 1024 * 1024

describe('planFor', () => {
  it('sends a PDF as it is, up to 10 MiB', () => {
    expect(planFor({ type: 'application/pdf', size: 3 * MB })).toEqual({ kind: 'send' })
    expect(planFor({ type: 'application/pdf', size: FILE_MAX_BYTES })).toEqual({ kind: 'send' })
    expect(planFor({ type: 'application/pdf', size: FILE_MAX_BYTES + 1 })).toEqual({ kind: 'refuse', reason: 'photos.errors.tooLarge' })
  })

  it('measures every image, however small its file', () => {
    expect(planFor({ type: 'image/jpeg', size: 200_000 })).toEqual({ kind: 'measure' })
    expect(planFor({ type: 'image/png', size: 40 * MB })).toEqual({ kind: 'measure' })
    expect(planFor({ type: 'image/heic', size: 2 * MB })).toEqual({ kind: 'measure' })
    // Some phones give a photo no type at all.
    expect(planFor({ type: '', size: 2 * MB })).toEqual({ kind: 'measure' })
  })

  it('refuses empty files and what is neither image nor PDF', () => {
    expect(planFor({ type: 'image/jpeg', size: 0 })).toEqual({ kind: 'refuse', reason: 'photos.errors.empty' })
    expect(planFor({ type: 'text/plain', size: 10 })).toEqual({ kind: 'refuse', reason: 'photos.errors.unsupported' })
    expect(planFor({ type: 'video/mp4', size: MB })).toEqual({ kind: 'refuse', reason: 'photos.errors.unsupported' })
  })
})

describe('shrinkTarget', () => {
  it('leaves a small JPEG or PNG as it is', () => {
    expect(shrinkTarget({ type: 'image/jpeg', size: MB, width: 1600, height: 1200 })).toBeNull()
    expect(shrinkTarget({ type: 'image/png', size: 1000, width: 2, height: 2 })).toBeNull()
    expect(shrinkTarget({ type: 'image/jpeg', size: SHRINK_BYTES, width: 1200, height: 1600 })).toBeNull()
  })

  it('scales the long side down to 1600 px, keeping the proportions', () => {
    expect(shrinkTarget({ type: 'image/jpeg', size: 3 * MB, width: 4032, height: 3024 })).toEqual({ width: 1600, height: 1200 })
    expect(shrinkTarget({ type: 'image/jpeg', size: MB, width: 3024, height: 4032 })).toEqual({ width: 1200, height: 1600 })
    expect(shrinkTarget({ type: 'image/png', size: 100_000, width: 1601, height: 10 })).toEqual({ width: 1600, height: 10 })
  })

  it('re-encodes a heavy file at its own size', () => {
    expect(shrinkTarget({ type: 'image/png', size: 2 * MB, width: 1000, height: 800 })).toEqual({ width: 1000, height: 800 })
    expect(shrinkTarget({ type: 'image/jpeg', size: SHRINK_BYTES + 1, width: 1600, height: 900 })).toEqual({ width: 1600, height: 900 })
  })

  it('re-encodes a type the server does not keep', () => {
    expect(shrinkTarget({ type: 'image/webp', size: 50_000, width: 800, height: 600 })).toEqual({ width: 800, height: 600 })
    expect(shrinkTarget({ type: '', size: 50_000, width: 800, height: 600 })).toEqual({ width: 800, height: 600 })
  })

  it('never goes below one pixel, and ignores a picture without size', () => {
    expect(shrinkTarget({ type: 'image/jpeg', size: MB, width: 20_000, height: 1 })).toEqual({ width: 1600, height: 1 })
    expect(shrinkTarget({ type: 'image/jpeg', size: 3 * MB, width: 0, height: 0 })).toBeNull()
  })
})

describe('names and photos', () => {
  it('renames a re-encoded file to .jpg', () => {
    expect(jpegName('IMG_0042.HEIC')).toBe('IMG_0042.jpg')
    expect(jpegName('现场.png')).toBe('现场.jpg')
    expect(jpegName('photo')).toBe('photo.jpg')
    expect(jpegName('.png')).toBe('photo.jpg')
    expect(jpegName('a.b.webp')).toBe('a.b.jpg')
  })

  it('keeps what a record lists of an upload', () => {
    const stored: StoredFile = {
      id: 7,
      name: 'a.png',
      media_type: 'image/png',
      size: 70,
      sha256: 'f'.repeat(64),
      enterprise_id: 3,
      uploaded_by_name: '张三',
      created_at: '2026-05-01T08:00:00Z',
      url: '/api/v1/files/7',
    }
    expect(photoOf(stored)).toEqual({ id: 7, name: 'a.png', media_type: 'image/png', size: 70, url: '/api/v1/files/7' })
    expect(isImage(stored)).toBe(true)
    expect(isImage({ media_type: 'application/pdf' })).toBe(false)
  })
})

describe('filesApi.upload', () => {
  class FakeXhr {
    static last: FakeXhr
    url = ''
    headers: Record<string, string> = {}
    body: unknown = null
    upload = { onprogress: null, onload: null }
    constructor() {
      FakeXhr.last = this
    }
    open(_method: string, url: string) {
      this.url = url
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value
    }
    send(body: unknown) {
      this.body = body
    }
  }

  beforeEach(() => {
    configureHttp({ csrfToken: () => 'csrf-1', locale: () => 'zh-CN', unauthorized: () => {} })
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('posts the bytes for the enterprise, named, with the CSRF token', () => {
    const body = new Blob(['x'])
    void filesApi.upload(12, body, '现场 1.jpg')
    expect(FakeXhr.last.url).toBe(`/api/v1/files?enterprise_id=12&name=${encodeURIComponent('现场 1.jpg').replace(/%20/g, '+')}`)
    expect(FakeXhr.last.headers['X-CSRF-Token']).toBe('csrf-1')
    expect(FakeXhr.last.body).toBe(body)
    expect(filesApi.url(7)).toBe('/api/v1/files/7')
  })
})

import { API_BASE, upload } from './http'

// Photos and attachments (现场照片): a file is uploaded on its own for the enterprise it concerns,
// and records (an inspection answer, a hazard) then name it by id.

/** What the server keeps: it judges the type by the bytes, never by the name or the header. */
export const FILE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
export type FileMediaType = (typeof FILE_MEDIA_TYPES)[number]

/** The server takes files up to 10 MiB (413 body_too_large above). */
export const FILE_MAX_BYTES = 10 * 1024 * 1024
/** Photos on one inspection answer, or one stage of a hazard. */
export const PHOTO_MAX_COUNT = 9

/** A photo is shrunk before it is sent when its long side exceeds this… */
export const SHRINK_LONG_SIDE = 1600
/** …or its file is larger than this (1.5 MB). */
export const SHRINK_BYTES = 1.5 * 1024 * 1024
/** The JPEG quality a shrunk photo is encoded with. */
export const SHRINK_QUALITY = 0.85

/** The answer of POST /files. */
export interface StoredFile {
  id: number
  name: string
  media_type: FileMediaType
  size: number
  sha256: string
  enterprise_id: number
  uploaded_by_name: string
  created_at: string
  /** `/api/v1/files/{id}`: the session cookie is enough to read it, so it serves as an img src. */
  url: string
}

/** A photo as a record lists it (an inspection answer's, a hazard's). */
export interface Photo {
  id: number
  name: string
  media_type: FileMediaType
  size: number
  url: string
}

/** 整改前 (when it was found) and 整改后 (fixed on the spot, or submitted). */
export const PHOTO_STAGES = ['before', 'after'] as const
export type PhotoStage = (typeof PHOTO_STAGES)[number]

export interface HazardPhoto extends Photo {
  stage: PhotoStage
  /** The timeline event that brought an after-photo. */
  event_id?: number
}

/** A record's photo out of an upload's answer. */
export function photoOf(file: Pick<StoredFile, 'id' | 'name' | 'media_type' | 'size' | 'url'>): Photo {
  return { id: file.id, name: file.name, media_type: file.media_type, size: file.size, url: file.url }
}

export function isImage(photo: Pick<Photo, 'media_type'>): boolean {
  return photo.media_type.startsWith('image/')
}

// ---- Before sending: what the browser does with a chosen file

/** What to do with a chosen file, decided from its type and size alone. */
export type FilePlan =
  | { kind: 'send' }
  /** An image: its dimensions decide (see `shrinkTarget`). */
  | { kind: 'measure' }
  /** Refused before sending, with the i18n key of why. */
  | { kind: 'refuse'; reason: 'photos.errors.unsupported' | 'photos.errors.tooLarge' | 'photos.errors.empty' }

/**
 * PDFs go as they are; images are measured, because a small file may still be a large picture;
 * anything else is refused here rather than sent to be refused. The server still judges the bytes.
 */
export function planFor(file: { type: string; size: number }): FilePlan {
  if (file.size === 0) return { kind: 'refuse', reason: 'photos.errors.empty' }
  if (file.type === 'application/pdf') {
    return file.size > FILE_MAX_BYTES ? { kind: 'refuse', reason: 'photos.errors.tooLarge' } : { kind: 'send' }
  }
  // A phone's photo may come without a type (or as HEIC): let the browser try to read it.
  if (file.type === '' || file.type.startsWith('image/')) return { kind: 'measure' }
  return { kind: 'refuse', reason: 'photos.errors.unsupported' }
}

export interface ShrinkTarget {
  width: number
  height: number
}

/**
 * Whether a decoded image is re-encoded as JPEG, and at what size: when its long side exceeds
 * 1600 px (scaled down to 1600, keeping its proportions), when its file exceeds 1.5 MB (at its own
 * size), or when it is a type the server does not keep (WebP, GIF, HEIC…). Null: send it as it is.
 */
export function shrinkTarget(image: { type: string; size: number; width: number; height: number }): ShrinkTarget | null {
  const { width, height } = image
  if (!(width > 0 && height > 0)) return null
  const longSide = Math.max(width, height)
  const accepted = image.type === 'image/jpeg' || image.type === 'image/png'
  if (longSide <= SHRINK_LONG_SIDE && image.size <= SHRINK_BYTES && accepted) return null
  const scale = Math.min(1, SHRINK_LONG_SIDE / longSide)
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** The name of a re-encoded file: its extension becomes .jpg. */
export function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]*$/, '')
  return `${base || 'photo'}.jpg`
}

export interface PreparedFile {
  body: Blob
  name: string
  /** Whether it was re-encoded. */
  shrunk: boolean
}

/** Why a file was not sent: an i18n key, shown to the user. */
export class FileRefused extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'FileRefused'
  }
}

async function decode(file: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(file)
  try {
    const image = new Image()
    image.decoding = 'async'
    image.src = url
    // The browser applies the photo's EXIF orientation when it decodes and draws it.
    await image.decode()
    return image
  } finally {
    URL.revokeObjectURL(url)
  }
}

function encodeJpeg(image: HTMLImageElement, target: ShrinkTarget): Promise<Blob | null> {
  const canvas = document.createElement('canvas')
  canvas.width = target.width
  canvas.height = target.height
  const context = canvas.getContext('2d')
  if (!context) return Promise.resolve(null)
  // JPEG has no transparency: a transparent PNG gets white, not black, behind it.
  context.fillStyle = '#fff'
  context.fillRect(0, 0, target.width, target.height)
  context.imageSmoothingQuality = 'high'
  context.drawImage(image, 0, 0, target.width, target.height)
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', SHRINK_QUALITY))
}

/**
 * The body to upload for a chosen file: large photos drawn on a canvas and re-encoded as JPEG,
 * PDFs and small images as they are. A picture the browser cannot read goes as it is, for the
 * server to judge; a file refused here throws FileRefused.
 */
export async function prepareFile(file: File): Promise<PreparedFile> {
  const plan = planFor(file)
  if (plan.kind === 'refuse') throw new FileRefused(plan.reason)
  let prepared: PreparedFile = { body: file, name: file.name, shrunk: false }
  if (plan.kind === 'measure') {
    let image: HTMLImageElement | null = null
    try {
      image = await decode(file)
    } catch {
      image = null
    }
    const target = image ? shrinkTarget({ type: file.type, size: file.size, width: image.naturalWidth, height: image.naturalHeight }) : null
    const encoded = image && target ? await encodeJpeg(image, target) : null
    // Re-encoding may not pay off for a small picture of a type the server keeps.
    const keepOriginal = encoded !== null && encoded.size >= file.size && (file.type === 'image/jpeg' || file.type === 'image/png')
    if (encoded && !keepOriginal) prepared = { body: encoded, name: jpegName(file.name), shrunk: true }
  }
  if (prepared.body.size > FILE_MAX_BYTES) throw new FileRefused('photos.errors.tooLarge')
  return prepared
}

export interface FileUploadOptions {
  onProgress?: (sent: number, total: number) => void
  signal?: AbortSignal
}

export const filesApi = {
  /** POST /files: the bytes are the body; 422 unsupported_file_type or empty_file, 413 above 10 MiB. */
  upload: (enterpriseId: number, body: Blob, name: string, options: FileUploadOptions = {}) =>
    upload<StoredFile>('/files', body, {
      query: { enterprise_id: enterpriseId, name },
      onProgress: options.onProgress,
      signal: options.signal,
    }),
  /** Where a file is read (GET answers its bytes with their type). */
  url: (id: number) => `${API_BASE}/files/${id}`,
}

// How the photo components arrange photos and uploads, without I/O: how many chosen files fit,
// the progress of an upload, the preview list of the images, and the stages of a hazard's photos.
import { PHOTO_STAGES, isImage, type Photo, type PhotoStage } from '@/api/files'

/**
 * How many of the files just chosen may still be added when `count` photos are kept or on their
 * way and at most `max` are allowed; the rest are dropped (and the user told).
 */
export function admit(count: number, max: number, chosen: number): { taken: number; dropped: number } {
  const taken = Math.max(0, Math.min(chosen, max - count))
  return { taken, dropped: chosen - taken }
}

/** The part of an upload's body sent, as a whole percentage that reaches 100 only when all is out. */
export function uploadPercent(sent: number, total: number): number {
  if (!(total > 0)) return 0
  if (sent >= total) return 100
  return Math.min(99, Math.max(0, Math.floor((sent * 100) / total)))
}

/** The addresses of the images (PDFs are links, not previews), in order. */
export function previewUrls(photos: readonly Photo[]): string[] {
  return photos.filter(isImage).map((photo) => photo.url)
}

/** Where an image sits in `previewUrls`, so the preview opens on it. */
export function previewIndex(photos: readonly Photo[], id: number): number {
  return Math.max(0, photos.filter(isImage).findIndex((photo) => photo.id === id))
}

export interface PhotoGroup<T extends Photo> {
  /** Null when the photos carry no stage (an inspection answer's). */
  stage: PhotoStage | null
  photos: T[]
}

/** Photos by stage, before first, empty stages left out; one group without stages otherwise. */
export function groupByStage<T extends Photo & { stage?: PhotoStage }>(photos: readonly T[]): PhotoGroup<T>[] {
  if (!photos.some((photo) => photo.stage)) return photos.length > 0 ? [{ stage: null, photos: [...photos] }] : []
  return PHOTO_STAGES.map((stage) => ({ stage, photos: photos.filter((photo) => (photo.stage ?? 'before') === stage) })).filter(
    (group) => group.photos.length > 0,
  )
}

import { describe, expect, it } from 'vitest'
import type { HazardPhoto, Photo } from '@/api/files'
import { admit, groupByStage, previewIndex, previewUrls, uploadPercent } from './photos'

function photo(id: number, media_type: Photo['media_type'] = 'image/jpeg'): Photo {
  return { id, name: `p${id}`, media_type, size: 100, url: `/api/v1/files/${id}` }
}

describe('admit', () => {
  it('takes what fits under the limit and tells how many were dropped', () => {
    expect(admit(0, 9, 3)).toEqual({ taken: 3, dropped: 0 })
    expect(admit(7, 9, 5)).toEqual({ taken: 2, dropped: 3 })
    expect(admit(9, 9, 1)).toEqual({ taken: 0, dropped: 1 })
    expect(admit(10, 9, 2)).toEqual({ taken: 0, dropped: 2 })
  })
})

describe('uploadPercent', () => {
  it('stays below 100 until all is sent', () => {
    expect(uploadPercent(0, 1000)).toBe(0)
    expect(uploadPercent(999, 1000)).toBe(99)
    expect(uploadPercent(1000, 1000)).toBe(100)
    expect(uploadPercent(5, 0)).toBe(0)
  })
})

describe('previews', () => {
  const photos = [photo(1), photo(2, 'application/pdf'), photo(3, 'image/png')]

  it('list only the images, and open on the one clicked', () => {
    expect(previewUrls(photos)).toEqual(['/api/v1/files/1', '/api/v1/files/3'])
    expect(previewIndex(photos, 3)).toBe(1)
    expect(previewIndex(photos, 2)).toBe(0)
  })
})

describe('groupByStage', () => {
  it('puts before-photos first and leaves out an empty stage', () => {
    const photos: HazardPhoto[] = [
      { ...photo(5), stage: 'after', event_id: 9 },
      { ...photo(4), stage: 'before' },
      { ...photo(6), stage: 'after', event_id: 9 },
    ]
    expect(groupByStage(photos).map((group) => [group.stage, group.photos.map((p) => p.id)])).toEqual([
      ['before', [4]],
      ['after', [5, 6]],
    ])
    expect(groupByStage(photos.filter((p) => p.stage === 'after')).map((group) => group.stage)).toEqual(['after'])
  })

  it('keeps photos without stages together, and nothing makes no group', () => {
    expect(groupByStage([photo(1), photo(2)])).toEqual([{ stage: null, photos: [photo(1), photo(2)] }])
    expect(groupByStage([])).toEqual([])
  })
})

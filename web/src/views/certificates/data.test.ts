import { describe, expect, it } from 'vitest'
import { certificateQuery, emptyFilters } from './data'

describe('certificateQuery', () => {
  it('asks for certificates expiring within the window', () => {
    expect(certificateQuery({ ...emptyFilters, within_days: 60, region_code: '990102000000' })).toEqual({
      state: 'expiring',
      within_days: 60,
      region_code: '990102000000',
    })
  })
  it('drops the window for expired certificates', () => {
    expect(certificateQuery({ ...emptyFilters, state: 'expired' })).toEqual({ state: 'expired', within_days: null, region_code: null })
  })
  it('falls back to 30 days', () => {
    expect(certificateQuery({ ...emptyFilters, within_days: null }).within_days).toBe(30)
  })
})

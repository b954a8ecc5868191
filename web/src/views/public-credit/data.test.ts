import { describe, expect, it } from 'vitest'
import type { PublicCreditEntry } from '@/api/credit'
import { listKeys, lookupQuery, publicClassLabel, publicClassTag, publicColumns, ratedText, validateLookup } from './data'

// Named keys come back with their parameters, so that tests can see both.
const t = (key: string, named?: Record<string, unknown>) => (named ? `${key} ${JSON.stringify(named)}` : key)

function entry(extra: Partial<PublicCreditEntry> = {}): PublicCreditEntry {
  return {
    name: '江川市清源宏业塑料制品有限公司',
    uscc: '91990102MA054W2628',
    region_code: '990102001001',
    credit_class: 'A',
    year: 2025,
    rated_on: '2026-03-16',
    blacklist: null,
    ...extra,
  }
}

describe('the lookup', () => {
  it.each<[string, string | null]>([
    ['', 'publicCredit.lookupLength'],
    [' 宏 ', 'publicCredit.lookupLength'],
    ['宏业', null],
    ['91990102MA054W2628', null],
    ['字'.repeat(100), null],
    ['字'.repeat(101), 'publicCredit.lookupLength'],
  ])('%j → %s', (text, expected) => {
    expect(validateLookup(text)).toBe(expected)
  })

  it('looks a credit code up in capitals and a name as typed', () => {
    expect(lookupQuery(' 91990102ma054w2628 ')).toBe('91990102MA054W2628')
    expect(lookupQuery(' 宏业塑料 ')).toBe('宏业塑料')
    expect(lookupQuery('abc')).toBe('abc')
  })
})

describe('an entry', () => {
  it('shows A and D, and says B and C are not published', () => {
    expect(publicClassLabel(entry(), t)).toBe('publicCredit.classValue {"class":"A"}')
    expect(publicClassLabel(entry({ credit_class: null }), t)).toBe('publicCredit.notPublished')
    expect([publicClassTag(entry()), publicClassTag(entry({ credit_class: 'D' })), publicClassTag(entry({ credit_class: null }))]).toEqual(['success', 'danger', 'info'])
  })

  it('says when it was rated, only for a published class', () => {
    expect(ratedText(entry(), t)).toBe('publicCredit.ratedOn {"year":2025,"day":"2026-03-16"}')
    expect(ratedText(entry({ rated_on: null }), t)).toBe('publicCredit.ratedYear {"year":2025}')
    expect(ratedText(entry({ credit_class: null, year: null }), t)).toBe('')
  })
})

describe('the lists', () => {
  it('show the listing only on the black list', () => {
    expect(publicColumns('commended').map((column) => column.kind)).toEqual(['name', 'uscc', 'region', 'class'])
    expect(publicColumns('exposed').map((column) => column.kind)).toEqual(['name', 'uscc', 'region', 'class', 'blacklist'])
  })

  it('name their tab and hint', () => {
    expect(listKeys('exposed')).toEqual({ tab: 'publicCredit.lists.exposed', hint: 'publicCredit.hints.exposed' })
  })
})

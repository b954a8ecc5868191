import { describe, expect, it } from 'vitest'
import { readCsv, withinScope } from './data'

describe('withinScope', () => {
  it.each<[string, string | null, boolean]>([
    ['990000000000', null, true],
    ['990000000000', '990103000000', false],
    ['990100000000', '990103000000', false],
    ['990103000000', '990103000000', true],
    ['990103001000', '990103000000', true],
    ['990103001001', '990103001000', true],
    ['990103001101', '990103001000', true],
    ['990103002101', '990103001000', false],
    ['990102001000', '990103000000', false],
    ['990103000000', '990100000000', true],
    ['990200000000', '990100000000', false],
  ])('%s inside %s → %s', (code, scope, expected) => {
    expect(withinScope(code, scope)).toBe(expected)
  })
})

describe('readCsv', () => {
  it('reads UTF-8 and drops the byte order mark', async () => {
    const blob = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), 'code,name\n990103000000,临江区\n'])
    expect(await readCsv(blob)).toBe('code,name\n990103000000,临江区\n')
  })
  it('falls back to GB 18030', async () => {
    // "code,name\n1,临江" with 临江 in GB 18030 (C1D9 BDAD).
    const bytes = new Uint8Array([...new TextEncoder().encode('code,name\n1,'), 0xc1, 0xd9, 0xbd, 0xad])
    expect(await readCsv(new Blob([bytes]))).toBe('code,name\n1,临江')
  })
})

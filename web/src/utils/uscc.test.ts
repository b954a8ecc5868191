import { describe, expect, it } from 'vitest'
import { usccError, validateUscc, type UsccError } from './uscc'

describe('usccError', () => {
  const table: [string, string, UsccError | null][] = [
    ['valid', '91350100M000100Y43', null],
    ['valid with X as the organisation check', '9144030071526726XG', null],
    ['valid demo code', '91990102MA000M2MXW', null],
    ['wrong check character', '91350100M000100Y44', 'check'],
    ['wrong organisation check', '91350100M000100Y53', 'orgCheck'],
    ['too short', '91350100M000100Y4', 'length'],
    ['too long', '91350100M000100Y433', 'length'],
    ['empty', '', 'length'],
    ['lowercase letter', '91350100m000100Y43', 'lowercase'],
    ['forbidden letter I', '91350100I000100Y43', 'forbidden'],
    ['forbidden letter O', '9135010O0000100Y43', 'forbidden'],
    ['forbidden letter Z', '91350100M000100Z43', 'forbidden'],
    ['forbidden punctuation', '91350100M000100-43', 'forbidden'],
    ['lowercase wins over forbidden', '91350100i000100Y43', 'lowercase'],
    ['length wins over everything', 'abc', 'length'],
  ]
  it.each(table)('%s: %s', (_name, code, expected) => {
    expect(usccError(code)).toBe(expected)
  })

  it('gives an i18n key for each failure', () => {
    expect(validateUscc('91350100M000100Y43')).toBeNull()
    expect(validateUscc('91350100M000100Y44')).toBe('validation.uscc.check')
  })
})

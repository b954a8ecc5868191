import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/users'
import {
  validateConfirmation,
  validateEnterpriseId,
  validateName,
  validatePassword,
  validatePhone,
  validateRegionCode,
  validateRole,
  validateUsername,
} from './validation'

describe('validateUsername', () => {
  it.each([
    ['abc', null],
    ['admin', null],
    ['district1', null],
    ['station1_1', null],
    ['a.b-c_d', null],
    ['a'.repeat(32), null],
    ['ab', 'validation.username'],
    ['a'.repeat(33), 'validation.username'],
    ['1abc', 'validation.username'],
    ['_abc', 'validation.username'],
    ['Admin', 'validation.username'],
    ['abc def', 'validation.username'],
    ['张三丰', 'validation.username'],
    ['', 'validation.username'],
  ])('%j → %s', (input, expected) => {
    expect(validateUsername(input)).toBe(expected)
  })
})

describe('validatePassword', () => {
  it.each([
    ['Demo@2026', null],
    ['abcdefg1', null],
    ['1234567a', null],
    ['密码密码密码a1', null],
    ['abc1234', 'validation.password'],
    ['abcdefgh', 'validation.password'],
    ['12345678', 'validation.password'],
    ['密码密码密码密码', 'validation.password'],
    ['', 'validation.password'],
    [`a1${'x'.repeat(126)}`, null],
    [`a1${'x'.repeat(127)}`, 'validation.password'],
  ])('%j → %s', (input, expected) => {
    expect(validatePassword(input)).toBe(expected)
  })
})

describe('validateName', () => {
  it.each([
    ['张', null],
    ['系统管理员', null],
    ['张'.repeat(64), null],
    ['张'.repeat(65), 'validation.name'],
    ['', 'validation.name'],
    ['   ', 'validation.name'],
    ['a'.repeat(64), null],
  ])('%j → %s', (input, expected) => {
    expect(validateName(input)).toBe(expected)
  })
})

describe('validateRegionCode', () => {
  it.each<[string | null, Role | '', string | null]>([
    ['990102000000', 'bureau', null],
    [null, 'bureau', 'validation.regionRequired'],
    ['', 'station', 'validation.regionRequired'],
    [null, 'grid', 'validation.regionRequired'],
    [null, 'admin', null],
    [null, 'expert', null],
    [null, 'enterprise', null],
    ['99010200000', 'bureau', 'validation.regionCode'],
    ['9901020000001', 'bureau', 'validation.regionCode'],
    ['99010200000a', 'admin', 'validation.regionCode'],
    ['990102000000', 'admin', null],
  ])('%j for %s → %s', (code, role, expected) => {
    expect(validateRegionCode(code, role)).toBe(expected)
  })
})

describe('validateEnterpriseId', () => {
  it.each<[number | string | null, Role | '', string | null]>([
    [12, 'enterprise', null],
    [null, 'enterprise', 'validation.enterpriseRequired'],
    [0, 'enterprise', 'validation.enterpriseRequired'],
    [-3, 'enterprise', 'validation.enterpriseRequired'],
    [1.5, 'enterprise', 'validation.enterpriseRequired'],
    ['7', 'enterprise', null],
    [null, 'bureau', null],
    [null, 'admin', null],
  ])('%j for %s → %s', (id, role, expected) => {
    expect(validateEnterpriseId(id, role)).toBe(expected)
  })
})

describe('validateRole and validateConfirmation', () => {
  it('accepts only offered roles', () => {
    expect(validateRole('station', ['station', 'grid'])).toBeNull()
    expect(validateRole('admin', ['station', 'grid'])).toBe('validation.role')
    expect(validateRole('', ['station'])).toBe('validation.role')
  })
  it('compares the two passwords', () => {
    expect(validateConfirmation('abcdefg1', 'abcdefg1')).toBeNull()
    expect(validateConfirmation('abcdefg1', 'abcdefg2')).toBe('validation.confirm')
  })
})

describe('validatePhone', () => {
  it.each([
    ['13800000101', null],
    ['0591-80000001', null],
    ['+86 138 0000 0101', null],
    ['12345', null],
    ['1-2-3-4-5', null],
    ['1'.repeat(20), null],
    ['  13800000101  ', null],
    ['1234', 'validation.phone'],
    ['1'.repeat(21), 'validation.phone'],
    ['+-- -1234', 'validation.phone'],
    ['138+0000101', 'validation.phone'],
    ['++8613800000101', 'validation.phone'],
    ['138 0000 010a', 'validation.phone'],
    ['(0591)80000001', 'validation.phone'],
    ['１３８００００', 'validation.phone'],
    ['', 'validation.phoneRequired'],
    ['   ', 'validation.phoneRequired'],
  ])('%j → %s', (input, expected) => {
    expect(validatePhone(input)).toBe(expected)
  })

  it('lets an optional phone stay empty but still checks a given one', () => {
    expect(validatePhone('', false)).toBeNull()
    expect(validatePhone('abc', false)).toBe('validation.phone')
  })
})

import { describe, expect, it } from 'vitest'
import type { KeyPerson } from '@/api/people'
import {
  certificateTag,
  daysLeftText,
  emptyPersonForm,
  formFromPerson,
  newPersonFromForm,
  personChangesFromForm,
  takenRoles,
  validateCertificate,
  validatePersonForm,
  type PersonForm,
} from './people'

const principal: KeyPerson = {
  id: 1,
  enterprise_id: 1,
  role: 'principal',
  name: '王敏华',
  position: '总经理',
  phone: '13078409950',
  certificate_number: 'JC09048132',
  certificate_kind: 'principal_training',
  certificate_issued: '2024-02-20',
  certificate_expiry: '2027-02-19',
  certificate_state: 'valid',
  certificate_days_left: 87,
  lacks_required_certificate: false,
  created_at: '2026-11-23T21:54:33Z',
  updated_at: '2026-11-23T21:54:33Z',
  version: 2,
}
const officer: KeyPerson = {
  ...principal,
  id: 2,
  role: 'chief_safety_officer',
  certificate_number: null,
  certificate_kind: null,
  certificate_issued: null,
  certificate_expiry: null,
  certificate_state: 'missing',
  certificate_days_left: null,
}
const manager: KeyPerson = { ...principal, id: 3, role: 'safety_manager' }

const valid = (): PersonForm => ({ ...emptyPersonForm(), role: 'safety_manager', name: '张强', phone: '13446126375' })

describe('validatePersonForm', () => {
  it('accepts a person without a certificate', () => {
    expect(validatePersonForm(valid(), [])).toEqual({})
  })

  const table: [string, Partial<PersonForm>, Partial<Record<keyof PersonForm, string>>][] = [
    ['no role', { role: '' }, { role: 'validation.personRole' }],
    ['blank name', { name: ' ' }, { name: 'validation.name' }],
    ['65-character name', { name: '名'.repeat(65) }, { name: 'validation.name' }],
    ['long position', { position: '职'.repeat(51) }, { position: 'validation.position' }],
    ['no phone', { phone: '' }, { phone: 'validation.phoneRequired' }],
    ['letters in the phone', { phone: '138-abc-0000' }, { phone: 'validation.phone' }],
    ['four digits', { phone: '12-34' }, { phone: 'validation.phone' }],
    [
      'a certificate number alone',
      { certificate_number: 'JC1' },
      { certificate_kind: 'validation.certificateKind', certificate_expiry: 'validation.certificateExpiry' },
    ],
    [
      'only an expiry',
      { certificate_expiry: '2027-01-01' },
      { certificate_number: 'validation.certificateNumber', certificate_kind: 'validation.certificateKind' },
    ],
    [
      'only an issue date',
      { certificate_issued: '2024-01-01' },
      {
        certificate_number: 'validation.certificateNumber',
        certificate_kind: 'validation.certificateKind',
        certificate_expiry: 'validation.certificateExpiry',
      },
    ],
    ['a complete certificate', { certificate_number: 'JC1', certificate_kind: 'manager_training', certificate_expiry: '2027-01-01' }, {}],
    [
      'issued after expiry',
      { certificate_number: 'JC1', certificate_kind: 'other', certificate_issued: '2027-01-02', certificate_expiry: '2027-01-01' },
      { certificate_expiry: 'validation.certificateOrder' },
    ],
    [
      'issued on the expiry day',
      { certificate_number: 'JC1', certificate_kind: 'other', certificate_issued: '2027-01-01', certificate_expiry: '2027-01-01' },
      {},
    ],
    [
      'a 51-character number',
      { certificate_number: 'J'.repeat(51), certificate_kind: 'other', certificate_expiry: '2027-01-01' },
      { certificate_number: 'validation.certificateNumber' },
    ],
  ]
  it.each(table)('%s', (_name, patch, expected) => {
    expect(validatePersonForm({ ...valid(), ...patch }, [])).toEqual(expected)
  })

  it('refuses a single role someone else holds', () => {
    expect(validatePersonForm({ ...valid(), role: 'principal' }, ['principal'])).toEqual({ role: 'validation.personRoleTaken' })
  })

  it('treats whitespace-only certificate fields as empty', () => {
    expect(validateCertificate({ certificate_number: '  ', certificate_kind: '', certificate_issued: null, certificate_expiry: null })).toEqual({
      certificate_number: null,
      certificate_kind: null,
      certificate_issued: null,
      certificate_expiry: null,
    })
  })
})

describe('takenRoles', () => {
  it('lists the single roles held by others', () => {
    expect(takenRoles([principal, officer, manager], null)).toEqual(['principal', 'chief_safety_officer'])
    expect(takenRoles([principal, officer, manager], 1)).toEqual(['chief_safety_officer'])
    expect(takenRoles([manager, { ...manager, id: 4 }], null)).toEqual([])
  })
})

describe('form ↔ record', () => {
  it('sends blanks as null and trims', () => {
    expect(newPersonFromForm({ ...valid(), name: ' 张强 ', certificate_number: '  ' })).toEqual({
      role: 'safety_manager',
      name: '张强',
      position: '',
      phone: '13446126375',
      certificate_number: null,
      certificate_kind: null,
      certificate_issued: null,
      certificate_expiry: null,
    })
  })

  it('sends only what changed, with the version', () => {
    const form = formFromPerson(principal)
    expect(personChangesFromForm(principal, form)).toEqual({ version: 2 })
    form.certificate_number = ''
    form.certificate_kind = ''
    form.certificate_issued = null
    form.certificate_expiry = null
    form.phone = '0591-1234567'
    expect(personChangesFromForm(principal, form)).toEqual({
      version: 2,
      phone: '0591-1234567',
      certificate_number: null,
      certificate_kind: null,
      certificate_issued: null,
      certificate_expiry: null,
    })
  })
})

describe('certificate display', () => {
  it.each([
    ['expired', 'danger'],
    ['expiring', 'warning'],
    ['missing', 'info'],
    ['valid', 'success'],
  ] as const)('%s → %s', (state, tag) => {
    expect(certificateTag(state)).toBe(tag)
  })

  it('says how long is left or since when it expired', () => {
    const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}:${named.days}` : key)
    expect(daysLeftText(12, t)).toBe('people.daysLeft:12')
    expect(daysLeftText(0, t)).toBe('people.expiresToday')
    expect(daysLeftText(-3, t)).toBe('people.daysOverdue:3')
    expect(daysLeftText(null, t)).toBe('')
  })
})

import { describe, expect, it } from 'vitest'
import type { Enterprise } from '@/api/enterprises'
import {
  changesFromForm,
  emptyEnterpriseForm,
  formFromEnterprise,
  industryLabel,
  industryOptions,
  isVillage,
  newEnterpriseFromForm,
  profileRows,
  validateCoordinates,
  validateCounts,
  validateEnterpriseForm,
  validateStandardizationLevel,
  type EnterpriseForm,
} from './data'

const sample: Enterprise = {
  id: 2,
  uscc: '91350100M000100Y43',
  name: '江川市清源建源食品有限公司',
  region_code: '990102001002',
  industry_code: 'C14',
  scale: 'below',
  employees: 71,
  frontline_workers: 43,
  safety_inspectors: 3,
  inspectors_below_minimum: false,
  hazard_tags: ['confined_space', 'ammonia_refrigeration'],
  address: '清源区东安街道光明社区56号',
  longitude: 118.2903,
  latitude: 28.3827,
  status: 'operating',
  standardization_level: null,
  standardization_expiry: null,
  grid_cell_id: 62,
  created_at: '2026-11-23T19:14:11Z',
  updated_at: '2026-11-23T19:14:11Z',
  version: 3,
}

const validForm = (): EnterpriseForm => formFromEnterprise(sample)

describe('isVillage', () => {
  it.each([
    ['990102001002', true],
    ['990102001000', false],
    ['990102000000', false],
    ['99010200100', false],
    ['99010200100a', false],
    [null, false],
  ])('%s → %s', (code, expected) => {
    expect(isVillage(code)).toBe(expected)
  })
})

describe('validateEnterpriseForm', () => {
  it('accepts a valid record', () => {
    expect(validateEnterpriseForm(validForm())).toEqual({})
  })

  const table: [string, Partial<EnterpriseForm>, Partial<Record<keyof EnterpriseForm, string>>][] = [
    ['empty uscc', { uscc: '' }, { uscc: 'validation.uscc.required' }],
    ['short uscc', { uscc: '91350100M000100Y4' }, { uscc: 'validation.uscc.length' }],
    ['lowercase uscc', { uscc: '91350100m000100Y43' }, { uscc: 'validation.uscc.lowercase' }],
    ['forbidden letter', { uscc: '91350100M000100O43' }, { uscc: 'validation.uscc.forbidden' }],
    ['wrong organisation check', { uscc: '91350100M000100Y53' }, { uscc: 'validation.uscc.orgCheck' }],
    ['wrong check', { uscc: '91350100M000100Y44' }, { uscc: 'validation.uscc.check' }],
    ['blank name', { name: '  ' }, { name: 'validation.enterpriseName' }],
    ['long name', { name: '企'.repeat(101) }, { name: 'validation.enterpriseName' }],
    ['100-character name', { name: '企'.repeat(100) }, {}],
    ['no region', { region_code: null }, { region_code: 'validation.villageRequired' }],
    ['a town, not a village', { region_code: '990102001000' }, { region_code: 'validation.village' }],
    ['no industry', { industry_code: null }, { industry_code: 'validation.industryRequired' }],
    ['negative employees', { employees: -1 }, { employees: 'validation.count' }],
    ['front line above employees', { employees: 10, frontline_workers: 11, safety_inspectors: 0 }, { frontline_workers: 'validation.frontlineAboveEmployees' }],
    ['inspectors above front line', { employees: 10, frontline_workers: 5, safety_inspectors: 6 }, { safety_inspectors: 'validation.inspectorsAboveFrontline' }],
    ['equal counts', { employees: 5, frontline_workers: 5, safety_inspectors: 5 }, {}],
    ['longitude without latitude', { longitude: 118, latitude: null }, { latitude: 'validation.coordinatesPair' }],
    ['latitude without longitude', { longitude: null, latitude: 28 }, { longitude: 'validation.coordinatesPair' }],
    ['neither coordinate', { longitude: null, latitude: null }, {}],
    ['longitude out of range', { longitude: 180.5, latitude: 0 }, { longitude: 'validation.longitude' }],
    ['latitude out of range', { longitude: 0, latitude: -90.1 }, { latitude: 'validation.latitude' }],
    ['edge coordinates', { longitude: -180, latitude: 90 }, {}],
  ]
  it.each(table)('%s', (_name, patch, expected) => {
    expect(validateEnterpriseForm({ ...validForm(), ...patch })).toEqual(expected)
  })
})

describe('small validators', () => {
  it('checks counts independently of each other when one is missing', () => {
    expect(validateCounts({ employees: null, frontline_workers: 3, safety_inspectors: 1 })).toEqual({
      employees: 'validation.count',
      frontline_workers: null,
      safety_inspectors: null,
    })
  })
  it('treats an empty coordinate input as no value', () => {
    expect(validateCoordinates({ longitude: null, latitude: null })).toEqual({ longitude: null, latitude: null })
  })
  it.each([
    [null, null],
    [1, null],
    [3, null],
    [0, 'validation.standardizationLevel'],
    [4, 'validation.standardizationLevel'],
  ])('standardization level %s → %s', (level, expected) => {
    expect(validateStandardizationLevel(level)).toBe(expected)
  })
})

describe('form ↔ record', () => {
  it('sends only what changed, with the version', () => {
    const form = validForm()
    form.address = '新地址 1 号'
    form.hazard_tags = ['ammonia_refrigeration', 'confined_space']
    expect(changesFromForm(sample, form)).toEqual({ version: 3, address: '新地址 1 号' })
  })

  it('sends changed tags sorted and clears the level', () => {
    const form = validForm()
    form.hazard_tags = ['lifting', 'confined_space']
    const withLevel = { ...sample, standardization_level: 2 as const }
    form.standardization_level = null
    expect(changesFromForm(withLevel, form)).toEqual({
      version: 3,
      hazard_tags: ['confined_space', 'lifting'],
      standardization_level: null,
    })
  })

  it('turns an empty form into a POST body with nulls for blanks', () => {
    const form = { ...emptyEnterpriseForm(), uscc: ' 91350100M000100Y43 ', name: ' 某公司 ', region_code: '990102001002', industry_code: 'C33' }
    expect(newEnterpriseFromForm(form)).toEqual({
      uscc: '91350100M000100Y43',
      name: '某公司',
      region_code: '990102001002',
      industry_code: 'C33',
      scale: 'below',
      employees: 0,
      frontline_workers: 0,
      safety_inspectors: 0,
      hazard_tags: [],
      address: '',
      longitude: null,
      latitude: null,
      status: 'operating',
      standardization_level: null,
      standardization_expiry: null,
    })
  })
})

describe('industries', () => {
  const items = [
    { code: 'C', name: '制造业', parent_code: null },
    { code: 'A', name: '农、林、牧、渔业', parent_code: null },
    { code: 'C33', name: '金属制品业', parent_code: 'C' },
    { code: 'A01', name: '农业', parent_code: 'A' },
  ]
  it('groups divisions under their sections, in code order', () => {
    expect(industryOptions(items)).toEqual([
      { value: 'A', label: 'A 农、林、牧、渔业', children: [{ value: 'A01', label: 'A01 农业' }] },
      { value: 'C', label: 'C 制造业', children: [{ value: 'C33', label: 'C33 金属制品业' }] },
    ])
  })
  it('labels a code with its name, or shows the bare code', () => {
    const names = new Map(items.map((item) => [item.code, item.name]))
    expect(industryLabel(names, 'C33')).toBe('C33 金属制品业')
    expect(industryLabel(names, 'Z99')).toBe('Z99')
  })
})

describe('profileRows', () => {
  it('shows every field with a test id and translated values', () => {
    const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}:${JSON.stringify(named)}` : key)
    const rows = profileRows({ ...sample, standardization_level: 2 }, t, '光明社区', 'C14 食品制造业')
    const byTest = Object.fromEntries(rows.map((row) => [row.test, row.value]))
    expect(byTest['enterprise-field-address']).toBe(sample.address)
    expect(byTest['enterprise-field-region']).toBe('光明社区 (990102001002)')
    expect(byTest['enterprise-field-scale']).toBe('enterprises.scales.below')
    expect(byTest['enterprise-field-coordinates']).toBe('118.2903, 28.3827')
    expect(byTest['enterprise-field-level']).toBe('enterprises.level:{"level":2}')
    expect(rows.every((row) => row.label.startsWith('enterprises.'))).toBe(true)
  })
})

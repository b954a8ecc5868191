import type { FormItemRule, FormRules } from 'element-plus'
import type {
  Enterprise,
  EnterpriseChanges,
  GridFilter,
  EnterpriseSort,
  EnterpriseStatus,
  Industry,
  NewEnterprise,
  Scale,
  StandardizationLevel,
} from '@/api/enterprises'
import { formatInstant } from '@/utils/format'
import { validateUscc } from '@/utils/uscc'

type Translate = (key: string, named?: Record<string, unknown>) => string
type ValidationResult = string | null

/** How a cell is drawn: text, tags of the hazard list, or the inspectors warning. */
export type CellKind = 'text' | 'tags' | 'inspectors' | 'status'

export interface Column {
  prop: keyof Enterprise
  /** i18n key of the header. */
  label: string
  width?: number
  minWidth?: number
  kind: CellKind
}

export const enterpriseColumns: Column[] = [
  { prop: 'name', label: 'enterprises.name', minWidth: 200, kind: 'text' },
  { prop: 'uscc', label: 'enterprises.uscc', width: 190, kind: 'text' },
  { prop: 'region_code', label: 'enterprises.region', minWidth: 130, kind: 'text' },
  { prop: 'industry_code', label: 'enterprises.industry', minWidth: 150, kind: 'text' },
  { prop: 'scale', label: 'enterprises.scale', width: 110, kind: 'text' },
  { prop: 'employees', label: 'enterprises.employees', width: 95, kind: 'text' },
  { prop: 'hazard_tags', label: 'enterprises.hazardTags', minWidth: 170, kind: 'tags' },
  { prop: 'status', label: 'enterprises.status', width: 100, kind: 'status' },
  { prop: 'inspectors_below_minimum', label: 'enterprises.inspectorsFlag', width: 110, kind: 'inspectors' },
]

export function statusTag(status: EnterpriseStatus): 'success' | 'warning' | 'info' {
  if (status === 'operating') return 'success'
  if (status === 'suspended') return 'warning'
  return 'info'
}

export interface EnterpriseFilters {
  q: string
  uscc: string
  region_code: string | null
  industry_code: string | null
  tag: string
  scale: Scale | ''
  status: EnterpriseStatus | ''
  sort: EnterpriseSort | ''
  grid_id: GridFilter
}

/** The filters the list and the map share, drawn by EnterpriseFilterFields.vue. */
export type SharedFilters = Pick<EnterpriseFilters, 'industry_code' | 'tag' | 'scale' | 'status' | 'grid_id'>

export const emptyFilters: EnterpriseFilters = {
  q: '',
  uscc: '',
  region_code: null,
  industry_code: null,
  tag: '',
  scale: '',
  status: '',
  sort: '',
  grid_id: null,
}

/** A node of the industry cascader: sections with their divisions below. */
// A type alias rather than an interface, so that it fits the cascader's index-signature option type.
export type IndustryOption = {
  value: string
  label: string
  children?: IndustryOption[]
}

export function industryOptions(items: readonly Industry[]): IndustryOption[] {
  const sections = new Map<string, IndustryOption>()
  for (const item of items) {
    if (item.parent_code === null) sections.set(item.code, { value: item.code, label: `${item.code} ${item.name}`, children: [] })
  }
  for (const item of items) {
    if (item.parent_code === null) continue
    sections.get(item.parent_code)?.children?.push({ value: item.code, label: `${item.code} ${item.name}` })
  }
  return [...sections.values()].sort((a, b) => a.value.localeCompare(b.value))
}

/** "C33 金属制品业", or the bare code when the list has not arrived. */
export function industryLabel(names: ReadonlyMap<string, string>, code: string): string {
  const name = names.get(code)
  return name ? `${code} ${name}` : code
}

/** A village or community: 12 digits whose last three are not 000. */
export function isVillage(code: string | null | undefined): boolean {
  return !!code && /^\d{12}$/.test(code) && !code.endsWith('000')
}

import type { FormMode } from '@/composables/useRecordDialog'

export type { FormMode }

export interface EnterpriseForm {
  uscc: string
  name: string
  region_code: string | null
  industry_code: string | null
  scale: Scale
  employees: number | null
  frontline_workers: number | null
  safety_inspectors: number | null
  hazard_tags: string[]
  address: string
  longitude: number | null
  latitude: number | null
  status: EnterpriseStatus
  standardization_level: StandardizationLevel | null
  standardization_expiry: string | null
}

export function emptyEnterpriseForm(): EnterpriseForm {
  return {
    uscc: '',
    name: '',
    region_code: null,
    industry_code: null,
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
  }
}

export function formFromEnterprise(enterprise: Enterprise): EnterpriseForm {
  return {
    uscc: enterprise.uscc,
    name: enterprise.name,
    region_code: enterprise.region_code,
    industry_code: enterprise.industry_code,
    scale: enterprise.scale,
    employees: enterprise.employees,
    frontline_workers: enterprise.frontline_workers,
    safety_inspectors: enterprise.safety_inspectors,
    hazard_tags: [...enterprise.hazard_tags],
    address: enterprise.address,
    longitude: enterprise.longitude,
    latitude: enterprise.latitude,
    status: enterprise.status,
    standardization_level: enterprise.standardization_level,
    standardization_expiry: enterprise.standardization_expiry,
  }
}

/** Empty inputs (null, undefined, '') all mean "no value". */
function orNull<T>(value: T | null | undefined | ''): T | null {
  return value === undefined || value === null || value === '' ? null : value
}

export function newEnterpriseFromForm(form: EnterpriseForm): NewEnterprise {
  return {
    uscc: form.uscc.trim(),
    name: form.name.trim(),
    region_code: form.region_code ?? '',
    industry_code: form.industry_code ?? '',
    scale: form.scale,
    employees: form.employees ?? 0,
    frontline_workers: form.frontline_workers ?? 0,
    safety_inspectors: form.safety_inspectors ?? 0,
    hazard_tags: [...form.hazard_tags].sort(),
    address: form.address.trim(),
    longitude: orNull(form.longitude),
    latitude: orNull(form.latitude),
    status: form.status,
    standardization_level: orNull(form.standardization_level),
    standardization_expiry: orNull(form.standardization_expiry),
  }
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return [...a].sort().join('\u0000') === [...b].sort().join('\u0000')
}

/** What PATCH /enterprises/{id} gets: the version it started from and only what changed. */
export function changesFromForm(original: Enterprise, form: EnterpriseForm): EnterpriseChanges {
  const next = newEnterpriseFromForm(form)
  const changes: EnterpriseChanges = { version: original.version }
  const keys = Object.keys(next) as (keyof NewEnterprise)[]
  for (const key of keys) {
    if (key === 'hazard_tags') {
      if (!sameTags(next.hazard_tags, original.hazard_tags)) changes.hazard_tags = next.hazard_tags
    } else if (next[key] !== original[key]) {
      ;(changes as Record<string, unknown>)[key] = next[key]
    }
  }
  return changes
}

function isCount(value: number | null | undefined): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

export function validateEnterpriseName(name: string): ValidationResult {
  const length = Array.from(name.trim()).length
  return length >= 1 && length <= 100 ? null : 'validation.enterpriseName'
}

export function validateVillage(code: string | null | undefined): ValidationResult {
  if (!code) return 'validation.villageRequired'
  return isVillage(code) ? null : 'validation.village'
}

export function validateUsccField(uscc: string): ValidationResult {
  return uscc.trim() === '' ? 'validation.uscc.required' : validateUscc(uscc.trim())
}

export function validateCounts(form: Pick<EnterpriseForm, 'employees' | 'frontline_workers' | 'safety_inspectors'>) {
  const errors: { employees: ValidationResult; frontline_workers: ValidationResult; safety_inspectors: ValidationResult } = {
    employees: isCount(form.employees) ? null : 'validation.count',
    frontline_workers: isCount(form.frontline_workers) ? null : 'validation.count',
    safety_inspectors: isCount(form.safety_inspectors) ? null : 'validation.count',
  }
  if (!errors.employees && !errors.frontline_workers && (form.frontline_workers ?? 0) > (form.employees ?? 0)) {
    errors.frontline_workers = 'validation.frontlineAboveEmployees'
  }
  if (!errors.frontline_workers && !errors.safety_inspectors && (form.safety_inspectors ?? 0) > (form.frontline_workers ?? 0)) {
    errors.safety_inspectors = 'validation.inspectorsAboveFrontline'
  }
  return errors
}

export function validateCoordinates(form: Pick<EnterpriseForm, 'longitude' | 'latitude'>) {
  const longitude = orNull(form.longitude)
  const latitude = orNull(form.latitude)
  const errors: { longitude: ValidationResult; latitude: ValidationResult } = { longitude: null, latitude: null }
  if ((longitude === null) !== (latitude === null)) {
    if (longitude === null) errors.longitude = 'validation.coordinatesPair'
    else errors.latitude = 'validation.coordinatesPair'
    return errors
  }
  if (longitude !== null && !(longitude >= -180 && longitude <= 180)) errors.longitude = 'validation.longitude'
  if (latitude !== null && !(latitude >= -90 && latitude <= 90)) errors.latitude = 'validation.latitude'
  return errors
}

export function validateStandardizationLevel(level: number | null | undefined | ''): ValidationResult {
  const value = orNull(level)
  return value === null || value === 1 || value === 2 || value === 3 ? null : 'validation.standardizationLevel'
}

/** Every check of the form, keyed by field: only the failing fields, each with an i18n key. */
export function validateEnterpriseForm(form: EnterpriseForm): Partial<Record<keyof EnterpriseForm, string>> {
  const results: Partial<Record<keyof EnterpriseForm, ValidationResult>> = {
    uscc: validateUsccField(form.uscc),
    name: validateEnterpriseName(form.name),
    region_code: validateVillage(form.region_code),
    industry_code: form.industry_code ? null : 'validation.industryRequired',
    ...validateCounts(form),
    ...validateCoordinates(form),
    standardization_level: validateStandardizationLevel(form.standardization_level),
  }
  const errors: Partial<Record<keyof EnterpriseForm, string>> = {}
  for (const [field, key] of Object.entries(results)) {
    if (key) errors[field as keyof EnterpriseForm] = key
  }
  return errors
}

function rule(field: keyof EnterpriseForm, form: EnterpriseForm, t: Translate, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  return {
    trigger,
    validator: (_rule, _value, callback) => {
      const key = validateEnterpriseForm(form)[field]
      callback(key ? new Error(t(key)) : undefined)
    },
  }
}

export function enterpriseFormRules(form: EnterpriseForm, t: Translate): FormRules<EnterpriseForm> {
  return {
    uscc: [{ required: true, trigger: 'blur', message: t('validation.uscc.required') }, rule('uscc', form, t)],
    name: [{ required: true, trigger: 'blur', message: t('validation.enterpriseName') }, rule('name', form, t)],
    region_code: [{ required: true, trigger: 'change', message: t('validation.villageRequired') }, rule('region_code', form, t, 'change')],
    industry_code: [{ required: true, trigger: 'change', message: t('validation.industryRequired') }, rule('industry_code', form, t, 'change')],
    employees: [rule('employees', form, t, 'change')],
    frontline_workers: [rule('frontline_workers', form, t, 'change')],
    safety_inspectors: [rule('safety_inspectors', form, t, 'change')],
    longitude: [rule('longitude', form, t, 'change')],
    latitude: [rule('latitude', form, t, 'change')],
    standardization_level: [rule('standardization_level', form, t, 'change')],
  }
}

export interface ProfileRow {
  /** i18n key of the label. */
  label: string
  value: string
  /** data-test of the value. */
  test: string
}

export function profileRows(
  enterprise: Enterprise,
  t: Translate,
  regionName: string,
  industryName: string,
): ProfileRow[] {
  const coordinates =
    enterprise.longitude !== null && enterprise.latitude !== null ? `${enterprise.longitude}, ${enterprise.latitude}` : ''
  const level = enterprise.standardization_level
  return [
    { label: 'enterprises.name', value: enterprise.name, test: 'enterprise-field-name' },
    { label: 'enterprises.uscc', value: enterprise.uscc, test: 'enterprise-field-uscc' },
    { label: 'enterprises.region', value: regionName ? `${regionName} (${enterprise.region_code})` : enterprise.region_code, test: 'enterprise-field-region' },
    { label: 'enterprises.industry', value: industryName, test: 'enterprise-field-industry' },
    { label: 'enterprises.scale', value: t(`enterprises.scales.${enterprise.scale}`), test: 'enterprise-field-scale' },
    { label: 'enterprises.status', value: t(`enterprises.statuses.${enterprise.status}`), test: 'enterprise-field-status' },
    { label: 'enterprises.employees', value: String(enterprise.employees), test: 'enterprise-field-employees' },
    { label: 'enterprises.frontlineWorkers', value: String(enterprise.frontline_workers), test: 'enterprise-field-frontline' },
    { label: 'enterprises.safetyInspectors', value: String(enterprise.safety_inspectors), test: 'enterprise-field-inspectors' },
    { label: 'enterprises.address', value: enterprise.address, test: 'enterprise-field-address' },
    { label: 'enterprises.coordinates', value: coordinates, test: 'enterprise-field-coordinates' },
    {
      label: 'enterprises.standardizationLevel',
      value: level ? t('enterprises.level', { level }) : t('enterprises.noLevel'),
      test: 'enterprise-field-level',
    },
    { label: 'enterprises.standardizationExpiry', value: enterprise.standardization_expiry ?? '', test: 'enterprise-field-expiry' },
    { label: 'enterprises.updatedAt', value: formatInstant(enterprise.updated_at), test: 'enterprise-field-updated' },
  ]
}

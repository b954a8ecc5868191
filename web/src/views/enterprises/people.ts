// The key people tab of an enterprise: columns, the form and its checks, which mirror the server's
// rules (people::Validate) so that most mistakes are caught before a round trip.
import type { FormItemRule, FormRules } from 'element-plus'
import {
  CERTIFICATE_KINDS,
  PERSON_ROLES,
  type CertificateKind,
  type CertificateState,
  type KeyPerson,
  type KeyPersonChanges,
  type NewKeyPerson,
  type PersonRole,
} from '@/api/people'
import { validateName, validatePhone, type ValidationResult } from '@/utils/validation'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** An enterprise has at most one of each of these (the server answers 409 person_role_taken). */
export const SINGLE_ROLES: readonly PersonRole[] = ['principal', 'chief_safety_officer']

/** The single roles someone else already holds: the form offers them disabled. */
export function takenRoles(people: readonly KeyPerson[], exceptId: number | null): PersonRole[] {
  return SINGLE_ROLES.filter((role) => people.some((person) => person.role === role && person.id !== exceptId))
}

/** Expired red, expiring orange, missing grey, valid green. */
export function certificateTag(state: CertificateState): 'danger' | 'warning' | 'info' | 'success' {
  switch (state) {
    case 'expired':
      return 'danger'
    case 'expiring':
      return 'warning'
    case 'missing':
      return 'info'
    default:
      return 'success'
  }
}

/** "12 days left", "expired 3 days ago", "expires today", or '' without a certificate. */
export function daysLeftText(daysLeft: number | null, t: Translate): string {
  if (daysLeft === null) return ''
  if (daysLeft === 0) return t('people.expiresToday')
  return daysLeft > 0 ? t('people.daysLeft', { days: daysLeft }) : t('people.daysOverdue', { days: -daysLeft })
}

export interface PersonColumn {
  prop: keyof KeyPerson
  /** i18n key of the header. */
  label: string
  width?: number
  minWidth?: number
  format?: (row: KeyPerson, t: Translate) => string
}

/** Plain text columns; role and certificate state are drawn as tags by the page. */
export const personColumns: PersonColumn[] = [
  { prop: 'name', label: 'people.name', minWidth: 90 },
  { prop: 'position', label: 'people.position', minWidth: 100 },
  { prop: 'phone', label: 'people.phone', width: 140 },
  { prop: 'certificate_number', label: 'people.certificateNumber', minWidth: 130, format: (row) => row.certificate_number ?? '' },
  {
    prop: 'certificate_kind',
    label: 'people.certificateKind',
    minWidth: 170,
    format: (row, t) => (row.certificate_kind ? t(`people.kinds.${row.certificate_kind}`) : ''),
  },
]

export interface PersonForm {
  role: PersonRole | ''
  name: string
  position: string
  phone: string
  certificate_number: string
  certificate_kind: CertificateKind | ''
  /** YYYY-MM-DD, or null when not given (the date picker clears to null). */
  certificate_issued: string | null
  certificate_expiry: string | null
}

export function emptyPersonForm(): PersonForm {
  return {
    role: '',
    name: '',
    position: '',
    phone: '',
    certificate_number: '',
    certificate_kind: '',
    certificate_issued: null,
    certificate_expiry: null,
  }
}

export function formFromPerson(person: KeyPerson): PersonForm {
  return {
    role: person.role,
    name: person.name,
    position: person.position,
    phone: person.phone,
    certificate_number: person.certificate_number ?? '',
    certificate_kind: person.certificate_kind ?? '',
    certificate_issued: person.certificate_issued,
    certificate_expiry: person.certificate_expiry,
  }
}

function blankToNull<T extends string>(value: T | '' | null | undefined): T | null {
  if (value === null || value === undefined) return null
  return value.trim() === '' ? null : (value as T)
}

export function newPersonFromForm(form: PersonForm): NewKeyPerson {
  const number = form.certificate_number.trim()
  return {
    role: form.role as PersonRole,
    name: form.name.trim(),
    position: form.position.trim(),
    phone: form.phone.trim(),
    certificate_number: number === '' ? null : number,
    certificate_kind: blankToNull(form.certificate_kind),
    certificate_issued: blankToNull(form.certificate_issued),
    certificate_expiry: blankToNull(form.certificate_expiry),
  }
}

/** What PATCH gets: the version it started from and only what changed. */
export function personChangesFromForm(original: KeyPerson, form: PersonForm): KeyPersonChanges {
  const next = newPersonFromForm(form)
  const changes: KeyPersonChanges = { version: original.version }
  for (const key of Object.keys(next) as (keyof NewKeyPerson)[]) {
    if (next[key] !== original[key]) (changes as Record<string, unknown>)[key] = next[key]
  }
  return changes
}

type CertificateErrors = Record<'certificate_number' | 'certificate_kind' | 'certificate_issued' | 'certificate_expiry', ValidationResult>

/**
 * A certificate is all or nothing: once any of its fields is filled, the number (1–50 characters),
 * the kind and the expiry are required; the issue date is optional and no later than the expiry.
 */
export function validateCertificate(
  form: Pick<PersonForm, 'certificate_number' | 'certificate_kind' | 'certificate_issued' | 'certificate_expiry'>,
): CertificateErrors {
  const errors: CertificateErrors = {
    certificate_number: null,
    certificate_kind: null,
    certificate_issued: null,
    certificate_expiry: null,
  }
  const number = form.certificate_number.trim()
  const kind = blankToNull(form.certificate_kind)
  const issued = blankToNull(form.certificate_issued)
  const expiry = blankToNull(form.certificate_expiry)
  if (number === '' && !kind && !issued && !expiry) return errors
  const length = Array.from(number).length
  if (length < 1 || length > 50) errors.certificate_number = 'validation.certificateNumber'
  if (!kind || !(CERTIFICATE_KINDS as readonly string[]).includes(kind)) errors.certificate_kind = 'validation.certificateKind'
  if (!expiry) errors.certificate_expiry = 'validation.certificateExpiry'
  // The server reports the order on the expiry, and so does the form.
  else if (issued && issued > expiry) errors.certificate_expiry = 'validation.certificateOrder'
  return errors
}

export function validatePersonRole(role: PersonRole | '', taken: readonly PersonRole[]): ValidationResult {
  if (!role || !(PERSON_ROLES as readonly string[]).includes(role)) return 'validation.personRole'
  return taken.includes(role) ? 'validation.personRoleTaken' : null
}

export function validatePosition(position: string): ValidationResult {
  return Array.from(position.trim()).length <= 50 ? null : 'validation.position'
}

/** Every check of the form, keyed by field: only the failing fields, each with an i18n key. */
export function validatePersonForm(form: PersonForm, taken: readonly PersonRole[]): Partial<Record<keyof PersonForm, string>> {
  const results: Partial<Record<keyof PersonForm, ValidationResult>> = {
    role: validatePersonRole(form.role, taken),
    name: validateName(form.name.trim()),
    position: validatePosition(form.position),
    phone: validatePhone(form.phone),
    ...validateCertificate(form),
  }
  const errors: Partial<Record<keyof PersonForm, string>> = {}
  for (const [field, key] of Object.entries(results)) {
    if (key) errors[field as keyof PersonForm] = key
  }
  return errors
}

export function personFormRules(form: PersonForm, taken: () => readonly PersonRole[], t: Translate): FormRules<PersonForm> {
  const rule = (field: keyof PersonForm, trigger: 'blur' | 'change' = 'blur'): FormItemRule => ({
    trigger,
    validator: (_rule, _value, callback) => {
      const key = validatePersonForm(form, taken())[field]
      callback(key ? new Error(t(key)) : undefined)
    },
  })
  return {
    role: [{ required: true, trigger: 'change', message: t('validation.personRole') }, rule('role', 'change')],
    name: [{ required: true, trigger: 'blur', message: t('validation.name') }, rule('name')],
    position: [rule('position')],
    phone: [{ required: true, trigger: 'blur', message: t('validation.phoneRequired') }, rule('phone')],
    certificate_number: [rule('certificate_number')],
    certificate_kind: [rule('certificate_kind', 'change')],
    certificate_issued: [rule('certificate_issued', 'change')],
    certificate_expiry: [rule('certificate_expiry', 'change')],
  }
}

import type { FormItemRule, FormRules } from 'element-plus'
import type { NewUser, Role, User, UserChanges } from '@/api/users'
import { formatInstant } from '@/utils/format'
import {
  regionRequired,
  validateConfirmation,
  validateEnterpriseId,
  validateName,
  validatePassword,
  validateRegionCode,
  validateRole,
  validateUsername,
  type ValidationResult,
} from '@/utils/validation'

type Translate = (key: string) => string

export interface Column {
  prop: keyof User
  /** i18n key of the header. */
  label: string
  width?: number
  minWidth?: number
  format?: (row: User, t: Translate) => string
  /** Rendered as a tag of this type instead of plain text. */
  tag?: (row: User) => 'success' | 'info' | 'warning' | 'danger' | 'primary'
}

export const userColumns: Column[] = [
  { prop: 'id', label: 'users.id', width: 70 },
  { prop: 'username', label: 'users.username', minWidth: 120 },
  { prop: 'name', label: 'users.name', minWidth: 120 },
  { prop: 'role', label: 'users.role', width: 130, format: (row, t) => t(`roles.${row.role}`) },
  { prop: 'region_code', label: 'users.regionCode', width: 140, format: (row) => row.region_code ?? '' },
  { prop: 'enterprise_id', label: 'users.enterpriseId', width: 100, format: (row) => row.enterprise_id?.toString() ?? '' },
  {
    prop: 'disabled',
    label: 'users.status',
    width: 90,
    format: (row, t) => t(row.disabled ? 'users.statusDisabled' : 'users.statusActive'),
    tag: (row) => (row.disabled ? 'info' : 'success'),
  },
  { prop: 'created_at', label: 'users.createdAt', width: 170, format: (row) => formatInstant(row.created_at) },
]

export interface UserFilters {
  q: string
  role: Role | ''
  region_code: string | null
}

export const emptyFilters: UserFilters = { q: '', role: '', region_code: null }

import type { FormMode } from '@/composables/useRecordDialog'

export type { FormMode }

export interface UserForm {
  username: string
  name: string
  password: string
  role: Role | ''
  region_code: string | null
  enterprise_id: number | null
  disabled: boolean
}

export function emptyUserForm(): UserForm {
  return { username: '', name: '', password: '', role: '', region_code: null, enterprise_id: null, disabled: false }
}

export function formFromUser(user: User): UserForm {
  return {
    username: user.username,
    name: user.name,
    password: '',
    role: user.role,
    region_code: user.region_code,
    enterprise_id: user.enterprise_id,
    disabled: user.disabled,
  }
}

/** What POST /users gets; fields that do not apply to the role are sent as null. */
export function newUserFromForm(form: UserForm): NewUser {
  const role = form.role as Role
  return {
    username: form.username.trim(),
    name: form.name.trim(),
    password: form.password,
    role,
    region_code: form.region_code || null,
    enterprise_id: role === 'enterprise' ? form.enterprise_id : null,
  }
}

/** What PATCH /users/{id} gets: the version it started from and only what changed. */
export function changesFromForm(original: User, form: UserForm): UserChanges {
  const changes: UserChanges = { version: original.version }
  const role = form.role as Role
  const name = form.name.trim()
  const region = form.region_code || null
  const enterprise = role === 'enterprise' ? form.enterprise_id : null
  if (name !== original.name) changes.name = name
  if (role !== original.role) changes.role = role
  if (region !== original.region_code) changes.region_code = region
  if (enterprise !== original.enterprise_id) changes.enterprise_id = enterprise
  if (form.disabled !== original.disabled) changes.disabled = form.disabled
  return changes
}

/** Every check a form field needs, keyed by field: null when fine, else an i18n key. */
export function validateUserForm(form: UserForm, mode: FormMode, roles: readonly Role[]): Partial<Record<keyof UserForm, string>> {
  const results: Partial<Record<keyof UserForm, ValidationResult>> = {
    name: validateName(form.name),
    role: validateRole(form.role, roles),
    region_code: validateRegionCode(form.region_code, form.role),
    enterprise_id: validateEnterpriseId(form.enterprise_id, form.role),
  }
  if (mode === 'create') {
    results.username = validateUsername(form.username.trim())
    results.password = validatePassword(form.password)
  }
  const errors: Partial<Record<keyof UserForm, string>> = {}
  for (const [field, key] of Object.entries(results)) {
    if (key) errors[field as keyof UserForm] = key
  }
  return errors
}

function rule(check: () => ValidationResult, t: Translate, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  return {
    trigger,
    validator: (_rule, _value, callback) => {
      const key = check()
      callback(key ? new Error(t(key)) : undefined)
    },
  }
}

export function userFormRules(form: UserForm, mode: FormMode, roles: () => readonly Role[], t: Translate): FormRules<UserForm> {
  const rules: FormRules<UserForm> = {
    name: [rule(() => validateName(form.name), t)],
    role: [rule(() => validateRole(form.role, roles()), t, 'change')],
    region_code: [
      { required: regionRequired(form.role), trigger: 'change', message: t('validation.regionRequired') },
      rule(() => validateRegionCode(form.region_code, form.role), t, 'change'),
    ],
    enterprise_id: [
      { required: form.role === 'enterprise', trigger: 'blur', message: t('validation.enterpriseRequired') },
      rule(() => validateEnterpriseId(form.enterprise_id, form.role), t),
    ],
  }
  if (mode === 'create') {
    rules.username = [{ required: true, trigger: 'blur', message: t('validation.username') }, rule(() => validateUsername(form.username.trim()), t)]
    rules.password = [{ required: true, trigger: 'blur', message: t('validation.password') }, rule(() => validatePassword(form.password), t)]
  }
  return rules
}

export interface ResetForm {
  password: string
  confirmation: string
}

export function resetRules(form: ResetForm, t: Translate): FormRules<ResetForm> {
  return {
    password: [rule(() => validatePassword(form.password), t)],
    confirmation: [rule(() => validateConfirmation(form.password, form.confirmation), t)],
  }
}

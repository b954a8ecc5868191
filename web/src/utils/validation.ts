// Client-side checks that mirror the server's identity rules, so that most mistakes are caught
// before a round trip. Each returns null when the value is fine, or the i18n key of the message.
import type { Role } from '@/api/users'

export type ValidationResult = string | null

const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/
const REGION_CODE = /^\d{12}$/

/** Length in code points, as the server counts it (a Chinese character is one). */
export function codePoints(text: string): number {
  return Array.from(text).length
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}

export function validateUsername(username: string): ValidationResult {
  return USERNAME.test(username) ? null : 'validation.username'
}

export function validatePassword(password: string): ValidationResult {
  const ok =
    codePoints(password) >= 8 &&
    utf8Bytes(password) <= 128 &&
    /[A-Za-z]/.test(password) &&
    /[0-9]/.test(password)
  return ok ? null : 'validation.password'
}

export function validateName(name: string): ValidationResult {
  const length = codePoints(name)
  if (length === 0 || length > 64 || name.trim() === '') return 'validation.name'
  return null
}

/** Every role works inside a region except administrators, experts and enterprise accounts. */
export function regionRequired(role: Role | '' | null | undefined): boolean {
  return role === 'bureau' || role === 'station' || role === 'grid'
}

export function validateRegionCode(code: string | null | undefined, role: Role | '' | null | undefined): ValidationResult {
  if (code === null || code === undefined || code === '') {
    return regionRequired(role) ? 'validation.regionRequired' : null
  }
  return REGION_CODE.test(code) ? null : 'validation.regionCode'
}

export function validateEnterpriseId(
  id: number | string | null | undefined,
  role: Role | '' | null | undefined,
): ValidationResult {
  if (role !== 'enterprise') return null
  if (id === null || id === undefined || id === '') return 'validation.enterpriseRequired'
  const value = typeof id === 'number' ? id : Number(id)
  return Number.isInteger(value) && value > 0 ? null : 'validation.enterpriseRequired'
}

export function validateRole(role: Role | '' | null | undefined, allowed: readonly Role[]): ValidationResult {
  return role && allowed.includes(role) ? null : 'validation.role'
}

export function validateConfirmation(password: string, confirmation: string): ValidationResult {
  return password === confirmation ? null : 'validation.confirm'
}

/**
 * A telephone number as the server accepts it: 5–20 characters of digits, spaces and '-', an
 * optional leading '+', and at least 5 digits. `required: false` lets an empty value through.
 */
export function validatePhone(phone: string, required = true): ValidationResult {
  const value = phone.trim()
  if (value === '') return required ? 'validation.phoneRequired' : null
  const plausible =
    value.length >= 5 && value.length <= 20 && /^\+?[0-9 -]+$/.test(value) && value.replace(/[^0-9]/g, '').length >= 5
  return plausible ? null : 'validation.phone'
}

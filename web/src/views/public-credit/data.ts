// The public credit page (信用公示): what a visitor may look up and how each entry reads. Only what
// the server publishes shows: the name, the credit code, the region code, an A or D class with its
// year and day, and a listing's days, reason and authority.
import type { PublicCreditEntry, PublicList } from '@/api/credit'
import { codePoints } from '@/utils/validation'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** A lookup is 2–100 characters: part of a name, or a whole credit code. */
export const LOOKUP_MIN = 2
export const LOOKUP_MAX = 100

export function validateLookup(text: string): string | null {
  const length = codePoints(text.trim())
  return length < LOOKUP_MIN || length > LOOKUP_MAX ? 'publicCredit.lookupLength' : null
}

/** A credit code is looked up in capitals (the server matches it exactly); a name as typed. */
export function lookupQuery(text: string): string {
  const trimmed = text.trim()
  return /^[0-9A-Za-z]{18}$/.test(trimmed) ? trimmed.toUpperCase() : trimmed
}

/** "A 级" or "D 级"; B and C are not published: "未公示". */
export function publicClassLabel(entry: Pick<PublicCreditEntry, 'credit_class'>, t: Translate): string {
  return entry.credit_class ? t('publicCredit.classValue', { class: entry.credit_class }) : t('publicCredit.notPublished')
}

export function publicClassTag(entry: Pick<PublicCreditEntry, 'credit_class'>): 'success' | 'danger' | 'info' {
  if (entry.credit_class === 'A') return 'success'
  return entry.credit_class === 'D' ? 'danger' : 'info'
}

/** "2025 年度，2026-03-16 评定"; empty when the class is not published. */
export function ratedText(entry: Pick<PublicCreditEntry, 'credit_class' | 'year' | 'rated_on'>, t: Translate): string {
  if (!entry.credit_class || entry.year === null) return ''
  return entry.rated_on ? t('publicCredit.ratedOn', { year: entry.year, day: entry.rated_on }) : t('publicCredit.ratedYear', { year: entry.year })
}

/** The list's i18n keys: its tab, and the sentence that says what is on it. */
export function listKeys(list: PublicList): { tab: string; hint: string } {
  return { tab: `publicCredit.lists.${list}`, hint: `publicCredit.hints.${list}` }
}

export type PublicCellKind = 'name' | 'uscc' | 'region' | 'class' | 'blacklist'

export interface PublicColumn {
  kind: PublicCellKind
  label: string
  width?: number
  minWidth?: number
}

const COLUMNS: PublicColumn[] = [
  { kind: 'name', label: 'publicCredit.name', minWidth: 220 },
  { kind: 'uscc', label: 'publicCredit.uscc', width: 190 },
  { kind: 'region', label: 'publicCredit.regionCode', width: 130 },
  { kind: 'class', label: 'publicCredit.class', minWidth: 180 },
  { kind: 'blacklist', label: 'publicCredit.blacklist', minWidth: 300 },
]

/** The red list has no listings on it: no blacklist column. */
export function publicColumns(list: PublicList): PublicColumn[] {
  return COLUMNS.filter((column) => list === 'exposed' || column.kind !== 'blacklist')
}

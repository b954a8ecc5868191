// The checklist pages (检查表): list columns, the template form with its items table, and its
// checks (mirroring the server's checklist::Validate and ValidateItems).
import type { FormItemRule, FormRules } from 'element-plus'
import {
  MAX_ITEM_POINTS,
  type Checklist,
  type ChecklistDetail,
  type ChecklistPurpose,
  type ChecklistRevision,
  type ItemCategory,
  type NewChecklist,
  type NewChecklistItem,
} from '@/api/checklists'
import type { FormMode } from '@/composables/useRecordDialog'
import { formatInstant } from '@/utils/format'
import type { ValidationResult } from '@/utils/validation'

export type { FormMode }

type Translate = (key: string, named?: Record<string, unknown>) => string

export const MAX_ITEMS = 500
const CODE = /^[a-z][a-z0-9_]{1,49}$/

function codePoints(text: string): number {
  return Array.from(text).length
}

// ---- The list

export interface ChecklistFilters {
  q: string
  purpose: ChecklistPurpose | ''
}

export const emptyFilters: ChecklistFilters = { q: '', purpose: '' }

export interface ChecklistColumn {
  key: string
  /** i18n key of the header. */
  label: string
  width?: number
  minWidth?: number
  format: (row: Checklist, t: Translate, industryName: (code: string) => string) => string
}

/** Plain text columns; the name (a link) and the tags are drawn by the page. */
export const checklistColumns: ChecklistColumn[] = [
  { key: 'code', label: 'checklists.code', minWidth: 150, format: (row) => row.code },
  { key: 'purpose', label: 'checklists.purpose', width: 110, format: (row, t) => t(`checklists.purposes.${row.purpose}`) },
  {
    key: 'industry',
    label: 'checklists.industry',
    minWidth: 110,
    format: (row, t, industryName) => (row.industry_code ? industryName(row.industry_code) : t('checklists.allIndustries')),
  },
  { key: 'version', label: 'checklists.currentVersion', width: 90, format: (row, t) => t('checklists.versionLabel', { number: row.current_version }) },
  { key: 'items', label: 'checklists.itemCount', width: 80, format: (row) => String(row.item_count) },
  { key: 'updated', label: 'checklists.updatedAt', width: 160, format: (row) => formatInstant(row.updated_at) },
]

/** Version numbers 1..current, newest first, for the version picker. */
export function versionChoices(current: number): number[] {
  return Array.from({ length: Math.max(current, 0) }, (_, index) => current - index)
}

// ---- The form

/** An item row of the editor; `key` only tells rows apart while they move. */
export interface ItemForm extends NewChecklistItem {
  key: number
}

export interface ChecklistForm {
  code: string
  name: string
  purpose: ChecklistPurpose | ''
  hazard_tags: string[]
  industry_code: string | null
  note: string
  items: ItemForm[]
}

let nextKey = 1

export function emptyItem(category: ItemCategory = 'management'): ItemForm {
  return { key: nextKey++, text: '', category, legal_basis: '', points: null, major_hazard: false }
}

export function emptyChecklistForm(): ChecklistForm {
  return { code: '', name: '', purpose: '', hazard_tags: [], industry_code: null, note: '', items: [emptyItem()] }
}

/** A revision starts from the version shown: its items, and an empty note for the new one. */
export function formFromChecklist(detail: ChecklistDetail): ChecklistForm {
  return {
    code: detail.code,
    name: detail.name,
    purpose: detail.purpose,
    hazard_tags: [...detail.hazard_tags],
    industry_code: detail.industry_code || null,
    note: '',
    items: detail.checklist_version.items
      .slice()
      .sort((a, b) => a.position - b.position)
      .map((item) => ({
        key: nextKey++,
        text: item.text,
        category: item.category,
        legal_basis: item.legal_basis,
        points: item.points,
        major_hazard: item.major_hazard,
      })),
  }
}

function itemsFromForm(form: ChecklistForm): NewChecklistItem[] {
  return form.items.map((item) => ({
    text: item.text.trim(),
    category: item.category,
    legal_basis: item.legal_basis.trim(),
    // A cleared number input gives undefined rather than null.
    points: item.points ?? null,
    major_hazard: item.major_hazard,
  }))
}

export function newChecklistFromForm(form: ChecklistForm): NewChecklist {
  return {
    code: form.code.trim(),
    name: form.name.trim(),
    purpose: form.purpose as ChecklistPurpose,
    hazard_tags: [...form.hazard_tags].sort(),
    industry_code: form.industry_code ?? '',
    note: form.note.trim(),
    items: itemsFromForm(form),
  }
}

/** The next version: the whole item list, and those template fields that changed. */
export function revisionFromForm(original: ChecklistDetail, form: ChecklistForm): ChecklistRevision {
  const next = newChecklistFromForm(form)
  const revision: ChecklistRevision = { version: original.version, note: next.note, items: next.items }
  if (next.name !== original.name) revision.name = next.name
  if (next.purpose !== original.purpose) revision.purpose = next.purpose
  if (next.industry_code !== original.industry_code) revision.industry_code = next.industry_code
  if (next.hazard_tags.join('\u0000') !== [...original.hazard_tags].sort().join('\u0000')) revision.hazard_tags = next.hazard_tags
  return revision
}

/** Moves an item up (-1) or down (+1); nothing happens past either end. */
export function moveItem(items: ItemForm[], index: number, step: -1 | 1): void {
  const target = index + step
  if (target < 0 || target >= items.length) return
  const [item] = items.splice(index, 1)
  items.splice(target, 0, item)
}

export type ItemField = 'text' | 'category' | 'legal_basis' | 'points'

export function validateItem(item: NewChecklistItem): Partial<Record<ItemField, string>> {
  const errors: Partial<Record<ItemField, string>> = {}
  const length = codePoints(item.text.trim())
  if (length === 0 || length > 500) errors.text = 'validation.itemText'
  if (!item.category) errors.category = 'validation.itemCategory'
  if (codePoints(item.legal_basis.trim()) > 300) errors.legal_basis = 'validation.legalBasis'
  const points = item.points
  if (points !== null && (!Number.isInteger(points) || points < 1 || points > MAX_ITEM_POINTS)) errors.points = 'validation.itemPoints'
  return errors
}

type FormField = 'code' | 'name' | 'purpose' | 'note' | 'items'

/** The template's own checks, keyed by field (a code is fixed once created). */
export function validateChecklistForm(form: ChecklistForm, mode: FormMode): Partial<Record<FormField, string>> {
  const results: Record<FormField, ValidationResult> = {
    code: mode === 'create' && !CODE.test(form.code.trim()) ? 'validation.checklistCode' : null,
    name: codePoints(form.name.trim()) === 0 || codePoints(form.name.trim()) > 100 ? 'validation.checklistName' : null,
    purpose: form.purpose ? null : 'validation.checklistPurpose',
    note: codePoints(form.note.trim()) > 200 ? 'validation.checklistNote' : null,
    items: form.items.length === 0 || form.items.length > MAX_ITEMS ? 'validation.checklistItems' : null,
  }
  const errors: Partial<Record<FormField, string>> = {}
  for (const [field, key] of Object.entries(results)) {
    if (key) errors[field as FormField] = key
  }
  return errors
}

/** The server names an item's field as `items[3].text`; the editor shows it in that cell. */
export function itemFieldKey(index: number, field: ItemField): string {
  return `items[${index}].${field}`
}

export function checklistFormRules(form: ChecklistForm, mode: () => FormMode, t: Translate): FormRules {
  const rule = (field: FormField, trigger: 'blur' | 'change'): FormItemRule => ({
    trigger,
    validator: (_rule, _value, callback) => {
      const key = validateChecklistForm(form, mode())[field]
      callback(key ? new Error(t(key)) : undefined)
    },
  })
  const rules: FormRules = {
    code: [rule('code', 'blur')],
    name: [rule('name', 'blur')],
    purpose: [rule('purpose', 'change')],
    note: [rule('note', 'blur')],
    items: [rule('items', 'change')],
  }
  // One rule per cell of the items table: props like items.3.text.
  form.items.forEach((item, index) => {
    for (const field of ['text', 'category', 'legal_basis', 'points'] as const) {
      rules[`items.${index}.${field}`] = [
        {
          trigger: field === 'category' ? 'change' : 'blur',
          validator: (_rule, _value, callback) => {
            const key = validateItem(form.items[index] ?? item)[field]
            callback(key ? new Error(t(key)) : undefined)
          },
        },
      ]
    }
  })
  return rules
}

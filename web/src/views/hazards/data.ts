// The hazard pages (隐患治理): list columns and filters, the order of the action buttons the server
// allows, the action forms and their checks (mirroring ValidateInput), the
// direct-entry form, the detail rows and the timeline.
import type { FormItemRule, FormRules } from 'element-plus'
import type { HazardPhoto } from '@/api/files'
import {
  HAZARD_STATES,
  PHOTO_ACTIONS,
  type Hazard,
  type HazardAction,
  type HazardClassification,
  type HazardHandling,
  type HazardLevel,
  type HazardSource,
  type HazardState,
  type HazardStateFilter,
  type HazardTransition,
  type HazardType,
  type NewHazard,
  type NewNotice,
  type PhotoAction,
  type TimelineDetails,
  type TimelineEvent,
} from '@/api/hazards'
import { formatInstant } from '@/utils/format'
import type { ValidationResult } from '@/utils/validation'

type Translate = (key: string, named?: Record<string, unknown>) => string
export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** Length in code points, as the server counts it (a Chinese character is one). */
function codePoints(text: string): number {
  return Array.from(text).length
}

// ---- Tags and badges

/**
 * The colour of a state: red while nobody has acted, orange once notified, blue while the
 * enterprise works or waits for the re-inspection, dark red when it failed, green when closed.
 */
export function stateTag(state: HazardState): { type: TagType; effect: 'light' | 'dark' | 'plain' } {
  switch (state) {
    case 'reported':
      return { type: 'danger', effect: 'light' }
    case 'notified':
      return { type: 'warning', effect: 'light' }
    case 'rectifying':
      return { type: 'primary', effect: 'light' }
    case 'submitted':
      return { type: 'primary', effect: 'dark' }
    case 'rejected':
      return { type: 'danger', effect: 'dark' }
    case 'verified':
      return { type: 'success', effect: 'light' }
    case 'cancelled':
      return { type: 'info', effect: 'plain' }
  }
}

export function levelTag(level: HazardLevel): TagType {
  return level === 'major' ? 'danger' : 'warning'
}

/** "剩余 5 天", "今日到期", "逾期 3 天", or '' when the hazard has no running deadline. */
export function daysLeftText(daysLeft: number | null, t: Translate): string {
  if (daysLeft === null) return ''
  if (daysLeft === 0) return t('hazards.dueToday')
  return daysLeft > 0 ? t('hazards.daysLeft', { days: daysLeft }) : t('hazards.daysOverdue', { days: -daysLeft })
}

/** Grey while there is time, orange in the last three days, red once overdue. */
export function daysLeftType(daysLeft: number | null): TagType {
  if (daysLeft === null || daysLeft > 3) return 'info'
  return daysLeft >= 0 ? 'warning' : 'danger'
}

// ---- The buttons

/** The order the buttons show in: the step forward first, then the side roads. */
const BUTTON_ORDER: readonly HazardAction[] = ['notify', 'fix_on_spot', 'start', 'submit', 'resume', 'verify', 'reject', 'extend', 'cancel']

/**
 * The buttons of a hazard: the actions the server says the caller may take now
 * (`allowed_actions`, the state machine's own answer), in button order, without any this page
 * does not know.
 */
export function actionButtons(allowed: readonly string[] | null | undefined): HazardAction[] {
  if (!allowed) return []
  return BUTTON_ORDER.filter((action) => allowed.includes(action))
}

/** How a button looks: the way forward in blue or green, failures and cancelling in red. */
export function actionButtonType(action: HazardAction): 'primary' | 'success' | 'danger' | 'warning' {
  switch (action) {
    case 'verify':
    case 'fix_on_spot':
      return 'success'
    case 'reject':
    case 'cancel':
      return 'danger'
    case 'extend':
      return 'warning'
    case 'notify':
    case 'start':
    case 'submit':
    case 'resume':
      return 'primary'
  }
}

// ---- The action forms

export interface ActionForm {
  deadline: string | null
  responsible_person: string
  measures: string
  method: string
  completed_on: string | null
  result: string
  reason: string
}

export type ActionFieldName = keyof ActionForm

export interface ActionField {
  name: ActionFieldName
  kind: 'date' | 'text' | 'textarea'
  /** i18n keys of the label and of the placeholder. */
  label: string
  placeholder?: string
  /** Most code points the server takes (text fields). */
  max?: number
}

const DEADLINE: ActionField = { name: 'deadline', kind: 'date', label: 'hazards.fields.deadline' }
const MEASURES: ActionField = { name: 'measures', kind: 'textarea', label: 'hazards.fields.measures', placeholder: 'hazards.placeholders.measures', max: 1000 }

/** What each action asks for; start and resume only ask to confirm. */
export const ACTION_FIELDS: Record<HazardAction, readonly ActionField[]> = {
  fix_on_spot: [{ name: 'method', kind: 'textarea', label: 'hazards.fields.method', placeholder: 'hazards.placeholders.method', max: 1000 }],
  notify: [DEADLINE, { name: 'responsible_person', kind: 'text', label: 'hazards.fields.responsible_person', max: 64 }, MEASURES],
  start: [],
  submit: [
    { name: 'method', kind: 'textarea', label: 'hazards.fields.submitMethod', placeholder: 'hazards.placeholders.method', max: 1000 },
    { name: 'completed_on', kind: 'date', label: 'hazards.fields.completed_on' },
  ],
  verify: [{ name: 'result', kind: 'textarea', label: 'hazards.fields.result', placeholder: 'hazards.placeholders.result', max: 1000 }],
  reject: [{ name: 'reason', kind: 'textarea', label: 'hazards.fields.rejectReason', placeholder: 'hazards.placeholders.rejectReason', max: 500 }],
  resume: [],
  extend: [
    { name: 'deadline', kind: 'date', label: 'hazards.fields.newDeadline' },
    { name: 'reason', kind: 'textarea', label: 'hazards.fields.extendReason', placeholder: 'hazards.placeholders.extendReason', max: 500 },
  ],
  cancel: [{ name: 'reason', kind: 'textarea', label: 'hazards.fields.cancelReason', placeholder: 'hazards.placeholders.cancelReason', max: 500 }],
}

/** Actions that need nothing but a confirmation. */
export function isConfirmOnly(action: HazardAction): boolean {
  return ACTION_FIELDS[action].length === 0
}

/** Whether an action takes (after-)photos: fixing on the spot and submitting do. */
export function takesPhotos(action: HazardAction): action is PhotoAction {
  return (PHOTO_ACTIONS as readonly HazardAction[]).includes(action)
}

/** A fresh form: a submission is dated today, an extension starts from the current deadline. */
export function emptyActionForm(action: HazardAction, today: string): ActionForm {
  return {
    deadline: null,
    responsible_person: '',
    measures: '',
    method: '',
    completed_on: action === 'submit' ? today : null,
    result: '',
    reason: '',
  }
}

/**
 * The request of an action: the fields it takes, trimmed, with the version the user saw, and
 * the photos' ids for the two actions that take photos (the server refuses them on any other).
 */
export function transitionFromForm(action: HazardAction, form: ActionForm, version: number, photoIds: readonly number[] = []): HazardTransition {
  const text = (value: string) => value.trim()
  const photos = photoIds.length > 0 ? { photo_ids: [...photoIds] } : {}
  switch (action) {
    case 'fix_on_spot':
      return { action, version, method: text(form.method), ...photos }
    case 'notify':
      return { action, version, deadline: form.deadline ?? '', responsible_person: text(form.responsible_person), measures: text(form.measures) }
    case 'submit':
      return { action, version, method: text(form.method), completed_on: form.completed_on ?? '', ...photos }
    case 'verify':
      return { action, version, result: text(form.result) }
    case 'reject':
    case 'cancel':
      return { action, version, reason: text(form.reason) }
    case 'extend':
      return { action, version, deadline: form.deadline ?? '', reason: text(form.reason) }
    case 'start':
    case 'resume':
      return { action, version }
  }
}

function validateText(value: string, max: number): ValidationResult {
  const length = codePoints(value.trim())
  if (length === 0) return 'validation.required'
  return length > max ? 'validation.textTooLong' : null
}

/** What the checks need to know of the hazard. */
export type ActionSubject = Pick<Hazard, 'deadline' | 'found_on'>

/**
 * The checks of an action's fields on `today` (China time), keyed by field: a deadline is not
 * before today and an extension moves it later, a completion date lies between the day the
 * hazard was found and today.
 */
export function validateActionForm(
  action: HazardAction,
  form: ActionForm,
  hazard: ActionSubject | null,
  today: string,
): Partial<Record<ActionFieldName, string>> {
  const currentDeadline = hazard?.deadline ?? null
  const errors: Partial<Record<ActionFieldName, string>> = {}
  for (const field of ACTION_FIELDS[action]) {
    let key: ValidationResult = null
    if (field.name === 'deadline') {
      const deadline = form.deadline
      if (!deadline) key = 'validation.deadlineRequired'
      else if (deadline < today) key = 'validation.deadlineInPast'
      else if (action === 'extend' && currentDeadline && deadline <= currentDeadline) key = 'validation.extensionNotLater'
    } else if (field.name === 'completed_on') {
      if (!form.completed_on) key = 'validation.completedOnRequired'
      else if (form.completed_on > today) key = 'validation.dateInFuture'
      else if (hazard && form.completed_on < hazard.found_on) key = 'validation.dateBeforeFound'
    } else {
      key = validateText(form[field.name] ?? '', field.max ?? 1000)
    }
    if (key) errors[field.name] = key
  }
  return errors
}

export function actionFormRules(
  action: () => HazardAction,
  form: ActionForm,
  hazard: () => ActionSubject | null,
  today: () => string,
  t: Translate,
): FormRules<ActionForm> {
  const rule = (field: ActionFieldName, trigger: 'blur' | 'change'): FormItemRule => ({
    trigger,
    validator: (_rule, _value, callback) => {
      const subject = hazard()
      const key = validateActionForm(action(), form, subject, today())[field]
      const max = ACTION_FIELDS[action()].find((item) => item.name === field)?.max
      callback(key ? new Error(t(key, { max, deadline: subject?.deadline ?? '', found: subject?.found_on ?? '' })) : undefined)
    },
  })
  return {
    deadline: [rule('deadline', 'change')],
    completed_on: [rule('completed_on', 'change')],
    responsible_person: [rule('responsible_person', 'blur')],
    measures: [rule('measures', 'blur')],
    method: [rule('method', 'blur')],
    result: [rule('result', 'blur')],
    reason: [rule('reason', 'blur')],
  }
}

// ---- Notices

export interface NoticeForm {
  deadline: string | null
  responsible_person: string
  measures: string
}

export function emptyNoticeForm(): NoticeForm {
  return { deadline: null, responsible_person: '', measures: '' }
}

export function noticeFromForm(hazardIds: readonly number[], form: NoticeForm): NewNotice {
  return {
    hazard_ids: [...hazardIds],
    deadline: form.deadline ?? '',
    responsible_person: form.responsible_person.trim(),
    measures: form.measures.trim(),
  }
}

/** Why the selection cannot go into one notice, as an i18n key and its values; null when it can. */
export function noticeSelectionProblem(selection: readonly Pick<Hazard, 'state' | 'enterprise_id'>[]): { key: string; named?: Record<string, unknown> } | null {
  if (selection.length === 0) return { key: 'hazards.notices.hint' }
  if (selection.some((hazard) => hazard.state !== 'reported')) return { key: 'hazards.notices.onlyReported' }
  const enterprises = new Set(selection.map((hazard) => hazard.enterprise_id))
  if (enterprises.size > 1) return { key: 'hazards.notices.mixed', named: { count: enterprises.size } }
  return null
}

// ---- The list

export interface HazardFilters {
  q: string
  state: HazardStateFilter | ''
  level: HazardLevel | ''
  overdue: boolean
  listed: boolean
  region_code: string | null
  enterprise_id: number | null
  inspection_id: number | null
  notice_id: number | null
}

/** Open hazards first: what still needs someone's attention. */
export const emptyFilters: HazardFilters = {
  q: '',
  state: 'open',
  level: '',
  overdue: false,
  listed: false,
  region_code: null,
  enterprise_id: null,
  inspection_id: null,
  notice_id: null,
}

/**
 * The filters a link may carry (?inspection_id=3 from a finished inspection, every state then;
 * ?overdue=true&region_code=… from a dashboard card).
 */
export function filtersFromQuery(query: Record<string, unknown>): HazardFilters {
  const id = (name: string): number | null => {
    const value = query[name]
    const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null
    return number && number > 0 ? number : null
  }
  const filters: HazardFilters = { ...emptyFilters }
  filters.enterprise_id = id('enterprise_id')
  filters.inspection_id = id('inspection_id')
  filters.notice_id = id('notice_id')
  if (filters.enterprise_id || filters.inspection_id || filters.notice_id) filters.state = ''
  const state = query.state
  if (state === 'open' || (HAZARD_STATES as readonly unknown[]).includes(state)) filters.state = state as HazardStateFilter
  // The dashboard's "hazards found" card asks for every state.
  if (state === 'all') filters.state = ''
  const region = query.region_code
  if (typeof region === 'string' && /^\d{12}$/.test(region)) filters.region_code = region
  if (query.overdue === 'true') filters.overdue = true
  if (query.listed === 'true') filters.listed = true
  return filters
}

/** The fixed filter a link set, shown as a closable tag: which one and its i18n key. */
export function linkedFilter(filters: HazardFilters): { name: 'inspection_id' | 'enterprise_id' | 'notice_id'; key: string; id: number } | null {
  if (filters.inspection_id) return { name: 'inspection_id', key: 'hazards.fromInspection', id: filters.inspection_id }
  if (filters.notice_id) return { name: 'notice_id', key: 'hazards.ofNotice', id: filters.notice_id }
  if (filters.enterprise_id) return { name: 'enterprise_id', key: 'hazards.ofEnterprise', id: filters.enterprise_id }
  return null
}

export type HazardCellKind = 'description' | 'enterprise' | 'level' | 'state' | 'deadline' | 'found' | 'notice'

export interface HazardColumn {
  kind: HazardCellKind
  /** i18n key of the header. */
  label: string
  width?: number
  minWidth?: number
}

/** The table's columns; the page draws each kind (links, tags, badges). */
export const hazardColumns: HazardColumn[] = [
  { kind: 'description', label: 'hazards.description', minWidth: 220 },
  { kind: 'enterprise', label: 'hazards.enterprise', minWidth: 160 },
  { kind: 'level', label: 'hazards.level', width: 100 },
  { kind: 'state', label: 'hazards.state', width: 110 },
  { kind: 'deadline', label: 'hazards.deadline', width: 130 },
  { kind: 'found', label: 'hazards.foundBy', width: 130 },
  { kind: 'notice', label: 'hazards.noticeNumber', minWidth: 170 },
]

// ---- Direct entry

export interface HazardForm {
  enterprise_id: number | null
  description: string
  location: string
  level: HazardLevel
  source: HazardSource
  hazard_type: HazardType
  classification: HazardClassification
  handling: HazardHandling
}

export function emptyHazardForm(enterpriseId: number | null = null): HazardForm {
  return {
    enterprise_id: enterpriseId,
    description: '',
    location: '',
    level: 'general',
    source: 'daily',
    hazard_type: 'safety',
    classification: 'unsafe_state',
    handling: 'by_deadline',
  }
}

/** The request of a direct entry; the before-photos' ids when there are any. */
export function newHazardFromForm(form: HazardForm, photoIds: readonly number[] = []): NewHazard {
  const hazard: NewHazard = {
    enterprise_id: form.enterprise_id ?? 0,
    description: form.description.trim(),
    location: form.location.trim(),
    level: form.level,
    source: form.source,
    hazard_type: form.hazard_type,
    classification: form.classification,
    handling: form.handling,
  }
  if (photoIds.length > 0) hazard.photo_ids = [...photoIds]
  return hazard
}

/** The checks of the server's hazard::Validate that a person can get wrong. */
export function validateHazardForm(form: HazardForm): Partial<Record<keyof HazardForm, string>> {
  const errors: Partial<Record<keyof HazardForm, string>> = {}
  if (!form.enterprise_id) errors.enterprise_id = 'validation.enterprisePick'
  const length = codePoints(form.description.trim())
  if (length === 0 || length > 1000) errors.description = 'validation.hazardDescription'
  if (codePoints(form.location.trim()) > 200) errors.location = 'validation.hazardLocation'
  return errors
}

export function hazardFormRules(form: HazardForm, t: Translate): FormRules<HazardForm> {
  const rule = (field: keyof HazardForm, trigger: 'blur' | 'change'): FormItemRule => ({
    trigger,
    validator: (_rule, _value, callback) => {
      const key = validateHazardForm(form)[field]
      callback(key ? new Error(t(key)) : undefined)
    },
  })
  return {
    enterprise_id: [rule('enterprise_id', 'change')],
    description: [rule('description', 'blur')],
    location: [rule('location', 'blur')],
  }
}

// ---- The detail

export interface DetailRow {
  /** i18n key of the label. */
  label: string
  value: string
  test: string
}

/** The record's descriptive fields; state, deadline, notice and links are drawn by the page. */
export function hazardRows(hazard: Hazard, t: Translate, regionName: string): DetailRow[] {
  const rows: DetailRow[] = [
    { label: 'hazards.region', value: regionName ? `${regionName} (${hazard.region_code})` : hazard.region_code, test: 'hazard-field-region' },
    { label: 'hazards.location', value: hazard.location, test: 'hazard-field-location' },
    { label: 'hazards.level', value: t(`hazards.levels.${hazard.level}`), test: 'hazard-field-level' },
    { label: 'hazards.source', value: t(`hazards.sources.${hazard.source}`), test: 'hazard-field-source' },
    { label: 'hazards.type', value: t(`hazards.types.${hazard.hazard_type}`), test: 'hazard-field-type' },
    { label: 'hazards.classification', value: t(`hazards.classifications.${hazard.classification}`), test: 'hazard-field-classification' },
    { label: 'hazards.handling', value: t(`hazards.handlings.${hazard.handling}`), test: 'hazard-field-handling' },
    { label: 'hazards.foundBy', value: hazard.found_by_name, test: 'hazard-field-found-by' },
    { label: 'hazards.foundOn', value: hazard.found_on, test: 'hazard-field-found-on' },
  ]
  // A notice names the responsible person and the measures; before it there are none.
  if (hazard.responsible_person) rows.push({ label: 'hazards.responsiblePerson', value: hazard.responsible_person, test: 'hazard-field-responsible' })
  if (hazard.measures) rows.push({ label: 'hazards.measures', value: hazard.measures, test: 'hazard-field-measures' })
  if (hazard.listed_at) rows.push({ label: 'hazards.listedAt', value: formatInstant(hazard.listed_at), test: 'hazard-field-listed-at' })
  if (hazard.delisted_at) rows.push({ label: 'hazards.delistedAt', value: formatInstant(hazard.delisted_at), test: 'hazard-field-delisted-at' })
  if (hazard.verified_at) rows.push({ label: 'hazards.verifiedAt', value: formatInstant(hazard.verified_at), test: 'hazard-field-verified-at' })
  return rows
}

/** What an action recorded in words (its photos are shown as photos). */
export type TextDetail = Exclude<keyof TimelineDetails, 'photo_ids'>

/** The order and labels of what an action recorded. */
const DETAIL_LABELS: readonly [TextDetail, string][] = [
  ['notice_number', 'hazards.fields.notice_number'],
  ['deadline', 'hazards.fields.deadline'],
  ['responsible_person', 'hazards.fields.responsible_person'],
  ['measures', 'hazards.fields.measures'],
  ['method', 'hazards.fields.method'],
  ['completed_on', 'hazards.fields.completed_on'],
  ['result', 'hazards.fields.result'],
  ['reason', 'hazards.fields.reason'],
]

/** What one action recorded, as label and value lines. An extension's deadline is the new one. */
export function timelineDetails(event: TimelineEvent): { label: string; value: string; key: TextDetail }[] {
  const details = event.details ?? {}
  return DETAIL_LABELS.filter(([key]) => typeof details[key] === 'string' && details[key] !== '').map(([key, label]) => ({
    key,
    label: key === 'deadline' && event.action === 'extend' ? 'hazards.fields.newDeadline' : label,
    value: details[key] ?? '',
  }))
}

/**
 * The photos an entry of the timeline brought, in the hazard's order: those its details name
 * (a fix on the spot, a submission) or tied to it; the report brought the before-photos.
 */
export function eventPhotos(event: Pick<TimelineEvent, 'id' | 'action' | 'details'>, photos: readonly HazardPhoto[]): HazardPhoto[] {
  const named = new Set(event.details?.photo_ids ?? [])
  return photos.filter(
    (photo) => named.has(photo.id) || photo.event_id === event.id || (event.action === 'report' && photo.stage === 'before' && (photo.event_id ?? null) === null),
  )
}

/** The dot colour of a timeline entry: its resulting state's colour. */
export function timelineType(event: TimelineEvent): TagType {
  return stateTag(event.to_state).type
}

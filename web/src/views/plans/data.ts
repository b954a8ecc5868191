// The inspection plan pages (检查计划): list columns and filters, how far a plan has got, the
// create and edit forms with the server's checks (plan::Validate), the request they send, the
// assignee candidates, and the targets and tasks of a plan.
import type { FormItemRule, FormRules } from 'element-plus'
import type { EnterpriseQuery, Scale } from '@/api/enterprises'
import type { GridCell } from '@/api/grids'
import { MAX_TARGETS, PLAN_KINDS, type NewPlan, type Plan, type PlanChanges, type PlanKind, type PlanStatus, type PlanTarget, type PlanTargetFilter, type TargetStatus } from '@/api/plans'
import type { Role, User } from '@/api/users'
import { inspectionKindsFor, recordersOf } from '@/router/access'

type Translate = (key: string, named?: Record<string, unknown>) => string
export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** The most code points of a plan's name and of its note (as the server counts them). */
export const MAX_NAME = 100
export const MAX_NOTE = 1000
/** A plan spans at most this many days after its first (366 days, both ends counted). */
export const MAX_SPAN_DAYS = 365

function codePoints(text: string): number {
  return Array.from(text).length
}

// ---- Days (YYYY-MM-DD, China dates as the server sends them)

function dayNumber(day: string): number {
  const [year, month, date] = day.split('-').map(Number)
  return Date.UTC(year, month - 1, date) / 86_400_000
}

function dayOf(number: number): string {
  return new Date(number * 86_400_000).toISOString().slice(0, 10)
}

/** Days from `from` to `to`: 0 for the same day, negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from))
}

export function addDays(day: string, days: number): string {
  return dayOf(dayNumber(day) + days)
}

/** The last day of the quarter `day` falls in: 2026-11-29 → 2026-12-31. */
export function endOfQuarter(day: string): string {
  const [year, month] = day.split('-').map(Number)
  const lastMonth = Math.ceil(month / 3) * 3
  // Day 0 of the month after is the last day of the quarter's last month.
  return dayOf(Date.UTC(year, lastMonth, 0) / 86_400_000)
}

// ---- The list

export interface PlanFilters {
  status: PlanStatus | ''
}

export const emptyFilters: PlanFilters = { status: 'open' }

export type PlanCellKind = 'name' | 'kind' | 'period' | 'progress' | 'creator'

export interface PlanColumn {
  kind: PlanCellKind
  /** i18n key of the header. */
  label: string
  width?: number
  minWidth?: number
}

export const planColumns: PlanColumn[] = [
  { kind: 'name', label: 'plans.name', minWidth: 220 },
  { kind: 'kind', label: 'plans.kind', width: 130 },
  { kind: 'period', label: 'plans.period', width: 210 },
  { kind: 'progress', label: 'plans.progress', minWidth: 220 },
  { kind: 'creator', label: 'plans.createdBy', width: 130 },
]

/** Where a plan stands on `today`: not begun, under way, every target done, or past due undone. */
export type PlanState = 'upcoming' | 'running' | 'complete' | 'overdue'

export function planState(plan: Pick<Plan, 'starts_on' | 'due_on' | 'target_count' | 'done_count'>, today: string): PlanState {
  if (plan.target_count > 0 && plan.done_count >= plan.target_count) return 'complete'
  if (plan.due_on < today) return 'overdue'
  if (plan.starts_on > today) return 'upcoming'
  return 'running'
}

export function planStateTag(state: PlanState): TagType {
  switch (state) {
    case 'complete':
      return 'success'
    case 'overdue':
      return 'danger'
    case 'upcoming':
      return 'info'
    case 'running':
      return 'primary'
  }
}

/** Done of all, in whole percent (rounded down, so that 100 means every one). */
export function progressPercent(plan: Pick<Plan, 'target_count' | 'done_count'>): number {
  if (plan.target_count <= 0) return 0
  return Math.min(100, Math.floor((plan.done_count * 100) / plan.target_count))
}

/** The progress bar's colour: green when complete, red when overdue, the default otherwise. */
export function progressStatus(state: PlanState): '' | 'success' | 'exception' {
  if (state === 'complete') return 'success'
  return state === 'overdue' ? 'exception' : ''
}

/** "剩余 5 天", "今日到期", "逾期 3 天" for a due day seen on `today`. */
export function dueText(dueOn: string, today: string, t: Translate): string {
  const days = daysBetween(today, dueOn)
  if (days === 0) return t('plans.dueToday')
  return days > 0 ? t('plans.daysLeft', { days }) : t('plans.daysOverdue', { days: -days })
}

/** Grey while there is time, orange in the last three days, red once overdue. */
export function dueType(dueOn: string, today: string): TagType {
  const days = daysBetween(today, dueOn)
  if (days > 3) return 'info'
  return days >= 0 ? 'warning' : 'danger'
}

// ---- The targets of a plan

export function targetStatusTag(status: TargetStatus): TagType {
  switch (status) {
    case 'done':
      return 'success'
    case 'overdue':
      return 'danger'
    case 'pending':
      return 'info'
  }
}

export type TargetFilter = TargetStatus | ''

export function filterTargets(targets: readonly PlanTarget[], status: TargetFilter): PlanTarget[] {
  return status ? targets.filter((target) => target.status === status) : [...targets]
}

export function countTargets(targets: readonly Pick<PlanTarget, 'status'>[]): Record<TargetStatus | 'all', number> {
  const counts = { all: targets.length, done: 0, pending: 0, overdue: 0 }
  for (const target of targets) counts[target.status] += 1
  return counts
}

/** The assignee as shown: the account's name, or "the unit" when anyone of it may go. */
export function assigneeLabel(target: Pick<PlanTarget, 'assignee_user_id' | 'assignee_name'>, t: Translate): string {
  return target.assignee_user_id === null ? t('plans.anyoneOfUnit') : target.assignee_name
}

export type TargetCellKind = 'enterprise' | 'region' | 'assignee' | 'status' | 'inspection'

export interface TargetColumn {
  kind: TargetCellKind
  label: string
  width?: number
  minWidth?: number
}

export const targetColumns: TargetColumn[] = [
  { kind: 'enterprise', label: 'plans.enterprise', minWidth: 200 },
  { kind: 'region', label: 'plans.region', minWidth: 140 },
  { kind: 'assignee', label: 'plans.assignee', width: 140 },
  { kind: 'status', label: 'plans.targetStatus', width: 100 },
  { kind: 'inspection', label: 'plans.countingInspection', minWidth: 200 },
]

// ---- Creating one

/** Targets picked by a filter over the caller's enterprises, or one by one. */
export type TargetMode = 'filter' | 'pick'

export interface PlanForm {
  name: string
  kind: PlanKind | ''
  starts_on: string | null
  due_on: string | null
  note: string
  mode: TargetMode
  region_code: string | null
  industry_code: string | null
  tag: string
  scale: Scale | ''
  enterprise_ids: number[]
  assignee_user_id: number | null
}

export type PlanFormField = 'name' | 'kind' | 'starts_on' | 'due_on' | 'note' | 'targets'

/** The kind a unit plans most: its own first kind that a plan may have. */
export function defaultPlanKind(role: Role | null | undefined): PlanKind | '' {
  const own = inspectionKindsFor(role).find((kind): kind is PlanKind => (PLAN_KINDS as readonly string[]).includes(kind))
  return own ?? ''
}

/** A fresh form: from today to the end of the quarter, targets by filter, nobody named. */
export function emptyPlanForm(today: string, role: Role | null | undefined): PlanForm {
  return {
    name: '',
    kind: defaultPlanKind(role),
    starts_on: today,
    due_on: endOfQuarter(today),
    note: '',
    mode: 'filter',
    region_code: null,
    industry_code: null,
    tag: '',
    scale: '',
    enterprise_ids: [],
    assignee_user_id: null,
  }
}

/** The filter of the form as the server takes it: only the fields given. */
export function targetFilterOf(form: PlanForm): PlanTargetFilter {
  const filter: PlanTargetFilter = {}
  if (form.region_code) filter.region_code = form.region_code
  if (form.industry_code) filter.industry_code = form.industry_code
  if (form.tag) filter.tag = form.tag
  if (form.scale) filter.scale = form.scale
  return filter
}

/** The enterprise list query that counts what the filter takes: operating ones, as the server does. */
export function previewQuery(filter: PlanTargetFilter): EnterpriseQuery {
  return { page: 1, page_size: 1, status: 'operating', ...filter }
}

/**
 * The checks of plan::Validate on `today`, and of the targets: picked ones, or what the filter
 * matches when the count is known (`matching`, null while unknown).
 */
export function validatePlanForm(form: PlanForm, today: string, matching: number | null): Partial<Record<PlanFormField, string>> {
  const errors: Partial<Record<PlanFormField, string>> = {}
  const name = codePoints(form.name.trim())
  if (name === 0 || name > MAX_NAME) errors.name = 'validation.planName'
  if (!form.kind || !(PLAN_KINDS as readonly string[]).includes(form.kind)) errors.kind = 'validation.kindRequired'
  if (!form.starts_on) errors.starts_on = 'validation.planStartRequired'
  const due = dueProblem(form.starts_on, form.due_on, today)
  if (due) errors.due_on = due
  if (codePoints(form.note.trim()) > MAX_NOTE) errors.note = 'validation.textTooLong'
  if (form.mode === 'pick') {
    if (form.enterprise_ids.length === 0) errors.targets = 'validation.planTargetsPick'
    else if (form.enterprise_ids.length > MAX_TARGETS) errors.targets = 'validation.planTargetsTooMany'
  } else if (matching !== null) {
    if (matching === 0) errors.targets = 'validation.planTargetsNone'
    else if (matching > MAX_TARGETS) errors.targets = 'validation.planTargetsTooMany'
  }
  return errors
}

/** What is wrong with a due day, in the server's order: missing, before the start, past, too far. */
function dueProblem(startsOn: string | null, dueOn: string | null, today: string): string | null {
  if (!dueOn) return 'validation.planDueRequired'
  if (startsOn && dueOn < startsOn) return 'validation.dueBeforeStart'
  if (dueOn < today) return 'validation.dueInPast'
  if (startsOn && daysBetween(startsOn, dueOn) > MAX_SPAN_DAYS) return 'validation.planTooLong'
  return null
}

export function planFormRules(form: PlanForm, today: () => string, matching: () => number | null, t: Translate): FormRules {
  const rule = (field: PlanFormField, trigger: 'blur' | 'change'): FormItemRule => ({
    trigger,
    validator: (_rule, _value, callback) => {
      const key = validatePlanForm(form, today(), matching())[field]
      callback(key ? new Error(t(key, { max: field === 'note' ? MAX_NOTE : MAX_TARGETS })) : undefined)
    },
  })
  return {
    name: [rule('name', 'blur')],
    kind: [rule('kind', 'change')],
    starts_on: [rule('starts_on', 'change')],
    due_on: [rule('due_on', 'change')],
    note: [rule('note', 'blur')],
    targets: [rule('targets', 'change')],
  }
}

/** The request: trimmed text, exactly one of the picked enterprises and the filter, the assignee if named. */
export function newPlanFromForm(form: PlanForm): NewPlan {
  const plan: NewPlan = {
    name: form.name.trim(),
    kind: form.kind as PlanKind,
    starts_on: form.starts_on ?? '',
    due_on: form.due_on ?? '',
  }
  const note = form.note.trim()
  if (note) plan.note = note
  if (form.mode === 'pick') plan.enterprise_ids = [...new Set(form.enterprise_ids)]
  else plan.filter = targetFilterOf(form)
  if (form.assignee_user_id !== null) plan.assignee_user_id = form.assignee_user_id
  return plan
}

// ---- Editing one

export interface PlanEditForm {
  name: string
  due_on: string | null
  note: string
}

export type PlanEditField = keyof PlanEditForm

export function formFromPlan(plan: Pick<Plan, 'name' | 'due_on' | 'note'>): PlanEditForm {
  return { name: plan.name, due_on: plan.due_on, note: plan.note }
}

/** The checks of a change: a moved due day must still lie ahead; one left alone stays as it was. */
export function validateEditForm(form: PlanEditForm, plan: Pick<Plan, 'starts_on' | 'due_on'>, today: string): Partial<Record<PlanEditField, string>> {
  const errors: Partial<Record<PlanEditField, string>> = {}
  const name = codePoints(form.name.trim())
  if (name === 0 || name > MAX_NAME) errors.name = 'validation.planName'
  if (form.due_on !== plan.due_on) {
    const due = dueProblem(plan.starts_on, form.due_on, today)
    if (due) errors.due_on = due
  }
  if (codePoints(form.note.trim()) > MAX_NOTE) errors.note = 'validation.textTooLong'
  return errors
}

export function editFormRules(form: PlanEditForm, plan: () => Pick<Plan, 'starts_on' | 'due_on'> | null, today: () => string, t: Translate): FormRules {
  const rule = (field: PlanEditField, trigger: 'blur' | 'change'): FormItemRule => ({
    trigger,
    validator: (_rule, _value, callback) => {
      const current = plan()
      const key = current ? validateEditForm(form, current, today())[field] : undefined
      callback(key ? new Error(t(key, { max: MAX_NOTE })) : undefined)
    },
  })
  return { name: [rule('name', 'blur')], due_on: [rule('due_on', 'change')], note: [rule('note', 'blur')] }
}

/** The version seen and only what changed; null when nothing did. */
export function planChangesFromForm(plan: Pick<Plan, 'name' | 'due_on' | 'note' | 'version'>, form: PlanEditForm): PlanChanges | null {
  const changes: PlanChanges = { version: plan.version }
  const name = form.name.trim()
  const note = form.note.trim()
  if (name !== plan.name) changes.name = name
  if (form.due_on && form.due_on !== plan.due_on) changes.due_on = form.due_on
  if (note !== plan.note) changes.note = note
  return Object.keys(changes).length > 1 ? changes : null
}

// ---- Whom to assign

export interface AssigneeCandidate {
  id: number
  name: string
  /** What tells namesakes apart: the account's role and username, or the cells it leads. */
  detail: string
}

/** Accounts that may take a plan of the kind: active, of a role that records it (server: invalid_assignee). */
export function userCandidates(users: readonly User[], kind: PlanKind, t: Translate): AssigneeCandidate[] {
  const roles = recordersOf(kind)
  const seen = new Set<number>()
  const out: AssigneeCandidate[] = []
  for (const user of users) {
    if (user.disabled || !roles.includes(user.role) || seen.has(user.id)) continue
    seen.add(user.id)
    out.push({ id: user.id, name: user.name || user.username, detail: `${t(`roles.${user.role}`)} · ${user.username}` })
  }
  return out
}

/**
 * A station may not list accounts: its candidates are the leaders of the grid cells it sees (a
 * village cell's leader is a grid worker or a station account, a town cell's a station or bureau
 * account) and itself, each offered only where its role is sure to record the kind.
 */
export function cellCandidates(
  cells: readonly Pick<GridCell, 'level' | 'name' | 'responsible_user_id' | 'responsible_name'>[],
  kind: PlanKind,
  self: { id: number; name: string; role: Role } | null,
  t: Translate,
): AssigneeCandidate[] {
  const roles = recordersOf(kind)
  const villageLeaders = roles.includes('grid') && roles.includes('station')
  const byId = new Map<number, AssigneeCandidate & { cells: string[] }>()
  if (self && roles.includes(self.role)) byId.set(self.id, { id: self.id, name: self.name, detail: t('plans.myself'), cells: [] })
  for (const cell of cells) {
    if (cell.level !== 2 || !villageLeaders || cell.responsible_user_id === null) continue
    const known = byId.get(cell.responsible_user_id)
    if (known) known.cells.push(cell.name)
    else byId.set(cell.responsible_user_id, { id: cell.responsible_user_id, name: cell.responsible_name, detail: '', cells: [cell.name] })
  }
  return [...byId.values()].map(({ cells: names, ...candidate }) => ({
    ...candidate,
    detail: candidate.detail || t('plans.leads', { cells: names.join('、') }),
  }))
}

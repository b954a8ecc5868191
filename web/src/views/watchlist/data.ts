// Progressive management (渐进式管理): the ladder's levels and what comes next, when a skip needs
// its reason, the buttons by role and status, the steps a subject's ladder shows, and the forms
// (listing or escalating, an interview) with the server's checks (watchlist_rules.cpp).
import type { FormRules } from 'element-plus'
import type { Role } from '@/api/users'
import {
  WATCH_LEVELS,
  type NewInterview,
  type NewWatchEntry,
  type WatchEntry,
  type WatchLevel,
  type WatchStatus,
  type WatchSubject,
  type WatchSubjectRef,
} from '@/api/watchlist'
import { canManageWatchlist } from '@/router/access'
import { codePoints } from '@/utils/validation'
import { rulesOf } from '@/views/scoring/data'

type Translate = (key: string, named?: Record<string, unknown>) => string
export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** The most code points of a reason (listing, skip, lift), of a department's name, of an interview's texts. */
export const MAX_REASON = 500
export const MAX_DEPARTMENT = 100
export const MAX_INTERVIEW_TEXT = 2000

// ---- Levels

function rank(level: WatchLevel): number {
  return WATCH_LEVELS.indexOf(level)
}

/** The step after `current` (none: the subject is not on the list → attention); null after the veto. */
export function nextLevel(current: WatchLevel | null): WatchLevel | null {
  if (current === null) return WATCH_LEVELS[0]
  return WATCH_LEVELS[rank(current) + 1] ?? null
}

/** The levels a subject at `current` may be put at: above it (409 not_an_escalation otherwise). */
export function levelsAbove(current: WatchLevel | null): WatchLevel[] {
  return WATCH_LEVELS.filter((level) => current === null || rank(level) > rank(current))
}

/** Whether going from `current` to `level` skips a step, and so needs a reason (422 skip_reason_required). */
export function needsSkipReason(current: WatchLevel | null, level: WatchLevel | null): boolean {
  if (level === null) return false
  const next = nextLevel(current)
  return next !== null && rank(level) > rank(next)
}

/** The level a subject stands at: its active entry's; null when none is active. */
export function currentLevel(entry: Pick<WatchEntry, 'level' | 'status'> | null | undefined): WatchLevel | null {
  return entry && entry.status === 'active' ? entry.level : null
}

export function levelLabel(level: WatchLevel, t: Translate): string {
  return t(`watchlist.levels.${level}`)
}

export function levelTag(level: WatchLevel): TagType {
  switch (level) {
    case 'attention':
      return 'primary'
    case 'yellow_card':
      return 'warning'
    case 'veto':
      return 'danger'
  }
}

export function statusTag(status: WatchStatus): TagType {
  switch (status) {
    case 'active':
      return 'danger'
    case 'escalated':
      return 'info'
    case 'lifted':
      return 'success'
  }
}

export function subjectKindLabel(kind: WatchSubject, t: Translate): string {
  return t(`watchlist.subjects.${kind}`)
}

// ---- Buttons

export type EntryAction = 'escalate' | 'interview' | 'lift'

/** Bureaus and administrators act on an active entry: escalate (below the veto), interview, lift. */
export function entryActions(entry: Pick<WatchEntry, 'status' | 'level'> | null, role: Role | null | undefined): EntryAction[] {
  if (!entry || !canManageWatchlist(role) || entry.status !== 'active') return []
  const actions: EntryAction[] = []
  if (nextLevel(entry.level) !== null) actions.push('escalate')
  actions.push('interview', 'lift')
  return actions
}

// ---- The ladder

/** The latest run of a ladder (oldest first): the entries since the one before it was lifted. */
export function latestRun<E extends Pick<WatchEntry, 'status'>>(ladder: readonly E[]): E[] {
  let start = 0
  ladder.forEach((entry, i) => {
    if (entry.status === 'lifted' && i < ladder.length - 1) start = i + 1
  })
  return ladder.slice(start)
}

/** done: passed (escalated); current: the active step; lifted: the step the subject left from; skipped; pending: not reached. */
export type StepState = 'done' | 'current' | 'lifted' | 'skipped' | 'pending'

export interface LadderStep<E> {
  level: WatchLevel
  entry: E | null
  state: StepState
}

/** The three steps of the latest run, each with its entry and state, for el-steps. */
export function ladderSteps<E extends Pick<WatchEntry, 'level' | 'status'>>(ladder: readonly E[]): LadderStep<E>[] {
  const run = latestRun(ladder)
  const top = run.length > 0 ? Math.max(...run.map((entry) => rank(entry.level))) : -1
  return WATCH_LEVELS.map((level, i) => {
    const entry = [...run].reverse().find((item) => item.level === level) ?? null
    let state: StepState = 'pending'
    if (entry) state = entry.status === 'active' ? 'current' : entry.status === 'lifted' ? 'lifted' : 'done'
    else if (i < top) state = 'skipped'
    return { level, entry, state }
  })
}

/** The index el-steps takes as active: the highest level reached (−1 → 0 with nothing reached). */
export function activeStep(steps: readonly LadderStep<unknown>[]): number {
  let index = 0
  steps.forEach((step, i) => {
    if (step.entry) index = i
  })
  return index
}

/** el-steps' status of a step. */
export function stepStatus(state: StepState): 'wait' | 'process' | 'finish' | 'error' | 'success' {
  switch (state) {
    case 'done':
      return 'finish'
    case 'current':
      return 'process'
    case 'lifted':
      return 'success'
    case 'skipped':
    case 'pending':
      return 'wait'
  }
}

/** The subject an entry is about, as /watchlist/subject and POST /watchlist name it. */
export function subjectOf(entry: Pick<WatchEntry, 'subject_kind' | 'enterprise_id' | 'region_code' | 'department'>): WatchSubjectRef {
  if (entry.subject_kind === 'enterprise') return { subject_kind: 'enterprise', enterprise_id: entry.enterprise_id }
  if (entry.subject_kind === 'region') return { subject_kind: 'region', region_code: entry.region_code }
  return { subject_kind: 'department', region_code: entry.region_code, department: entry.department }
}

/**
 * The departments of exactly `regionCode` that have been on the list, each by its latest entry
 * (active, or lifted), ordered by name: what a region's page shows below the region's own ladder.
 * The list answers the region and everything below it, so departments of its towns are left out.
 */
export function departmentsOf<E extends Pick<WatchEntry, 'id' | 'subject_kind' | 'region_code' | 'department'>>(entries: readonly E[], regionCode: string): E[] {
  const latest = new Map<string, E>()
  for (const entry of entries) {
    if (entry.subject_kind !== 'department' || entry.region_code !== regionCode) continue
    const seen = latest.get(entry.department)
    if (!seen || entry.id > seen.id) latest.set(entry.department, entry)
  }
  return [...latest.values()].sort((a, b) => a.department.localeCompare(b.department, 'zh-CN'))
}

// ---- Listing or escalating a subject

export interface EntryForm {
  subject_kind: WatchSubject
  enterprise_id: number | null
  region_code: string | null
  department: string
  level: WatchLevel | null
  reason: string
  skip_reason: string
}

export type EntryField = keyof EntryForm

export function emptyEntryForm(subject: WatchSubjectRef | null = null): EntryForm {
  return {
    subject_kind: subject?.subject_kind ?? 'enterprise',
    enterprise_id: subject?.enterprise_id ?? null,
    region_code: subject?.region_code ?? null,
    department: subject?.department ?? '',
    level: null,
    reason: '',
    skip_reason: '',
  }
}

/** The subject the form names, once it names one completely; null before. */
export function subjectOfForm(form: EntryForm): WatchSubjectRef | null {
  if (form.subject_kind === 'enterprise') return form.enterprise_id === null ? null : { subject_kind: 'enterprise', enterprise_id: form.enterprise_id }
  if (!form.region_code) return null
  if (form.subject_kind === 'region') return { subject_kind: 'region', region_code: form.region_code }
  const department = form.department.trim()
  return department ? { subject_kind: 'department', region_code: form.region_code, department } : null
}

/**
 * watchlist::ValidateEntry and CheckStep: the subject (a region below the user's own), a level
 * above the current, a skip reason when a step is skipped, a reason.
 */
export function validateEntryForm(form: EntryForm, current: WatchLevel | null, ownRegion: string | null): Partial<Record<EntryField, string>> {
  const errors: Partial<Record<EntryField, string>> = {}
  if (form.subject_kind === 'enterprise') {
    if (form.enterprise_id === null) errors.enterprise_id = 'validation.enterprisePick'
  } else if (!form.region_code) {
    errors.region_code = 'validation.watchRegion'
  } else if (form.subject_kind === 'region' && ownRegion && form.region_code === ownRegion) {
    errors.region_code = 'validation.watchOwnRegion'
  }
  if (form.subject_kind === 'department') {
    const length = codePoints(form.department.trim())
    if (length === 0 || length > MAX_DEPARTMENT) errors.department = 'validation.watchDepartment'
  }
  if (form.level === null || !levelsAbove(current).includes(form.level)) errors.level = 'validation.watchLevel'
  const reason = codePoints(form.reason.trim())
  if (reason === 0 || reason > MAX_REASON) errors.reason = 'validation.watchReason'
  const skip = codePoints(form.skip_reason.trim())
  if (skip > MAX_REASON || (skip === 0 && needsSkipReason(current, form.level))) errors.skip_reason = 'validation.watchSkipReason'
  return errors
}

export function entryRequest(form: EntryForm, current: WatchLevel | null): NewWatchEntry {
  const subject = subjectOfForm(form)
  const entry: NewWatchEntry = { ...(subject ?? { subject_kind: form.subject_kind }), level: form.level ?? 'attention', reason: form.reason.trim() }
  // A skip reason only matters when a step is skipped.
  if (needsSkipReason(current, form.level)) entry.skip_reason = form.skip_reason.trim()
  return entry
}

export function entryFormRules(form: EntryForm, current: () => WatchLevel | null, ownRegion: string | null, t: Translate): FormRules {
  return rulesOf<EntryField>(
    [
      ['enterprise_id', 'change'],
      ['region_code', 'change'],
      ['department', 'blur'],
      ['level', 'change'],
      ['reason', 'blur'],
      ['skip_reason', 'blur'],
    ],
    () => validateEntryForm(form, current(), ownRegion),
    { department: { max: MAX_DEPARTMENT }, reason: { max: MAX_REASON }, skip_reason: { max: MAX_REASON } },
    t,
  )
}

// ---- Interviews (约谈)

export interface InterviewForm {
  held_on: string | null
  attendees: string
  minutes: string
  followup: string
  followup_due_on: string | null
}

export type InterviewField = keyof InterviewForm

export function emptyInterviewForm(today: string): InterviewForm {
  return { held_on: today, attendees: '', minutes: '', followup: '', followup_due_on: null }
}

/** watchlist::ValidateInterview: held on a day not after today, attendees and minutes, a follow-up due not before. */
export function validateInterviewForm(form: InterviewForm, today: string): Partial<Record<InterviewField, string>> {
  const errors: Partial<Record<InterviewField, string>> = {}
  if (!form.held_on || form.held_on > today) errors.held_on = 'validation.interviewHeldOn'
  for (const field of ['attendees', 'minutes'] as const) {
    const length = codePoints(form[field].trim())
    if (length === 0 || length > MAX_INTERVIEW_TEXT) errors[field] = 'validation.interviewText'
  }
  if (codePoints(form.followup.trim()) > MAX_INTERVIEW_TEXT) errors.followup = 'validation.interviewFollowup'
  if (form.followup_due_on && form.held_on && form.followup_due_on < form.held_on) errors.followup_due_on = 'validation.interviewDueOn'
  return errors
}

export function interviewRequest(form: InterviewForm): NewInterview {
  const interview: NewInterview = { held_on: form.held_on ?? '', attendees: form.attendees.trim(), minutes: form.minutes.trim() }
  if (form.followup.trim()) interview.followup = form.followup.trim()
  if (form.followup_due_on) interview.followup_due_on = form.followup_due_on
  return interview
}

export function interviewFormRules(form: InterviewForm, today: () => string, t: Translate): FormRules {
  return rulesOf<InterviewField>(
    [
      ['held_on', 'change'],
      ['attendees', 'blur'],
      ['minutes', 'blur'],
      ['followup', 'blur'],
      ['followup_due_on', 'change'],
    ],
    () => validateInterviewForm(form, today()),
    { attendees: { max: MAX_INTERVIEW_TEXT }, minutes: { max: MAX_INTERVIEW_TEXT }, followup: { max: MAX_INTERVIEW_TEXT } },
    t,
  )
}

// ---- Links

/** The 渐进式管理 page with an entry's drawer open. */
export function watchLink(entryId: number): { path: '/watchlist'; query: { entry: string } } {
  return { path: '/watchlist', query: { entry: String(entryId) } }
}

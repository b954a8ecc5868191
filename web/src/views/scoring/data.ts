// The 12-point system's pages (记分管理): cycles and their days, how full a score card is and how
// serious, what the end of the cycle does with an event and why, the forms (points by hand, a
// revocation or re-inspection, closing a follow-up, the settings) with the server's checks
// (scoring_rules.cpp), and the rollover report.
import type { FormItemRule, FormRules } from 'element-plus'
import {
  FOLLOWUP_ACTIONS,
  FULL_SCORE,
  MAX_DUE_DAYS,
  MAX_EVENT_POINTS,
  MAX_THRESHOLDS,
  THRESHOLD_UNITS,
  type AtRollover,
  type CardThreshold,
  type Followup,
  type FollowupAction,
  type FollowupClosing,
  type NewScoreEvent,
  type QuarterPlan,
  type QuarterPlans,
  type QuarterPlanSlot,
  type QuarterSummary,
  type QuarterTown,
  type RolloverItem,
  type ScoreEvent,
  type ScoreSource,
  type ScoringSettings,
  type SettingsChanges,
  type Threshold,
  type ThresholdUnit,
} from '@/api/scoring'
import type { Role } from '@/api/users'
import { canManageScoring, canPlanScoringQuarter, canReadScoringQuarter, canRecordScores } from '@/router/access'
import { withinScope } from '@/views/regions/data'

type Translate = (key: string, named?: Record<string, unknown>) => string
export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** The most code points of a reason, a revocation or a re-inspection note (as the server counts). */
export const MAX_REASON = 500
/** The most code points of an interview's attendees and minutes and of a closing note. */
export const MAX_CLOSING_TEXT = 2000
/** How many cycles back the selectors offer. */
export const CYCLE_CHOICES = 5

function codePoints(text: string): number {
  return Array.from(text).length
}

// ---- Days and cycles (China dates, YYYY-MM-DD; a cycle start "MM-DD")

function dayNumber(day: string): number {
  const [year, month, date] = day.split('-').map(Number)
  return Date.UTC(year, month - 1, date) / 86_400_000
}

export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10)
}

/** The cycle a day falls in: a cycle is named by the year it starts in (scoring::CycleOf). */
export function cycleOf(day: string, start: string): number {
  const year = Number(day.slice(0, 4))
  return day.slice(5) >= start ? year : year - 1
}

export function cycleFirstDay(cycle: number, start: string): string {
  return `${String(cycle).padStart(4, '0')}-${start}`
}

export function cycleLastDay(cycle: number, start: string): string {
  return addDays(cycleFirstDay(cycle + 1, start), -1)
}

/** The cycles a selector offers: the current one and the few before it, newest first. */
export function cycleChoices(current: number, count = CYCLE_CHOICES): number[] {
  return Array.from({ length: count }, (_, i) => current - i)
}

/** "2026 周期（2026-10-01 至 2027-09-30）", or the bare name while the start day is unknown. */
export function cycleLabel(cycle: number, start: string | null | undefined, t: Translate): string {
  if (!start) return t('scoring.cycleName', { cycle })
  return t('scoring.cycleWithDays', { cycle, first: cycleFirstDay(cycle, start), last: cycleLastDay(cycle, start) })
}

// ---- How full and how serious a total is

/** The share of the full score, in whole percent, at most 100 (a total may pass 12). */
export function scorePercent(total: number, full = FULL_SCORE): number {
  if (full <= 0 || total <= 0) return 0
  return Math.min(100, Math.floor((total * 100) / full))
}

export function pointsToFull(total: number, full = FULL_SCORE): number {
  return Math.max(0, full - total)
}

/** The highest threshold a total reaches, or null. */
export function highestCrossed<T extends Pick<Threshold, 'points'>>(total: number, thresholds: readonly T[]): T | null {
  let best: T | null = null
  for (const threshold of thresholds) {
    if (total >= threshold.points && (!best || threshold.points > best.points)) best = threshold
  }
  return best
}

/** clean: no points; low: below every threshold; then by the highest action reached; full at 12. */
export type ScoreLevel = 'clean' | 'low' | 'attention' | 'serious' | 'full'

export function scoreLevel(total: number, thresholds: readonly Pick<Threshold, 'points' | 'action'>[], full = FULL_SCORE): ScoreLevel {
  if (total <= 0) return 'clean'
  if (total >= full) return 'full'
  const highest = highestCrossed(total, thresholds)
  if (!highest) return 'low'
  switch (highest.action) {
    case 'raise_frequency':
      return 'attention'
    case 'warning_interview':
    case 'enforcement':
      return 'serious'
    case 'key_supervision':
      return 'full'
  }
}

const LEVEL_COLORS: Record<ScoreLevel, string> = {
  clean: '#67c23a',
  low: '#409eff',
  attention: '#e6a23c',
  serious: '#f56c6c',
  full: '#c45656',
}

export function levelColor(level: ScoreLevel): string {
  return LEVEL_COLORS[level]
}

export function levelTag(level: ScoreLevel): TagType {
  switch (level) {
    case 'clean':
      return 'success'
    case 'low':
      return 'primary'
    case 'attention':
      return 'warning'
    case 'serious':
    case 'full':
      return 'danger'
  }
}

/** Thresholds crossed after a change that were not before: the follow-ups the change created. */
export function newlyCrossed(before: readonly CardThreshold[], after: readonly CardThreshold[]): CardThreshold[] {
  const had = new Set(before.filter((t) => t.crossed || t.followup).map((t) => t.points))
  return after.filter((t) => t.crossed && !had.has(t.points)).sort((a, b) => a.points - b.points)
}

// ---- Events

export function sourceTag(source: ScoreSource): TagType {
  switch (source) {
    case 'finding':
      return 'danger'
    case 'manual':
      return 'warning'
    case 'carried':
      return 'info'
  }
}

/** What the points were for: a finding's checklist item, or the reason given by hand. */
export function eventContent(event: Pick<ScoreEvent, 'item_text' | 'reason'>): string {
  return event.item_text || event.reason
}

/** Points stand until revoked. */
export function canRevoke(event: Pick<ScoreEvent, 'state'>): boolean {
  return event.state === 'active'
}

/** An active event without a hazard, not yet re-inspected (one with a hazard clears by the hazard's verification). */
export function canReinspect(event: Pick<ScoreEvent, 'state' | 'hazard_id' | 'reinspected_at'>): boolean {
  return event.state === 'active' && event.hazard_id === null && !event.reinspected_at
}

export function rolloverTag(clears: boolean): TagType {
  return clears ? 'success' : 'warning'
}

/** "清零 · 按期整改验收" with the long explanation, as the i18n keys of a decision. */
export function rolloverKeys(decision: Pick<AtRollover, 'clears' | 'reason'>): { outcome: string; reason: string; hint: string } {
  return {
    outcome: decision.clears ? 'scoring.clears' : 'scoring.carries',
    reason: `scoring.reasons.${decision.reason}`,
    hint: `scoring.reasonHints.${decision.reason}`,
  }
}

/** The day after a cycle's last: when its rollover runs. */
export function rolloverDay(lastDay: string): string {
  return addDays(lastDay, 1)
}

// ---- Follow-ups

/** Open past its due day on `today` (the score card's follow-ups come without the server's judgement). */
export function followupOverdue(followup: Pick<Followup, 'status' | 'due_on'>, today: string): boolean {
  return followup.status === 'open' && followup.due_on < today
}

/** The unit it belongs to closes it, or a unit above (mirrors scoring::Service::Close). */
export function canCloseFollowup(
  followup: Pick<Followup, 'status' | 'unit_region_code'>,
  role: Role | null | undefined,
  regionCode: string | null | undefined,
): boolean {
  return canRecordScores(role) && !!regionCode && followup.status === 'open' && withinScope(followup.unit_region_code, regionCode)
}

/**
 * The region code of the caller's own unit, for the follow-ups' "mine only" filter: a station's
 * town or a bureau's district (the units follow-ups go to); null for anyone else.
 */
export function ownUnitCode(role: Role | null | undefined, regionCode: string | null | undefined): string | null {
  return canRecordScores(role) && regionCode ? regionCode : null
}

export function followupStatusTag(followup: Pick<Followup, 'status' | 'due_on'>, today: string): TagType {
  if (followup.status === 'done') return 'success'
  return followupOverdue(followup, today) ? 'danger' : 'warning'
}

// ---- Recording points by hand

export interface RecordForm {
  enterprise_id: number | null
  points: number | null
  reason: string
  occurred_on: string | null
}

export type RecordField = keyof RecordForm

export function emptyRecordForm(today: string, enterpriseId: number | null = null): RecordForm {
  return { enterprise_id: enterpriseId, points: null, reason: '', occurred_on: today }
}

/** scoring::ValidateManual: 1–12 points, a reason of 1–500 characters, a day not after today. */
export function validateRecordForm(form: RecordForm, today: string): Partial<Record<RecordField, string>> {
  const errors: Partial<Record<RecordField, string>> = {}
  if (form.enterprise_id === null) errors.enterprise_id = 'validation.enterprisePick'
  if (form.points === null || !Number.isInteger(form.points) || form.points < 1 || form.points > MAX_EVENT_POINTS) {
    errors.points = 'validation.scorePoints'
  }
  const reason = codePoints(form.reason.trim())
  if (reason === 0 || reason > MAX_REASON) errors.reason = 'validation.scoreReason'
  if (!form.occurred_on) errors.occurred_on = 'validation.scoreDateRequired'
  else if (form.occurred_on > today) errors.occurred_on = 'validation.scoreDateInFuture'
  return errors
}

/** The request: trimmed reason; the day only when it is not today (the server then counts from now). */
export function recordRequest(form: RecordForm, today: string): NewScoreEvent {
  const event: NewScoreEvent = { enterprise_id: form.enterprise_id ?? 0, points: form.points ?? 0, reason: form.reason.trim() }
  if (form.occurred_on && form.occurred_on !== today) event.occurred_on = form.occurred_on
  return event
}

/** Element Plus rules for a form's fields, each asking a validation function for its i18n key. */
export function rulesOf<F extends string>(
  fields: readonly [F, 'blur' | 'change'][],
  errors: () => Partial<Record<F, string>>,
  named: Partial<Record<F, Record<string, unknown>>>,
  t: Translate,
): FormRules {
  const rules: FormRules = {}
  for (const [field, trigger] of fields) {
    const rule: FormItemRule = {
      trigger,
      validator: (_rule, _value, callback) => {
        const key = errors()[field]
        callback(key ? new Error(t(key, named[field])) : undefined)
      },
    }
    rules[field] = [rule]
  }
  return rules
}

export function recordFormRules(form: RecordForm, today: () => string, t: Translate): FormRules {
  return rulesOf<RecordField>(
    [
      ['enterprise_id', 'change'],
      ['points', 'change'],
      ['reason', 'blur'],
      ['occurred_on', 'change'],
    ],
    () => validateRecordForm(form, today()),
    { points: { max: MAX_EVENT_POINTS }, reason: { max: MAX_REASON } },
    t,
  )
}

// ---- Revoking, or recording a re-inspection

export type EventAction = 'revoke' | 'reinspect'

/** scoring::ValidateReason: 1–500 characters. */
export function validateEventText(text: string): string | null {
  const length = codePoints(text.trim())
  return length === 0 || length > MAX_REASON ? 'validation.scoreReason' : null
}

/** The server names the text `reason` for a revocation and `note` for a re-inspection. */
export function eventTextField(action: EventAction): 'reason' | 'note' {
  return action === 'revoke' ? 'reason' : 'note'
}

// ---- Closing a follow-up

export interface CloseForm {
  held_on: string | null
  attendees: string
  minutes: string
  note: string
}

export type CloseField = keyof CloseForm

/** A warning interview records its day, attendees and minutes; the other actions a note. */
export function isInterview(action: FollowupAction): boolean {
  return action === 'warning_interview'
}

export function emptyCloseForm(action: FollowupAction, today: string): CloseForm {
  return { held_on: isInterview(action) ? today : null, attendees: '', minutes: '', note: '' }
}

/** scoring::Service::Close: an interview needs its day (not after today), attendees and minutes. */
export function validateCloseForm(form: CloseForm, action: FollowupAction, today: string): Partial<Record<CloseField, string>> {
  const errors: Partial<Record<CloseField, string>> = {}
  if (isInterview(action)) {
    if (!form.held_on) errors.held_on = 'validation.heldOnRequired'
    if (form.attendees.trim() === '') errors.attendees = 'validation.attendeesRequired'
    if (form.minutes.trim() === '') errors.minutes = 'validation.minutesRequired'
  }
  if (form.held_on && form.held_on > today) errors.held_on = 'validation.heldOnInFuture'
  for (const field of ['attendees', 'minutes', 'note'] as const) {
    if (codePoints(form[field].trim()) > MAX_CLOSING_TEXT) errors[field] = 'validation.textTooLong'
  }
  return errors
}

/** The version seen and the fields given, trimmed; an interview's fields only for an interview. */
export function closeRequest(followup: Pick<Followup, 'version' | 'action'>, form: CloseForm): FollowupClosing {
  const closing: FollowupClosing = { version: followup.version }
  if (isInterview(followup.action)) {
    if (form.held_on) closing.held_on = form.held_on
    closing.attendees = form.attendees.trim()
    closing.minutes = form.minutes.trim()
  }
  const note = form.note.trim()
  if (note) closing.note = note
  return closing
}

export function closeFormRules(form: CloseForm, action: () => FollowupAction, today: () => string, t: Translate): FormRules {
  return rulesOf<CloseField>(
    [
      ['held_on', 'change'],
      ['attendees', 'blur'],
      ['minutes', 'blur'],
      ['note', 'blur'],
    ],
    () => validateCloseForm(form, action(), today()),
    { attendees: { max: MAX_CLOSING_TEXT }, minutes: { max: MAX_CLOSING_TEXT }, note: { max: MAX_CLOSING_TEXT } },
    t,
  )
}

// ---- Settings

export interface ThresholdRow {
  /** Keeps a row's inputs when rows are added, removed or sorted. */
  key: number
  points: number | null
  action: FollowupAction | ''
  unit: ThresholdUnit | ''
  due_days: number | null
}

export interface SettingsForm {
  month: number
  day: number
  rows: ThresholdRow[]
}

export type ThresholdField = 'points' | 'action' | 'unit' | 'due_days'

let rowKeys = 0

export function thresholdRow(threshold?: Threshold): ThresholdRow {
  rowKeys += 1
  return threshold
    ? { key: rowKeys, points: threshold.points, action: threshold.action, unit: threshold.unit, due_days: threshold.due_days }
    : { key: rowKeys, points: null, action: '', unit: '', due_days: 30 }
}

/** The form of the settings: the start day split, the thresholds lowest first. */
export function settingsForm(settings: Pick<ScoringSettings, 'cycle_start' | 'thresholds'>): SettingsForm {
  const [month, day] = settings.cycle_start.split('-').map(Number)
  const rows = [...settings.thresholds].sort((a, b) => a.points - b.points).map((t) => thresholdRow(t))
  return { month, day, rows }
}

/** Days a cycle may start on in the month: every day of it but 29 February. */
export function daysInMonth(month: number): number {
  return new Date(Date.UTC(2027, month, 0)).getUTCDate()
}

export function cycleStartOf(month: number, day: number): string {
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** scoring::ValidateCycleStart: a real day of every year. */
export function validateCycleStart(month: number, day: number): string | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) return 'validation.cycleStart'
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(month)) return 'validation.cycleStart'
  return null
}

export interface ThresholdErrors {
  /** About the list as a whole: how many. */
  list?: string
  /** Per row (by its position), per field: an i18n key. */
  rows: Partial<Record<ThresholdField, string>>[]
}

/** scoring::ValidateThresholds: 1–10 rows; 1–12 points, each once; a known action and unit; 1–365 days. */
export function validateThresholds(rows: readonly ThresholdRow[]): ThresholdErrors {
  const errors: ThresholdErrors = { rows: rows.map(() => ({})) }
  if (rows.length === 0 || rows.length > MAX_THRESHOLDS) errors.list = 'validation.thresholdsCount'
  const seen = new Set<number>()
  rows.forEach((row, i) => {
    const own = errors.rows[i]
    if (row.points === null || !Number.isInteger(row.points) || row.points < 1 || row.points > MAX_EVENT_POINTS) {
      own.points = 'validation.thresholdPoints'
    } else if (seen.has(row.points)) {
      own.points = 'validation.thresholdPointsTaken'
    } else {
      seen.add(row.points)
    }
    if (!(FOLLOWUP_ACTIONS as readonly string[]).includes(row.action)) own.action = 'validation.thresholdAction'
    if (!(THRESHOLD_UNITS as readonly string[]).includes(row.unit)) own.unit = 'validation.thresholdUnit'
    if (row.due_days === null || !Number.isInteger(row.due_days) || row.due_days < 1 || row.due_days > MAX_DUE_DAYS) {
      own.due_days = 'validation.thresholdDueDays'
    }
  })
  return errors
}

export function hasThresholdErrors(errors: ThresholdErrors): boolean {
  return !!errors.list || errors.rows.some((row) => Object.keys(row).length > 0)
}

/** The thresholds of valid rows, lowest first, as the server takes them. */
export function thresholdsFromRows(rows: readonly ThresholdRow[]): Threshold[] {
  return rows
    .map((row) => ({ points: row.points ?? 0, action: row.action as FollowupAction, unit: row.unit as ThresholdUnit, due_days: row.due_days ?? 0 }))
    .sort((a, b) => a.points - b.points)
}

function sameThresholds(a: readonly Threshold[], b: readonly Threshold[]): boolean {
  const key = (list: readonly Threshold[]) =>
    JSON.stringify([...list].sort((x, y) => x.points - y.points).map((t) => [t.points, t.action, t.unit, t.due_days]))
  return key(a) === key(b)
}

/** The version seen and only what changed (thresholds lowest first); null when nothing did. */
export function settingsChanges(settings: Pick<ScoringSettings, 'cycle_start' | 'thresholds' | 'version'>, form: SettingsForm): SettingsChanges | null {
  const changes: SettingsChanges = { version: settings.version }
  const start = cycleStartOf(form.month, form.day)
  if (start !== settings.cycle_start) changes.cycle_start = start
  const thresholds = thresholdsFromRows(form.rows)
  if (!sameThresholds(thresholds, settings.thresholds)) changes.thresholds = thresholds
  return Object.keys(changes).length > 1 ? changes : null
}

/** Where the server names a row's field ("thresholds[2].points": the rows as sent, lowest first). */
export function thresholdFieldKey(index: number, field: ThresholdField): string {
  return `thresholds[${index}].${field}`
}

/** Rules for the start day, the list, and one per cell of the thresholds table (props like rows.2.points). */
export function settingsFormRules(form: SettingsForm, t: Translate): FormRules {
  const named = { max: MAX_THRESHOLDS }
  const rules: FormRules = {
    day: [
      {
        trigger: 'change',
        validator: (_rule, _value, callback) => {
          const key = validateCycleStart(form.month, form.day)
          callback(key ? new Error(t(key)) : undefined)
        },
      },
    ],
    rows: [
      {
        trigger: 'change',
        validator: (_rule, _value, callback) => {
          const key = validateThresholds(form.rows).list
          callback(key ? new Error(t(key, named)) : undefined)
        },
      },
    ],
  }
  form.rows.forEach((_row, index) => {
    for (const field of ['points', 'action', 'unit', 'due_days'] as const) {
      rules[`rows.${index}.${field}`] = [
        {
          trigger: 'change',
          validator: (_rule, _value, callback) => {
            const key = validateThresholds(form.rows).rows[index]?.[field]
            callback(key ? new Error(t(key, { max: MAX_DUE_DAYS })) : undefined)
          },
        },
      ]
    }
  })
  return rules
}

// ---- The rollover

export type RolloverFilter = 'all' | 'clears' | 'carries'

export function filterRolloverItems(items: readonly RolloverItem[], which: RolloverFilter): RolloverItem[] {
  if (which === 'all') return [...items]
  return items.filter((item) => item.clears === (which === 'clears'))
}

/** Events and points that clear and that carry over. */
export function rolloverTotals(items: readonly Pick<RolloverItem, 'clears' | 'points'>[]): {
  cleared: number
  clearedPoints: number
  carried: number
  carriedPoints: number
} {
  const totals = { cleared: 0, clearedPoints: 0, carried: 0, carriedPoints: 0 }
  for (const item of items) {
    if (item.clears) {
      totals.cleared += 1
      totals.clearedPoints += item.points
    } else {
      totals.carried += 1
      totals.carriedPoints += item.points
    }
  }
  return totals
}

/** Each reason with how many events it decides, most first: what the report is made of. */
export function reasonCounts(items: readonly Pick<RolloverItem, 'clears' | 'reason'>[]): { reason: RolloverItem['reason']; clears: boolean; count: number }[] {
  const counts = new Map<string, { reason: RolloverItem['reason']; clears: boolean; count: number }>()
  for (const item of items) {
    const known = counts.get(item.reason)
    if (known) known.count += 1
    else counts.set(item.reason, { reason: item.reason, clears: item.clears, count: 1 })
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
}


// ---- The quarter of the scored sectors (季度)

/** How many quarters before the current one the picker offers (and one after it). */
export const QUARTERS_BACK = 4

interface QuarterParts {
  year: number
  /** 1–4 */
  number: number
}

function quarterParts(label: string): QuarterParts {
  const match = /^(\d{4})Q([1-4])$/.exec(label)
  if (!match) throw new Error(`not a quarter: ${label}`)
  return { year: Number(match[1]), number: Number(match[2]) }
}

function quarterName(parts: QuarterParts): string {
  return `${String(parts.year).padStart(4, '0')}Q${parts.number}`
}

/** Whether a text names a quarter as the server takes it ("YYYYQn"). */
export function isQuarter(label: unknown): label is string {
  return typeof label === 'string' && /^\d{4}Q[1-4]$/.test(label)
}

/** The quarter a China day falls in: 2026-11-30 → "2026Q4" (stats::QuarterOf). */
export function quarterOf(day: string): string {
  return quarterName({ year: Number(day.slice(0, 4)), number: Math.ceil(Number(day.slice(5, 7)) / 3) })
}

/** The quarter `by` quarters after (before, when negative) `label`. */
export function shiftQuarter(label: string, by: number): string {
  const { year, number } = quarterParts(label)
  const index = year * 4 + (number - 1) + by
  return quarterName({ year: Math.floor(index / 4), number: (index % 4) + 1 })
}

/** The quarters the picker offers: the next one, the current one and the four before it, newest first. */
export function quarterChoices(current: string, back = QUARTERS_BACK): string[] {
  return Array.from({ length: back + 2 }, (_, i) => shiftQuarter(current, 1 - i))
}

/** The first month of a quarter, 1, 4, 7 or 10. */
export function quarterFirstMonth(label: string): number {
  return (quarterParts(label).number - 1) * 3 + 1
}

export function quarterFirstDay(label: string): string {
  const { year } = quarterParts(label)
  return `${String(year).padStart(4, '0')}-${String(quarterFirstMonth(label)).padStart(2, '0')}-01`
}

export function quarterLastDay(label: string): string {
  return addDays(quarterFirstDay(shiftQuarter(label, 1)), -1)
}

/** "2026 年第 4 季度", with its days when asked: "2026 年第 4 季度（2026-10-01 至 2026-12-31）". */
export function quarterLabel(label: string, t: Translate, withDays = false): string {
  const { year, number } = quarterParts(label)
  if (!withDays) return t('scoring.quarter.name', { year, number })
  return t('scoring.quarter.nameWithDays', { year, number, first: quarterFirstDay(label), last: quarterLastDay(label) })
}

/** Whether the quarter is over on `today`: its plans can no longer be generated. */
export function quarterEnded(last: string, today: string): boolean {
  return last < today
}

/** The whole quarter, or the month of it a monthly plan covers: "全季度", "11 月". */
export function quarterSlotLabel(slot: QuarterPlanSlot, quarter: string, t: Translate): string {
  if (slot === 'all') return t('scoring.quarter.slots.all')
  return t('scoring.quarter.slots.month', { month: quarterFirstMonth(quarter) + Number(slot.slice(1)) - 1 })
}

const SLOT_ORDER: Record<QuarterPlanSlot, number> = { all: 0, m1: 1, m2: 2, m3: 3 }

/** The whole quarter's plan first, then the months in order. */
export function sortQuarterPlans<P extends Pick<QuarterPlan, 'slot'>>(plans: readonly P[]): P[] {
  return [...plans].sort((a, b) => SLOT_ORDER[a.slot] - SLOT_ORDER[b.slot])
}

/**
 * Whether the caller may generate this town's plans for the quarter: its own town station, while
 * the town has none for it and the quarter has not ended (mirrors the server's 403, 409, 422).
 */
export function canGenerateQuarterPlans(
  town: Pick<QuarterTown, 'region_code' | 'plans'>,
  summary: Pick<QuarterSummary, 'last'>,
  role: Role | null | undefined,
  regionCode: string | null | undefined,
  today: string,
): boolean {
  return canPlanScoringQuarter(role) && town.region_code === regionCode && town.plans.length === 0 && !quarterEnded(summary.last, today)
}

/** What generating did, for the message: the plans, the enterprises of the quarter's plan, the monthly ones. */
export function generatedCounts(answer: Pick<QuarterPlans, 'plans' | 'raised' | 'followups_closed'>): {
  plans: number
  targets: number
  raised: number
  closed: number
} {
  const whole = answer.plans.find((plan) => plan.slot === 'all')
  return { plans: answer.plans.length, targets: whole?.targets ?? 0, raised: answer.raised, closed: answer.followups_closed }
}

// ---- Links

/** An enterprise's score card: the 记分 tab of its page, on a given cycle. */
export function scoreCardLink(enterpriseId: number, cycle?: number | null): { path: string; query: Record<string, string> } {
  const query: Record<string, string> = { tab: 'scoring' }
  if (cycle) query.cycle = String(cycle)
  return { path: `/enterprises/${enterpriseId}`, query }
}

export function enterpriseLink(id: number): { name: 'enterprise'; params: { id: string } } {
  return { name: 'enterprise', params: { id: String(id) } }
}

export function planLink(id: number): { name: 'plan'; params: { id: string } } {
  return { name: 'plan', params: { id: String(id) } }
}

export function inspectionLink(id: number): { name: 'inspection'; params: { id: string } } {
  return { name: 'inspection', params: { id: String(id) } }
}

// ---- Columns

export type EventCellKind = 'occurred' | 'enterprise' | 'points' | 'source' | 'content' | 'state' | 'recorder' | 'rollover' | 'actions'

export interface Column<K extends string> {
  kind: K
  /** i18n key of the header. */
  label: string
  width?: number
  minWidth?: number
}

export const eventColumns: Column<EventCellKind>[] = [
  { kind: 'occurred', label: 'scoring.occurredOn', width: 110 },
  { kind: 'enterprise', label: 'scoring.enterprise', minWidth: 180 },
  { kind: 'points', label: 'scoring.points', width: 80 },
  { kind: 'source', label: 'scoring.source', width: 110 },
  { kind: 'content', label: 'scoring.content', minWidth: 240 },
  { kind: 'state', label: 'scoring.state', width: 100 },
  { kind: 'recorder', label: 'scoring.recordedBy', width: 120 },
  { kind: 'rollover', label: 'scoring.atRollover', minWidth: 200 },
  { kind: 'actions', label: 'common.actions', width: 120 },
]

/** The columns a table shows: without the enterprise on its own card, the rollover only on a card, actions for recorders. */
export function eventColumnsFor(options: { enterprise: boolean; rollover: boolean; actions: boolean }): Column<EventCellKind>[] {
  return eventColumns.filter(
    (column) =>
      (column.kind !== 'enterprise' || options.enterprise) &&
      (column.kind !== 'rollover' || options.rollover) &&
      (column.kind !== 'actions' || options.actions),
  )
}

export type FollowupCellKind = 'enterprise' | 'threshold' | 'unit' | 'due' | 'status' | 'closing' | 'actions'

export const followupColumns: Column<FollowupCellKind>[] = [
  { kind: 'enterprise', label: 'scoring.enterprise', minWidth: 200 },
  { kind: 'threshold', label: 'scoring.threshold', minWidth: 170 },
  { kind: 'unit', label: 'scoring.unitRegion', minWidth: 140 },
  { kind: 'due', label: 'scoring.dueOn', width: 150 },
  { kind: 'status', label: 'scoring.statusFilter', width: 100 },
  { kind: 'closing', label: 'scoring.note', minWidth: 220 },
  { kind: 'actions', label: 'common.actions', width: 90 },
]

export type RankingCellKind = 'rank' | 'enterprise' | 'region' | 'points' | 'events'

export const rankingColumns: Column<RankingCellKind>[] = [
  { kind: 'rank', label: 'scoring.rank', width: 70 },
  { kind: 'enterprise', label: 'scoring.enterprise', minWidth: 240 },
  { kind: 'region', label: 'scoring.region', minWidth: 140 },
  { kind: 'points', label: 'scoring.total', minWidth: 200 },
  { kind: 'events', label: 'scoring.eventsCount', width: 100 },
]

export type RolloverCellKind = 'enterprise' | 'event' | 'points' | 'result' | 'reason' | 'carried'

export const rolloverColumns: Column<RolloverCellKind>[] = [
  { kind: 'enterprise', label: 'scoring.enterprise', minWidth: 200 },
  { kind: 'event', label: 'scoring.eventNumber', width: 90 },
  { kind: 'points', label: 'scoring.points', width: 80 },
  { kind: 'result', label: 'scoring.result', width: 130 },
  { kind: 'reason', label: 'scoring.whyHint', minWidth: 320 },
  { kind: 'carried', label: 'scoring.carriedEvent', width: 120 },
]

export type QuarterTownCellKind =
  | 'town'
  | 'enterprises'
  | 'planned'
  | 'inspected'
  | 'missing'
  | 'inspections'
  | 'events'
  | 'points'
  | 'thresholds'
  | 'followups'
  | 'plans'

// Minimum widths only: the figures share what the town and its plans leave, so that the table fits.
export const quarterTownColumns: Column<QuarterTownCellKind>[] = [
  { kind: 'town', label: 'scoring.quarter.town', minWidth: 110 },
  { kind: 'enterprises', label: 'scoring.quarter.enterprises', minWidth: 80 },
  { kind: 'planned', label: 'scoring.quarter.planned', minWidth: 80 },
  { kind: 'inspected', label: 'scoring.quarter.inspected', minWidth: 70 },
  { kind: 'missing', label: 'scoring.quarter.missing', minWidth: 70 },
  { kind: 'inspections', label: 'scoring.quarter.inspections', minWidth: 70 },
  { kind: 'events', label: 'scoring.eventsCount', minWidth: 70 },
  { kind: 'points', label: 'scoring.quarter.points', minWidth: 70 },
  { kind: 'thresholds', label: 'scoring.quarter.thresholdsCrossed', minWidth: 80 },
  { kind: 'followups', label: 'scoring.quarter.followupsOpen', minWidth: 80 },
  { kind: 'plans', label: 'scoring.quarter.plans', minWidth: 200 },
]

export type MissingCellKind = 'name' | 'uscc' | 'region'

export const missingColumns: Column<MissingCellKind>[] = [
  { kind: 'name', label: 'scoring.enterprise', minWidth: 220 },
  { kind: 'uscc', label: 'enterprises.uscc', width: 200 },
  { kind: 'region', label: 'scoring.region', minWidth: 140 },
]

export type SpotCheckCellKind = 'inspection' | 'enterprise' | 'region' | 'inspector' | 'finished' | 'findings'

export const spotCheckColumns: Column<SpotCheckCellKind>[] = [
  { kind: 'inspection', label: 'scoring.quarter.inspection', minWidth: 160 },
  { kind: 'enterprise', label: 'scoring.enterprise', minWidth: 200 },
  { kind: 'region', label: 'scoring.region', minWidth: 120 },
  { kind: 'inspector', label: 'scoring.quarter.inspector', width: 110 },
  { kind: 'finished', label: 'scoring.quarter.finishedAt', width: 170 },
  { kind: 'findings', label: 'scoring.quarter.findings', width: 90 },
]

/** The row's place in the whole ranking, counting the pages before. */
export function rankOf(index: number, page: number, pageSize: number): number {
  return (page - 1) * pageSize + index + 1
}

/** Which unit a follow-up's region code names: a district bureau (…000000) or a town station. */
export function unitKindOf(unitRegionCode: string): 'town' | 'district' {
  return unitRegionCode.slice(6) === '000000' ? 'district' : 'town'
}

// ---- The page's tabs

export type ScoringTab = 'rankings' | 'followups' | 'events' | 'quarter' | 'settings' | 'rollover'

/**
 * Officers' tabs for every role of the page; the quarter for administrators, bureaus and stations
 * (not grid workers); settings and the rollover for administrators.
 */
export function scoringTabs(role: Role | null | undefined): ScoringTab[] {
  const tabs: ScoringTab[] = ['rankings', 'followups', 'events']
  if (canReadScoringQuarter(role)) tabs.push('quarter')
  if (canManageScoring(role)) tabs.push('settings', 'rollover')
  return tabs
}

export { tabOf } from '@/utils/tabs'

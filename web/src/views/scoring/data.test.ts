import type { FormItemRule, FormRules } from 'element-plus'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { QUARTER_PLAN_SLOTS, ROLLOVER_REASONS, type CardThreshold, type Followup, type RolloverItem, type ScoringSettings, type Threshold } from '@/api/scoring'
import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'
import {
  addDays,
  canCloseFollowup,
  canGenerateQuarterPlans,
  canReinspect,
  canRevoke,
  closeRequest,
  cycleChoices,
  cycleFirstDay,
  cycleLabel,
  cycleLastDay,
  cycleOf,
  daysInMonth,
  emptyCloseForm,
  emptyRecordForm,
  enterpriseLink,
  eventColumnsFor,
  eventContent,
  eventTextField,
  filterRolloverItems,
  followupOverdue,
  followupStatusTag,
  generatedCounts,
  hasThresholdErrors,
  highestCrossed,
  inspectionLink,
  isQuarter,
  missingColumns,
  newlyCrossed,
  ownUnitCode,
  planLink,
  pointsToFull,
  quarterChoices,
  quarterEnded,
  quarterFirstDay,
  quarterFirstMonth,
  quarterLabel,
  quarterLastDay,
  quarterOf,
  quarterSlotLabel,
  quarterTownColumns,
  rankOf,
  reasonCounts,
  recordFormRules,
  recordRequest,
  rolloverDay,
  rolloverKeys,
  rolloverTotals,
  scoreCardLink,
  scoreLevel,
  scorePercent,
  scoringTabs,
  settingsChanges,
  settingsForm,
  shiftQuarter,
  sortQuarterPlans,
  spotCheckColumns,
  tabOf,
  thresholdFieldKey,
  thresholdRow,
  unitKindOf,
  validateCloseForm,
  validateCycleStart,
  validateEventText,
  validateRecordForm,
  validateThresholds,
  type ThresholdRow,
} from './data'

// Named keys come back with their parameters, so that tests can see both.
const t = (key: string, named?: Record<string, unknown>) => (named ? `${key} ${JSON.stringify(named)}` : key)

const TODAY = '2026-11-30'

const DEFAULTS: Threshold[] = [
  { points: 3, action: 'raise_frequency', unit: 'town', due_days: 30 },
  { points: 6, action: 'warning_interview', unit: 'district', due_days: 15 },
  { points: 10, action: 'enforcement', unit: 'district', due_days: 15 },
  { points: 12, action: 'key_supervision', unit: 'district', due_days: 30 },
]

function followup(changes: Partial<Followup> = {}): Followup {
  return {
    id: 9,
    enterprise_id: 1,
    enterprise_name: '江川市清源长昌餐饮有限公司',
    region_code: '990102001001',
    cycle: 2026,
    threshold_points: 6,
    action: 'warning_interview',
    unit_region_code: '990102000000',
    total_at_crossing: 6,
    crossed_at: '2026-11-29T22:00:00Z',
    due_on: '2026-12-15',
    overdue: false,
    status: 'open',
    held_on: null,
    attendees: '',
    minutes: '',
    note: '',
    closed_at: null,
    closed_by_name: '',
    created_at: '2026-11-29T22:00:00Z',
    version: 1,
    ...changes,
  }
}

function cardThreshold(points: number, crossed: boolean, withFollowup = crossed): CardThreshold {
  const threshold = DEFAULTS.find((item) => item.points === points)!
  return { points, action: threshold.action, unit: threshold.unit, crossed, followup: withFollowup ? followup({ threshold_points: points }) : null }
}

/** What a form rule says of its field, as Element Plus would show it. */
function messageOf(rules: FormRules, field: string): Promise<string | undefined> {
  const rule = ([] as FormItemRule[]).concat(rules[field] ?? [])[0]
  return new Promise((resolve) => {
    rule.validator?.(rule, undefined, (error?: string | Error) => resolve(error instanceof Error ? error.message : error), {}, {})
  })
}

function item(id: number, clears: boolean, points: number, reason: RolloverItem['reason']): RolloverItem {
  return { event_id: id, enterprise_id: 1, enterprise_name: '企业', points, clears, reason, carried_event_id: clears ? null : 100 + id }
}

describe('cycles', () => {
  it('name a cycle by the year it starts in', () => {
    expect(cycleOf('2026-11-30', '10-01')).toBe(2026)
    expect(cycleOf('2026-10-01', '10-01')).toBe(2026)
    expect(cycleOf('2026-09-30', '10-01')).toBe(2025)
    expect(cycleOf('2026-01-01', '01-01')).toBe(2026)
    expect(cycleOf('2026-12-31', '01-01')).toBe(2026)
  })

  it('run from the start day to the day before the next, leap years included', () => {
    expect(cycleFirstDay(2026, '10-01')).toBe('2026-10-01')
    expect(cycleLastDay(2026, '10-01')).toBe('2027-09-30')
    expect(cycleLastDay(2027, '03-01')).toBe('2028-02-29')
    expect(cycleLastDay(2026, '01-01')).toBe('2026-12-31')
    expect(rolloverDay('2027-09-30')).toBe('2027-10-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })

  it('offer the current cycle and the ones before it', () => {
    expect(cycleChoices(2026)).toEqual([2026, 2025, 2024, 2023, 2022])
    expect(cycleChoices(2026, 2)).toEqual([2026, 2025])
  })

  it('label a cycle with its days once the start day is known', () => {
    expect(cycleLabel(2026, '10-01', t)).toBe('scoring.cycleWithDays {"cycle":2026,"first":"2026-10-01","last":"2027-09-30"}')
    expect(cycleLabel(2026, null, t)).toBe('scoring.cycleName {"cycle":2026}')
  })
})

describe('how full and how serious a total is', () => {
  it.each([
    [0, 0],
    [3, 25],
    [7, 58],
    [12, 100],
    [15, 100],
    [-1, 0],
  ])('%i points fill %i%% of the bar', (total, percent) => {
    expect(scorePercent(total)).toBe(percent)
  })

  it('counts the points left to the full score, never below zero', () => {
    expect(pointsToFull(4)).toBe(8)
    expect(pointsToFull(12)).toBe(0)
    expect(pointsToFull(15)).toBe(0)
  })

  it('finds the highest threshold reached, whatever the order', () => {
    expect(highestCrossed(7, [...DEFAULTS].reverse())?.points).toBe(6)
    expect(highestCrossed(2, DEFAULTS)).toBeNull()
    expect(highestCrossed(12, DEFAULTS)?.action).toBe('key_supervision')
  })

  it.each([
    [0, 'clean'],
    [2, 'low'],
    [3, 'attention'],
    [5, 'attention'],
    [6, 'serious'],
    [10, 'serious'],
    [12, 'full'],
    [20, 'full'],
  ] as const)('%i points are %s', (total, level) => {
    expect(scoreLevel(total, DEFAULTS)).toBe(level)
  })

  it('is full at the full score even when no threshold says so', () => {
    expect(scoreLevel(12, [{ points: 3, action: 'raise_frequency' }])).toBe('full')
    expect(scoreLevel(11, [])).toBe('low')
  })

  it('says which thresholds a change crossed anew', () => {
    const before = [cardThreshold(3, true), cardThreshold(6, false), cardThreshold(10, false), cardThreshold(12, false)]
    const after = [cardThreshold(3, true), cardThreshold(6, true), cardThreshold(10, true), cardThreshold(12, false)]
    expect(newlyCrossed(before, after).map((x) => x.points)).toEqual([6, 10])
    // A threshold crossed before, then left by a revocation, made its follow-up already.
    const revoked = [cardThreshold(3, false, true), cardThreshold(6, false), cardThreshold(10, false), cardThreshold(12, false)]
    expect(newlyCrossed(revoked, before).map((x) => x.points)).toEqual([])
  })
})

describe('events', () => {
  const event = { state: 'active' as const, hazard_id: null, reinspected_at: null, item_text: '', reason: '台账未报送' }

  it('shows the item of a finding, or the reason given by hand', () => {
    expect(eventContent({ item_text: '熔炉冷却水未设流量监测', reason: '' })).toBe('熔炉冷却水未设流量监测')
    expect(eventContent(event)).toBe('台账未报送')
  })

  it('revokes active points only', () => {
    expect(canRevoke(event)).toBe(true)
    expect(canRevoke({ state: 'revoked' })).toBe(false)
  })

  it('records a re-inspection only for active points without a hazard, once', () => {
    expect(canReinspect(event)).toBe(true)
    expect(canReinspect({ ...event, hazard_id: 5 })).toBe(false)
    expect(canReinspect({ ...event, reinspected_at: '2026-11-30T01:00:00Z' })).toBe(false)
    expect(canReinspect({ ...event, state: 'revoked' })).toBe(false)
  })

  it('names the decision of the rollover and why', () => {
    expect(rolloverKeys({ clears: true, reason: 'verified_on_time' })).toEqual({
      outcome: 'scoring.clears',
      reason: 'scoring.reasons.verified_on_time',
      hint: 'scoring.reasonHints.verified_on_time',
    })
    expect(rolloverKeys({ clears: false, reason: 'not_reinspected' }).outcome).toBe('scoring.carries')
  })

  it('explains every reason of the rollover in both languages', () => {
    for (const reason of ROLLOVER_REASONS) {
      for (const messages of [zhCN, en]) {
        expect(messages.scoring.reasons[reason]).toBeTruthy()
        expect(messages.scoring.reasonHints[reason].length).toBeGreaterThan(10)
      }
    }
    expect(Object.keys(zhCN.scoring.reasons).sort()).toEqual([...ROLLOVER_REASONS].sort())
  })

  it('shows the enterprise in lists, the rollover on a card, actions to recorders', () => {
    const kinds = (options: Parameters<typeof eventColumnsFor>[0]) => eventColumnsFor(options).map((c) => c.kind)
    expect(kinds({ enterprise: false, rollover: true, actions: false })).toEqual(['occurred', 'points', 'source', 'content', 'state', 'recorder', 'rollover'])
    expect(kinds({ enterprise: true, rollover: false, actions: true })).toEqual(['occurred', 'enterprise', 'points', 'source', 'content', 'state', 'recorder', 'actions'])
  })
})

describe('recording points by hand', () => {
  it('starts today, for the enterprise of the card', () => {
    expect(emptyRecordForm(TODAY, 7)).toEqual({ enterprise_id: 7, points: null, reason: '', occurred_on: TODAY })
  })

  it('checks what scoring::ValidateManual checks', () => {
    expect(validateRecordForm(emptyRecordForm(TODAY), TODAY)).toEqual({
      enterprise_id: 'validation.enterprisePick',
      points: 'validation.scorePoints',
      reason: 'validation.scoreReason',
    })
    const good = { enterprise_id: 7, points: 2, reason: '未按期报送台账', occurred_on: TODAY }
    expect(validateRecordForm(good, TODAY)).toEqual({})
    expect(validateRecordForm({ ...good, points: 13 }, TODAY).points).toBe('validation.scorePoints')
    expect(validateRecordForm({ ...good, points: 0 }, TODAY).points).toBe('validation.scorePoints')
    expect(validateRecordForm({ ...good, points: 1.5 }, TODAY).points).toBe('validation.scorePoints')
    expect(validateRecordForm({ ...good, reason: '   ' }, TODAY).reason).toBe('validation.scoreReason')
    expect(validateRecordForm({ ...good, reason: '字'.repeat(500) }, TODAY).reason).toBeUndefined()
    expect(validateRecordForm({ ...good, reason: '字'.repeat(501) }, TODAY).reason).toBe('validation.scoreReason')
    expect(validateRecordForm({ ...good, occurred_on: '2026-12-01' }, TODAY).occurred_on).toBe('validation.scoreDateInFuture')
    expect(validateRecordForm({ ...good, occurred_on: null }, TODAY).occurred_on).toBe('validation.scoreDateRequired')
  })

  it('names each field\'s own limit in its message', async () => {
    const rules = recordFormRules(emptyRecordForm(TODAY), () => TODAY, t)
    expect(await messageOf(rules, 'points')).toBe('validation.scorePoints {"max":12}')
    expect(await messageOf(rules, 'reason')).toBe('validation.scoreReason {"max":500}')
    expect(await messageOf(rules, 'occurred_on')).toBeUndefined()
  })

  it('sends the day only when it is not today', () => {
    const form = { enterprise_id: 7, points: 2, reason: ' 未按期报送台账 ', occurred_on: TODAY }
    expect(recordRequest(form, TODAY)).toEqual({ enterprise_id: 7, points: 2, reason: '未按期报送台账' })
    expect(recordRequest({ ...form, occurred_on: '2026-09-15' }, TODAY)).toEqual({ enterprise_id: 7, points: 2, reason: '未按期报送台账', occurred_on: '2026-09-15' })
  })

  it('checks a revocation or re-inspection text and names it as the server does', () => {
    expect(validateEventText('')).toBe('validation.scoreReason')
    expect(validateEventText(' 误记 ')).toBeNull()
    expect(validateEventText('字'.repeat(501))).toBe('validation.scoreReason')
    expect(eventTextField('revoke')).toBe('reason')
    expect(eventTextField('reinspect')).toBe('note')
  })
})

describe('follow-ups', () => {
  it('are overdue when open past their day', () => {
    expect(followupOverdue(followup({ due_on: '2026-11-29' }), TODAY)).toBe(true)
    expect(followupOverdue(followup({ due_on: TODAY }), TODAY)).toBe(false)
    expect(followupOverdue(followup({ due_on: '2026-11-29', status: 'done' }), TODAY)).toBe(false)
    expect(followupStatusTag(followup({ due_on: '2026-11-29' }), TODAY)).toBe('danger')
    expect(followupStatusTag(followup(), TODAY)).toBe('warning')
    expect(followupStatusTag(followup({ status: 'done' }), TODAY)).toBe('success')
  })

  it('are closed by their unit or one above it, if it records points', () => {
    const district = followup({ unit_region_code: '990102000000' })
    const town = followup({ unit_region_code: '990102001000', action: 'raise_frequency' })
    expect(canCloseFollowup(district, 'bureau', '990102000000')).toBe(true)
    expect(canCloseFollowup(district, 'bureau', '990100000000')).toBe(true)
    expect(canCloseFollowup(district, 'station', '990102001000')).toBe(false)
    expect(canCloseFollowup(town, 'station', '990102001000')).toBe(true)
    expect(canCloseFollowup(town, 'station', '990102002000')).toBe(false)
    expect(canCloseFollowup(town, 'bureau', '990103000000')).toBe(false)
    expect(canCloseFollowup(town, 'admin', null)).toBe(false)
    expect(canCloseFollowup(town, 'grid', '990102001001')).toBe(false)
    expect(canCloseFollowup({ ...town, status: 'done' }, 'station', '990102001000')).toBe(false)
  })

  it('tell a bureau unit from a station', () => {
    expect(unitKindOf('990102000000')).toBe('district')
    expect(unitKindOf('990102001000')).toBe('town')
  })

  it('close a warning interview with its day, attendees and minutes', () => {
    const form = emptyCloseForm('warning_interview', TODAY)
    expect(form.held_on).toBe(TODAY)
    expect(validateCloseForm({ ...form, held_on: null }, 'warning_interview', TODAY)).toEqual({
      held_on: 'validation.heldOnRequired',
      attendees: 'validation.attendeesRequired',
      minutes: 'validation.minutesRequired',
    })
    expect(validateCloseForm({ ...form, held_on: '2026-12-01', attendees: 'a', minutes: 'b' }, 'warning_interview', TODAY)).toEqual({
      held_on: 'validation.heldOnInFuture',
    })
    const filled = { ...form, attendees: ' 区应急管理局 张三 ', minutes: ' 约谈纪要 ', note: '' }
    expect(validateCloseForm(filled, 'warning_interview', TODAY)).toEqual({})
    expect(closeRequest(followup({ version: 3 }), filled)).toEqual({ version: 3, held_on: TODAY, attendees: '区应急管理局 张三', minutes: '约谈纪要' })
  })

  it('close other actions with a note, or nothing', () => {
    const form = emptyCloseForm('raise_frequency', TODAY)
    expect(form.held_on).toBeNull()
    expect(validateCloseForm(form, 'raise_frequency', TODAY)).toEqual({})
    expect(validateCloseForm({ ...form, note: 'x'.repeat(2001) }, 'raise_frequency', TODAY)).toEqual({ note: 'validation.textTooLong' })
    const town = followup({ action: 'raise_frequency', version: 2 })
    expect(closeRequest(town, { ...form, note: ' 改为每月检查一次 ', attendees: 'ignored' })).toEqual({ version: 2, note: '改为每月检查一次' })
    expect(closeRequest(town, form)).toEqual({ version: 2 })
  })
})

describe('settings', () => {
  const settings: ScoringSettings = { cycle_start: '10-01', thresholds: [...DEFAULTS].reverse(), updated_at: '2026-01-01T00:00:00Z', version: 4 }

  function rows(list: Partial<ThresholdRow>[]): ThresholdRow[] {
    return list.map((changes) => ({ ...thresholdRow(DEFAULTS[0]), ...changes }))
  }

  it('splits the start day and sorts the thresholds lowest first', () => {
    const form = settingsForm(settings)
    expect(form.month).toBe(10)
    expect(form.day).toBe(1)
    expect(form.rows.map((row) => row.points)).toEqual([3, 6, 10, 12])
    expect(new Set(form.rows.map((row) => row.key)).size).toBe(4)
  })

  it('starts a cycle on a real day of every year', () => {
    expect(validateCycleStart(10, 1)).toBeNull()
    expect(validateCycleStart(2, 28)).toBeNull()
    expect(validateCycleStart(2, 29)).toBe('validation.cycleStart')
    expect(validateCycleStart(4, 31)).toBe('validation.cycleStart')
    expect(validateCycleStart(13, 1)).toBe('validation.cycleStart')
    expect(daysInMonth(2)).toBe(28)
    expect(daysInMonth(12)).toBe(31)
  })

  it('checks what scoring::ValidateThresholds checks, row by row', () => {
    expect(hasThresholdErrors(validateThresholds(settingsForm(settings).rows))).toBe(false)
    expect(validateThresholds([]).list).toBe('validation.thresholdsCount')
    expect(validateThresholds(rows(Array.from({ length: 11 }, (_, i) => ({ points: i + 1 })))).list).toBe('validation.thresholdsCount')
    const errors = validateThresholds(
      rows([
        { points: 3 },
        { points: 3 },
        { points: 13 },
        { points: null, action: '', unit: '', due_days: 0 },
        { points: 5, due_days: 366 },
      ]),
    )
    expect(errors.list).toBeUndefined()
    expect(errors.rows).toEqual([
      {},
      { points: 'validation.thresholdPointsTaken' },
      { points: 'validation.thresholdPoints' },
      { points: 'validation.thresholdPoints', action: 'validation.thresholdAction', unit: 'validation.thresholdUnit', due_days: 'validation.thresholdDueDays' },
      { due_days: 'validation.thresholdDueDays' },
    ])
    expect(hasThresholdErrors(errors)).toBe(true)
  })

  it('sends the version and only what changed, thresholds lowest first', () => {
    const form = settingsForm(settings)
    expect(settingsChanges(settings, form)).toBeNull()
    expect(settingsChanges(settings, { ...form, month: 1, day: 1 })).toEqual({ version: 4, cycle_start: '01-01' })
    const edited = { ...form, rows: [...form.rows.slice(1), { ...thresholdRow(), points: 2, action: 'raise_frequency' as const, unit: 'town' as const, due_days: 20 }] }
    expect(settingsChanges(settings, edited)).toEqual({
      version: 4,
      thresholds: [{ points: 2, action: 'raise_frequency', unit: 'town', due_days: 20 }, DEFAULTS[1], DEFAULTS[2], DEFAULTS[3]],
    })
    const due = { ...form, rows: form.rows.map((row) => (row.points === 6 ? { ...row, due_days: 10 } : row)) }
    expect(settingsChanges(settings, due)?.thresholds?.[1]).toEqual({ ...DEFAULTS[1], due_days: 10 })
  })

  it('names a row field as the server does', () => {
    expect(thresholdFieldKey(2, 'points')).toBe('thresholds[2].points')
  })
})

describe('the rollover report', () => {
  const items = [item(1, true, 3, 'verified_on_time'), item(2, false, 2, 'not_verified'), item(3, false, 4, 'not_verified'), item(4, true, 1, 'reinspected')]

  it('filters what clears and what carries', () => {
    expect(filterRolloverItems(items, 'all')).toHaveLength(4)
    expect(filterRolloverItems(items, 'clears').map((i) => i.event_id)).toEqual([1, 4])
    expect(filterRolloverItems(items, 'carries').map((i) => i.event_id)).toEqual([2, 3])
  })

  it('adds up events and points of each side', () => {
    expect(rolloverTotals(items)).toEqual({ cleared: 2, clearedPoints: 4, carried: 2, carriedPoints: 6 })
    expect(rolloverTotals([])).toEqual({ cleared: 0, clearedPoints: 0, carried: 0, carriedPoints: 0 })
  })

  it('counts the reasons, most first', () => {
    expect(reasonCounts(items)).toEqual([
      { reason: 'not_verified', clears: false, count: 2 },
      { reason: 'reinspected', clears: true, count: 1 },
      { reason: 'verified_on_time', clears: true, count: 1 },
    ])
  })
})

describe('the page', () => {
  it('gives officers but grid workers the quarter, and administrators the settings and the rollover', () => {
    expect(scoringTabs('grid')).toEqual(['rankings', 'followups', 'events'])
    expect(scoringTabs('station')).toEqual(['rankings', 'followups', 'events', 'quarter'])
    expect(scoringTabs('bureau')).toEqual(['rankings', 'followups', 'events', 'quarter'])
    expect(scoringTabs('admin')).toEqual(['rankings', 'followups', 'events', 'quarter', 'settings', 'rollover'])
  })

  it('opens the tab asked for, if the user has it', () => {
    expect(tabOf('followups', scoringTabs('grid'))).toBe('followups')
    expect(tabOf('settings', scoringTabs('bureau'))).toBe('rankings')
    expect(tabOf('quarter', scoringTabs('station'))).toBe('quarter')
    expect(tabOf('quarter', scoringTabs('grid'))).toBe('rankings')
    expect(tabOf(undefined, scoringTabs('admin'))).toBe('rankings')
    expect(tabOf(['events'], scoringTabs('admin'))).toBe('rankings')
  })

  it('links enterprises, plans and inspections by their routes', () => {
    expect(enterpriseLink(7)).toEqual({ name: 'enterprise', params: { id: '7' } })
    expect(planLink(12)).toEqual({ name: 'plan', params: { id: '12' } })
    expect(inspectionLink(30)).toEqual({ name: 'inspection', params: { id: '30' } })
  })

  it('labels every column of the quarter in both languages', () => {
    for (const column of [...quarterTownColumns, ...missingColumns, ...spotCheckColumns]) {
      for (const messages of [zhCN, en]) {
        const label = column.label.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], messages)
        expect(typeof label, `${column.label}`).toBe('string')
      }
    }
  })

  it('narrows follow-ups to the caller\'s own unit for stations and bureaus only', () => {
    expect(ownUnitCode('station', '990102001000')).toBe('990102001000')
    expect(ownUnitCode('bureau', '990102000000')).toBe('990102000000')
    expect(ownUnitCode('admin', '990100000000')).toBeNull()
    expect(ownUnitCode('grid', '990102001001')).toBeNull()
    expect(ownUnitCode('station', null)).toBeNull()
  })

  it('links an enterprise to its score card on a cycle', () => {
    expect(scoreCardLink(7, 2025)).toEqual({ path: '/enterprises/7', query: { tab: 'scoring', cycle: '2025' } })
    expect(scoreCardLink(7)).toEqual({ path: '/enterprises/7', query: { tab: 'scoring' } })
  })

  it('ranks across pages', () => {
    expect(rankOf(0, 1, 20)).toBe(1)
    expect(rankOf(4, 3, 20)).toBe(45)
  })
})

describe('the quarter', () => {
  const zh = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } }).global.t
  const english = createI18n({ legacy: false, locale: 'en', messages: { 'zh-CN': zhCN, en } }).global.t
  const zhT = (key: string, named?: Record<string, unknown>) => zh(key, named ?? {})
  const enT = (key: string, named?: Record<string, unknown>) => english(key, named ?? {})

  it('names the quarter a China day falls in', () => {
    expect(quarterOf('2026-01-01')).toBe('2026Q1')
    expect(quarterOf('2026-03-31')).toBe('2026Q1')
    expect(quarterOf('2026-04-01')).toBe('2026Q2')
    expect(quarterOf('2026-09-30')).toBe('2026Q3')
    expect(quarterOf('2026-11-30')).toBe('2026Q4')
    expect(isQuarter('2026Q4')).toBe(true)
    expect(isQuarter('2026Q5')).toBe(false)
    expect(isQuarter('2026-Q4')).toBe(false)
    expect(isQuarter(undefined)).toBe(false)
  })

  it('steps across years', () => {
    expect(shiftQuarter('2026Q4', 1)).toBe('2027Q1')
    expect(shiftQuarter('2027Q1', -1)).toBe('2026Q4')
    expect(shiftQuarter('2026Q2', -6)).toBe('2024Q4')
    expect(shiftQuarter('2026Q3', 0)).toBe('2026Q3')
    expect(() => shiftQuarter('2026Q0', 1)).toThrow()
  })

  it('offers the next quarter, the current one and the four before it, newest first', () => {
    expect(quarterChoices('2026Q4')).toEqual(['2027Q1', '2026Q4', '2026Q3', '2026Q2', '2026Q1', '2025Q4'])
    expect(quarterChoices('2026Q1', 1)).toEqual(['2026Q2', '2026Q1', '2025Q4'])
  })

  it('knows its days and months, leap years included', () => {
    expect(quarterFirstDay('2026Q4')).toBe('2026-10-01')
    expect(quarterLastDay('2026Q4')).toBe('2026-12-31')
    expect(quarterFirstDay('2028Q1')).toBe('2028-01-01')
    expect(quarterLastDay('2028Q1')).toBe('2028-03-31')
    expect(quarterLastDay('2026Q2')).toBe('2026-06-30')
    expect(quarterLastDay('2026Q3')).toBe('2026-09-30')
    expect(quarterFirstMonth('2026Q3')).toBe(7)
  })

  it('is over once its last day has passed', () => {
    expect(quarterEnded('2026-12-31', '2026-12-31')).toBe(false)
    expect(quarterEnded('2026-12-31', '2027-01-01')).toBe(true)
    expect(quarterEnded('2027-03-31', '2026-12-31')).toBe(false)
  })

  it('reads in both languages', () => {
    expect(quarterLabel('2026Q4', zhT)).toBe('2026 年第 4 季度')
    expect(quarterLabel('2026Q4', zhT, true)).toBe('2026 年第 4 季度（2026-10-01 至 2026-12-31）')
    expect(quarterLabel('2026Q4', enT)).toBe('Q4 2026')
    expect(quarterLabel('2027Q1', enT, true)).toBe('Q1 2027 (2027-01-01 to 2027-03-31)')
  })

  it('labels the slots of the generated plans by the months of the quarter', () => {
    expect(quarterSlotLabel('all', '2026Q4', zhT)).toBe('全季度')
    expect(quarterSlotLabel('m1', '2026Q4', zhT)).toBe('10 月（提高频次）')
    expect(quarterSlotLabel('m3', '2026Q4', zhT)).toBe('12 月（提高频次）')
    expect(quarterSlotLabel('m2', '2027Q1', enT)).toBe('Month 2 (more often)')
    expect(quarterSlotLabel('all', '2027Q1', enT)).toBe('Whole quarter')
    expect(sortQuarterPlans([{ slot: 'm2' }, { slot: 'all' }, { slot: 'm3' }, { slot: 'm1' }] as const).map((p) => p.slot)).toEqual([...QUARTER_PLAN_SLOTS])
  })

  it('lets only the town\'s own station generate its plans, once, before the quarter ends', () => {
    const town = { region_code: '990102001000', plans: [] }
    const summary = { last: '2026-12-31' }
    expect(canGenerateQuarterPlans(town, summary, 'station', '990102001000', '2026-11-30')).toBe(true)
    expect(canGenerateQuarterPlans(town, summary, 'station', '990102001000', '2026-12-31')).toBe(true)
    expect(canGenerateQuarterPlans(town, summary, 'station', '990102001000', '2027-01-01')).toBe(false)
    expect(canGenerateQuarterPlans(town, summary, 'station', '990102002000', '2026-11-30')).toBe(false)
    expect(canGenerateQuarterPlans(town, summary, 'bureau', '990102001000', '2026-11-30')).toBe(false)
    expect(canGenerateQuarterPlans(town, summary, 'admin', '990102001000', '2026-11-30')).toBe(false)
    const planned = { ...town, plans: [{ id: 1, name: '计划', slot: 'all' as const, starts_on: '2026-11-30', due_on: '2026-12-31' }] }
    expect(canGenerateQuarterPlans(planned, summary, 'station', '990102001000', '2026-11-30')).toBe(false)
    // A coming quarter may be planned ahead.
    expect(canGenerateQuarterPlans(town, { last: '2027-03-31' }, 'station', '990102001000', '2026-11-30')).toBe(true)
  })

  it('counts what generating did', () => {
    const plan = (id: number, slot: 'all' | 'm1' | 'm2' | 'm3', targets: number) => ({ id, name: '', slot, starts_on: '', due_on: '', targets })
    expect(generatedCounts({ plans: [plan(1, 'all', 35), plan(2, 'm1', 3), plan(3, 'm2', 3), plan(4, 'm3', 3)], raised: 3, followups_closed: 2 })).toEqual({
      plans: 4,
      targets: 35,
      raised: 3,
      closed: 2,
    })
    expect(generatedCounts({ plans: [plan(1, 'all', 12)], raised: 0, followups_closed: 0 })).toEqual({ plans: 1, targets: 12, raised: 0, closed: 0 })
    expect(zhT('scoring.quarter.generated', generatedCounts({ plans: [plan(1, 'all', 12)], raised: 0, followups_closed: 0 }))).toBe(
      '已生成 1 项检查计划：本季度检查 12 家企业，其中 0 家每月检查；办结跟进事项 0 项',
    )
  })
})

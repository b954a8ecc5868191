import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { WatchEntry, WatchLevel } from '@/api/watchlist'
import type { Role } from '@/api/users'
import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'
import {
  activeStep,
  currentLevel,
  departmentsOf,
  emptyEntryForm,
  emptyInterviewForm,
  entryActions,
  entryRequest,
  interviewRequest,
  ladderSteps,
  latestRun,
  levelLabel,
  levelTag,
  levelsAbove,
  needsSkipReason,
  nextLevel,
  statusTag,
  stepStatus,
  subjectKindLabel,
  subjectOf,
  subjectOfForm,
  validateEntryForm,
  validateInterviewForm,
  watchLink,
  type EntryForm,
} from './data'

const zh = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } }).global.t as unknown as (key: string) => string
const english = createI18n({ legacy: false, locale: 'en', messages: { 'zh-CN': zhCN, en } }).global.t as unknown as (key: string) => string

function entry(extra: Partial<WatchEntry> = {}): WatchEntry {
  return {
    id: 1,
    subject_kind: 'enterprise',
    subject_name: '江川市清源荣达铝业有限公司',
    enterprise_id: 15077,
    region_code: '990102104204',
    department: '',
    level: 'attention',
    reason: '连续两次检查发现重大隐患',
    skip_reason: '',
    status: 'active',
    unit_region_code: '990102000000',
    decided_by_name: '清源区应急管理局 刘伟',
    lifted_at: null,
    lift_reason: '',
    created_at: '2026-11-01T02:00:00Z',
    version: 1,
    ...extra,
  }
}

function form(extra: Partial<EntryForm> = {}): EntryForm {
  return { ...emptyEntryForm(), enterprise_id: 15077, level: 'attention', reason: '重大隐患', ...extra }
}

describe('levels', () => {
  it.each<[WatchLevel | null, WatchLevel | null, WatchLevel[]]>([
    [null, 'attention', ['attention', 'yellow_card', 'veto']],
    ['attention', 'yellow_card', ['yellow_card', 'veto']],
    ['yellow_card', 'veto', ['veto']],
    ['veto', null, []],
  ])('from %s the next step is %s, and above it %j', (current, next, above) => {
    expect(nextLevel(current)).toBe(next)
    expect(levelsAbove(current)).toEqual(above)
  })

  it.each<[WatchLevel | null, WatchLevel | null, boolean]>([
    [null, 'attention', false],
    [null, 'yellow_card', true],
    [null, 'veto', true],
    ['attention', 'yellow_card', false],
    ['attention', 'veto', true],
    ['yellow_card', 'veto', false],
    ['veto', 'veto', false],
    [null, null, false],
  ])('from %s to %s needs a skip reason: %s', (current, level, expected) => {
    expect(needsSkipReason(current, level)).toBe(expected)
  })

  it('stands at the active entry\'s level only', () => {
    expect(currentLevel(entry({ level: 'yellow_card' }))).toBe('yellow_card')
    expect(currentLevel(entry({ status: 'lifted' }))).toBeNull()
    expect(currentLevel(entry({ status: 'escalated' }))).toBeNull()
    expect(currentLevel(null)).toBeNull()
  })

  it('names and colours levels, statuses and subjects', () => {
    expect(levelLabel('attention', zh)).toBe('重点关注')
    expect(levelLabel('yellow_card', zh)).toBe('黄牌警告')
    expect(levelLabel('veto', zh)).toBe('一票否决')
    expect(levelLabel('veto', english)).toBe('One-vote veto')
    expect(subjectKindLabel('department', zh)).toBe('部门')
    expect([levelTag('attention'), levelTag('yellow_card'), levelTag('veto')]).toEqual(['primary', 'warning', 'danger'])
    expect([statusTag('active'), statusTag('escalated'), statusTag('lifted')]).toEqual(['danger', 'info', 'success'])
  })
})

describe('buttons', () => {
  it.each<[Role | null, WatchEntry['status'], WatchLevel, string[]]>([
    ['bureau', 'active', 'attention', ['escalate', 'interview', 'lift']],
    ['admin', 'active', 'yellow_card', ['escalate', 'interview', 'lift']],
    ['bureau', 'active', 'veto', ['interview', 'lift']],
    ['bureau', 'escalated', 'attention', []],
    ['bureau', 'lifted', 'veto', []],
    ['station', 'active', 'attention', []],
    ['enterprise', 'active', 'attention', []],
    ['grid', 'active', 'attention', []],
    [null, 'active', 'attention', []],
  ])('%s on a %s entry at %s: %j', (role, status, level, actions) => {
    expect(entryActions(entry({ status, level }), role)).toEqual(actions)
  })

  it('has none without an entry', () => {
    expect(entryActions(null, 'bureau')).toEqual([])
  })
})

describe('the ladder', () => {
  const attention = entry({ id: 1, level: 'attention', status: 'escalated' })
  const yellow = entry({ id: 2, level: 'yellow_card', status: 'active' })

  it('shows two steps after one escalation, the second current', () => {
    const steps = ladderSteps([attention, yellow])
    expect(steps.map((step) => [step.level, step.entry?.id ?? null, step.state])).toEqual([
      ['attention', 1, 'done'],
      ['yellow_card', 2, 'current'],
      ['veto', null, 'pending'],
    ])
    expect(activeStep(steps)).toBe(1)
    expect(steps.map((step) => stepStatus(step.state))).toEqual(['finish', 'process', 'wait'])
  })

  it('marks a skipped step', () => {
    const steps = ladderSteps([entry({ id: 3, level: 'veto', skip_reason: '重大事故' })])
    expect(steps.map((step) => step.state)).toEqual(['skipped', 'skipped', 'current'])
    expect(activeStep(steps)).toBe(2)
  })

  it('starts over after a lift, and shows the lifted run until then', () => {
    const lifted = entry({ id: 2, level: 'yellow_card', status: 'lifted' })
    expect(ladderSteps([attention, lifted]).map((step) => step.state)).toEqual(['done', 'lifted', 'pending'])
    const again = entry({ id: 4, level: 'attention', status: 'active' })
    expect(latestRun([attention, lifted, again]).map((item) => item.id)).toEqual([4])
    expect(ladderSteps([attention, lifted, again]).map((step) => step.state)).toEqual(['current', 'pending', 'pending'])
  })

  it('has nothing reached when never listed', () => {
    const steps = ladderSteps([])
    expect(steps.map((step) => step.state)).toEqual(['pending', 'pending', 'pending'])
    expect(activeStep(steps)).toBe(0)
  })

  it('names an entry\'s subject as the API does', () => {
    expect(subjectOf(entry())).toEqual({ subject_kind: 'enterprise', enterprise_id: 15077 })
    expect(subjectOf(entry({ subject_kind: 'region', enterprise_id: null, region_code: '990102104000' }))).toEqual({ subject_kind: 'region', region_code: '990102104000' })
    expect(subjectOf(entry({ subject_kind: 'department', enterprise_id: null, region_code: '990102000000', department: '住建局' }))).toEqual({
      subject_kind: 'department',
      region_code: '990102000000',
      department: '住建局',
    })
  })

  it('links an entry', () => {
    expect(watchLink(9)).toEqual({ path: '/watchlist', query: { entry: '9' } })
  })
})

describe('listing or escalating', () => {
  it('names the subject once complete', () => {
    expect(subjectOfForm(form())).toEqual({ subject_kind: 'enterprise', enterprise_id: 15077 })
    expect(subjectOfForm(form({ enterprise_id: null }))).toBeNull()
    expect(subjectOfForm(form({ subject_kind: 'region', region_code: '990102104000' }))).toEqual({ subject_kind: 'region', region_code: '990102104000' })
    expect(subjectOfForm(form({ subject_kind: 'department', region_code: '990102000000', department: '  ' }))).toBeNull()
    expect(subjectOfForm(form({ subject_kind: 'department', region_code: '990102000000', department: ' 住建局 ' }))).toEqual({
      subject_kind: 'department',
      region_code: '990102000000',
      department: '住建局',
    })
  })

  it('accepts the next step without a skip reason', () => {
    expect(validateEntryForm(form(), null, '990102000000')).toEqual({})
    expect(validateEntryForm(form({ level: 'yellow_card' }), 'attention', null)).toEqual({})
  })

  it('needs a skip reason to skip, and a level above the current', () => {
    expect(validateEntryForm(form({ level: 'veto' }), 'attention', null)).toEqual({ skip_reason: 'validation.watchSkipReason' })
    expect(validateEntryForm(form({ level: 'veto', skip_reason: '发生较大事故' }), 'attention', null)).toEqual({})
    expect(validateEntryForm(form({ level: 'attention' }), 'attention', null)).toEqual({ level: 'validation.watchLevel' })
    expect(validateEntryForm(form({ level: null }), null, null)).toEqual({ level: 'validation.watchLevel' })
  })

  it('keeps a region below the unit\'s own and a department named', () => {
    expect(validateEntryForm(form({ subject_kind: 'region', region_code: '990102000000' }), null, '990102000000')).toEqual({ region_code: 'validation.watchOwnRegion' })
    expect(validateEntryForm(form({ subject_kind: 'region', region_code: null }), null, null)).toEqual({ region_code: 'validation.watchRegion' })
    expect(validateEntryForm(form({ subject_kind: 'region', region_code: '990102104000' }), null, '990102000000')).toEqual({})
    // A department of the unit's own region is fine.
    expect(validateEntryForm(form({ subject_kind: 'department', region_code: '990102000000', department: '' }), null, '990102000000')).toEqual({ department: 'validation.watchDepartment' })
    expect(validateEntryForm(form({ subject_kind: 'department', region_code: '990102000000', department: '住建局' }), null, '990102000000')).toEqual({})
    expect(validateEntryForm(form({ enterprise_id: null, reason: ' ' }), null, null)).toEqual({ enterprise_id: 'validation.enterprisePick', reason: 'validation.watchReason' })
  })

  it('sends the skip reason only when a step is skipped', () => {
    expect(entryRequest(form({ skip_reason: '多余' }), null)).toEqual({ subject_kind: 'enterprise', enterprise_id: 15077, level: 'attention', reason: '重大隐患' })
    expect(entryRequest(form({ level: 'veto', skip_reason: ' 较大事故 ' }), 'attention')).toEqual({
      subject_kind: 'enterprise',
      enterprise_id: 15077,
      level: 'veto',
      reason: '重大隐患',
      skip_reason: '较大事故',
    })
  })
})

describe('interviews', () => {
  const today = '2026-11-30'
  const filled = { ...emptyInterviewForm(today), attendees: '法人代表 王五', minutes: '通报隐患' }

  it('checks the day, the texts and the due day', () => {
    expect(validateInterviewForm(filled, today)).toEqual({})
    expect(validateInterviewForm({ ...filled, held_on: '2026-12-01' }, today)).toEqual({ held_on: 'validation.interviewHeldOn' })
    expect(validateInterviewForm({ ...filled, held_on: null }, today)).toEqual({ held_on: 'validation.interviewHeldOn' })
    expect(validateInterviewForm({ ...filled, attendees: '', minutes: '字'.repeat(2001) }, today)).toEqual({ attendees: 'validation.interviewText', minutes: 'validation.interviewText' })
    expect(validateInterviewForm({ ...filled, followup_due_on: '2026-11-29' }, today)).toEqual({ followup_due_on: 'validation.interviewDueOn' })
    expect(validateInterviewForm({ ...filled, followup_due_on: '2026-11-30' }, today)).toEqual({})
  })

  it('leaves out an empty follow-up', () => {
    expect(interviewRequest(filled)).toEqual({ held_on: today, attendees: '法人代表 王五', minutes: '通报隐患' })
    expect(interviewRequest({ ...filled, followup: ' 整改 ', followup_due_on: '2026-12-15' })).toEqual({
      held_on: today,
      attendees: '法人代表 王五',
      minutes: '通报隐患',
      followup: '整改',
      followup_due_on: '2026-12-15',
    })
  })
})

describe('a region\'s departments', () => {
  const district = '990102000000'
  const department = (id: number, name: string, extra: Partial<WatchEntry> = {}) =>
    entry({ id, subject_kind: 'department', subject_name: `清源区${name}`, enterprise_id: null, region_code: district, department: name, ...extra })

  it('keeps each department of exactly the region once, by its latest entry, ordered by name', () => {
    const rows = departmentsOf(
      [
        department(4, '住房和城乡建设局', { level: 'yellow_card' }),
        department(2, '住房和城乡建设局', { status: 'escalated' }),
        department(3, '交通运输局', { status: 'lifted' }),
        department(5, '农业农村局', { region_code: '990102001000' }),
        entry({ id: 6, subject_kind: 'region', region_code: district }),
        entry({ id: 7, region_code: district }),
      ],
      district,
    )
    expect(rows.map((row) => [row.id, row.department, row.level, row.status])).toEqual([
      [3, '交通运输局', 'attention', 'lifted'],
      [4, '住房和城乡建设局', 'yellow_card', 'active'],
    ])
  })

  it('is empty when none of the region\'s own departments was listed', () => {
    expect(departmentsOf([department(5, '农业农村局', { region_code: '990102001000' })], district)).toEqual([])
    expect(departmentsOf([], district)).toEqual([])
  })
})

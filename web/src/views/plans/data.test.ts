import { describe, expect, it } from 'vitest'
import type { GridCell } from '@/api/grids'
import type { Plan, PlanTarget } from '@/api/plans'
import type { User } from '@/api/users'
import {
  addDays,
  assigneeLabel,
  cellCandidates,
  countTargets,
  daysBetween,
  defaultPlanKind,
  dueText,
  dueType,
  emptyPlanForm,
  endOfQuarter,
  filterTargets,
  formFromPlan,
  newPlanFromForm,
  planChangesFromForm,
  planState,
  previewQuery,
  progressPercent,
  progressStatus,
  targetFilterOf,
  targetStatusTag,
  userCandidates,
  validateEditForm,
  validatePlanForm,
  type PlanForm,
} from './data'

// Named keys come back with their parameters, so that tests can see both.
const t = (key: string, named?: Record<string, unknown>) => (named ? `${key} ${JSON.stringify(named)}` : key)

const TODAY = '2026-11-29'

function form(changes: Partial<PlanForm> = {}): PlanForm {
  return { ...emptyPlanForm(TODAY, 'station'), name: '2026年第四季度网格巡查', ...changes }
}

function plan(changes: Partial<Plan> = {}): Plan {
  return {
    id: 7,
    name: '第四季度网格巡查',
    kind: 'grid_patrol',
    unit_region_code: '990101001000',
    starts_on: '2026-10-01',
    due_on: '2026-12-31',
    note: '',
    created_by_user_id: 3,
    created_by_name: '一镇安监站',
    created_at: '2026-10-01T00:00:00Z',
    updated_at: '2026-10-01T00:00:00Z',
    version: 2,
    target_count: 10,
    done_count: 4,
    ...changes,
  }
}

function target(enterprise: number, status: PlanTarget['status'], assignee: number | null = 5): PlanTarget {
  return {
    plan_id: 7,
    plan_name: '第四季度网格巡查',
    kind: 'grid_patrol',
    starts_on: '2026-10-01',
    due_on: '2026-12-31',
    enterprise_id: enterprise,
    enterprise_name: `企业${enterprise}`,
    region_code: '990101001001',
    assignee_user_id: assignee,
    assignee_name: assignee === null ? '' : '张网格',
    inspection_id: status === 'done' ? 100 + enterprise : null,
    finished_at: status === 'done' ? '2026-11-02T03:00:00Z' : null,
    status,
  }
}

describe('days', () => {
  it('end a quarter on its last day, leap years included', () => {
    expect(endOfQuarter('2026-11-29')).toBe('2026-12-31')
    expect(endOfQuarter('2026-01-01')).toBe('2026-03-31')
    expect(endOfQuarter('2026-04-30')).toBe('2026-06-30')
    expect(endOfQuarter('2026-09-30')).toBe('2026-09-30')
    expect(endOfQuarter('2028-02-10')).toBe('2028-03-31')
  })

  it('count days between two dates across months and years', () => {
    expect(daysBetween('2026-11-29', '2026-11-29')).toBe(0)
    expect(daysBetween('2026-11-29', '2026-12-31')).toBe(32)
    expect(daysBetween('2026-12-31', '2026-11-29')).toBe(-32)
    expect(daysBetween('2026-10-01', '2027-10-01')).toBe(365)
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
  })
})

describe('a new plan', () => {
  it('runs from today to the end of the quarter, by filter, with nobody named', () => {
    const fresh = emptyPlanForm(TODAY, 'station')
    expect(fresh).toMatchObject({ name: '', kind: 'grid_patrol', starts_on: TODAY, due_on: '2026-12-31', mode: 'filter', enterprise_ids: [], assignee_user_id: null })
  })

  it('starts with the kind the unit records first', () => {
    expect(defaultPlanKind('station')).toBe('grid_patrol')
    expect(defaultPlanKind('bureau')).toBe('district_enforcement')
    expect(defaultPlanKind('admin')).toBe('')
    // An enterprise's own kind is none a plan may have.
    expect(defaultPlanKind('enterprise')).toBe('')
  })

  it('passes the checks as it comes, once named', () => {
    expect(validatePlanForm(form(), TODAY, 42)).toEqual({})
    expect(validatePlanForm(form({ name: '' }), TODAY, 42)).toEqual({ name: 'validation.planName' })
  })

  it('checks the name and the note as the server counts them', () => {
    expect(validatePlanForm(form({ name: '   ' }), TODAY, 1).name).toBe('validation.planName')
    expect(validatePlanForm(form({ name: '查'.repeat(100) }), TODAY, 1).name).toBeUndefined()
    expect(validatePlanForm(form({ name: 'x'.repeat(101) }), TODAY, 1).name).toBe('validation.planName')
    expect(validatePlanForm(form({ note: '注'.repeat(1000) }), TODAY, 1).note).toBeUndefined()
    expect(validatePlanForm(form({ note: '注'.repeat(1001) }), TODAY, 1).note).toBe('validation.textTooLong')
  })

  it('takes any unit kind but a self-check', () => {
    expect(validatePlanForm(form({ kind: '' }), TODAY, 1).kind).toBe('validation.kindRequired')
    expect(validatePlanForm(form({ kind: 'self_check' as PlanForm['kind'] }), TODAY, 1).kind).toBe('validation.kindRequired')
    expect(validatePlanForm(form({ kind: 'district_enforcement' }), TODAY, 1).kind).toBeUndefined()
  })

  it('checks the days in the order plan::Validate does', () => {
    const due = (starts_on: string | null, due_on: string | null) => validatePlanForm(form({ starts_on, due_on }), TODAY, 1).due_on
    expect(due(TODAY, TODAY)).toBeUndefined()
    expect(due(TODAY, null)).toBe('validation.planDueRequired')
    expect(due('2027-01-01', '2026-12-31')).toBe('validation.dueBeforeStart')
    expect(due('2026-11-01', '2026-11-28')).toBe('validation.dueInPast')
    // A plan may have begun already; 366 days with both ends counted, not one more.
    expect(due('2026-10-01', '2027-10-01')).toBeUndefined()
    expect(due('2026-10-01', '2027-10-02')).toBe('validation.planTooLong')
    expect(validatePlanForm(form({ starts_on: null }), TODAY, 1).starts_on).toBe('validation.planStartRequired')
  })

  it('needs enterprises: some picked, or a filter that matches between 1 and 5000', () => {
    expect(validatePlanForm(form({ mode: 'pick' }), TODAY, 42).targets).toBe('validation.planTargetsPick')
    expect(validatePlanForm(form({ mode: 'pick', enterprise_ids: [3] }), TODAY, null).targets).toBeUndefined()
    expect(validatePlanForm(form(), TODAY, 0).targets).toBe('validation.planTargetsNone')
    expect(validatePlanForm(form(), TODAY, 5000).targets).toBeUndefined()
    expect(validatePlanForm(form(), TODAY, 5001).targets).toBe('validation.planTargetsTooMany')
    // Still counting: the server decides.
    expect(validatePlanForm(form(), TODAY, null).targets).toBeUndefined()
  })
})

describe('the request of a new plan', () => {
  it('sends a filter of only the fields given, and no empty note or assignee', () => {
    expect(newPlanFromForm(form({ name: ' 巡查 ', region_code: '990101001001', tag: 'hazardous_chemicals' }))).toEqual({
      name: '巡查',
      kind: 'grid_patrol',
      starts_on: TODAY,
      due_on: '2026-12-31',
      filter: { region_code: '990101001001', tag: 'hazardous_chemicals' },
    })
    // No condition at all: every operating enterprise of the area.
    expect(newPlanFromForm(form()).filter).toEqual({})
  })

  it('sends the picked enterprises once each instead of the filter, with the note and the assignee', () => {
    const request = newPlanFromForm(form({ mode: 'pick', enterprise_ids: [5, 3, 5], region_code: '990101001001', note: ' 重点查消防 ', assignee_user_id: 12 }))
    expect(request.enterprise_ids).toEqual([5, 3])
    expect(request).not.toHaveProperty('filter')
    expect(request.note).toBe('重点查消防')
    expect(request.assignee_user_id).toBe(12)
  })

  it('counts what the filter takes among operating enterprises, as the server does', () => {
    const filter = targetFilterOf(form({ industry_code: 'C33', scale: 'above' }))
    expect(filter).toEqual({ industry_code: 'C33', scale: 'above' })
    expect(previewQuery(filter)).toEqual({ page: 1, page_size: 1, status: 'operating', industry_code: 'C33', scale: 'above' })
  })
})

describe('how far a plan has got', () => {
  it('tells its state on a day', () => {
    expect(planState(plan(), TODAY)).toBe('running')
    expect(planState(plan({ starts_on: '2026-12-01' }), TODAY)).toBe('upcoming')
    expect(planState(plan({ due_on: '2026-11-28' }), TODAY)).toBe('overdue')
    expect(planState(plan({ due_on: '2026-11-28', done_count: 10 }), TODAY)).toBe('complete')
    expect(planState(plan({ done_count: 10 }), TODAY)).toBe('complete')
    // Due today is not overdue yet.
    expect(planState(plan({ due_on: TODAY }), TODAY)).toBe('running')
    // No target in the reader's scope: never complete.
    expect(planState(plan({ target_count: 0, done_count: 0 }), TODAY)).toBe('running')
  })

  it('shows the progress in whole percent, 100 only when all are done', () => {
    expect(progressPercent(plan())).toBe(40)
    expect(progressPercent(plan({ target_count: 3, done_count: 2 }))).toBe(66)
    expect(progressPercent(plan({ target_count: 1000, done_count: 999 }))).toBe(99)
    expect(progressPercent(plan({ target_count: 0, done_count: 0 }))).toBe(0)
    expect(progressStatus('complete')).toBe('success')
    expect(progressStatus('overdue')).toBe('exception')
    expect(progressStatus('running')).toBe('')
  })

  it('says how long is left', () => {
    expect(dueText('2026-12-04', TODAY, t)).toBe('plans.daysLeft {"days":5}')
    expect(dueText(TODAY, TODAY, t)).toBe('plans.dueToday')
    expect(dueText('2026-11-26', TODAY, t)).toBe('plans.daysOverdue {"days":3}')
    expect(dueType('2026-12-31', TODAY)).toBe('info')
    expect(dueType('2026-12-02', TODAY)).toBe('warning')
    expect(dueType('2026-11-28', TODAY)).toBe('danger')
  })
})

describe('the targets of a plan', () => {
  const targets = [target(1, 'done'), target(2, 'pending', null), target(3, 'overdue'), target(4, 'pending')]

  it('count and filter by status', () => {
    expect(countTargets(targets)).toEqual({ all: 4, done: 1, pending: 2, overdue: 1 })
    expect(filterTargets(targets, 'pending').map((item) => item.enterprise_id)).toEqual([2, 4])
    expect(filterTargets(targets, '')).toHaveLength(4)
  })

  it('name the assignee, or the unit when anyone of it may go', () => {
    expect(assigneeLabel(targets[0], t)).toBe('张网格')
    expect(assigneeLabel(targets[1], t)).toBe('plans.anyoneOfUnit')
  })

  it('colour done green and overdue red', () => {
    expect(targetStatusTag('done')).toBe('success')
    expect(targetStatusTag('overdue')).toBe('danger')
    expect(targetStatusTag('pending')).toBe('info')
  })
})

describe('editing a plan', () => {
  it('lets a past due day stand, but a moved one must lie ahead', () => {
    const past = plan({ due_on: '2026-11-20' })
    expect(validateEditForm(formFromPlan(past), past, TODAY)).toEqual({})
    expect(validateEditForm({ ...formFromPlan(past), due_on: '2026-11-25' }, past, TODAY).due_on).toBe('validation.dueInPast')
    expect(validateEditForm({ ...formFromPlan(past), due_on: '2027-10-02' }, past, TODAY).due_on).toBe('validation.planTooLong')
    expect(validateEditForm({ ...formFromPlan(past), due_on: '2026-12-15' }, past, TODAY)).toEqual({})
    expect(validateEditForm({ ...formFromPlan(past), name: ' ' }, past, TODAY).name).toBe('validation.planName')
  })

  it('sends the version and only what changed, or nothing', () => {
    const current = plan()
    expect(planChangesFromForm(current, formFromPlan(current))).toBeNull()
    expect(planChangesFromForm(current, { ...formFromPlan(current), name: ` ${current.name} ` })).toBeNull()
    expect(planChangesFromForm(current, { name: '新名称', due_on: '2027-01-15', note: ' 加查消防 ' })).toEqual({
      version: 2,
      name: '新名称',
      due_on: '2027-01-15',
      note: '加查消防',
    })
    expect(planChangesFromForm(current, { ...formFromPlan(current), note: '说明' })).toEqual({ version: 2, note: '说明' })
  })
})

describe('whom to assign', () => {
  function user(id: number, role: User['role'], disabled = false): User {
    return { id, username: `u${id}`, name: `人${id}`, role, region_code: '990101001000', enterprise_id: null, disabled, created_at: '', version: 1 }
  }

  it('offers the active accounts of the roles that record the kind', () => {
    const users = [user(1, 'grid'), user(2, 'station'), user(3, 'bureau'), user(4, 'grid', true), user(1, 'grid')]
    expect(userCandidates(users, 'grid_patrol', t).map((item) => item.id)).toEqual([1, 2])
    expect(userCandidates(users, 'district_enforcement', t).map((item) => item.id)).toEqual([3])
    expect(userCandidates(users, 'grid_patrol', t)[0]).toEqual({ id: 1, name: '人1', detail: 'roles.grid · u1' })
  })

  function cell(level: GridCell['level'], name: string, leader: number | null, leaderName = ''): Pick<GridCell, 'level' | 'name' | 'responsible_user_id' | 'responsible_name'> {
    return { level, name, responsible_user_id: leader, responsible_name: leaderName }
  }

  it('falls back, for a station, to its village cells\' leaders and itself', () => {
    const cells = [cell(2, '一村', 8, '李网格'), cell(2, '二村', 8, '李网格'), cell(2, '三村', null), cell(1, '一镇', 2, '一镇站')]
    const self = { id: 2, name: '一镇站', role: 'station' as const }
    expect(cellCandidates(cells, 'grid_patrol', self, t)).toEqual([
      { id: 2, name: '一镇站', detail: 'plans.myself' },
      { id: 8, name: '李网格', detail: 'plans.leads {"cells":"一村、二村"}' },
    ])
    // Only stations record a town routine: grid workers are not offered.
    expect(cellCandidates(cells, 'town_routine', self, t).map((item) => item.id)).toEqual([2])
    expect(cellCandidates(cells, 'district_enforcement', self, t)).toEqual([])
  })
})

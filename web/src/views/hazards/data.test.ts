import { describe, expect, it } from 'vitest'
import type { HazardPhoto } from '@/api/files'
import { HAZARD_ACTIONS, type Hazard, type TimelineEvent } from '@/api/hazards'
import {
  actionButtons,
  eventPhotos,
  takesPhotos,
  daysLeftText,
  daysLeftType,
  emptyActionForm,
  filtersFromQuery,
  hazardRows,
  linkedFilter,
  newHazardFromForm,
  emptyHazardForm,
  noticeFromForm,
  noticeSelectionProblem,
  stateTag,
  timelineDetails,
  transitionFromForm,
  validateActionForm,
  validateHazardForm,
} from './data'

const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}:${JSON.stringify(named)}` : key)

describe('actionButtons', () => {
  it('puts the allowed actions in button order: the step forward first', () => {
    expect(actionButtons(['cancel', 'fix_on_spot', 'notify'])).toEqual(['notify', 'fix_on_spot', 'cancel'])
    expect(actionButtons(['reject', 'verify'])).toEqual(['verify', 'reject'])
    expect(actionButtons(['extend', 'submit'])).toEqual(['submit', 'extend'])
  })

  it('shows no button the server did not allow', () => {
    expect(actionButtons([])).toEqual([])
    expect(actionButtons(['start'])).toEqual(['start'])
  })

  it('drops actions this page does not know', () => {
    expect(actionButtons(['start', 'escalate'])).toEqual(['start'])
  })

  it('offers nothing before the hazard has loaded', () => {
    expect(actionButtons(undefined)).toEqual([])
    expect(actionButtons(null)).toEqual([])
  })
})

describe('action forms', () => {
  const today = '2026-11-29'
  const form = (changes: Partial<ReturnType<typeof emptyActionForm>> = {}) => ({ ...emptyActionForm('notify', today), ...changes })

  it('dates a submission today', () => {
    expect(emptyActionForm('submit', today).completed_on).toBe(today)
    expect(emptyActionForm('notify', today).completed_on).toBeNull()
  })

  it('checks a notice: a deadline from today on, a person and measures', () => {
    expect(validateActionForm('notify', form(), null, today)).toEqual({
      deadline: 'validation.deadlineRequired',
      responsible_person: 'validation.required',
      measures: 'validation.required',
    })
    expect(validateActionForm('notify', form({ deadline: '2026-11-28', responsible_person: '赵勇', measures: '清理' }), null, today)).toEqual({
      deadline: 'validation.deadlineInPast',
    })
    expect(validateActionForm('notify', form({ deadline: today, responsible_person: '赵勇', measures: '清理' }), null, today)).toEqual({})
    expect(validateActionForm('notify', form({ deadline: today, responsible_person: '赵'.repeat(65), measures: '清理' }), null, today)).toEqual({
      responsible_person: 'validation.textTooLong',
    })
  })

  it('moves an extension later than the current deadline', () => {
    const base = form({ reason: '采购' })
    const hazard = { deadline: '2026-12-10', found_on: '2026-11-01' }
    expect(validateActionForm('extend', { ...base, deadline: '2026-12-10' }, hazard, today)).toEqual({ deadline: 'validation.extensionNotLater' })
    expect(validateActionForm('extend', { ...base, deadline: '2026-12-11' }, hazard, today)).toEqual({})
    expect(validateActionForm('extend', { ...base, deadline: '2026-12-11', reason: '  ' }, hazard, today)).toEqual({ reason: 'validation.required' })
  })

  it('keeps a completion date out of the future', () => {
    const base = form({ method: '已清理' })
    expect(validateActionForm('submit', { ...base, completed_on: '2026-11-30' }, null, today)).toEqual({ completed_on: 'validation.dateInFuture' })
    expect(validateActionForm('submit', { ...base, completed_on: null }, null, today)).toEqual({ completed_on: 'validation.completedOnRequired' })
    expect(validateActionForm('submit', { ...base, completed_on: today }, null, today)).toEqual({})
    const found = { deadline: '2026-12-10', found_on: '2026-11-20' }
    expect(validateActionForm('submit', { ...base, completed_on: '2026-11-19' }, found, today)).toEqual({ completed_on: 'validation.dateBeforeFound' })
    expect(validateActionForm('submit', { ...base, completed_on: '2026-11-20' }, found, today)).toEqual({})
  })

  it('asks nothing to start or resume', () => {
    expect(validateActionForm('start', form(), null, today)).toEqual({})
    expect(validateActionForm('resume', form(), null, today)).toEqual({})
  })

  it('sends each action its own fields, trimmed, with the version', () => {
    const filled = form({ deadline: '2026-12-01', responsible_person: ' 赵勇 ', measures: ' 清理 ', method: ' 已改 ', completed_on: today, result: ' 通过 ', reason: ' 原因 ' })
    expect(transitionFromForm('notify', filled, 3)).toEqual({ action: 'notify', version: 3, deadline: '2026-12-01', responsible_person: '赵勇', measures: '清理' })
    expect(transitionFromForm('start', filled, 4)).toEqual({ action: 'start', version: 4 })
    expect(transitionFromForm('submit', filled, 5)).toEqual({ action: 'submit', version: 5, method: '已改', completed_on: today })
    expect(transitionFromForm('verify', filled, 6)).toEqual({ action: 'verify', version: 6, result: '通过' })
    expect(transitionFromForm('reject', filled, 6)).toEqual({ action: 'reject', version: 6, reason: '原因' })
    expect(transitionFromForm('resume', filled, 7)).toEqual({ action: 'resume', version: 7 })
    expect(transitionFromForm('extend', filled, 8)).toEqual({ action: 'extend', version: 8, deadline: '2026-12-01', reason: '原因' })
    expect(transitionFromForm('cancel', filled, 9)).toEqual({ action: 'cancel', version: 9, reason: '原因' })
    expect(transitionFromForm('fix_on_spot', filled, 2)).toEqual({ action: 'fix_on_spot', version: 2, method: '已改' })
  })

  it('sends photos with a fix on the spot and a submission only', () => {
    expect(HAZARD_ACTIONS.filter(takesPhotos)).toEqual(['fix_on_spot', 'submit'])
    const filled = form({ method: '已改', completed_on: today, reason: '原因', result: '通过' })
    expect(transitionFromForm('fix_on_spot', filled, 2, [5, 4])).toEqual({ action: 'fix_on_spot', version: 2, method: '已改', photo_ids: [5, 4] })
    expect(transitionFromForm('submit', filled, 3, [6])).toEqual({ action: 'submit', version: 3, method: '已改', completed_on: today, photo_ids: [6] })
    // No photos, no field; the other actions never carry it (the server refuses it there).
    expect(transitionFromForm('submit', filled, 3, [])).not.toHaveProperty('photo_ids')
    for (const action of HAZARD_ACTIONS.filter((item) => !takesPhotos(item))) {
      expect(transitionFromForm(action, filled, 1, [7])).not.toHaveProperty('photo_ids')
    }
  })
})

describe('notices', () => {
  it('take reported hazards of one enterprise', () => {
    expect(noticeSelectionProblem([])).toEqual({ key: 'hazards.notices.hint' })
    expect(noticeSelectionProblem([{ state: 'reported', enterprise_id: 1 }, { state: 'notified', enterprise_id: 1 }])).toEqual({
      key: 'hazards.notices.onlyReported',
    })
    expect(noticeSelectionProblem([{ state: 'reported', enterprise_id: 1 }, { state: 'reported', enterprise_id: 2 }])).toEqual({
      key: 'hazards.notices.mixed',
      named: { count: 2 },
    })
    expect(noticeSelectionProblem([{ state: 'reported', enterprise_id: 1 }, { state: 'reported', enterprise_id: 1 }])).toBeNull()
  })

  it('send the ids and the trimmed fields', () => {
    expect(noticeFromForm([3, 4], { deadline: '2026-12-01', responsible_person: ' 赵勇 ', measures: ' 清理 ' })).toEqual({
      hazard_ids: [3, 4],
      deadline: '2026-12-01',
      responsible_person: '赵勇',
      measures: '清理',
    })
  })
})

describe('the list', () => {
  it('starts with the open hazards', () => {
    expect(filtersFromQuery({}).state).toBe('open')
  })

  it('takes a link\'s filters, with every state', () => {
    const filters = filtersFromQuery({ inspection_id: '12' })
    expect(filters.inspection_id).toBe(12)
    expect(filters.state).toBe('')
    expect(linkedFilter(filters)).toEqual({ name: 'inspection_id', key: 'hazards.fromInspection', id: 12 })
    expect(filtersFromQuery({ notice_id: '5', state: 'notified' })).toMatchObject({ notice_id: 5, state: 'notified' })
    expect(filtersFromQuery({ overdue: 'true', listed: 'true' })).toMatchObject({ overdue: true, listed: true, state: 'open' })
  })

  it('takes a dashboard card\'s region and "every state"', () => {
    expect(filtersFromQuery({ overdue: 'true', region_code: '990102001000' })).toMatchObject({ overdue: true, region_code: '990102001000', state: 'open' })
    expect(filtersFromQuery({ state: 'all' }).state).toBe('')
    expect(filtersFromQuery({ region_code: '9901' }).region_code).toBeNull()
  })

  it('ignores what is not a filter', () => {
    expect(filtersFromQuery({ inspection_id: 'abc', state: 'closed', enterprise_id: '0' })).toMatchObject({
      inspection_id: null,
      enterprise_id: null,
      state: 'open',
    })
    expect(linkedFilter(filtersFromQuery({}))).toBeNull()
  })

  it('tells the days left', () => {
    expect(daysLeftText(null, t)).toBe('')
    expect(daysLeftText(0, t)).toBe('hazards.dueToday')
    expect(daysLeftText(5, t)).toBe('hazards.daysLeft:{"days":5}')
    expect(daysLeftText(-3, t)).toBe('hazards.daysOverdue:{"days":3}')
    expect([daysLeftType(null), daysLeftType(10), daysLeftType(3), daysLeftType(0), daysLeftType(-1)]).toEqual(['info', 'info', 'warning', 'warning', 'danger'])
  })

  it('colours every state', () => {
    expect(stateTag('reported').type).toBe('danger')
    expect(stateTag('verified').type).toBe('success')
    expect(stateTag('rejected')).toEqual({ type: 'danger', effect: 'dark' })
    expect(stateTag('cancelled').type).toBe('info')
  })
})

describe('direct entry', () => {
  it('needs an enterprise and a description', () => {
    expect(validateHazardForm(emptyHazardForm())).toEqual({
      enterprise_id: 'validation.enterprisePick',
      description: 'validation.hazardDescription',
    })
    expect(validateHazardForm({ ...emptyHazardForm(3), description: '配电箱无门', location: '车'.repeat(201) })).toEqual({
      location: 'validation.hazardLocation',
    })
  })

  it('sends the trimmed form', () => {
    expect(newHazardFromForm({ ...emptyHazardForm(3), description: ' 配电箱无门 ', location: ' 一车间 ', level: 'major' })).toEqual({
      enterprise_id: 3,
      description: '配电箱无门',
      location: '一车间',
      level: 'major',
      source: 'daily',
      hazard_type: 'safety',
      classification: 'unsafe_state',
      handling: 'by_deadline',
    })
  })

  it('sends the before-photos when there are any', () => {
    const filled = { ...emptyHazardForm(3), description: '配电箱无门' }
    expect(newHazardFromForm(filled, [11, 12]).photo_ids).toEqual([11, 12])
    expect(newHazardFromForm(filled, [])).not.toHaveProperty('photo_ids')
    expect(newHazardFromForm(filled)).not.toHaveProperty('photo_ids')
  })
})

describe('the detail', () => {
  const hazard = {
    id: 9,
    region_code: '990102001001',
    location: '',
    level: 'major',
    source: 'daily',
    hazard_type: 'fire',
    classification: 'unsafe_state',
    handling: 'by_deadline',
    found_by_name: '网格员 刘伟',
    found_on: '2026-11-29',
    responsible_person: '',
    measures: '',
    listed_at: '2026-11-29T06:00:00Z',
    delisted_at: null,
    verified_at: null,
  } as unknown as Hazard

  it('lists the record, leaving out what a notice has not set yet', () => {
    const rows = hazardRows(hazard, t, '幸福社区')
    expect(rows.map((row) => row.test)).toEqual([
      'hazard-field-region',
      'hazard-field-location',
      'hazard-field-level',
      'hazard-field-source',
      'hazard-field-type',
      'hazard-field-classification',
      'hazard-field-handling',
      'hazard-field-found-by',
      'hazard-field-found-on',
      'hazard-field-listed-at',
    ])
    expect(rows[0].value).toBe('幸福社区 (990102001001)')
    const notified = hazardRows({ ...hazard, responsible_person: '赵勇', measures: '清理' }, t, '')
    expect(notified.map((row) => row.test)).toContain('hazard-field-responsible')
  })

  it('shows what each action recorded, in a fixed order', () => {
    const event: TimelineEvent = {
      id: 1,
      action: 'extend',
      from_state: 'notified',
      to_state: 'notified',
      actor_user_id: 20,
      actor_name: '安监站 李艳',
      at: '2026-11-29T06:00:00Z',
      details: { reason: '采购', deadline: '2026-12-20' },
    }
    expect(timelineDetails(event)).toEqual([
      { key: 'deadline', label: 'hazards.fields.newDeadline', value: '2026-12-20' },
      { key: 'reason', label: 'hazards.fields.reason', value: '采购' },
    ])
    expect(timelineDetails({ ...event, action: 'report', details: {} })).toEqual([])
    // Photos are shown as photos, not as a line of text.
    expect(timelineDetails({ ...event, action: 'submit', details: { method: '已改', photo_ids: [3] } }).map((line) => line.key)).toEqual(['method'])
  })

  it('shows with each entry the photos it brought', () => {
    const photo = (id: number, stage: HazardPhoto['stage'], event_id?: number): HazardPhoto => ({
      id,
      name: `${id}.jpg`,
      media_type: 'image/jpeg',
      size: 1,
      url: `/api/v1/files/${id}`,
      stage,
      ...(event_id ? { event_id } : {}),
    })
    const photos = [photo(1, 'before'), photo(2, 'before'), photo(3, 'after', 30), photo(4, 'after', 40), photo(5, 'after', 40)]
    const ids = (list: HazardPhoto[]) => list.map((item) => item.id)
    expect(ids(eventPhotos({ id: 10, action: 'report', details: {} }, photos))).toEqual([1, 2])
    expect(ids(eventPhotos({ id: 30, action: 'fix_on_spot', details: { photo_ids: [3] } }, photos))).toEqual([3])
    // Named in the details or tied to the event: either way, in the hazard's order.
    expect(ids(eventPhotos({ id: 40, action: 'submit', details: { photo_ids: [5, 4] } }, photos))).toEqual([4, 5])
    expect(ids(eventPhotos({ id: 40, action: 'submit', details: {} }, photos))).toEqual([4, 5])
    expect(ids(eventPhotos({ id: 50, action: 'notify', details: {} }, photos))).toEqual([])
  })
})

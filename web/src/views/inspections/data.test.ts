import { describe, expect, it } from 'vitest'
import type { Checklist, ChecklistItem } from '@/api/checklists'
import type { Photo } from '@/api/files'
import {
  SaveQueue,
  answersOf,
  defaultChecklist,
  defaultLevel,
  emptyStartForm,
  groupItems,
  isEditable,
  itemAnswer,
  newInspectionFromForm,
  progressOf,
  validateStartForm,
  type Answer,
} from './data'

function photo(id: number): Photo {
  return { id, name: `现场${id}.jpg`, media_type: 'image/jpeg', size: 1000, url: `/api/v1/files/${id}` }
}

function item(id: number, position: number, category: ChecklistItem['category'], major = false): ChecklistItem {
  return { id, position, text: `第${position}项`, category, legal_basis: '', points: null, major_hazard: major }
}

const items = [item(11, 1, 'environment'), item(12, 2, 'people'), item(13, 3, 'management', true), item(14, 4, 'people')]

describe('the item cards', () => {
  it('group by 人/机/物/环/管, each in checklist order', () => {
    const groups = groupItems([items[3], items[0], items[2], items[1]])
    expect(groups.map((group) => group.category)).toEqual(['people', 'environment', 'management'])
    expect(groups[0].items.map((entry) => entry.id)).toEqual([12, 14])
  })

  it('start unanswered, a major-hazard criterion at major', () => {
    const answers = answersOf({ items, results: [] })
    expect(answers[11]).toEqual({ result: null, note: '', level: 'general', photos: [], photosChanged: false })
    expect(answers[13].level).toBe('major')
    expect(defaultLevel(items[2])).toBe('major')
  })

  it('take the saved answers', () => {
    const answers = answersOf({
      items,
      results: [
        { item_id: 12, result: 'finding', note: '未戴安全帽', hazard_level: 'major', hazard_id: null, photos: [photo(7)] },
        { item_id: 99, result: 'conforming', note: '', hazard_level: null, hazard_id: null, photos: [] },
      ],
    })
    expect(answers[12]).toEqual({ result: 'finding', note: '未戴安全帽', level: 'major', photos: [photo(7)], photosChanged: false })
    expect(answers[99]).toBeUndefined()
  })

  it('save a level only with a finding', () => {
    const answer = (result: Answer['result'], note: string, level: Answer['level']): Answer => ({ result, note, level, photos: [], photosChanged: false })
    expect(itemAnswer(12, answer('finding', ' 未戴 ', 'general'))).toEqual({ item_id: 12, result: 'finding', note: '未戴', hazard_level: 'general' })
    expect(itemAnswer(12, answer('conforming', '', 'major'))).toEqual({ item_id: 12, result: 'conforming', note: '', hazard_level: null })
    expect(itemAnswer(12, answer(null, 'x', 'general'))).toBeNull()
  })

  it('save the photos as a whole, in order, once there are or were any', () => {
    const base: Answer = { result: 'finding', note: '', level: 'general', photos: [photo(8), photo(3)], photosChanged: false }
    expect(itemAnswer(12, base)?.photo_ids).toEqual([8, 3])
    // Untouched and without photos, the saved ones stay as they are.
    expect(itemAnswer(12, { ...base, photos: [] })).not.toHaveProperty('photo_ids')
    // The last one removed: an empty list is saved.
    expect(itemAnswer(12, { ...base, photos: [], photosChanged: true })?.photo_ids).toEqual([])
    // Photos go with any answer, not only a finding.
    expect(itemAnswer(12, { ...base, result: 'conforming' })?.photo_ids).toEqual([8, 3])
  })

  it('count the progress and the findings', () => {
    const answers = answersOf({ items, results: [] })
    answers[11].result = 'conforming'
    answers[12].result = 'finding'
    answers[13].result = 'not_applicable'
    expect(progressOf(items, answers)).toEqual({ done: 3, total: 4, findings: 1 })
  })

  it('are filled in by their own inspector while in progress', () => {
    expect(isEditable({ status: 'in_progress', inspector_user_id: 7 }, 7)).toBe(true)
    expect(isEditable({ status: 'in_progress', inspector_user_id: 7 }, 8)).toBe(false)
    expect(isEditable({ status: 'finished', inspector_user_id: 7 }, 7)).toBe(false)
    expect(isEditable({ status: 'in_progress', inspector_user_id: 7 }, null)).toBe(false)
  })
})

describe('starting an inspection', () => {
  const checklist = (id: number, purpose: Checklist['purpose']) => ({ id, purpose }) as Checklist

  it('picks the checklist the kind usually uses', () => {
    const offered = [checklist(3, 'evaluation'), checklist(1, 'patrol'), checklist(5, 'major_hazard')]
    expect(defaultChecklist('grid_patrol', offered)).toBe(1)
    expect(defaultChecklist('special_campaign', offered)).toBe(5)
    expect(defaultChecklist('expert_diagnosis', [checklist(3, 'evaluation')])).toBeNull()
    expect(defaultChecklist('', offered)).toBeNull()
  })

  it('starts with the role\'s first kind', () => {
    expect(emptyStartForm(4, ['grid_patrol', 'special_campaign'])).toEqual({ enterprise_id: 4, kind: 'grid_patrol', checklist_id: null, companions: '' })
    expect(emptyStartForm(null, []).kind).toBe('')
  })

  it('needs an enterprise, a kind and a checklist', () => {
    expect(validateStartForm(emptyStartForm(null, []))).toEqual({
      enterprise_id: 'validation.enterprisePick',
      kind: 'validation.kindRequired',
      checklist_id: 'validation.checklistRequired',
    })
    const form = { ...emptyStartForm(4, ['grid_patrol']), checklist_id: 1, companions: ' 王五 ' }
    expect(validateStartForm(form)).toEqual({})
    expect(newInspectionFromForm(form)).toEqual({ enterprise_id: 4, kind: 'grid_patrol', checklist_id: 1, companions: '王五' })
    expect(newInspectionFromForm({ ...form, companions: '' })).toEqual({ enterprise_id: 4, kind: 'grid_patrol', checklist_id: 1 })
  })
})

describe('SaveQueue', () => {
  it('sends one request at a time, the latest value of each item', async () => {
    const sent: [number[], Record<string, unknown>][] = []
    let release: () => void = () => {}
    const queue = new SaveQueue<number>(async (values, extra) => {
      sent.push([values, extra])
      await new Promise<void>((resolve) => {
        release = resolve
      })
    })
    queue.put(1, 10)
    const first = queue.flush()
    await Promise.resolve()
    expect(queue.busy).toBe(true)
    queue.put(2, 20)
    queue.put(2, 21)
    queue.putField('summary', '良好')
    const second = queue.flush()
    release()
    await first
    await new Promise((resolve) => setTimeout(resolve, 0))
    release()
    await second
    expect(sent).toEqual([
      [[10], {}],
      [[21], { summary: '良好' }],
    ])
    expect(queue.size).toBe(0)
  })

  it('keeps what failed for a retry, unless newer values came', async () => {
    let fail = true
    const sent: number[][] = []
    const queue = new SaveQueue<number>(async (values) => {
      sent.push(values)
      if (fail) throw new Error('offline')
    })
    queue.put(1, 10)
    queue.put(2, 20)
    const failed = queue.flush()
    queue.put(2, 22)
    await expect(failed).rejects.toThrow('offline')
    expect(queue.size).toBe(2)
    fail = false
    await queue.flush()
    expect(sent[1].sort()).toEqual([10, 22])
  })

  it('forgets everything on clear', async () => {
    const queue = new SaveQueue<number>(async () => {
      throw new Error('never')
    })
    queue.put(1, 1)
    queue.putField('summary', 'x')
    queue.clear()
    expect(queue.size).toBe(0)
    await expect(queue.flush()).resolves.toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import type { ChecklistDetail } from '@/api/checklists'
import {
  emptyChecklistForm,
  emptyItem,
  formFromChecklist,
  itemFieldKey,
  moveItem,
  newChecklistFromForm,
  revisionFromForm,
  validateChecklistForm,
  validateItem,
  versionChoices,
} from './data'

const detail: ChecklistDetail = {
  id: 2,
  code: 'furnace',
  name: '冶金涉炉企业记分检查表',
  purpose: 'scored',
  hazard_tags: ['metallurgy'],
  industry_code: '',
  current_version: 2,
  item_count: 2,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 2,
  checklist_version: {
    id: 9,
    number: 2,
    note: '第二版',
    created_by: 'system',
    created_at: '2026-01-01T00:00:00Z',
    items: [
      { id: 21, position: 2, text: '炉前作业区无积水', category: 'environment', legal_basis: '', points: 6, major_hazard: true },
      { id: 20, position: 1, text: '作业人员穿戴防护服', category: 'people', legal_basis: 'GB 1', points: 2, major_hazard: false },
    ],
  },
}

describe('the checklist form', () => {
  it('revises from the version shown, in order, with a fresh note', () => {
    const form = formFromChecklist(detail)
    expect(form.items.map((item) => item.text)).toEqual(['作业人员穿戴防护服', '炉前作业区无积水'])
    expect(form.note).toBe('')
    expect(form.industry_code).toBeNull()
    expect(new Set(form.items.map((item) => item.key)).size).toBe(2)
  })

  it('sends only the template fields that changed, and every item', () => {
    const form = formFromChecklist(detail)
    expect(revisionFromForm(detail, form)).toEqual({
      version: 2,
      note: '',
      items: [
        { text: '作业人员穿戴防护服', category: 'people', legal_basis: 'GB 1', points: 2, major_hazard: false },
        { text: '炉前作业区无积水', category: 'environment', legal_basis: '', points: 6, major_hazard: true },
      ],
    })
    form.name = ' 冶金涉炉检查表 '
    form.hazard_tags = ['metallurgy', 'dust_explosion']
    form.note = ' 增加粉尘 '
    const revision = revisionFromForm(detail, form)
    expect(revision.name).toBe('冶金涉炉检查表')
    expect(revision.hazard_tags).toEqual(['dust_explosion', 'metallurgy'])
    expect(revision.note).toBe('增加粉尘')
    expect(revision.purpose).toBeUndefined()
  })

  it('creates with every field, unscored items as null', () => {
    const form = { ...emptyChecklistForm(), code: ' dust_check ', name: '粉尘检查', purpose: 'campaign' as const }
    form.items[0].text = ' 除尘系统运行正常 '
    expect(newChecklistFromForm(form)).toEqual({
      code: 'dust_check',
      name: '粉尘检查',
      purpose: 'campaign',
      hazard_tags: [],
      industry_code: '',
      note: '',
      items: [{ text: '除尘系统运行正常', category: 'management', legal_basis: '', points: null, major_hazard: false }],
    })
  })

  it('checks the template', () => {
    expect(validateChecklistForm(emptyChecklistForm(), 'create')).toEqual({
      code: 'validation.checklistCode',
      name: 'validation.checklistName',
      purpose: 'validation.checklistPurpose',
    })
    expect(validateChecklistForm({ ...formFromChecklist(detail), code: 'Bad Code' }, 'edit')).toEqual({})
    expect(validateChecklistForm({ ...formFromChecklist(detail), items: [] }, 'edit')).toEqual({ items: 'validation.checklistItems' })
  })

  it('checks each item', () => {
    expect(validateItem({ ...emptyItem(), text: '' })).toEqual({ text: 'validation.itemText' })
    expect(validateItem({ ...emptyItem(), text: '有', points: 13 })).toEqual({ points: 'validation.itemPoints' })
    expect(validateItem({ ...emptyItem(), text: '有', points: 1.5 })).toEqual({ points: 'validation.itemPoints' })
    expect(validateItem({ ...emptyItem(), text: '有', points: 12, legal_basis: '法'.repeat(301) })).toEqual({ legal_basis: 'validation.legalBasis' })
  })

  it('moves items within the list', () => {
    const items = [emptyItem(), emptyItem(), emptyItem()]
    const keys = items.map((item) => item.key)
    moveItem(items, 0, -1)
    moveItem(items, 2, 1)
    expect(items.map((item) => item.key)).toEqual(keys)
    moveItem(items, 0, 1)
    expect(items.map((item) => item.key)).toEqual([keys[1], keys[0], keys[2]])
  })

  it('names server errors of an item as the server does', () => {
    expect(itemFieldKey(3, 'text')).toBe('items[3].text')
  })

  it('lists versions newest first', () => {
    expect(versionChoices(3)).toEqual([3, 2, 1])
    expect(versionChoices(0)).toEqual([])
  })
})

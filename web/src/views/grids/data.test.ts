import { describe, expect, it } from 'vitest'
import type { GridCell } from '@/api/grids'
import type { User } from '@/api/users'
import {
  affectedCells,
  candidateRegion,
  canLead,
  cellChangesFromForm,
  cellRows,
  emptyGridForm,
  formFromCell,
  isTown,
  newCellFromForm,
  responsibleRoles,
  rootLevel,
  sharedVillage,
  townOf,
  treeNodes,
  validateGridForm,
  type GridForm,
} from './data'

const town: GridCell = {
  id: 1,
  level: 1,
  parent_id: null,
  region_code: '990102001000',
  name: '东安街道网格',
  responsible_user_id: 6,
  responsible_name: '安监站 李艳',
  phone: '0591-80000001',
  enterprises: 40,
  created_at: '2026-11-23T21:54:31Z',
  updated_at: '2026-11-23T21:54:31Z',
  version: 1,
}
const village: GridCell = {
  ...town,
  id: 61,
  level: 2,
  parent_id: 1,
  region_code: '990102001001',
  name: '幸福社区网格',
  responsible_user_id: 7,
  responsible_name: '网格员 刘伟',
  phone: '13800000101',
  enterprises: 4,
  version: 3,
}

describe('region codes', () => {
  it.each([
    ['990102001000', true],
    ['990102101000', true],
    ['990102000000', false],
    ['990102001001', false],
    ['99010200100', false],
    [null, false],
  ])('isTown(%s) → %s', (code, expected) => {
    expect(isTown(code)).toBe(expected)
  })
  it('finds the town of a village', () => {
    expect(townOf('990102001201')).toBe('990102001000')
  })
})

describe('the tree', () => {
  it('starts a grid worker at its level-2 cells and everyone else at level 1', () => {
    expect(rootLevel('grid')).toBe(2)
    expect(rootLevel('station')).toBe(1)
    expect(rootLevel('admin')).toBe(1)
  })

  it('makes level-1 cells expandable and level-2 cells leaves', () => {
    const nodes = treeNodes({ items: [town, village], total: 2, page: 1, page_size: 50 }, null)
    expect(nodes.map((node) => [node.key, node.kind, node.leaf])).toEqual([
      ['cell-1', 'cell', false],
      ['cell-61', 'cell', true],
    ])
  })

  it('adds a "more" node while pages remain', () => {
    const first = treeNodes({ items: [village], total: 3, page: 1, page_size: 1 }, 1)
    expect(first.at(-1)).toEqual({ key: 'more-1-2', kind: 'more', parentId: 1, page: 2, leaf: true })
    const last = treeNodes({ items: [village], total: 3, page: 3, page_size: 1 }, 1)
    expect(last.some((node) => node.kind === 'more')).toBe(false)
    const roots = treeNodes({ items: [town], total: 60, page: 1, page_size: 50 }, null)
    expect(roots.at(-1)).toMatchObject({ key: 'more-root-2', parentId: null, page: 2 })
  })
})

describe('moving enterprises', () => {
  it('needs one village for all the selected enterprises', () => {
    expect(sharedVillage([{ region_code: '990102001001' }, { region_code: '990102001001' }])).toBe('990102001001')
    expect(sharedVillage([{ region_code: '990102001001' }, { region_code: '990102001002' }])).toBeNull()
    expect(sharedVillage([])).toBeNull()
  })

  it('refreshes the cells left, the target and their parents', () => {
    const known = new Map<number, Pick<GridCell, 'parent_id'>>([
      [61, { parent_id: 1 }],
      [62, { parent_id: 1 }],
      [700, { parent_id: 1 }],
      [1, { parent_id: null }],
    ])
    expect(affectedCells([{ grid_cell_id: 61 }, { grid_cell_id: null }, { grid_cell_id: 62 }], 700, known)).toEqual([1, 61, 62, 700])
    // A target not seen yet still counts; its parent is then unknown.
    expect(affectedCells([{ grid_cell_id: null }], 800, known)).toEqual([800])
  })
})

describe('responsible persons', () => {
  const user = (role: User['role'], region: string | null, disabled = false) => ({ role, region_code: region, disabled })

  it('lets bureaus and stations lead level 1, stations and grid workers level 2', () => {
    expect(responsibleRoles(1)).toEqual(['bureau', 'station'])
    expect(responsibleRoles(2)).toEqual(['station', 'grid'])
  })

  it('searches bureaus in the district and the others in the town', () => {
    expect(candidateRegion('bureau', '990102001000')).toBe('990102000000')
    expect(candidateRegion('station', '990102001000')).toBe('990102001000')
    expect(candidateRegion('grid', '990102001201')).toBe('990102001000')
  })

  it.each<[string, ReturnType<typeof user>, 1 | 2, string, boolean]>([
    ['a grid worker of the town', user('grid', '990102001000'), 2, '990102001001', true],
    ['a grid worker of the village', user('grid', '990102001001'), 2, '990102001001', true],
    ['a grid worker of another village', user('grid', '990102001002'), 2, '990102001001', false],
    ['a grid worker for level 1', user('grid', '990102001000'), 1, '990102001000', false],
    ['a station for level 1', user('station', '990102001000'), 1, '990102001000', true],
    ['a station of another town', user('station', '990102002000'), 2, '990102001001', false],
    ['the district bureau for level 1', user('bureau', '990102000000'), 1, '990102001000', true],
    ['a bureau for level 2', user('bureau', '990102000000'), 2, '990102001001', false],
    ['a disabled station', user('station', '990102001000', true), 1, '990102001000', false],
    ['an account without region', user('station', null), 1, '990102001000', false],
  ])('%s', (_name, candidate, level, region, expected) => {
    expect(canLead(candidate, level, region)).toBe(expected)
  })
})

describe('the cell form', () => {
  const valid = (): GridForm => ({ ...emptyGridForm(2, 1), region_code: '990102001001', name: '幸福社区二网格', phone: '' })

  it('accepts a valid new level-2 cell', () => {
    expect(validateGridForm(valid(), 'create')).toEqual({})
  })

  const table: [string, Partial<GridForm>, Partial<Record<keyof GridForm, string>>][] = [
    ['no village', { region_code: null }, { region_code: 'validation.villageRequired' }],
    ['a town for level 2', { region_code: '990102001000' }, { region_code: 'validation.village' }],
    ['a village for level 1', { level: 1, region_code: '990102001001' }, { region_code: 'validation.town' }],
    ['no town for level 1', { level: 1, region_code: null }, { region_code: 'validation.townRequired' }],
    ['a district for level 1', { level: 1, region_code: '990102000000' }, { region_code: 'validation.town' }],
    ['blank name', { name: '   ' }, { name: 'validation.gridName' }],
    ['50-character name', { name: '网'.repeat(50) }, {}],
    ['51-character name', { name: '网'.repeat(51) }, { name: 'validation.gridName' }],
    ['bad phone', { phone: 'call me' }, { phone: 'validation.phone' }],
    ['good phone', { phone: '+86 591-8000 0001' }, {}],
  ]
  it.each(table)('%s', (_name, patch, expected) => {
    expect(validateGridForm({ ...valid(), ...patch }, 'create')).toEqual(expected)
  })

  it('does not check the region of an existing cell', () => {
    expect(validateGridForm({ ...valid(), region_code: null }, 'edit')).toEqual({})
  })

  it('sends a level-1 cell without a parent, trimmed', () => {
    expect(newCellFromForm({ ...emptyGridForm(1, 5), region_code: '990102001000', name: ' 东安 ', phone: ' 12345 ' })).toEqual({
      level: 1,
      parent_id: null,
      region_code: '990102001000',
      name: '东安',
      responsible_user_id: null,
      phone: '12345',
    })
  })

  it('sends only what changed, with the version', () => {
    const form = formFromCell(village)
    expect(cellChangesFromForm(village, form)).toEqual({ version: 3 })
    form.responsible_user_id = null
    form.phone = ' 13800000199 '
    expect(cellChangesFromForm(village, form)).toEqual({ version: 3, responsible_user_id: null, phone: '13800000199' })
  })
})

describe('cellRows', () => {
  const t = (key: string) => key
  it('names the parent of a level-2 cell and says when nobody leads it', () => {
    const rows = cellRows({ ...village, responsible_name: '', responsible_user_id: null }, t, '幸福社区', '东安街道网格')
    const byTest = Object.fromEntries(rows.map((row) => [row.test, row.value]))
    expect(byTest['grid-field-region']).toBe('幸福社区 (990102001001)')
    expect(byTest['grid-field-parent']).toBe('东安街道网格')
    expect(byTest['grid-field-responsible']).toBe('grids.noResponsible')
    expect(byTest['grid-field-enterprises']).toBe('4')
  })
  it('says when the parent is out of sight', () => {
    const rows = cellRows(village, t, '', '')
    expect(rows.find((row) => row.test === 'grid-field-parent')?.value).toBe('enterprises.gridTab.hidden')
  })
  it('has no parent row for a level-1 cell', () => {
    expect(cellRows(town, t, '', '').some((row) => row.test === 'grid-field-parent')).toBe(false)
  })
})

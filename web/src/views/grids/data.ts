// The grid page (网格管理): the cell tree, the cell form and its checks (mirroring the server's
// grid::Validate, ValidateParent and ValidateResponsible), and the enterprises listed in a cell.
import type { FormItemRule, FormRules } from 'element-plus'
import type { Enterprise } from '@/api/enterprises'
import type { GridCell, GridCellChanges, GridLevel, NewGridCell } from '@/api/grids'
import type { Page } from '@/api/http'
import type { Role, User } from '@/api/users'
import type { FormMode } from '@/composables/useRecordDialog'
import { formatInstant } from '@/utils/format'
import { validatePhone, type ValidationResult } from '@/utils/validation'
import { isVillage } from '@/views/enterprises/data'
import { withinScope } from '@/views/regions/data'

export type { FormMode }

type Translate = (key: string, named?: Record<string, unknown>) => string

/** How many cells one call of the tree asks for; more come with a "load more" node. */
export const TREE_PAGE_SIZE = 50

/** A town or street: 12 digits, a town part (digits 7–9) that is not 000 and no village part. */
export function isTown(code: string | null | undefined): boolean {
  return !!code && /^\d{9}000$/.test(code) && code.slice(6, 9) !== '000'
}

/** The town a village lies in. */
export function townOf(code: string): string {
  return `${code.slice(0, 9)}000`
}

/**
 * The top of the caller's tree. A grid worker leads level-2 cells only (a level-1 cell is led by a
 * bureau or station account), so its tree starts at level 2; everyone else starts at level 1.
 */
export function rootLevel(role: Role | null | undefined): GridLevel {
  return role === 'grid' ? 2 : 1
}

/** A node of the lazy tree: a cell, or the "load more" entry after a page of cells. */
export type GridTreeNode =
  | { key: string; kind: 'cell'; cell: GridCell; leaf: boolean }
  | { key: string; kind: 'more'; parentId: number | null; page: number; leaf: true }

export const cellKey = (id: number) => `cell-${id}`

export function cellNode(cell: GridCell): GridTreeNode {
  return { key: cellKey(cell.id), kind: 'cell', cell, leaf: cell.level === 2 }
}

/** The nodes for one page of cells under `parentId` (null: the roots), with a "more" entry when pages remain. */
export function treeNodes(page: Page<GridCell>, parentId: number | null): GridTreeNode[] {
  const nodes = page.items.map(cellNode)
  if (page.page * page.page_size < page.total) {
    nodes.push({ key: `more-${parentId ?? 'root'}-${page.page + 1}`, kind: 'more', parentId, page: page.page + 1, leaf: true })
  }
  return nodes
}

// el-tree hands its props plain node data: these are the nodes made above.
export const gridTreeProps = {
  label: (data: object) => {
    const node = data as GridTreeNode
    return node.kind === 'cell' ? node.cell.name : ''
  },
  isLeaf: (data: object) => (data as GridTreeNode).leaf,
}

/** The village shared by all the given enterprises, or null when they lie in several (or none is given). */
export function sharedVillage(enterprises: readonly Pick<Enterprise, 'region_code'>[]): string | null {
  const villages = new Set(enterprises.map((enterprise) => enterprise.region_code))
  return villages.size === 1 ? [...villages][0] : null
}

/**
 * The cells whose counts change when enterprises move into `targetId`: the cells they left, the
 * target, and the level-1 parents of all of these (a level-1 cell counts its children's).
 */
export function affectedCells(
  moved: readonly Pick<Enterprise, 'grid_cell_id'>[],
  targetId: number,
  known: ReadonlyMap<number, Pick<GridCell, 'parent_id'>>,
): number[] {
  const ids = new Set<number>([targetId])
  for (const enterprise of moved) if (enterprise.grid_cell_id !== null) ids.add(enterprise.grid_cell_id)
  for (const id of [...ids]) {
    const parent = known.get(id)?.parent_id
    if (parent) ids.add(parent)
  }
  return [...ids].sort((a, b) => a - b)
}

/** Who may lead a cell of the level (mirrors grid::ValidateResponsible). */
export function responsibleRoles(level: GridLevel): Role[] {
  return level === 1 ? ['bureau', 'station'] : ['station', 'grid']
}

/**
 * Where to look for candidates of a role: GET /users filters by a region's subtree, and a leader's
 * region must contain the cell's. Bureau accounts sit at the district (or above), station and grid
 * accounts at the town (or one of its villages).
 */
export function candidateRegion(role: Role, cellRegion: string): string {
  return role === 'bureau' ? `${cellRegion.slice(0, 6)}000000` : townOf(cellRegion)
}

/** Whether the account may lead a cell of the level in the region (mirrors grid::ValidateResponsible). */
export function canLead(user: Pick<User, 'role' | 'region_code' | 'disabled'>, level: GridLevel, cellRegion: string): boolean {
  if (user.disabled || !responsibleRoles(level).includes(user.role) || !user.region_code) return false
  return withinScope(cellRegion, user.region_code)
}

export interface GridForm {
  level: GridLevel
  parent_id: number | null
  region_code: string | null
  name: string
  responsible_user_id: number | null
  phone: string
}

export function emptyGridForm(level: GridLevel, parentId: number | null): GridForm {
  return { level, parent_id: parentId, region_code: null, name: '', responsible_user_id: null, phone: '' }
}

export function formFromCell(cell: GridCell): GridForm {
  return {
    level: cell.level,
    parent_id: cell.parent_id,
    region_code: cell.region_code,
    name: cell.name,
    responsible_user_id: cell.responsible_user_id,
    phone: cell.phone,
  }
}

export function newCellFromForm(form: GridForm): NewGridCell {
  return {
    level: form.level,
    parent_id: form.level === 2 ? form.parent_id : null,
    region_code: form.region_code ?? '',
    name: form.name.trim(),
    responsible_user_id: form.responsible_user_id ?? null,
    phone: form.phone.trim(),
  }
}

/** What PATCH /grids/{id} gets: the version and the changed name, responsible person and phone. */
export function cellChangesFromForm(original: GridCell, form: GridForm): GridCellChanges {
  const changes: GridCellChanges = { version: original.version }
  const name = form.name.trim()
  const phone = form.phone.trim()
  const responsible = form.responsible_user_id ?? null
  if (name !== original.name) changes.name = name
  if (responsible !== original.responsible_user_id) changes.responsible_user_id = responsible
  if (phone !== original.phone) changes.phone = phone
  return changes
}

export function validateGridName(name: string): ValidationResult {
  const length = Array.from(name.trim()).length
  return length >= 1 && length <= 50 ? null : 'validation.gridName'
}

export function validateCellRegion(level: GridLevel, code: string | null): ValidationResult {
  if (!code) return level === 1 ? 'validation.townRequired' : 'validation.villageRequired'
  if (level === 1) return isTown(code) ? null : 'validation.town'
  return isVillage(code) ? null : 'validation.village'
}

/** Every check of the form, keyed by field: only the failing fields, each with an i18n key. */
export function validateGridForm(form: GridForm, mode: FormMode): Partial<Record<keyof GridForm, string>> {
  const results: Partial<Record<keyof GridForm, ValidationResult>> = {
    name: validateGridName(form.name),
    phone: validatePhone(form.phone, false),
  }
  // The region is fixed once the cell exists.
  if (mode === 'create') results.region_code = validateCellRegion(form.level, form.region_code)
  const errors: Partial<Record<keyof GridForm, string>> = {}
  for (const [field, key] of Object.entries(results)) {
    if (key) errors[field as keyof GridForm] = key
  }
  return errors
}

export function gridFormRules(form: GridForm, mode: () => FormMode, t: Translate): FormRules<GridForm> {
  const rule = (field: keyof GridForm, trigger: 'blur' | 'change' = 'blur'): FormItemRule => ({
    trigger,
    validator: (_rule, _value, callback) => {
      const key = validateGridForm(form, mode())[field]
      callback(key ? new Error(t(key)) : undefined)
    },
  })
  return {
    region_code: [rule('region_code', 'change')],
    name: [{ required: true, trigger: 'blur', message: t('validation.gridName') }, rule('name')],
    phone: [rule('phone')],
  }
}

export interface CellRow {
  /** i18n key of the label. */
  label: string
  value: string
  test: string
}

export function cellRows(cell: GridCell, t: Translate, regionName: string, parentName: string): CellRow[] {
  const rows: CellRow[] = [
    { label: 'grids.name', value: cell.name, test: 'grid-field-name' },
    { label: 'grids.level', value: t(`grids.levels.${cell.level}`), test: 'grid-field-level' },
    { label: 'grids.region', value: regionName ? `${regionName} (${cell.region_code})` : cell.region_code, test: 'grid-field-region' },
  ]
  // A grid worker may not read the town's cell above its own.
  if (cell.level === 2) {
    rows.push({ label: 'grids.parent', value: parentName || t('enterprises.gridTab.hidden'), test: 'grid-field-parent' })
  }
  rows.push(
    { label: 'grids.responsible', value: cell.responsible_name || t('grids.noResponsible'), test: 'grid-field-responsible' },
    { label: 'grids.phone', value: cell.phone, test: 'grid-field-phone' },
    { label: 'grids.enterprises', value: String(cell.enterprises), test: 'grid-field-enterprises' },
    { label: 'grids.updatedAt', value: formatInstant(cell.updated_at), test: 'grid-field-updated' },
  )
  return rows
}

export interface CellEnterpriseColumn {
  prop: keyof Enterprise
  /** i18n key of the header. */
  label: string
  width?: number
  minWidth?: number
}

/** The enterprises of a cell; the region is shown by name and the status as a tag by the page. */
export const cellEnterpriseColumns: CellEnterpriseColumn[] = [
  { prop: 'name', label: 'enterprises.name', minWidth: 220 },
  { prop: 'uscc', label: 'enterprises.uscc', width: 190 },
  { prop: 'region_code', label: 'enterprises.region', minWidth: 130 },
  { prop: 'address', label: 'enterprises.address', minWidth: 200 },
  { prop: 'status', label: 'enterprises.status', width: 100 },
]

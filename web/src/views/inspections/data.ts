// The inspection pages (检查): list columns and filters, the start form, and the item cards of an
// inspection: grouping by category (人/机/物/环/管), answers and their autosave, and progress.
import type { FormItemRule, FormRules } from 'element-plus'
import { ITEM_CATEGORIES, type Checklist, type ChecklistItem, type ChecklistPurpose, type ItemCategory } from '@/api/checklists'
import type { Photo } from '@/api/files'
import type {
  FindingLevel,
  Inspection,
  InspectionDetail,
  InspectionKind,
  InspectionStatus,
  ItemAnswer,
  ItemResultValue,
  NewInspection,
} from '@/api/inspections'
import { formatInstant } from '@/utils/format'

type Translate = (key: string, named?: Record<string, unknown>) => string

// ---- The list

export interface InspectionFilters {
  kind: InspectionKind | ''
  status: InspectionStatus | ''
  from: string | null
  to: string | null
  region_code: string | null
  enterprise_id: number | null
}

export const emptyFilters: InspectionFilters = { kind: '', status: '', from: null, to: null, region_code: null, enterprise_id: null }

export function statusTag(status: InspectionStatus): 'primary' | 'success' {
  return status === 'finished' ? 'success' : 'primary'
}

export type InspectionCellKind = 'enterprise' | 'kind' | 'checklist' | 'status' | 'inspector' | 'started' | 'findings'

export interface InspectionColumn {
  kind: InspectionCellKind
  /** i18n key of the header. */
  label: string
  width?: number
  minWidth?: number
}

export const inspectionColumns: InspectionColumn[] = [
  { kind: 'enterprise', label: 'inspections.enterprise', minWidth: 200 },
  { kind: 'kind', label: 'inspections.kind', width: 130 },
  { kind: 'checklist', label: 'inspections.checklist', minWidth: 180 },
  { kind: 'status', label: 'inspections.status', width: 90 },
  { kind: 'inspector', label: 'inspections.inspector', width: 140 },
  { kind: 'started', label: 'inspections.startedAt', width: 170 },
  { kind: 'findings', label: 'inspections.findings', width: 90 },
]

// ---- Starting one

export interface StartForm {
  enterprise_id: number | null
  kind: InspectionKind | ''
  checklist_id: number | null
  companions: string
}

export function emptyStartForm(enterpriseId: number | null, kinds: readonly InspectionKind[]): StartForm {
  return { enterprise_id: enterpriseId, kind: kinds.length === 1 ? kinds[0] : (kinds[0] ?? ''), checklist_id: null, companions: '' }
}

export function newInspectionFromForm(form: StartForm): NewInspection {
  const inspection: NewInspection = {
    enterprise_id: form.enterprise_id ?? 0,
    kind: form.kind as InspectionKind,
    checklist_id: form.checklist_id,
  }
  const companions = form.companions.trim()
  if (companions) inspection.companions = companions
  return inspection
}

/** The template purpose each kind of inspection normally uses, best first. */
const PURPOSES_BY_KIND: Record<InspectionKind, readonly ChecklistPurpose[]> = {
  grid_patrol: ['patrol'],
  town_routine: ['patrol', 'scored'],
  district_enforcement: ['scored', 'major_hazard', 'evaluation'],
  expert_diagnosis: ['diagnosis', 'major_hazard'],
  alliance_mutual: ['scored', 'evaluation'],
  self_check: ['patrol', 'evaluation'],
  special_campaign: ['campaign', 'major_hazard'],
}

/** The checklist a kind of inspection starts with: the first of its usual purpose, else none. */
export function defaultChecklist(kind: InspectionKind | '', checklists: readonly Checklist[]): number | null {
  if (!kind) return null
  for (const purpose of PURPOSES_BY_KIND[kind]) {
    const match = checklists.find((checklist) => checklist.purpose === purpose)
    if (match) return match.id
  }
  return null
}

export function validateStartForm(form: StartForm): Partial<Record<keyof StartForm, string>> {
  const errors: Partial<Record<keyof StartForm, string>> = {}
  if (!form.enterprise_id) errors.enterprise_id = 'validation.enterprisePick'
  if (!form.kind) errors.kind = 'validation.kindRequired'
  if (!form.checklist_id) errors.checklist_id = 'validation.checklistRequired'
  if (Array.from(form.companions.trim()).length > 200) errors.companions = 'validation.textTooLong'
  return errors
}

export function startFormRules(form: StartForm, t: Translate): FormRules<StartForm> {
  const rule = (field: keyof StartForm, trigger: 'blur' | 'change'): FormItemRule => ({
    trigger,
    validator: (_rule, _value, callback) => {
      const key = validateStartForm(form)[field]
      callback(key ? new Error(t(key, { max: 200 })) : undefined)
    },
  })
  return {
    enterprise_id: [rule('enterprise_id', 'change')],
    kind: [rule('kind', 'change')],
    checklist_id: [rule('checklist_id', 'change')],
    companions: [rule('companions', 'blur')],
  }
}

// ---- Filling one in

/** What the inspector answered for one item; a result of null is not answered yet. */
export interface Answer {
  result: ItemResultValue | null
  note: string
  /** A finding's level; starts at the item's default. */
  level: FindingLevel
  /** The photos kept with the answer (uploaded already). */
  photos: Photo[]
  /** Whether the inspector added or removed photos here, so that even an empty list is saved. */
  photosChanged: boolean
}

/** A finding on a major-hazard criterion is a major hazard unless the inspector says otherwise. */
export function defaultLevel(item: Pick<ChecklistItem, 'major_hazard'>): FindingLevel {
  return item.major_hazard ? 'major' : 'general'
}

/** The answers so far, one per item, unanswered items included. */
export function answersOf(inspection: Pick<InspectionDetail, 'items' | 'results'>): Record<number, Answer> {
  const answers: Record<number, Answer> = {}
  for (const item of inspection.items) answers[item.id] = { result: null, note: '', level: defaultLevel(item), photos: [], photosChanged: false }
  for (const result of inspection.results) {
    const answer = answers[result.item_id]
    if (!answer) continue
    answer.result = result.result
    answer.note = result.note
    if (result.hazard_level) answer.level = result.hazard_level
    answer.photos = [...(result.photos ?? [])]
  }
  return answers
}

/**
 * What PATCH saves for an answered item: the level only on a finding (the server refuses it
 * elsewhere), and the photos as a whole whenever the answer has or had any. A later save of the
 * item replaces an earlier one in the queue, so each carries the photos as they are now.
 */
export function itemAnswer(itemId: number, answer: Answer): ItemAnswer | null {
  if (!answer.result) return null
  const saved: ItemAnswer = {
    item_id: itemId,
    result: answer.result,
    note: answer.note.trim(),
    hazard_level: answer.result === 'finding' ? answer.level : null,
  }
  if (answer.photos.length > 0 || answer.photosChanged) saved.photo_ids = answer.photos.map((photo) => photo.id)
  return saved
}

export interface ItemGroup {
  category: ItemCategory
  items: ChecklistItem[]
}

/** The items by category in the order 人/机/物/环/管, each group in checklist order. */
export function groupItems(items: readonly ChecklistItem[]): ItemGroup[] {
  const sorted = [...items].sort((a, b) => a.position - b.position)
  return ITEM_CATEGORIES.map((category) => ({ category, items: sorted.filter((item) => item.category === category) })).filter(
    (group) => group.items.length > 0,
  )
}

export interface Progress {
  done: number
  total: number
  findings: number
}

export function progressOf(items: readonly ChecklistItem[], answers: Record<number, Answer>): Progress {
  let done = 0
  let findings = 0
  for (const item of items) {
    const result = answers[item.id]?.result
    if (result) done += 1
    if (result === 'finding') findings += 1
  }
  return { done, total: items.length, findings }
}

/** Whether the signed-in user may still fill it in: its own inspector, while in progress. */
export function isEditable(inspection: Pick<Inspection, 'status' | 'inspector_user_id'>, userId: number | null | undefined): boolean {
  return inspection.status === 'in_progress' && userId !== null && userId !== undefined && inspection.inspector_user_id === userId
}

/**
 * Collects the edits of a page and saves them one request at a time: each PATCH carries the
 * version the previous answer returned, and edits made while one is in flight go in the next.
 */
export class SaveQueue<T> {
  private pending = new Map<number, T>()
  private extra: Record<string, unknown> = {}
  private running: Promise<void> | null = null

  constructor(private readonly send: (items: T[], extra: Record<string, unknown>) => Promise<void>) {}

  /** Queues the latest value of an item; a later value of the same item replaces it. */
  put(key: number, value: T): void {
    this.pending.set(key, value)
  }

  /** Queues a field of the inspection itself (summary, companions, position). */
  putField(name: string, value: unknown): void {
    this.extra[name] = value
  }

  get size(): number {
    return this.pending.size + Object.keys(this.extra).length
  }

  /** Forgets what was not sent (after a conflict, the server's state wins). */
  clear(): void {
    this.pending.clear()
    this.extra = {}
  }

  /**
   * Sends everything queued, after the request in flight; resolves when it is saved. A failed
   * request puts its values back (unless newer ones came meanwhile), so that a retry sends them.
   */
  async flush(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined)
    if (this.size === 0) return
    const sent = [...this.pending.entries()]
    const extra = this.extra
    this.pending.clear()
    this.extra = {}
    this.running = this.send(
      sent.map(([, value]) => value),
      extra,
    ).finally(() => {
      this.running = null
    })
    try {
      await this.running
    } catch (error) {
      for (const [key, value] of sent) if (!this.pending.has(key)) this.pending.set(key, value)
      for (const [name, value] of Object.entries(extra)) if (!(name in this.extra)) this.extra[name] = value
      throw error
    }
  }

  /** Whether a request is on its way. */
  get busy(): boolean {
    return this.running !== null
  }
}

// ---- Read-only facts

export interface InfoRow {
  /** i18n key of the label. */
  label: string
  value: string
  test: string
}

export function infoRows(inspection: Inspection, t: Translate, regionName: string): InfoRow[] {
  const position =
    inspection.longitude !== null && inspection.latitude !== null ? `${inspection.longitude.toFixed(5)}, ${inspection.latitude.toFixed(5)}` : t('inspections.gps.none')
  const rows: InfoRow[] = [
    { label: 'inspections.kind', value: t(`inspections.kinds.${inspection.kind}`), test: 'inspection-field-kind' },
    { label: 'inspections.checklist', value: inspection.checklist_name, test: 'inspection-field-checklist' },
    { label: 'inspections.region', value: regionName || inspection.region_code, test: 'inspection-field-region' },
    { label: 'inspections.inspector', value: inspection.inspector_name, test: 'inspection-field-inspector' },
    { label: 'inspections.startedAt', value: formatInstant(inspection.started_at), test: 'inspection-field-started' },
  ]
  if (inspection.finished_at) rows.push({ label: 'inspections.finishedAt', value: formatInstant(inspection.finished_at), test: 'inspection-field-finished' })
  rows.push({ label: 'inspections.position', value: position, test: 'inspection-field-position' })
  return rows
}

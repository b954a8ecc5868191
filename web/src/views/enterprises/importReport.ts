// The rules of the import dialog, without I/O: what the server's report says, whether it may be
// committed, and how its rejections are shown.
import {
  IMPORT_COLUMNS,
  IMPORT_MAX_BYTES,
  type EnterpriseExportQuery,
  type ImportMode,
  type ImportReport,
  type ImportRejection,
} from '@/api/enterpriseImport'
import type { EnterpriseFilters } from './data'

type Translate = (key: string, named?: Record<string, unknown>) => string

export const IMPORT_EXTENSIONS = ['.csv', '.xlsx'] as const

/** Why a chosen file is not sent at all, as an i18n key; null when it may be sent. */
export function checkImportFile(file: { name: string; size: number }): string | null {
  const name = file.name.toLowerCase()
  if (!IMPORT_EXTENSIONS.some((extension) => name.endsWith(extension))) return 'enterprises.import.errors.type'
  if (file.size === 0) return 'enterprises.import.errors.empty'
  if (file.size > IMPORT_MAX_BYTES) return 'enterprises.import.errors.tooLarge'
  return null
}

/** A rejection on row 1 (the header) means a required column is missing: no row was read. */
export function headerRejected(report: ImportReport): boolean {
  return report.rejected.some((rejection) => rejection.row === 1)
}

export interface ImportSummary {
  /** Data rows read. */
  rows: number
  /** Rows that passed every check. */
  valid: number
  created: number
  updated: number
  unchanged: number
  /** Rows with an error (a row is counted once however many errors it has). */
  rejected: number
}

export function summarize(report: ImportReport): ImportSummary {
  const rejected = new Set(report.rejected.filter((r) => r.row > 1).map((r) => r.row)).size
  return {
    rows: report.rows,
    valid: Math.max(report.rows - rejected, 0),
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected,
  }
}

/** Why the previewed file may not be committed (an i18n key suffix); null when it may. */
export type CommitBlock = 'noPreview' | 'header' | 'rejected' | 'nothing'

export function commitBlock(preview: ImportReport | null, mode: ImportMode): CommitBlock | null {
  if (!preview) return 'noPreview'
  if (headerRejected(preview)) return 'header'
  if (mode === 'all' && preview.rejected.length > 0) return 'rejected'
  if (preview.created + preview.updated === 0) return 'nothing'
  return null
}

/** What a commit did: wrote, refused because of rejected rows (mode=all), or found nothing to write. */
export type ImportOutcome = 'committed' | 'header' | 'refused' | 'nothing'

export function outcomeOf(result: ImportReport): ImportOutcome {
  if (result.committed) return 'committed'
  if (headerRejected(result)) return 'header'
  if (result.rejected.length > 0) return 'refused'
  return 'nothing'
}

/** The i18n key of a column's header (as in the template), or null for a field that is no column. */
export function columnLabelKey(field: string): string | null {
  return (IMPORT_COLUMNS as readonly string[]).includes(field) ? `enterprises.import.columns.${field}` : null
}

export interface RejectionRow {
  row: number
  field: string
  /** The column's header in the page's language; the field name when it is no column. */
  column: string
  reason: string
}

export function rejectionRows(rejected: readonly ImportRejection[], t: Translate): RejectionRow[] {
  return rejected.map((rejection) => {
    const key = columnLabelKey(rejection.field)
    return { row: rejection.row, field: rejection.field, column: key ? t(key) : rejection.field, reason: rejection.reason }
  })
}

/** Rows of a 1-based page. */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number): T[] {
  const start = (Math.max(page, 1) - 1) * pageSize
  return items.slice(start, start + pageSize)
}

/** Percentage of the upload sent, 0–100. */
export function uploadPercent(sent: number, total: number): number {
  if (!(total > 0)) return 0
  return Math.min(100, Math.max(0, Math.floor((sent / total) * 100)))
}

/**
 * The export takes exactly the list's filters and sort (so that the file holds what the list
 * shows, and a filter added to the list reaches the export too), without paging; empty values are
 * dropped when the URL is built.
 */
export function exportQuery(filters: EnterpriseFilters): EnterpriseExportQuery {
  return { ...filters }
}

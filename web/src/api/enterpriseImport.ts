import { download, upload, type Download } from './http'
import type { EnterpriseQuery } from './enterprises'

/** mode=all writes nothing when any row is rejected; mode=valid writes the valid rows. */
export const IMPORT_MODES = ['all', 'valid'] as const
export type ImportMode = (typeof IMPORT_MODES)[number]

/** The columns of the import file, in the template's order; the first four are required. */
export const IMPORT_COLUMNS = [
  'uscc',
  'name',
  'region_code',
  'industry_code',
  'scale',
  'employees',
  'frontline_workers',
  'safety_inspectors',
  'hazard_tags',
  'address',
  'longitude',
  'latitude',
  'status',
  'standardization_level',
  'standardization_expiry',
] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** The server takes files up to 16 MiB. */
export const IMPORT_MAX_BYTES = 16 * 1024 * 1024

export interface ImportRejection {
  /** Row of the spreadsheet, the header being row 1; row 1 means a required column is missing. */
  row: number
  /** The column, as an API field name (`uscc`, `region_code`, …). */
  field: string
  code: string
  /** Already in the language of the request. */
  reason: string
}

export interface ImportReport {
  /** Data rows read (empty rows are skipped). */
  rows: number
  created: number
  updated: number
  unchanged: number
  rejected: ImportRejection[]
  /** Whether anything was written. */
  committed: boolean
}

export interface ImportOptions {
  mode: ImportMode
  /** Check and count only (the preview). */
  dryRun: boolean
  onProgress?: (sent: number, total: number) => void
  signal?: AbortSignal
}

/** GET /enterprises/export.xlsx takes the list's filters and sort, without paging. */
export type EnterpriseExportQuery = Omit<EnterpriseQuery, 'page' | 'page_size'>

export const enterpriseImportApi = {
  /** POST /enterprises/import: the file is the body, CSV (UTF-8) or XLSX. */
  importFile: (file: Blob, options: ImportOptions) =>
    upload<ImportReport>('/enterprises/import', file, {
      query: { mode: options.mode, dry_run: options.dryRun },
      onProgress: options.onProgress,
      signal: options.signal,
    }),
  /** The template's headers come in the language of the page. */
  template: (): Promise<Download> => download('/enterprises/import-template.xlsx'),
  exportXlsx: (query: EnterpriseExportQuery): Promise<Download> => download('/enterprises/export.xlsx', { ...query }),
}

import { describe, expect, it } from 'vitest'
import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, type ImportMode, type ImportReport } from '@/api/enterpriseImport'
import { buildUrl } from '@/api/http'
import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'
// The server's labels, from which it writes the template's headers and reads an import's.
import serverEn from '../../../../locales/en.json'
import serverZhCN from '../../../../locales/zh-CN.json'
import { emptyFilters } from './data'
import {
  checkImportFile,
  columnLabelKey,
  commitBlock,
  exportQuery,
  headerRejected,
  outcomeOf,
  pageOf,
  rejectionRows,
  summarize,
  uploadPercent,
  type CommitBlock,
  type ImportOutcome,
} from './importReport'

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: [], committed: false, ...overrides }
}

const badUscc = { row: 4, field: 'uscc', code: 'uscc_check', reason: '统一社会信用代码校验位（第 18 位）错误' }
const missingColumn = { row: 1, field: 'industry_code', code: 'import_missing_column', reason: '缺少必需的列' }

describe('checkImportFile', () => {
  const cases: [string, number, string | null][] = [
    ['企业.csv', 10, null],
    ['ENTERPRISES.XLSX', 10, null],
    ['list.xlsx', IMPORT_MAX_BYTES, null],
    ['list.xlsx', IMPORT_MAX_BYTES + 1, 'enterprises.import.errors.tooLarge'],
    ['list.csv', 0, 'enterprises.import.errors.empty'],
    ['list.xls', 10, 'enterprises.import.errors.type'],
    ['list.txt', 10, 'enterprises.import.errors.type'],
    ['csv', 10, 'enterprises.import.errors.type'],
  ]
  it.each(cases)('%s of %i bytes → %s', (name, size, expected) => {
    expect(checkImportFile({ name, size })).toBe(expected)
  })
})

describe('summarize', () => {
  it('counts the valid rows and each rejected row once', () => {
    const twice = { ...badUscc, field: 'name', code: 'invalid_name' }
    expect(summarize(report({ rows: 5, created: 2, updated: 1, rejected: [badUscc, twice, { ...badUscc, row: 6 }] }))).toEqual({
      rows: 5,
      valid: 3,
      created: 2,
      updated: 1,
      unchanged: 0,
      rejected: 2,
    })
  })

  it('reads a header rejection as no row read', () => {
    const header = report({ rows: 0, rejected: [missingColumn] })
    expect(headerRejected(header)).toBe(true)
    expect(summarize(header)).toMatchObject({ rows: 0, valid: 0, rejected: 0 })
  })
})

describe('commitBlock', () => {
  const cases: [string, ImportReport | null, ImportMode, CommitBlock | null][] = [
    ['no preview yet', null, 'valid', 'noPreview'],
    ['all clean, new rows', report({ rows: 2, created: 2 }), 'all', null],
    ['all clean, only updates', report({ rows: 2, updated: 2 }), 'all', null],
    ['a bad row in mode all', report({ rows: 3, created: 2, rejected: [badUscc] }), 'all', 'rejected'],
    ['a bad row in mode valid', report({ rows: 3, created: 2, rejected: [badUscc] }), 'valid', null],
    ['only bad rows in mode valid', report({ rows: 1, rejected: [badUscc] }), 'valid', 'nothing'],
    ['only bad rows in mode all', report({ rows: 1, rejected: [badUscc] }), 'all', 'rejected'],
    ['nothing changes', report({ rows: 4, unchanged: 4 }), 'all', 'nothing'],
    ['an empty file', report(), 'valid', 'nothing'],
    ['a missing column', report({ rejected: [missingColumn] }), 'valid', 'header'],
    ['a missing column in mode all', report({ rejected: [missingColumn] }), 'all', 'header'],
  ]
  it.each(cases)('%s', (_name, preview, mode, expected) => {
    expect(commitBlock(preview, mode)).toBe(expected)
  })
})

describe('outcomeOf', () => {
  const cases: [string, ImportReport, ImportOutcome][] = [
    ['written', report({ rows: 2, created: 2, committed: true }), 'committed'],
    ['written, bad rows skipped', report({ rows: 3, created: 2, rejected: [badUscc], committed: true }), 'committed'],
    ['refused in mode all', report({ rows: 3, created: 2, rejected: [badUscc] }), 'refused'],
    ['missing column', report({ rejected: [missingColumn] }), 'header'],
    ['nothing to write', report({ rows: 2, unchanged: 2 }), 'nothing'],
  ]
  it.each(cases)('%s', (_name, result, expected) => {
    expect(outcomeOf(result)).toBe(expected)
  })
})

describe('column labels', () => {
  const cases: [string, string | null][] = [
    ['uscc', 'enterprises.import.columns.uscc'],
    ['region_code', 'enterprises.import.columns.region_code'],
    ['standardization_expiry', 'enterprises.import.columns.standardization_expiry'],
    ['version', null],
    ['', null],
  ]
  it.each(cases)('%s → %s', (field, key) => {
    expect(columnLabelKey(field)).toBe(key)
  })

  it('names every column in both languages, as the server writes the template headers', () => {
    // A header the UI names differently from the template would confuse.
    for (const [messages, headers] of [
      [zhCN, serverZhCN.labels.enterprise_column],
      [en, serverEn.labels.enterprise_column],
    ] as const) {
      for (const column of IMPORT_COLUMNS) expect(messages.enterprises.import.columns[column]).toBe(headers[column])
    }
  })

  it('shows a rejection with its column header, or the bare field when it is no column', () => {
    const t = (key: string) => `«${key}»`
    const stale = { row: 7, field: 'version', code: 'stale_version', reason: '已被修改' }
    expect(rejectionRows([badUscc, stale], t)).toEqual([
      { row: 4, field: 'uscc', column: '«enterprises.import.columns.uscc»', reason: badUscc.reason },
      { row: 7, field: 'version', column: 'version', reason: '已被修改' },
    ])
  })
})

describe('pageOf', () => {
  const items = Array.from({ length: 23 }, (_, i) => i + 1)
  const cases: [number, number, number[]][] = [
    [1, 10, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
    [3, 10, [21, 22, 23]],
    [4, 10, []],
    [0, 5, [1, 2, 3, 4, 5]],
  ]
  it.each(cases)('page %i of %i', (page, size, expected) => {
    expect(pageOf(items, page, size)).toEqual(expected)
  })
})

describe('uploadPercent', () => {
  const cases: [number, number, number][] = [
    [0, 100, 0],
    [50, 200, 25],
    [999, 1000, 99],
    [1000, 1000, 100],
    [2000, 1000, 100],
    [10, 0, 0],
    [10, Number.NaN, 0],
  ]
  it.each(cases)('%i of %i → %i%%', (sent, total, expected) => {
    expect(uploadPercent(sent, total)).toBe(expected)
  })
})

describe('exportQuery', () => {
  it('carries the list filters and sort but no paging', () => {
    const query = exportQuery({ ...emptyFilters, q: '食品', region_code: '990102001000', status: 'operating', sort: 'name', grid_id: 'none' })
    expect(query).not.toHaveProperty('page')
    expect(buildUrl('/enterprises/export.xlsx', { ...query })).toBe(
      '/api/v1/enterprises/export.xlsx?q=%E9%A3%9F%E5%93%81&region_code=990102001000&status=operating&sort=name&grid_id=none',
    )
  })

  it('asks for everything in scope when no filter is set', () => {
    expect(buildUrl('/enterprises/export.xlsx', { ...exportQuery(emptyFilters) })).toBe('/api/v1/enterprises/export.xlsx')
  })
})

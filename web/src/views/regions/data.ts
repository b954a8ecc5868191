import type { ImportRejection, RegionDetail } from '@/api/regions'

type Translate = (key: string) => string

export interface DetailRow {
  label: string
  value: string
  test: string
}

export function detailRows(region: RegionDetail, t: Translate): DetailRow[] {
  const parent = region.path.length > 0 ? region.path[region.path.length - 1] : null
  return [
    { label: 'regions.code', value: region.code, test: 'region-detail-code' },
    { label: 'regions.name', value: region.name, test: 'region-detail-name' },
    { label: 'regions.level', value: t(`levels.${region.level}`), test: 'region-detail-level' },
    { label: 'regions.parent', value: parent ? `${parent.name}（${parent.code}）` : t('common.none'), test: 'region-detail-parent' },
    { label: 'regions.hasChildren', value: t(region.has_children ? 'common.yes' : 'common.no'), test: 'region-detail-children' },
  ]
}

/**
 * Whether `code` lies inside the region `scope` (a user's region), judged from the code itself:
 * a region's code starts with the significant digits of every region that contains it. Used to link
 * only the ancestors the user may open; the server decides in the end.
 */
export function withinScope(code: string, scope: string | null | undefined): boolean {
  if (!scope) return true
  // Province, city, county, town and village own 2, 2, 2, 3 and 3 digits of the 12.
  const length = [2, 4, 6, 9, 12].find((n) => /^0*$/.test(scope.slice(n))) ?? 12
  return code.startsWith(scope.slice(0, length))
}

export interface RejectionColumn {
  prop: keyof ImportRejection
  label: string
  width?: number
}

export const rejectionColumns: RejectionColumn[] = [
  { prop: 'row', label: 'regions.row', width: 80 },
  { prop: 'field', label: 'regions.field', width: 100 },
  { prop: 'reason', label: 'regions.reason' },
]

/**
 * Reads an uploaded CSV as text. Spreadsheets saved in China are often GB 18030 rather than
 * UTF-8, so a file that is not valid UTF-8 is read as GB 18030; the byte order mark is dropped.
 */
export async function readCsv(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = new TextDecoder('gb18030').decode(bytes)
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

import { markRaw } from 'vue'
import { ENTERPRISE_STATUSES, type EnterprisePoint, type EnterpriseStatus } from '@/api/enterprises'
import type { EChartsCoreOption } from '@/charts'
import { emptyFilters as listFilters, type EnterpriseFilters } from '@/views/enterprises/data'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** The map's filters: the list's, without the name and code searches and the sort. */
export type MapFilters = Pick<EnterpriseFilters, 'region_code' | 'industry_code' | 'tag' | 'scale' | 'status' | 'grid_id'>

export const emptyFilters: MapFilters = {
  region_code: listFilters.region_code,
  industry_code: listFilters.industry_code,
  tag: listFilters.tag,
  scale: listFilters.scale,
  status: listFilters.status,
  grid_id: listFilters.grid_id,
}

/** The colours of the status tags (Element Plus success, warning and info). */
export const STATUS_COLORS: Record<EnterpriseStatus, string> = {
  operating: '#67c23a',
  suspended: '#e6a23c',
  closed: '#909399',
}

/** A point of a series: [longitude, latitude, enterprise id]. */
export type SeriesPoint = [number, number, number]

/** The points split by status, one series each, so that the legend can switch a status off. */
export function pointsByStatus(items: readonly EnterprisePoint[]): Record<EnterpriseStatus, SeriesPoint[]> {
  const out: Record<EnterpriseStatus, SeriesPoint[]> = { operating: [], suspended: [], closed: [] }
  for (const [id, longitude, latitude, , status] of items) out[status]?.push([longitude, latitude, id])
  return out
}

export type MapNotice =
  | { kind: 'truncated'; total: number; limit: number }
  | { kind: 'unlocated'; total: number; shown: number; count: number }
  | { kind: 'all'; total: number; shown: number }

/**
 * What to say above the map: only the first `limit` points came, or some matching enterprises
 * have no coordinates (the server counts them in `total` but sends no point), or all are shown.
 */
export function mapNotice(shown: number, total: number, limit: number): MapNotice {
  if (shown >= limit && total > shown) return { kind: 'truncated', total, limit }
  if (total > shown) return { kind: 'unlocated', total, shown, count: total - shown }
  return { kind: 'all', total, shown }
}

/** Above this many points in a series ECharts draws it in large mode (one path, no per-point elements). */
export const LARGE_THRESHOLD = 2000

/**
 * The scatter chart on longitude and latitude. Large mode draws each series as one path, which
 * keeps 20,000 and more points smooth; the point arrays are markRaw so that Vue neither proxies
 * nor walks them.
 */
export function mapOption(
  byStatus: Record<EnterpriseStatus, SeriesPoint[]>,
  t: Translate,
  tooltip: (id: number) => string,
): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    legend: { top: 0, data: ENTERPRISE_STATUSES.map((status) => t(`enterprises.statuses.${status}`)) },
    tooltip: {
      trigger: 'item',
      formatter: (params: { value?: unknown }) => {
        const value = params.value as SeriesPoint | undefined
        return value ? tooltip(value[2]) : ''
      },
    },
    xAxis: { type: 'value', scale: true, name: t('enterprises.longitude'), splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, name: t('enterprises.latitude'), splitLine: { show: false } },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    series: ENTERPRISE_STATUSES.map((status) => ({
      type: 'scatter',
      name: t(`enterprises.statuses.${status}`),
      data: markRaw(byStatus[status]),
      symbolSize: 5,
      itemStyle: { color: STATUS_COLORS[status] },
      large: true,
      largeThreshold: LARGE_THRESHOLD,
      // Progressive (incremental) drawing would spread the first paint over frames, but ECharts
      // then gives up hit testing on the large series: no tooltip and no click. One large path
      // draws 50,000 points in well under a second, so it is switched off.
      progressive: 0,
      emphasis: { scale: 2 },
    })),
  }
}

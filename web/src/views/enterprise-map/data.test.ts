import { isReactive } from 'vue'
import { describe, expect, it } from 'vitest'
import type { EnterprisePoint } from '@/api/enterprises'
import { LARGE_THRESHOLD, STATUS_COLORS, mapNotice, mapOption, pointsByStatus } from './data'

const points: EnterprisePoint[] = [
  [1, 118.29, 28.38, '甲公司', 'operating'],
  [2, 118.3, 28.4, '乙公司', 'closed'],
  [3, 118.31, 28.41, '丙公司', 'operating'],
]

describe('pointsByStatus', () => {
  it('splits the points by status, keeping the id beside the coordinates', () => {
    expect(pointsByStatus(points)).toEqual({
      operating: [
        [118.29, 28.38, 1],
        [118.31, 28.41, 3],
      ],
      suspended: [],
      closed: [[118.3, 28.4, 2]],
    })
  })
})

describe('mapNotice', () => {
  it.each([
    [50000, 61234, 50000, { kind: 'truncated', total: 61234, limit: 50000 }],
    [380, 400, 50000, { kind: 'unlocated', total: 400, shown: 380, count: 20 }],
    [400, 400, 50000, { kind: 'all', total: 400, shown: 400 }],
    [0, 0, 50000, { kind: 'all', total: 0, shown: 0 }],
  ])('%i of %i (limit %i)', (shown, total, limit, expected) => {
    expect(mapNotice(shown, total, limit)).toEqual(expected)
  })
})

describe('mapOption', () => {
  it('draws one large scatter series per status in its colour, hit-testable', () => {
    const many = Array.from({ length: 20000 }, (_, i): EnterprisePoint => [i + 1, 118 + i / 1e5, 28, `企业${i}`, 'operating'])
    const option = mapOption(pointsByStatus(many), (key) => key, (id) => `#${id}`) as {
      series: { type: string; large: boolean; largeThreshold: number; progressive: number; data: unknown[]; itemStyle: { color: string } }[]
      tooltip: { formatter: (params: { value?: unknown }) => string }
    }
    expect(option.series).toHaveLength(3)
    const [operating] = option.series
    expect(operating.type).toBe('scatter')
    expect(operating.large).toBe(true)
    expect(operating.largeThreshold).toBe(LARGE_THRESHOLD)
    // Incremental drawing would turn off the tooltip and the click on large series.
    expect(operating.progressive).toBe(0)
    expect(operating.data).toHaveLength(20000)
    expect(operating.itemStyle.color).toBe(STATUS_COLORS.operating)
    // The points stay plain arrays: Vue does not wrap 20,000 of them in proxies.
    expect(isReactive(operating.data)).toBe(false)
    expect(option.tooltip.formatter({ value: [118, 28, 7] })).toBe('#7')
  })
})

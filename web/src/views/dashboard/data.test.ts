import { describe, expect, it } from 'vitest'
import type { StatsOverview } from '@/api/stats'
import { dashboardCards, dashboardKind, formatRate, hasHazards, monthChartOption, monthsBetween, regionChartHeight, regionChartOption, statePieOption, statsQuery } from './data'

const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}:${JSON.stringify(named)}` : key)

function overview(changes: Partial<StatsOverview> = {}): StatsOverview {
  return {
    region_code: null,
    from: '2026-01-01',
    to: '2026-04-15',
    today: '2026-04-15',
    inspections: 12,
    enterprises_inspected: 9,
    hazards: {
      found: 20,
      verified: 11,
      due: 8,
      verified_on_time: 7,
      on_time_rate: 87.5,
      open: 6,
      overdue: 2,
      major_listed: 1,
      by_state: { reported: 3, rectifying: 2, verified: 11, cancelled: 1, rejected: 0 },
    },
    coverage: { quarter: '2026Q2', first: '2026-04-01', last: '2026-06-30', enterprises: 50, inspected: 4, rate: 8 },
    by_month: [
      { month: '2026-02', found: 5, verified: 1 },
      { month: '2026-04', found: 3, verified: 4 },
    ],
    by_region: [
      { region_code: '990102001000', name: '东安街道', inspections: 2, hazards_found: 4, open: 1, overdue: 0 },
      { region_code: '990102002000', name: '东和街道', inspections: 3, hazards_found: 6, open: 4, overdue: 2 },
    ],
    ...changes,
  }
}

interface Series {
  name: string
  type: string
  data: number[] | { name: string; value: number }[]
}

describe('dashboardKind', () => {
  it('gives officers the region figures, an enterprise its own, an expert the welcome card', () => {
    expect(['admin', 'bureau', 'station', 'grid'].map((role) => dashboardKind(role as 'admin'))).toEqual(['officer', 'officer', 'officer', 'officer'])
    expect(dashboardKind('enterprise')).toBe('enterprise')
    expect(dashboardKind('expert')).toBe('welcome')
    expect(dashboardKind(null)).toBe('welcome')
  })
})

describe('statsQuery', () => {
  it('leaves out what the server defaults', () => {
    expect(statsQuery({ region_code: null, from: null, to: null })).toEqual({ region_code: null, from: null, to: null })
    expect(statsQuery({ region_code: '990102001000', from: '2026-01-01', to: '2026-03-31' })).toEqual({ region_code: '990102001000', from: '2026-01-01', to: '2026-03-31' })
  })
})

describe('cards', () => {
  it('shows rates with one decimal, and a dash when nothing was due', () => {
    expect(formatRate(87.5)).toBe('87.5%')
    expect(formatRate(100)).toBe('100.0%')
    expect(formatRate(null)).toBe('—')
  })

  it('lists the figures and links each into the filtered list, with the region picked', () => {
    const cards = dashboardCards(overview(), 'officer', '990102001000', t)
    expect(cards.map((card) => [card.key, card.value])).toEqual([
      ['inspections', '12'],
      ['found', '20'],
      ['onTime', '87.5%'],
      ['open', '6'],
      ['overdue', '2'],
      ['listed', '1'],
      ['coverage', '8.0%'],
    ])
    const to = Object.fromEntries(cards.map((card) => [card.key, card.to]))
    expect(to.overdue).toEqual({ path: '/hazards', query: { overdue: 'true', region_code: '990102001000' } })
    expect(to.listed).toEqual({ path: '/hazards', query: { listed: 'true', region_code: '990102001000' } })
    expect(to.open).toEqual({ path: '/hazards', query: { state: 'open', region_code: '990102001000' } })
    expect(to.found).toEqual({ path: '/hazards', query: { state: 'all', region_code: '990102001000' } })
    expect(to.inspections).toEqual({ path: '/inspections', query: {} })
    expect(to.coverage).toBeNull()
  })

  it('gives an enterprise no coverage card and no region', () => {
    const cards = dashboardCards(overview(), 'enterprise', null, t)
    expect(cards.map((card) => card.key)).not.toContain('coverage')
    expect(cards.find((card) => card.key === 'overdue')?.to).toEqual({ path: '/hazards', query: { overdue: 'true' } })
  })

  it('colours overdue red only when there are some', () => {
    const quiet = overview()
    quiet.hazards = { ...quiet.hazards, overdue: 0, major_listed: 0, on_time_rate: null }
    const tones = Object.fromEntries(dashboardCards(quiet, 'officer', null, t).map((card) => [card.key, card.tone]))
    expect(tones).toMatchObject({ overdue: 'success', listed: 'info', onTime: 'success' })
    const busy = Object.fromEntries(dashboardCards(overview(), 'officer', null, t).map((card) => [card.key, card.tone]))
    expect(busy).toMatchObject({ overdue: 'danger', listed: 'danger', onTime: 'warning' })
  })
})

describe('monthsBetween', () => {
  it('lists every month of the period, across a year end', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthsBetween('2026-03-01', '2026-03-31')).toEqual(['2026-03'])
    expect(monthsBetween('', '2026-03-31')).toEqual([])
  })
})

describe('chart options', () => {
  it('fills the months without hazards with zeros', () => {
    const option = monthChartOption(overview(), t) as { xAxis: { data: string[] }; series: Series[] }
    expect(option.xAxis.data).toEqual(['2026-01', '2026-02', '2026-03', '2026-04'])
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['dashboard.charts.found', [0, 5, 0, 3]],
      ['dashboard.charts.verified', [0, 1, 0, 4]],
    ])
  })

  it('keeps a month the server sent outside the period', () => {
    const option = monthChartOption({ from: '2026-03-01', to: '2026-03-31', by_month: [{ month: '2026-02', found: 1, verified: 0 }] }, t) as { xAxis: { data: string[] } }
    expect(option.xAxis.data).toEqual(['2026-02', '2026-03'])
  })

  it('draws the busiest region on top', () => {
    const option = regionChartOption(overview(), t) as { yAxis: { data: string[] }; series: Series[] }
    // A horizontal category axis draws its last entry at the top.
    expect(option.yAxis.data).toEqual(['东安街道', '东和街道'])
    expect(option.series.map((s) => s.data)).toEqual([
      [1, 4],
      [0, 2],
    ])
    expect(regionChartHeight(2)).toBe('320px')
    expect(regionChartHeight(20)).toBe('620px')
  })

  it('shows the states in the loop\'s order, without the empty ones', () => {
    const option = statePieOption(overview(), t) as { series: Series[] }
    const data = option.series[0].data as { name: string; value: number }[]
    expect(data.map((d) => [d.name, d.value])).toEqual([
      ['hazards.states.reported', 3],
      ['hazards.states.rectifying', 2],
      ['hazards.states.verified', 11],
      ['hazards.states.cancelled', 1],
    ])
  })

  it('leaves the slices unlabelled on a phone', () => {
    const labels = (compact: boolean) => ((statePieOption(overview(), t, compact) as { series: { label: { show: boolean } }[] }).series[0].label.show)
    expect(labels(false)).toBe(true)
    expect(labels(true)).toBe(false)
  })

  it('knows when there is nothing to draw', () => {
    const empty = overview()
    empty.hazards = { ...empty.hazards, by_state: {} }
    expect(hasHazards(empty)).toBe(false)
    expect(hasHazards(overview())).toBe(true)
  })
})

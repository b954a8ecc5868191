// The home page: the welcome rows, the figure cards (each a link into the filtered list), the
// chart options built from GET /stats/overview, and the columns of the coverage table.
import type { SessionUser } from '@/api/auth'
import { HAZARD_STATES, type HazardState } from '@/api/hazards'
import type { StatsOverview, StatsQuery } from '@/api/stats'
import type { Role } from '@/api/users'
import type { EChartsCoreOption } from '@/charts'

type Translate = (key: string, named?: Record<string, unknown>) => string

export interface WelcomeRow {
  /** i18n key of the label. */
  label: string
  value: string
  test: string
}

/** The facts the welcome card lists, in display order. */
export function welcomeRows(user: SessionUser, regionName: string, t: (key: string) => string): WelcomeRow[] {
  let scope = t('dashboard.scopeAll')
  if (user.region_code) scope = regionName ? `${regionName}（${user.region_code}）` : user.region_code
  return [
    { label: 'dashboard.username', value: user.username, test: 'dashboard-username' },
    { label: 'dashboard.role', value: t(`roles.${user.role}`), test: 'dashboard-role' },
    { label: 'dashboard.scope', value: scope, test: 'dashboard-scope' },
  ]
}

/**
 * Which home page a role gets: officers the statistics of their region, an enterprise those of
 * itself, an expert (whom the statistics refuse) the welcome card alone.
 */
export function dashboardKind(role: Role | null | undefined): 'officer' | 'enterprise' | 'welcome' {
  if (role === 'admin' || role === 'bureau' || role === 'station' || role === 'grid') return 'officer'
  return role === 'enterprise' ? 'enterprise' : 'welcome'
}

// ---- Filters

export interface DashboardFilters {
  region_code: string | null
  /** YYYY-MM-DD; null: the server's default (1 January of this year, and today). */
  from: string | null
  to: string | null
}

export function statsQuery(filters: DashboardFilters): StatsQuery {
  return { region_code: filters.region_code || null, from: filters.from || null, to: filters.to || null }
}

// ---- Cards

export type CardKey = 'inspections' | 'found' | 'onTime' | 'open' | 'overdue' | 'listed' | 'coverage'
export type CardTone = 'primary' | 'success' | 'warning' | 'danger' | 'info'

export interface DashboardCard {
  key: CardKey
  /** i18n key of the title. */
  label: string
  value: string
  /** The line under the figure, already worded. */
  hint: string
  tone: CardTone
  /** Where a click goes: the list behind the figure. */
  to: { path: string; query: Record<string, string> } | null
}

/** "96.5%", or "—" when there is nothing to divide by. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${rate.toFixed(1)}%`
}

/**
 * The figure cards, in display order. The hazard cards open the hazard list with the matching
 * filter (and the region picked); coverage is an officer's concern and scrolls to its table.
 */
export function dashboardCards(overview: StatsOverview, kind: 'officer' | 'enterprise', regionCode: string | null, t: Translate): DashboardCard[] {
  const { hazards, coverage } = overview
  const region: Record<string, string> = regionCode ? { region_code: regionCode } : {}
  const hazardsWith = (query: Record<string, string>) => ({ path: '/hazards', query: { ...query, ...region } })
  const cards: DashboardCard[] = [
    {
      key: 'inspections',
      label: 'dashboard.cards.inspections',
      value: String(overview.inspections),
      hint: t('dashboard.cards.inspectionsHint', { count: overview.enterprises_inspected }),
      tone: 'primary',
      to: { path: '/inspections', query: {} },
    },
    {
      key: 'found',
      label: 'dashboard.cards.found',
      value: String(hazards.found),
      hint: t('dashboard.cards.foundHint', { count: hazards.verified }),
      tone: 'warning',
      to: hazardsWith({ state: 'all' }),
    },
    {
      key: 'onTime',
      label: 'dashboard.cards.onTime',
      value: formatRate(hazards.on_time_rate),
      hint: t('dashboard.cards.onTimeHint', { onTime: hazards.verified_on_time, due: hazards.due }),
      tone: hazards.on_time_rate === null || hazards.on_time_rate >= 90 ? 'success' : 'warning',
      to: hazardsWith({ state: 'verified' }),
    },
    {
      key: 'open',
      label: 'dashboard.cards.open',
      value: String(hazards.open),
      hint: t('dashboard.cards.nowHint'),
      tone: 'primary',
      to: hazardsWith({ state: 'open' }),
    },
    {
      key: 'overdue',
      label: 'dashboard.cards.overdue',
      value: String(hazards.overdue),
      hint: t('dashboard.cards.nowHint'),
      tone: hazards.overdue > 0 ? 'danger' : 'success',
      to: hazardsWith({ overdue: 'true' }),
    },
    {
      key: 'listed',
      label: 'dashboard.cards.listed',
      value: String(hazards.major_listed),
      hint: t('dashboard.cards.nowHint'),
      tone: hazards.major_listed > 0 ? 'danger' : 'info',
      to: hazardsWith({ listed: 'true' }),
    },
  ]
  if (kind === 'officer') {
    cards.push({
      key: 'coverage',
      label: 'dashboard.cards.coverage',
      value: formatRate(coverage.rate),
      hint: t('dashboard.cards.coverageHint', { quarter: coverage.quarter, inspected: coverage.inspected, total: coverage.enterprises }),
      tone: 'info',
      to: null,
    })
  }
  return cards
}

// ---- Charts

/** Every month from the month of `from` to the month of `to`, as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = []
  let year = Number(from.slice(0, 4))
  let month = Number(from.slice(5, 7))
  const lastYear = Number(to.slice(0, 4))
  const lastMonth = Number(to.slice(5, 7))
  if (!year || !month || !lastYear || !lastMonth) return months
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`)
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
  return months
}

const COLORS = {
  found: '#e6a23c',
  verified: '#67c23a',
  open: '#409eff',
  overdue: '#f56c6c',
}

/** A state's colour in the pie, close to its tag's colour in the hazard pages. */
export const STATE_COLORS: Record<HazardState, string> = {
  reported: '#f56c6c',
  notified: '#e6a23c',
  rectifying: '#409eff',
  submitted: '#1f6fd1',
  rejected: '#b03a3a',
  verified: '#67c23a',
  cancelled: '#909399',
}

/** Hazards found against hazards verified, month by month; months without any count as 0. */
export function monthChartOption(overview: Pick<StatsOverview, 'from' | 'to' | 'by_month'>, t: Translate): EChartsCoreOption {
  const months = monthsBetween(overview.from, overview.to)
  const byMonth = new Map(overview.by_month.map((row) => [row.month, row]))
  for (const row of overview.by_month) if (!months.includes(row.month)) months.push(row.month)
  months.sort()
  const found = t('dashboard.charts.found')
  const verified = t('dashboard.charts.verified')
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [found, verified], top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: found, type: 'bar', data: months.map((m) => byMonth.get(m)?.found ?? 0), itemStyle: { color: COLORS.found } },
      { name: verified, type: 'line', data: months.map((m) => byMonth.get(m)?.verified ?? 0), itemStyle: { color: COLORS.verified } },
    ],
  }
}

/** Open and overdue hazards of each child region, as horizontal bars (names are long). */
export function regionChartOption(overview: Pick<StatsOverview, 'by_region'>, t: Translate): EChartsCoreOption {
  // The busiest region at the top: a horizontal category axis draws its first entry at the bottom.
  const rows = [...overview.by_region].sort((a, b) => a.open - b.open || a.overdue - b.overdue || b.name.localeCompare(a.name))
  const open = t('dashboard.charts.open')
  const overdue = t('dashboard.charts.overdue')
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [open, overdue], top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((row) => row.name) },
    series: [
      { name: open, type: 'bar', data: rows.map((row) => row.open), itemStyle: { color: COLORS.open } },
      { name: overdue, type: 'bar', data: rows.map((row) => row.overdue), itemStyle: { color: COLORS.overdue } },
    ],
  }
}

/** The height the region bars need: a row per region, at least the other charts' height. */
export function regionChartHeight(regions: number): string {
  return `${Math.max(320, 60 + regions * 28)}px`
}

/**
 * Hazards by state now, in the loop's order, without the empty states. On a phone the labels
 * beside the slices would be cut at the screen's edge: the legend and the tooltip name them.
 */
export function statePieOption(overview: Pick<StatsOverview, 'hazards'>, t: Translate, compact = false): EChartsCoreOption {
  const data = HAZARD_STATES.map((state) => ({
    name: t(`hazards.states.${state}`),
    value: overview.hazards.by_state[state] ?? 0,
    itemStyle: { color: STATE_COLORS[state] },
  })).filter((item) => item.value > 0)
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['36%', '60%'],
        center: ['50%', '45%'],
        data,
        // State names are short; never cut them to fit beside a small slice.
        label: { show: !compact, formatter: '{b}\n{c}', overflow: 'none' },
      },
    ],
  }
}

/** Whether the charts have anything to draw. */
export function hasHazards(overview: Pick<StatsOverview, 'hazards'>): boolean {
  return Object.values(overview.hazards.by_state).some((count) => (count ?? 0) > 0)
}

// ---- The coverage table

export interface UncoveredColumn {
  prop: 'name' | 'uscc' | 'region_code'
  /** i18n key of the header. */
  label: string
  minWidth?: number
  width?: number
}

export const uncoveredColumns: UncoveredColumn[] = [
  { prop: 'name', label: 'dashboard.missing.name', minWidth: 220 },
  { prop: 'uscc', label: 'dashboard.missing.uscc', width: 200 },
  { prop: 'region_code', label: 'dashboard.missing.region', minWidth: 160 },
]

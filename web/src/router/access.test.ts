import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/users'
import {
  canApproveEvaluations,
  canEditPeople,
  canIssueNotices,
  canManageBlacklist,
  canManageCredit,
  canPrepareEvaluations,
  canReadCredit,
  canManageChecklists,
  canManagePlans,
  canManageEnterprises,
  canManageScoring,
  canPlanScoringQuarter,
  canReadScoringQuarter,
  canReadScoreCards,
  canRecordScores,
  canManageGrids,
  canReportHazards,
  canUse,
  decideNavigation,
  grantableRoles,
  hasPlanTasks,
  inspectionKindsFor,
  menuForRole,
  needsSession,
  recordersOf,
  safeRedirect,
  type Decision,
  type RouteFacts,
  canApplyRepairs,
  canDecideRepairs,
  canManageWatchlist,
  canReadWatchlist,
} from './access'

describe('menuForRole', () => {
  const table: [Role | null, string[]][] = [
    ['admin', ['dashboard', 'enterprises', 'inspections', 'plans', 'hazards', 'scoring', 'credit', 'watchlist', 'checklists', 'enterpriseMap', 'grids', 'certificates', 'users', 'regions', 'audit']],
    ['bureau', ['dashboard', 'enterprises', 'inspections', 'plans', 'hazards', 'scoring', 'credit', 'watchlist', 'checklists', 'enterpriseMap', 'grids', 'certificates', 'users', 'regions']],
    ['station', ['dashboard', 'enterprises', 'inspections', 'plans', 'hazards', 'scoring', 'credit', 'watchlist', 'checklists', 'enterpriseMap', 'grids', 'certificates', 'regions']],
    ['grid', ['dashboard', 'enterprises', 'inspections', 'plans', 'hazards', 'scoring', 'checklists', 'enterpriseMap', 'grids', 'certificates']],
    ['enterprise', ['dashboard', 'myEnterprise', 'inspections', 'hazards', 'checklists']],
    ['expert', ['dashboard', 'checklists']],
    [null, []],
  ]
  it.each(table)('%s sees %j', (role, features) => {
    expect(menuForRole(role, 7).map((item) => item.feature)).toEqual(features)
  })

  it('sends an enterprise account to its own enterprise', () => {
    const mine = menuForRole('enterprise', 42).find((item) => item.feature === 'myEnterprise')
    expect(mine?.path).toBe('/enterprises/42')
    expect(mine?.label).toBe('menu.myEnterprise')
    expect(menuForRole('enterprise', 42).some((item) => item.path === '/enterprises')).toBe(false)
  })

  it('leaves out "my enterprise" when the account has no enterprise', () => {
    expect(menuForRole('enterprise', null).map((item) => item.feature)).toEqual(['dashboard', 'inspections', 'hazards', 'checklists'])
  })

  it('gives every entry a path, a label key and an icon', () => {
    for (const item of menuForRole('admin')) {
      expect(item.path.startsWith('/')).toBe(true)
      expect(item.label).toMatch(/^menu\./)
      expect(item.icon).toBeTruthy()
    }
  })

  it('agrees with canUse', () => {
    expect(canUse('bureau', 'audit')).toBe(false)
    expect(canUse('admin', 'audit')).toBe(true)
    expect(canUse('station', 'users')).toBe(false)
    expect(canUse(null, 'dashboard')).toBe(false)
    expect(canUse('enterprise', 'enterprises')).toBe(false)
    expect(canUse('enterprise', ['enterprises', 'myEnterprise'])).toBe(true)
    expect(canUse('expert', ['enterprises', 'myEnterprise'])).toBe(false)
  })

  it.each<[Role | null, boolean]>([
    ['admin', true],
    ['bureau', true],
    ['station', true],
    ['grid', false],
    ['enterprise', false],
    ['expert', false],
    [null, false],
  ])('%s may manage enterprises: %s', (role, expected) => {
    expect(canManageEnterprises(role)).toBe(expected)
  })

  it.each<[Role | null, boolean, boolean]>([
    ['admin', true, true],
    ['bureau', true, true],
    ['station', true, true],
    ['grid', false, false],
    ['enterprise', false, true],
    ['expert', false, false],
    [null, false, false],
  ])('%s: manage grids %s, edit key people %s', (role, grids, people) => {
    expect(canManageGrids(role)).toBe(grids)
    expect(canEditPeople(role)).toBe(people)
  })
})

describe('inspections, hazards and checklists', () => {
  it.each<[Role | null, string[]]>([
    ['admin', []],
    ['bureau', ['district_enforcement', 'expert_diagnosis', 'alliance_mutual', 'special_campaign']],
    ['station', ['grid_patrol', 'town_routine', 'expert_diagnosis', 'alliance_mutual', 'special_campaign']],
    ['grid', ['grid_patrol', 'special_campaign']],
    ['enterprise', ['self_check']],
    ['expert', []],
    [null, []],
  ])('%s starts inspections of kinds %j', (role, kinds) => {
    expect(inspectionKindsFor(role)).toEqual(kinds)
  })

  it.each<[Role | null, boolean, boolean, boolean]>([
    ['admin', true, false, false],
    ['bureau', true, true, true],
    ['station', false, true, true],
    ['grid', false, true, false],
    ['enterprise', false, true, false],
    ['expert', false, false, false],
    [null, false, false, false],
  ])('%s: write checklists %s, report hazards %s, issue notices %s', (role, checklists, report, notices) => {
    expect(canManageChecklists(role)).toBe(checklists)
    expect(canReportHazards(role)).toBe(report)
    expect(canIssueNotices(role)).toBe(notices)
  })
})

describe('inspection plans', () => {
  it.each<[Role | null, boolean, boolean]>([
    ['admin', false, false],
    ['bureau', true, true],
    ['station', true, true],
    ['grid', false, true],
    ['enterprise', false, false],
    ['expert', false, false],
    [null, false, false],
  ])('%s: draws up plans %s, has tasks %s', (role, plans, tasks) => {
    expect(canManagePlans(role)).toBe(plans)
    expect(hasPlanTasks(role)).toBe(tasks)
  })

  it('assigns a kind only to the roles that record it (mirrors inspection::MayRecord)', () => {
    expect(recordersOf('grid_patrol')).toEqual(['station', 'grid'])
    expect(recordersOf('town_routine')).toEqual(['station'])
    expect(recordersOf('district_enforcement')).toEqual(['bureau'])
    expect(recordersOf('special_campaign')).toEqual(['bureau', 'station', 'grid'])
    expect(recordersOf('self_check')).toEqual(['enterprise'])
  })
})

describe('the 12-point system', () => {
  it.each<[Role | null, boolean, boolean, boolean, boolean, boolean, boolean]>([
    ['admin', true, false, true, true, true, false],
    ['bureau', true, true, false, true, true, false],
    ['station', true, true, false, true, true, true],
    ['grid', true, false, false, true, false, false],
    ['enterprise', true, false, false, false, false, false],
    ['expert', false, false, false, false, false, false],
    [null, false, false, false, false, false, false],
  ])(
    '%s: reads score cards %s, records points %s, manages settings %s, has the scoring page %s, reads the quarter %s, plans it %s',
    (role, cards, records, manages, page, quarter, plans) => {
      expect(canReadScoreCards(role)).toBe(cards)
      expect(canRecordScores(role)).toBe(records)
      expect(canManageScoring(role)).toBe(manages)
      expect(canUse(role, 'scoring')).toBe(page)
      expect(canReadScoringQuarter(role)).toBe(quarter)
      expect(canPlanScoringQuarter(role)).toBe(plans)
    },
  )
})

describe('credit', () => {
  it.each<[Role | null, boolean, boolean, boolean, boolean, boolean, boolean]>([
    ['admin', true, true, false, true, true, true],
    ['bureau', true, true, true, true, true, false],
    ['station', true, true, true, false, false, false],
    ['grid', false, true, false, false, false, false],
    ['enterprise', false, true, false, false, false, false],
    ['expert', false, false, false, false, false, false],
    [null, false, false, false, false, false, false],
  ])(
    '%s: has the credit page %s, reads ratings %s, prepares %s, approves %s, manages the blacklist %s, the settings %s',
    (role, page, reads, prepares, approves, blacklist, settings) => {
      expect(canUse(role, 'credit')).toBe(page)
      expect(canReadCredit(role)).toBe(reads)
      expect(canPrepareEvaluations(role)).toBe(prepares)
      expect(canApproveEvaluations(role)).toBe(approves)
      expect(canManageBlacklist(role)).toBe(blacklist)
      expect(canManageCredit(role)).toBe(settings)
    },
  )

  it('opens an evaluation to whoever reads ratings', () => {
    const feature = ['credit', 'enterprises', 'myEnterprise'] as const
    expect(canUse('grid', feature)).toBe(true)
    expect(canUse('enterprise', feature)).toBe(true)
    expect(canUse('expert', feature)).toBe(false)
  })
})

describe('grantableRoles', () => {
  it.each<[Role | null, Role[]]>([
    ['admin', ['admin', 'bureau', 'station', 'grid', 'enterprise', 'expert']],
    ['bureau', ['station', 'grid']],
    ['station', []],
    ['grid', []],
    [null, []],
  ])('%s may grant %j', (role, roles) => {
    expect(grantableRoles(role)).toEqual(roles)
  })
})

describe('safeRedirect', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/users?page=2', '/users?page=2'],
    ['https://evil.example', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['/login', '/'],
    ['/login?redirect=/x', '/'],
    ['/regions/990102000000', '/regions/990102000000'],
  ])('%s → %s', (input, expected) => {
    expect(safeRedirect(input)).toBe(expected)
  })
})

describe('needsSession', () => {
  it.each<[string, boolean, boolean]>([
    ['/login', true, true],
    ['/public/credit', true, false],
    ['/', false, true],
    ['/credit', false, true],
  ])('%s (public %s) asks who is signed in: %s', (path, isPublic, expected) => {
    expect(needsSession({ path, public: isPublic })).toBe(expected)
  })
})

describe('decideNavigation', () => {
  const page = (path: string, extra: Partial<RouteFacts> = {}): RouteFacts => ({
    path,
    fullPath: path,
    public: false,
    ...extra,
  })
  const login = (redirect?: string) => page('/login', { public: true, redirect })

  const table: [string, RouteFacts, Role | null, Decision][] = [
    ['anonymous on login', login(), null, { kind: 'allow' }],
    ['anonymous on home', page('/', { feature: 'dashboard' }), null, { kind: 'login' }],
    ['anonymous on users', page('/users', { feature: 'users' }), null, { kind: 'login', redirect: '/users' }],
    [
      'anonymous keeps the query',
      page('/audit', { fullPath: '/audit?page=2', feature: 'audit' }),
      null,
      { kind: 'login', redirect: '/audit?page=2' },
    ],
    ['anonymous on unknown page', page('/nope'), null, { kind: 'login', redirect: '/nope' }],
    ['signed in on login', login(), 'admin', { kind: 'redirect', path: '/' }],
    ['signed in on login with redirect', login('/users'), 'admin', { kind: 'redirect', path: '/users' }],
    ['signed in on login, foreign redirect', login('//evil'), 'admin', { kind: 'redirect', path: '/' }],
    ['admin on audit', page('/audit', { feature: 'audit' }), 'admin', { kind: 'allow' }],
    ['bureau on audit', page('/audit', { feature: 'audit' }), 'bureau', { kind: 'not-found' }],
    ['bureau on users', page('/users', { feature: 'users' }), 'bureau', { kind: 'allow' }],
    ['station on users', page('/users', { feature: 'users' }), 'station', { kind: 'not-found' }],
    ['station on a region', page('/regions/990102010000', { feature: 'regions' }), 'station', { kind: 'allow' }],
    ['grid on regions', page('/regions', { feature: 'regions' }), 'grid', { kind: 'not-found' }],
    ['expert on home', page('/', { feature: 'dashboard' }), 'expert', { kind: 'allow' }],
    ['enterprise on unknown page', page('/nope'), 'enterprise', { kind: 'allow' }],
    ['grid on enterprises', page('/enterprises', { feature: 'enterprises' }), 'grid', { kind: 'allow' }],
    ['enterprise on the list', page('/enterprises', { feature: 'enterprises' }), 'enterprise', { kind: 'not-found' }],
    ['expert on the list', page('/enterprises', { feature: 'enterprises' }), 'expert', { kind: 'not-found' }],
    ['enterprise on a detail', page('/enterprises/1', { feature: ['enterprises', 'myEnterprise'] }), 'enterprise', { kind: 'allow' }],
    ['station on a detail', page('/enterprises/1', { feature: ['enterprises', 'myEnterprise'] }), 'station', { kind: 'allow' }],
    ['expert on a detail', page('/enterprises/1', { feature: ['enterprises', 'myEnterprise'] }), 'expert', { kind: 'not-found' }],
    ['grid on grids', page('/grids', { feature: 'grids' }), 'grid', { kind: 'allow' }],
    ['enterprise on grids', page('/grids', { feature: 'grids' }), 'enterprise', { kind: 'not-found' }],
    ['station on the map', page('/enterprise-map', { feature: 'enterpriseMap' }), 'station', { kind: 'allow' }],
    ['expert on certificates', page('/certificates', { feature: 'certificates' }), 'expert', { kind: 'not-found' }],
    ['enterprise on hazards', page('/hazards', { feature: 'hazards' }), 'enterprise', { kind: 'allow' }],
    ['grid on an inspection', page('/inspections/3', { feature: 'inspections' }), 'grid', { kind: 'allow' }],
    ['expert on hazards', page('/hazards', { feature: 'hazards' }), 'expert', { kind: 'not-found' }],
    ['expert on inspections', page('/inspections', { feature: 'inspections' }), 'expert', { kind: 'not-found' }],
    ['expert on checklists', page('/checklists/1', { feature: 'checklists' }), 'expert', { kind: 'allow' }],
    ['anonymous on the public credit list', page('/public/credit', { public: true }), null, { kind: 'allow' }],
    ['signed in on the public credit list', page('/public/credit', { public: true }), 'station', { kind: 'allow' }],
    ['station on credit', page('/credit', { feature: 'credit' }), 'station', { kind: 'allow' }],
    ['grid on credit', page('/credit', { feature: 'credit' }), 'grid', { kind: 'not-found' }],
    ['enterprise on credit', page('/credit', { feature: 'credit' }), 'enterprise', { kind: 'not-found' }],
  ]
  it.each(table)('%s', (_name, to, role, expected) => {
    expect(decideNavigation(to, role)).toEqual(expected)
  })
})

describe('credit repair and progressive management', () => {
  it.each<[Role | null, boolean, boolean, boolean, boolean, boolean]>([
    ['admin', false, true, true, true, true],
    ['bureau', false, true, true, true, true],
    ['station', false, false, true, false, true],
    ['grid', false, false, false, false, false],
    ['enterprise', true, false, true, false, false],
    ['expert', false, false, false, false, false],
    [null, false, false, false, false, false],
  ])('%s: applies for repair %s, decides %s, reads the watch list %s, manages it %s, has the page %s', (role, applies, decides, reads, manages, page) => {
    expect(canApplyRepairs(role)).toBe(applies)
    expect(canDecideRepairs(role)).toBe(decides)
    expect(canReadWatchlist(role)).toBe(reads)
    expect(canManageWatchlist(role)).toBe(manages)
    expect(canUse(role, 'watchlist')).toBe(page)
  })
})

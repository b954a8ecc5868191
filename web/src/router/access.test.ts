import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/users'
import { canUse, decideNavigation, grantableRoles, menuForRole, safeRedirect, type Decision, type RouteFacts } from './access'

describe('menuForRole', () => {
  const table: [Role | null, string[]][] = [
    ['admin', ['dashboard', 'users', 'regions', 'audit']],
    ['bureau', ['dashboard', 'users', 'regions']],
    ['station', ['dashboard', 'regions']],
    ['grid', ['dashboard']],
    ['enterprise', ['dashboard']],
    ['expert', ['dashboard']],
    [null, []],
  ]
  it.each(table)('%s sees %j', (role, features) => {
    expect(menuForRole(role).map((item) => item.feature)).toEqual(features)
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
  ]
  it.each(table)('%s', (_name, to, role, expected) => {
    expect(decideNavigation(to, role)).toEqual(expected)
  })
})

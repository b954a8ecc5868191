// Who may see what, as pure functions: the side menu and the route guard both ask here.
import type { InspectionKind } from '@/api/inspections'
import type { Role } from '@/api/users'

export type Feature =
  | 'dashboard'
  | 'enterprises'
  | 'myEnterprise'
  | 'enterpriseMap'
  | 'inspections'
  | 'plans'
  | 'hazards'
  | 'scoring'
  | 'credit'
  | 'watchlist'
  | 'checklists'
  | 'grids'
  | 'certificates'
  | 'users'
  | 'regions'
  | 'audit'

export interface MenuItem {
  feature: Feature
  path: string
  /** i18n key of the label. */
  label: string
  /** Name of the @element-plus/icons-vue icon. */
  icon:
    | 'HomeFilled'
    | 'OfficeBuilding'
    | 'User'
    | 'Location'
    | 'Document'
    | 'Grid'
    | 'Postcard'
    | 'MapLocation'
    | 'DocumentChecked'
    | 'Warning'
    | 'List'
    | 'Calendar'
    | 'Histogram'
    | 'Medal'
    | 'Flag'
}

const MENU: Record<Feature, MenuItem> = {
  dashboard: { feature: 'dashboard', path: '/', label: 'menu.dashboard', icon: 'HomeFilled' },
  enterprises: { feature: 'enterprises', path: '/enterprises', label: 'menu.enterprises', icon: 'OfficeBuilding' },
  // The path gets the account's enterprise id appended by menuForRole.
  myEnterprise: { feature: 'myEnterprise', path: '/enterprises', label: 'menu.myEnterprise', icon: 'OfficeBuilding' },
  enterpriseMap: { feature: 'enterpriseMap', path: '/enterprise-map', label: 'menu.enterpriseMap', icon: 'MapLocation' },
  inspections: { feature: 'inspections', path: '/inspections', label: 'menu.inspections', icon: 'DocumentChecked' },
  plans: { feature: 'plans', path: '/plans', label: 'menu.plans', icon: 'Calendar' },
  hazards: { feature: 'hazards', path: '/hazards', label: 'menu.hazards', icon: 'Warning' },
  scoring: { feature: 'scoring', path: '/scoring', label: 'menu.scoring', icon: 'Histogram' },
  credit: { feature: 'credit', path: '/credit', label: 'menu.credit', icon: 'Medal' },
  watchlist: { feature: 'watchlist', path: '/watchlist', label: 'menu.watchlist', icon: 'Flag' },
  checklists: { feature: 'checklists', path: '/checklists', label: 'menu.checklists', icon: 'List' },
  grids: { feature: 'grids', path: '/grids', label: 'menu.grids', icon: 'Grid' },
  certificates: { feature: 'certificates', path: '/certificates', label: 'menu.certificates', icon: 'Postcard' },
  users: { feature: 'users', path: '/users', label: 'menu.users', icon: 'User' },
  regions: { feature: 'regions', path: '/regions', label: 'menu.regions', icon: 'Location' },
  audit: { feature: 'audit', path: '/audit', label: 'menu.audit', icon: 'Document' },
}

// Inspections and hazards are read by whoever reads enterprises (the server scopes them the same
// way); checklist templates by every signed-in user. Inspection plans by officers: a grid worker
// sees the plans that name it on a target; enterprise and expert accounts none. The 12-point
// system's lists (rankings, follow-ups, events) are the officers'; an enterprise reads its own
// score card on its enterprise page. Credit (信用管理: evaluations, distribution, blacklist) is the
// stations', bureaus' and administrators'; grid workers and enterprises read approved ratings on the
// enterprise page. Progressive management (渐进式管理) is the bureaus' and administrators' (stations read
// their town's); an enterprise reads its own ladder on its enterprise page.
const FEATURES_BY_ROLE: Record<Role, readonly Feature[]> = {
  admin: ['dashboard', 'enterprises', 'inspections', 'plans', 'hazards', 'scoring', 'credit', 'watchlist', 'checklists', 'enterpriseMap', 'grids', 'certificates', 'users', 'regions', 'audit'],
  bureau: ['dashboard', 'enterprises', 'inspections', 'plans', 'hazards', 'scoring', 'credit', 'watchlist', 'checklists', 'enterpriseMap', 'grids', 'certificates', 'users', 'regions'],
  station: ['dashboard', 'enterprises', 'inspections', 'plans', 'hazards', 'scoring', 'credit', 'watchlist', 'checklists', 'enterpriseMap', 'grids', 'certificates', 'regions'],
  grid: ['dashboard', 'enterprises', 'inspections', 'plans', 'hazards', 'scoring', 'checklists', 'enterpriseMap', 'grids', 'certificates'],
  enterprise: ['dashboard', 'myEnterprise', 'inspections', 'hazards', 'checklists'],
  expert: ['dashboard', 'checklists'],
}

export function featuresForRole(role: Role | null | undefined): readonly Feature[] {
  if (!role) return []
  return FEATURES_BY_ROLE[role] ?? []
}

/** The side menu; an enterprise account's "my enterprise" entry needs its enterprise id. */
export function menuForRole(role: Role | null | undefined, enterpriseId?: number | null): MenuItem[] {
  const items: MenuItem[] = []
  for (const feature of featuresForRole(role)) {
    if (feature !== 'myEnterprise') items.push(MENU[feature])
    else if (enterpriseId) items.push({ ...MENU.myEnterprise, path: `/enterprises/${enterpriseId}` })
  }
  return items
}

/** Whether the role has the feature, or any of the features when given several. */
export function canUse(role: Role | null | undefined, feature: Feature | readonly Feature[]): boolean {
  const wanted: readonly Feature[] = typeof feature === 'string' ? [feature] : feature
  return wanted.some((f) => featuresForRole(role).includes(f))
}

/** Roles that may create enterprises and edit every field of one (mirrors the server). */
export function canManageEnterprises(role: Role | null | undefined): boolean {
  return role === 'admin' || role === 'bureau' || role === 'station'
}

/** Roles that may draw grid cells, name their responsible persons and move enterprises between them. */
export function canManageGrids(role: Role | null | undefined): boolean {
  return role === 'admin' || role === 'bureau' || role === 'station'
}

/** Roles that may edit an enterprise's key people: officers in scope, and the enterprise itself. */
export function canEditPeople(role: Role | null | undefined): boolean {
  return canManageEnterprises(role) || role === 'enterprise'
}

/** Roles that write checklist templates and their versions (mirrors the server). */
export function canManageChecklists(role: Role | null | undefined): boolean {
  return role === 'admin' || role === 'bureau'
}

// Who records which kind of inspection (mirrors the server's inspection::MayRecord). Experts and
// alliances record theirs through stations and bureaus until those modules exist.
const INSPECTION_KINDS_BY_ROLE: Record<Role, readonly InspectionKind[]> = {
  admin: [],
  bureau: ['district_enforcement', 'expert_diagnosis', 'alliance_mutual', 'special_campaign'],
  station: ['grid_patrol', 'town_routine', 'expert_diagnosis', 'alliance_mutual', 'special_campaign'],
  grid: ['grid_patrol', 'special_campaign'],
  enterprise: ['self_check'],
  expert: [],
}

/** The inspection kinds the role may start; none: the role starts no inspections. */
export function inspectionKindsFor(role: Role | null | undefined): readonly InspectionKind[] {
  return role ? (INSPECTION_KINDS_BY_ROLE[role] ?? []) : []
}

/** The roles that may record an inspection of the kind: whom a plan of that kind may be assigned to. */
export function recordersOf(kind: InspectionKind): Role[] {
  return (Object.keys(INSPECTION_KINDS_BY_ROLE) as Role[]).filter((role) => INSPECTION_KINDS_BY_ROLE[role].includes(kind))
}

/** Roles that draw up inspection plans for their area: town stations and bureaus (mirrors plan::MayPlan). */
export function canManagePlans(role: Role | null | undefined): boolean {
  return role === 'station' || role === 'bureau'
}

/** Roles that may be given plan targets of their own, and so have a task list. */
export function hasPlanTasks(role: Role | null | undefined): boolean {
  return role === 'station' || role === 'bureau' || role === 'grid'
}

/** Roles that enter hazards directly (an enterprise account only for itself). */
export function canReportHazards(role: Role | null | undefined): boolean {
  return role === 'bureau' || role === 'station' || role === 'grid' || role === 'enterprise'
}

/** Roles that issue rectification notices (整改通知书): town stations and bureaus. */
export function canIssueNotices(role: Role | null | undefined): boolean {
  return role === 'station' || role === 'bureau'
}

/** Roles that read an enterprise's score card (记分): officers in scope, and the enterprise its own. */
export function canReadScoreCards(role: Role | null | undefined): boolean {
  return role === 'admin' || role === 'bureau' || role === 'station' || role === 'grid' || role === 'enterprise'
}

/**
 * Roles that record points by hand, revoke them, record re-inspections and close follow-ups:
 * town stations and bureaus (mirrors scoring::MayRecord; administrators only read).
 */
export function canRecordScores(role: Role | null | undefined): boolean {
  return role === 'station' || role === 'bureau'
}

/**
 * Roles that read the quarter of the scored sectors by town (季度): administrators, bureaus and
 * stations; grid workers, enterprises and experts do not (mirrors scoring::Service::Quarter).
 */
export function canReadScoringQuarter(role: Role | null | undefined): boolean {
  return role === 'admin' || role === 'bureau' || role === 'station'
}

/** Roles that generate a town's quarter plans for the scored sectors: its town station. */
export function canPlanScoringQuarter(role: Role | null | undefined): boolean {
  return role === 'station'
}

/** Roles that change the scoring settings and run the cycle's rollover: administrators. */
export function canManageScoring(role: Role | null | undefined): boolean {
  return role === 'admin'
}

/**
 * Roles that read approved credit ratings and blacklist entries (officers in scope, the enterprise
 * its own); stations, bureaus and administrators also drafts (mirrors credit::ReadsRatings).
 */
export function canReadCredit(role: Role | null | undefined): boolean {
  return role === 'admin' || role === 'bureau' || role === 'station' || role === 'grid' || role === 'enterprise'
}

/** Roles that prepare an evaluation (create, edit, submit) and start a new revision: stations and bureaus. */
export function canPrepareEvaluations(role: Role | null | undefined): boolean {
  return role === 'station' || role === 'bureau'
}

/** Roles that approve or return a submitted evaluation: bureaus and administrators (a station gets 403). */
export function canApproveEvaluations(role: Role | null | undefined): boolean {
  return role === 'bureau' || role === 'admin'
}

/** Roles that list an enterprise on the blacklist and remove it early: bureaus and administrators. */
export function canManageBlacklist(role: Role | null | undefined): boolean {
  return role === 'bureau' || role === 'admin'
}

/** Roles that decide a repair application (信用修复): bureaus and administrators; stations read them. */
export function canDecideRepairs(role: Role | null | undefined): boolean {
  return role === 'bureau' || role === 'admin'
}

/** The role that applies for a repair: the enterprise account, for itself. */
export function canApplyRepairs(role: Role | null | undefined): boolean {
  return role === 'enterprise'
}

/** Roles that read the watch list (渐进式管理): bureaus, administrators, stations their town, an enterprise its own. */
export function canReadWatchlist(role: Role | null | undefined): boolean {
  return role === 'admin' || role === 'bureau' || role === 'station' || role === 'enterprise'
}

/** Roles that list, escalate and lift a subject and record interviews: bureaus and administrators. */
export function canManageWatchlist(role: Role | null | undefined): boolean {
  return role === 'bureau' || role === 'admin'
}

/** Roles that change the credit settings (weights, cut-offs, terms) and rules: administrators. */
export function canManageCredit(role: Role | null | undefined): boolean {
  return role === 'admin'
}

/** The roles an account of `actor` may create or assign (mirrors the server's CanGrant). */
export function grantableRoles(actor: Role | null | undefined): Role[] {
  if (actor === 'admin') return ['admin', 'bureau', 'station', 'grid', 'enterprise', 'expert']
  if (actor === 'bureau') return ['station', 'grid']
  return []
}

export interface RouteFacts {
  path: string
  fullPath: string
  /** Pages anyone may open, signed in or not (the login page, the public credit list). */
  public: boolean
  /** The feature the page belongs to (any of several); none for pages every signed-in user may see. */
  feature?: Feature | readonly Feature[]
  /** The `redirect` query of the login page, if that is where the user is going. */
  redirect?: string
}

export type Decision =
  | { kind: 'allow' }
  | { kind: 'login'; redirect?: string }
  | { kind: 'redirect'; path: string }
  | { kind: 'not-found' }

/** Accepts only same-site paths, so that ?redirect= cannot send a user to another site. */
export function safeRedirect(target: string | null | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/'
  if (target === '/login' || target.startsWith('/login?')) return '/'
  return target
}

/**
 * Whether the guard must first learn who is signed in (GET /me). A public page other than the login
 * page is served without asking: it calls no authenticated API at all.
 */
export function needsSession(to: Pick<RouteFacts, 'path' | 'public'>): boolean {
  return !to.public || to.path === '/login'
}

export function decideNavigation(to: RouteFacts, role: Role | null | undefined): Decision {
  const signedIn = !!role
  if (to.public) {
    if (signedIn && to.path === '/login') return { kind: 'redirect', path: safeRedirect(to.redirect) }
    return { kind: 'allow' }
  }
  if (!signedIn) return to.fullPath === '/' ? { kind: 'login' } : { kind: 'login', redirect: to.fullPath }
  if (to.feature && !canUse(role, to.feature)) return { kind: 'not-found' }
  return { kind: 'allow' }
}

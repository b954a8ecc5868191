import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import AppLayout from '@/components/AppLayout.vue'
import { useSessionStore } from '@/stores/session'
import { decideNavigation, needsSession, type Feature } from './access'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    feature?: Feature | readonly Feature[]
    title?: string
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { public: true, title: 'login.title' },
  },
  {
    // 信用公示: the commended and exposed lists and a lookup, for anyone, without signing in.
    path: '/public/credit',
    name: 'public-credit',
    component: () => import('@/views/public-credit/index.vue'),
    meta: { public: true, title: 'publicCredit.title' },
  },
  {
    path: '/',
    component: AppLayout,
    children: [
      {
        path: '',
        name: 'dashboard',
        component: () => import('@/views/dashboard/index.vue'),
        meta: { feature: 'dashboard', title: 'menu.dashboard' },
      },
      {
        path: 'enterprises',
        name: 'enterprises',
        component: () => import('@/views/enterprises/index.vue'),
        meta: { feature: 'enterprises', title: 'menu.enterprises' },
      },
      {
        // Officers open any enterprise of their region; an enterprise account only its own (the
        // server answers 404 for the others).
        path: 'enterprises/:id(\\d+)',
        name: 'enterprise',
        component: () => import('@/views/enterprises/detail.vue'),
        meta: { feature: ['enterprises', 'myEnterprise'], title: 'enterprises.detail' },
      },
      {
        path: 'enterprise-map',
        name: 'enterprise-map',
        component: () => import('@/views/enterprise-map/index.vue'),
        meta: { feature: 'enterpriseMap', title: 'menu.enterpriseMap' },
      },
      {
        path: 'inspections',
        name: 'inspections',
        component: () => import('@/views/inspections/index.vue'),
        meta: { feature: 'inspections', title: 'menu.inspections' },
      },
      {
        // Grid workers fill this in on their phones, on site.
        path: 'inspections/:id(\\d+)',
        name: 'inspection',
        component: () => import('@/views/inspections/detail.vue'),
        meta: { feature: 'inspections', title: 'inspections.detail' },
      },
      {
        path: 'plans',
        name: 'plans',
        component: () => import('@/views/plans/index.vue'),
        meta: { feature: 'plans', title: 'menu.plans' },
      },
      {
        path: 'plans/:id(\\d+)',
        name: 'plan',
        component: () => import('@/views/plans/detail.vue'),
        meta: { feature: 'plans', title: 'plans.detail' },
      },
      {
        path: 'hazards',
        name: 'hazards',
        component: () => import('@/views/hazards/index.vue'),
        meta: { feature: 'hazards', title: 'menu.hazards' },
      },
      {
        path: 'hazards/:id(\\d+)',
        name: 'hazard',
        component: () => import('@/views/hazards/detail.vue'),
        meta: { feature: 'hazards', title: 'hazards.detail' },
      },
      {
        // Rankings, follow-ups and events for officers; settings and the rollover for administrators.
        path: 'scoring',
        name: 'scoring',
        component: () => import('@/views/scoring/index.vue'),
        meta: { feature: 'scoring', title: 'menu.scoring' },
      },
      {
        // Evaluations, their distribution and the blacklist for officers; rules and settings for administrators.
        path: 'credit',
        name: 'credit',
        component: () => import('@/views/credit/index.vue'),
        meta: { feature: 'credit', title: 'menu.credit' },
      },
      {
        // Whoever reads an enterprise's approved ratings opens one from its 信用 tab (the server
        // answers 404 for drafts to grid workers and enterprises).
        path: 'credit/evaluations/:id(\\d+)',
        name: 'credit-evaluation',
        component: () => import('@/views/credit/detail.vue'),
        meta: { feature: ['credit', 'enterprises', 'myEnterprise'], title: 'credit.detail' },
      },
      {
        // 渐进式管理: bureaus and administrators list, escalate and lift; stations read their town's.
        path: 'watchlist',
        name: 'watchlist',
        component: () => import('@/views/watchlist/index.vue'),
        meta: { feature: 'watchlist', title: 'menu.watchlist' },
      },
      {
        path: 'checklists',
        name: 'checklists',
        component: () => import('@/views/checklists/index.vue'),
        meta: { feature: 'checklists', title: 'menu.checklists' },
      },
      {
        path: 'checklists/:id(\\d+)',
        name: 'checklist',
        component: () => import('@/views/checklists/detail.vue'),
        meta: { feature: 'checklists', title: 'checklists.detail' },
      },
      {
        path: 'grids',
        name: 'grids',
        component: () => import('@/views/grids/index.vue'),
        meta: { feature: 'grids', title: 'menu.grids' },
      },
      {
        path: 'certificates',
        name: 'certificates',
        component: () => import('@/views/certificates/index.vue'),
        meta: { feature: 'certificates', title: 'menu.certificates' },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/users/index.vue'),
        meta: { feature: 'users', title: 'menu.users' },
      },
      {
        path: 'regions/:code?',
        name: 'regions',
        component: () => import('@/views/regions/index.vue'),
        meta: { feature: 'regions', title: 'menu.regions' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/audit/index.vue'),
        meta: { feature: 'audit', title: 'menu.audit' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/not-found/index.vue'),
        meta: { title: 'notFound.title' },
      },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
})

function facts(to: RouteLocationNormalized) {
  const redirect = to.query.redirect
  return {
    path: to.path,
    fullPath: to.fullPath,
    public: to.meta.public === true,
    feature: to.meta.feature,
    redirect: typeof redirect === 'string' ? redirect : undefined,
  }
}

router.beforeEach(async (to) => {
  const session = useSessionStore()
  const route = facts(to)
  // A public page other than the login page asks nobody who is signed in (no GET /me).
  if (needsSession(route)) await session.restore()
  const decision = decideNavigation(route, session.role)
  switch (decision.kind) {
    case 'allow':
      return true
    case 'login':
      return decision.redirect ? { path: '/login', query: { redirect: decision.redirect } } : { path: '/login' }
    case 'redirect':
      return decision.path
    case 'not-found':
      // Shows the 404 page while keeping the address the user asked for.
      return {
        name: 'not-found',
        params: { pathMatch: to.path.substring(1).split('/') },
        query: to.query,
        hash: to.hash,
        replace: true,
      }
  }
})

// The scope table: every role against records inside and outside its jurisdiction.
//
// To extend it, add rows to SCOPE below: { as, path, status, code?, has?, lacks?, total? }.
//   as     – a key of ACCOUNTS (the session to use)
//   path   – GET path; `{user:NAME}` is replaced by that user's id, `{ent:VILLAGE}` /
//            `{ent2:VILLAGE}` by the id of the first / second demo enterprise of that village,
//            `{uscc:VILLAGE}` / `{uscc2:VILLAGE}` by its unified social credit code,
//            `{name:VILLAGE}` by its name (URL-encoded), `{person:VILLAGE}` / `{person2:VILLAGE}`
//            by the id of the first key person of the first / second enterprise, `{cell:CODE}` by
//            the id of the demo grid cell of that town (level 1) or village (level 2);
//            `{inspection:VILLAGE}`, `{hazard:VILLAGE}`, `{notice:VILLAGE}` by the ids of a finished
//            inspection of the first enterprise of that village (by its town's station, one finding),
//            the hazard it found and the notice the station issued for it (the hazard is notified,
//            version 2), made in before()
//   status – expected status; `code` – expected error.code
//   has / lacks – usernames or region codes that must / must not appear anywhere in the body
//   total  – expected `total` of a list answer
//   within – region prefixes: every listed item's region_code (or its enterprise's) starts with one
//   hasEnt / lacksEnt – enterprises (`{ent:…}`) that must / must not be among the listed ones (list
//            of enterprises, map rows, people, certificates, inspections, hazards)
// A row may also set `method` and `body` for writes (default GET); the placeholders work in the
// body too (a string that is exactly `{ent:…}`, `{cell:…}`, … becomes the number). A refused write
// must leave the audit trail, the counts of enterprises, grid cells, inspections and hazards, and
// every record it names (enterprise, its people, grid cell, the enterprises it would move,
// inspection, hazard) unchanged.
// The demo has 1200 enterprises (harness default): two per village, 200 per district, 20 per town.
// Its grid: a level-1 cell per town led by the station, a level-2 cell per village under it;
// grid{d}_{t}_1 leads the cells of villages 1–5 of its town, grid{d}_{t}_2 those of villages 6–10.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, allUsers, completeUscc, DEMO_ENTERPRISES } from './harness.mjs';

const ENTERPRISE_PASSWORD = 'Enterprise2026';

// Who logs in for each role key.
const ACCOUNTS = {
  admin: 'admin',
  city: 'city', // bureau 990100000000
  district1: 'district1', // bureau 990102000000
  station1_1: 'station1_1', // station 990102001000
  grid1_1_1: 'grid1_1_1', // grid 990102001000, leads the cells of villages 1–5 (001–003, 201–202)
  grid1_1_2: 'grid1_1_2', // grid 990102001000, leads the cells of villages 6–10 (203–207)
  expert1: 'expert1', // expert, no region
  enterprise: 'ent_one', // enterprise 1, made with `anjian user add`
};

const R = {
  province: '990000000000',
  city: '990100000000',
  d1: '990102000000',
  d2: '990103000000',
  d6: '990107000000',
  d1t1: '990102001000', // station1_1's street
  d1t2: '990102002000',
  d1t5: '990102101000',
  d1t1v1: '990102001001', // in a cell of grid1_1_1
  d1t1v2: '990102001002',
  d1t1v4: '990102001201',
  d1t1v6: '990102001203', // in a cell of grid1_1_2
  d1t2v1: '990102002001',
  d2t1: '990103001000',
  d2t1v1: '990103001001',
  d2t1v2: '990103001002',
  missingInD1: '990102999000', // well-formed, in district 1, absent
};

// Enterprises by place (placeholders resolved once the server runs). ent_one holds enterprise 1,
// the first enterprise of R.d1t1v1.
const E = {
  own: `{ent:${R.d1t1v1}}`,
  neighbour: `{ent2:${R.d1t1v1}}`, // same village, another enterprise
  d1t1v2: `{ent:${R.d1t1v2}}`,
  d1t2: `{ent:990102002001}`,
  d2t1: `{ent:${R.d2t1v1}}`,
  d1t1v6: `{ent:${R.d1t1v6}}`, // grid1_1_2's, in the same town as grid1_1_1's
};
// The villages whose cells each grid worker of town 1 of district 1 leads.
const GRID1 = ['990102001001', '990102001002', '990102001003', '990102001201', '990102001202'];
const GRID2 = ['990102001203', '990102001204', '990102001205', '990102001206', '990102001207'];
const C = { // grid cells
  d1t1: `{cell:${R.d1t1}}`,
  d1t1v1: `{cell:${R.d1t1v1}}`,
  d1t1v2: `{cell:${R.d1t1v2}}`,
  d1t1v6: `{cell:${R.d1t1v6}}`,
  d1t2: `{cell:${R.d1t2}}`,
  d1t2v1: `{cell:${R.d1t2v1}}`,
  d2t1: `{cell:${R.d2t1}}`,
  d2t1v1: `{cell:${R.d2t1v1}}`,
  d2t1v2: `{cell:${R.d2t1v2}}`,
};
// Inspections, hazards and notices (made in before()) of the first enterprise of a village.
const I = { own: `{inspection:${R.d1t1v1}}`, d1t1v2: `{inspection:${R.d1t1v2}}`, d1t1v6: `{inspection:${R.d1t1v6}}`,
  d1t2: `{inspection:${R.d1t2v1}}`, d2t1: `{inspection:${R.d2t1v1}}` };
const H = Object.fromEntries(Object.entries(I).map(([k, v]) => [k, v.replace('inspection', 'hazard')]));
const N = Object.fromEntries(Object.entries(I).map(([k, v]) => [k, v.replace('inspection', 'notice')]));
const PERSON = { role: 'safety_manager', name: '越界人员', phone: '13800138000' };
const newCell = (overrides) => ({ level: 2, name: '越界网格', ...overrides });
const ALL = DEMO_ENTERPRISES;
const PER_DISTRICT = ALL / 6;
const PER_TOWN = ALL / 60;
const PER_VILLAGE = ALL / 600;
const newEnterprise = (region) => ({
  uscc: completeUscc(`91${region.slice(0, 6)}SC${region.slice(6, 12)}`),
  name: '越界测试有限公司', region_code: region, industry_code: 'C33',
});

const NOT_FOUND = { status: 404, code: 'region_not_found' };
const FORBIDDEN = { status: 403, code: 'forbidden' };
const USER_404 = { status: 404, code: 'not_found' };

const SCOPE = [
  // --- administrator: everything
  { as: 'admin', path: '/api/v1/regions', status: 200, has: [R.province, R.city] },
  { as: 'admin', path: `/api/v1/regions/${R.province}`, status: 200 },
  { as: 'admin', path: `/api/v1/regions/${R.d2t1v1}`, status: 200 },
  { as: 'admin', path: `/api/v1/regions/${R.d2}/children`, status: 200, has: [R.d2t1] },
  { as: 'admin', path: '/api/v1/regions/123', ...NOT_FOUND },
  { as: 'admin', path: `/api/v1/regions/${R.missingInD1}`, ...NOT_FOUND },
  { as: 'admin', path: `/api/v1/regions/${R.missingInD1}/children`, ...NOT_FOUND },
  { as: 'admin', path: '/api/v1/users/{user:station2_1}', status: 200, has: ['station2_1'] },
  { as: 'admin', path: '/api/v1/users/{user:expert1}', status: 200 },
  { as: 'admin', path: '/api/v1/users/{user:ent_one}', status: 200 },
  { as: 'admin', path: '/api/v1/users/999999', ...USER_404 },
  // 191 staff, 60 ent{d}_{t}, ent_one, and 60 accounts of the other enterprises the demo inspects.
  { as: 'admin', path: '/api/v1/users?page_size=200', status: 200, total: 311, has: ['admin', 'expert1', 'district6'] },
  { as: 'admin', path: '/api/v1/users?role=enterprise&page_size=200', status: 200, total: 121, has: ['ent_one', 'ent1_1', 'ent6_10'], lacks: ['admin'] },
  { as: 'admin', path: '/api/v1/audit', status: 200 },

  // --- city bureau: the whole city, nothing above it, no region-less accounts
  { as: 'city', path: '/api/v1/regions', status: 200, has: [R.city, R.d6], lacks: [R.province] },
  { as: 'city', path: `/api/v1/regions/${R.d6}`, status: 200 },
  { as: 'city', path: `/api/v1/regions/${R.city}/children`, status: 200, has: [R.d1, R.d6] },
  { as: 'city', path: `/api/v1/regions/${R.province}`, ...NOT_FOUND },
  { as: 'city', path: `/api/v1/regions/${R.province}/children`, ...NOT_FOUND },
  { as: 'city', path: '/api/v1/users/{user:district6}', status: 200 },
  { as: 'city', path: '/api/v1/users/{user:grid6_10_2}', status: 200 },
  { as: 'city', path: '/api/v1/users/{user:admin}', ...USER_404 },
  { as: 'city', path: '/api/v1/users/{user:expert1}', ...USER_404 },
  { as: 'city', path: '/api/v1/users/{user:ent_one}', ...USER_404 },
  { as: 'city', path: '/api/v1/users?page_size=200', status: 200, total: 187, has: ['city', 'district1', 'district6'], lacks: ['admin', 'expert1', 'ent_one'] },
  { as: 'city', path: '/api/v1/users?q=admin', status: 200, total: 0 },
  { as: 'city', path: '/api/v1/audit', ...FORBIDDEN },

  // --- district 1 bureau: its own district only
  { as: 'district1', path: '/api/v1/regions', status: 200, has: [R.d1, R.d1t1], lacks: [R.d2, R.city] },
  { as: 'district1', path: '/api/v1/regions?depth=2', status: 200, has: [R.d1t1v1], lacks: [R.d2t1v1] },
  { as: 'district1', path: `/api/v1/regions/${R.d1}`, status: 200 },
  { as: 'district1', path: `/api/v1/regions/${R.d1t1v1}`, status: 200 },
  { as: 'district1', path: `/api/v1/regions/${R.d1}/children`, status: 200, has: [R.d1t1, R.d1t5], lacks: [R.d2t1] },
  { as: 'district1', path: `/api/v1/regions/${R.d2}`, ...NOT_FOUND },
  { as: 'district1', path: `/api/v1/regions/${R.d2}/children`, ...NOT_FOUND },
  { as: 'district1', path: `/api/v1/regions/${R.d2t1v1}`, ...NOT_FOUND },
  { as: 'district1', path: `/api/v1/regions/${R.city}`, ...NOT_FOUND },
  { as: 'district1', path: `/api/v1/regions/${R.city}/children`, ...NOT_FOUND },
  { as: 'district1', path: `/api/v1/regions/${R.missingInD1}`, ...NOT_FOUND },
  { as: 'district1', path: '/api/v1/users/{user:station1_1}', status: 200 },
  { as: 'district1', path: '/api/v1/users/{user:grid1_10_2}', status: 200 },
  { as: 'district1', path: '/api/v1/users/{user:district1}', status: 200 },
  { as: 'district1', path: '/api/v1/users/{user:station2_1}', ...USER_404 },
  { as: 'district1', path: '/api/v1/users/{user:district2}', ...USER_404 },
  { as: 'district1', path: '/api/v1/users/{user:city}', ...USER_404 },
  { as: 'district1', path: '/api/v1/users/{user:admin}', ...USER_404 },
  { as: 'district1', path: '/api/v1/users/{user:expert1}', ...USER_404 },
  { as: 'district1', path: '/api/v1/users?page_size=200', status: 200, total: 31, has: ['district1', 'station1_1', 'grid1_10_2'], lacks: ['district2', 'station2_1', 'city', 'admin', 'expert1', 'ent_one'] },
  { as: 'district1', path: '/api/v1/users?q=station2', status: 200, total: 0 },
  { as: 'district1', path: '/api/v1/users?q=district', status: 200, total: 1, has: ['district1'], lacks: ['district2'] },
  { as: 'district1', path: '/api/v1/users?role=bureau', status: 200, total: 1, has: ['district1'], lacks: ['city', 'district2'] },
  { as: `district1`, path: `/api/v1/users?region_code=${R.d2}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/users?region_code=${R.city}`, status: 200, total: 31, lacks: ['district2', 'city'] },
  { as: 'district1', path: `/api/v1/users?region_code=${R.d1t1}`, status: 200, total: 3, has: ['station1_1', 'grid1_1_1', 'grid1_1_2'] },
  { as: 'district1', path: '/api/v1/audit', ...FORBIDDEN },

  // --- town station: reads its town's regions; no user management, no audit
  { as: 'station1_1', path: '/api/v1/regions', status: 200, has: [R.d1t1, R.d1t1v1], lacks: [R.d1, R.d1t2] },
  { as: 'station1_1', path: `/api/v1/regions/${R.d1t1}`, status: 200 },
  { as: 'station1_1', path: `/api/v1/regions/${R.d1t1}/children`, status: 200, has: [R.d1t1v1, R.d1t1v4] },
  { as: 'station1_1', path: `/api/v1/regions/${R.d1t1v2}`, status: 200 },
  { as: 'station1_1', path: `/api/v1/regions/${R.d1t2}`, ...NOT_FOUND },
  { as: 'station1_1', path: `/api/v1/regions/${R.d1}`, ...NOT_FOUND },
  { as: 'station1_1', path: `/api/v1/regions/${R.d1}/children`, ...NOT_FOUND },
  { as: 'station1_1', path: `/api/v1/regions/${R.d2t1}`, ...NOT_FOUND },
  { as: 'station1_1', path: '/api/v1/users', ...FORBIDDEN },
  { as: 'station1_1', path: '/api/v1/users/{user:grid1_1_1}', ...FORBIDDEN },
  { as: 'station1_1', path: '/api/v1/audit', ...FORBIDDEN },

  // --- grid worker: reads its town's regions (its enterprises are those of the cells it leads)
  { as: 'grid1_1_1', path: '/api/v1/regions', status: 200, has: [R.d1t1, R.d1t1v1, R.d1t1v6], lacks: [R.d1, R.d1t2] },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1t1}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1t1v2}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1t1}/children`, status: 200, has: [R.d1t1v1, R.d1t1v6], lacks: [R.d1t2v1] },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1t2}`, ...NOT_FOUND },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1t2v1}`, ...NOT_FOUND },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1}`, ...NOT_FOUND },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1}/children`, ...NOT_FOUND },
  { as: 'grid1_1_1', path: '/api/v1/users', ...FORBIDDEN },
  { as: 'grid1_1_1', path: '/api/v1/users/{user:grid1_1_1}', ...FORBIDDEN },
  { as: 'grid1_1_1', path: '/api/v1/audit', ...FORBIDDEN },

  // --- expert: no region permission at all
  { as: 'expert1', path: '/api/v1/me', status: 200, has: ['expert1'] },
  { as: 'expert1', path: '/api/v1/regions', ...FORBIDDEN },
  { as: 'expert1', path: `/api/v1/regions/${R.d1}`, ...FORBIDDEN },
  { as: 'expert1', path: `/api/v1/regions/${R.d1}/children`, ...FORBIDDEN },
  { as: 'expert1', path: '/api/v1/users', ...FORBIDDEN },
  { as: 'expert1', path: '/api/v1/users/{user:expert2}', ...FORBIDDEN },
  { as: 'expert1', path: '/api/v1/audit', ...FORBIDDEN },

  // --- enterprise: no region permission at all
  { as: 'enterprise', path: '/api/v1/me', status: 200, has: ['ent_one'] },
  { as: 'enterprise', path: '/api/v1/regions', ...FORBIDDEN },
  { as: 'enterprise', path: `/api/v1/regions/${R.d1t1}`, ...FORBIDDEN },
  { as: 'enterprise', path: `/api/v1/regions/${R.d1t1}/children`, ...FORBIDDEN },
  { as: 'enterprise', path: '/api/v1/users', ...FORBIDDEN },
  { as: 'enterprise', path: '/api/v1/users/{user:ent_one}', ...FORBIDDEN },
  { as: 'enterprise', path: '/api/v1/audit', ...FORBIDDEN },

  // --- enterprises: administrator and city see all of them
  { as: 'admin', path: `/api/v1/enterprises/${E.d2t1}`, status: 200 },
  { as: 'admin', path: '/api/v1/enterprises/999999', ...USER_404 },
  { as: 'admin', path: '/api/v1/enterprises?page_size=1', status: 200, total: ALL },
  { as: 'city', path: `/api/v1/enterprises/${E.d2t1}`, status: 200 },
  { as: 'city', path: `/api/v1/enterprises/${E.own}`, status: 200 },
  { as: 'city', path: '/api/v1/enterprises?page_size=1', status: 200, total: ALL },
  { as: 'city', path: `/api/v1/enterprises?region_code=${R.d2}&page_size=1`, status: 200, total: PER_DISTRICT },

  // --- enterprises: district 1 sees its district; filters cannot reach beyond it
  { as: 'district1', path: `/api/v1/enterprises/${E.d1t2}`, status: 200 },
  { as: 'district1', path: `/api/v1/enterprises/${E.own}`, status: 200 },
  { as: 'district1', path: `/api/v1/enterprises/${E.d2t1}`, ...USER_404 },
  { as: 'district1', path: '/api/v1/enterprises?page_size=200', status: 200, total: PER_DISTRICT, within: ['990102'], has: [R.d1t1v1] },
  { as: 'district1', path: `/api/v1/enterprises?region_code=${R.d2}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/enterprises?region_code=${R.d2t1v1}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/enterprises?region_code=${R.city}&page_size=200`, status: 200, total: PER_DISTRICT, within: ['990102'] },
  { as: 'district1', path: `/api/v1/enterprises?region_code=${R.province}&page_size=1`, status: 200, total: PER_DISTRICT },
  { as: 'district1', path: `/api/v1/enterprises?region_code=${R.d1t1}`, status: 200, total: PER_TOWN, within: ['990102001'] },
  { as: 'district1', path: `/api/v1/enterprises?uscc={uscc:${R.d2t1v1}}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/enterprises?uscc={uscc:990102002001}`, status: 200, total: 1 },
  { as: 'district1', path: `/api/v1/enterprises?q=${encodeURIComponent('临江')}`, status: 200, total: 0 },
  { as: 'district1', path: '/api/v1/enterprises?tag=metallurgy&page_size=200', status: 200, within: ['990102'] },
  { as: 'district1', path: '/api/v1/enterprises?sort=-employees&page_size=200', status: 200, total: PER_DISTRICT, within: ['990102'] },

  // --- enterprises: the station sees its town
  { as: 'station1_1', path: `/api/v1/enterprises/${E.d1t1v2}`, status: 200 },
  { as: 'station1_1', path: `/api/v1/enterprises/${E.d1t2}`, ...USER_404 },
  { as: 'station1_1', path: `/api/v1/enterprises/${E.d2t1}`, ...USER_404 },
  { as: 'station1_1', path: '/api/v1/enterprises?page_size=200', status: 200, total: PER_TOWN, within: ['990102001'], has: [R.d1t1v1, R.d1t1v4] },
  { as: 'station1_1', path: `/api/v1/enterprises?region_code=${R.d1}`, status: 200, total: PER_TOWN, within: ['990102001'] },
  { as: 'station1_1', path: `/api/v1/enterprises?region_code=${R.d1t2}`, status: 200, total: 0 },
  { as: 'station1_1', path: `/api/v1/enterprises?uscc={uscc:990102002001}`, status: 200, total: 0 },

  // --- enterprises: a grid worker sees those of the cells it leads, not the rest of its town
  { as: 'grid1_1_1', path: `/api/v1/enterprises/${E.own}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/${E.neighbour}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/${E.d1t1v2}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/${E.d1t1v6}`, ...USER_404 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/${E.d1t2}`, ...USER_404 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/${E.d2t1}`, ...USER_404 },
  { as: 'grid1_1_1', path: '/api/v1/enterprises', status: 200, total: 5 * PER_VILLAGE, within: GRID1, hasEnt: [E.own, E.d1t1v2], lacksEnt: [E.d1t1v6] },
  { as: 'grid1_1_1', path: `/api/v1/enterprises?region_code=${R.d1t1}`, status: 200, total: 5 * PER_VILLAGE, within: GRID1 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises?region_code=${R.d1}&page_size=200`, status: 200, total: 5 * PER_VILLAGE, within: GRID1 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises?region_code=${R.d1t1v6}`, status: 200, total: 0 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises?uscc={uscc:${R.d1t1v6}}`, status: 200, total: 0 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises?uscc={uscc:${R.d1t1v2}}`, status: 200, total: 1 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises?q={name:${R.d1t1v6}}`, status: 200, within: GRID1, lacksEnt: [E.d1t1v6] },
  { as: 'station1_1', path: `/api/v1/enterprises?q={name:${R.d1t1v6}}`, status: 200, hasEnt: [E.d1t1v6] },
  { as: 'grid1_1_1', path: `/api/v1/enterprises?grid_id=${C.d1t1}`, status: 200, total: 5 * PER_VILLAGE, within: GRID1 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises?grid_id=${C.d1t1v6}`, status: 200, total: 0 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises?grid_id=${C.d1t1v1}`, status: 200, total: PER_VILLAGE, within: [R.d1t1v1] },
  { as: 'grid1_1_1', path: '/api/v1/enterprises?grid_id=none', status: 200, total: 0 },
  { as: 'grid1_1_1', path: '/api/v1/industries', status: 200 },
  { as: 'grid1_1_2', path: `/api/v1/enterprises/${E.d1t1v6}`, status: 200 },
  { as: 'grid1_1_2', path: `/api/v1/enterprises/${E.own}`, ...USER_404 },
  { as: 'grid1_1_2', path: '/api/v1/enterprises', status: 200, total: 5 * PER_VILLAGE, within: GRID2, hasEnt: [E.d1t1v6], lacksEnt: [E.own] },
  { as: 'grid1_1_2', path: `/api/v1/enterprises?q={name:${R.d1t1v1}}`, status: 200, within: GRID2, lacksEnt: [E.own] },
  { as: 'grid1_1_2', path: `/api/v1/enterprises?grid_id=${C.d1t1v1}`, status: 200, total: 0 },

  // --- enterprises: grid_id filters inside the caller's scope only
  { as: 'district1', path: `/api/v1/enterprises?grid_id=${C.d2t1}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/enterprises?grid_id=${C.d1t1}`, status: 200, total: PER_TOWN, within: ['990102001'] },
  { as: 'station1_1', path: `/api/v1/enterprises?grid_id=${C.d1t2v1}`, status: 200, total: 0 },
  { as: 'enterprise', path: `/api/v1/enterprises?grid_id=${C.d1t1v1}`, status: 200, total: 1, hasEnt: [E.own], lacksEnt: [E.neighbour] },

  // --- the map: the same scope as the list
  { as: 'admin', path: '/api/v1/enterprises/map', status: 200, total: ALL, hasEnt: [E.own, E.d2t1] },
  { as: 'district1', path: '/api/v1/enterprises/map', status: 200, total: PER_DISTRICT, hasEnt: [E.own, E.d1t2], lacksEnt: [E.d2t1] },
  { as: 'district1', path: `/api/v1/enterprises/map?region_code=${R.d2}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/enterprises/map?grid_id=${C.d2t1}`, status: 200, total: 0 },
  { as: 'station1_1', path: '/api/v1/enterprises/map', status: 200, total: PER_TOWN, hasEnt: [E.own, E.d1t1v6], lacksEnt: [E.d1t2] },
  { as: 'grid1_1_1', path: '/api/v1/enterprises/map', status: 200, total: 5 * PER_VILLAGE, hasEnt: [E.own, E.d1t1v2], lacksEnt: [E.d1t1v6, E.d1t2] },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/map?region_code=${R.d1t1v6}`, status: 200, total: 0 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/map?q={name:${R.d1t1v6}}`, status: 200, lacksEnt: [E.d1t1v6] },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/map?grid_id=${C.d1t1v6}`, status: 200, total: 0 },
  { as: 'grid1_1_2', path: '/api/v1/enterprises/map', status: 200, total: 5 * PER_VILLAGE, hasEnt: [E.d1t1v6], lacksEnt: [E.own] },
  { as: 'enterprise', path: '/api/v1/enterprises/map', status: 200, total: 1, hasEnt: [E.own], lacksEnt: [E.neighbour] },
  { as: 'expert1', path: '/api/v1/enterprises/map', ...FORBIDDEN },

  // --- enterprises: the expert reads none of it
  { as: 'expert1', path: '/api/v1/enterprises', ...FORBIDDEN },
  { as: 'expert1', path: `/api/v1/enterprises/${E.own}`, ...FORBIDDEN },
  { as: 'expert1', path: '/api/v1/industries', ...FORBIDDEN },
  { as: 'expert1', path: '/api/v1/hazard-tags', ...FORBIDDEN },

  // --- enterprises: an enterprise account sees exactly its own record
  { as: 'enterprise', path: `/api/v1/enterprises/${E.own}`, status: 200, has: [R.d1t1v1] },
  { as: 'enterprise', path: `/api/v1/enterprises/${E.neighbour}`, ...USER_404 },
  { as: 'enterprise', path: `/api/v1/enterprises/${E.d1t1v2}`, ...USER_404 },
  { as: 'enterprise', path: `/api/v1/enterprises/${E.d2t1}`, ...USER_404 },
  { as: 'enterprise', path: '/api/v1/enterprises', status: 200, total: 1, within: [R.d1t1v1] },
  { as: 'enterprise', path: `/api/v1/enterprises?region_code=${R.d2}`, status: 200, total: 0 },
  { as: 'enterprise', path: `/api/v1/enterprises?region_code=${R.d1t1v1}`, status: 200, total: 1 },
  { as: 'enterprise', path: `/api/v1/enterprises?uscc={uscc2:${R.d1t1v1}}`, status: 200, total: 0 },
  { as: 'enterprise', path: `/api/v1/enterprises?uscc={uscc:${R.d1t1v1}}`, status: 200, total: 1 },
  { as: 'enterprise', path: '/api/v1/industries', status: 200 },
  { as: 'enterprise', path: '/api/v1/hazard-tags', status: 200 },

  // --- grid cells: officers see the cells of their region
  { as: 'admin', path: '/api/v1/grids?page_size=1', status: 200, total: 660 },
  { as: 'admin', path: `/api/v1/grids/${C.d2t1v1}`, status: 200, has: [R.d2t1v1] },
  { as: 'admin', path: '/api/v1/grids/999999', ...USER_404 },
  { as: 'city', path: '/api/v1/grids?page_size=1', status: 200, total: 660 },
  { as: 'district1', path: '/api/v1/grids?page_size=200', status: 200, total: 110, within: ['990102'], has: [R.d1t1, R.d1t1v1] },
  { as: 'district1', path: `/api/v1/grids/${C.d1t2v1}`, status: 200 },
  { as: 'district1', path: `/api/v1/grids/${C.d2t1}`, ...USER_404 },
  { as: 'district1', path: `/api/v1/grids/${C.d2t1v1}`, ...USER_404 },
  { as: 'district1', path: `/api/v1/grids?region_code=${R.d2}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/grids?region_code=${R.city}&page_size=200`, status: 200, total: 110, within: ['990102'] },
  { as: 'district1', path: `/api/v1/grids?parent_id=${C.d2t1}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/grids?responsible_user_id={user:station2_1}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/grids?q=${encodeURIComponent('网格')}&page_size=200`, status: 200, total: 110, within: ['990102'] },
  { as: 'station1_1', path: '/api/v1/grids', status: 200, total: 11, within: ['990102001'], has: [R.d1t1, R.d1t1v6] },
  { as: 'station1_1', path: `/api/v1/grids/${C.d1t1v6}`, status: 200 },
  { as: 'station1_1', path: `/api/v1/grids/${C.d1t2}`, ...USER_404 },
  { as: 'station1_1', path: `/api/v1/grids/${C.d1t2v1}`, ...USER_404 },
  { as: 'station1_1', path: `/api/v1/grids?parent_id=${C.d1t2}`, status: 200, total: 0 },

  // --- grid cells: a grid worker reads only the cells it leads (not its town's level-1 cell)
  { as: 'grid1_1_1', path: '/api/v1/grids', status: 200, total: 5, within: GRID1, has: GRID1, lacks: [R.d1t1, R.d1t1v6] },
  { as: 'grid1_1_1', path: `/api/v1/grids/${C.d1t1v1}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/grids/${C.d1t1v2}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/grids/${C.d1t1}`, ...USER_404 },
  { as: 'grid1_1_1', path: `/api/v1/grids/${C.d1t1v6}`, ...USER_404 },
  { as: 'grid1_1_1', path: `/api/v1/grids/${C.d1t2v1}`, ...USER_404 },
  { as: 'grid1_1_1', path: `/api/v1/grids?parent_id=${C.d1t1}`, status: 200, total: 5, within: GRID1 },
  { as: 'grid1_1_1', path: '/api/v1/grids?level=1', status: 200, total: 0 },
  { as: 'grid1_1_1', path: `/api/v1/grids?region_code=${R.d1t1v6}`, status: 200, total: 0 },
  { as: 'grid1_1_1', path: '/api/v1/grids?responsible_user_id={user:grid1_1_2}', status: 200, total: 0 },
  { as: 'grid1_1_2', path: '/api/v1/grids', status: 200, total: 5, within: GRID2, has: GRID2, lacks: [R.d1t1v1] },
  { as: 'grid1_1_2', path: `/api/v1/grids/${C.d1t1v1}`, ...USER_404 },

  // --- grid cells: enterprise and expert accounts have no grid at all
  { as: 'expert1', path: '/api/v1/grids', ...FORBIDDEN },
  { as: 'expert1', path: `/api/v1/grids/${C.d1t1v1}`, ...FORBIDDEN },
  { as: 'enterprise', path: '/api/v1/grids', ...FORBIDDEN },
  { as: 'enterprise', path: `/api/v1/grids/${C.d1t1v1}`, ...FORBIDDEN },

  // --- key people: readable with the enterprise, 404 outside the caller's scope
  { as: 'admin', path: `/api/v1/enterprises/${E.d2t1}/people`, status: 200, hasEnt: [E.d2t1] },
  { as: 'admin', path: '/api/v1/enterprises/999999/people', ...USER_404 },
  { as: 'district1', path: `/api/v1/enterprises/${E.d1t2}/people`, status: 200, hasEnt: [E.d1t2] },
  { as: 'district1', path: `/api/v1/enterprises/${E.d2t1}/people`, ...USER_404 },
  { as: 'station1_1', path: `/api/v1/enterprises/${E.d1t1v6}/people`, status: 200 },
  { as: 'station1_1', path: `/api/v1/enterprises/${E.d1t2}/people`, ...USER_404 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/${E.own}/people`, status: 200, hasEnt: [E.own] },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/${E.d1t1v6}/people`, ...USER_404 },
  { as: 'grid1_1_2', path: `/api/v1/enterprises/${E.own}/people`, ...USER_404 },
  { as: 'enterprise', path: `/api/v1/enterprises/${E.own}/people`, status: 200, hasEnt: [E.own] },
  { as: 'enterprise', path: `/api/v1/enterprises/${E.neighbour}/people`, ...USER_404 },
  { as: 'expert1', path: `/api/v1/enterprises/${E.own}/people`, ...FORBIDDEN },

  // --- certificates expiring: only the caller's enterprises (before() gives E.own, E.d1t1v6 and
  //     E.d2t1 a certificate that expires in 10 days)
  { as: 'admin', path: '/api/v1/certificates/expiring?page_size=200', status: 200, hasEnt: [E.own, E.d1t1v6, E.d2t1] },
  { as: 'city', path: '/api/v1/certificates/expiring?page_size=200', status: 200, hasEnt: [E.own, E.d2t1] },
  { as: 'district1', path: '/api/v1/certificates/expiring?page_size=200', status: 200, within: ['990102'], hasEnt: [E.own, E.d1t1v6], lacksEnt: [E.d2t1] },
  { as: 'district1', path: '/api/v1/certificates/expiring?within_days=366&page_size=200', status: 200, within: ['990102'], lacksEnt: [E.d2t1] },
  { as: 'district1', path: '/api/v1/certificates/expiring?state=expired&page_size=200', status: 200, within: ['990102'] },
  { as: 'district1', path: `/api/v1/certificates/expiring?region_code=${R.d2}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/certificates/expiring?region_code=${R.d2}&state=expired`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/certificates/expiring?region_code=${R.d2t1v1}&within_days=366`, status: 200, total: 0 },
  { as: 'station1_1', path: '/api/v1/certificates/expiring?page_size=200', status: 200, within: ['990102001'], hasEnt: [E.own, E.d1t1v6], lacksEnt: [E.d2t1] },
  { as: 'station1_1', path: `/api/v1/certificates/expiring?region_code=${R.d1t2}&within_days=366`, status: 200, total: 0 },
  { as: 'grid1_1_1', path: '/api/v1/certificates/expiring?within_days=366&page_size=200', status: 200, within: GRID1, hasEnt: [E.own], lacksEnt: [E.d1t1v6] },
  { as: 'grid1_1_1', path: '/api/v1/certificates/expiring?state=expired&page_size=200', status: 200, within: GRID1 },
  { as: 'grid1_1_1', path: `/api/v1/certificates/expiring?region_code=${R.d1t1v6}&within_days=366`, status: 200, total: 0 },
  { as: 'grid1_1_2', path: '/api/v1/certificates/expiring?within_days=366&page_size=200', status: 200, within: GRID2, hasEnt: [E.d1t1v6], lacksEnt: [E.own] },
  { as: 'enterprise', path: '/api/v1/certificates/expiring?within_days=366', status: 200, within: [R.d1t1v1], hasEnt: [E.own], lacksEnt: [E.neighbour] },
  { as: 'expert1', path: '/api/v1/certificates/expiring', ...FORBIDDEN },

  // --- writes across the boundary (must also change nothing)
  { as: 'district1', method: 'PATCH', path: '/api/v1/users/{user:station2_1}', body: { version: 1, name: 'x' }, ...USER_404 },
  { as: 'district1', method: 'POST', path: '/api/v1/users/{user:station2_1}/password', body: { password: 'Hijack1234' }, ...USER_404 },
  { as: 'station1_1', method: 'PATCH', path: '/api/v1/users/{user:grid1_1_1}', body: { version: 1, name: 'x' }, ...FORBIDDEN },
  { as: 'expert1', method: 'POST', path: '/api/v1/regions/import', body: 'code,name\n990108000000,新区\n', ...FORBIDDEN },
  { as: 'district1', method: 'PATCH', path: `/api/v1/enterprises/${E.d2t1}`, body: { version: 1, name: '越界' }, ...USER_404 },
  { as: 'district1', method: 'PATCH', path: `/api/v1/enterprises/${E.d1t2}`, body: { version: 1, region_code: R.d2t1v1 }, status: 422, code: 'region_not_found' },
  { as: 'district1', method: 'POST', path: '/api/v1/enterprises', body: newEnterprise(R.d2t1v1), status: 422, code: 'region_not_found' },
  { as: 'station1_1', method: 'PATCH', path: `/api/v1/enterprises/${E.d1t2}`, body: { version: 1, address: '越界' }, ...USER_404 },
  { as: 'station1_1', method: 'PATCH', path: `/api/v1/enterprises/${E.d2t1}`, body: { version: 1, address: '越界' }, ...USER_404 },
  { as: 'station1_1', method: 'PATCH', path: `/api/v1/enterprises/${E.own}`, body: { version: 1, region_code: '990102002001' }, status: 422, code: 'region_not_found' },
  { as: 'station1_1', method: 'POST', path: '/api/v1/enterprises', body: newEnterprise('990102002001'), status: 422, code: 'region_not_found' },
  { as: 'grid1_1_1', method: 'PATCH', path: `/api/v1/enterprises/${E.own}`, body: { version: 1, address: '越界' }, ...FORBIDDEN },
  { as: 'grid1_1_1', method: 'POST', path: '/api/v1/enterprises', body: newEnterprise(R.d1t1v1), ...FORBIDDEN },
  { as: 'expert1', method: 'PATCH', path: `/api/v1/enterprises/${E.own}`, body: { version: 1, address: '越界' }, ...FORBIDDEN },
  { as: 'enterprise', method: 'PATCH', path: `/api/v1/enterprises/${E.neighbour}`, body: { version: 1, address: '越界' }, ...USER_404 },
  { as: 'enterprise', method: 'PATCH', path: `/api/v1/enterprises/${E.d2t1}`, body: { version: 1, address: '越界' }, ...USER_404 },
  { as: 'enterprise', method: 'PATCH', path: `/api/v1/enterprises/${E.own}`, body: { version: 1, region_code: R.d1t1v2 }, status: 403, code: 'field_locked' },
  { as: 'enterprise', method: 'POST', path: '/api/v1/enterprises', body: newEnterprise(R.d1t1v1), ...FORBIDDEN },
  { as: 'enterprise', method: 'PATCH', path: `/api/v1/enterprises/${E.own}`, body: { version: 1, grid_cell_id: C.d1t1v2 }, status: 403, code: 'field_locked' },
  { as: 'enterprise', method: 'PATCH', path: `/api/v1/enterprises/${E.own}`, body: { version: 1, grid_cell_id: null }, status: 403, code: 'field_locked' },
  { as: 'station1_1', method: 'PATCH', path: `/api/v1/enterprises/${E.own}`, body: { version: 1, grid_cell_id: C.d1t2v1 }, status: 422, code: 'grid_cell_not_found' },
  { as: 'district1', method: 'PATCH', path: `/api/v1/enterprises/${E.d1t2}`, body: { version: 1, grid_cell_id: C.d2t1v1 }, status: 422, code: 'grid_cell_not_found' },
  { as: 'district1', method: 'POST', path: '/api/v1/enterprises', body: { ...newEnterprise(R.d1t1v1), grid_cell_id: C.d2t1v1 }, status: 422, code: 'grid_cell_not_found' },
  { as: 'grid1_1_1', method: 'PATCH', path: `/api/v1/enterprises/${E.own}`, body: { version: 1, grid_cell_id: C.d1t1v1 }, ...FORBIDDEN },

  // --- grid cells: writes across the boundary
  { as: 'district1', method: 'PATCH', path: `/api/v1/grids/${C.d2t1}`, body: { version: 1, name: '越界' }, ...USER_404 },
  { as: 'district1', method: 'DELETE', path: `/api/v1/grids/${C.d2t1v1}?version=1`, ...USER_404 },
  { as: 'district1', method: 'POST', path: `/api/v1/grids/${C.d2t1v2}/enterprises`, body: { enterprise_ids: [E.d2t1] }, ...USER_404 },
  { as: 'district1', method: 'POST', path: `/api/v1/grids/${C.d1t1v1}/enterprises`, body: { enterprise_ids: [E.d2t1] }, status: 422, code: 'enterprise_not_found' },
  { as: 'district1', method: 'POST', path: '/api/v1/grids', body: newCell({ parent_id: C.d2t1, region_code: R.d2t1v1 }), status: 422, code: 'region_not_found' },
  { as: 'district1', method: 'POST', path: '/api/v1/grids', body: newCell({ parent_id: C.d2t1, region_code: R.d1t1v1 }), status: 422, code: 'grid_parent_not_found' },
  { as: 'district1', method: 'POST', path: '/api/v1/grids', body: newCell({ level: 1, region_code: R.d2t1 }), status: 422, code: 'region_not_found' },
  { as: 'station1_1', method: 'PATCH', path: `/api/v1/grids/${C.d1t2}`, body: { version: 1, name: '越界' }, ...USER_404 },
  { as: 'station1_1', method: 'PATCH', path: `/api/v1/grids/${C.d1t2v1}`, body: { version: 1, name: '越界' }, ...USER_404 },
  { as: 'station1_1', method: 'DELETE', path: `/api/v1/grids/${C.d1t2v1}?version=1`, ...USER_404 },
  { as: 'station1_1', method: 'POST', path: '/api/v1/grids', body: newCell({ level: 1, region_code: R.d1t2 }), status: 422, code: 'region_not_found' },
  { as: 'station1_1', method: 'POST', path: '/api/v1/grids', body: newCell({ parent_id: C.d1t2, region_code: R.d1t2v1 }), status: 422, code: 'region_not_found' },
  { as: 'station1_1', method: 'POST', path: `/api/v1/grids/${C.d1t1v1}/enterprises`, body: { enterprise_ids: [E.d1t2] }, status: 422, code: 'enterprise_not_found' },
  { as: 'station1_1', method: 'POST', path: `/api/v1/grids/${C.d1t2v1}/enterprises`, body: { enterprise_ids: [E.d1t2] }, ...USER_404 },
  { as: 'grid1_1_1', method: 'PATCH', path: `/api/v1/grids/${C.d1t1v1}`, body: { version: 1, name: '自改' }, ...FORBIDDEN },
  { as: 'grid1_1_1', method: 'DELETE', path: `/api/v1/grids/${C.d1t1v1}?version=1`, ...FORBIDDEN },
  { as: 'grid1_1_1', method: 'POST', path: '/api/v1/grids', body: newCell({ parent_id: C.d1t1, region_code: R.d1t1v1 }), ...FORBIDDEN },
  { as: 'grid1_1_1', method: 'POST', path: `/api/v1/grids/${C.d1t1v1}/enterprises`, body: { enterprise_ids: [E.own] }, ...FORBIDDEN },
  { as: 'expert1', method: 'POST', path: '/api/v1/grids', body: newCell({ parent_id: C.d1t1, region_code: R.d1t1v1 }), ...FORBIDDEN },
  { as: 'expert1', method: 'PATCH', path: `/api/v1/grids/${C.d1t1v1}`, body: { version: 1, name: 'x' }, ...FORBIDDEN },
  { as: 'enterprise', method: 'PATCH', path: `/api/v1/grids/${C.d1t1v1}`, body: { version: 1, name: 'x' }, ...FORBIDDEN },
  { as: 'enterprise', method: 'DELETE', path: `/api/v1/grids/${C.d1t1v1}?version=1`, ...FORBIDDEN },
  { as: 'enterprise', method: 'POST', path: `/api/v1/grids/${C.d1t1v2}/enterprises`, body: { enterprise_ids: [E.own] }, ...FORBIDDEN },

  // --- key people: writes across the boundary
  { as: 'district1', method: 'POST', path: `/api/v1/enterprises/${E.d2t1}/people`, body: PERSON, ...USER_404 },
  { as: 'district1', method: 'PATCH', path: `/api/v1/enterprises/${E.d2t1}/people/{person:${R.d2t1v1}}`, body: { version: 1, name: '越界' }, ...USER_404 },
  { as: 'district1', method: 'DELETE', path: `/api/v1/enterprises/${E.d2t1}/people/{person:${R.d2t1v1}}?version=1`, ...USER_404 },
  // another district's person through an enterprise of one's own
  { as: 'district1', method: 'PATCH', path: `/api/v1/enterprises/${E.d1t2}/people/{person:${R.d2t1v1}}`, body: { version: 1, name: '越界' }, ...USER_404 },
  { as: 'district1', method: 'DELETE', path: `/api/v1/enterprises/${E.d1t2}/people/{person:${R.d2t1v1}}?version=1`, ...USER_404 },
  { as: 'station1_1', method: 'POST', path: `/api/v1/enterprises/${E.d1t2}/people`, body: PERSON, ...USER_404 },
  { as: 'station1_1', method: 'PATCH', path: `/api/v1/enterprises/${E.d1t2}/people/{person:${R.d1t2v1}}`, body: { version: 1, name: '越界' }, ...USER_404 },
  { as: 'grid1_1_1', method: 'POST', path: `/api/v1/enterprises/${E.own}/people`, body: PERSON, ...FORBIDDEN },
  { as: 'grid1_1_1', method: 'PATCH', path: `/api/v1/enterprises/${E.own}/people/{person:${R.d1t1v1}}`, body: { version: 1, name: '越界' }, ...FORBIDDEN },
  { as: 'grid1_1_1', method: 'DELETE', path: `/api/v1/enterprises/${E.own}/people/{person:${R.d1t1v1}}?version=1`, ...FORBIDDEN },
  { as: 'expert1', method: 'POST', path: `/api/v1/enterprises/${E.own}/people`, body: PERSON, ...FORBIDDEN },
  { as: 'enterprise', method: 'POST', path: `/api/v1/enterprises/${E.neighbour}/people`, body: PERSON, ...USER_404 },
  { as: 'enterprise', method: 'PATCH', path: `/api/v1/enterprises/${E.neighbour}/people/{person2:${R.d1t1v1}}`, body: { version: 1, name: '越界' }, ...USER_404 },
  { as: 'enterprise', method: 'PATCH', path: `/api/v1/enterprises/${E.own}/people/{person2:${R.d1t1v1}}`, body: { version: 1, name: '越界' }, ...USER_404 },
  { as: 'enterprise', method: 'DELETE', path: `/api/v1/enterprises/${E.own}/people/{person2:${R.d1t1v1}}?version=1`, ...USER_404 },

  // --- checklist templates: not scoped, but the enterprise they are chosen for is
  { as: 'expert1', path: '/api/v1/checklists', status: 200 },
  { as: 'enterprise', path: '/api/v1/checklists', status: 200 },
  { as: 'station1_1', path: `/api/v1/checklists?enterprise_id=${E.d1t1v6}`, status: 200 },
  { as: 'district1', path: `/api/v1/checklists?enterprise_id=${E.d2t1}`, ...USER_404 },
  { as: 'station1_1', path: `/api/v1/checklists?enterprise_id=${E.d1t2}`, ...USER_404 },
  { as: 'grid1_1_1', path: `/api/v1/checklists?enterprise_id=${E.own}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/checklists?enterprise_id=${E.d1t1v6}`, ...USER_404 },
  { as: 'enterprise', path: `/api/v1/checklists?enterprise_id=${E.own}`, status: 200 },
  { as: 'enterprise', path: `/api/v1/checklists?enterprise_id=${E.neighbour}`, ...USER_404 },
  { as: 'expert1', path: `/api/v1/checklists?enterprise_id=${E.own}`, ...USER_404 },

  // --- inspections, hazards, notices: visible with their enterprise
  { as: 'admin', path: `/api/v1/inspections/${I.d2t1}`, status: 200, has: [R.d2t1v1] },
  { as: 'admin', path: `/api/v1/hazards/${H.d2t1}`, status: 200, has: [R.d2t1v1] },
  { as: 'admin', path: `/api/v1/notices/${N.d2t1}`, status: 200 },
  { as: 'admin', path: `/api/v1/hazards?enterprise_id=${E.d2t1}`, status: 200, hasEnt: [E.d2t1] },
  { as: 'city', path: `/api/v1/hazards/${H.d2t1}`, status: 200 },
  { as: 'city', path: `/api/v1/inspections/${I.own}`, status: 200 },
  { as: 'city', path: `/api/v1/notices/${N.d2t1}`, status: 200 },
  { as: 'district1', path: `/api/v1/inspections/${I.d1t2}`, status: 200 },
  { as: 'district1', path: `/api/v1/hazards/${H.d1t2}`, status: 200 },
  { as: 'district1', path: `/api/v1/notices/${N.d1t2}`, status: 200 },
  { as: 'district1', path: `/api/v1/inspections/${I.d2t1}`, ...USER_404 },
  { as: 'district1', path: `/api/v1/hazards/${H.d2t1}`, ...USER_404 },
  { as: 'district1', path: `/api/v1/notices/${N.d2t1}`, ...USER_404 },
  { as: 'district1', path: '/api/v1/inspections?page_size=200', status: 200, within: ['990102'], lacksEnt: [E.d2t1] },
  { as: 'district1', path: '/api/v1/hazards?page_size=200', status: 200, within: ['990102'], lacksEnt: [E.d2t1] },
  { as: 'district1', path: `/api/v1/hazards?enterprise_id=${E.own}`, status: 200, hasEnt: [E.own] },
  { as: 'district1', path: `/api/v1/hazards?region_code=${R.d2}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/hazards?enterprise_id=${E.d2t1}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/hazards?inspection_id=${I.d2t1}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/hazards?notice_id=${N.d2t1}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/inspections?region_code=${R.d2}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/inspections?enterprise_id=${E.d2t1}`, status: 200, total: 0 },
  { as: 'station1_1', path: `/api/v1/inspections/${I.own}`, status: 200 },
  { as: 'station1_1', path: `/api/v1/hazards/${H.d1t1v6}`, status: 200 },
  { as: 'station1_1', path: `/api/v1/notices/${N.own}`, status: 200 },
  { as: 'station1_1', path: `/api/v1/inspections/${I.d1t2}`, ...USER_404 },
  { as: 'station1_1', path: `/api/v1/hazards/${H.d1t2}`, ...USER_404 },
  { as: 'station1_1', path: `/api/v1/notices/${N.d1t2}`, ...USER_404 },
  { as: 'station1_1', path: '/api/v1/hazards?page_size=200', status: 200, within: ['990102001'], lacksEnt: [E.d1t2, E.d2t1] },
  { as: 'station1_1', path: '/api/v1/inspections?page_size=200', status: 200, within: ['990102001'], lacksEnt: [E.d1t2] },
  { as: 'station1_1', path: `/api/v1/hazards?region_code=${R.d1t2}`, status: 200, total: 0 },
  { as: 'station1_1', path: `/api/v1/hazards?notice_id=${N.d1t2}`, status: 200, total: 0 },
  { as: 'grid1_1_1', path: `/api/v1/inspections/${I.own}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/hazards/${H.own}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/notices/${N.own}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/inspections/${I.d1t1v6}`, ...USER_404 },
  { as: 'grid1_1_1', path: `/api/v1/hazards/${H.d1t1v6}`, ...USER_404 },
  { as: 'grid1_1_1', path: `/api/v1/notices/${N.d1t1v6}`, ...USER_404 },
  { as: 'grid1_1_1', path: '/api/v1/hazards?page_size=200', status: 200, within: GRID1, lacksEnt: [E.d1t1v6] },
  { as: 'grid1_1_1', path: '/api/v1/inspections?page_size=200', status: 200, within: GRID1, lacksEnt: [E.d1t1v6] },
  { as: 'grid1_1_1', path: `/api/v1/hazards?enterprise_id=${E.own}`, status: 200, hasEnt: [E.own] },
  { as: 'grid1_1_1', path: `/api/v1/hazards?region_code=${R.d1t1v6}`, status: 200, total: 0 },
  { as: 'grid1_1_1', path: `/api/v1/hazards?inspection_id=${I.d1t1v6}`, status: 200, total: 0 },
  { as: 'grid1_1_2', path: `/api/v1/hazards/${H.d1t1v6}`, status: 200 },
  { as: 'grid1_1_2', path: `/api/v1/hazards/${H.own}`, ...USER_404 },
  { as: 'grid1_1_2', path: `/api/v1/notices/${N.own}`, ...USER_404 },
  { as: 'grid1_1_2', path: '/api/v1/hazards?page_size=200', status: 200, within: GRID2, lacksEnt: [E.own] },
  { as: 'enterprise', path: `/api/v1/inspections/${I.own}`, status: 200 },
  { as: 'enterprise', path: `/api/v1/hazards/${H.own}`, status: 200 },
  { as: 'enterprise', path: `/api/v1/notices/${N.own}`, status: 200 },
  { as: 'enterprise', path: `/api/v1/hazards/${H.d1t1v2}`, ...USER_404 },
  { as: 'enterprise', path: `/api/v1/inspections/${I.d1t1v2}`, ...USER_404 },
  { as: 'enterprise', path: `/api/v1/notices/${N.d1t1v2}`, ...USER_404 },
  { as: 'enterprise', path: '/api/v1/hazards?page_size=200', status: 200, within: [R.d1t1v1], hasEnt: [E.own], lacksEnt: [E.neighbour] },
  { as: 'enterprise', path: '/api/v1/inspections?page_size=200', status: 200, within: [R.d1t1v1], hasEnt: [E.own], lacksEnt: [E.neighbour] },
  { as: 'enterprise', path: `/api/v1/hazards?region_code=${R.d1t1v2}`, status: 200, total: 0 },
  { as: 'expert1', path: '/api/v1/inspections', ...FORBIDDEN },
  { as: 'expert1', path: `/api/v1/inspections/${I.own}`, ...FORBIDDEN },
  { as: 'expert1', path: '/api/v1/hazards', ...FORBIDDEN },
  { as: 'expert1', path: `/api/v1/hazards/${H.own}`, ...FORBIDDEN },

  // --- the 12-point system: score cards, events, rankings, follow-ups and the quarter go with
  // the enterprise; points by hand only for an enterprise in scope
  { as: 'admin', path: `/api/v1/scoring/enterprises/${E.d2t1}`, status: 200 },
  { as: 'city', path: `/api/v1/scoring/enterprises/${E.d2t1}`, status: 200 },
  { as: 'district1', path: `/api/v1/scoring/enterprises/${E.d1t2}`, status: 200 },
  { as: 'district1', path: `/api/v1/scoring/enterprises/${E.d2t1}`, ...USER_404 },
  { as: 'station1_1', path: `/api/v1/scoring/enterprises/${E.d1t1v6}`, status: 200 },
  { as: 'station1_1', path: `/api/v1/scoring/enterprises/${E.d1t2}`, ...USER_404 },
  { as: 'grid1_1_1', path: `/api/v1/scoring/enterprises/${E.own}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/scoring/enterprises/${E.d1t1v6}`, ...USER_404 },
  { as: 'enterprise', path: `/api/v1/scoring/enterprises/${E.own}`, status: 200 },
  { as: 'enterprise', path: `/api/v1/scoring/enterprises/${E.neighbour}`, ...USER_404 },
  { as: 'expert1', path: `/api/v1/scoring/enterprises/${E.own}`, ...FORBIDDEN },
  { as: 'district1', path: '/api/v1/scoring/events?page_size=200', status: 200, within: ['990102'] },
  { as: 'district1', path: `/api/v1/scoring/events?region_code=${R.d2}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/scoring/events?enterprise_id=${E.d2t1}`, status: 200, total: 0 },
  { as: 'station1_1', path: '/api/v1/scoring/events?page_size=200', status: 200, within: ['990102001'] },
  { as: 'grid1_1_1', path: '/api/v1/scoring/events?page_size=200', status: 200, within: GRID1 },
  { as: 'enterprise', path: '/api/v1/scoring/events?page_size=200', status: 200, within: [R.d1t1v1] },
  { as: 'expert1', path: '/api/v1/scoring/events', ...FORBIDDEN },
  { as: 'city', path: '/api/v1/scoring/rankings?page_size=200', status: 200, within: ['9901'] },
  { as: 'district1', path: '/api/v1/scoring/rankings?page_size=200', status: 200, within: ['990102'] },
  { as: 'district1', path: `/api/v1/scoring/rankings?region_code=${R.d2}`, status: 200, total: 0 },
  { as: 'station1_1', path: '/api/v1/scoring/rankings?page_size=200', status: 200, within: ['990102001'] },
  { as: 'enterprise', path: '/api/v1/scoring/rankings', ...FORBIDDEN },
  { as: 'expert1', path: '/api/v1/scoring/rankings', ...FORBIDDEN },
  { as: 'district1', path: '/api/v1/scoring/followups?page_size=200', status: 200, within: ['990102'] },
  { as: 'station1_1', path: '/api/v1/scoring/followups?page_size=200', status: 200, within: ['990102001'] },
  { as: 'enterprise', path: '/api/v1/scoring/followups', ...FORBIDDEN },
  { as: 'district1', path: `/api/v1/scoring/quarter?region_code=${R.d1t2}`, status: 200, lacks: [R.d1t1, R.d2] },
  { as: 'district1', path: `/api/v1/scoring/quarter?region_code=${R.d2}`, ...USER_404 },
  { as: 'station1_1', path: `/api/v1/scoring/quarter?region_code=${R.d1t2}`, ...USER_404 },
  { as: 'station1_1', path: '/api/v1/scoring/quarter/missing?page_size=200', status: 200, within: ['990102001'] },
  { as: 'grid1_1_1', path: '/api/v1/scoring/quarter', ...FORBIDDEN },
  { as: 'district1', method: 'POST', path: '/api/v1/scoring/events', body: { enterprise_id: E.d2t1, points: 2, reason: '越界' }, status: 422, code: 'enterprise_not_found' },
  { as: 'station1_1', method: 'POST', path: '/api/v1/scoring/events', body: { enterprise_id: E.d1t2, points: 2, reason: '越界' }, status: 422, code: 'enterprise_not_found' },
  { as: 'enterprise', method: 'POST', path: '/api/v1/scoring/events', body: { enterprise_id: E.own, points: 2, reason: '自记' }, ...FORBIDDEN },
  { as: 'grid1_1_1', method: 'POST', path: '/api/v1/scoring/events', body: { enterprise_id: E.own, points: 2, reason: '越权' }, ...FORBIDDEN },
  { as: 'expert1', path: `/api/v1/notices/${N.own}`, ...FORBIDDEN },

  // --- integrity and credit
  { as: 'district1', path: '/api/v1/credit/evaluations?page_size=200', status: 200, within: ['990102'] },
  { as: 'district1', path: `/api/v1/credit/evaluations?region_code=${R.d2}`, status: 200, total: 0 },
  { as: 'district1', path: `/api/v1/credit/evaluations?enterprise_id=${E.d2t1}`, status: 200, total: 0 },
  { as: 'station1_1', path: '/api/v1/credit/evaluations?page_size=200', status: 200, within: ['990102001'] },
  { as: 'grid1_1_1', path: '/api/v1/credit/evaluations?page_size=200', status: 200, within: GRID1 },
  { as: 'enterprise', path: '/api/v1/credit/evaluations?page_size=200', status: 200, within: [R.d1t1v1] },
  { as: 'expert1', path: '/api/v1/credit/evaluations', ...FORBIDDEN },
  { as: 'district1', path: '/api/v1/credit/blacklist?page_size=200', status: 200, within: ['990102'] },
  { as: 'station1_1', path: '/api/v1/credit/blacklist?page_size=200', status: 200, within: ['990102001'] },
  { as: 'enterprise', path: '/api/v1/credit/blacklist?page_size=200', status: 200, within: [R.d1t1v1] },
  { as: 'district1', path: `/api/v1/credit/distribution?region_code=${R.d1t2}`, status: 200, lacks: [R.d1t1, R.d2] },
  { as: 'district1', path: `/api/v1/credit/distribution?region_code=${R.d2}`, ...USER_404 },
  { as: 'station1_1', path: `/api/v1/credit/distribution?region_code=${R.d1t2}`, ...USER_404 },
  { as: 'grid1_1_1', path: '/api/v1/credit/distribution', ...FORBIDDEN },
  { as: 'enterprise', path: '/api/v1/credit/distribution', ...FORBIDDEN },
  { as: 'district1', method: 'POST', path: '/api/v1/credit/evaluations', body: { enterprise_id: E.d2t1, year: 2025, standardization: { points: 90, maximum: 100 }, parts: { safety_culture: 90, participation: 90, commitment: 90, compliance: 90 } }, status: 422, code: 'enterprise_not_found' },
  { as: 'station1_1', method: 'POST', path: '/api/v1/credit/evaluations', body: { enterprise_id: E.d1t2, year: 2025, standardization: { points: 90, maximum: 100 }, parts: { safety_culture: 90, participation: 90, commitment: 90, compliance: 90 } }, status: 422, code: 'enterprise_not_found' },
  { as: 'enterprise', method: 'POST', path: '/api/v1/credit/evaluations', body: { enterprise_id: E.own, year: 2025, standardization: { points: 100, maximum: 100 }, parts: { safety_culture: 100, participation: 100, commitment: 100, compliance: 100 } }, ...FORBIDDEN },
  { as: 'district1', method: 'POST', path: '/api/v1/credit/blacklist', body: { enterprise_id: E.d2t1, reason: '越界', authority: '清源区应急管理局', notified_on: '2026-01-01', starts_on: '2026-01-02' }, status: 422, code: 'enterprise_not_found' },
  { as: 'station1_1', method: 'POST', path: '/api/v1/credit/blacklist', body: { enterprise_id: E.own, reason: '越权', authority: '街道', notified_on: '2026-01-01', starts_on: '2026-01-02' }, ...FORBIDDEN },

  // --- the watchlist
  { as: 'district1', path: '/api/v1/watchlist?page_size=200', status: 200, within: ['990102'] },
  { as: 'station1_1', path: '/api/v1/watchlist?page_size=200', status: 200, within: ['990102001'] },
  { as: 'enterprise', path: '/api/v1/watchlist?page_size=200', status: 200, within: [R.d1t1v1] },
  { as: 'grid1_1_1', path: '/api/v1/watchlist', ...FORBIDDEN },
  { as: 'expert1', path: '/api/v1/watchlist', ...FORBIDDEN },
  { as: 'district1', path: `/api/v1/watchlist/subject?subject_kind=enterprise&enterprise_id=${E.d2t1}`, ...USER_404 },
  { as: 'enterprise', path: `/api/v1/watchlist/subject?subject_kind=enterprise&enterprise_id=${E.neighbour}`, ...USER_404 },
  { as: 'district1', method: 'POST', path: '/api/v1/watchlist', body: { subject_kind: 'enterprise', enterprise_id: E.d2t1, level: 'attention', reason: '越界' }, status: 422, code: 'enterprise_not_found' },
  { as: 'district1', method: 'POST', path: '/api/v1/watchlist', body: { subject_kind: 'region', region_code: R.d2, level: 'attention', reason: '越界' }, status: 422, code: 'region_not_found' },
  { as: 'station1_1', method: 'POST', path: '/api/v1/watchlist', body: { subject_kind: 'enterprise', enterprise_id: E.own, level: 'attention', reason: '越权' }, ...FORBIDDEN },

  // --- inspections, hazards, notices: writes across the boundary
  { as: 'district1', method: 'POST', path: '/api/v1/inspections', body: { enterprise_id: E.d2t1, kind: 'district_enforcement' }, status: 422, code: 'enterprise_not_found' },
  { as: 'district1', method: 'PATCH', path: `/api/v1/inspections/${I.d2t1}`, body: { version: 4, summary: '越界' }, ...USER_404 },
  { as: 'district1', method: 'POST', path: `/api/v1/inspections/${I.d2t1}/finish`, body: { version: 4 }, ...USER_404 },
  { as: 'district1', method: 'POST', path: '/api/v1/hazards', body: { enterprise_id: E.d2t1, description: '越界隐患' }, status: 422, code: 'enterprise_not_found' },
  { as: 'district1', method: 'POST', path: `/api/v1/hazards/${H.d2t1}/transitions`, body: { action: 'cancel', version: 2, reason: '越界' }, ...USER_404 },
  { as: 'district1', method: 'POST', path: `/api/v1/hazards/${H.d2t1}/transitions`, body: { action: 'extend', version: 2, deadline: '2099-12-31', reason: '越界' }, ...USER_404 },
  { as: 'district1', method: 'POST', path: '/api/v1/notices', body: { hazard_ids: [H.d2t1], deadline: '2099-12-31', responsible_person: '越界', measures: '越界' }, status: 422, code: 'hazard_not_found' },
  { as: 'station1_1', method: 'POST', path: '/api/v1/inspections', body: { enterprise_id: E.d1t2, kind: 'town_routine' }, status: 422, code: 'enterprise_not_found' },
  { as: 'station1_1', method: 'POST', path: `/api/v1/hazards/${H.d1t2}/transitions`, body: { action: 'cancel', version: 2, reason: '越界' }, ...USER_404 },
  { as: 'station1_1', method: 'POST', path: '/api/v1/hazards', body: { enterprise_id: E.d1t2, description: '越界隐患' }, status: 422, code: 'enterprise_not_found' },
  { as: 'grid1_1_1', method: 'POST', path: '/api/v1/inspections', body: { enterprise_id: E.d1t1v6, kind: 'grid_patrol' }, status: 422, code: 'enterprise_not_found' },
  { as: 'grid1_1_1', method: 'POST', path: '/api/v1/hazards', body: { enterprise_id: E.d1t1v6, description: '越界隐患' }, status: 422, code: 'enterprise_not_found' },
  { as: 'grid1_1_1', method: 'POST', path: `/api/v1/hazards/${H.d1t1v6}/transitions`, body: { action: 'cancel', version: 2, reason: '越界' }, ...USER_404 },
  { as: 'grid1_1_2', method: 'PATCH', path: `/api/v1/inspections/${I.own}`, body: { version: 4, summary: '越界' }, ...USER_404 },
  { as: 'enterprise', method: 'POST', path: '/api/v1/inspections', body: { enterprise_id: E.neighbour, kind: 'self_check' }, status: 422, code: 'enterprise_not_found' },
  { as: 'enterprise', method: 'POST', path: '/api/v1/hazards', body: { enterprise_id: E.neighbour, description: '越界隐患' }, status: 422, code: 'enterprise_not_found' },
  { as: 'enterprise', method: 'POST', path: `/api/v1/hazards/${H.d1t1v2}/transitions`, body: { action: 'start', version: 2 }, ...USER_404 },
  { as: 'expert1', method: 'POST', path: '/api/v1/inspections', body: { enterprise_id: E.own, kind: 'grid_patrol' }, ...FORBIDDEN },
  { as: 'expert1', method: 'POST', path: '/api/v1/hazards', body: { enterprise_id: E.own, description: '专家录入' }, ...FORBIDDEN },
  { as: 'expert1', method: 'POST', path: '/api/v1/checklists', body: { code: 'expert_list', name: '专家检查表', purpose: 'diagnosis', items: [{ text: '检查项', category: 'people' }] }, ...FORBIDDEN },
];

// Every username and region code in a JSON body.
function names(value, out = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => names(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'username' || key === 'code' || key === 'region_code') && typeof v === 'string') out.add(v);
      else names(v, out);
    }
  }
  return out;
}

// The enterprise ids a list answer shows, whatever its shape.
function enterpriseIds(path, body) {
  const items = body?.items;
  assert.ok(Array.isArray(items), 'hasEnt / lacksEnt need a list');
  if (path.startsWith('/api/v1/enterprises/map')) return items.map((row) => row[0]);
  if (path.startsWith('/api/v1/certificates/')) return items.map((p) => p.enterprise.id);
  if (/^\/api\/v1\/enterprises\/\d+\/people/.test(path)) return items.map((p) => p.enterprise_id);
  if (/^\/api\/v1\/enterprises(\?|$)/.test(path)) return items.map((e) => e.id);
  if (/^\/api\/v1\/(hazards|inspections)(\?|$)/.test(path)) return items.map((x) => x.enterprise_id);
  throw new Error(`no enterprise ids in the answer of ${path}`);
}

// China Standard Time date, `days` from today.
function chinaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

const srv = await startServer();
after(() => srv.stop());
const sessions = {};
const ids = {};
// "ent:VILLAGE" / "ent2:VILLAGE" → id, "uscc:…" / "uscc2:…" → code, "name:…" → encoded name,
// "person:…" / "person2:…" → a key person's id, "cell:CODE" → grid cell id, "inspection:…" /
// "hazard:…" / "notice:…" → the records made for the village's first enterprise
const values = {};
const PLACEHOLDER = /\{((?:ent2?|uscc2?|name|person2?|cell|inspection|hazard|notice):\d{12})\}/g;
const NUMERIC = /^(ent2?|person2?|cell|inspection|hazard|notice)$/;

function resolve(text) {
  return text.replace(/\{user:([^}]+)\}/g, (_, name) => {
    assert.ok(ids[name], `unknown user ${name}`);
    return String(ids[name]);
  }).replace(PLACEHOLDER, (_, key) => {
    assert.ok(values[key] !== undefined, `unknown placeholder ${key}`);
    return String(values[key]);
  });
}
// A body with its placeholders resolved: a string that is one numeric placeholder becomes a number.
function resolveBody(value) {
  if (Array.isArray(value)) return value.map(resolveBody);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveBody(v)]));
  }
  if (typeof value !== 'string') return value;
  const whole = value.match(/^\{((ent2?|person2?|cell|inspection|hazard|notice):\d{12})\}$/);
  if (whole && NUMERIC.test(whole[2])) return Number(resolve(value));
  return resolve(value);
}

before(async () => {
  const added = await srv.cli(['user', 'add', '--username', 'ent_one', '--password', ENTERPRISE_PASSWORD,
    '--role', 'enterprise', '--enterprise', '1', '--name', '企业一号']);
  assert.equal(added.code, 0, added.stderr);
  for (const [key, username] of Object.entries(ACCOUNTS)) {
    sessions[key] = await login(srv.url, username, key === 'enterprise' ? ENTERPRISE_PASSWORD : undefined);
  }
  for (const u of await allUsers(srv.url, sessions.admin)) ids[u.username] = u.id;
  const admin = sessions.admin;
  const wanted = new Set();
  for (const row of SCOPE) {
    const text = `${row.path} ${JSON.stringify(row.body ?? '')} ${JSON.stringify([row.hasEnt, row.lacksEnt])}`;
    for (const m of text.matchAll(PLACEHOLDER)) wanted.add(m[1]);
  }
  for (const key of [...wanted].sort()) {
    const [kind, code] = key.split(':');
    if (['inspection', 'hazard', 'notice'].includes(kind)) {
      if (values[key] === undefined) Object.assign(values, await recordsOf(code));
      continue;
    }
    if (kind === 'cell') {
      const r = await api(srv.url, 'GET', `/api/v1/grids?region_code=${code}&page_size=20`, { as: admin });
      assert.equal(r.status, 200, r.text);
      const cells = r.body.items.filter((c) => c.region_code === code);
      assert.equal(cells.length, 1, `one demo cell for ${code}`);
      values[key] = cells[0].id;
      continue;
    }
    const r = await api(srv.url, 'GET', `/api/v1/enterprises?region_code=${code}&sort=id&page_size=2`, { as: admin });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.items.length, 2, `two demo enterprises in ${code}`);
    const e = r.body.items[kind.endsWith('2') ? 1 : 0];
    if (kind.startsWith('ent')) values[key] = e.id;
    else if (kind.startsWith('uscc')) values[key] = e.uscc;
    else if (kind === 'name') values[key] = encodeURIComponent(e.name);
    else {
      const people = await api(srv.url, 'GET', `/api/v1/enterprises/${e.id}/people`, { as: admin });
      assert.equal(people.status, 200, people.text);
      assert.ok(people.body.items.length > 0, `key people of enterprise ${e.id}`);
      values[key] = people.body.items[0].id;
    }
  }
  // ent_one's enterprise 1 is the first of its village (the demo creates them in village order).
  assert.equal(values[`ent:${R.d1t1v1}`], 1);
  // A certificate expiring in 10 days for three enterprises, so that the certificate rows list
  // something on each side of each boundary.
  for (const key of [E.own, E.d1t1v6, E.d2t1]) {
    const r = await api(srv.url, 'POST', `/api/v1/enterprises/${resolve(key)}/people`, {
      as: admin,
      body: {
        role: 'safety_manager', name: '证书将到期', phone: '13800138000', certificate_number: 'SC-0001',
        certificate_kind: 'manager_training', certificate_issued: chinaDate(-1000), certificate_expiry: chinaDate(10),
      },
    });
    assert.equal(r.status, 201, r.text);
  }
});

// An inspection of the first enterprise of a village by its town's station (the grid patrol list,
// one finding), the hazard it found, notified by the station: "inspection:V", "hazard:V", "notice:V".
async function recordsOf(village) {
  const admin = sessions.admin;
  const district = Number(village.slice(4, 6)) - 1;
  const townNumber = Number(village.slice(6, 9));
  const station = `station${district}_${townNumber <= 4 ? townNumber : townNumber - 100 + 4}`;
  const session = await login(srv.url, station);
  const e = await api(srv.url, 'GET', `/api/v1/enterprises?region_code=${village}&sort=id&page_size=1`, { as: admin });
  const checklists = await api(srv.url, 'GET', '/api/v1/checklists?page_size=200', { as: admin });
  const patrol = checklists.body.items.find((c) => c.code === 'grid_patrol');
  const as = { as: session };
  const started = await api(srv.url, 'POST', '/api/v1/inspections',
    { ...as, body: { enterprise_id: e.body.items[0].id, kind: 'town_routine', checklist_id: patrol.id } });
  assert.equal(started.status, 201, started.text);
  const results = started.body.items.map((item, k) => ({ item_id: item.id, result: k === 0 ? 'finding' : 'conforming' }));
  const saved = await api(srv.url, 'PATCH', `/api/v1/inspections/${started.body.id}`, { ...as, body: { version: 1, results } });
  assert.equal(saved.status, 200, saved.text);
  const finished = await api(srv.url, 'POST', `/api/v1/inspections/${started.body.id}/finish`, { ...as, body: { version: 2 } });
  assert.equal(finished.status, 200, finished.text);
  const hazardId = finished.body.results[0].hazard_id;
  const notified = await api(srv.url, 'POST', `/api/v1/hazards/${hazardId}/transitions`, {
    ...as, body: { action: 'notify', version: 1, deadline: chinaDate(15), responsible_person: '负责人', measures: '限期整改' },
  });
  assert.equal(notified.status, 200, notified.text);
  return { [`inspection:${village}`]: started.body.id, [`hazard:${village}`]: hazardId, [`notice:${village}`]: notified.body.notice_id };
}

// What a refused write must leave as it was: the records it names, read by the administrator.
function watchedPaths(path, body) {
  const bare = path.split('?')[0];
  const out = [];
  let m = bare.match(/^\/api\/v1\/enterprises\/(\d+)/);
  if (m) out.push(`/api/v1/enterprises/${m[1]}`, `/api/v1/enterprises/${m[1]}/people`);
  m = bare.match(/^\/api\/v1\/grids\/(\d+)/);
  if (m) out.push(`/api/v1/grids/${m[1]}`);
  m = bare.match(/^\/api\/v1\/(inspections|hazards)\/(\d+)/);
  if (m) out.push(`/api/v1/${m[1]}/${m[2]}`);
  if (typeof body?.enterprise_id === 'number') out.push(`/api/v1/enterprises/${body.enterprise_id}`);
  for (const id of Array.isArray(body?.hazard_ids) ? body.hazard_ids : []) out.push(`/api/v1/hazards/${id}`);
  if (typeof body?.parent_id === 'number') out.push(`/api/v1/grids/${body.parent_id}`);
  if (typeof body?.grid_cell_id === 'number') out.push(`/api/v1/grids/${body.grid_cell_id}`);
  for (const id of Array.isArray(body?.enterprise_ids) ? body.enterprise_ids : []) {
    out.push(`/api/v1/enterprises/${id}`);
  }
  return out;
}

test('scope table: each role against in-scope and out-of-scope records', async (t) => {
  const admin = sessions.admin;
  const read = async (path) => {
    const r = await api(srv.url, 'GET', path, { as: admin });
    return `${r.status} ${r.text}`;
  };
  const state = async (paths) => {
    const out = {
      audit: (await api(srv.url, 'GET', '/api/v1/audit?page_size=1', { as: admin })).body.total,
      enterprises: (await api(srv.url, 'GET', '/api/v1/enterprises?page_size=1', { as: admin })).body.total,
      grids: (await api(srv.url, 'GET', '/api/v1/grids?page_size=1', { as: admin })).body.total,
      inspections: (await api(srv.url, 'GET', '/api/v1/inspections?page_size=1', { as: admin })).body.total,
      hazards: (await api(srv.url, 'GET', '/api/v1/hazards?page_size=1', { as: admin })).body.total,
    };
    for (const path of paths) out[path] = await read(path);
    return out;
  };
  for (const row of SCOPE) {
    const method = row.method || 'GET';
    await t.test(`${row.as} ${method} ${row.path} → ${row.status}`, async () => {
      const path = resolve(row.path);
      const body = row.body === undefined || typeof row.body === 'string' ? row.body : resolveBody(row.body);
      const watched = method === 'GET' ? null : watchedPaths(path, body);
      const before = watched ? await state(watched) : null;
      const r = await api(srv.url, method, path, { as: sessions[row.as], body });
      assert.equal(r.status, row.status, r.text);
      if (row.code) assert.equal(r.body.error.code, row.code, r.text);
      if (row.total !== undefined) assert.equal(r.body.total, row.total, r.text);
      const seen = names(r.body);
      for (const item of row.has || []) assert.ok(seen.has(item), `${item} missing from ${r.text.slice(0, 300)}`);
      for (const item of row.lacks || []) assert.ok(!seen.has(item), `${item} must not appear`);
      for (const prefix of row.within || []) assert.ok(Array.isArray(r.body.items), 'within needs a list');
      for (const item of row.within ? r.body.items : []) {
        const region = item.region_code ?? item.enterprise?.region_code;
        assert.ok(row.within.some((p) => region.startsWith(p)), `${region} is outside ${row.within}`);
      }
      if (row.hasEnt || row.lacksEnt) {
        const listed = new Set(enterpriseIds(path, r.body));
        for (const key of row.hasEnt || []) {
          assert.ok(listed.has(Number(resolve(key))), `${key} (${resolve(key)}) missing from ${r.text.slice(0, 300)}`);
        }
        for (const key of row.lacksEnt || []) {
          assert.ok(!listed.has(Number(resolve(key))), `${key} (${resolve(key)}) must not appear`);
        }
      }
      if (before !== null) {
        assert.deepEqual(await state(watched), before, 'a refused write changed something');
      }
    });
  }
});

// The scope table: every role against records inside and outside its jurisdiction.
//
// To extend it, add rows to SCOPE below: { as, path, status, code?, has?, lacks?, total? }.
//   as     – a key of ACCOUNTS (the session to use)
//   path   – GET path; `{user:NAME}` is replaced by that user's id, `{ent:VILLAGE}` /
//            `{ent2:VILLAGE}` by the id of the first / second demo enterprise of that village,
//            `{uscc:VILLAGE}` / `{uscc2:VILLAGE}` by its unified social credit code
//   status – expected status; `code` – expected error.code
//   has / lacks – usernames or region codes that must / must not appear anywhere in the body
//   total  – expected `total` of a list answer
//   within – region prefixes: every listed item's region_code starts with one of them
// A row may also set `method` and `body` for writes (default GET). A refused write must leave the
// audit trail, and an enterprise it names, unchanged.
// The demo has 1200 enterprises (harness default): two per village, 200 per district, 20 per town.
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
  grid1_1_1: 'grid1_1_1', // grid 990102001001
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
  d1t1v1: '990102001001', // grid1_1_1's community
  d1t1v2: '990102001002',
  d1t1v4: '990102001201',
  d2t1: '990103001000',
  d2t1v1: '990103001001',
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
};
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
  { as: 'admin', path: '/api/v1/users?page_size=200', status: 200, total: 251, has: ['admin', 'expert1', 'district6'] },
  { as: 'admin', path: '/api/v1/users?role=enterprise&page_size=200', status: 200, total: 61, has: ['ent_one', 'ent1_1', 'ent6_10'], lacks: ['admin'] },
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

  // --- grid worker: its village only
  { as: 'grid1_1_1', path: '/api/v1/regions', status: 200, has: [R.d1t1v1], lacks: [R.d1t1, R.d1t1v2] },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1t1v1}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1t1v1}/children`, status: 200, has: [], lacks: [R.d1t1v2] },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1t1v2}`, ...NOT_FOUND },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1t1}`, ...NOT_FOUND },
  { as: 'grid1_1_1', path: `/api/v1/regions/${R.d1t1}/children`, ...NOT_FOUND },
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

  // --- enterprises: the grid worker sees its village
  { as: 'grid1_1_1', path: `/api/v1/enterprises/${E.own}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/${E.neighbour}`, status: 200 },
  { as: 'grid1_1_1', path: `/api/v1/enterprises/${E.d1t1v2}`, ...USER_404 },
  { as: 'grid1_1_1', path: '/api/v1/enterprises', status: 200, total: PER_VILLAGE, within: [R.d1t1v1] },
  { as: 'grid1_1_1', path: `/api/v1/enterprises?region_code=${R.d1t1}`, status: 200, total: PER_VILLAGE, within: [R.d1t1v1] },
  { as: 'grid1_1_1', path: `/api/v1/enterprises?uscc={uscc:${R.d1t1v2}}`, status: 200, total: 0 },
  { as: 'grid1_1_1', path: '/api/v1/industries', status: 200 },

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

const srv = await startServer();
after(() => srv.stop());
const sessions = {};
const ids = {};
const enterprises = {}; // "ent:VILLAGE" / "ent2:VILLAGE" → id, "uscc:VILLAGE" / "uscc2:VILLAGE" → code

before(async () => {
  const added = await srv.cli(['user', 'add', '--username', 'ent_one', '--password', ENTERPRISE_PASSWORD,
    '--role', 'enterprise', '--enterprise', '1', '--name', '企业一号']);
  assert.equal(added.code, 0, added.stderr);
  for (const [key, username] of Object.entries(ACCOUNTS)) {
    sessions[key] = await login(srv.url, username, key === 'enterprise' ? ENTERPRISE_PASSWORD : undefined);
  }
  for (const u of await allUsers(srv.url, sessions.admin)) ids[u.username] = u.id;
  const villages = new Set();
  for (const row of SCOPE) {
    for (const m of `${row.path} ${JSON.stringify(row.body ?? '')}`.matchAll(/\{(?:ent2?|uscc2?):(\d{12})\}/g)) villages.add(m[1]);
  }
  for (const village of villages) {
    const r = await api(srv.url, 'GET', `/api/v1/enterprises?region_code=${village}&sort=id&page_size=2`, { as: sessions.admin });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.items.length, 2, `two demo enterprises in ${village}`);
    [enterprises[`ent:${village}`], enterprises[`ent2:${village}`]] = r.body.items.map((e) => e.id);
    [enterprises[`uscc:${village}`], enterprises[`uscc2:${village}`]] = r.body.items.map((e) => e.uscc);
  }
  // ent_one's enterprise 1 is the first of its village (the demo creates them in village order).
  assert.equal(enterprises[`ent:${R.d1t1v1}`], 1);
});

test('scope table: each role against in-scope and out-of-scope records', async (t) => {
  const admin = sessions.admin;
  const auditTotal = async () =>
    (await api(srv.url, 'GET', '/api/v1/audit?page_size=1', { as: admin })).body.total;
  for (const row of SCOPE) {
    const method = row.method || 'GET';
    await t.test(`${row.as} ${method} ${row.path} → ${row.status}`, async () => {
      const path = row.path.replace(/\{user:([^}]+)\}/g, (_, name) => {
        assert.ok(ids[name], `unknown user ${name}`);
        return String(ids[name]);
      }).replace(/\{((?:ent2?|uscc2?):\d{12})\}/g, (_, key) => {
        assert.ok(enterprises[key], `unknown enterprise ${key}`);
        return String(enterprises[key]);
      });
      const before = method === 'GET' ? null : await auditTotal();
      const enterpriseId = method !== 'GET' && path.match(/^\/api\/v1\/enterprises\/(\d+)$/)?.[1];
      const record = async () => (await api(srv.url, 'GET', `/api/v1/enterprises/${enterpriseId}`, { as: admin })).text;
      const recordBefore = enterpriseId ? await record() : null;
      const enterpriseCount = async () =>
        (await api(srv.url, 'GET', '/api/v1/enterprises?page_size=1', { as: admin })).body.total;
      const countBefore = method === 'GET' ? null : await enterpriseCount();
      const r = await api(srv.url, method, path, { as: sessions[row.as], body: row.body });
      assert.equal(r.status, row.status, r.text);
      if (row.code) assert.equal(r.body.error.code, row.code, r.text);
      if (row.total !== undefined) assert.equal(r.body.total, row.total, r.text);
      const seen = names(r.body);
      for (const item of row.has || []) assert.ok(seen.has(item), `${item} missing from ${r.text.slice(0, 300)}`);
      for (const item of row.lacks || []) assert.ok(!seen.has(item), `${item} must not appear`);
      for (const prefix of row.within || []) assert.ok(Array.isArray(r.body.items), 'within needs a list');
      for (const item of row.within ? r.body.items : []) {
        assert.ok(row.within.some((p) => item.region_code.startsWith(p)), `${item.region_code} is outside ${row.within}`);
      }
      if (before !== null) assert.equal(await auditTotal(), before, 'a refused write changed the audit trail');
      if (recordBefore !== null) assert.equal(await record(), recordBefore, 'a refused write changed the enterprise');
      if (countBefore !== null) assert.equal(await enterpriseCount(), countBefore, 'a refused write added an enterprise');
    });
  }
});

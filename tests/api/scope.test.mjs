// The scope table: every role against records inside and outside its jurisdiction.
//
// To extend it, add rows to SCOPE below: { as, path, status, code?, has?, lacks?, total? }.
//   as     – a key of ACCOUNTS (the session to use)
//   path   – GET path; `{user:NAME}` is replaced by that user's id
//   status – expected status; `code` – expected error.code
//   has / lacks – usernames or region codes that must / must not appear anywhere in the body
//   total  – expected `total` of a list answer
// A row may also set `method` and `body` for writes (default GET).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, allUsers } from './harness.mjs';

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
  { as: 'admin', path: '/api/v1/users?page_size=200', status: 200, total: 191, has: ['admin', 'expert1', 'ent_one', 'district6'] },
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

  // --- writes across the boundary (must also change nothing)
  { as: 'district1', method: 'PATCH', path: '/api/v1/users/{user:station2_1}', body: { version: 1, name: 'x' }, ...USER_404 },
  { as: 'district1', method: 'POST', path: '/api/v1/users/{user:station2_1}/password', body: { password: 'Hijack1234' }, ...USER_404 },
  { as: 'station1_1', method: 'PATCH', path: '/api/v1/users/{user:grid1_1_1}', body: { version: 1, name: 'x' }, ...FORBIDDEN },
  { as: 'expert1', method: 'POST', path: '/api/v1/regions/import', body: 'code,name\n990108000000,新区\n', ...FORBIDDEN },
];

// Every username and region code in a JSON body.
function names(value, out = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => names(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'username' || key === 'code') && typeof v === 'string') out.add(v);
      else names(v, out);
    }
  }
  return out;
}

const srv = await startServer();
after(() => srv.stop());
const sessions = {};
const ids = {};

before(async () => {
  const added = await srv.cli(['user', 'add', '--username', 'ent_one', '--password', ENTERPRISE_PASSWORD,
    '--role', 'enterprise', '--enterprise', '1', '--name', '企业一号']);
  assert.equal(added.code, 0, added.stderr);
  for (const [key, username] of Object.entries(ACCOUNTS)) {
    sessions[key] = await login(srv.url, username, key === 'enterprise' ? ENTERPRISE_PASSWORD : undefined);
  }
  for (const u of await allUsers(srv.url, sessions.admin)) ids[u.username] = u.id;
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
      });
      const before = method === 'GET' ? null : await auditTotal();
      const r = await api(srv.url, method, path, { as: sessions[row.as], body: row.body });
      assert.equal(r.status, row.status, r.text);
      if (row.code) assert.equal(r.body.error.code, row.code, r.text);
      if (row.total !== undefined) assert.equal(r.body.total, row.total, r.text);
      const seen = names(r.body);
      for (const item of row.has || []) assert.ok(seen.has(item), `${item} missing from ${r.text.slice(0, 300)}`);
      for (const item of row.lacks || []) assert.ok(!seen.has(item), `${item} must not appear`);
      if (before !== null) assert.equal(await auditTotal(), before, 'a refused write changed the audit trail');
    });
  }
});

// Accounts: create, conflicts, what a bureau may grant, validation, disable, password reset.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, totals } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const admin = await login(srv.url, 'admin');
const district1 = await login(srv.url, 'district1');

const base = { name: '测试用户', password: 'Start1234', role: 'station', region_code: '990102001000' };

async function create(session, body) {
  return api(srv.url, 'POST', '/api/v1/users', { as: session, body });
}

test('admin creates a user: 201 with the account, login works', async () => {
  const r = await create(admin, { ...base, username: 'zhang.san' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.username, 'zhang.san');
  assert.equal(r.body.name, '测试用户');
  assert.equal(r.body.role, 'station');
  assert.equal(r.body.region_code, '990102001000');
  assert.equal(r.body.enterprise_id, null);
  assert.equal(r.body.disabled, false);
  assert.equal(r.body.version, 1);
  assert.match(r.body.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.ok(Number.isInteger(r.body.id));
  assert.ok(!('password' in r.body) && !('password_hash' in r.body));
  const got = await api(srv.url, 'GET', `/api/v1/users/${r.body.id}`, { as: admin });
  assert.deepEqual(got.body, r.body);
  const s = await login(srv.url, 'zhang.san', 'Start1234');
  assert.equal(s.user.id, r.body.id);
  // Every role an admin may grant.
  for (const [username, extra] of [
    ['new_admin', { role: 'admin', region_code: undefined }],
    ['new_bureau', { role: 'bureau', region_code: '990103000000' }],
    ['new_grid', { role: 'grid', region_code: '990107106207' }],
    ['new_expert', { role: 'expert', region_code: undefined }],
    ['new_ent', { role: 'enterprise', region_code: undefined, enterprise_id: 7 }],
  ]) {
    const made = await create(admin, { ...base, ...extra, username });
    assert.equal(made.status, 201, `${username}: ${made.text}`);
    assert.equal(made.body.role, extra.role);
  }
});

test('duplicate username → 409 username_taken, nothing added', async () => {
  const before = await totals(srv.url, admin);
  const r = await create(admin, { ...base, username: 'station1_1' });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'username_taken');
  assert.equal(r.body.error.field, 'username');
  assert.deepEqual(await totals(srv.url, admin), before);
});

test('stale version → 409 stale_version, the newer change stays', async () => {
  const u = (await create(admin, { ...base, username: 'versioned' })).body;
  const first = await api(srv.url, 'PATCH', `/api/v1/users/${u.id}`,
    { as: admin, body: { version: 1, name: '第一次' } });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.version, 2);
  const before = await totals(srv.url, admin);
  const stale = await api(srv.url, 'PATCH', `/api/v1/users/${u.id}`,
    { as: district1, body: { version: 1, name: '第二次' } });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.code, 'stale_version');
  assert.equal(stale.body.error.field, 'version');
  assert.deepEqual(await totals(srv.url, admin), before);
  const now = await api(srv.url, 'GET', `/api/v1/users/${u.id}`, { as: admin });
  assert.equal(now.body.name, '第一次');
  assert.equal(now.body.version, 2);
});

test('concurrent changes on the same version: exactly one wins, the rest get 409', async () => {
  const u = (await create(admin, { ...base, username: 'raced' })).body;
  const results = await Promise.all(Array.from({ length: 6 }, (_, i) =>
    api(srv.url, 'PATCH', `/api/v1/users/${u.id}`, { as: i % 2 ? admin : district1, body: { version: 1, name: `第${i}版` } })));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409], results.map((r) => r.text).join('\n'));
  const winner = results.find((r) => r.status === 200).body;
  const now = await api(srv.url, 'GET', `/api/v1/users/${u.id}`, { as: admin });
  assert.equal(now.body.version, 2);
  assert.equal(now.body.name, winner.name);
  const trail = await api(srv.url, 'GET', '/api/v1/audit?entity=user&action=update', { as: admin });
  assert.equal(trail.body.items.filter((e) => e.entity_id === String(u.id)).length, 1);
});

test('a bureau creates station and grid accounts in its subtree only', async () => {
  const station = await create(district1, { ...base, username: 'd1_station', region_code: '990102002000' });
  assert.equal(station.status, 201, station.text);
  const grid = await create(district1, { ...base, username: 'd1_grid', role: 'grid', region_code: '990102101201' });
  assert.equal(grid.status, 201, grid.text);
  const audit = await api(srv.url, 'GET', '/api/v1/audit?actor=district1&action=create&entity=user', { as: admin });
  assert.equal(audit.body.total, 2);

  const before = await totals(srv.url, admin);
  for (const [label, body, status, code, field] of [
    ['bureau role', { role: 'bureau', region_code: '990102000000' }, 403, 'role_not_assignable'],
    ['admin role', { role: 'admin', region_code: undefined }, 403, 'role_not_assignable'],
    ['expert role', { role: 'expert', region_code: undefined }, 403, 'role_not_assignable'],
    ['enterprise role', { role: 'enterprise', region_code: undefined, enterprise_id: 1 }, 403, 'role_not_assignable'],
    ['other district', { region_code: '990103001000' }, 422, 'region_not_found', 'region_code'],
    ['the city above', { region_code: '990100000000' }, 422, 'region_not_found', 'region_code'],
    ['absent region in own district', { region_code: '990102999000' }, 422, 'region_not_found', 'region_code'],
  ]) {
    const r = await create(district1, { ...base, username: 'd1_refused', ...body });
    assert.equal(r.status, status, `${label}: ${r.text}`);
    assert.equal(r.body.error.code, code, label);
    if (field) assert.equal(r.body.error.field, field, label);
  }
  // A bureau may not edit accounts it could not grant, nor move one out of its subtree.
  const self = await api(srv.url, 'PATCH', `/api/v1/users/${district1.user.id}`,
    { as: district1, body: { version: district1.user.version, name: 'x' } });
  assert.equal(self.status, 403);
  const promote = await api(srv.url, 'PATCH', `/api/v1/users/${station.body.id}`,
    { as: district1, body: { version: 1, role: 'bureau' } });
  assert.equal(promote.status, 403);
  assert.equal(promote.body.error.code, 'role_not_assignable');
  const move = await api(srv.url, 'PATCH', `/api/v1/users/${station.body.id}`,
    { as: district1, body: { version: 1, region_code: '990103001000' } });
  assert.equal(move.status, 422);
  assert.equal(move.body.error.code, 'region_not_found');
  assert.deepEqual(await totals(srv.url, admin), before);
  // …but may move it inside.
  const inside = await api(srv.url, 'PATCH', `/api/v1/users/${station.body.id}`,
    { as: district1, body: { version: 1, region_code: '990102003000', role: 'grid' } });
  assert.equal(inside.status, 200, inside.text);
  assert.equal(inside.body.region_code, '990102003000');
  assert.equal(inside.body.role, 'grid');
  // Stations, grids, experts and enterprises cannot create accounts at all.
  const station11 = await login(srv.url, 'station1_1');
  const r = await create(station11, { ...base, username: 'by_station', role: 'grid', region_code: '990102001001' });
  assert.equal(r.status, 403);
});

test('validation errors name the field and add nothing', async () => {
  const before = await totals(srv.url, admin);
  const cases = [
    [{ username: 'Upper' }, 'invalid_username', 'username'],
    [{ username: 'ab' }, 'invalid_username', 'username'],
    [{ username: '1abc' }, 'invalid_username', 'username'],
    [{ username: 'a'.repeat(33) }, 'invalid_username', 'username'],
    [{ username: 'with space' }, 'invalid_username', 'username'],
    [{ username: '张三' }, 'invalid_username', 'username'],
    [{ password: 'Short1' }, 'invalid_password', 'password'],
    [{ password: 'lettersonly' }, 'invalid_password', 'password'],
    [{ password: '1234567890' }, 'invalid_password', 'password'],
    [{ name: '' }, 'invalid_name', 'name'],
    [{ name: '   ' }, 'invalid_name', 'name'],
    [{ name: '名'.repeat(65) }, 'invalid_name', 'name'],
    [{ role: 'boss' }, 'invalid_role', 'role'],
    [{ region_code: undefined }, 'region_required', 'region_code'],
    [{ role: 'grid', region_code: undefined }, 'region_required', 'region_code'],
    [{ role: 'bureau', region_code: undefined }, 'region_required', 'region_code'],
    [{ role: 'enterprise', region_code: undefined }, 'enterprise_required', 'enterprise_id'],
    [{ role: 'enterprise', region_code: undefined, enterprise_id: 0 }, 'enterprise_required', 'enterprise_id'],
    [{ region_code: '99010200100' }, 'invalid_region_code', 'region_code'],
    [{ region_code: '99010200100x' }, 'invalid_region_code', 'region_code'],
    [{ region_code: '990102000001' }, 'invalid_region_code', 'region_code'],
    [{ region_code: '000000000000' }, 'invalid_region_code', 'region_code'],
    [{ region_code: '990102999000' }, 'region_not_found', 'region_code'],
  ];
  for (const [change, code, field] of cases) {
    const r = await create(admin, { ...base, username: 'valid_name', ...change });
    assert.equal(r.status, 422, `${JSON.stringify(change)}: ${r.text}`);
    assert.equal(r.body.error.code, code, JSON.stringify(change));
    assert.equal(r.body.error.field, field, JSON.stringify(change));
  }
  // The same rules on update.
  const u = (await create(admin, { ...base, username: 'to_update' })).body;
  for (const [change, code, field] of [
    [{ name: '' }, 'invalid_name', 'name'],
    [{ role: 'boss' }, 'invalid_role', 'role'],
    [{ region_code: null }, 'region_required', 'region_code'],
    [{ region_code: '12' }, 'invalid_region_code', 'region_code'],
    [{ region_code: '990102999000' }, 'region_not_found', 'region_code'],
  ]) {
    const r = await api(srv.url, 'PATCH', `/api/v1/users/${u.id}`, { as: admin, body: { version: 1, ...change } });
    assert.equal(r.status, 422, `${JSON.stringify(change)}: ${r.text}`);
    assert.equal(r.body.error.code, code, JSON.stringify(change));
    assert.equal(r.body.error.field, field, JSON.stringify(change));
  }
  const self = await api(srv.url, 'PATCH', `/api/v1/users/${admin.user.id}`,
    { as: admin, body: { version: admin.user.version, disabled: true } });
  assert.equal(self.status, 422);
  assert.equal(self.body.error.code, 'cannot_disable_self');
  const after_ = await totals(srv.url, admin);
  assert.equal(after_.users, before.users + 1);
  assert.equal(after_.audit, before.audit + 1);
  const still = await api(srv.url, 'GET', `/api/v1/users/${u.id}`, { as: admin });
  assert.deepEqual(still.body, u);
});

test('disable: the user\'s sessions end and login is refused; enable again', async () => {
  const u = (await create(admin, { ...base, username: 'to_disable' })).body;
  const s = await login(srv.url, 'to_disable', 'Start1234');
  assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: s })).status, 200);
  const off = await api(srv.url, 'PATCH', `/api/v1/users/${u.id}`,
    { as: district1, body: { version: u.version, disabled: true } });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.body.disabled, true);
  const me = await api(srv.url, 'GET', '/api/v1/me', { as: s });
  assert.equal(me.status, 401);
  const refused = await api(srv.url, 'POST', '/api/v1/auth/login',
    { body: { username: 'to_disable', password: 'Start1234' } });
  assert.equal(refused.status, 401);
  assert.equal(refused.body.error.code, 'account_disabled');
  const on = await api(srv.url, 'PATCH', `/api/v1/users/${u.id}`,
    { as: admin, body: { version: off.body.version, disabled: false } });
  assert.equal(on.status, 200, on.text);
  await login(srv.url, 'to_disable', 'Start1234');
});

test('disable from the command line ends sessions too', async () => {
  await create(admin, { ...base, username: 'cli_disable' });
  const s = await login(srv.url, 'cli_disable', 'Start1234');
  const r = await srv.cli(['user', 'disable', '--username', 'cli_disable']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: s })).status, 401);
  const refused = await api(srv.url, 'POST', '/api/v1/auth/login',
    { body: { username: 'cli_disable', password: 'Start1234' } });
  assert.equal(refused.status, 401);
});

test('admin resets a password: old sessions end, the new password works, the old does not', async () => {
  const u = (await create(admin, { ...base, username: 'to_reset' })).body;
  const s = await login(srv.url, 'to_reset', 'Start1234');
  const weak = await api(srv.url, 'POST', `/api/v1/users/${u.id}/password`, { as: admin, body: { password: 'weak' } });
  assert.equal(weak.status, 422);
  assert.equal(weak.body.error.code, 'invalid_password');
  const missing = await api(srv.url, 'POST', '/api/v1/users/999999/password', { as: admin, body: { password: 'Reset12345' } });
  assert.equal(missing.status, 404);
  const r = await api(srv.url, 'POST', `/api/v1/users/${u.id}/password`, { as: admin, body: { password: 'Reset12345' } });
  assert.equal(r.status, 204, r.text);
  assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: s })).status, 401);
  const old = await api(srv.url, 'POST', '/api/v1/auth/login', { body: { username: 'to_reset', password: 'Start1234' } });
  assert.equal(old.status, 401);
  await login(srv.url, 'to_reset', 'Reset12345');
  // A bureau may reset a station's password in its district, not an admin's.
  const byBureau = await api(srv.url, 'POST', `/api/v1/users/${u.id}/password`, { as: district1, body: { password: 'Bureau1234' } });
  assert.equal(byBureau.status, 204, byBureau.text);
  await login(srv.url, 'to_reset', 'Bureau1234');
  const onAdmin = await api(srv.url, 'POST', `/api/v1/users/${admin.user.id}/password`, { as: district1, body: { password: 'Bureau1234' } });
  assert.equal(onAdmin.status, 404);
  // The command line does the same.
  const cli = await srv.cli(['user', 'passwd', '--username', 'to_reset', '--password', 'FromCli123']);
  assert.equal(cli.code, 0, cli.stderr);
  await login(srv.url, 'to_reset', 'FromCli123');
});

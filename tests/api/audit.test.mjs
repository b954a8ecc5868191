// The audit trail: entries for every write, filters, and the hash chain (`anjian audit verify`).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, IS_PG } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const admin = await login(srv.url, 'admin');

async function latest(query = '') {
  const r = await api(srv.url, 'GET', `/api/v1/audit?page_size=1${query}`, { as: admin });
  assert.equal(r.status, 200, r.text);
  return r.body.items[0];
}

function chinaDate(offsetDays = 0) {
  const t = new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000);
  return t.toISOString().slice(0, 10);
}

test('every write adds an entry with actor, action, entity, entity_id, before and after', async () => {
  const s = await login(srv.url, 'district1');
  let e = await latest();
  assert.equal(e.action, 'login');
  assert.equal(e.entity, 'session');
  assert.equal(e.actor_username, 'district1');
  assert.equal(e.actor_id, s.user.id);
  assert.equal(e.entity_id, String(s.user.id));
  assert.equal(e.before, null);
  assert.equal(typeof e.after.address, 'string');
  assert.match(e.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

  const created = await api(srv.url, 'POST', '/api/v1/users', {
    as: s, body: { username: 'audited', name: '审计', password: 'Start1234', role: 'grid', region_code: '990102001001' },
  });
  assert.equal(created.status, 201);
  e = await latest();
  assert.deepEqual(
    { action: e.action, entity: e.entity, entity_id: e.entity_id, actor: e.actor_username, before: e.before },
    { action: 'create', entity: 'user', entity_id: String(created.body.id), actor: 'district1', before: null });
  assert.deepEqual(e.after, created.body);

  const updated = await api(srv.url, 'PATCH', `/api/v1/users/${created.body.id}`,
    { as: s, body: { version: 1, name: '审计改' } });
  assert.equal(updated.status, 200);
  e = await latest();
  assert.equal(e.action, 'update');
  assert.equal(e.entity_id, String(created.body.id));
  assert.deepEqual(e.before, created.body);
  assert.deepEqual(e.after, updated.body);
  assert.equal(e.before.name, '审计');
  assert.equal(e.after.name, '审计改');

  const reset = await api(srv.url, 'POST', `/api/v1/users/${created.body.id}/password`,
    { as: s, body: { password: 'Reset12345' } });
  assert.equal(reset.status, 204);
  e = await latest();
  assert.equal(e.action, 'reset_password');
  assert.equal(e.entity_id, String(created.body.id));
  assert.ok(!JSON.stringify(e).includes('Reset12345'), 'passwords never reach the trail');

  const u = await login(srv.url, 'audited', 'Reset12345');
  await api(srv.url, 'POST', '/api/v1/me/password', { as: u, body: { old_password: 'Reset12345', new_password: 'Mine12345' } });
  e = await latest();
  assert.equal(e.action, 'change_password');
  assert.equal(e.actor_username, 'audited');
  assert.ok(!JSON.stringify(e).includes('Mine12345'));

  await api(srv.url, 'POST', '/api/v1/auth/logout', { as: u });
  e = await latest();
  assert.equal(e.action, 'logout');
  assert.equal(e.entity, 'session');
  assert.equal(e.actor_username, 'audited');

  const imported = await api(srv.url, 'POST', '/api/v1/regions/import',
    { as: admin, body: 'code,name\n990108000000,新区\n' });
  assert.equal(imported.body.created, 1);
  e = await latest();
  assert.equal(e.action, 'import');
  assert.equal(e.entity, 'region');
  assert.equal(e.actor_username, 'admin');

  // The command line writes entries too, as the system.
  await srv.cli(['user', 'disable', '--username', 'audited']);
  e = await latest();
  assert.equal(e.action, 'update');
  assert.equal(e.actor_username, 'system');
  assert.equal(e.actor_id, null);
  assert.equal(e.before.disabled, false);
  assert.equal(e.after.disabled, true);

  // Failed or refused requests write nothing.
  const total = (await api(srv.url, 'GET', '/api/v1/audit?page_size=1', { as: admin })).body.total;
  await api(srv.url, 'POST', '/api/v1/auth/login', { body: { username: 'district1', password: 'Wrong1234' } });
  await api(srv.url, 'PATCH', `/api/v1/users/${created.body.id}`, { as: s, body: { version: 1, name: 'stale' } });
  assert.equal((await api(srv.url, 'GET', '/api/v1/audit?page_size=1', { as: admin })).body.total, total);
});

test('filters: entity, action, actor, from, to; newest first', async () => {
  const all = await api(srv.url, 'GET', '/api/v1/audit?page_size=200', { as: admin });
  const ids = all.body.items.map((e) => e.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  for (const [query, check] of [
    ['entity=session', (e) => e.entity === 'session'],
    ['entity=user&action=create', (e) => e.entity === 'user' && e.action === 'create'],
    ['actor=district1', (e) => e.actor_username === 'district1'],
    ['actor=demo', (e) => e.actor_username === 'demo'],
    ['action=login&actor=admin', (e) => e.action === 'login' && e.actor_username === 'admin'],
  ]) {
    const r = await api(srv.url, 'GET', `/api/v1/audit?page_size=200&${query}`, { as: admin });
    assert.equal(r.status, 200);
    assert.ok(r.body.total > 0, query);
    assert.ok(r.body.items.every(check), query);
  }
  // The demo: one region import and 310 accounts (190 officers and experts, 60 enterprise
  // accounts ent{d}_{t}, 60 accounts of the other enterprises it inspects), all by the system.
  const demoUsers = await api(srv.url, 'GET', '/api/v1/audit?entity=user&action=create&actor=system', { as: admin });
  assert.equal(demoUsers.body.total, 310);
  const none = await api(srv.url, 'GET', '/api/v1/audit?actor=nobody', { as: admin });
  assert.equal(none.body.total, 0);
  assert.deepEqual(none.body.items, []);

  // The demo's half year of inspections is audited on the days it happened: today's entries and
  // the earlier ones split the trail between them.
  const total = all.body.total;
  const today = chinaDate(0);
  const count = async (query) => {
    const r = await api(srv.url, 'GET', `/api/v1/audit?page_size=1&${query}`, { as: admin });
    assert.equal(r.status, 200, r.text);
    return r.body.total;
  };
  const fromToday = await count(`from=${today}`);
  const beforeToday = await count(`to=${chinaDate(-1)}`);
  assert.ok(fromToday > 0 && beforeToday > 0);
  assert.equal(fromToday + beforeToday, total, 'every entry on one side of midnight');
  assert.equal(await count(`from=${today}&to=${today}`), fromToday);
  assert.equal(await count(`to=${today}`), total);
  assert.equal(await count(`from=${chinaDate(1)}`), 0);
  assert.ok(await count(`from=${chinaDate(-1)}&to=${chinaDate(1)}`) >= fromToday);
});

test('concurrent writes all land in one unbroken chain', async () => {
  const before = (await api(srv.url, 'GET', '/api/v1/audit?page_size=1', { as: admin })).body.total;
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 3 === 0
    ? api(srv.url, 'POST', '/api/v1/auth/login', { body: { username: `district${(i % 6) + 1}`, password: 'Demo@2026' } })
    : api(srv.url, 'POST', '/api/v1/users', {
      as: admin, body: { username: `parallel_${i}`, name: `并发${i}`, password: 'Start1234', role: 'grid', region_code: '990105001001' },
    }))));
  for (const r of results) assert.ok(r.status === 200 || r.status === 201, r.text);
  const page = await api(srv.url, 'GET', '/api/v1/audit?page_size=12', { as: admin });
  assert.equal(page.body.total, before + 12);
  const ids = page.body.items.map((e) => e.id);
  assert.deepEqual(ids, Array.from({ length: 12 }, (_, i) => ids[0] - i), 'ids are contiguous');
  const verify = await srv.cli(['audit', 'verify']);
  assert.equal(verify.code, 0, verify.stdout);
});

test('audit verify: intact, then a tampered entry is named (SQLite)', { skip: IS_PG && 'SQLite file tampering only' }, async () => {
  const intact = await srv.cli(['audit', 'verify']);
  assert.equal(intact.code, 0, intact.stdout + intact.stderr);
  assert.match(intact.stdout, /audit chain intact: \d+ entries/);
  // The database itself refuses changes while the trigger is there.
  await assert.rejects(srv.sql("UPDATE audit_log SET after_json='{}' WHERE id=5;"), /append-only/);
  await srv.sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after_json='{}' WHERE id=5;");
  const broken = await srv.cli(['audit', 'verify']);
  assert.equal(broken.code, 2, broken.stdout + broken.stderr);
  assert.match(broken.stdout, /audit chain broken at entry 5: /);
});

test('audit verify: intact on any backend; the append-only rule holds (PostgreSQL)', { skip: !IS_PG && 'covered above' }, async () => {
  const intact = await srv.cli(['audit', 'verify']);
  assert.equal(intact.code, 0, intact.stdout + intact.stderr);
  await assert.rejects(srv.sql("UPDATE audit_log SET after_json='{}' WHERE id=5"), /append-only/);
  await assert.rejects(srv.sql('DELETE FROM audit_log WHERE id=5'), /append-only/);
});

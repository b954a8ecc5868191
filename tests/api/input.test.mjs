// Bad input: every refused request must leave users and the audit trail as they were.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, totals } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const admin = await login(srv.url, 'admin');
const station = (await api(srv.url, 'GET', '/api/v1/users?q=station1_2', { as: admin })).body.items[0];

const validUser = { username: 'new_one', name: '新用户', password: 'Start1234', role: 'station',
  region_code: '990102001000' };

// [name, method, path, body (string = raw), status, code, field]
const cases = [
  ['malformed JSON (users)', 'POST', '/api/v1/users', '{"username": "x",', 400, 'invalid_json'],
  ['malformed JSON (login)', 'POST', '/api/v1/auth/login', '{nope', 400, 'invalid_json'],
  ['empty body', 'POST', '/api/v1/users', '', 400, 'invalid_json'],
  ['JSON array body', 'POST', '/api/v1/users', JSON.stringify([validUser]), 400, 'invalid_body'],
  ['JSON string body', 'POST', '/api/v1/auth/login', '"admin"', 400, 'invalid_body'],
  ['JSON array body (patch)', 'PATCH', '/api/v1/users/{station}', '[]', 400, 'invalid_body'],
  ['unknown field', 'POST', '/api/v1/users', { ...validUser, is_superuser: true }, 422, 'unknown_field', 'is_superuser'],
  ['unknown field (login)', 'POST', '/api/v1/auth/login', { username: 'admin', password: 'x', otp: 1 }, 422, 'unknown_field', 'otp'],
  ['unknown field (patch)', 'PATCH', '/api/v1/users/{station}', { version: 1, password_hash: 'x' }, 422, 'unknown_field', 'password_hash'],
  ['role: 5', 'POST', '/api/v1/users', { ...validUser, role: 5 }, 422, 'invalid_type', 'role'],
  ['enterprise_id: "x"', 'POST', '/api/v1/users', { ...validUser, enterprise_id: 'x' }, 422, 'invalid_type', 'enterprise_id'],
  ['enterprise_id: 1.5', 'POST', '/api/v1/users', { ...validUser, enterprise_id: 1.5 }, 422, 'invalid_type', 'enterprise_id'],
  ['username: []', 'POST', '/api/v1/users', { ...validUser, username: [] }, 422, 'invalid_type', 'username'],
  ['missing password', 'POST', '/api/v1/users', { ...validUser, password: undefined }, 422, 'required', 'password'],
  ['disabled: "yes"', 'PATCH', '/api/v1/users/{station}', { version: 1, disabled: 'yes' }, 422, 'invalid_type', 'disabled'],
  ['version: "1"', 'PATCH', '/api/v1/users/{station}', { version: '1', name: 'x' }, 422, 'invalid_type', 'version'],
  ['version missing', 'PATCH', '/api/v1/users/{station}', { name: 'x' }, 422, 'required', 'version'],
  ['region_code: 990102001000 as number', 'PATCH', '/api/v1/users/{station}', { version: 1, region_code: 990102001000 }, 422, 'invalid_type', 'region_code'],
  ['password: 12345678', 'POST', '/api/v1/users/{station}/password', { password: 12345678 }, 422, 'invalid_type', 'password'],
  ['me/password unknown field', 'POST', '/api/v1/me/password', { old_password: 'Demo@2026', new_password: 'Next12345', x: 1 }, 422, 'unknown_field', 'x'],
  ['page_size=0', 'GET', '/api/v1/users?page_size=0', undefined, 422, 'invalid_page', 'page_size'],
  ['page_size=201', 'GET', '/api/v1/users?page_size=201', undefined, 422, 'invalid_page', 'page_size'],
  ['page_size=x', 'GET', '/api/v1/users?page_size=x', undefined, 422, 'invalid_page', 'page_size'],
  ['page_size=-1', 'GET', '/api/v1/audit?page_size=-1', undefined, 422, 'invalid_page', 'page_size'],
  ['page_size=201 (audit)', 'GET', '/api/v1/audit?page_size=201', undefined, 422, 'invalid_page', 'page_size'],
  ['page=0', 'GET', '/api/v1/users?page=0', undefined, 422, 'invalid_page', 'page'],
  ['page=1x', 'GET', '/api/v1/audit?page=1x', undefined, 422, 'invalid_page', 'page'],
  ['role filter', 'GET', '/api/v1/users?role=boss', undefined, 422, 'invalid_role', 'role'],
  ['region filter', 'GET', '/api/v1/users?region_code=99', undefined, 422, 'invalid_region_code', 'region_code'],
  ['audit from', 'GET', '/api/v1/audit?from=2026-13-01', undefined, 422, 'invalid_date', 'from'],
  ['audit to', 'GET', '/api/v1/audit?to=yesterday', undefined, 422, 'invalid_date', 'to'],
  ['region depth', 'GET', '/api/v1/regions?depth=9', undefined, 422, 'invalid_type', 'depth'],
  ['user id not a number', 'GET', '/api/v1/users/abc', undefined, 404, 'not_found'],
  ['user id 0', 'PATCH', '/api/v1/users/0', { version: 1 }, 404, 'not_found'],
];

test('bad input is refused with the right status, code and field, and changes nothing', async (t) => {
  for (const [name, method, template, body, status, code, field] of cases) {
    await t.test(name, async () => {
      const before = await totals(srv.url, admin);
      const path = template.replace('{station}', String(station.id));
      const r = await api(srv.url, method, path, {
        as: admin, body,
        headers: typeof body === 'string' ? { 'Content-Type': 'application/json' } : {},
      });
      assert.equal(r.status, status, r.text);
      assert.equal(r.body.error.code, code, r.text);
      if (field) assert.equal(r.body.error.field, field, r.text);
      else assert.equal(r.body.error.field, undefined, r.text);
      assert.equal(typeof r.body.error.message, 'string');
      assert.ok(r.body.error.message.length > 0);
      assert.deepEqual(await totals(srv.url, admin), before);
    });
  }
  const unchanged = await api(srv.url, 'GET', `/api/v1/users/${station.id}`, { as: admin });
  assert.deepEqual(unchanged.body, station);
});

test('a 2 MB login body → 413 body_too_large, nothing changes', async () => {
  const before = await totals(srv.url, admin);
  const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) });
  const r = await api(srv.url, 'POST', '/api/v1/auth/login', { body: big });
  assert.equal(r.status, 413);
  assert.equal(r.body.error.code, 'body_too_large');
  const users = await api(srv.url, 'POST', '/api/v1/users',
    { as: admin, body: { ...validUser, name: 'x'.repeat(2 * 1024 * 1024) } });
  assert.equal(users.status, 413);
  assert.deepEqual(await totals(srv.url, admin), before);
  // The server is still fine.
  await login(srv.url, 'admin');
});

test('paging echoes page and page_size and slices the list', async () => {
  const first = await api(srv.url, 'GET', '/api/v1/users?page=1&page_size=5', { as: admin });
  const second = await api(srv.url, 'GET', '/api/v1/users?page=2&page_size=5', { as: admin });
  assert.equal(first.status, 200);
  assert.deepEqual(Object.keys(first.body).sort(), ['items', 'page', 'page_size', 'total']);
  assert.equal(first.body.page, 1);
  assert.equal(first.body.page_size, 5);
  assert.equal(first.body.items.length, 5);
  assert.equal(second.body.page, 2);
  assert.equal(second.body.total, first.body.total);
  assert.ok(second.body.items[0].id > first.body.items[4].id);
  const defaults = await api(srv.url, 'GET', '/api/v1/users', { as: admin });
  assert.equal(defaults.body.page, 1);
  assert.equal(defaults.body.page_size, 20);
  assert.equal(defaults.body.items.length, 20);
  const max = await api(srv.url, 'GET', '/api/v1/users?page_size=200', { as: admin });
  assert.equal(max.body.items.length, 200); // 310 demo accounts, at most 200 a page
  assert.equal(max.body.total, 310);
  const beyond = await api(srv.url, 'GET', '/api/v1/users?page=1000', { as: admin });
  assert.equal(beyond.status, 200);
  assert.deepEqual(beyond.body.items, []);
});

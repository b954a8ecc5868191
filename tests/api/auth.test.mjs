// Login, sessions, CSRF, logout, throttling, password change, languages.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, totals, DEMO_PASSWORD } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const admin = await login(srv.url, 'admin');

async function createUser(username, extra = {}) {
  const r = await api(srv.url, 'POST', '/api/v1/users', {
    as: admin,
    body: { username, name: username, password: 'Start1234', role: 'station',
      region_code: '990102001000', ...extra },
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('login answers token, csrf_token, user and a strict HttpOnly session cookie', async () => {
  const r = await api(srv.url, 'POST', '/api/v1/auth/login',
    { body: { username: 'district1', password: DEMO_PASSWORD } });
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.body.token, 'string');
  assert.ok(r.body.token.length >= 20);
  assert.equal(typeof r.body.csrf_token, 'string');
  assert.ok(r.body.csrf_token.length >= 20);
  assert.notEqual(r.body.csrf_token, r.body.token);
  assert.deepEqual(Object.keys(r.body.user).sort(),
    ['created_at', 'disabled', 'enterprise_id', 'id', 'name', 'region_code', 'role', 'username', 'version']);
  assert.equal(r.body.user.username, 'district1');
  assert.equal(r.body.user.role, 'bureau');
  assert.equal(r.body.user.region_code, '990102000000');
  assert.equal(r.body.user.enterprise_id, null);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, new RegExp(`^anjian_session=${r.body.token};`));
  assert.match(cookie, /;\s*HttpOnly/i);
  assert.match(cookie, /;\s*SameSite=Strict/i);
  assert.match(cookie, /;\s*Path=\//);
  assert.ok(!r.text.includes('password_hash'));
});

test('wrong password and unknown user give 401 with the same message', async () => {
  const wrong = await api(srv.url, 'POST', '/api/v1/auth/login',
    { body: { username: 'district2', password: 'Wrong1234' } });
  const unknown = await api(srv.url, 'POST', '/api/v1/auth/login',
    { body: { username: 'nobody_here', password: 'Wrong1234' } });
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.body.error.code, 'invalid_credentials');
  assert.deepEqual(unknown.body, wrong.body);
  assert.equal(wrong.headers.get('set-cookie'), null);
});

test('missing login fields are 422 required', async () => {
  const r = await api(srv.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin' } });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.code, 'required');
  assert.equal(r.body.error.field, 'password');
});

test('no credentials or a bogus token → 401 unauthenticated', async () => {
  const none = await api(srv.url, 'GET', '/api/v1/me');
  assert.equal(none.status, 401);
  assert.equal(none.body.error.code, 'unauthenticated');
  const bogus = await api(srv.url, 'GET', '/api/v1/me', { token: 'not-a-token' });
  assert.equal(bogus.status, 401);
  const cookie = await api(srv.url, 'GET', '/api/v1/me', { cookie: 'anjian_session=forged' });
  assert.equal(cookie.status, 401);
});

test('Bearer works for reads and writes without CSRF', async () => {
  const me = await api(srv.url, 'GET', '/api/v1/me', { as: admin });
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'admin');
  assert.equal(me.body.user.role, 'admin');
  assert.equal(me.body.csrf_token, admin.csrf);
  const u = await createUser('bearer_target');
  const patch = await api(srv.url, 'PATCH', `/api/v1/users/${u.id}`,
    { as: admin, body: { version: u.version, name: 'Renamed by bearer' } });
  assert.equal(patch.status, 200, patch.text);
  assert.equal(patch.body.name, 'Renamed by bearer');
});

test('cookie sessions: reads need no CSRF; writes without the right X-CSRF-Token → 403 csrf_missing and nothing changes', async () => {
  const s = await login(srv.url, 'admin');
  const u = await createUser('csrf_target');
  const read = await api(srv.url, 'GET', `/api/v1/users/${u.id}`, { cookie: s.cookie });
  assert.equal(read.status, 200);
  const before = await totals(srv.url, admin);

  const missing = await api(srv.url, 'PATCH', `/api/v1/users/${u.id}`,
    { cookie: s.cookie, body: { version: u.version, name: 'Forged' } });
  assert.equal(missing.status, 403);
  assert.equal(missing.body.error.code, 'csrf_missing');
  const wrong = await api(srv.url, 'PATCH', `/api/v1/users/${u.id}`,
    { cookie: s.cookie, csrf: 'x'.repeat(s.csrf.length), body: { version: u.version, name: 'Forged' } });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.body.error.code, 'csrf_missing');
  const create = await api(srv.url, 'POST', '/api/v1/users', {
    cookie: s.cookie,
    body: { username: 'csrf_new', name: 'x', password: 'Start1234', role: 'admin' },
  });
  assert.equal(create.status, 403);
  const logout = await api(srv.url, 'POST', '/api/v1/auth/logout', { cookie: s.cookie });
  assert.equal(logout.status, 403);

  const after_ = await totals(srv.url, admin);
  assert.deepEqual(after_, before);
  const unchanged = await api(srv.url, 'GET', `/api/v1/users/${u.id}`, { as: admin });
  assert.equal(unchanged.body.name, 'csrf_target');
  assert.equal(unchanged.body.version, u.version);
  // The session still works, and with the token the write goes through.
  const ok = await api(srv.url, 'PATCH', `/api/v1/users/${u.id}`,
    { cookie: s.cookie, csrf: s.csrf, body: { version: u.version, name: 'Legit' } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.name, 'Legit');
});

test('logout ends the session and clears the cookie', async () => {
  const s = await login(srv.url, 'district3');
  const other = await login(srv.url, 'district3');
  assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: s })).status, 200);
  const out = await api(srv.url, 'POST', '/api/v1/auth/logout', { as: s });
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /^anjian_session=;.*Max-Age=0/);
  const me = await api(srv.url, 'GET', '/api/v1/me', { as: s });
  assert.equal(me.status, 401);
  const byCookie = await api(srv.url, 'GET', '/api/v1/me', { cookie: s.cookie });
  assert.equal(byCookie.status, 401);
  // Only that session ended.
  assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: other })).status, 200);
  // Cookie logout with the CSRF header works too.
  const c = await login(srv.url, 'district3');
  const cookieOut = await api(srv.url, 'POST', '/api/v1/auth/logout', { cookie: c.cookie, csrf: c.csrf });
  assert.equal(cookieOut.status, 204);
  assert.equal((await api(srv.url, 'GET', '/api/v1/me', { cookie: c.cookie })).status, 401);
});

test('5 failed logins for one account → 429 even with the right password', async () => {
  await createUser('locked_out');
  for (let i = 0; i < 5; i += 1) {
    const r = await api(srv.url, 'POST', '/api/v1/auth/login',
      { body: { username: 'locked_out', password: `Wrong${i}pass` } });
    assert.equal(r.status, 401, `attempt ${i + 1}`);
  }
  const right = await api(srv.url, 'POST', '/api/v1/auth/login',
    { body: { username: 'locked_out', password: 'Start1234' } });
  assert.equal(right.status, 429);
  assert.equal(right.body.error.code, 'too_many_attempts');
  // Other accounts from the same address are not affected.
  await login(srv.url, 'district4');
});

test('password change: wrong old → 422; success ends other sessions but not the current one', async () => {
  await createUser('changer');
  const s1 = await login(srv.url, 'changer', 'Start1234');
  const s2 = await login(srv.url, 'changer', 'Start1234');
  const before = await totals(srv.url, admin);
  const wrongOld = await api(srv.url, 'POST', '/api/v1/me/password',
    { as: s1, body: { old_password: 'Nope12345', new_password: 'Next12345' } });
  assert.equal(wrongOld.status, 422);
  assert.equal(wrongOld.body.error.code, 'wrong_password');
  assert.equal(wrongOld.body.error.field, 'old_password');
  const weak = await api(srv.url, 'POST', '/api/v1/me/password',
    { as: s1, body: { old_password: 'Start1234', new_password: 'short' } });
  assert.equal(weak.status, 422);
  assert.equal(weak.body.error.code, 'invalid_password');
  assert.equal(weak.body.error.field, 'new_password');
  assert.deepEqual(await totals(srv.url, admin), before);
  assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: s2 })).status, 200);

  const ok = await api(srv.url, 'POST', '/api/v1/me/password',
    { as: s1, body: { old_password: 'Start1234', new_password: 'Next12345' } });
  assert.equal(ok.status, 204, ok.text);
  assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: s1 })).status, 200);
  const ended = await api(srv.url, 'GET', '/api/v1/me', { as: s2 });
  assert.equal(ended.status, 401);
  const old = await api(srv.url, 'POST', '/api/v1/auth/login',
    { body: { username: 'changer', password: 'Start1234' } });
  assert.equal(old.status, 401);
  await login(srv.url, 'changer', 'Next12345');
  const audit = await api(srv.url, 'GET', '/api/v1/audit?action=change_password&actor=changer', { as: admin });
  assert.equal(audit.body.total, 1);
  assert.equal(audit.body.items[0].entity, 'user');
  assert.equal(audit.body.items[0].entity_id, String(s1.user.id));
});

test('Accept-Language: en gives English messages, zh-CN is the default', async () => {
  const body = { username: 'nobody_else', password: 'Wrong1234' };
  const en = await api(srv.url, 'POST', '/api/v1/auth/login', { body, headers: { 'Accept-Language': 'en' } });
  const enUs = await api(srv.url, 'POST', '/api/v1/auth/login',
    { body, headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
  const zh = await api(srv.url, 'POST', '/api/v1/auth/login', { body });
  assert.equal(en.status, 401);
  assert.equal(en.body.error.message, 'Wrong username or password');
  assert.equal(enUs.body.error.message, 'Wrong username or password');
  assert.equal(zh.body.error.code, 'invalid_credentials');
  assert.notEqual(zh.body.error.message, en.body.error.message);
  assert.match(zh.body.error.message, /[\u4e00-\u9fff]/);
  const unauth = await api(srv.url, 'GET', '/api/v1/me', { headers: { 'Accept-Language': 'en' } });
  assert.equal(unauth.body.error.message, 'Please log in');
});

test('many failures from one address across usernames → 429 (20 per address)', async () => {
  const fresh = await startServer();
  try {
    for (let i = 0; i < 20; i += 1) {
      const r = await api(fresh.url, 'POST', '/api/v1/auth/login',
        { body: { username: `station${(i % 6) + 1}_${(i % 10) + 1}`, password: `Wrong${i}pass` } });
      assert.equal(r.status, 401, `attempt ${i + 1}: ${r.text}`);
    }
    const right = await api(fresh.url, 'POST', '/api/v1/auth/login',
      { body: { username: 'admin', password: DEMO_PASSWORD } });
    assert.equal(right.status, 429);
    assert.equal(right.body.error.code, 'too_many_attempts');
  } finally {
    await fresh.stop();
  }
});

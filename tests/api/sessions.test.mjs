// Session lifetimes: idle and absolute expiry (servers with short limits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, sleep } from './harness.mjs';

test('idle expiry: a session unused longer than --session-idle-seconds → 401 session_expired', async () => {
  const srv = await startServer({ args: ['--session-idle-seconds', '2'] });
  try {
    // The busy session logs in first, so that nothing but this one request lies between the
    // idle session's login and its first use (a login costs an argon2 hash, slow under load).
    const busy = await login(srv.url, 'district2');
    const idle = await login(srv.url, 'district1');
    assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: idle })).status, 200);
    // A session used every half second stays alive past the idle limit.
    for (let i = 0; i < 7; i += 1) {
      await sleep(500);
      const r = await api(srv.url, 'GET', '/api/v1/me', { as: busy });
      assert.equal(r.status, 200, `busy session, request ${i + 1}`);
    }
    // The other one was not used for more than 3 s.
    const expired = await api(srv.url, 'GET', '/api/v1/me', { as: idle });
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, 'session_expired');
    const again = await api(srv.url, 'GET', '/api/v1/me', { cookie: idle.cookie });
    assert.equal(again.status, 401);
  } finally {
    await srv.stop();
  }
});

test('absolute expiry: a session ends --session-absolute-seconds after login even when used', async () => {
  const srv = await startServer({ args: ['--session-absolute-seconds', '3', '--session-idle-seconds', '60'] });
  try {
    const s = await login(srv.url, 'district1');
    assert.match(s.setCookie, /Max-Age=3\b/);
    assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: s })).status, 200);
    await sleep(1000);
    assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: s })).status, 200);
    await sleep(3200);
    const expired = await api(srv.url, 'GET', '/api/v1/me', { as: s });
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, 'session_expired');
    // A new login works.
    const fresh = await login(srv.url, 'district1');
    assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: fresh })).status, 200);
  } finally {
    await srv.stop();
  }
});

test('idle expiry is not shortened by rounding instants to whole seconds', async () => {
  // Log in late in a wall-clock second and come back just after the idle limit's second
  // boundary: the session has been unused for ~1.1 s, well under the 2 s limit.
  const srv = await startServer({ args: ['--session-idle-seconds', '2'] });
  try {
    while (Date.now() % 1000 < 880) await sleep(5);
    const loginSecond = Math.floor(Date.now() / 1000);
    const s = await login(srv.url, 'district1');
    const answered = Date.now();
    while (Date.now() < (loginSecond + 2) * 1000 + 30) await sleep(5);
    const r = await api(srv.url, 'GET', '/api/v1/me', { as: s });
    const unused = Date.now() - answered;
    assert.ok(unused < 1500, `test timing: ${unused} ms`);
    assert.equal(r.status, 200, `session unused for ${unused} ms with a 2 s idle limit: ${r.text}`);
  } finally {
    await srv.stop();
  }
});

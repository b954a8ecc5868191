// Durability across kill -9, graceful shutdown on SIGTERM, schema versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createDatabase, api, login, sleep, freePort, run, BIN, DEMO_PASSWORD } from './harness.mjs';

test('a committed write survives kill -9 and a restart on the same database', async () => {
  const srv = await startServer();
  try {
    const admin = await login(srv.url, 'admin');
    const r = await api(srv.url, 'POST', '/api/v1/users', {
      as: admin, body: { username: 'durable', name: '持久', password: 'Start1234', role: 'station', region_code: '990102001000' },
    });
    assert.equal(r.status, 201, r.text);
    const exit = await srv.kill9();
    assert.equal(exit.signal, 'SIGKILL');
    await srv.restart();
    const again = await login(srv.url, 'admin');
    const found = await api(srv.url, 'GET', `/api/v1/users/${r.body.id}`, { as: again });
    assert.equal(found.status, 200);
    assert.deepEqual(found.body, r.body);
    await login(srv.url, 'durable', 'Start1234');
    // The old session was stored too, so it still works after the restart.
    assert.equal((await api(srv.url, 'GET', '/api/v1/me', { as: admin })).status, 200);
    const verify = await srv.cli(['audit', 'verify']);
    assert.equal(verify.code, 0, verify.stdout);
  } finally {
    await srv.stop();
  }
});

test('SIGTERM while a login is being hashed: the request gets 200 and the process exits 0', async () => {
  const srv = await startServer();
  const pending = api(srv.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: DEMO_PASSWORD } });
  await sleep(25); // the request is in the worker, hashing (~90 ms)
  srv.process.kill('SIGTERM');
  const r = await pending;
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.body.token, 'string');
  const { code, signal } = await srv.exited;
  assert.equal(signal, null);
  assert.equal(code, 0);
  // The login was committed before the process ended.
  await srv.restart();
  assert.equal((await api(srv.url, 'GET', '/api/v1/me', { token: r.body.token })).status, 200);
  assert.equal(await srv.stop(), 0);
});

test('a database newer than the binary: serve and migrate refuse with a clear message', async () => {
  const db = await createDatabase();
  const migrated = await db.cli(['migrate']);
  assert.equal(migrated.code, 0, migrated.stderr);
  assert.match(migrated.stdout, /schema at version \d+/);
  const again = await db.cli(['migrate']);
  assert.equal(again.code, 0, 'migrate is idempotent');
  await db.sql("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '2030-01-01T00:00:00Z')");
  const migrate = await db.cli(['migrate']);
  assert.notEqual(migrate.code, 0);
  assert.match(migrate.stderr, /newer/);
  assert.match(migrate.stderr, /9999/);
  const port = await freePort();
  const serve = await run(BIN, ['serve', '--db', db.dbUrl, '--listen', `127.0.0.1:${port}`], { cwd: db.dir, timeoutMs: 15_000 });
  assert.equal(serve.signal, null, 'serve must exit by itself');
  assert.notEqual(serve.code, 0);
  assert.match(serve.stderr, /newer/);
});

test('serve takes its settings from a configuration file or from ANJIAN_* variables', async () => {
  const db = await createDatabase();
  assert.equal((await db.cli(['demo', '--enterprises', '0'])).code, 0);
  const { spawn } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const tryServe = async (args, env) => {
    const port = await freePort();
    const config = join(db.dir, `anjian-${port}.toml`);
    writeFileSync(config, `[serve]\ndb = "${db.dbUrl}"\nlisten = "127.0.0.1:${port}"\n`);
    const child = spawn(BIN, args(config, port), {
      cwd: db.dir, stdio: 'ignore', env: { PATH: process.env.PATH, ...env(port) },
    });
    try {
      for (let i = 0; i < 100; i++) {
        try {
          const r = await fetch(`http://127.0.0.1:${port}/healthz`);
          if (r.status === 200) return true;
        } catch { /* not yet */ }
        await sleep(50);
      }
      return false;
    } finally {
      child.kill('SIGTERM');
    }
  };
  assert.ok(await tryServe((config) => ['--config', config, 'serve'], () => ({})), 'from --config');
  assert.ok(await tryServe(() => ['serve'], (port) => ({ ANJIAN_DB: db.dbUrl, ANJIAN_LISTEN: `127.0.0.1:${port}` })),
    'from ANJIAN_DB and ANJIAN_LISTEN');
});

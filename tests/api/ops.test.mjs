// Health, metrics, unknown routes, wrong methods, the static web UI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, api, login } from './harness.mjs';

test('API only (no --web)', async (t) => {
  const srv = await startServer();
  try {
    await t.test('/healthz → {"status":"ok"}', async () => {
      const r = await api(srv.url, 'GET', '/healthz');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { status: 'ok' });
      assert.match(r.headers.get('content-type'), /application\/json/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    });

    await t.test('/metrics is Prometheus text with request counts and the latency histogram', async () => {
      const admin = await login(srv.url, 'admin');
      await api(srv.url, 'GET', '/api/v1/users', { as: admin });
      await api(srv.url, 'GET', '/api/v1/nope');
      const r = await api(srv.url, 'GET', '/metrics');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type'), /^text\/plain/);
      assert.match(r.text, /# TYPE anjian_http_requests_total counter/);
      assert.match(r.text, /anjian_http_requests_total\{method="GET",route="\/api\/v1\/users",status="200"\} 1\n/);
      assert.match(r.text, /anjian_http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status="200"\} 1\n/);
      assert.match(r.text, /anjian_http_requests_total\{method="GET",route="\(no route\)",status="404"\} 1\n/);
      assert.match(r.text, /# TYPE anjian_http_request_duration_seconds histogram/);
      assert.match(r.text, /anjian_http_request_duration_seconds_bucket\{le="[0-9.]+"\} \d+/);
      assert.match(r.text, /anjian_http_request_duration_seconds_bucket\{le="\+Inf"\} \d+/);
      assert.match(r.text, /anjian_http_request_duration_seconds_count \d+/);
      assert.match(r.text, /anjian_db_pool_connections \d+/);
      assert.match(r.text, /anjian_job_runs_total\{job="sessions.purge",outcome="ok"\} 1/);
    });

    await t.test('unknown /api path → 404 route_not_found (with or without credentials)', async () => {
      const admin = await login(srv.url, 'admin');
      for (const path of ['/api/v1/nope', '/api/v1/users/1/nope', '/api/v2/users', '/api/']) {
        const r = await api(srv.url, 'GET', path);
        assert.equal(r.status, 404, path);
        assert.equal(r.body.error.code, 'route_not_found', path);
      }
      const authed = await api(srv.url, 'POST', '/api/v1/no-such-resource', { as: admin, body: {} });
      assert.equal(authed.status, 404);
      assert.equal(authed.body.error.code, 'route_not_found');
    });

    await t.test('wrong method on a known path → 405 method_not_allowed', async () => {
      for (const [method, path] of [['DELETE', '/api/v1/users'], ['PUT', '/api/v1/users/1'], ['GET', '/api/v1/auth/login'],
        ['POST', '/api/v1/regions'], ['DELETE', '/api/v1/audit'], ['POST', '/healthz']]) {
        const r = await api(srv.url, method, path);
        assert.equal(r.status, 405, `${method} ${path}`);
        assert.equal(r.body.error.code, 'method_not_allowed');
      }
    });

    await t.test('405 names the allowed methods in an Allow header (RFC 9110 §15.5.6)', async () => {
      const r = await api(srv.url, 'DELETE', '/api/v1/users');
      assert.equal(r.status, 405);
      const allow = (r.headers.get('allow') || '').split(',').map((m) => m.trim()).filter(Boolean).sort();
      assert.deepEqual(allow.filter((m) => m !== 'HEAD'), ['GET', 'POST']);
    });

    await t.test('non-API paths are 404 when no web UI is given', async () => {
      for (const path of ['/', '/users', '/index.html', '/assets/x.js']) {
        const r = await api(srv.url, 'GET', path);
        assert.equal(r.status, 404, path);
        assert.equal(r.body.error.code, 'not_found');
      }
    });
  } finally {
    await srv.stop();
  }
});

test('with --web: index.html, SPA fallback, immutable assets, real 404 for missing assets', async () => {
  const web = mkdtempSync(join(tmpdir(), 'anjian-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>安监</title><div id="app"></div>');
  writeFileSync(join(web, 'assets', 'x.js'), 'console.log("x");');
  const srv = await startServer({ demo: false, web });
  try {
    for (const path of ['/', '/users', '/regions/990102000000', '/index.html']) {
      const r = await api(srv.url, 'GET', path);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-type'), /^text\/html/);
      assert.match(r.text, /<div id="app">/);
      assert.equal(r.headers.get('cache-control'), 'no-cache', path);
    }
    const asset = await api(srv.url, 'GET', '/assets/x.js');
    assert.equal(asset.status, 200);
    assert.equal(asset.text, 'console.log("x");');
    assert.match(asset.headers.get('content-type'), /^text\/javascript/);
    assert.match(asset.headers.get('cache-control'), /immutable/);
    assert.match(asset.headers.get('cache-control'), /max-age=31536000/);
    const missing = await api(srv.url, 'GET', '/assets/missing.js');
    assert.equal(missing.status, 404);
    assert.notEqual(missing.text, asset.text);
    assert.ok(!missing.text.includes('<div id="app">'));
    // API paths never fall back to the page.
    const apiMissing = await api(srv.url, 'GET', '/api/v1/nope');
    assert.equal(apiMissing.status, 404);
    assert.equal(apiMissing.body.error.code, 'route_not_found');
    assert.deepEqual((await api(srv.url, 'GET', '/healthz')).body, { status: 'ok' });
  } finally {
    await srv.stop();
    rmSync(web, { recursive: true, force: true });
  }
});

// docs/openapi.yaml must describe every route the server has (`anjian routes`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run, BIN } from './harness.mjs';

const SPEC = fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url));
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

// A minimal reader: path keys sit at two spaces under `paths:`, methods at four under a path.
function operations(yaml) {
  const out = new Map(); // "METHOD /path" → line number
  let inPaths = false;
  let path = null;
  yaml.split('\n').forEach((line, index) => {
    if (/^\S/.test(line)) {
      inPaths = /^paths:\s*$/.test(line);
      path = null;
      return;
    }
    if (!inPaths) return;
    let m = line.match(/^ {2}(["']?)(\/[^"':]*)\1:\s*$/);
    if (m) {
      path = m[2];
      return;
    }
    m = line.match(/^ {4}([a-z]+):/);
    if (m && path && METHODS.has(m[1])) out.set(`${m[1].toUpperCase()} ${path}`, index + 1);
  });
  return out;
}

test('every route of `anjian routes` is documented in docs/openapi.yaml', async () => {
  const routes = await run(BIN, ['routes']);
  assert.equal(routes.code, 0, routes.stderr);
  const lines = routes.stdout.split('\n').map((l) => l.trim()).filter((l) => /^[A-Z]+ \//.test(l));
  assert.ok(lines.length >= 10, routes.stdout);
  const documented = operations(readFileSync(SPEC, 'utf8'));
  const missing = lines.filter((route) => !documented.has(route));
  assert.deepEqual(missing, [], `routes without an entry in docs/openapi.yaml:\n${missing.join('\n')}`);
  // …and nothing documented that the server does not have.
  const extra = [...documented.keys()].filter((op) => !lines.includes(op));
  assert.deepEqual(extra, [], `documented operations the server does not serve:\n${extra.join('\n')}`);
});

test('the document is OpenAPI 3.0 with the shared schemas and both security schemes', () => {
  const yaml = readFileSync(SPEC, 'utf8');
  assert.match(yaml, /^openapi: 3\.0\.\d+$/m);
  for (const name of ['User', 'Region', 'AuditEntry', 'Error', 'ListEnvelope']) {
    assert.match(yaml, new RegExp(`^ {4}${name}:$`, 'm'), `schema ${name}`);
  }
  assert.match(yaml, /^ {4}bearer:\n {6}type: http\n {6}scheme: bearer$/m);
  assert.match(yaml, /^ {4}cookie:\n {6}type: apiKey\n {6}in: cookie\n {6}name: anjian_session$/m);
  assert.match(yaml, /name: X-CSRF-Token/);
  assert.ok(!yaml.includes('\t'), 'no tabs in YAML');
});

test('`anjian routes` prints nothing but "METHOD /path" lines on stdout', async () => {
  const routes = await run(BIN, ['routes']);
  assert.equal(routes.code, 0, routes.stderr);
  const other = routes.stdout.split('\n').filter((l) => l !== '' && !/^(GET|POST|PATCH|PUT|DELETE) \/\S*$/.test(l));
  assert.deepEqual(other, [], 'log lines belong on stderr');
});

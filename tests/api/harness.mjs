// Black-box test harness for the Anjian server: starts `anjian serve` on a fresh database (SQLite
// temp file, or a new PostgreSQL database when ANJIAN_TEST_PG_URL is set) and talks to it over HTTP.
// Node built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, closeSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { randomBytes } from 'node:crypto';

export const BIN = process.env.ANJIAN_BIN || '/work/main/build/anjian';
export const PG_URL = process.env.ANJIAN_TEST_PG_URL || '';
export const IS_PG = PG_URL !== '';
export const DEMO_PASSWORD = 'Demo@2026';
// Demo enterprises per test database: 1200 puts two in each of the 600 villages (so every
// district and town has some, and every demo account ent{d}_{t} exists) and keeps the suite fast.
export const DEMO_ENTERPRISES = Number(process.env.ANJIAN_TEST_ENTERPRISES || 1200);

// Everything to clean up when the test process ends, whatever way it ends.
const children = new Set();
const databases = []; // { dir, pgName }

process.on('exit', (code) => {
  for (const child of children) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
  const failed = code !== 0 || (process.exitCode ?? 0) !== 0;
  for (const db of databases) {
    if (failed) {
      for (const log of db.logs) {
        if (!existsSync(log)) continue;
        const text = readFileSync(log, 'utf8').split('\n').slice(-80).join('\n');
        process.stderr.write(`\n----- server log ${log} (last 80 lines) -----\n${text}\n`);
      }
    }
    if (db.pgName) {
      spawnSync('psql', [PG_URL, '-q', '-c', `DROP DATABASE IF EXISTS ${db.pgName} WITH (FORCE)`],
        { stdio: 'ignore' });
    }
    if (!failed) rmSync(db.dir, { recursive: true, force: true });
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(130));
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Runs a command to completion: { code, signal, stdout, stderr }.
export function run(command, args, { env = {}, cwd, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// A fresh, empty database (nothing migrated yet) with helpers bound to it.
export async function createDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'anjian-api-'));
  const db = { dir, pgName: null, logs: [] };
  databases.push(db);
  let dbUrl;
  if (IS_PG) {
    db.pgName = `t_${randomBytes(6).toString('hex')}`;
    const made = await run('psql', [PG_URL, '-q', '-v', 'ON_ERROR_STOP=1', '-c',
      `CREATE DATABASE ${db.pgName}`]);
    if (made.code !== 0) throw new Error(`CREATE DATABASE failed: ${made.stderr}`);
    const url = new URL(PG_URL);
    url.pathname = `/${db.pgName}`;
    dbUrl = url.toString();
  } else {
    dbUrl = `sqlite:${join(dir, 'anjian.db')}`;
  }
  // The CLI reads --db from ANJIAN_DB, so `cli(['user', 'add', …])` needs no --db.
  const cli = (args, options = {}) =>
    run(BIN, args, { cwd: dir, ...options, env: { ANJIAN_DB: dbUrl, ...(options.env || {}) } });
  // Runs SQL directly against the database (sqlite3 or psql); rejects on failure.
  const sql = async (statement) => {
    const result = IS_PG
      ? await run('psql', [dbUrl, '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', statement])
      : await run('sqlite3', [dbUrl.slice('sqlite:'.length), statement]);
    if (result.code !== 0) throw new Error(`SQL failed (${statement}): ${result.stderr}`);
    return result.stdout.trim();
  };
  return { dir, dbUrl, cli, sql, _db: db };
}

async function waitHealthy(url, child, logPath, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`anjian serve exited early (${child.exitCode ?? child.signalCode}):\n` +
        readFileSync(logPath, 'utf8'));
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) return;
    } catch { /* not listening yet */ }
    await sleep(50);
  }
  throw new Error(`anjian serve did not become healthy in ${timeoutMs} ms`);
}

// libfaketime (Debian's faketime package): the server's clock read from a file the test rewrites.
const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1';

// Starts a server on a fresh database. `args` go to `anjian serve`; `web` sets --web (default: a
// directory that does not exist, so that no web UI is served); `enterprises` is the number of demo
// enterprises (`anjian demo --enterprises`). With `clock`, the server runs on a clock the test
// moves with `setClock(instant)` (wall time only: timers and timeouts keep the real monotonic
// clock); the demo is built on the real one.
export async function startServer({ demo = true, args = [], web, enterprises = DEMO_ENTERPRISES, clock = false } = {}) {
  const database = await createDatabase();
  const { dir, dbUrl, cli } = database;
  const clockFile = join(dir, 'clock');
  let env = process.env;
  if (clock) {
    if (!existsSync(FAKETIME_LIB)) throw new Error(`${FAKETIME_LIB} is missing: run scripts/install-deps`);
    writeFileSync(clockFile, `@${new Date().toISOString().slice(0, 19).replace('T', ' ')}\n`);
    env = {
      ...process.env, TZ: 'UTC', LD_PRELOAD: FAKETIME_LIB, FAKETIME_TIMESTAMP_FILE: clockFile,
      FAKETIME_NO_CACHE: '1', FAKETIME_DONT_FAKE_MONOTONIC: '1',
      // The sanitizer build wants its runtime first among the libraries; the preload comes first.
      ASAN_OPTIONS: [process.env.ASAN_OPTIONS, 'verify_asan_link_order=0'].filter(Boolean).join(':'),
    };
  }
  if (demo) {
    // The demo city with its half year of inspections takes a while on a sanitizer build under
    // load: allow it more than the default minute.
    const result = await cli(['demo', '--enterprises', String(enterprises)], { timeoutMs: 300_000 });
    if (result.code !== 0) throw new Error(`anjian demo failed: ${result.stderr}`);
  }
  let starts = 0;
  const server = {
    ...database,
    url: '',
    port: 0,
    process: null,
    logPath: '',
    exited: null, // a promise of { code, signal } for the current process
    // The server's clock jumps to `instant` (an ISO UTC instant) and runs on from there.
    setClock(instant) {
      if (!clock) throw new Error('startServer({ clock: true }) for a clock the test moves');
      const at = new Date(instant).toISOString().slice(0, 19).replace('T', ' ');
      writeFileSync(clockFile, `@${at}\n`);
    },
    async start() {
      starts += 1;
      this.port = await freePort();
      this.url = `http://127.0.0.1:${this.port}`;
      this.logPath = join(dir, `server-${starts}.log`);
      database._db.logs.push(this.logPath);
      const log = openSync(this.logPath, 'a');
      const child = spawn(BIN, ['serve', '--db', dbUrl, '--listen', `127.0.0.1:${this.port}`,
        '--web', web ?? join(dir, 'no-web'), ...args], { cwd: dir, env, stdio: ['ignore', log, log] });
      closeSync(log);
      children.add(child);
      this.process = child;
      this.exited = new Promise((resolve) => {
        child.on('exit', (code, signal) => {
          children.delete(child);
          resolve({ code, signal });
        });
      });
      await waitHealthy(this.url, child, this.logPath);
      return this;
    },
    // SIGTERM, then the exit code once the process has gone.
    async stop() {
      if (!this.process || this.process.exitCode !== null || this.process.signalCode !== null) {
        return (await this.exited)?.code;
      }
      this.process.kill('SIGTERM');
      const { code } = await this.exited;
      return code;
    },
    async kill9() {
      this.process.kill('SIGKILL');
      return this.exited;
    },
    // Starts the server again on the same database (after stop() or kill9()); `url` changes.
    async restart() {
      if (this.process && this.process.exitCode === null && this.process.signalCode === null) {
        await this.stop();
      }
      return this.start();
    },
  };
  return server.start();
}

// ---- unified social credit codes (GB 32100-2015) ---------------------------------------------
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const orgValue = (c) => (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55);
function orgCheck(org8) {
  const sum = [...org8].reduce((s, c, i) => s + orgValue(c) * ORG_WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}
function check(first17) {
  const sum = [...first17].reduce((s, c, i) => s + USCC_ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}
// 16 characters (authority, type, region, 8-character organisation code) → a valid
// 18-character code, both check characters appended.
export function completeUscc(first16) {
  const with17 = first16 + orgCheck(first16.slice(8, 16));
  return with17 + check(with17);
}
// ---- HTTP helpers ----------------------------------------------------------------------------

// api(url, method, path, {token | as: session | cookie + csrf, body, headers})
// → { status, body, text, headers }. A string body is sent as is, anything else as JSON.
export async function api(url, method, path, options = {}) {
  const headers = { ...(options.headers || {}) };
  const token = options.token ?? options.as?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.csrf) headers['X-CSRF-Token'] = options.csrf;
  let body;
  if (options.body !== undefined) {
    if (typeof options.body === 'string' || options.body instanceof Uint8Array) {
      body = options.body;
    } else {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
  }
  const response = await fetch(url + path, { method, headers, body });
  const text = await response.text();
  let parsed = text;
  if ((response.headers.get('content-type') || '').includes('json') && text !== '') {
    try { parsed = JSON.parse(text); } catch { parsed = text; }
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}

// Logs in and returns { token, csrf, cookie, user, setCookie }; throws unless 200.
export async function login(url, username, password = DEMO_PASSWORD, headers = {}) {
  const r = await api(url, 'POST', '/api/v1/auth/login', { body: { username, password }, headers });
  if (r.status !== 200) {
    throw new Error(`login ${username}: ${r.status} ${r.text}`);
  }
  const setCookie = r.headers.get('set-cookie') || '';
  return {
    token: r.body.token,
    csrf: r.body.csrf_token,
    cookie: setCookie.split(';')[0],
    setCookie,
    user: r.body.user,
  };
}

// Totals used to show that a refused request changed nothing.
export async function totals(url, admin) {
  const users = await api(url, 'GET', '/api/v1/users?page_size=1', { as: admin });
  const audit = await api(url, 'GET', '/api/v1/audit?page_size=1', { as: admin });
  if (users.status !== 200 || audit.status !== 200) throw new Error('totals: not admin?');
  return { users: users.body.total, audit: audit.body.total };
}

// Every user visible to `session`, following pages.
export async function allUsers(url, session, query = '') {
  const out = [];
  for (let page = 1; ; page += 1) {
    const r = await api(url, 'GET', `/api/v1/users?page_size=200&page=${page}${query}`, { as: session });
    if (r.status !== 200) throw new Error(`list users: ${r.status} ${r.text}`);
    out.push(...r.body.items);
    if (out.length >= r.body.total || r.body.items.length === 0) return out;
  }
}

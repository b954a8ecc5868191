// An enterprise's key people (/enterprises/{id}/people) and the certificate expiry list
// (/certificates/expiring): journeys with the audit trail, the certificate state on today's China
// Standard Time date and its boundaries, every validation error with its field, conflicts, who may
// write, and the expiry list checked against the people it is drawn from. Cross-district scope rows
// are in scope.test.mjs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, completeUscc, USCC_ALPHABET } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const admin = await login(srv.url, 'admin');
const sessions = { admin };
for (const name of ['city', 'district1', 'district2', 'station1_1', 'station1_2', 'grid1_1_1', 'grid1_1_2',
  'grid1_2_1', 'expert1', 'ent1_1', 'ent1_2']) {
  sessions[name] = await login(srv.url, name);
}

const FIELDS = ['id', 'enterprise_id', 'role', 'name', 'position', 'phone', 'certificate_number',
  'certificate_kind', 'certificate_issued', 'certificate_expiry', 'certificate_state',
  'certificate_days_left', 'lacks_required_certificate', 'created_at', 'updated_at', 'version'];
const ROLES = ['principal', 'chief_safety_officer', 'safety_manager', 'safety_engineer'];
const KINDS = ['principal_training', 'manager_training', 'registered_engineer', 'special_operation', 'other'];
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

const get = (path, as = admin) => api(srv.url, 'GET', path, { as });
const post = (path, body, as = admin) => api(srv.url, 'POST', path, { as, body });
const patch = (path, body, as = admin) => api(srv.url, 'PATCH', path, { as, body });
const del = (path, as = admin) => api(srv.url, 'DELETE', path, { as });
const people = (id) => `/api/v1/enterprises/${id}/people`;

// The China Standard Time date `days` from now, and whole days between two dates.
function chinaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}
const daysBetween = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000);

// What the server must compute for a person on `today`.
function expectedState(p, today) {
  if (p.certificate_expiry === null) return { certificate_state: 'missing', certificate_days_left: null };
  const left = daysBetween(today, p.certificate_expiry);
  const state = left < 0 ? 'expired' : left <= 30 ? 'expiring' : 'valid';
  return { certificate_state: state, certificate_days_left: left };
}
function checkComputed(p, today, label = '') {
  const { certificate_state: state, certificate_days_left: left } = expectedState(p, today);
  assert.equal(p.certificate_state, state, `${label} state of ${JSON.stringify(p)}`);
  assert.equal(p.certificate_days_left, left, `${label} days left of ${JSON.stringify(p)}`);
  const lacks = ['principal', 'safety_manager'].includes(p.role) && (state === 'missing' || state === 'expired');
  assert.equal(p.lacks_required_certificate, lacks, `${label} lacks_required_certificate of ${JSON.stringify(p)}`);
}

function expectError(r, status, code, field, label = '') {
  assert.equal(r.status, status, `${label}: ${r.text}`);
  if (code !== undefined) assert.equal(r.body.error?.code, code, `${label}: ${r.text}`);
  if (field !== undefined) assert.equal(r.body.error?.field, field, `${label}: ${r.text}`);
  assert.ok(r.body.error?.message, `${label}: a message`);
}

async function list(enterpriseId, as = admin) {
  const r = await get(people(enterpriseId), as);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.body), ['items']);
  return r.body.items;
}
async function auditTotal() {
  return (await get('/api/v1/audit?page_size=1')).body.total;
}
async function latestAudit(action) {
  const r = await get(`/api/v1/audit?entity=enterprise_person&action=${action}&page_size=1`);
  assert.equal(r.status, 200, r.text);
  return r.body.items[0];
}

let serial = 0;
function newUscc(region) {
  serial += 1;
  let n = serial * 13 + (process.pid % 1000) * 10_000;
  let tail = '';
  for (let k = 0; k < 6; k++) { tail = USCC_ALPHABET[n % 31] + tail; n = Math.floor(n / 31); }
  return completeUscc(`91${region.slice(0, 6)}PP${tail}`);
}
// A fresh enterprise, with no key people.
async function newEnterprise(region = '990102001001') {
  const r = await post('/api/v1/enterprises', { uscc: newUscc(region), name: '人员测试有限公司', region_code: region, industry_code: 'C34' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(await list(r.body.id), []);
  return r.body;
}
const certificate = (expiryDays, kind = 'manager_training', issuedDays = expiryDays - 1000) => ({
  certificate_number: `AQ${String(serial++).padStart(6, '0')}`,
  certificate_kind: kind,
  certificate_issued: chinaDate(issuedDays),
  certificate_expiry: chinaDate(expiryDays),
});
async function add(enterpriseId, body, as = admin) {
  const r = await post(people(enterpriseId), { position: '', phone: '13800138000', ...body }, as);
  assert.equal(r.status, 201, `${JSON.stringify(body)}: ${r.text}`);
  return r.body;
}
// Every page of a list.
async function all(path, as = admin) {
  const out = [];
  for (let page = 1; ; page += 1) {
    const r = await get(`${path}${path.includes('?') ? '&' : '?'}page_size=200&page=${page}`, as);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    out.push(...r.body.items);
    if (out.length >= r.body.total || r.body.items.length === 0) {
      assert.equal(out.length, r.body.total, `${path}: total and items disagree`);
      return out;
    }
  }
}

// ---- the demo's people -------------------------------------------------------------------------

test('the demo\'s key people: fields, one principal each, certificate state computed on today\'s China date', async () => {
  const today = chinaDate();
  const town = await all('/api/v1/enterprises?region_code=990102001000');
  assert.equal(town.length, 20);
  const states = new Set();
  for (const e of town) {
    const items = await list(e.id);
    assert.ok(items.length >= 3, `enterprise ${e.id} has its people`);
    for (const p of items) {
      assert.deepEqual(Object.keys(p).sort(), [...FIELDS].sort());
      assert.equal(p.enterprise_id, e.id);
      assert.ok(ROLES.includes(p.role), p.role);
      assert.ok(p.certificate_kind === null || KINDS.includes(p.certificate_kind), p.certificate_kind);
      assert.match(p.created_at, INSTANT);
      checkComputed(p, today, `enterprise ${e.id}`);
      states.add(p.certificate_state);
    }
    assert.equal(items.filter((p) => p.role === 'principal').length, 1, `one principal in ${e.id}`);
    assert.ok(items.filter((p) => p.role === 'chief_safety_officer').length <= 1);
  }
  assert.ok(states.has('valid') && states.has('missing'), [...states].join());
  // Across the city some certificates expire within 30 days and some have expired.
  assert.ok((await get('/api/v1/certificates/expiring?page_size=1')).body.total > 0);
  assert.ok((await get('/api/v1/certificates/expiring?state=expired&page_size=1')).body.total > 0);
});

// ---- journeys ----------------------------------------------------------------------------------

test('journey: a station records a principal with a certificate, changes it through every state, deletes it', async () => {
  const station = sessions.station1_1;
  const e = await newEnterprise();
  const today = chinaDate();
  const audit0 = await auditTotal();
  const body = {
    role: 'principal', name: '王建国', position: '总经理', phone: '0591-87654321',
    certificate_number: 'JC20260001', certificate_kind: 'principal_training',
    certificate_issued: chinaDate(-700), certificate_expiry: chinaDate(400),
  };
  const r = await post(people(e.id), body, station);
  assert.equal(r.status, 201, r.text);
  const p = r.body;
  assert.deepEqual(Object.keys(p).sort(), [...FIELDS].sort());
  for (const key of Object.keys(body)) assert.equal(p[key], body[key], key);
  assert.equal(p.enterprise_id, e.id);
  assert.equal(p.certificate_state, 'valid');
  assert.equal(p.certificate_days_left, 400);
  assert.equal(p.lacks_required_certificate, false);
  assert.equal(p.version, 1);
  assert.match(p.created_at, INSTANT);
  assert.equal(p.updated_at, p.created_at);
  assert.deepEqual(await list(e.id), [p]);
  assert.equal(await auditTotal(), audit0 + 1);
  let entry = await latestAudit('create');
  assert.equal(entry.entity_id, String(p.id));
  assert.equal(entry.actor_username, 'station1_1');
  assert.equal(entry.before, null);
  assert.equal(entry.after.name, '王建国');
  assert.equal(entry.after.certificate_expiry, body.certificate_expiry);
  assert.equal(entry.after.enterprise_id, e.id);

  // Contact details change; the rest stays.
  let u = await patch(`${people(e.id)}/${p.id}`, { version: 1, phone: '13912345678', position: '董事长' }, station);
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.phone, '13912345678');
  assert.equal(u.body.position, '董事长');
  assert.equal(u.body.version, 2);
  assert.equal(u.body.certificate_number, body.certificate_number);
  assert.equal(u.body.created_at, p.created_at);
  entry = await latestAudit('update');
  assert.equal(entry.entity_id, String(p.id));
  assert.equal(entry.before.phone, '0591-87654321');
  assert.equal(entry.after.phone, '13912345678');

  // The certificate through its states: expiring in 10 days, expiring today, expired yesterday,
  // renewed, taken away.
  const steps = [
    [{ certificate_expiry: chinaDate(10) }, 'expiring', 10, false],
    [{ certificate_expiry: today }, 'expiring', 0, false],
    [{ certificate_expiry: chinaDate(-1) }, 'expired', -1, true],
    [{ certificate_number: 'JC20260002', certificate_issued: today, certificate_expiry: chinaDate(1095) }, 'valid', 1095, false],
    [{ certificate_number: null, certificate_kind: null, certificate_issued: null, certificate_expiry: null }, 'missing', null, true],
  ];
  let version = 2;
  for (const [changes, state, left, lacks] of steps) {
    u = await patch(`${people(e.id)}/${p.id}`, { version, ...changes }, station);
    assert.equal(u.status, 200, `${JSON.stringify(changes)}: ${u.text}`);
    version += 1;
    assert.equal(u.body.version, version);
    for (const [key, value] of Object.entries(changes)) assert.equal(u.body[key], value, key);
    assert.equal(u.body.certificate_state, state, JSON.stringify(changes));
    assert.equal(u.body.certificate_days_left, left, JSON.stringify(changes));
    assert.equal(u.body.lacks_required_certificate, lacks, JSON.stringify(changes));
    assert.deepEqual((await list(e.id))[0], u.body);
  }

  // Deleted: gone from the list, audited with what it was; the role is free again.
  const gone = await del(`${people(e.id)}/${p.id}?version=${version}`, station);
  assert.equal(gone.status, 204, gone.text);
  assert.equal(gone.text, '');
  assert.deepEqual(await list(e.id), []);
  entry = await latestAudit('delete');
  assert.equal(entry.entity_id, String(p.id));
  assert.equal(entry.after, null);
  assert.equal(entry.before.name, '王建国');
  assert.equal(await auditTotal(), audit0 + 2 + steps.length + 1);
  expectError(await patch(`${people(e.id)}/${p.id}`, { version, name: 'x' }, station), 404, 'not_found', undefined, 'deleted');
  const next = await add(e.id, { role: 'principal', name: '李继任' });
  assert.equal(next.certificate_state, 'missing');
  assert.equal(next.lacks_required_certificate, true);
});

test('certificate state boundaries and which roles must hold a valid certificate', async () => {
  const e = await newEnterprise();
  const today = chinaDate();
  // [expiry in days (null: no certificate), state, days left]
  const cases = [
    [-400, 'expired', -400],
    [-1, 'expired', -1],
    [0, 'expiring', 0],
    [1, 'expiring', 1],
    [30, 'expiring', 30],
    [31, 'valid', 31],
    [366, 'valid', 366],
    [null, 'missing', null],
  ];
  for (const role of ['safety_manager', 'safety_engineer']) {
    for (const [days, state, left] of cases) {
      const body = { role, name: `${role}${days}`, ...(days === null ? {} : certificate(days)) };
      const p = await add(e.id, body);
      assert.equal(p.certificate_state, state, `${role} ${days}`);
      assert.equal(p.certificate_days_left, left, `${role} ${days}`);
      const lacks = role === 'safety_manager' && (state === 'missing' || state === 'expired');
      assert.equal(p.lacks_required_certificate, lacks, `${role} ${days}`);
      checkComputed(p, today);
    }
  }
  // One principal and one chief safety officer, each taken through the states.
  const principal = await add(e.id, { role: 'principal', name: '主要负责人' });
  const chief = await add(e.id, { role: 'chief_safety_officer', name: '首席安全官' });
  for (const [person, mustHold] of [[principal, true], [chief, false]]) {
    let version = person.version;
    for (const [days, state] of [[null, 'missing'], [-1, 'expired'], [0, 'expiring'], [31, 'valid']]) {
      const changes = days === null
        ? { certificate_number: null, certificate_kind: null, certificate_issued: null, certificate_expiry: null }
        : certificate(days, 'principal_training');
      const r = await patch(`${people(e.id)}/${person.id}`, { version, ...changes });
      assert.equal(r.status, 200, r.text);
      version = r.body.version;
      assert.equal(r.body.certificate_state, state, `${person.role} ${days}`);
      assert.equal(r.body.lacks_required_certificate, mustHold && (state === 'missing' || state === 'expired'), `${person.role} ${days}`);
    }
  }
  for (const p of await list(e.id)) checkComputed(p, today, 'listed');
});

test('concurrent creation of a principal: exactly one is recorded, the rest get 409 person_role_taken', async () => {
  const e = await newEnterprise();
  const results = await Promise.all(['甲', '乙', '丙', '丁'].map((n) =>
    post(people(e.id), { role: 'principal', name: `负责人${n}`, phone: '13800138000' })));
  assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409, 409], results.map((r) => r.text).join('\n'));
  for (const r of results.filter((x) => x.status === 409)) assert.equal(r.body.error.code, 'person_role_taken');
  const items = await list(e.id);
  assert.equal(items.length, 1);
  assert.deepEqual(items[0], results.find((r) => r.status === 201).body);
});

// ---- validation --------------------------------------------------------------------------------

test('create: every validation error with its field, the single roles; nothing is added or audited', async () => {
  const e = await newEnterprise();
  await add(e.id, { role: 'principal', name: '负责人' });
  await add(e.id, { role: 'chief_safety_officer', name: '安全官' });
  const base = { role: 'safety_manager', name: '张安全', position: '安全员', phone: '13800138000' };
  const cert = { certificate_number: 'AQ-0001', certificate_kind: 'manager_training', certificate_issued: chinaDate(-10), certificate_expiry: chinaDate(300) };
  const cases = [
    // required fields
    [{ role: undefined }, 422, 'required', 'role'],
    [{ name: undefined }, 422, 'required', 'name'],
    [{ phone: undefined }, 422, 'required', 'phone'],
    // role, name, phone
    [{ role: 'boss' }, 422, 'invalid_person_role', 'role'],
    [{ role: '' }, 422, 'invalid_person_role', 'role'],
    [{ role: 'PRINCIPAL' }, 422, 'invalid_person_role', 'role'],
    [{ name: '' }, 422, undefined, 'name'],
    [{ phone: '' }, 422, 'invalid_phone', 'phone'],
    [{ phone: 'abc' }, 422, 'invalid_phone', 'phone'],
    [{ phone: '1234' }, 422, 'invalid_phone', 'phone'],
    [{ phone: '138-0013-800a' }, 422, 'invalid_phone', 'phone'],
    // the certificate
    [{ ...cert, certificate_number: undefined }, 422, 'invalid_certificate_number', 'certificate_number'],
    [{ ...cert, certificate_number: null }, 422, 'invalid_certificate_number', 'certificate_number'],
    [{ ...cert, certificate_number: '' }, 422, 'invalid_certificate_number', 'certificate_number'],
    [{ certificate_expiry: chinaDate(300) }, 422, 'invalid_certificate_number', 'certificate_number'],
    [{ ...cert, certificate_kind: undefined }, 422, 'invalid_certificate_kind', 'certificate_kind'],
    [{ ...cert, certificate_kind: 'driving_licence' }, 422, 'invalid_certificate_kind', 'certificate_kind'],
    [{ ...cert, certificate_kind: '' }, 422, 'invalid_certificate_kind', 'certificate_kind'],
    [{ ...cert, certificate_expiry: undefined }, 422, 'required', 'certificate_expiry'],
    [{ ...cert, certificate_expiry: null }, 422, 'required', 'certificate_expiry'],
    [{ ...cert, certificate_expiry: '2027-02-30' }, 422, 'invalid_date', 'certificate_expiry'],
    [{ ...cert, certificate_expiry: '2027/06/30' }, 422, 'invalid_date', 'certificate_expiry'],
    [{ ...cert, certificate_expiry: '2027-6-30' }, 422, 'invalid_date', 'certificate_expiry'],
    [{ ...cert, certificate_issued: '2026-13-01' }, 422, 'invalid_date', 'certificate_issued'],
    [{ ...cert, certificate_issued: 'yesterday' }, 422, 'invalid_date', 'certificate_issued'],
    [{ ...cert, certificate_issued: chinaDate(301) }, 422, 'certificate_expiry_before_issue', undefined],
    // JSON types
    [{ name: 5 }, 422, 'invalid_type', 'name'],
    [{ role: ['principal'] }, 422, 'invalid_type', 'role'],
    [{ phone: 13800138000 }, 422, 'invalid_type', 'phone'],
    [{ ...cert, certificate_expiry: 20270630 }, 422, 'invalid_type', 'certificate_expiry'],
    // fields that are not the client's to send
    [{ enterprise_id: e.id }, 422, 'unknown_field', 'enterprise_id'],
    [{ version: 1 }, 422, 'unknown_field', 'version'],
    [{ id: 9 }, 422, 'unknown_field', 'id'],
    [{ certificate_state: 'valid' }, 422, 'unknown_field', 'certificate_state'],
    // one principal and one chief safety officer per enterprise
    [{ role: 'principal' }, 409, 'person_role_taken', undefined],
    [{ role: 'chief_safety_officer', ...cert }, 409, 'person_role_taken', undefined],
  ];
  const before = { people: await list(e.id), audit: await auditTotal() };
  for (const [overrides, status, code, field] of cases) {
    const body = { ...base, ...overrides };
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
    const r = await post(people(e.id), body);
    expectError(r, status, code, field, `POST ${JSON.stringify(overrides)}`);
    if (code === 'certificate_expiry_before_issue') {
      assert.ok(['certificate_expiry', 'certificate_issued'].includes(r.body.error.field), r.text);
    }
  }
  for (const raw of ['{', '[]']) {
    const r = await api(srv.url, 'POST', people(e.id), { as: admin, body: raw, headers: { 'Content-Type': 'application/json' } });
    assert.equal(r.status, 400, raw);
  }
  assert.deepEqual({ people: await list(e.id), audit: await auditTotal() }, before, 'a refused creation changed something');

  // Accepted: issued on the expiry day, no issue date, every kind, several safety managers.
  assert.equal((await add(e.id, { ...base, ...cert, certificate_issued: cert.certificate_expiry })).certificate_state, 'valid');
  const noIssue = await add(e.id, { ...base, ...cert, certificate_issued: undefined });
  assert.equal(noIssue.certificate_issued, null);
  assert.equal(noIssue.certificate_state, 'valid');
  for (const kind of KINDS) {
    assert.equal((await add(e.id, { ...base, ...cert, certificate_kind: kind })).certificate_kind, kind);
  }
  const noPosition = await add(e.id, { role: 'safety_engineer', name: '注安师', phone: '+86 138 0013 8000', position: undefined });
  assert.equal(noPosition.position, '');
  assert.equal((await list(e.id)).filter((p) => p.role === 'safety_manager').length, 2 + KINDS.length);
  assert.equal((await list(e.id)).filter((p) => p.role === 'principal').length, 1);
});

test('change: version, validation, the single roles, people of another enterprise; refused changes change nothing', async () => {
  const e = await newEnterprise();
  const other = await newEnterprise();
  await add(e.id, { role: 'principal', name: '负责人' });
  await add(e.id, { role: 'chief_safety_officer', name: '安全官' });
  const m = await add(e.id, { role: 'safety_manager', name: '管理员', ...certificate(200) });
  const stranger = await add(other.id, { role: 'safety_manager', name: '外人' });
  const first = await patch(`${people(e.id)}/${m.id}`, { version: 1, name: '管理员甲' });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.version, 2);

  const before = { people: await list(e.id), others: await list(other.id), audit: await auditTotal() };
  const cases = [
    [m.id, { name: '无版本' }, 422, 'required', 'version'],
    [m.id, { version: 'two', name: 'x' }, 422, 'invalid_type', 'version'],
    [m.id, { version: 1, name: '过期' }, 409, 'stale_version', 'version'],
    [m.id, { version: 3, name: '未来' }, 409, 'stale_version', 'version'],
    [m.id, { version: 2, role: 'principal' }, 409, 'person_role_taken', undefined],
    [m.id, { version: 2, role: 'chief_safety_officer' }, 409, 'person_role_taken', undefined],
    [m.id, { version: 2, role: 'manager' }, 422, 'invalid_person_role', 'role'],
    [m.id, { version: 2, phone: 'x' }, 422, 'invalid_phone', 'phone'],
    [m.id, { version: 2, name: '' }, 422, undefined, 'name'],
    [m.id, { version: 2, certificate_number: null }, 422, 'invalid_certificate_number', 'certificate_number'],
    [m.id, { version: 2, certificate_kind: 'x' }, 422, 'invalid_certificate_kind', 'certificate_kind'],
    [m.id, { version: 2, certificate_kind: null }, 422, 'invalid_certificate_kind', 'certificate_kind'],
    [m.id, { version: 2, certificate_expiry: null }, 422, 'required', 'certificate_expiry'],
    [m.id, { version: 2, certificate_expiry: '2027-02-29' }, 422, 'invalid_date', 'certificate_expiry'],
    [m.id, { version: 2, certificate_expiry: '2000-01-01' }, 422, 'certificate_expiry_before_issue', undefined],
    [m.id, { version: 2, enterprise_id: other.id }, 422, 'unknown_field', 'enterprise_id'],
    [m.id, { version: 2, certificate_days_left: 5 }, 422, 'unknown_field', 'certificate_days_left'],
    // another enterprise's person through this enterprise, and absent people
    [stranger.id, { version: 1, name: '冒名' }, 404, 'not_found', undefined],
    [999999, { version: 1, name: 'x' }, 404, 'not_found', undefined],
    ['abc', { version: 1, name: 'x' }, 404, 'not_found', undefined],
  ];
  for (const [id, body, status, code, field] of cases) {
    expectError(await patch(`${people(e.id)}/${id}`, body), status, code, field, `PATCH ${id} ${JSON.stringify(body)}`);
  }
  expectError(await patch(`${people(999999)}/${m.id}`, { version: 2, name: 'x' }), 404, 'not_found', undefined, 'absent enterprise');
  assert.deepEqual({ people: await list(e.id), others: await list(other.id), audit: await auditTotal() }, before,
    'a refused change changed something');

  // Two changes on the same version: one wins.
  const results = await Promise.all(['甲', '乙', '丙', '丁'].map((n) => patch(`${people(e.id)}/${m.id}`, { version: 2, name: `并发${n}` })));
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409, 409], results.map((r) => r.text).join('\n'));
  const winner = results.find((r) => r.status === 200).body;
  assert.equal((await list(e.id)).find((p) => p.id === m.id).name, winner.name);

  // A role freed by a change can be taken.
  const principal = (await list(e.id)).find((p) => p.role === 'principal');
  const demoted = await patch(`${people(e.id)}/${principal.id}`, { version: principal.version, role: 'safety_manager' });
  assert.equal(demoted.status, 200, demoted.text);
  const promoted = await patch(`${people(e.id)}/${m.id}`, { version: winner.version, role: 'principal' });
  assert.equal(promoted.status, 200, promoted.text);
  assert.equal(promoted.body.role, 'principal');
});

test('delete: version required and checked, another enterprise\'s person is 404; nothing changes until it succeeds', async () => {
  const e = await newEnterprise();
  const other = await newEnterprise();
  const p = await add(e.id, { role: 'safety_manager', name: '待删除' });
  const stranger = await add(other.id, { role: 'safety_manager', name: '外人' });
  const before = { people: await list(e.id), others: await list(other.id), audit: await auditTotal() };
  for (const [path, status, code, field] of [
    [`${people(e.id)}/${p.id}`, 422, 'required', 'version'],
    [`${people(e.id)}/${p.id}?version=`, 422, 'required', 'version'],
    [`${people(e.id)}/${p.id}?version=abc`, 422, 'invalid_integer', 'version'],
    [`${people(e.id)}/${p.id}?version=2`, 409, 'stale_version', 'version'],
    [`${people(e.id)}/${stranger.id}?version=1`, 404, 'not_found', undefined],
    [`${people(other.id)}/${p.id}?version=1`, 404, 'not_found', undefined],
    [`${people(e.id)}/999999?version=1`, 404, 'not_found', undefined],
  ]) {
    expectError(await del(path), status, code, field, path);
  }
  assert.deepEqual({ people: await list(e.id), others: await list(other.id), audit: await auditTotal() }, before);
  assert.equal((await del(`${people(e.id)}/${p.id}?version=1`)).status, 204);
  expectError(await del(`${people(e.id)}/${p.id}?version=1`), 404, 'not_found', undefined, 'twice');
  assert.deepEqual(await list(e.id), []);
  assert.deepEqual(await list(other.id), before.others);
});

// ---- who may do what ---------------------------------------------------------------------------

test('who writes: officers in scope and the enterprise itself; grid workers and experts read-only or nothing', async () => {
  const e = await newEnterprise('990102001001'); // town 1, village 1: grid1_1_1's cell
  const ownId = sessions.ent1_1.user.enterprise_id;
  const person = { role: 'safety_engineer', name: '注安师', phone: '13800138000' };

  // Officers in scope write.
  for (const who of ['admin', 'city', 'district1', 'station1_1']) {
    const r = await post(people(e.id), { ...person, name: `由${who}录入` }, sessions[who]);
    assert.equal(r.status, 201, `${who}: ${r.text}`);
    const changed = await patch(`${people(e.id)}/${r.body.id}`, { version: 1, position: who }, sessions[who]);
    assert.equal(changed.status, 200, `${who}: ${changed.text}`);
    assert.equal((await del(`${people(e.id)}/${r.body.id}?version=2`, sessions[who])).status, 204, who);
  }
  const p = await add(e.id, person);
  const before = { people: await list(e.id), audit: await auditTotal() };
  // Out of scope: 404 as if absent; the grid worker, the expert: 403 on any write.
  for (const [who, status] of [['district2', 404], ['station1_2', 404], ['ent1_2', 404],
    ['grid1_1_1', 403], ['grid1_1_2', 403], ['expert1', 403]]) {
    const s = sessions[who];
    expectError(await post(people(e.id), person, s), status, undefined, undefined, `${who} POST`);
    expectError(await patch(`${people(e.id)}/${p.id}`, { version: 1, name: 'x' }, s), status, undefined, undefined, `${who} PATCH`);
    expectError(await del(`${people(e.id)}/${p.id}?version=1`, s), status, undefined, undefined, `${who} DELETE`);
  }
  const anonymous = [
    await api(srv.url, 'GET', people(e.id)),
    await api(srv.url, 'POST', people(e.id), { body: person }),
    await api(srv.url, 'PATCH', `${people(e.id)}/${p.id}`, { body: { version: 1, name: 'x' } }),
    await api(srv.url, 'DELETE', `${people(e.id)}/${p.id}?version=1`),
    await api(srv.url, 'GET', '/api/v1/certificates/expiring'),
  ];
  assert.deepEqual(anonymous.map((r) => r.status), [401, 401, 401, 401, 401]);
  assert.deepEqual({ people: await list(e.id), audit: await auditTotal() }, before, 'a refused write changed something');

  // Reads: the grid worker leading the cell reads, the other grid worker of the town does not.
  assert.equal((await get(people(e.id), sessions.grid1_1_1)).status, 200);
  assert.deepEqual(await list(e.id, sessions.grid1_1_1), before.people);
  expectError(await get(people(e.id), sessions.grid1_1_2), 404, 'not_found');
  expectError(await get(people(e.id), sessions.district2), 404, 'not_found');
  expectError(await get(people(e.id), sessions.expert1), 403, 'forbidden');
  expectError(await get(people(e.id), sessions.ent1_1), 404, 'not_found');
  expectError(await get(people(999999)), 404, 'not_found');
  expectError(await get('/api/v1/enterprises/abc/people'), 404, 'not_found');

  // The enterprise account keeps its own people.
  const ent = sessions.ent1_1;
  const mine = await post(people(ownId), { ...person, name: '本企业注安师', ...certificate(100, 'registered_engineer') }, ent);
  assert.equal(mine.status, 201, mine.text);
  const mineChanged = await patch(`${people(ownId)}/${mine.body.id}`, { version: 1, phone: '13700000000' }, ent);
  assert.equal(mineChanged.status, 200, mineChanged.text);
  const entry = await latestAudit('update');
  assert.equal(entry.actor_username, 'ent1_1');
  assert.equal(entry.entity_id, String(mine.body.id));
  assert.equal((await del(`${people(ownId)}/${mine.body.id}?version=2`, ent)).status, 204);
});

// ---- the expiry list ---------------------------------------------------------------------------

test('certificates/expiring: exactly the certificates of the window, state or region, in scope; invalid parameters → 422', async () => {
  const town = '990102002000';
  const today = chinaDate();
  // A fresh enterprise of town 2 with a certificate on each boundary.
  const e = await newEnterprise('990102002001');
  for (const days of [-1000, -1, 0, 1, 30, 31, 366, 367]) {
    await add(e.id, { role: 'safety_manager', name: `到期${days}`, ...certificate(days) });
  }
  await add(e.id, { role: 'safety_engineer', name: '无证' });

  // Everyone of the town, by way of the enterprises' people lists.
  const enterprises = await all(`/api/v1/enterprises?region_code=${town}`);
  assert.equal(enterprises.length, 21);
  const byId = new Map(enterprises.map((x) => [x.id, x]));
  const everyone = [];
  for (const x of enterprises) everyone.push(...await list(x.id));
  const certified = everyone.filter((p) => p.certificate_expiry !== null);
  const window = (from, to) => certified.filter((p) => p.certificate_expiry >= from && p.certificate_expiry <= to);
  const cases = [
    ['', window(today, chinaDate(30))],
    ['within_days=30', window(today, chinaDate(30))],
    ['state=expiring', window(today, chinaDate(30))],
    ['within_days=0', window(today, today)],
    ['within_days=1', window(today, chinaDate(1))],
    ['within_days=31', window(today, chinaDate(31))],
    ['within_days=366&state=expiring', window(today, chinaDate(366))],
    ['state=expired', certified.filter((p) => p.certificate_expiry < today)],
  ];
  for (const [query, expected] of cases) {
    const got = await all(`/api/v1/certificates/expiring?region_code=${town}${query ? `&${query}` : ''}`);
    assert.deepEqual(got.map((p) => p.id).sort((a, b) => a - b), expected.map((p) => p.id).sort((a, b) => a - b), query);
    for (const item of got) {
      const { enterprise, ...person } = item;
      assert.deepEqual(person, everyone.find((p) => p.id === item.id), `${query}: the person as listed with the enterprise`);
      const x = byId.get(item.enterprise_id);
      assert.deepEqual(enterprise, { id: x.id, name: x.name, uscc: x.uscc, region_code: x.region_code });
    }
  }
  const fresh = (query) => all(`/api/v1/certificates/expiring?region_code=990102002001&${query}`)
    .then((items) => items.filter((p) => p.enterprise_id === e.id).map((p) => p.name).sort());
  assert.deepEqual(await fresh('within_days=30'), ['到期0', '到期1', '到期30'].sort());
  assert.deepEqual(await fresh('within_days=366'), ['到期0', '到期1', '到期30', '到期31', '到期366'].sort());
  assert.deepEqual(await fresh('state=expired'), ['到期-1', '到期-1000'].sort());
  for (const p of await all(`/api/v1/certificates/expiring?region_code=${town}&state=expired`)) {
    assert.equal(p.certificate_state, 'expired');
    assert.ok(p.certificate_days_left < 0);
  }
  for (const p of await all(`/api/v1/certificates/expiring?region_code=${town}`)) {
    assert.equal(p.certificate_state, 'expiring');
    assert.ok(p.certificate_days_left >= 0 && p.certificate_days_left <= 30);
  }

  // Paging.
  const whole = await all(`/api/v1/certificates/expiring?region_code=${town}&within_days=366`);
  assert.ok(whole.length > 4, 'enough for two pages');
  const p2 = await get(`/api/v1/certificates/expiring?region_code=${town}&within_days=366&page=2&page_size=2`);
  assert.deepEqual(Object.keys(p2.body).sort(), ['items', 'page', 'page_size', 'total']);
  assert.equal(p2.body.total, whole.length);
  assert.equal(p2.body.page, 2);
  assert.deepEqual(p2.body.items.map((p) => p.id), whole.slice(2, 4).map((p) => p.id));

  // Scope: the district sees the town, the grid worker its cells, an enterprise its own people.
  const visible = async (as) => new Set((await all(`/api/v1/enterprises?region_code=${town}`, as)).map((x) => x.id));
  for (const who of ['district1', 'station1_2', 'grid1_2_1', 'ent1_2']) {
    const mine = await visible(sessions[who]);
    assert.ok(mine.size > 0, who);
    const got = await all('/api/v1/certificates/expiring?within_days=366', sessions[who]);
    const inTown = got.filter((p) => p.enterprise.region_code.startsWith(town.slice(0, 9)));
    assert.deepEqual(inTown.map((p) => p.id).sort((a, b) => a - b),
      window(today, chinaDate(366)).filter((p) => mine.has(p.enterprise_id)).map((p) => p.id).sort((a, b) => a - b), who);
    if (who !== 'district1') assert.equal(inTown.length, got.length, `${who} sees nothing beyond the town`);
  }
  assert.equal((await get(`/api/v1/certificates/expiring?region_code=${town}&within_days=366`, sessions.district2)).body.total, 0);
  assert.equal((await get(`/api/v1/certificates/expiring?region_code=${town}&state=expired`, sessions.station1_1)).body.total, 0);
  assert.ok((await get(`/api/v1/certificates/expiring?region_code=${town}&within_days=366`, sessions.grid1_2_1)).body.total > 0);

  for (const [query, code, field] of [
    ['within_days=-1', 'invalid_within_days', 'within_days'],
    ['within_days=367', 'invalid_within_days', 'within_days'],
    ['within_days=100000', 'invalid_within_days', 'within_days'],
    ['within_days=abc', 'invalid_integer', 'within_days'],
    ['within_days=1.5', 'invalid_integer', 'within_days'],
    ['state=foo', 'invalid_certificate_state', 'state'],
    ['state=EXPIRED', 'invalid_certificate_state', 'state'],
    ['state=valid', 'invalid_certificate_state', 'state'],
    ['region_code=abc', 'invalid_region_code', 'region_code'],
    ['page=0', 'invalid_page', undefined],
    ['page_size=201', 'invalid_page', undefined],
  ]) {
    expectError(await get(`/api/v1/certificates/expiring?${query}`), 422, code, field, query);
  }
  assert.equal((await get('/api/v1/certificates/expiring?within_days=366')).status, 200);
  assert.equal((await get('/api/v1/certificates/expiring?within_days=0')).status, 200);
  expectError(await get('/api/v1/certificates/expiring', sessions.expert1), 403, 'forbidden');
});

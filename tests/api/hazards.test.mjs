// Inspections, hazards and rectification notices: the closed loop of the issue from a grid
// worker's patrol to the station's verification, with its timeline; the state machine (every
// illegal transition, every wrong role, stale versions, the fields each action needs); fixing on
// the spot, extending, cancelling; major hazards under listed supervision; notices for several
// hazards; overdue and on-time; who sees what across towns and districts; English messages.
// Every refused write is checked to leave the database as it was (records read back, counts,
// the audit trail, the notices and their numbering). Cross-district rows for the scope table are
// in scope.test.mjs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, completeUscc, USCC_ALPHABET } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const admin = await login(srv.url, 'admin');
const sessions = { admin };
for (const name of ['city', 'district1', 'district2', 'station1_1', 'station1_2', 'station2_1',
  'grid1_1_1', 'grid1_1_2', 'ent1_1', 'ent1_2', 'expert1']) {
  sessions[name] = await login(srv.url, name);
}
const user = (who) => sessions[who].user;

const INSPECTION_FIELDS = ['id', 'enterprise_id', 'enterprise_name', 'region_code', 'kind', 'checklist_id',
  'checklist_name', 'checklist_version_id', 'status', 'inspector_user_id', 'inspector_name',
  'unit_region_code', 'companions', 'started_at', 'finished_at', 'longitude', 'latitude', 'summary',
  'findings', 'results', 'created_at', 'updated_at', 'version'];
const HAZARD_FIELDS = ['id', 'enterprise_id', 'enterprise_name', 'region_code', 'inspection_id',
  'checklist_item_id', 'description', 'location', 'level', 'source', 'hazard_type', 'classification',
  'handling', 'state', 'deadline', 'responsible_person', 'measures', 'notice_id', 'notice_number',
  'notified_unit_region_code', 'found_by_user_id', 'found_by_name', 'found_on', 'listed_at',
  'delisted_at', 'verified_at', 'verified_on', 'created_at', 'updated_at', 'version', 'overdue', 'on_time', 'listed',
  'days_left'];
const EVENT_FIELDS = ['id', 'action', 'from_state', 'to_state', 'actor_user_id', 'actor_name', 'at', 'details'];
const NOTICE_FIELDS = ['id', 'number', 'unit_region_code', 'unit_name', 'year', 'sequence', 'enterprise',
  'issued_by_user_id', 'issued_by_name', 'issued_on', 'deadline', 'responsible_person', 'measures', 'created_at', 'hazards'];
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const ACTIONS = ['fix_on_spot', 'notify', 'start', 'submit', 'verify', 'reject', 'resume', 'extend', 'cancel'];
const STATES = ['reported', 'notified', 'rectifying', 'submitted', 'rejected', 'verified', 'cancelled'];
// From which states each action applies (the contract's table).
const LEGAL = {
  fix_on_spot: ['reported'],
  notify: ['reported'],
  start: ['notified'],
  submit: ['rectifying'],
  verify: ['submitted'],
  reject: ['submitted'],
  resume: ['rejected'],
  extend: ['notified', 'rectifying', 'rejected'],
  cancel: ['reported', 'notified'],
};
const TO = { fix_on_spot: 'verified', notify: 'notified', start: 'rectifying', submit: 'submitted', verify: 'verified',
  reject: 'rejected', resume: 'rectifying', cancel: 'cancelled' };

// The China Standard Time date `days` from now.
function chinaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}
const TODAY = chinaDate();

const get = (path, as = admin) => api(srv.url, 'GET', path, { as });
const post = (path, body, as = admin) => api(srv.url, 'POST', path, { as, body });
const patch = (path, body, as = admin) => api(srv.url, 'PATCH', path, { as, body });
const HZ = (id) => `/api/v1/hazards/${id}`;
const IN = (id) => `/api/v1/inspections/${id}`;
const NO = (id) => `/api/v1/notices/${id}`;

function expectError(r, status, code, field, label = '') {
  assert.equal(r.status, status, `${label}: ${r.text}`);
  if (code !== undefined) assert.equal(r.body.error?.code, code, `${label}: ${r.text}`);
  if (field !== undefined) assert.equal(r.body.error?.field, field, `${label}: ${r.text}`);
  assert.ok(r.body.error?.message, `${label}: a message`);
}

// Every page of a list.
async function all(path, as = admin) {
  const out = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 1; ; page += 1) {
    const r = await get(`${path}${sep}page_size=200&page=${page}`, as);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    out.push(...r.body.items);
    if (out.length >= r.body.total || r.body.items.length === 0) {
      assert.equal(out.length, r.body.total, `${path}: total and items disagree`);
      return out;
    }
  }
}
const idsOf = (items) => items.map((x) => x.id).sort((a, b) => a - b);
async function total(path, as = admin) {
  const r = await get(`${path}${path.includes('?') ? '&' : '?'}page_size=1`, as);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body.total;
}

// ---- the places and records used throughout --------------------------------------------------

const me = await get('/api/v1/me', sessions.ent1_1);
assert.equal(me.status, 200, me.text);
const OWN = me.body.user.enterprise_id; // ent1_1's: the first enterprise of town 1 of district 1
const ownRecord = (await get(`/api/v1/enterprises/${OWN}`)).body;
const town1 = await all('/api/v1/enterprises?region_code=990102001000&sort=id');
const NEIGHBOUR = town1.find((e) => e.id !== OWN && e.region_code === ownRecord.region_code).id;
const OTHER_TOWN = (await get('/api/v1/enterprises?region_code=990102002001&sort=id&page_size=1')).body.items[0].id;
const D2 = (await get('/api/v1/enterprises?region_code=990103001001&sort=id&page_size=1')).body.items[0].id;
const checklists = Object.fromEntries((await all('/api/v1/checklists')).map((c) => [c.code, c]));
const regionName = async (code) => (await get(`/api/v1/regions/${code}`)).body.name;
const TOWN1_NAME = await regionName('990102001000');
const DISTRICT1_NAME = await regionName('990102000000');

async function hazard(id, as = admin) {
  const r = await get(HZ(id), as);
  assert.equal(r.status, 200, `hazard ${id}: ${r.text}`);
  return r.body;
}
async function inspection(id, as = admin) {
  const r = await get(IN(id), as);
  assert.equal(r.status, 200, `inspection ${id}: ${r.text}`);
  return r.body;
}
async function notice(id, as = admin) {
  const r = await get(NO(id), as);
  assert.equal(r.status, 200, `notice ${id}: ${r.text}`);
  return r.body;
}
async function checklistItems(code) {
  const r = await get(`/api/v1/checklists/${checklists[code].id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

// Valid fields for each action, and who (of town 1 of district 1) takes it by default.
const fieldsFor = (action) => ({
  fix_on_spot: { method: '现场清理完毕' },
  notify: { deadline: chinaDate(10), responsible_person: '王厂长', measures: '立即清理通道，落实专人巡查' },
  start: {},
  submit: { method: '已清理并设置警示标识', completed_on: TODAY },
  verify: { result: '复查合格' },
  reject: { reason: '复查发现仍有杂物堆放' },
  resume: {},
  extend: { deadline: chinaDate(60), reason: '企业申请：需采购设备' },
  cancel: { reason: '经核实系误报' },
})[action];
const WHO = { fix_on_spot: 'station1_1', notify: 'station1_1', start: 'ent1_1', submit: 'ent1_1', verify: 'station1_1',
  reject: 'station1_1', resume: 'ent1_1', extend: 'station1_1', cancel: 'station1_1' };
const PATH_TO = {
  reported: [], notified: ['notify'], rectifying: ['notify', 'start'], submitted: ['notify', 'start', 'submit'],
  rejected: ['notify', 'start', 'submit', 'reject'], verified: ['notify', 'start', 'submit', 'verify'],
  cancelled: ['cancel'],
};

// A transition; the version is the hazard's current one unless given.
async function transition(id, action, fields = fieldsFor(action), who = WHO[action], version = undefined, headers = {}) {
  const v = version ?? (await hazard(id)).version;
  return api(srv.url, 'POST', `${HZ(id)}/transitions`, { as: sessions[who], body: { action, version: v, ...fields }, headers });
}
async function act(id, action, fields = fieldsFor(action), who = WHO[action]) {
  const r = await transition(id, action, fields, who);
  assert.equal(r.status, 200, `${action} by ${who}: ${r.text}`);
  return r.body;
}
let serial = 0;
// A hazard entered directly (by station1_1 on ent1_1's enterprise unless told).
async function newHazard(fields = {}, who = 'station1_1') {
  serial += 1;
  const r = await post('/api/v1/hazards', { enterprise_id: OWN, description: `测试隐患${serial}：消防通道堆放杂物`, ...fields },
    sessions[who]);
  assert.equal(r.status, 201, r.text);
  return r.body;
}
// A fresh hazard in `state`, taken there by the default actors.
async function reach(state, fields = {}) {
  let h = await newHazard(fields);
  for (const action of PATH_TO[state]) h = await act(h.id, action);
  assert.equal(h.state, state);
  return h;
}

// What a refused write must leave as it is: the records it names, the counts, the audit trail;
// for a write that could issue a notice (`notices`), also the notices, their numbering counters and
// the timeline rows, read from the database.
async function world({ hazards = [], inspections = [], notices = false } = {}) {
  const out = {
    audit: await total('/api/v1/audit'),
    hazards: await total('/api/v1/hazards'),
    inspections: await total('/api/v1/inspections'),
  };
  if (notices) {
    out.rows = await srv.sql("SELECT (SELECT COUNT(*) FROM notices) || ' ' || (SELECT COALESCE(SUM(last), 0) FROM notice_counters)"
      + " || ' ' || (SELECT COUNT(*) FROM hazard_events)");
  }
  for (const id of hazards) out[`hazard ${id}`] = (await get(HZ(id))).text;
  for (const id of inspections) out[`inspection ${id}`] = (await get(IN(id))).text;
  return out;
}
// Runs a write that must be refused with [status, code, field] and checks that nothing changed.
async function refused(label, request, [status, code, field], watch = {}) {
  const before = await world(watch);
  const r = await request();
  expectError(r, status, code, field, label);
  assert.deepEqual(await world(watch), before, `${label}: a refused write changed something`);
  return r;
}

// Starts an inspection, answers every item (findings at the given positions, each
// { note, hazard_level }), finishes it; returns the finished inspection and its hazards.
async function inspect(who, enterpriseId, kind, code, findings = {}) {
  const started = await post('/api/v1/inspections', { enterprise_id: enterpriseId, kind, checklist_id: checklists[code].id },
    sessions[who]);
  assert.equal(started.status, 201, started.text);
  const results = started.body.items.map((item, k) => (k in findings
    ? { item_id: item.id, result: 'finding', ...findings[k] }
    : { item_id: item.id, result: 'conforming' }));
  const saved = await patch(IN(started.body.id), { version: 1, results }, sessions[who]);
  assert.equal(saved.status, 200, saved.text);
  const done = await post(`${IN(started.body.id)}/finish`, { version: saved.body.version }, sessions[who]);
  assert.equal(done.status, 200, done.text);
  const hazards = [];
  for (const r of done.body.results) if (r.hazard_id !== null) hazards.push(await hazard(r.hazard_id));
  return { inspection: done.body, items: started.body.items, hazards };
}

const timelineOf = (h) => h.timeline.map((e) => ({ action: e.action, from_state: e.from_state, to_state: e.to_state,
  actor_user_id: e.actor_user_id, actor_name: e.actor_name, details: e.details }));

function checkHazardShape(h) {
  const { timeline, allowed_actions: allowed, photos, ...rest } = h;
  assert.deepEqual(Object.keys(rest).sort(), [...HAZARD_FIELDS].sort(), JSON.stringify(rest));
  // A detail (with its timeline) says what the caller may do now and shows its photos; a list
  // row does neither.
  assert.equal(allowed !== undefined, timeline !== undefined, JSON.stringify(h));
  assert.equal(Array.isArray(photos), timeline !== undefined, JSON.stringify(h));
  if (allowed !== undefined) assert.ok(allowed.every((a) => ACTIONS.includes(a)), JSON.stringify(allowed));
  assert.ok(STATES.includes(h.state));
  assert.match(h.created_at, INSTANT);
  assert.match(h.updated_at, INSTANT);
  if (timeline !== undefined) {
    for (const e of timeline) {
      assert.deepEqual(Object.keys(e).sort(), [...EVENT_FIELDS].sort());
      assert.match(e.at, INSTANT);
    }
    for (let k = 1; k < timeline.length; k++) {
      assert.ok(timeline[k].id > timeline[k - 1].id, 'timeline in order');
      assert.ok(timeline[k].at >= timeline[k - 1].at, 'timeline in time order');
    }
  }
}

// ---- the journey of the issue ------------------------------------------------------------------

test('journey: a grid patrol finds a hazard; the station notifies; the enterprise rectifies, is rejected once, and is verified on time', async (t) => {
  // ent1_1's enterprise, in a cell of grid1_1_1 (villages 1–5 of the town).
  const gridSees = (await all('/api/v1/enterprises', sessions.grid1_1_1)).some((e) => e.id === OWN);
  if (!gridSees) t.diagnostic('grid1_1_1 does not see ent1_1\'s enterprise: station1_1 inspects instead');
  const inspector = gridSees ? 'grid1_1_1' : 'station1_1';
  const kind = gridSees ? 'grid_patrol' : 'town_routine';
  const patrol = await checklistItems('grid_patrol');
  const audit0 = await total('/api/v1/audit');

  // 1. The patrol starts.
  const started = await post('/api/v1/inspections', {
    enterprise_id: OWN, kind, checklist_id: patrol.id, companions: '李明', longitude: 118.25, latitude: 28.5,
  }, sessions[inspector]);
  assert.equal(started.status, 201, started.text);
  const i0 = started.body;
  const { items, ...i0record } = i0;
  assert.deepEqual(Object.keys(i0record).sort(), [...INSPECTION_FIELDS].sort());
  assert.equal(i0.enterprise_id, OWN);
  assert.equal(i0.enterprise_name, ownRecord.name);
  assert.equal(i0.region_code, ownRecord.region_code);
  assert.equal(i0.kind, kind);
  assert.equal(i0.checklist_id, patrol.id);
  assert.equal(i0.checklist_name, patrol.name);
  assert.equal(i0.checklist_version_id, patrol.checklist_version.id);
  assert.equal(i0.status, 'in_progress');
  assert.equal(i0.inspector_user_id, user(inspector).id);
  assert.equal(i0.inspector_name, user(inspector).name);
  assert.equal(i0.unit_region_code, user(inspector).region_code);
  assert.equal(i0.companions, '李明');
  assert.match(i0.started_at, INSTANT);
  assert.equal(i0.finished_at, null);
  assert.equal(i0.longitude, 118.25);
  assert.equal(i0.latitude, 28.5);
  assert.equal(i0.summary, '');
  assert.equal(i0.findings, 0);
  assert.deepEqual(i0.results, []);
  assert.equal(i0.version, 1);
  assert.deepEqual(items, patrol.checklist_version.items);
  assert.equal(items.length, 12);
  assert.deepEqual(await inspection(i0.id, sessions[inspector]), i0, 'read back as started');
  assert.ok((await all(`/api/v1/inspections?enterprise_id=${OWN}&status=in_progress`)).some((x) => x.id === i0.id));

  // 2. Results saved in two goes; the first item is a finding. Finishing early is refused.
  const finding = { item_id: items[0].id, result: 'finding', note: '东侧通道堆放纸箱', hazard_level: 'general' };
  const firstHalf = [finding, ...items.slice(1, 6).map((it, k) => ({ item_id: it.id, result: k === 2 ? 'not_applicable' : 'conforming' }))];
  const saved = await patch(IN(i0.id), { version: 1, results: firstHalf, summary: '通道堵塞，已告知企业' }, sessions[inspector]);
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.body.version, 2);
  assert.equal(saved.body.findings, 1);
  assert.equal(saved.body.summary, '通道堵塞，已告知企业');
  assert.deepEqual(saved.body.results.map((r) => r.item_id), items.slice(0, 6).map((it) => it.id), 'results in item order');
  assert.deepEqual(saved.body.results[0], { ...finding, hazard_id: null, photos: [] });
  assert.equal(saved.body.results[3].result, 'not_applicable');
  await refused('finish before every item has a result',
    () => post(`${IN(i0.id)}/finish`, { version: 2 }, sessions[inspector]), [409, 'inspection_incomplete', 'results'],
    { inspections: [i0.id] });
  const rest = items.slice(6).map((it) => ({ item_id: it.id, result: 'conforming' }));
  const complete = await patch(IN(i0.id), { version: 2, results: rest }, sessions[inspector]);
  assert.equal(complete.status, 200, complete.text);
  assert.equal(complete.body.results.length, 12);
  assert.equal(complete.body.version, 3);
  await refused('finish on a stale version', () => post(`${IN(i0.id)}/finish`, { version: 2 }, sessions[inspector]),
    [409, 'stale_version', 'version'], { inspections: [i0.id] });
  assert.equal((await total(`/api/v1/hazards?inspection_id=${i0.id}`)), 0, 'no hazard before the inspection is finished');

  // 3. Finished: the finding became a hazard, reported, found by the inspector.
  const finished = await post(`${IN(i0.id)}/finish`, { version: 3 }, sessions[inspector]);
  assert.equal(finished.status, 200, finished.text);
  const i1 = finished.body;
  assert.equal(i1.status, 'finished');
  assert.match(i1.finished_at, INSTANT);
  assert.equal(i1.version, 4);
  assert.equal(i1.findings, 1);
  const hazardId = i1.results[0].hazard_id;
  assert.ok(Number.isInteger(hazardId), JSON.stringify(i1.results[0]));
  assert.ok(i1.results.slice(1).every((r) => r.hazard_id === null));
  assert.deepEqual(await inspection(i0.id), i1);
  for (const [request, label] of [
    [() => patch(IN(i0.id), { version: 4, summary: '改' }, sessions[inspector]), 'save'],
    [() => post(`${IN(i0.id)}/finish`, { version: 4 }, sessions[inspector]), 'finish'],
  ]) {
    await refused(`${label} after finishing`, request, [409, 'inspection_finished'], { inspections: [i0.id] });
  }
  const reported = await hazard(hazardId, sessions[inspector]);
  checkHazardShape(reported);
  assert.deepEqual((await all(`/api/v1/hazards?inspection_id=${i0.id}`)).map((h) => h.id), [hazardId]);
  assert.equal(reported.state, 'reported');
  assert.equal(reported.enterprise_id, OWN);
  assert.equal(reported.enterprise_name, ownRecord.name);
  assert.equal(reported.region_code, ownRecord.region_code);
  assert.equal(reported.inspection_id, i0.id);
  assert.equal(reported.checklist_item_id, items[0].id);
  assert.ok(reported.description.includes(items[0].text) && reported.description.includes('东侧通道堆放纸箱'), reported.description);
  assert.equal(reported.level, 'general');
  assert.equal(reported.source, 'daily');
  assert.equal(reported.handling, 'by_deadline');
  assert.equal(reported.found_by_user_id, user(inspector).id);
  assert.equal(reported.found_by_name, user(inspector).name);
  assert.equal(reported.found_on, TODAY);
  for (const key of ['deadline', 'notice_id', 'notice_number', 'notified_unit_region_code', 'listed_at', 'delisted_at',
    'verified_at', 'verified_on', 'days_left']) {
    assert.equal(reported[key], null, key);
  }
  assert.deepEqual([reported.overdue, reported.on_time, reported.listed], [false, false, false]);
  assert.equal(reported.version, 1);
  assert.deepEqual(timelineOf(reported), [{ action: 'report', from_state: null, to_state: 'reported',
    actor_user_id: user(inspector).id, actor_name: user(inspector).name, details: {} }]);

  // 4. The station notifies: a numbered notice, a deadline, a responsible person and measures.
  const notify = { deadline: chinaDate(10), responsible_person: '赵勇', measures: '立即清理通道内纸箱，设置禁止堆放标识' };
  const notified = await act(hazardId, 'notify', notify, 'station1_1');
  assert.equal(notified.state, 'notified');
  assert.equal(notified.deadline, notify.deadline);
  assert.equal(notified.responsible_person, '赵勇');
  assert.equal(notified.measures, notify.measures);
  assert.equal(notified.notified_unit_region_code, '990102001000');
  assert.equal(notified.days_left, 10);
  assert.equal(notified.version, 2);
  const year = Number(TODAY.slice(0, 4));
  const m = notified.notice_number.match(/^(.+)安监整改〔(\d{4})〕(\d{3,})号$/);
  assert.ok(m, notified.notice_number);
  assert.equal(m[1], DISTRICT1_NAME + TOWN1_NAME);
  assert.equal(Number(m[2]), year);
  const n = await notice(notified.notice_id, sessions.station1_1);
  assert.deepEqual(Object.keys(n).sort(), [...NOTICE_FIELDS].sort());
  assert.equal(n.id, notified.notice_id);
  assert.equal(n.number, notified.notice_number);
  assert.equal(n.unit_region_code, '990102001000');
  assert.equal(n.unit_name, TOWN1_NAME);
  assert.equal(n.year, year);
  assert.equal(n.sequence, Number(m[3]));
  assert.equal(n.number, `${DISTRICT1_NAME}${TOWN1_NAME}安监整改〔${year}〕${String(n.sequence).padStart(3, '0')}号`);
  assert.deepEqual(n.enterprise, { id: OWN, name: ownRecord.name, uscc: ownRecord.uscc });
  assert.equal(n.issued_by_user_id, user('station1_1').id);
  assert.equal(n.issued_by_name, user('station1_1').name);
  assert.equal(n.issued_on, TODAY);
  assert.deepEqual([n.deadline, n.responsible_person, n.measures],
    [notify.deadline, notify.responsible_person, notify.measures], 'as issued');
  assert.match(n.created_at, INSTANT);
  const { timeline: _t, allowed_actions: _a, photos: _p, ...notifiedRecord } = await hazard(hazardId);
  assert.deepEqual(n.hazards, [notifiedRecord]);
  assert.deepEqual(await notice(n.id, sessions.ent1_1), n, 'the enterprise reads its notice');
  assert.deepEqual(await notice(n.id, sessions[inspector]), n);
  assert.deepEqual((await all(`/api/v1/hazards?notice_id=${n.id}`)).map((h) => h.id), [hazardId]);

  // 5. The enterprise starts, submits; the station rejects; it resumes, submits again; verified.
  assert.equal((await act(hazardId, 'start', {}, 'ent1_1')).state, 'rectifying');
  const submit1 = { method: '已清理纸箱', completed_on: TODAY };
  const s1 = await act(hazardId, 'submit', submit1, 'ent1_1');
  assert.equal(s1.state, 'submitted');
  assert.deepEqual(s1.allowed_actions, [], 'the enterprise waits for the re-inspection');
  assert.deepEqual((await hazard(hazardId, sessions.station1_1)).allowed_actions, ['verify', 'reject']);
  const reject = { reason: '复查发现通道内仍有杂物' };
  const rejected = await act(hazardId, 'reject', reject, 'station1_1');
  assert.equal(rejected.state, 'rejected');
  assert.equal(rejected.deadline, notify.deadline, 'the deadline stands');
  assert.equal((await act(hazardId, 'resume', {}, 'ent1_1')).state, 'rectifying');
  const submit2 = { method: '全部清理并安排专人每日巡查', completed_on: TODAY };
  assert.equal((await act(hazardId, 'submit', submit2, 'ent1_1')).state, 'submitted');
  const verify = { result: '复查合格，通道畅通' };
  const verified = await act(hazardId, 'verify', verify, 'station1_1');
  checkHazardShape(verified);
  assert.equal(verified.state, 'verified');
  assert.equal(verified.on_time, true);
  assert.equal(verified.overdue, false);
  assert.equal(verified.days_left, null);
  assert.match(verified.verified_at, INSTANT);
  assert.equal(verified.verified_on, TODAY);
  assert.equal(verified.listed, false);
  assert.equal(verified.version, 8);
  assert.equal(verified.found_by_user_id, user(inspector).id, 'the finder stays');
  assert.deepEqual(await hazard(hazardId, sessions.ent1_1), verified);

  // 6. The timeline: every action in order, with its actor and what it recorded.
  const station = { actor_user_id: user('station1_1').id, actor_name: user('station1_1').name };
  const ent = { actor_user_id: user('ent1_1').id, actor_name: user('ent1_1').name };
  assert.deepEqual(timelineOf(verified), [
    { action: 'report', from_state: null, to_state: 'reported', actor_user_id: user(inspector).id, actor_name: user(inspector).name, details: {} },
    { action: 'notify', from_state: 'reported', to_state: 'notified', ...station, details: { ...notify, notice_number: n.number } },
    { action: 'start', from_state: 'notified', to_state: 'rectifying', ...ent, details: {} },
    { action: 'submit', from_state: 'rectifying', to_state: 'submitted', ...ent, details: submit1 },
    { action: 'reject', from_state: 'submitted', to_state: 'rejected', ...station, details: reject },
    { action: 'resume', from_state: 'rejected', to_state: 'rectifying', ...ent, details: {} },
    { action: 'submit', from_state: 'rectifying', to_state: 'submitted', ...ent, details: submit2 },
    { action: 'verify', from_state: 'submitted', to_state: 'verified', ...station, details: verify },
  ]);
  assert.ok(verified.timeline[0].at <= verified.timeline.at(-1).at);

  // 7. Lists and the audit trail.
  assert.ok((await all(`/api/v1/hazards?enterprise_id=${OWN}&state=verified`)).some((h) => h.id === hazardId));
  assert.ok(!(await all(`/api/v1/hazards?enterprise_id=${OWN}&state=open`)).some((h) => h.id === hazardId));
  const trail = (await get('/api/v1/audit?entity=hazard&page_size=50')).body.items
    .filter((e) => e.entity_id === String(hazardId)).reverse();
  assert.deepEqual(trail.map((e) => e.action), ['create', 'notify', 'start', 'submit', 'reject', 'resume', 'submit', 'verify']);
  assert.deepEqual(trail.map((e) => e.actor_username),
    [inspector, 'station1_1', 'ent1_1', 'ent1_1', 'station1_1', 'ent1_1', 'ent1_1', 'station1_1']);
  const inspectionTrail = (await get('/api/v1/audit?entity=inspection&page_size=50')).body.items
    .filter((e) => e.entity_id === String(i0.id)).reverse();
  assert.deepEqual(inspectionTrail.map((e) => e.action), ['create', 'update', 'update', 'finish']);
  assert.ok((await get('/api/v1/audit?entity=notice&action=create&page_size=50')).body.items
    .some((e) => e.entity_id === String(n.id)));
  // Each success wrote its entry; the refusals none: start, 2 saves, finish, the hazard's creation,
  // notify with its notice, and six more transitions.
  assert.equal(await total('/api/v1/audit'), audit0 + 1 + 2 + 1 + 1 + 2 + 6);
});

// ---- the state machine ---------------------------------------------------------------------------

test('every legal transition from every state leads where the table says', async () => {
  for (const action of ACTIONS) {
    for (const from of LEGAL[action]) {
      const h = await reach(from);
      const fields = action === 'extend' ? { deadline: chinaDate(40), reason: '企业申请延期' } : fieldsFor(action);
      const done = await act(h.id, action, fields);
      assert.equal(done.state, TO[action] ?? from, `${action} from ${from}`);
      assert.equal(done.version, h.version + 1, `${action} from ${from}`);
      const last = done.timeline.at(-1);
      assert.deepEqual([last.action, last.from_state, last.to_state], [action, from, TO[action] ?? from]);
      if (action === 'extend') assert.equal(done.deadline, chinaDate(40));
    }
  }
});

test('every illegal transition → 409 illegal_transition and the hazard unchanged', async () => {
  const inState = {};
  for (const state of STATES) inState[state] = await reach(state);
  for (const state of STATES) {
    const h = inState[state];
    for (const action of ACTIONS.filter((a) => !LEGAL[a].includes(state))) {
      await refused(`${action} from ${state}`, () => transition(h.id, action), [409, 'illegal_transition', 'action'],
        { hazards: [h.id], notices: action === 'notify' });
    }
  }
  // POST /notices with a hazard that is no longer reported.
  await refused('notice for a notified hazard',
    () => post('/api/v1/notices', { hazard_ids: [inState.notified.id], ...fieldsFor('notify') }, sessions.station1_1),
    [409, 'illegal_transition'], { hazards: [inState.notified.id], notices: true });
});

test('a role that may never take an action → 403 hazard_action_forbidden, nothing changes', async () => {
  const cases = [
    // [action, state, who]
    ['fix_on_spot', 'reported', ['grid1_1_1', 'ent1_1', 'district1', 'city', 'admin']],
    ['notify', 'reported', ['grid1_1_1', 'ent1_1', 'admin']],
    ['cancel', 'reported', ['grid1_1_1', 'ent1_1', 'admin']],
    ['cancel', 'notified', ['grid1_1_1', 'ent1_1']],
    ['start', 'notified', ['station1_1', 'district1', 'grid1_1_1', 'admin']],
    ['extend', 'notified', ['ent1_1', 'grid1_1_1', 'admin']],
    ['submit', 'rectifying', ['station1_1', 'district1', 'grid1_1_1', 'admin']],
    ['verify', 'submitted', ['ent1_1', 'grid1_1_1', 'admin']],
    ['reject', 'submitted', ['ent1_1', 'grid1_1_1', 'admin']],
    ['resume', 'rejected', ['station1_1', 'grid1_1_1', 'admin']],
    ['extend', 'rejected', ['ent1_1', 'grid1_1_1']],
  ];
  for (const [action, state, whos] of cases) {
    const h = await reach(state);
    for (const who of whos) {
      await refused(`${action} by ${who} on ${state}`, () => transition(h.id, action, fieldsFor(action), who),
        [403, 'hazard_action_forbidden'], { hazards: [h.id], notices: action === 'notify' });
    }
  }
  // POST /notices is the notify action too.
  const h = await newHazard();
  for (const who of ['grid1_1_1', 'ent1_1', 'admin']) {
    await refused(`notice by ${who}`, () => post('/api/v1/notices', { hazard_ids: [h.id], ...fieldsFor('notify') }, sessions[who]),
      [403, 'hazard_action_forbidden'], { hazards: [h.id], notices: true });
  }
});

test('stale versions → 409 stale_version for every action; a refused notify gives away no notice number', async () => {
  for (const action of ACTIONS) {
    const h = await reach(LEGAL[action][0]);
    for (const version of [h.version - 1, h.version + 1, 0]) {
      await refused(`${action} on version ${version} of ${h.version}`, () => transition(h.id, action, fieldsFor(action), WHO[action], version),
        [409, 'stale_version', 'version'], { hazards: [h.id], notices: action === 'notify' });
    }
  }
  // The numbering goes on without a gap after refused notices.
  const a = await act((await newHazard()).id, 'notify');
  const h = await newHazard();
  await refused('stale notify', () => transition(h.id, 'notify', fieldsFor('notify'), 'station1_1', 5), [409, 'stale_version'],
    { hazards: [h.id], notices: true });
  await refused('notify in the past', () => transition(h.id, 'notify', { ...fieldsFor('notify'), deadline: chinaDate(-1) }),
    [422, 'deadline_in_past', 'deadline'], { hazards: [h.id], notices: true });
  const b = await act(h.id, 'notify');
  const [na, nb] = [await notice(a.notice_id), await notice(b.notice_id)];
  assert.equal(nb.sequence, na.sequence + 1, `${na.number} then ${nb.number}`);

  // Concurrent notices on one hazard: exactly one wins and one notice is issued.
  const raced = await newHazard();
  const notices0 = Number(await srv.sql('SELECT COUNT(*) FROM notices'));
  const results = await Promise.all(['station1_1', 'station1_1', 'district1', 'city'].map((who) =>
    transition(raced.id, 'notify', fieldsFor('notify'), who, 1)));
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409, 409], results.map((r) => r.text).join('\n'));
  for (const r of results.filter((x) => x.status === 409)) {
    assert.ok(['stale_version', 'illegal_transition'].includes(r.body.error.code), r.text);
  }
  assert.equal(Number(await srv.sql('SELECT COUNT(*) FROM notices')), notices0 + 1);
  assert.equal((await hazard(raced.id)).timeline.filter((e) => e.action === 'notify').length, 1);
});

test('missing and invalid fields → 422 with the field, for each action; nothing changes', async () => {
  const long = (k) => '长'.repeat(k);
  // [state, action, fields, code, field]
  const cases = [
    ['reported', 'notify', { deadline: undefined }, 'required', 'deadline'],
    ['reported', 'notify', { deadline: '2026/12/01' }, 'invalid_date', 'deadline'],
    ['reported', 'notify', { deadline: `${TODAY.slice(0, 4)}-02-30` }, 'invalid_date', 'deadline'],
    ['reported', 'notify', { deadline: 20261201 }, 'invalid_type', 'deadline'],
    ['reported', 'notify', { deadline: chinaDate(-1) }, 'deadline_in_past', 'deadline'],
    ['reported', 'notify', { deadline: '2000-01-01' }, 'deadline_in_past', 'deadline'],
    ['reported', 'notify', { responsible_person: undefined }, 'required', 'responsible_person'],
    ['reported', 'notify', { responsible_person: '' }, 'invalid_text_length', 'responsible_person'],
    ['reported', 'notify', { responsible_person: long(65) }, 'invalid_text_length', 'responsible_person'],
    ['reported', 'notify', { measures: undefined }, 'required', 'measures'],
    ['reported', 'notify', { measures: long(1001) }, 'invalid_text_length', 'measures'],
    ['reported', 'fix_on_spot', { method: undefined }, 'required', 'method'],
    ['reported', 'fix_on_spot', { method: '' }, 'invalid_text_length', 'method'],
    ['reported', 'cancel', { reason: undefined }, 'required', 'reason'],
    ['reported', 'cancel', { reason: long(501) }, 'invalid_text_length', 'reason'],
    ['rectifying', 'submit', { method: undefined }, 'required', 'method'],
    ['rectifying', 'submit', { method: long(1001) }, 'invalid_text_length', 'method'],
    ['rectifying', 'submit', { completed_on: undefined }, 'required', 'completed_on'],
    ['rectifying', 'submit', { completed_on: chinaDate(1) }, 'date_in_future', 'completed_on'],
    ['rectifying', 'submit', { completed_on: 'yesterday' }, 'invalid_date', 'completed_on'],
    ['submitted', 'verify', { result: undefined }, 'required', 'result'],
    ['submitted', 'verify', { result: '' }, 'invalid_text_length', 'result'],
    ['submitted', 'reject', { reason: undefined }, 'required', 'reason'],
    ['submitted', 'reject', { reason: 5 }, 'invalid_type', 'reason'],
    ['notified', 'extend', { deadline: undefined }, 'required', 'deadline'],
    ['notified', 'extend', { deadline: chinaDate(10) }, 'extension_not_later', 'deadline'],
    ['notified', 'extend', { deadline: chinaDate(5) }, 'extension_not_later', 'deadline'],
    ['notified', 'extend', { deadline: chinaDate(-1) }, 'deadline_in_past', 'deadline'],
    ['notified', 'extend', { deadline: '2026-13-01' }, 'invalid_date', 'deadline'],
    ['notified', 'extend', { reason: undefined }, 'required', 'reason'],
    ['rejected', 'extend', { deadline: chinaDate(9) }, 'extension_not_later', 'deadline'],
    // the request itself
    ['reported', undefined, {}, 'required', 'action'],
    ['reported', 'report', {}, 'invalid_hazard_action', 'action'],
    ['reported', 'approve', {}, 'invalid_hazard_action', 'action'],
    ['reported', 'NOTIFY', {}, 'invalid_hazard_action', 'action'],
    ['reported', 'notify', { version: undefined }, 'required', 'version'],
    ['reported', 'notify', { version: '1' }, 'invalid_type', 'version'],
    ['reported', 'notify', { notice_number: '伪造〔2026〕001号' }, 'unknown_field', 'notice_number'],
    ['reported', 'notify', { state: 'verified' }, 'unknown_field', 'state'],
  ];
  const inState = {};
  for (const state of new Set(cases.map((c) => c[0]))) inState[state] = await reach(state);
  for (const [state, action, changes, code, field] of cases) {
    const h = inState[state];
    const body = { action, version: h.version, ...(action ? fieldsFor(action) ?? {} : {}) };
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete body[k];
      else body[k] = v;
    }
    if (action === undefined) delete body.action;
    const who = WHO[action] ?? 'station1_1';
    await refused(`${action} ${JSON.stringify(changes).slice(0, 80)}`,
      () => post(`${HZ(h.id)}/transitions`, body, sessions[who]), [422, code, field], { hazards: [h.id], notices: action === 'notify' });
  }
  const h = inState.reported;
  for (const [raw, code] of [['{', 'invalid_json'], ['[]', 'invalid_body'], ['"notify"', 'invalid_body']]) {
    await refused(`body ${raw}`, () => api(srv.url, 'POST', `${HZ(h.id)}/transitions`,
      { as: sessions.station1_1, body: raw, headers: { 'Content-Type': 'application/json' } }), [400, code], { hazards: [h.id] });
  }
  for (const id of ['999999', 'abc', '0']) {
    expectError(await post(`${HZ(id)}/transitions`, { action: 'notify', version: 1, ...fieldsFor('notify') }, sessions.station1_1),
      404, 'not_found', undefined, `hazard ${id}`);
  }
  assert.equal((await api(srv.url, 'POST', `${HZ(h.id)}/transitions`, { body: { action: 'cancel', version: 1, reason: 'x' } })).status, 401);

  // The boundaries that pass: a deadline of today, texts of the greatest length.
  const today = await act(h.id, 'notify', { deadline: TODAY, responsible_person: long(64), measures: long(1000) });
  assert.equal(today.deadline, TODAY);
  assert.equal(today.days_left, 0);
  assert.equal(today.overdue, false);
});

test('fix on the spot: only by the user who found it, with the method; verified today, on time', async () => {
  const { hazards: [found] } = await inspect('grid1_1_1', OWN, 'grid_patrol', 'grid_patrol', { 2: { note: '灭火器压力不足' } });
  assert.equal(found.found_by_user_id, user('grid1_1_1').id);
  for (const who of ['station1_1', 'district1', 'ent1_1', 'admin']) {
    await refused(`fix_on_spot by ${who}`, () => transition(found.id, 'fix_on_spot', fieldsFor('fix_on_spot'), who),
      [403, 'hazard_action_forbidden'], { hazards: [found.id] });
  }
  await refused('fix_on_spot without a method', () => transition(found.id, 'fix_on_spot', {}, 'grid1_1_1'),
    [422, 'required', 'method'], { hazards: [found.id] });
  const fixed = await act(found.id, 'fix_on_spot', { method: '现场更换灭火器' }, 'grid1_1_1');
  assert.equal(fixed.state, 'verified');
  assert.equal(fixed.handling, 'on_the_spot');
  assert.equal(fixed.deadline, TODAY);
  assert.match(fixed.verified_at, INSTANT);
  assert.equal(fixed.on_time, true);
  assert.equal(fixed.overdue, false);
  assert.equal(fixed.days_left, null);
  assert.equal(fixed.notice_id, null);
  assert.deepEqual(timelineOf(fixed).map((e) => [e.action, e.actor_user_id, e.details]),
    [['report', user('grid1_1_1').id, {}], ['fix_on_spot', user('grid1_1_1').id, { method: '现场更换灭火器' }]]);

  // A station's own finding is the station's to fix; once notified it is too late.
  const own = await newHazard();
  assert.equal((await act(own.id, 'fix_on_spot', { method: '当场整改' }, 'station1_1')).state, 'verified');
  const notified = await reach('notified');
  await refused('fix_on_spot after notify', () => transition(notified.id, 'fix_on_spot'), [409, 'illegal_transition'],
    { hazards: [notified.id] });
});

test('extend: a later deadline with a reason, by the notifying unit; the state stays', async () => {
  const h = await reach('notified');
  assert.equal(h.deadline, chinaDate(10));
  await refused('extend by the enterprise', () => transition(h.id, 'extend', fieldsFor('extend'), 'ent1_1'),
    [403, 'hazard_action_forbidden'], { hazards: [h.id] });
  await refused('extend to the same day', () => transition(h.id, 'extend', { deadline: chinaDate(10), reason: '申请' }),
    [422, 'extension_not_later', 'deadline'], { hazards: [h.id] });
  const extended = await act(h.id, 'extend', { deadline: chinaDate(20), reason: '企业申请：设备到货需两周' });
  assert.equal(extended.state, 'notified');
  assert.equal(extended.deadline, chinaDate(20));
  assert.equal(extended.days_left, 20);
  assert.equal(extended.version, h.version + 1);
  assert.deepEqual(timelineOf(extended).at(-1), { action: 'extend', from_state: 'notified', to_state: 'notified',
    actor_user_id: user('station1_1').id, actor_name: user('station1_1').name,
    details: { deadline: chinaDate(20), reason: '企业申请：设备到货需两周' } });
  const n = await notice(extended.notice_id);
  assert.equal(n.hazards[0].deadline, chinaDate(20), 'the notice shows the hazard as it is now');
  // While rectifying and after a rejection; the district above the station extends too.
  await act(h.id, 'start');
  assert.equal((await act(h.id, 'extend', { deadline: chinaDate(30), reason: '再次申请' }, 'district1')).state, 'rectifying');
  await act(h.id, 'submit');
  await act(h.id, 'reject');
  const again = await act(h.id, 'extend', { deadline: chinaDate(45), reason: '返工' });
  assert.equal(again.state, 'rejected');
  assert.equal(again.deadline, chinaDate(45));
  assert.deepEqual(again.timeline.filter((e) => e.action === 'extend').map((e) => e.details.deadline),
    [chinaDate(20), chinaDate(30), chinaDate(45)]);
});

test('cancel: by a station or bureau with a reason, from reported or notified; a major hazard is delisted', async () => {
  const h = await newHazard();
  for (const who of ['ent1_1', 'grid1_1_1']) {
    await refused(`cancel by ${who}`, () => transition(h.id, 'cancel', fieldsFor('cancel'), who),
      [403, 'hazard_action_forbidden'], { hazards: [h.id] });
  }
  await refused('cancel without a reason', () => transition(h.id, 'cancel', {}), [422, 'required', 'reason'], { hazards: [h.id] });
  const cancelled = await act(h.id, 'cancel', { reason: '经核实系误报' });
  assert.equal(cancelled.state, 'cancelled');
  assert.deepEqual([cancelled.overdue, cancelled.on_time, cancelled.days_left, cancelled.verified_at], [false, false, null, null]);
  assert.deepEqual(timelineOf(cancelled).at(-1).details, { reason: '经核实系误报' });
  const notified = await reach('notified', { level: 'major' });
  assert.equal(notified.listed, true);
  const gone = await act(notified.id, 'cancel', { reason: '重复录入' }, 'district1');
  assert.equal(gone.state, 'cancelled');
  assert.equal(gone.listed, false);
  assert.match(gone.delisted_at, INSTANT);
  assert.ok(!(await all('/api/v1/hazards?listed=true')).some((x) => x.id === gone.id));
  assert.ok(!(await all('/api/v1/hazards?state=open')).some((x) => x.id === gone.id));
});

// ---- major hazards, direct entry ---------------------------------------------------------------

test('a major hazard entered directly is listed until verified; findings on major criteria are major', async () => {
  const audit0 = await total('/api/v1/audit');
  const body = { enterprise_id: OWN, description: '粉尘爆炸危险场所未按规定设置泄爆装置', location: '抛光车间',
    level: 'major', source: 'specialist', hazard_type: 'process', classification: 'unsafe_state', handling: 'by_deadline' };
  const r = await post('/api/v1/hazards', body, sessions.station1_1);
  assert.equal(r.status, 201, r.text);
  const h = r.body;
  checkHazardShape(h);
  for (const [k, v] of Object.entries(body)) assert.equal(h[k], v, k);
  assert.equal(h.state, 'reported');
  assert.equal(h.inspection_id, null);
  assert.equal(h.checklist_item_id, null);
  assert.equal(h.found_by_user_id, user('station1_1').id);
  assert.equal(h.found_on, TODAY);
  assert.equal(h.listed, true);
  assert.match(h.listed_at, INSTANT);
  assert.equal(h.delisted_at, null);
  assert.deepEqual(timelineOf(h), [{ action: 'report', from_state: null, to_state: 'reported',
    actor_user_id: user('station1_1').id, actor_name: user('station1_1').name, details: {} }]);
  assert.deepEqual(await hazard(h.id, sessions.station1_1), h);
  assert.equal(await total('/api/v1/audit'), audit0 + 1);
  const listed = async () => (await all('/api/v1/hazards?listed=true')).map((x) => x.id);
  assert.ok((await listed()).includes(h.id));
  assert.ok((await all('/api/v1/hazards?level=major')).some((x) => x.id === h.id));
  assert.ok(!(await all('/api/v1/hazards?level=general')).some((x) => x.id === h.id));
  for (const x of await all('/api/v1/hazards?listed=true')) {
    assert.equal(x.level, 'major');
    assert.equal(x.listed, true);
  }
  for (const action of ['notify', 'start', 'submit', 'reject', 'resume', 'submit']) {
    const step = await act(h.id, action);
    assert.equal(step.listed, true, `still listed after ${action}`);
    assert.ok((await listed()).includes(h.id), action);
  }
  const verified = await act(h.id, 'verify');
  assert.equal(verified.listed, false);
  assert.match(verified.delisted_at, INSTANT);
  assert.equal(verified.listed_at, h.listed_at);
  assert.ok(!(await listed()).includes(h.id), 'delisted after verification');
  assert.ok((await all('/api/v1/hazards?level=major')).some((x) => x.id === h.id), 'still a major hazard');

  // Defaults of a direct entry, by each role that records hazards.
  for (const who of ['district1', 'station1_1', 'grid1_1_1', 'ent1_1']) {
    const x = await post('/api/v1/hazards', { enterprise_id: OWN, description: `${who}录入的隐患` }, sessions[who]);
    assert.equal(x.status, 201, `${who}: ${x.text}`);
    assert.deepEqual([x.body.level, x.body.source, x.body.hazard_type, x.body.classification, x.body.handling, x.body.location, x.body.listed],
      ['general', 'daily', 'safety', 'unsafe_state', 'by_deadline', '', false], who);
    assert.equal(x.body.found_by_user_id, user(who).id);
  }

  // From an inspection: the inspector's level wins; a major-hazard criterion is major by default.
  const general = await checklistItems('major_hazard_general');
  const criteria = general.checklist_version.items.map((item, k) => [item, k]).filter(([item]) => item.major_hazard);
  assert.ok(criteria.length > 0, 'the general major-hazard list has criteria');
  const k = criteria[0][1];
  const chosen = { ...Object.fromEntries([[k, { note: '判定为重大隐患' }]]) };
  const other = general.checklist_version.items.findIndex((item, j) => j !== k);
  chosen[other] = { note: '检查员定为一般', hazard_level: 'general' };
  const { hazards } = await inspect('district1', OWN, 'district_enforcement', 'major_hazard_general', chosen);
  const byItem = Object.fromEntries(hazards.map((x) => [x.checklist_item_id, x]));
  const major = byItem[general.checklist_version.items[k].id];
  assert.equal(major.level, 'major');
  assert.equal(major.listed, true);
  assert.equal(major.source, 'comprehensive');
  assert.equal(byItem[general.checklist_version.items[other].id].level, 'general');
  const { hazards: [picked] } = await inspect('station1_1', OWN, 'town_routine', 'grid_patrol', { 0: { hazard_level: 'major' } });
  assert.equal(picked.level, 'major');
  assert.equal(picked.listed, true);
  assert.equal(picked.description, (await checklistItems('grid_patrol')).checklist_version.items[0].text, 'no note: the item\'s text');
});

test('POST /hazards: validation with its field, scope and roles; nothing is written', async () => {
  const long = (k) => '长'.repeat(k);
  const base = { enterprise_id: OWN, description: '配电箱未上锁' };
  const cases = [
    [{ enterprise_id: undefined }, 422, 'required', 'enterprise_id'],
    [{ enterprise_id: 'x' }, 422, 'invalid_type', 'enterprise_id'],
    [{ description: undefined }, 422, 'required', 'description'],
    [{ description: '' }, 422, 'invalid_description', 'description'],
    [{ description: long(1001) }, 422, 'invalid_description', 'description'],
    [{ location: long(201) }, 422, 'invalid_location', 'location'],
    [{ level: 'minor' }, 422, 'invalid_hazard_level', 'level'],
    [{ source: 'patrol' }, 422, 'invalid_hazard_source', 'source'],
    [{ hazard_type: 'mechanical' }, 422, 'invalid_hazard_type', 'hazard_type'],
    [{ classification: 'unsafe' }, 422, 'invalid_hazard_classification', 'classification'],
    [{ handling: 'later' }, 422, 'invalid_hazard_handling', 'handling'],
    [{ state: 'verified' }, 422, 'unknown_field', 'state'],
    [{ found_by_user_id: 1 }, 422, 'unknown_field', 'found_by_user_id'],
    [{ enterprise_id: 999999 }, 422, 'enterprise_not_found', 'enterprise_id'],
    [{ enterprise_id: OTHER_TOWN }, 422, 'enterprise_not_found', 'enterprise_id'],
    [{ enterprise_id: D2 }, 422, 'enterprise_not_found', 'enterprise_id'],
  ];
  for (const [changes, status, code, field] of cases) {
    const body = { ...base };
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete body[k];
      else body[k] = v;
    }
    await refused(`POST /hazards ${JSON.stringify(changes).slice(0, 60)}`, () => post('/api/v1/hazards', body, sessions.station1_1),
      [status, code, field]);
  }
  for (const [who, status, code] of [['admin', 403, 'forbidden'], ['expert1', 403, 'forbidden'],
    ['grid1_1_2', 422, 'enterprise_not_found'], ['station1_2', 422, 'enterprise_not_found'],
    ['district2', 422, 'enterprise_not_found'], ['ent1_2', 422, 'enterprise_not_found']]) {
    await refused(`POST /hazards by ${who}`, () => post('/api/v1/hazards', base, sessions[who]), [status, code]);
  }
  await refused('the enterprise on its neighbour', () => post('/api/v1/hazards', { ...base, enterprise_id: NEIGHBOUR }, sessions.ent1_1),
    [422, 'enterprise_not_found', 'enterprise_id']);
  assert.equal((await api(srv.url, 'POST', '/api/v1/hazards', { body: base })).status, 401);
  // Boundaries that pass.
  const edge = await post('/api/v1/hazards', { ...base, description: long(1000), location: long(200) }, sessions.station1_1);
  assert.equal(edge.status, 201, edge.text);
});

// ---- notices -----------------------------------------------------------------------------------

test('POST /notices: several hazards of one enterprise → one notice, all notified; refusals change nothing', async () => {
  const [a, b, c] = [await newHazard(), await newHazard({ level: 'major' }), await newHazard()];
  const neighbour = await newHazard({ enterprise_id: NEIGHBOUR });
  const notified = await reach('notified');
  const d2 = await newHazard({ enterprise_id: D2 }, 'station2_1');
  const first = await act((await newHazard()).id, 'notify');
  const firstNotice = await notice(first.notice_id);
  const watch = { hazards: [a.id, b.id, c.id, neighbour.id, notified.id], notices: true };
  const body = { hazard_ids: [a.id, b.id, c.id], ...fieldsFor('notify') };
  const cases = [
    ['mixed enterprises', { hazard_ids: [a.id, neighbour.id] }, [422, 'notice_mixed_enterprises', 'hazard_ids']],
    ['mixed, the other first', { hazard_ids: [neighbour.id, a.id, b.id] }, [422, 'notice_mixed_enterprises', 'hazard_ids']],
    ['one already notified', { hazard_ids: [a.id, b.id, notified.id] }, [409, 'illegal_transition']],
    ['one absent', { hazard_ids: [a.id, 999999] }, [422, 'hazard_not_found', 'hazard_ids']],
    ['one of another district', { hazard_ids: [a.id, d2.id] }, [422, 'hazard_not_found', 'hazard_ids']],
    ['none', { hazard_ids: [] }, [422, 'invalid_hazard_ids', 'hazard_ids']],
    ['no list', { hazard_ids: undefined }, [422, undefined, 'hazard_ids']],
    ['too many', { hazard_ids: Array.from({ length: 201 }, (_, k) => a.id + k) }, [422, 'invalid_hazard_ids', 'hazard_ids']],
    ['not a list', { hazard_ids: a.id }, [422, 'invalid_type', 'hazard_ids']],
    ['not integers', { hazard_ids: [String(a.id)] }, [422, 'invalid_type', 'hazard_ids']],
    ['no deadline', { deadline: undefined }, [422, 'required', 'deadline']],
    ['deadline in the past', { deadline: chinaDate(-1) }, [422, 'deadline_in_past', 'deadline']],
    ['bad deadline', { deadline: '2026-02-29' }, [422, 'invalid_date', 'deadline']],
    ['no responsible person', { responsible_person: undefined }, [422, 'required', 'responsible_person']],
    ['no measures', { measures: undefined }, [422, 'required', 'measures']],
    ['empty measures', { measures: '' }, [422, 'invalid_text_length', 'measures']],
    ['unknown field', { number: 'x' }, [422, 'unknown_field', 'number']],
    ['a version', { version: 1 }, [422, 'unknown_field', 'version']],
  ];
  for (const [label, changes, expected] of cases) {
    const request = { ...body };
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete request[k];
      else request[k] = v;
    }
    await refused(label, () => post('/api/v1/notices', request, sessions.station1_1), expected, watch);
  }
  for (const who of ['district2', 'station1_2', 'station2_1']) {
    await refused(`notice by ${who}`, () => post('/api/v1/notices', body, sessions[who]), [422, 'hazard_not_found', 'hazard_ids'], watch);
  }

  const r = await post('/api/v1/notices', { ...body, hazard_ids: [a.id, b.id, c.id, b.id] }, sessions.station1_1);
  assert.equal(r.status, 201, r.text);
  const n = r.body;
  assert.deepEqual(Object.keys(n).sort(), [...NOTICE_FIELDS].sort());
  assert.equal(n.sequence, firstNotice.sequence + 1, 'refused notices gave away no number');
  assert.equal(n.number, `${DISTRICT1_NAME}${TOWN1_NAME}安监整改〔${n.year}〕${String(n.sequence).padStart(3, '0')}号`);
  assert.deepEqual(n.enterprise, { id: OWN, name: ownRecord.name, uscc: ownRecord.uscc });
  assert.deepEqual(idsOf(n.hazards), idsOf([a, b, c]), 'each hazard once');
  for (const h of n.hazards) {
    assert.equal(h.state, 'notified');
    assert.equal(h.notice_id, n.id);
    assert.equal(h.notice_number, n.number);
    assert.equal(h.deadline, body.deadline);
    assert.equal(h.responsible_person, body.responsible_person);
    assert.equal(h.measures, body.measures);
    assert.equal(h.version, 2);
    const { timeline, allowed_actions: _allowed, photos: _photos, ...record } = await hazard(h.id);
    assert.deepEqual(record, h);
    assert.deepEqual(timeline.at(-1).details, { deadline: body.deadline, responsible_person: body.responsible_person,
      measures: body.measures, notice_number: n.number });
  }
  const read = await notice(n.id);
  assert.deepEqual({ ...read, hazards: idsOf(read.hazards) }, { ...n, hazards: idsOf(n.hazards) });
  assert.deepEqual(read.hazards.map((h) => h.id), [a.id, b.id, c.id]);
  assert.deepEqual(idsOf(await all(`/api/v1/hazards?notice_id=${n.id}`)), idsOf([a, b, c]));
  assert.equal((await hazard(neighbour.id)).state, 'reported');
  // The hazards go on separately.
  await act(a.id, 'start');
  assert.equal((await hazard(b.id)).state, 'notified');

  // A bureau issues under its own name and numbering.
  const byDistrict = await post('/api/v1/notices', { hazard_ids: [neighbour.id], ...fieldsFor('notify') }, sessions.district1);
  assert.equal(byDistrict.status, 201, byDistrict.text);
  assert.equal(byDistrict.body.unit_region_code, '990102000000');
  assert.equal(byDistrict.body.unit_name, DISTRICT1_NAME);
  assert.match(byDistrict.body.number, new RegExp(`^${DISTRICT1_NAME}安监整改〔${n.year}〕\\d{3}号$`));

  // Concurrent notices of one unit: distinct numbers in sequence.
  const hs = [];
  for (let k = 0; k < 4; k++) hs.push(await newHazard());
  const last = (await notice((await act((await newHazard()).id, 'notify')).notice_id)).sequence;
  const raced = await Promise.all(hs.map((h) => post('/api/v1/notices', { hazard_ids: [h.id], ...fieldsFor('notify') }, sessions.station1_1)));
  assert.deepEqual(raced.map((x) => x.status), [201, 201, 201, 201], raced.map((x) => x.text).join('\n'));
  assert.deepEqual(raced.map((x) => x.body.sequence).sort((p, q) => p - q), [last + 1, last + 2, last + 3, last + 4]);
  assert.equal(new Set(raced.map((x) => x.body.number)).size, 4);
});

test('notice numbers: two units with the same name (towns of different districts) each get their own numbers', async () => {
  // Town names repeat across districts in real cities (城关镇, 新华街道…).
  const imported = await api(srv.url, 'POST', '/api/v1/regions/import', {
    as: admin, body: 'code,name\n990102110000,城关镇\n990102110201,城关村\n990103110000,城关镇\n990103110201,城关村\n',
    headers: { 'Content-Type': 'text/csv' },
  });
  assert.equal(imported.status, 200, imported.text);
  const stations = [];
  for (const [username, region] of [['station_cg1', '990102110000'], ['station_cg2', '990103110000']]) {
    const made = await post('/api/v1/users', { username, password: 'Station2026cg', name: `城关镇安监站${username.at(-1)}`, role: 'station', region_code: region });
    assert.equal(made.status, 201, made.text);
    const session = await login(srv.url, username, 'Station2026cg');
    let n = 50 + stations.length;
    let tail = '';
    for (let k = 0; k < 6; k++) { tail = USCC_ALPHABET[n % 31] + tail; n = Math.floor(n / 31); }
    const e = await post('/api/v1/enterprises', { uscc: completeUscc(`91${region.slice(0, 6)}CG${tail}`), name: `城关第${stations.length + 1}机械有限公司`,
      region_code: `${region.slice(0, 9)}201`, industry_code: 'C33' });
    assert.equal(e.status, 201, e.text);
    const h = await post('/api/v1/hazards', { enterprise_id: e.body.id, description: '同名单位的隐患' }, session);
    assert.equal(h.status, 201, h.text);
    stations.push({ session, hazard: h.body });
  }
  const numbers = [];
  for (const { session, hazard: h } of stations) {
    const r = await post(`${HZ(h.id)}/transitions`, { action: 'notify', version: 1, ...fieldsFor('notify') }, session);
    assert.equal(r.status, 200, `POST ${HZ(h.id)}/transitions notify → ${r.status} ${r.text}`);
    numbers.push(r.body.notice_number);
  }
  assert.equal(new Set(numbers).size, 2, `two notices, two numbers: ${numbers}`);
});

// ---- overdue and on time ---------------------------------------------------------------------------

// The API never takes a deadline in the past; to see a hazard go overdue a test moves its deadline
// in the database, and then counts the dashboard's tallies afresh, as an operator would.
async function moveDeadline(id, days) {
  await srv.sql(`UPDATE hazards SET deadline = '${chinaDate(days)}' WHERE id = ${id}`);
  const rebuilt = await srv.cli(['stats', 'rebuild']);
  assert.equal(rebuilt.code, 0, rebuilt.stderr);
}

test('overdue and on time follow the deadline day (deadlines moved into the past directly in the database)', async () => {
  const late = await reach('rectifying');
  await moveDeadline(late.id, -1);
  let h = await hazard(late.id);
  assert.deepEqual([h.overdue, h.on_time, h.days_left], [true, false, -1]);
  assert.ok((await all('/api/v1/hazards?overdue=true')).some((x) => x.id === late.id));
  assert.ok((await all(`/api/v1/hazards?overdue=true&enterprise_id=${OWN}`)).every((x) => x.overdue === true));
  for (const x of await all('/api/v1/hazards?overdue=true')) {
    assert.ok(x.deadline < TODAY && !['verified', 'cancelled'].includes(x.state), JSON.stringify(x));
  }
  await act(late.id, 'submit');
  h = await act(late.id, 'verify');
  assert.deepEqual([h.state, h.overdue, h.on_time, h.days_left], ['verified', false, false, null], 'verified late');
  assert.ok(!(await all('/api/v1/hazards?overdue=true')).some((x) => x.id === late.id));

  // Due today: not overdue, on time when verified today.
  const dueToday = await newHazard();
  h = await act(dueToday.id, 'notify', { ...fieldsFor('notify'), deadline: TODAY });
  assert.deepEqual([h.overdue, h.days_left], [false, 0]);
  for (const action of ['start', 'submit', 'verify']) h = await act(dueToday.id, action);
  assert.deepEqual([h.overdue, h.on_time], [false, true]);

  // An overdue hazard given more time is no longer overdue; cancelled is never overdue.
  const extended = await reach('notified');
  await moveDeadline(extended.id, -3);
  assert.equal((await hazard(extended.id)).overdue, true);
  h = await act(extended.id, 'extend', { deadline: chinaDate(5), reason: '宽限' });
  assert.deepEqual([h.overdue, h.days_left], [false, 5]);
  const dropped = await reach('notified');
  await moveDeadline(dropped.id, -3);
  h = await act(dropped.id, 'cancel');
  assert.deepEqual([h.overdue, h.on_time], [false, false]);
});

// ---- lists -------------------------------------------------------------------------------------

test('hazard and inspection lists: filters checked against the whole list; bad parameters → 422', async () => {
  await reach('submitted', { level: 'major', description: '百分%之百的隐患' });
  await reach('rejected');
  const everything = await all('/api/v1/hazards');
  assert.ok(everything.length > 10);
  assert.deepEqual(everything.map((h) => h.id), [...everything.map((h) => h.id)].sort((a, b) => b - a), 'newest first');
  const cases = [
    ...STATES.map((s) => [`state=${s}`, (h) => h.state === s]),
    ['state=open', (h) => !['verified', 'cancelled'].includes(h.state)],
    ['level=major', (h) => h.level === 'major'],
    ['level=general', (h) => h.level === 'general'],
    [`enterprise_id=${OWN}`, (h) => h.enterprise_id === OWN],
    [`enterprise_id=${OWN}&state=open&level=major`, (h) => h.enterprise_id === OWN && h.level === 'major' && !['verified', 'cancelled'].includes(h.state)],
    ['region_code=990102001000', (h) => h.region_code.startsWith('990102001')],
    ['region_code=990102000000', (h) => h.region_code.startsWith('990102')],
    [`region_code=${ownRecord.region_code}`, (h) => h.region_code === ownRecord.region_code],
    ['listed=true', (h) => h.listed],
    ['overdue=true', (h) => h.overdue],
    [`q=${encodeURIComponent('%')}`, (h) => h.description.includes('%')],
    [`q=${encodeURIComponent('消防通道')}`, (h) => h.description.includes('消防通道')],
  ];
  for (const [query, keep] of cases) {
    assert.deepEqual((await all(`/api/v1/hazards?${query}`)).map((h) => h.id), everything.filter(keep).map((h) => h.id), query);
  }
  const p2 = await get('/api/v1/hazards?page=2&page_size=3');
  assert.deepEqual(Object.keys(p2.body).sort(), ['items', 'page', 'page_size', 'total']);
  assert.deepEqual(p2.body.items, everything.slice(3, 6));
  for (const h of everything.slice(0, 20)) checkHazardShape(h);
  for (const [query, code, field] of [
    ['state=open2', 'invalid_hazard_state', 'state'],
    ['state=Verified', 'invalid_hazard_state', 'state'],
    ['level=minor', 'invalid_hazard_level', 'level'],
    ['region_code=abc', 'invalid_region_code', 'region_code'],
    ['enterprise_id=x', 'invalid_integer', 'enterprise_id'],
    ['inspection_id=1.5', 'invalid_integer', 'inspection_id'],
    ['notice_id=-', 'invalid_integer', 'notice_id'],
    ['page=0', 'invalid_page', undefined],
    ['page_size=201', 'invalid_page', undefined],
  ]) {
    expectError(await get(`/api/v1/hazards?${query}`), 422, code, field, query);
  }

  const inspections = await all('/api/v1/inspections');
  assert.ok(inspections.length > 0);
  assert.deepEqual(inspections.map((i) => i.id), [...inspections.map((i) => i.id)].sort((a, b) => b - a), 'newest first');
  const started = (i) => new Date(Date.parse(i.started_at) + 8 * 3600_000).toISOString().slice(0, 10);
  const inspectionCases = [
    ['kind=grid_patrol', (i) => i.kind === 'grid_patrol'],
    ['kind=district_enforcement', (i) => i.kind === 'district_enforcement'],
    ['status=finished', (i) => i.status === 'finished'],
    ['status=in_progress', (i) => i.status === 'in_progress'],
    [`enterprise_id=${OWN}`, (i) => i.enterprise_id === OWN],
    ['region_code=990102001000', (i) => i.region_code.startsWith('990102001')],
    [`from=${TODAY}`, (i) => started(i) >= TODAY],
    [`to=${TODAY}`, (i) => started(i) <= TODAY],
    [`from=${chinaDate(-30)}&to=${chinaDate(-7)}`, (i) => started(i) >= chinaDate(-30) && started(i) <= chinaDate(-7)],
    [`from=${chinaDate(1)}`, () => false],
    [`to=${chinaDate(-1)}&enterprise_id=${OWN}&kind=grid_patrol`, (i) => started(i) <= chinaDate(-1) && i.enterprise_id === OWN && i.kind === 'grid_patrol'],
  ];
  for (const [query, keep] of inspectionCases) {
    assert.deepEqual((await all(`/api/v1/inspections?${query}`)).map((i) => i.id), inspections.filter(keep).map((i) => i.id), query);
  }
  assert.ok((await all(`/api/v1/inspections?from=${TODAY}&to=${TODAY}`)).length > 0, 'today\'s inspections');
  for (const [query, code, field] of [
    ['from=2026-02-30', 'invalid_date', 'from'],
    ['to=tomorrow', 'invalid_date', 'to'],
    ['region_code=99', 'invalid_region_code', 'region_code'],
    ['enterprise_id=abc', 'invalid_integer', 'enterprise_id'],
    ['page_size=0', 'invalid_page', undefined],
  ]) {
    expectError(await get(`/api/v1/inspections?${query}`), 422, code, field, query);
  }
});

// ---- inspections: kinds, roles, validation -------------------------------------------------------

test('inspections: which role records which kind; unknown kinds, out-of-scope enterprises and checklists → 422', async () => {
  const KINDS = {
    grid_patrol: ['grid1_1_1', 'station1_1'],
    town_routine: ['station1_1'],
    district_enforcement: ['district1'],
    expert_diagnosis: ['station1_1', 'district1'],
    alliance_mutual: ['station1_1', 'district1'],
    self_check: ['ent1_1'],
    special_campaign: ['grid1_1_1', 'station1_1', 'district1'],
  };
  for (const [kind, allowed] of Object.entries(KINDS)) {
    for (const who of ['grid1_1_1', 'station1_1', 'district1', 'city', 'ent1_1']) {
      const request = () => post('/api/v1/inspections', { enterprise_id: OWN, kind, checklist_id: checklists.grid_patrol.id }, sessions[who]);
      const mayRecord = allowed.includes(who) || (who === 'city' && allowed.includes('district1'));
      if (mayRecord) {
        const r = await request();
        assert.equal(r.status, 201, `${who} ${kind}: ${r.text}`);
        assert.equal(r.body.kind, kind);
        assert.equal(r.body.unit_region_code, who === 'ent1_1' ? null : user(who).region_code, `${who} ${kind}`);
      } else {
        await refused(`${who} ${kind}`, request, [403, 'inspection_kind_forbidden']);
      }
    }
    for (const who of ['admin', 'expert1']) {
      await refused(`${who} ${kind}`, () => post('/api/v1/inspections', { enterprise_id: OWN, kind }, sessions[who]), [403, 'forbidden']);
    }
  }
  const base = { enterprise_id: OWN, kind: 'grid_patrol', checklist_id: checklists.grid_patrol.id };
  const village6 = (await get('/api/v1/enterprises?region_code=990102001203&sort=id&page_size=1')).body.items[0].id;
  const cases = [
    [{ kind: 'patrol' }, 422, 'invalid_inspection_kind', 'kind'],
    [{ kind: undefined }, 422, 'required', 'kind'],
    [{ enterprise_id: undefined }, 422, 'required', 'enterprise_id'],
    [{ enterprise_id: village6 }, 422, 'enterprise_not_found', 'enterprise_id'],
    [{ enterprise_id: OTHER_TOWN }, 422, 'enterprise_not_found', 'enterprise_id'],
    [{ enterprise_id: D2 }, 422, 'enterprise_not_found', 'enterprise_id'],
    [{ enterprise_id: 999999 }, 422, 'enterprise_not_found', 'enterprise_id'],
    [{ checklist_id: 999999 }, 422, 'checklist_not_found', 'checklist_id'],
    [{ checklist_id: 'grid_patrol' }, 422, 'invalid_type', 'checklist_id'],
    [{ longitude: 181, latitude: 30 }, 422, 'invalid_coordinates', 'longitude'],
    [{ longitude: 118, latitude: -90.5 }, 422, 'invalid_coordinates', 'latitude'],
    [{ longitude: 118.3 }, 422, 'coordinates_incomplete', 'latitude'],
    [{ longitude: '118' }, 422, 'invalid_type', 'longitude'],
    [{ companions: '伴'.repeat(201) }, 422, 'invalid_text_length', 'companions'],
    [{ status: 'finished' }, 422, 'unknown_field', 'status'],
    [{ inspector_user_id: 1 }, 422, 'unknown_field', 'inspector_user_id'],
  ];
  for (const [changes, status, code, field] of cases) {
    const body = { ...base };
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete body[k];
      else body[k] = v;
    }
    await refused(`POST /inspections ${JSON.stringify(changes)}`, () => post('/api/v1/inspections', body, sessions.grid1_1_1), [status, code, field]);
  }
  assert.equal((await api(srv.url, 'POST', '/api/v1/inspections', { body: base })).status, 401);
  // Without a checklist there is nothing to answer: it finishes at once, with no findings.
  const bare = await post('/api/v1/inspections', { enterprise_id: OWN, kind: 'grid_patrol' }, sessions.grid1_1_1);
  assert.equal(bare.status, 201, bare.text);
  assert.deepEqual([bare.body.checklist_id, bare.body.checklist_version_id, bare.body.checklist_name, bare.body.items],
    [null, null, '', []]);
  const done = await post(`${IN(bare.body.id)}/finish`, { version: 1 }, sessions.grid1_1_1);
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.findings, 0);
});

test('inspections: saving results — only the inspector, every error with its field, stale versions; nothing changes', async () => {
  const started = await post('/api/v1/inspections', { enterprise_id: OWN, kind: 'grid_patrol', checklist_id: checklists.grid_patrol.id },
    sessions.grid1_1_1);
  assert.equal(started.status, 201, started.text);
  const id = started.body.id;
  const [i1, i2] = started.body.items;
  const watch = { inspections: [id] };
  const save = (body, who = 'grid1_1_1') => () => patch(IN(id), body, sessions[who]);
  for (const who of ['station1_1', 'district1', 'city']) {
    await refused(`save by ${who}`, save({ version: 1, summary: '他人填写' }, who), [403, 'not_the_inspector'], watch);
    await refused(`finish by ${who}`, () => post(`${IN(id)}/finish`, { version: 1 }, sessions[who]), [403, 'not_the_inspector'], watch);
  }
  for (const who of ['grid1_1_2', 'station1_2', 'district2', 'ent1_2']) {
    await refused(`save by ${who}`, save({ version: 1, summary: '越界' }, who), [404, 'not_found'], watch);
  }
  await refused('save by the enterprise inspected', save({ version: 1, summary: '企业' }, 'ent1_1'), [403, 'not_the_inspector'], watch);
  const note501 = '注'.repeat(501);
  const cases = [
    [{ results: [{ item_id: 999999, result: 'conforming' }] }, 'unknown_checklist_item', 'results[0].item_id'],
    [{ results: [{ item_id: i1.id, result: 'conforming' }, { item_id: i1.id, result: 'finding' }] }, 'duplicate_checklist_item', 'results[1].item_id'],
    [{ results: [{ item_id: i1.id, result: 'ok' }] }, 'invalid_item_result', 'results[0].result'],
    [{ results: [{ item_id: i1.id }] }, 'required', 'results[0].result'],
    [{ results: [{ result: 'conforming' }] }, 'required', 'results[0].item_id'],
    [{ results: [{ item_id: i1.id, result: 'conforming', hazard_level: 'general' }] }, 'level_without_finding', 'results[0].hazard_level'],
    [{ results: [{ item_id: i1.id, result: 'finding' }, { item_id: i2.id, result: 'finding', hazard_level: 'severe' }] }, 'invalid_hazard_level', 'results[1].hazard_level'],
    [{ results: [{ item_id: i1.id, result: 'finding', note: note501 }] }, 'invalid_text_length', 'results[0].note'],
    [{ results: [{ item_id: i1.id, result: 'finding', hazard_id: 5 }] }, 'unknown_field', 'results[0].hazard_id'],
    [{ results: { item_id: i1.id } }, 'invalid_type', 'results'],
    [{ summary: '总'.repeat(2001) }, 'invalid_text_length', 'summary'],
    [{ companions: '伴'.repeat(201) }, 'invalid_text_length', 'companions'],
    [{ longitude: 200, latitude: 30 }, 'invalid_coordinates', 'longitude'],
    [{ longitude: 118, latitude: 91 }, 'invalid_coordinates', 'latitude'],
    [{ longitude: 118 }, 'coordinates_incomplete', 'latitude'],
    [{ status: 'finished' }, 'unknown_field', 'status'],
    [{ version: undefined }, 'required', 'version'],
  ];
  for (const [changes, code, field] of cases) {
    const body = { version: 1, ...changes };
    if ('version' in changes && changes.version === undefined) delete body.version;
    await refused(`save ${JSON.stringify(changes).slice(0, 80)}`, save(body), [422, code, field], watch);
  }
  await refused('save on a stale version', save({ version: 2, summary: 'x' }), [409, 'stale_version', 'version'], watch);
  await refused('finish without a version', () => post(`${IN(id)}/finish`, {}, sessions.grid1_1_1), [422, 'required', 'version'], watch);
  for (const path of [IN(999999), IN('abc')]) {
    expectError(await patch(path, { version: 1 }, sessions.grid1_1_1), 404, 'not_found', undefined, path);
    expectError(await post(`${path}/finish`, { version: 1 }, sessions.grid1_1_1), 404, 'not_found', undefined, path);
  }

  // A result can change until the inspection is finished; the last answer counts.
  let r = await patch(IN(id), { version: 1, results: [{ item_id: i1.id, result: 'finding', note: '先记为问题', hazard_level: 'major' }] }, sessions.grid1_1_1);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.findings, 1);
  r = await patch(IN(id), { version: 2, results: [{ item_id: i1.id, result: 'conforming' }], longitude: 118.5, latitude: 26.25 },
    sessions.grid1_1_1);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.findings, 0);
  assert.deepEqual(r.body.results, [{ item_id: i1.id, result: 'conforming', note: '', hazard_level: null, hazard_id: null, photos: [] }]);
  assert.deepEqual([r.body.longitude, r.body.latitude], [118.5, 26.25]);
  assert.deepEqual(await inspection(id), r.body);
  // Two saves on the same version: one wins.
  const raced = await Promise.all([1, 2, 3].map((k) => patch(IN(id), { version: 3, summary: `并发${k}` }, sessions.grid1_1_1)));
  assert.deepEqual(raced.map((x) => x.status).sort(), [200, 409, 409], raced.map((x) => x.text).join('\n'));
});

test('kinds give findings their source; a self-check has no inspecting unit and its hazards are the enterprise\'s own', async () => {
  for (const [who, kind, source] of [
    ['station1_1', 'town_routine', 'daily'],
    ['district1', 'district_enforcement', 'comprehensive'],
    ['station1_1', 'expert_diagnosis', 'expert_diagnosis'],
    ['district1', 'alliance_mutual', 'comprehensive'],
    ['grid1_1_1', 'special_campaign', 'specialist'],
  ]) {
    const { hazards: [h] } = await inspect(who, OWN, kind, 'grid_patrol', { 1: { note: kind } });
    assert.equal(h.source, source, kind);
    assert.equal(h.found_by_user_id, user(who).id);
  }
  const { inspection: self, hazards: [h] } = await inspect('ent1_1', OWN, 'self_check', 'grid_patrol', { 4: { note: '自查发现' } });
  assert.equal(self.unit_region_code, null);
  assert.equal(self.inspector_user_id, user('ent1_1').id);
  assert.equal(h.found_by_user_id, user('ent1_1').id);
  assert.equal(h.state, 'reported');
  // The station notifies it like any other.
  assert.equal((await act(h.id, 'notify')).state, 'notified');
});

// ---- who sees what -----------------------------------------------------------------------------

test('another district, another town, the other grid worker and another enterprise see none of it: 404, absent from lists', async () => {
  const { inspection: done, hazards: [found] } = await inspect('station1_1', OWN, 'town_routine', 'grid_patrol', { 0: { note: '越界测试' } });
  const notified = await act(found.id, 'notify');
  const noticeId = notified.notice_id;
  const reported = await newHazard();
  const open = await post('/api/v1/inspections', { enterprise_id: OWN, kind: 'town_routine', checklist_id: checklists.grid_patrol.id }, sessions.station1_1);
  assert.equal(open.status, 201, open.text);
  const watch = { hazards: [found.id, reported.id], inspections: [done.id, open.body.id], notices: true };

  for (const who of ['district2', 'station2_1', 'station1_2', 'grid1_1_2', 'ent1_2']) {
    const s = sessions[who];
    for (const path of [HZ(found.id), HZ(reported.id), IN(done.id), IN(open.body.id), NO(noticeId)]) {
      expectError(await get(path, s), 404, 'not_found', undefined, `${who} GET ${path}`);
    }
    // (grid1_1_2 has hazards of its own in town 1, in the cells it leads.)
    const queries = [`enterprise_id=${OWN}`, `inspection_id=${done.id}`, `notice_id=${noticeId}`,
      who === 'grid1_1_2' ? `region_code=${ownRecord.region_code}` : 'region_code=990102001000'];
    for (const query of queries) {
      assert.equal(await total(`/api/v1/hazards?${query}`, s), 0, `${who} hazards?${query}`);
    }
    assert.equal(await total(`/api/v1/inspections?enterprise_id=${OWN}`, s), 0, `${who} inspections`);
    const hazards = await all('/api/v1/hazards', s);
    const inspections = await all('/api/v1/inspections', s);
    assert.ok(!hazards.some((h) => [found.id, reported.id].includes(h.id)), `${who}: hazards list`);
    assert.ok(!inspections.some((i) => [done.id, open.body.id].includes(i.id)), `${who}: inspections list`);
    if (who === 'district2' || who === 'station2_1') {
      for (const x of [...hazards, ...inspections]) assert.ok(x.region_code.startsWith('990103'), `${who}: ${x.region_code}`);
    }
  }
  // District 2's writes: 404 as if absent, 422 for the references in a body.
  const d2 = sessions.district2;
  for (const action of ACTIONS) {
    for (const h of [found, reported]) {
      await refused(`district2 ${action} on ${h.id}`, () => transition(h.id, action, fieldsFor(action), 'district2'), [404, 'not_found'], watch);
    }
  }
  await refused('district2 saves an inspection', () => patch(IN(open.body.id), { version: 1, summary: '越界' }, d2), [404, 'not_found'], watch);
  await refused('district2 finishes an inspection', () => post(`${IN(open.body.id)}/finish`, { version: 1 }, d2), [404, 'not_found'], watch);
  await refused('district2 issues a notice', () => post('/api/v1/notices', { hazard_ids: [reported.id], ...fieldsFor('notify') }, d2),
    [422, 'hazard_not_found', 'hazard_ids'], watch);
  await refused('district2 inspects', () => post('/api/v1/inspections', { enterprise_id: OWN, kind: 'district_enforcement' }, d2),
    [422, 'enterprise_not_found', 'enterprise_id'], watch);
  await refused('district2 reports', () => post('/api/v1/hazards', { enterprise_id: OWN, description: '越界' }, d2),
    [422, 'enterprise_not_found', 'enterprise_id'], watch);
  await refused('the other enterprise starts', () => transition(found.id, 'start', {}, 'ent1_2'), [404, 'not_found'], watch);

  // Those in scope read all of it.
  for (const who of ['admin', 'city', 'district1', 'station1_1', 'grid1_1_1', 'ent1_1']) {
    for (const path of [HZ(found.id), IN(done.id), NO(noticeId)]) {
      assert.equal((await get(path, sessions[who])).status, 200, `${who} GET ${path}`);
    }
    assert.ok((await all(`/api/v1/hazards?notice_id=${noticeId}`, sessions[who])).some((h) => h.id === found.id), who);
  }
  // The expert reads none of it.
  for (const path of ['/api/v1/hazards', '/api/v1/inspections', HZ(found.id), IN(done.id), NO(noticeId)]) {
    expectError(await get(path, sessions.expert1), 403, 'forbidden', undefined, `expert GET ${path}`);
  }
  for (const path of [NO(999999), NO('abc'), HZ(999999), IN(999999)]) {
    expectError(await get(path), 404, 'not_found', undefined, path);
  }
  for (const path of [HZ(found.id), IN(done.id), NO(noticeId), '/api/v1/hazards', '/api/v1/inspections']) {
    assert.equal((await api(srv.url, 'GET', path)).status, 401, path);
  }
});

test('the notifying unit or one above verifies: another town 404, a unit below the notifier 403, the district and city may', async () => {
  // Notified by station1_1: station1_2 (another town) does not even see it; district1 and city may verify.
  const h = await reach('submitted');
  for (const action of ['verify', 'reject']) {
    await refused(`station1_2 ${action}`, () => transition(h.id, action, fieldsFor(action), 'station1_2'), [404, 'not_found'], { hazards: [h.id] });
    await refused(`district2 ${action}`, () => transition(h.id, action, fieldsFor(action), 'district2'), [404, 'not_found'], { hazards: [h.id] });
  }
  assert.equal((await act(h.id, 'verify', fieldsFor('verify'), 'district1')).state, 'verified');
  const h2 = await reach('submitted');
  assert.equal((await act(h2.id, 'reject', fieldsFor('reject'), 'city')).state, 'rejected');

  // Notified by the district bureau: the town's station is below it and may not verify, reject or extend.
  const byDistrict = await newHazard();
  const notified = await act(byDistrict.id, 'notify', fieldsFor('notify'), 'district1');
  assert.equal(notified.notified_unit_region_code, '990102000000');
  await refused('station1_1 extends the district\'s notice', () => transition(byDistrict.id, 'extend', fieldsFor('extend'), 'station1_1'),
    [403, 'hazard_action_forbidden'], { hazards: [byDistrict.id] });
  await act(byDistrict.id, 'start');
  await act(byDistrict.id, 'submit');
  for (const action of ['verify', 'reject']) {
    await refused(`station1_1 ${action} on the district's notice`, () => transition(byDistrict.id, action, fieldsFor(action), 'station1_1'),
      [403, 'hazard_action_forbidden'], { hazards: [byDistrict.id] });
  }
  const verified = await act(byDistrict.id, 'verify', fieldsFor('verify'), 'district1');
  assert.equal(verified.state, 'verified');
  assert.equal(verified.timeline.at(-1).actor_user_id, user('district1').id);
});

// ---- messages ----------------------------------------------------------------------------------

test('Accept-Language: en gives English messages; zh-CN is the default', async () => {
  const h = await reach('notified');
  const inc = await post('/api/v1/inspections', { enterprise_id: OWN, kind: 'grid_patrol', checklist_id: checklists.grid_patrol.id }, sessions.grid1_1_1);
  const neighbour = await newHazard({ enterprise_id: NEIGHBOUR });
  const reported = await newHazard();
  const cases = [
    ['illegal_transition', (headers) => transition(h.id, 'notify', fieldsFor('notify'), 'station1_1', undefined, headers)],
    ['hazard_action_forbidden', (headers) => transition(h.id, 'start', {}, 'station1_1', undefined, headers)],
    ['stale_version', (headers) => transition(h.id, 'start', {}, 'ent1_1', 99, headers)],
    ['required', (headers) => transition(h.id, 'extend', { deadline: chinaDate(30) }, 'station1_1', undefined, headers)],
    ['deadline_in_past', (headers) => transition(h.id, 'extend', { deadline: chinaDate(-1), reason: 'x' }, 'station1_1', undefined, headers)],
    ['extension_not_later', (headers) => transition(h.id, 'extend', { deadline: chinaDate(3), reason: 'x' }, 'station1_1', undefined, headers)],
    ['invalid_hazard_action', (headers) => transition(h.id, 'approve', {}, 'station1_1', undefined, headers)],
    ['not_found', (headers) => transition(h.id, 'start', {}, 'district2', undefined, headers)],
    ['inspection_incomplete', (headers) => api(srv.url, 'POST', `${IN(inc.body.id)}/finish`, { as: sessions.grid1_1_1, body: { version: 1 }, headers })],
    ['inspection_kind_forbidden', (headers) => api(srv.url, 'POST', '/api/v1/inspections', { as: sessions.grid1_1_1, body: { enterprise_id: OWN, kind: 'town_routine' }, headers })],
    ['notice_mixed_enterprises', (headers) => api(srv.url, 'POST', '/api/v1/notices', { as: sessions.station1_1, body: { hazard_ids: [reported.id, neighbour.id], ...fieldsFor('notify') }, headers })],
    ['hazard_not_found', (headers) => api(srv.url, 'POST', '/api/v1/notices', { as: sessions.station1_1, body: { hazard_ids: [999999], ...fieldsFor('notify') }, headers })],
  ];
  for (const [code, request] of cases) {
    const zh = await request({});
    const en = await request({ 'Accept-Language': 'en' });
    const zhExplicit = await request({ 'Accept-Language': 'zh-CN' });
    assert.equal(zh.body.error?.code, code, zh.text);
    assert.equal(en.body.error?.code, code, en.text);
    assert.match(zh.body.error.message, /[\u4e00-\u9fff]/, `${code}: Chinese by default: ${zh.text}`);
    assert.equal(zhExplicit.body.error.message, zh.body.error.message);
    assert.doesNotMatch(en.body.error.message, /[\u4e00-\u9fff]/, `${code}: English: ${en.text}`);
    assert.match(en.body.error.message, /[a-z]{3}/, `${code}: English: ${en.text}`);
    assert.notEqual(en.body.error.message, code, `${code}: a message, not the code`);
  }
});

// ---- findings reported to the author (see the report) ----------------------------------------------

test('the timeline records what an action took, not fields the action does not take', async () => {
  // A field the action does not take is either refused (422 unknown_field) or at least not
  // recorded as if the action had taken it.
  const h = await reach('notified');
  const r = await transition(h.id, 'start', { deadline: '2099-12-31', reason: '企业自行延期' }, 'ent1_1');
  if (r.status === 422) {
    assert.equal(r.body.error.code, 'unknown_field', r.text);
    assert.equal((await hazard(h.id)).state, 'notified');
  } else {
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.deadline, chinaDate(10), 'the deadline did not move');
    assert.deepEqual(r.body.timeline.at(-1).details, {}, `the start recorded ${JSON.stringify(r.body.timeline.at(-1).details)}`);
  }
});

test('an inspection\'s position keeps the precision it was given (like an enterprise\'s)', async () => {
  // GPS positions have six decimals (about 0.1 m); the enterprise registry keeps them exactly.
  const started = await post('/api/v1/inspections', { enterprise_id: OWN, kind: 'grid_patrol', longitude: 118.273312, latitude: 28.478321 },
    sessions.grid1_1_1);
  assert.equal(started.status, 201, started.text);
  assert.deepEqual([started.body.longitude, started.body.latitude], [118.273312, 28.478321], 'as started');
  const moved = await patch(IN(started.body.id), { version: 1, longitude: 118.123456, latitude: 26.654321 }, sessions.grid1_1_1);
  assert.equal(moved.status, 200, moved.text);
  assert.deepEqual([moved.body.longitude, moved.body.latitude], [118.123456, 26.654321], 'as saved');
  const read = await inspection(started.body.id);
  assert.deepEqual([read.longitude, read.latitude], [118.123456, 26.654321], 'read back');
});

test('the expert, who reads no hazard, is refused hazard and notice writes with 403 like its reads', async () => {
  const h = await newHazard();
  await refused('expert transition', () => transition(h.id, 'notify', fieldsFor('notify'), 'expert1'), [403],
    { hazards: [h.id], notices: true });
  await refused('expert notice', () => post('/api/v1/notices', { hazard_ids: [h.id], ...fieldsFor('notify') }, sessions.expert1),
    [403], { hazards: [h.id], notices: true });
});

// Inspection plans, /api/v1/inspection-plans: a station plans the grid patrol of a village, each
// enterprise goes to its grid worker, who finds it among its tasks; a finished inspection of the
// plan's kind within its days counts (another kind, or a plan not yet begun, does not); who sees
// and changes which plans; every refused write leaves the plans as they were.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const sessions = {};
for (const name of ['admin', 'city', 'district1', 'district2', 'station1_1', 'station1_2', 'ent1_1', 'expert1']) {
  sessions[name] = await login(srv.url, name);
}
const { admin } = sessions;
const get = (path, as = admin) => api(srv.url, 'GET', path, { as });
const post = (path, body, as = admin) => api(srv.url, 'POST', path, { as, body });
const patch = (path, body, as = admin) => api(srv.url, 'PATCH', path, { as, body });

function chinaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}
const TODAY = chinaDate();
function expectError(r, status, code, field, label = '') {
  assert.equal(r.status, status, `${label}: ${r.text}`);
  assert.equal(r.body.error?.code, code, `${label}: ${r.text}`);
  if (field !== undefined) assert.equal(r.body.error?.field, field, `${label}: ${r.text}`);
  assert.ok(r.body.error?.message, `${label}: a message`);
}
async function all(path, as = admin) {
  const out = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 1; ; page += 1) {
    const r = await get(`${path}${sep}page_size=200&page=${page}`, as);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    out.push(...r.body.items);
    if (out.length >= r.body.total || r.body.items.length === 0) return out;
  }
}
const PLAN_FIELDS = ['id', 'name', 'kind', 'unit_region_code', 'starts_on', 'due_on', 'note', 'created_by_user_id',
  'created_by_name', 'created_at', 'updated_at', 'version', 'target_count', 'done_count'];
const TARGET_FIELDS = ['plan_id', 'plan_name', 'kind', 'starts_on', 'due_on', 'enterprise_id', 'enterprise_name',
  'region_code', 'assignee_user_id', 'assignee_name', 'inspection_id', 'finished_at', 'status'];
const plans = async () => srv.sql('SELECT COUNT(*) FROM inspection_plans') + '/' +
  await srv.sql('SELECT COUNT(*) FROM inspection_plan_targets');

const me = (await get('/api/v1/me', sessions.ent1_1)).body.user;
const OWN = me.enterprise_id;
const VILLAGE = (await get(`/api/v1/enterprises/${OWN}`)).body.region_code;
const villageOperating = await all(`/api/v1/enterprises?region_code=${VILLAGE}&status=operating&sort=id`);
const D2 = (await get('/api/v1/enterprises?region_code=990103001001&sort=id&page_size=1')).body.items[0].id;
// Each enterprise's grid worker: the leader of its grid cell.
const leaderOf = {};
for (const e of villageOperating) {
  const record = (await get(`/api/v1/enterprises/${e.id}`)).body;
  leaderOf[e.id] = record.grid_cell_id ? (await get(`/api/v1/grids/${record.grid_cell_id}`)).body.responsible_user_id : null;
}
const users = await all('/api/v1/users');
const username = (id) => users.find((u) => u.id === id)?.username;

async function inspectAll(who, enterpriseId, kind) {
  const checklists = (await get(`/api/v1/checklists?enterprise_id=${enterpriseId}&page_size=200`, who)).body.items;
  const checklist = checklists.find((c) => c.code === 'grid_patrol') ?? checklists[0];
  const started = await post('/api/v1/inspections', { enterprise_id: enterpriseId, kind, checklist_id: checklist.id }, who);
  assert.equal(started.status, 201, started.text);
  const results = started.body.items.map((item) => ({ item_id: item.id, result: 'conforming' }));
  const saved = await patch(`/api/v1/inspections/${started.body.id}`, { version: 1, results }, who);
  assert.equal(saved.status, 200, saved.text);
  const done = await post(`/api/v1/inspections/${started.body.id}/finish`, { version: saved.body.version }, who);
  assert.equal(done.status, 200, done.text);
  return done.body;
}

test('a station plans a village\'s grid patrol; each grid worker finds its enterprises among its tasks and finishing one counts', async () => {
  assert.ok(villageOperating.length >= 2, 'a village with enterprises');
  const station = sessions.station1_1;
  const created = await post('/api/v1/inspection-plans', { name: '本月网格巡查', kind: 'grid_patrol', starts_on: TODAY,
    due_on: chinaDate(20), note: '重点查看消防通道', filter: { region_code: VILLAGE } }, station);
  assert.equal(created.status, 201, created.text);
  const plan = created.body;
  const { targets, ...header } = plan;
  assert.deepEqual(Object.keys(header).sort(), [...PLAN_FIELDS].sort());
  assert.equal(plan.unit_region_code, station.user.region_code);
  assert.equal(plan.created_by_name, station.user.name);
  assert.deepEqual([plan.target_count, plan.done_count], [villageOperating.length, 0]);
  assert.deepEqual(targets.map((t) => t.enterprise_id).sort((a, b) => a - b), villageOperating.map((e) => e.id));
  for (const t of targets) {
    assert.deepEqual(Object.keys(t).sort(), [...TARGET_FIELDS].sort());
    assert.equal(t.assignee_user_id, leaderOf[t.enterprise_id], `enterprise ${t.enterprise_id}: its grid worker`);
    assert.equal(t.status, 'pending');
    assert.equal(t.inspection_id, null);
  }

  // The grid worker of the first target: its tasks and the plan, with its own targets only.
  const first = targets.find((t) => t.assignee_user_id !== null);
  assert.ok(first, 'the demo grid has leaders');
  const worker = await login(srv.url, username(first.assignee_user_id));
  const mine = targets.filter((t) => t.assignee_user_id === first.assignee_user_id).map((t) => t.enterprise_id);
  let tasks = await all('/api/v1/inspection-plans/tasks', worker);
  assert.deepEqual(tasks.filter((t) => t.plan_id === plan.id).map((t) => t.enterprise_id).sort((a, b) => a - b),
    [...mine].sort((a, b) => a - b));
  assert.ok((await all('/api/v1/inspection-plans', worker)).some((p) => p.id === plan.id));

  const inspection = await inspectAll(worker, first.enterprise_id, 'grid_patrol');
  const after = (await get(`/api/v1/inspection-plans/${plan.id}`, station)).body;
  assert.equal(after.done_count, 1);
  const target = after.targets.find((t) => t.enterprise_id === first.enterprise_id);
  assert.deepEqual([target.status, target.inspection_id, target.finished_at], ['done', inspection.id, inspection.finished_at]);
  tasks = await all('/api/v1/inspection-plans/tasks', worker);
  assert.ok(!tasks.some((t) => t.plan_id === plan.id && t.enterprise_id === first.enterprise_id), 'done: no longer a task');

  // Another kind of inspection of another target does not count for a grid patrol plan.
  const other = targets.find((t) => t.enterprise_id !== first.enterprise_id);
  await inspectAll(station, other.enterprise_id, 'town_routine');
  assert.equal((await get(`/api/v1/inspection-plans/${plan.id}`, station)).body.done_count, 1);

  // Who sees it: the planning unit and the units above; not another town or district, nor
  // enterprises and experts.
  for (const who of ['station1_1', 'district1', 'city', 'admin']) {
    const r = await get(`/api/v1/inspection-plans/${plan.id}`, sessions[who]);
    assert.equal(r.status, 200, who);
    assert.equal(r.body.target_count, villageOperating.length, who);
  }
  for (const who of ['station1_2', 'district2']) {
    assert.equal((await get(`/api/v1/inspection-plans/${plan.id}`, sessions[who])).status, 404, who);
    assert.ok(!(await all('/api/v1/inspection-plans', sessions[who])).some((p) => p.id === plan.id), who);
  }
  for (const who of ['ent1_1', 'expert1']) {
    expectError(await get('/api/v1/inspection-plans', sessions[who]), 403, 'forbidden', undefined, who);
    expectError(await get(`/api/v1/inspection-plans/${plan.id}`, sessions[who]), 403, 'forbidden', undefined, who);
  }

  // Changes: by the unit or above, with the version; the district moves the due day.
  const moved = await patch(`/api/v1/inspection-plans/${plan.id}`, { version: plan.version, due_on: chinaDate(30) },
    sessions.district1);
  assert.equal(moved.status, 200, moved.text);
  assert.deepEqual([moved.body.due_on, moved.body.version, moved.body.done_count], [chinaDate(30), plan.version + 1, 1]);
  const before = (await get(`/api/v1/inspection-plans/${plan.id}`)).text;
  expectError(await patch(`/api/v1/inspection-plans/${plan.id}`, { version: plan.version, name: 'x' }, station),
    409, 'stale_version', 'version');
  expectError(await patch(`/api/v1/inspection-plans/${plan.id}`, { version: moved.body.version, due_on: chinaDate(-1) }, station),
    422, 'due_before_start', 'due_on');
  expectError(await patch(`/api/v1/inspection-plans/${plan.id}`, { version: moved.body.version, starts_on: TODAY }, station),
    422, 'unknown_field', 'starts_on');
  expectError(await patch(`/api/v1/inspection-plans/${plan.id}`, { version: moved.body.version, name: 'x' }, worker),
    403, 'forbidden', undefined, 'a grid worker does not plan');
  expectError(await patch(`/api/v1/inspection-plans/${plan.id}`, { version: moved.body.version, name: 'x' }, sessions.station1_2),
    404, 'not_found');
  assert.equal((await get(`/api/v1/inspection-plans/${plan.id}`)).text, before, 'refused changes changed nothing');
});

test('a plan not yet begun counts nothing and gives no task; named enterprises and one assignee', async () => {
  const station = sessions.station1_1;
  const created = await post('/api/v1/inspection-plans', { name: '下月日常检查', kind: 'town_routine',
    starts_on: chinaDate(3), due_on: chinaDate(40), enterprise_ids: [OWN, OWN], assignee_user_id: station.user.id }, station);
  assert.equal(created.status, 201, created.text);
  assert.deepEqual(created.body.targets.map((t) => [t.enterprise_id, t.assignee_user_id, t.assignee_name]),
    [[OWN, station.user.id, station.user.name]], 'named twice, planned once');
  await inspectAll(station, OWN, 'town_routine');
  const read = (await get(`/api/v1/inspection-plans/${created.body.id}`, station)).body;
  assert.deepEqual([read.done_count, read.targets[0].status], [0, 'pending'], 'today is before its days');
  const tasks = await all('/api/v1/inspection-plans/tasks', station);
  assert.ok(!tasks.some((t) => t.plan_id === created.body.id), 'not begun: not a task yet');
  // Without an assignee a routine inspection is the unit's, not a person's.
  const unit = await post('/api/v1/inspection-plans', { name: '本周抽查', kind: 'town_routine', starts_on: TODAY,
    due_on: chinaDate(7), enterprise_ids: [OWN] }, station);
  assert.equal(unit.status, 201, unit.text);
  assert.deepEqual([unit.body.targets[0].assignee_user_id, unit.body.targets[0].assignee_name], [null, '']);
  assert.equal(unit.body.done_count, 1, 'the routine inspection of today counts');
  assert.equal(unit.body.targets[0].status, 'done');
  const listed = await all('/api/v1/inspection-plans?status=open', station);
  assert.ok(listed.some((p) => p.id === unit.body.id));
  assert.ok(!(await all('/api/v1/inspection-plans?status=past', station)).some((p) => p.id === unit.body.id));
});

test('plans refused for their fields, targets, assignee and role leave nothing behind', async () => {
  const station = sessions.station1_1;
  const base = { name: '计划', kind: 'grid_patrol', starts_on: TODAY, due_on: chinaDate(10), enterprise_ids: [OWN] };
  const district2Officer = (await all('/api/v1/users')).find((u) => u.role === 'station' && u.region_code?.startsWith('990103'));
  const cases = [
    ['no name', { ...base, name: '' }, 422, 'invalid_text_length', 'name'],
    ['a self-check', { ...base, kind: 'self_check' }, 422, 'invalid_inspection_kind', 'kind'],
    ['due before start', { ...base, starts_on: chinaDate(5), due_on: chinaDate(4) }, 422, 'due_before_start', 'due_on'],
    ['due in the past', { ...base, starts_on: chinaDate(-10), due_on: chinaDate(-1) }, 422, 'due_in_past', 'due_on'],
    ['longer than a year', { ...base, due_on: chinaDate(400) }, 422, 'plan_too_long', 'due_on'],
    ['a bad day', { ...base, starts_on: '2026-13-01' }, 422, 'invalid_date', 'starts_on'],
    ['both ids and a filter', { ...base, filter: { region_code: VILLAGE } }, 422, 'invalid_plan_targets', 'enterprise_ids'],
    ['neither', { ...base, enterprise_ids: undefined }, 422, 'invalid_plan_targets', 'enterprise_ids'],
    ['no enterprise', { ...base, enterprise_ids: [] }, 422, 'invalid_plan_targets', 'enterprise_ids'],
    ['another district\'s enterprise', { ...base, enterprise_ids: [OWN, D2] }, 422, 'enterprise_not_found', 'enterprise_ids'],
    ['a filter finding nothing', { ...base, enterprise_ids: undefined, filter: { region_code: '990103001001' } }, 422,
      'invalid_plan_targets', 'filter'],
    ['a bad filter region', { ...base, enterprise_ids: undefined, filter: { region_code: '12' } }, 422, 'invalid_region_code',
      'filter.region_code'],
    ['an unknown filter field', { ...base, enterprise_ids: undefined, filter: { colour: 'red' } }, 422, 'unknown_field',
      'filter.colour'],
    ['an assignee of another district', { ...base, assignee_user_id: district2Officer.id }, 422, 'invalid_assignee',
      'assignee_user_id'],
    ['an assignee who does not patrol', { ...base, assignee_user_id: sessions.district1.user.id }, 422, 'invalid_assignee',
      'assignee_user_id'],
  ];
  for (const [label, body, status, code, field] of cases) {
    const before = await plans();
    expectError(await post('/api/v1/inspection-plans', body, station), status, code, field, label);
    assert.equal(await plans(), before, `${label}: nothing written`);
  }
  for (const who of ['admin', 'ent1_1', 'expert1']) {
    const before = await plans();
    expectError(await post('/api/v1/inspection-plans', base, sessions[who]), 403, 'forbidden', undefined, who);
    assert.equal(await plans(), before, who);
  }
  expectError(await get('/api/v1/inspection-plans?status=someday', station), 422, 'invalid_plan_status', 'status');
  assert.equal((await get('/api/v1/inspection-plans/999999', station)).status, 404);
});

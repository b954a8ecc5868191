// In-app notifications (/notifications): who is told what as a hazard goes round the loop, the
// daily reminders of `anjian jobs run` (deadline within three days, overdue) added once however
// often the job runs, read marks per account, and nobody else's notifications visible.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const sessions = {};
for (const name of ['city', 'district1', 'district2', 'station1_1', 'station1_2', 'ent1_1', 'ent1_2', 'grid1_1_1']) {
  sessions[name] = await login(srv.url, name);
}
const get = (path, as) => api(srv.url, 'GET', path, { as });
const post = (path, body, as) => api(srv.url, 'POST', path, { as, body });
const chinaDate = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
const OWN = sessions.ent1_1.user.enterprise_id;

async function notifications(as, query = '') {
  const r = await get(`/api/v1/notifications?page_size=200${query}`, as);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
const about = async (as, hazardId) => (await notifications(as)).items.filter((n) => n.hazard_id === hazardId);
const kinds = async (as, hazardId) => (await about(as, hazardId)).map((n) => n.kind).sort();

async function act(id, action, fields, as) {
  const current = await get(`/api/v1/hazards/${id}`, as);
  const r = await post(`/api/v1/hazards/${id}/transitions`, { action, version: current.body.version, ...fields }, as);
  assert.equal(r.status, 200, `${action}: ${r.text}`);
  return r.body;
}
async function newHazard(level = 'general') {
  const r = await post('/api/v1/hazards', { enterprise_id: OWN, description: `测试隐患 ${Math.random()}`, level },
    sessions.station1_1);
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}
async function runJobs() {
  const r = await srv.cli(['jobs', 'run']);
  assert.equal(r.code, 0, r.stderr);
}

test('who is told what along the loop, and nobody else', async () => {
  const id = await newHazard('major');
  assert.deepEqual(await kinds(sessions.district1, id), ['major_listed'], 'the district bureau');
  assert.deepEqual(await kinds(sessions.city, id), ['major_listed'], 'the city sees its districts');
  assert.deepEqual(await kinds(sessions.ent1_1, id), []);
  await act(id, 'notify', { deadline: chinaDate(20), responsible_person: '赵勇', measures: '加装泄爆装置' },
    sessions.station1_1);
  const [issued] = await about(sessions.ent1_1, id);
  assert.equal(issued.kind, 'notice_issued');
  assert.match(issued.params.notice_number, /安监整改〔\d{4}〕\d{3}号$/);
  assert.equal(issued.params.deadline, chinaDate(20));
  assert.equal(issued.read, false);
  await act(id, 'start', {}, sessions.ent1_1);
  await act(id, 'submit', { method: '已加装', completed_on: chinaDate() }, sessions.ent1_1);
  assert.deepEqual(await kinds(sessions.station1_1, id), ['submitted'], 'the notifying station');
  for (const name of ['district2', 'station1_2', 'ent1_2', 'grid1_1_1']) {
    assert.deepEqual(await kinds(sessions[name], id), [], name);
  }
});

test('read marks are each account\'s own; another unit\'s notification is 404', async () => {
  const id = await newHazard();
  await act(id, 'notify', { deadline: chinaDate(5), responsible_person: '赵勇', measures: '整改' }, sessions.station1_1);
  const before = await notifications(sessions.ent1_1);
  assert.ok(before.unread >= 1);
  assert.equal((await notifications(sessions.ent1_1, '&unread=true')).total, before.unread);
  const [n] = await about(sessions.ent1_1, id);
  const read = await post(`/api/v1/notifications/${n.id}/read`, undefined, sessions.ent1_1);
  assert.equal(read.status, 200, read.text);
  assert.equal(read.body.marked, 1);
  const again = await post(`/api/v1/notifications/${n.id}/read`, undefined, sessions.ent1_1);
  assert.equal(again.body.marked, 0, 'already read is fine');
  assert.equal((await notifications(sessions.ent1_1)).unread, before.unread - 1);
  assert.equal((await about(sessions.ent1_1, id))[0].read, true);
  const stranger = await post(`/api/v1/notifications/${n.id}/read`, undefined, sessions.ent1_2);
  assert.equal(stranger.status, 404, stranger.text);
  const all = await post('/api/v1/notifications/read-all', undefined, sessions.ent1_1);
  assert.equal(all.body.marked, before.unread - 1);
  assert.equal((await notifications(sessions.ent1_1)).unread, 0);
  const bad = await get('/api/v1/notifications?unread=yes', sessions.ent1_1);
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.field, 'unread');
});

test('the daily job reminds of deadlines within three days and of overdue ones, once', async () => {
  const soon = await newHazard();
  await act(soon, 'notify', { deadline: chinaDate(3), responsible_person: '赵勇', measures: '整改' },
    sessions.station1_1);
  const later = await newHazard();
  await act(later, 'notify', { deadline: chinaDate(4), responsible_person: '赵勇', measures: '整改' },
    sessions.station1_1);
  await runJobs();
  assert.deepEqual(await kinds(sessions.ent1_1, soon), ['deadline_soon', 'notice_issued']);
  assert.deepEqual(await kinds(sessions.ent1_1, later), ['notice_issued'], 'four days away: not yet');
  await runJobs();
  assert.deepEqual(await kinds(sessions.ent1_1, soon), ['deadline_soon', 'notice_issued'], 'once');

  // The deadline passes (moved back in the database, as a day passing would).
  await srv.sql(`UPDATE hazards SET deadline = '${chinaDate(-1)}' WHERE id = ${soon}`);
  await runJobs();
  await runJobs();
  assert.deepEqual(await kinds(sessions.ent1_1, soon), ['deadline_soon', 'notice_issued', 'overdue']);
  assert.deepEqual(await kinds(sessions.station1_1, soon), ['overdue'], 'the notifying station too');
  // A verified hazard is not reminded of.
  const done = await newHazard();
  await act(done, 'notify', { deadline: chinaDate(2), responsible_person: '赵勇', measures: '整改' },
    sessions.station1_1);
  await act(done, 'start', {}, sessions.ent1_1);
  await act(done, 'submit', { method: '已整改', completed_on: chinaDate() }, sessions.ent1_1);
  await act(done, 'verify', { result: '合格' }, sessions.station1_1);
  await runJobs();
  assert.deepEqual(await kinds(sessions.ent1_1, done), ['notice_issued']);
});

// Progressive management (/api/v1/watchlist): an enterprise climbs key attention → yellow card →
// one-vote veto one step at a time (a skip needs a reason), with interviews; a district watches a
// town, the city a district department; who reads which ladder; refusals change nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const sessions = {};
for (const name of ['admin', 'city', 'district1', 'district2', 'station1_1', 'station1_2', 'grid1_1_1', 'ent1_1', 'expert1']) {
  sessions[name] = await login(srv.url, name);
}
const get = (path, as) => api(srv.url, 'GET', path, { as });
const post = (path, body, as) => api(srv.url, 'POST', path, { as, body });
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
function expectError(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.body.error?.code, code, r.text);
  if (field !== undefined) assert.equal(r.body.error?.field, field, r.text);
}
const count = () => srv.sql("SELECT (SELECT COUNT(*) FROM watchlist_entries) || ',' || (SELECT COUNT(*) FROM watchlist_interviews) || ',' || (SELECT SUM(version) FROM watchlist_entries)");

test('an enterprise climbs the ladder one step at a time, with an interview; its page shows the ladder', async () => {
  const me = await get('/api/v1/me', sessions.ent1_1);
  const own = me.body.user?.enterprise_id ?? me.body.enterprise_id;
  const subject = `/api/v1/watchlist/subject?subject_kind=enterprise&enterprise_id=${own}`;
  const before = (await get(subject, sessions.district1)).body;
  const latest = before.entry;
  const entry = { subject_kind: 'enterprise', enterprise_id: own, reason: '连续两次检查发现重大事故隐患' };
  // Wherever the demo left it, the next step is one up; lift it first when it is at the top.
  if (latest?.status === 'active' && latest.level === 'veto') {
    assert.equal((await post(`/api/v1/watchlist/${latest.id}/lift`, { version: latest.version, reason: '整改完成' }, sessions.district1)).status, 200);
  }
  const current = (await get(subject, sessions.district1)).body.entry;
  const start = current?.status === 'active' ? { attention: 'yellow_card', yellow_card: 'veto' }[current.level] : 'attention';
  const made = await post('/api/v1/watchlist', { ...entry, level: start }, sessions.district1);
  assert.equal(made.status, 201, made.text);
  assert.equal(made.body.entry.level, start);
  assert.equal(made.body.entry.status, 'active');
  if (start !== 'veto') {
    const next = { attention: 'yellow_card', yellow_card: 'veto' }[start];
    const skipTo = 'veto';
    if (next !== skipTo) expectError(await post('/api/v1/watchlist', { ...entry, level: skipTo }, sessions.district1), 422, 'skip_reason_required', 'skip_reason');
    expectError(await post('/api/v1/watchlist', { ...entry, level: start }, sessions.district1), 409, 'not_an_escalation', 'level');
    const up = await post('/api/v1/watchlist', { ...entry, level: next }, sessions.district1);
    assert.equal(up.status, 201, up.text);
    assert.equal(up.body.ladder.at(-2).status, 'escalated');
  }
  const top = (await get(subject, sessions.district1)).body.entry;
  const talked = await post(`/api/v1/watchlist/${top.id}/interviews`, {
    held_on: TODAY, attendees: '区应急管理局 李明；企业主要负责人 王强', minutes: '通报隐患整改情况，提出限期整改要求', followup: '15 日内报送整改报告',
  }, sessions.district1);
  assert.equal(talked.status, 201, talked.text);
  assert.ok(talked.body.interviews.some((i) => i.held_on === TODAY && i.followup === '15 日内报送整改报告'));
  // The enterprise and its town's station read the ladder; another district does not see it.
  const mine = await get(subject, sessions.ent1_1);
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.body.ladder.length >= 1);
  assert.equal((await get(`/api/v1/watchlist/${top.id}`, sessions.station1_1)).status, 200);
  expectError(await get(`/api/v1/watchlist/${top.id}`, sessions.district2), 404, 'not_found');
  expectError(await get(`/api/v1/watchlist/${top.id}`, sessions.station1_2), 404, 'not_found');
  const listed = await get('/api/v1/watchlist?status=active&page_size=200', sessions.district1);
  assert.ok(listed.body.items.every((e) => e.region_code.startsWith('990102')));
  assert.ok(listed.body.items.some((e) => e.id === top.id));
});

test('a district watches its town, the city a district department; refusals change nothing', async () => {
  const before = await count();
  for (const [body, as, status, code, field] of [
    [{ subject_kind: 'region', region_code: '990102000000', level: 'attention', reason: '事故多发' }, sessions.district1, 422, 'own_region', 'region_code'],
    [{ subject_kind: 'region', region_code: '990103001000', level: 'attention', reason: '越界' }, sessions.district1, 422, 'region_not_found', 'region_code'],
    [{ subject_kind: 'region', region_code: '990102001000', level: 'attention', reason: '事故多发' }, sessions.station1_1, 403, 'forbidden'],
    [{ subject_kind: 'region', region_code: '990102001000', level: 'attention', reason: '' }, sessions.district1, 422, 'required', 'reason'],
    [{ subject_kind: 'person', region_code: '990102001000', level: 'attention', reason: 'x' }, sessions.district1, 422, 'invalid_watch_subject', 'subject_kind'],
    [{ subject_kind: 'region', region_code: '990102001000', level: 'red', reason: 'x' }, sessions.district1, 422, 'invalid_watch_level', 'level'],
    [{ subject_kind: 'department', region_code: '990102000000', level: 'attention', reason: 'x' }, sessions.city, 422, 'required', 'department'],
    [{ subject_kind: 'enterprise', region_code: '990102001000', level: 'attention', reason: 'x' }, sessions.district1, 422, 'required', 'enterprise_id'],
  ]) {
    expectError(await post('/api/v1/watchlist', body, as), status, code, field);
  }
  assert.equal(await count(), before);
  const town = await post('/api/v1/watchlist', { subject_kind: 'region', region_code: '990102004000', level: 'attention', reason: '辖区一月内发生两起事故' }, sessions.district1);
  assert.equal(town.status, 201, town.text);
  assert.equal(town.body.entry.subject_kind, 'region');
  const dept = await post('/api/v1/watchlist', { subject_kind: 'department', region_code: '990102000000', department: '住房和城乡建设局', level: 'yellow_card', skip_reason: '发生较大事故', reason: '建筑施工监管责任落实不到位' }, sessions.city);
  assert.equal(dept.status, 201, dept.text);
  assert.match(dept.body.entry.subject_name, /住房和城乡建设局$/);
  // The district reads the ladder the city keeps on its department.
  const seen = await get(`/api/v1/watchlist/subject?subject_kind=department&region_code=990102000000&department=${encodeURIComponent('住房和城乡建设局')}`, sessions.district1);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.body.entry.level, 'yellow_card');
  const lifted = await post(`/api/v1/watchlist/${town.body.entry.id}/lift`, { version: town.body.entry.version, reason: '连续三个月无事故' }, sessions.district1);
  assert.equal(lifted.status, 200, lifted.text);
  expectError(await post(`/api/v1/watchlist/${town.body.entry.id}/lift`, { version: lifted.body.entry.version, reason: '再次' }, sessions.district1), 409, 'watch_not_active');
  expectError(await post(`/api/v1/watchlist/${dept.body.entry.id}/interviews`, { held_on: '2099-01-01', attendees: 'x', minutes: 'y' }, sessions.city), 422, 'invalid_date', 'held_on');
  expectError(await get('/api/v1/watchlist', sessions.grid1_1_1), 403, 'forbidden');
  expectError(await get('/api/v1/watchlist', sessions.expert1), 403, 'forbidden');
  const theirs = await get('/api/v1/watchlist?page_size=200', sessions.ent1_1);
  assert.ok(theirs.body.items.every((e) => e.subject_kind === 'enterprise'));
});

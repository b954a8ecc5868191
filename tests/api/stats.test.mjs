// The dashboard's figures (/stats/overview) and the quarter's coverage (/stats/coverage/missing):
// each figure checked against the lists it summarises on the demo city, a controlled change moving
// exactly the figures it should, the period's validation, and scope.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const sessions = {};
for (const name of ['admin', 'city', 'district1', 'district2', 'station1_1', 'grid1_1_1', 'ent1_1', 'expert1']) {
  sessions[name] = await login(srv.url, name);
}
const get = (path, as) => api(srv.url, 'GET', path, { as });
const post = (path, body, as) => api(srv.url, 'POST', path, { as, body });
const total = async (path, as) => {
  const r = await get(path, as);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body.total;
};
const chinaDate = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
const TODAY = chinaDate();
const DISTRICT1 = '990102000000';
const TOWN1 = '990102001000';

function quarterOf(date) {
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const year = date.slice(0, 4);
  return {
    label: `${year}Q${q + 1}`,
    first: `${year}-${['01-01', '04-01', '07-01', '10-01'][q]}`,
    last: `${year}-${['03-31', '06-30', '09-30', '12-31'][q]}`,
  };
}

async function overview(as, query = '') {
  const r = await get(`/api/v1/stats/overview${query}`, as);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

test('each figure agrees with the lists it summarises, for every kind of caller', async () => {
  for (const name of ['admin', 'city', 'district1', 'station1_1', 'grid1_1_1', 'ent1_1']) {
    const as = sessions[name];
    const o = await overview(as);
    assert.equal(o.from, `${TODAY.slice(0, 4)}-01-01`, name);
    assert.equal(o.to, TODAY, name);
    assert.equal(o.today, TODAY, name);
    assert.equal(o.hazards.open, await total('/api/v1/hazards?state=open&page_size=1', as), `${name} open`);
    assert.equal(o.hazards.overdue, await total('/api/v1/hazards?overdue=true&page_size=1', as), `${name} overdue`);
    assert.equal(o.hazards.major_listed, await total('/api/v1/hazards?listed=true&page_size=1', as), `${name} listed`);
    const byState = Object.values(o.hazards.by_state).reduce((a, b) => a + b, 0);
    assert.equal(byState, await total('/api/v1/hazards?page_size=1', as), `${name} by state`);
    for (const [state, count] of Object.entries(o.hazards.by_state)) {
      assert.equal(count, await total(`/api/v1/hazards?state=${state}&page_size=1`, as), `${name} ${state}`);
    }
    assert.equal(o.inspections,
      await total(`/api/v1/inspections?status=finished&from=${o.from}&to=${o.to}&page_size=1`, as), `${name} inspections`);
    assert.ok(o.hazards.verified_on_time <= o.hazards.due, name);
    if (o.hazards.due > 0) {
      assert.equal(o.hazards.on_time_rate, Math.round((o.hazards.verified_on_time * 1000) / o.hazards.due) / 10, name);
    } else {
      assert.equal(o.hazards.on_time_rate, null, name);
    }
    const q = quarterOf(TODAY);
    assert.deepEqual([o.coverage.quarter, o.coverage.first, o.coverage.last], [q.label, q.first, q.last], name);
    assert.ok(o.coverage.inspected <= o.coverage.enterprises, name);
    const missing = await get('/api/v1/stats/coverage/missing?page_size=1', as);
    assert.equal(missing.status, 200, missing.text);
    assert.equal(missing.body.total, o.coverage.enterprises - o.coverage.inspected, `${name} missing`);
    assert.equal(missing.body.quarter, q.label);
    const months = o.by_month.reduce((a, m) => a + m.found, 0);
    assert.equal(months, o.hazards.found, `${name} months`);
    const verifiedMonths = o.by_month.reduce((a, m) => a + m.verified, 0);
    assert.equal(verifiedMonths, o.hazards.verified, `${name} verified months`);
    if (o.by_region.length > 0) {
      assert.equal(o.by_region.reduce((a, r) => a + r.open, 0), o.hazards.open, `${name} regions open`);
      assert.equal(o.by_region.reduce((a, r) => a + r.inspections, 0), o.inspections, `${name} regions inspections`);
    }
  }
  const district = await overview(sessions.district1);
  assert.equal(district.region_code, DISTRICT1);
  assert.equal(district.by_region.length, 10, 'one row per town');
  assert.ok(district.by_region.every((r) => r.region_code.startsWith('990102')));
  assert.ok(district.hazards.found > 0, 'the demo city has hazards this year');
  const city = await overview(sessions.city);
  assert.equal(city.by_region.length, 6, 'one row per district');
  const row = city.by_region.find((r) => r.region_code === DISTRICT1);
  assert.deepEqual([row.hazards_found, row.open, row.overdue, row.inspections],
    [district.hazards.found, district.hazards.open, district.hazards.overdue, district.inspections]);
});

test('a hazard found and verified today moves exactly its figures; an inspection covers its enterprise', async () => {
  const station = sessions.station1_1;
  const before = await overview(station);
  const missing = (await get('/api/v1/stats/coverage/missing?page_size=200', station)).body.items;
  assert.ok(missing.length > 0, 'some enterprise of the town is not reached this quarter');
  const target = missing[0];
  const started = await post('/api/v1/inspections', { enterprise_id: target.id, kind: 'town_routine' }, station);
  assert.equal(started.status, 201, started.text);
  const finished = await post(`/api/v1/inspections/${started.body.id}/finish`, { version: started.body.version }, station);
  assert.equal(finished.status, 200, finished.text);
  const created = await post('/api/v1/hazards', { enterprise_id: target.id, description: '配电箱未接地' }, station);
  assert.equal(created.status, 201, created.text);
  const fixed = await post(`/api/v1/hazards/${created.body.id}/transitions`,
    { action: 'fix_on_spot', version: created.body.version, method: '已接地' }, station);
  assert.equal(fixed.status, 200, fixed.text);
  const after = await overview(station);
  assert.equal(after.inspections, before.inspections + 1);
  assert.equal(after.hazards.found, before.hazards.found + 1);
  assert.equal(after.hazards.verified, before.hazards.verified + 1);
  assert.equal(after.hazards.due, before.hazards.due + 1);
  assert.equal(after.hazards.verified_on_time, before.hazards.verified_on_time + 1);
  assert.equal(after.hazards.open, before.hazards.open);
  assert.equal(after.coverage.inspected, before.coverage.inspected + 1);
  const still = (await get('/api/v1/stats/coverage/missing?page_size=200', station)).body.items;
  assert.ok(!still.some((e) => e.id === target.id), 'the inspected enterprise left the missing list');
  // The other district's figures did not move.
  const other = await overview(sessions.district2);
  const otherAgain = await overview(sessions.district2);
  assert.deepEqual(other, otherAgain);
});

test('periods: dates checked, reversed and over-long periods refused; a past period counts what fell in it', async () => {
  const as = sessions.district1;
  for (const [query, code, field] of [
    ['?from=2026-02-30', 'invalid_date', 'from'],
    ['?to=20261001', 'invalid_date', 'to'],
    [`?from=${TODAY}&to=2020-01-01`, 'period_reversed', 'from'],
    ['?from=2019-01-01&to=2026-01-01', 'period_too_long', 'from'],
    ['?region_code=99', 'invalid_region_code', 'region_code'],
  ]) {
    const r = await get(`/api/v1/stats/overview${query}`, as);
    assert.equal(r.status, 422, `${query}: ${r.text}`);
    assert.equal(r.body.error.code, code, query);
    assert.equal(r.body.error.field, field, query);
  }
  const empty = await overview(as, '?from=2020-01-01&to=2020-12-31');
  assert.deepEqual([empty.inspections, empty.hazards.found, empty.hazards.verified, empty.hazards.due],
    [0, 0, 0, 0]);
  assert.equal(empty.hazards.on_time_rate, null);
  assert.deepEqual(empty.by_month, []);
  const town = await overview(as, `?region_code=${TOWN1}`);
  assert.equal(town.region_code, TOWN1);
  assert.equal(town.by_region.length, 10, 'one row per village');
});

test('scope: another district is 404, an expert 403, English messages', async () => {
  for (const path of [`/api/v1/stats/overview?region_code=${DISTRICT1}`,
    `/api/v1/stats/coverage/missing?region_code=${DISTRICT1}`]) {
    const r = await get(path, sessions.district2);
    assert.equal(r.status, 404, r.text);
    const s = await get(path.replace(DISTRICT1, '990102002000'), sessions.station1_1);
    assert.equal(s.status, 404, `another town: ${s.text}`);
    const e = await get(path, sessions.ent1_1);
    assert.equal(e.status, 404, `an enterprise asking for a region: ${e.text}`);
  }
  const expert = await get('/api/v1/stats/overview', sessions.expert1);
  assert.equal(expert.status, 403, expert.text);
  const en = await api(srv.url, 'GET', '/api/v1/stats/overview?from=x', {
    as: sessions.district1, headers: { 'Accept-Language': 'en' },
  });
  assert.equal(en.status, 422);
  assert.match(en.body.error.message, /date/i);
  const anonymous = await api(srv.url, 'GET', '/api/v1/stats/overview');
  assert.equal(anonymous.status, 401);
});

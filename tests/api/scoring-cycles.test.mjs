// The 12-point system through two cycles on a server whose clock the test moves (libfaketime):
// findings and points by hand in the last weeks of a cycle, the 1 October rollover through the
// API (dry run, run, rerun) clearing what was put right in time and carrying the rest with its
// date and links, and the next cycle's rollover clearing a carried event once re-inspected while
// the hazard never verified carries again.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login } from './harness.mjs';

const srv = await startServer({ clock: true });
after(() => srv.stop());

function chinaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}
const TODAY = chinaDate();
// Today's cycle (begun on the last 1 October): C. The journey runs in C's last weeks and on.
const C = TODAY.slice(5) >= '10-01' ? Number(TODAY.slice(0, 4)) : Number(TODAY.slice(0, 4)) - 1;
const Y = C + 1; // the year C ends in, and the cycle that begins then

let sessions = {};
// Moves the server's clock and signs in again (a jump of weeks ends every session).
async function at(instant) {
  srv.setClock(instant);
  sessions = {};
  for (const name of ['admin', 'district1', 'station1_1']) sessions[name] = await login(srv.url, name);
}
const get = (path, as) => api(srv.url, 'GET', path, { as: sessions[as] });
const post = async (path, body, as, status = 200) => {
  const r = await api(srv.url, 'POST', path, { as: sessions[as], body });
  assert.equal(r.status, status, `${path}: ${r.text}`);
  return r.body;
};
async function card(id, cycle) {
  const r = await get(`/api/v1/scoring/enterprises/${id}?cycle=${cycle}`, 'station1_1');
  assert.equal(r.status, 200, r.text);
  return r.body;
}
const preview = (c) => Object.fromEntries(c.events.map((e) => [e.id, e.at_rollover]));
const decided = (report) => Object.fromEntries(report.items.map((i) => [i.event_id, i]));

test('two cycles on a moved clock: the rollover clears what was put right in time and carries the rest, twice', async () => {
  // 10 September of C's last year, 10:00 in China.
  await at(`${Y}-09-10T02:00:00Z`);
  const lastDays = `${Y}-09-10`;
  const checklists = await get('/api/v1/checklists?page_size=50', 'station1_1');
  const furnace = checklists.body.items.find((c) => c.code === 'furnace');
  const ranked = await get(`/api/v1/scoring/rankings?cycle=${C}&region_code=990102001000&page_size=200`, 'station1_1');
  const scored = new Set(ranked.body.items.map((r) => r.enterprise_id));
  const sector = await get('/api/v1/enterprises?page_size=200&tag=metallurgy&status=operating&region_code=990102001000', 'station1_1');
  const target = sector.body.items.find((e) => !scored.has(e.id));
  assert.ok(target, 'a furnace enterprise of town 1_1 without points this cycle');

  // The station's routine inspection against the furnace list: three findings on scored items.
  const started = await post('/api/v1/inspections', { enterprise_id: target.id, kind: 'town_routine', checklist_id: furnace.id }, 'station1_1', 201);
  // One that is not a major hazard, to be put right on the spot (a major one needs a notice).
  const minor = started.items.find((i) => i.points && !i.major_hazard);
  const pointed = [minor, ...started.items.filter((i) => i.points && i.id !== minor.id).slice(0, 2)];
  const chosen = new Set(pointed.map((i) => i.id));
  const results = started.items.map((i) => ({ item_id: i.id, result: chosen.has(i.id) ? 'finding' : 'conforming' }));
  const saved = await api(srv.url, 'PATCH', `/api/v1/inspections/${started.id}`, { as: sessions.station1_1, body: { version: started.version, results } });
  assert.equal(saved.status, 200, saved.text);
  await post(`/api/v1/inspections/${started.id}/finish`, { version: saved.body.version }, 'station1_1');
  let old = await card(target.id, C);
  const findings = old.events.filter((e) => e.inspection_id === started.id);
  assert.equal(findings.length, 3);
  for (const e of findings) assert.equal(e.occurred_on, lastDays);
  const [fixed, open, withdrawn] = pointed.map((item) => findings.find((e) => e.checklist_item_id === item.id));
  const transition = async (hazardId, action, fields) => {
    const h = await get(`/api/v1/hazards/${hazardId}`, 'station1_1');
    return post(`/api/v1/hazards/${hazardId}/transitions`, { action, version: h.body.version, ...fields }, 'station1_1');
  };
  // One put right on the spot, one notified and never put right, one withdrawn as mistaken.
  await transition(fixed.hazard_id, 'fix_on_spot', { method: '现场整改完毕' });
  await transition(open.hazard_id, 'notify', { deadline: `${Y}-09-20`, responsible_person: '王厂长', measures: '更换冷却水管' });
  await transition(withdrawn.hazard_id, 'cancel', { reason: '经核实系误报' });
  // Points by hand: one re-inspected before the cycle ends, one not.
  const reinspected = await post('/api/v1/scoring/events', { enterprise_id: target.id, points: 2, reason: '未按期报送台账' }, 'district1', 201);
  await post(`/api/v1/scoring/events/${reinspected.id}/reinspection`, { version: reinspected.version, note: '复查台账已补报' }, 'district1');
  const forgotten = await post('/api/v1/scoring/events', { enterprise_id: target.id, points: 1, reason: '警示标志缺失' }, 'district1', 201);
  old = await card(target.id, C);
  assert.equal(old.total, fixed.points + open.points + withdrawn.points + 3);
  const expected = {
    [fixed.id]: { clears: true, reason: 'verified_on_time' },
    [open.id]: { clears: false, reason: 'not_verified' },
    [withdrawn.id]: { clears: true, reason: 'hazard_cancelled' },
    [reinspected.id]: { clears: true, reason: 'reinspected' },
    [forgotten.id]: { clears: false, reason: 'not_reinspected' },
  };
  const shown = preview(old);
  for (const [id, decision] of Object.entries(expected)) assert.deepEqual(shown[id], decision, `card: event ${id}`);
  // Not before the new cycle has begun.
  const early = await api(srv.url, 'POST', `/api/v1/scoring/cycles/${Y}/rollover`, { as: sessions.admin, body: {} });
  assert.equal(early.status, 422, early.text);
  assert.equal(early.body.error.code, 'cycle_not_started');

  // 1 October, 00:30 in China: the dry run says what the run then does.
  await at(`${Y}-09-30T16:30:00Z`);
  const before = await srv.sql('SELECT COUNT(*) FROM score_rollovers');
  const dry = decided(await post(`/api/v1/scoring/cycles/${Y}/rollover`, { dry_run: true }, 'admin'));
  assert.equal(await srv.sql('SELECT COUNT(*) FROM score_rollovers'), before, 'a dry run writes nothing');
  const run = await post(`/api/v1/scoring/cycles/${Y}/rollover`, {}, 'admin');
  const done = decided(run);
  for (const [id, decision] of Object.entries(expected)) {
    assert.deepEqual({ clears: dry[id].clears, reason: dry[id].reason }, decision, `dry run: event ${id}`);
    assert.deepEqual({ clears: done[id].clears, reason: done[id].reason }, decision, `run: event ${id}`);
    assert.equal(Boolean(done[id].carried_event_id), !decision.clears);
  }
  const rerun = await post(`/api/v1/scoring/cycles/${Y}/rollover`, {}, 'admin');
  assert.ok(rerun.items.every((i) => !(i.event_id in expected)), 'a second run decides nothing again');
  assert.ok(rerun.already_decided >= 5);
  // The new cycle holds the two carried events, with their original day and links.
  let next = await card(target.id, Y);
  assert.equal(next.total, open.points + 1);
  const carriedOpen = next.events.find((e) => e.carried_from_event_id === open.id);
  const carriedForgotten = next.events.find((e) => e.carried_from_event_id === forgotten.id);
  assert.equal(carriedOpen.source, 'carried');
  assert.equal(carriedOpen.occurred_on, lastDays);
  assert.equal(carriedOpen.hazard_id, open.hazard_id);
  assert.equal(carriedOpen.inspection_id, started.id);
  assert.equal(carriedForgotten.reason, '警示标志缺失');
  assert.equal(next.events.length, 2);
  // The old cycle's card now shows what its rollover decided.
  const recorded = preview(await card(target.id, C));
  for (const [id, decision] of Object.entries(expected)) assert.deepEqual(recorded[id], decision, `recorded: event ${id}`);

  // 5 October: the carried points by hand are re-inspected at last; the hazard is still open.
  await at(`${Y}-10-05T02:00:00Z`);
  await post(`/api/v1/scoring/events/${carriedForgotten.id}/reinspection`, { version: carriedForgotten.version, note: '已设置警示标志' }, 'district1');
  next = await card(target.id, Y);
  assert.deepEqual(preview(next)[carriedForgotten.id], { clears: true, reason: 'reinspected' });
  assert.deepEqual(preview(next)[carriedOpen.id], { clears: false, reason: 'not_verified' });

  // A year on: the re-inspected one clears; the hazard never verified costs a third cycle.
  await at(`${Y + 1}-09-30T16:30:00Z`);
  const second = decided(await post(`/api/v1/scoring/cycles/${Y + 1}/rollover`, {}, 'admin'));
  assert.equal(second[carriedForgotten.id].reason, 'reinspected');
  assert.equal(second[carriedOpen.id].reason, 'not_verified');
  const third = await card(target.id, Y + 1);
  assert.equal(third.total, open.points);
  assert.deepEqual(third.events.map((e) => e.carried_from_event_id), [carriedOpen.id]);
});

// The 12-point system (记分管理), /api/v1/scoring/events, /scoring, /scoring/followups, and
// /scoring/enterprises/{id}: a finding on a scored furnace item costs its points once; points
// by hand (also in the cycle before, by date); thresholds create their follow-up once per cycle;
// the rollover into today's cycle carries what was not put right and is safe to run twice; the
// enterprise sees its own card; every refused write leaves the records as they were.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const sessions = {};
for (const name of ['admin', 'city', 'district1', 'district2', 'station1_1', 'station1_2', 'grid1_1_1', 'ent1_1', 'expert1']) {
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
// Cycles start on 1 October: today's began on the last 1 October.
const CYCLE = TODAY.slice(5) >= '10-01' ? Number(TODAY.slice(0, 4)) : Number(TODAY.slice(0, 4)) - 1;
const LAST_CYCLE_DAY = `${CYCLE}-09-15`;
function expectError(r, status, code, field, label = '') {
  assert.equal(r.status, status, `${label}: ${r.text}`);
  assert.equal(r.body.error?.code, code, `${label}: ${r.text}`);
  if (field !== undefined) assert.equal(r.body.error?.field, field, `${label}: ${r.text}`);
  assert.ok(r.body.error?.message, `${label}: a message`);
}
async function card(id, as = sessions.station1_1, query = '') {
  const r = await get(`/api/v1/scoring/enterprises/${id}${query}`, as);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
async function counts() {
  return srv.sql('SELECT (SELECT COUNT(*) FROM score_events) || \',\' || (SELECT COUNT(*) FROM score_followups) || \',\' || (SELECT COUNT(*) FROM score_rollovers) || \',\' || (SELECT version FROM scoring_settings)');
}

test('a finding on a scored item costs its points once; thresholds make their follow-ups once', async () => {
  const listed = await get('/api/v1/scoring/events?page_size=1', sessions.station1_1);
  assert.equal(listed.status, 200, listed.text);
  // The demo's furnace inspections scored some enterprises of the city.
  const everywhere = await get('/api/v1/scoring/events?page_size=1', sessions.city);
  assert.ok(everywhere.body.total > 0, 'the demo has score events');

  const furnace = await get('/api/v1/checklists?page_size=50', sessions.station1_1);
  const scored = furnace.body.items.find((c) => c.code === 'furnace');
  assert.ok(scored, 'the furnace list');
  const enterprises = await get('/api/v1/enterprises?page_size=50&tag=metallurgy&region_code=990102001000', sessions.station1_1);
  assert.ok(enterprises.body.items.length > 0, 'a furnace enterprise in town 1_1');
  const target = enterprises.body.items[enterprises.body.items.length - 1];
  const before = await card(target.id);

  const started = await post('/api/v1/inspections', { enterprise_id: target.id, kind: 'town_routine', checklist_id: scored.id }, sessions.station1_1);
  assert.equal(started.status, 201, started.text);
  const items = started.body.items;
  const pointed = items.filter((i) => i.points);
  assert.ok(pointed.length >= 2, 'scored items');
  // Two findings on scored items: their points together.
  const findings = new Set([pointed[0].id, pointed[1].id]);
  const expected = pointed[0].points + pointed[1].points;
  const results = items.map((i) => ({ item_id: i.id, result: findings.has(i.id) ? 'finding' : 'conforming' }));
  const saved = await patch(`/api/v1/inspections/${started.body.id}`, { version: started.body.version, results }, sessions.station1_1);
  assert.equal(saved.status, 200, saved.text);
  const finished = await post(`/api/v1/inspections/${started.body.id}/finish`, { version: saved.body.version }, sessions.station1_1);
  assert.equal(finished.status, 200, finished.text);

  const after = await card(target.id);
  assert.equal(after.total, before.total + expected);
  assert.equal(after.cycle, CYCLE);
  const fresh = after.events.filter((e) => e.inspection_id === started.body.id);
  assert.equal(fresh.length, 2, 'one event per finding');
  for (const e of fresh) {
    assert.equal(e.source, 'finding');
    assert.ok(e.hazard_id, 'linked to its hazard');
    assert.equal(e.occurred_on, TODAY);
    assert.deepEqual(e.at_rollover, { clears: false, reason: 'not_verified' }, 'open hazard: would carry');
  }
  for (const t of after.thresholds) {
    assert.equal(t.crossed, after.total >= t.points, `threshold ${t.points}`);
    if (t.crossed) assert.ok(t.followup, `a follow-up for ${t.points}`);
  }
  if (after.total >= 3) {
    const f = after.thresholds.find((t) => t.points === 3).followup;
    assert.equal(f.action, 'raise_frequency');
    assert.equal(f.unit_region_code, '990102001000', 'the town station');
  }
  // The enterprise itself sees its card; another district does not.
  const own = await get(`/api/v1/scoring/enterprises/${target.id}`, sessions.district1);
  assert.equal(own.status, 200);
  const other = await get(`/api/v1/scoring/enterprises/${target.id}`, sessions.district2);
  assert.equal(other.status, 404);
  const ranking = await get(`/api/v1/scoring/rankings?page_size=200&region_code=990102001000`, sessions.station1_1);
  assert.equal(ranking.status, 200, ranking.text);
  assert.equal(ranking.body.cycle, CYCLE);
  const row = ranking.body.items.find((r) => r.enterprise_id === target.id);
  assert.equal(row.points, after.total);
  const ordered = ranking.body.items.map((r) => r.points);
  assert.deepEqual(ordered, [...ordered].sort((a, b) => b - a), 'most points first');
  expectError(await get('/api/v1/scoring/rankings', sessions.ent1_1), 403, 'forbidden');
});

test('points by hand, revoked with a reason; the cycle before by date; the rollover carries it and runs once', async () => {
  const enterprises = await get('/api/v1/enterprises?page_size=5&region_code=990102002000', sessions.district1);
  const target = enterprises.body.items[0];
  const base = await card(target.id, sessions.district1);
  // Six points by hand today: the warning interview's threshold.
  const six = await post('/api/v1/scoring/events', { enterprise_id: target.id, points: 6, reason: '拒不执行整改指令' }, sessions.district1);
  assert.equal(six.status, 201, six.text);
  assert.equal(six.body.source, 'manual');
  assert.equal(six.body.cycle, CYCLE);
  let now = await card(target.id, sessions.district1);
  assert.equal(now.total, base.total + 6);
  const interview = now.thresholds.find((t) => t.points === 6).followup;
  assert.ok(interview, 'the warning interview is due');
  assert.equal(interview.unit_region_code, '990102000000', 'the district bureau');
  // Revoked: the total falls, the follow-up stays (once per cycle), and crossing again adds none.
  const revoked = await post(`/api/v1/scoring/events/${six.body.id}/revoke`, { version: six.body.version, reason: '记分依据有误' }, sessions.district1);
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal(revoked.body.state, 'revoked');
  now = await card(target.id, sessions.district1);
  assert.equal(now.total, base.total);
  const again = await post('/api/v1/scoring/events', { enterprise_id: target.id, points: 6, reason: '再次拒不整改' }, sessions.district1);
  assert.equal(again.status, 201, again.text);
  const followups = await get(`/api/v1/scoring/followups?enterprise_id=${target.id}&cycle=${CYCLE}&action=warning_interview`, sessions.district1);
  assert.equal(followups.body.total, 1, 'crossed, revoked, crossed again: one interview');

  // The interview is held and recorded by the bureau; the station may not close the district's.
  expectError(await post(`/api/v1/scoring/followups/${interview.id}/close`, { version: interview.version, note: '已约谈' }, sessions.station1_2), 403, 'forbidden');
  expectError(await post(`/api/v1/scoring/followups/${interview.id}/close`, { version: interview.version, note: '已约谈' }, sessions.district1), 422, 'required', 'held_on');
  const closed = await post(`/api/v1/scoring/followups/${interview.id}/close`, {
    version: interview.version, held_on: TODAY, attendees: '区局李明；企业负责人王强', minutes: '通报记分情况，责令限期整改',
  }, sessions.district1);
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.status, 'done');
  expectError(await post(`/api/v1/scoring/followups/${interview.id}/close`, { version: closed.body.version, note: 'x' }, sessions.district1), 409, 'followup_closed');

  // Points in the cycle before (by date), never re-inspected: the rollover carries them.
  const old = await post('/api/v1/scoring/events', { enterprise_id: target.id, points: 2, reason: '未按期报送台账', occurred_on: LAST_CYCLE_DAY }, sessions.district1);
  assert.equal(old.status, 201, old.text);
  assert.equal(old.body.cycle, CYCLE - 1);
  const reinspectedOld = await post('/api/v1/scoring/events', { enterprise_id: target.id, points: 1, reason: '警示标志缺失', occurred_on: LAST_CYCLE_DAY }, sessions.district1);
  assert.equal(reinspectedOld.status, 201);
  const noted = await post(`/api/v1/scoring/events/${reinspectedOld.body.id}/reinspection`, { version: reinspectedOld.body.version, note: '复查已补齐标志' }, sessions.district1);
  assert.equal(noted.status, 200, noted.text);
  // A re-inspection recorded today is after the old cycle's end: it does not clear at this rollover.
  const oldCard = await card(target.id, sessions.district1, `?cycle=${CYCLE - 1}`);
  assert.deepEqual(oldCard.events.find((e) => e.id === reinspectedOld.body.id).at_rollover,
    { clears: false, reason: 'not_reinspected' });

  const dry = await post(`/api/v1/scoring/cycles/${CYCLE}/rollover`, { dry_run: true });
  assert.equal(dry.status, 200, dry.text);
  assert.equal(dry.body.dry_run, true);
  const mine = dry.body.items.filter((i) => i.enterprise_id === target.id);
  assert.deepEqual(mine.map((i) => [i.event_id, i.clears, i.reason]).sort(),
    [[old.body.id, false, 'not_reinspected'], [reinspectedOld.body.id, false, 'not_reinspected']].sort());
  const beforeRoll = await card(target.id, sessions.district1);
  const rolled = await post(`/api/v1/scoring/cycles/${CYCLE}/rollover`, {});
  assert.equal(rolled.status, 200, rolled.text);
  assert.equal(rolled.body.carried + rolled.body.cleared, dry.body.items.length, 'the dry run listed what the run did');
  const carried = rolled.body.items.find((i) => i.event_id === old.body.id);
  assert.ok(carried.carried_event_id);
  const afterRoll = await card(target.id, sessions.district1);
  assert.equal(afterRoll.total, beforeRoll.total + 3, 'carried points count in the new cycle');
  const carriedEvent = afterRoll.events.find((e) => e.id === carried.carried_event_id);
  assert.equal(carriedEvent.source, 'carried');
  assert.equal(carriedEvent.carried_from_event_id, old.body.id);
  assert.equal(carriedEvent.occurred_on, LAST_CYCLE_DAY, 'keeps its date');
  // Twice: nothing new.
  const twice = await post(`/api/v1/scoring/cycles/${CYCLE}/rollover`, {});
  assert.equal(twice.status, 200);
  assert.deepEqual([twice.body.cleared, twice.body.carried], [0, 0]);
  assert.ok(twice.body.already_decided >= rolled.body.carried + rolled.body.cleared);
  assert.equal((await card(target.id, sessions.district1)).total, afterRoll.total);
  // The CLI's dry run agrees: nothing left to decide.
  const cli = await srv.cli(['scoring', 'rollover', '--cycle', String(CYCLE), '--dry-run']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, /0 cleared, 0 carried/);
});

test('the rule sets are the scored checklists: the furnace list\'s 22 items and their points', async () => {
  const rules = await get('/api/v1/scoring/rules', sessions.ent1_1);
  assert.equal(rules.status, 200, rules.text);
  const furnace = rules.body.items.find((r) => r.code === 'furnace');
  assert.ok(furnace, 'the furnace rule set');
  const items = furnace.checklist_version.items;
  assert.equal(items.length, 22);
  assert.ok(items.every((i) => i.points >= 1 && i.points <= 12), 'every item scored');
  assert.ok(rules.body.items.every((r) => r.purpose === 'scored'));
  expectError(await get('/api/v1/scoring/rules', sessions.expert1), 403, 'forbidden');
});

test('settings: the administrator changes thresholds and the cycle start; refusals change nothing', async () => {
  const settings = await get('/api/v1/scoring/settings', sessions.station1_1);
  assert.equal(settings.status, 200, settings.text);
  assert.equal(settings.body.cycle_start, '10-01');
  assert.deepEqual(settings.body.thresholds.map((t) => [t.points, t.action, t.unit]),
    [[3, 'raise_frequency', 'town'], [6, 'warning_interview', 'district'], [10, 'enforcement', 'district'], [12, 'key_supervision', 'district']]);
  const before = await counts();
  const version = settings.body.version;
  for (const [body, as, status, code, field] of [
    [{ version, cycle_start: '01-01' }, sessions.city, 403, 'forbidden'],
    [{ version, cycle_start: '02-29' }, admin, 422, 'invalid_cycle_start', 'cycle_start'],
    [{ version, thresholds: [] }, admin, 422, 'invalid_thresholds', 'thresholds'],
    [{ version, thresholds: [{ points: 3, action: 'raise_frequency', unit: 'town', due_days: 30 }, { points: 3, action: 'enforcement', unit: 'district', due_days: 15 }] }, admin, 422, 'invalid_threshold_points', 'thresholds[1].points'],
    [{ version, thresholds: [{ points: 3, action: 'fine', unit: 'town', due_days: 30 }] }, admin, 422, 'invalid_threshold_action', 'thresholds[0].action'],
    [{ version, thresholds: [{ points: 3, action: 'raise_frequency', unit: 'town' }] }, admin, 422, 'required', 'thresholds[0].due_days'],
    [{ version: version + 5, cycle_start: '01-01' }, admin, 409, 'stale_version', 'version'],
  ]) {
    expectError(await patch('/api/v1/scoring/settings', body, as), status, code, field, JSON.stringify(body));
  }
  for (const [body, as, status, code, field] of [
    [{ enterprise_id: 1, points: 2, reason: '原因' }, sessions.ent1_1, 403, 'forbidden'],
    [{ enterprise_id: 1, points: 2, reason: '原因' }, sessions.grid1_1_1, 403, 'forbidden'],
    [{ enterprise_id: 1, points: 13, reason: '原因' }, sessions.district1, 422, 'invalid_points', 'points'],
    [{ enterprise_id: 1, points: 2, reason: '' }, sessions.district1, 422, 'invalid_text_length', 'reason'],
    [{ enterprise_id: 1, points: 2, reason: '原因', occurred_on: chinaDate(1) }, sessions.district1, 422, 'date_in_future', 'occurred_on'],
    [{ enterprise_id: 1, points: 2, reason: '原因', extra: 1 }, sessions.district1, 422, 'unknown_field', 'extra'],
    [{ enterprise_id: 999999, points: 2, reason: '原因' }, sessions.district1, 422, 'enterprise_not_found', 'enterprise_id'],
  ]) {
    expectError(await post('/api/v1/scoring/events', body, as), status, code, field, JSON.stringify(body));
  }
  expectError(await post(`/api/v1/scoring/cycles/${CYCLE + 1}/rollover`, {}), 422, 'cycle_not_started', 'start_year');
  expectError(await post(`/api/v1/scoring/cycles/${CYCLE}/rollover`, {}, sessions.city), 403, 'forbidden');
  assert.equal(await counts(), before, 'nothing written');

  const changed = await patch('/api/v1/scoring/settings', {
    version, thresholds: [{ points: 4, action: 'raise_frequency', unit: 'town', due_days: 20 }, { points: 12, action: 'key_supervision', unit: 'district', due_days: 30 }],
  });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.body.version, version + 1);
  assert.deepEqual(changed.body.thresholds.map((t) => t.points), [4, 12]);
  const restored = await patch('/api/v1/scoring/settings', { version: version + 1, thresholds: settings.body.thresholds });
  assert.equal(restored.status, 200, restored.text);
});

test('the quarter: per town, the scored sectors reached and missing, events and follow-ups; a spot check', async () => {
  const town = '990102001000';
  const summary = await get(`/api/v1/scoring/quarter?region_code=990102000000`, sessions.district1);
  assert.equal(summary.status, 200, summary.text);
  const month = Number(TODAY.slice(5, 7));
  const q = Math.floor((month - 1) / 3) + 1;
  assert.equal(summary.body.quarter, `${TODAY.slice(0, 4)}Q${q}`);
  assert.ok(summary.body.towns.every((t) => t.region_code.startsWith('990102')), 'the district only');
  const row = summary.body.towns.find((t) => t.region_code === town);
  assert.ok(row, 'town 1 of district 1');
  const sector = await get(`/api/v1/enterprises?page_size=1&tag=metallurgy&status=operating&region_code=${town}`, sessions.district1);
  assert.equal(row.enterprises, sector.body.total, 'the operating furnace enterprises of the town');
  assert.equal(row.missing, row.enterprises - row.inspected);
  const missing = await get(`/api/v1/scoring/quarter/missing?region_code=${town}&page_size=200`, sessions.district1);
  assert.equal(missing.status, 200, missing.text);
  assert.equal(missing.body.total, row.missing);
  assert.ok(missing.body.items.every((e) => e.region_code.startsWith('990102001')));
  assert.ok(row.inspected >= 1, 'the first test inspected one against the furnace list');
  assert.ok(row.events >= 2 && row.points >= 2, 'its findings are the quarter\'s events');
  // The spot check: at most ten of the quarter's scored inspections in scope, the same each time.
  const again = await get(`/api/v1/scoring/quarter?region_code=990102000000`, sessions.district1);
  assert.deepEqual(again.body.spot_checks, summary.body.spot_checks);
  assert.ok(summary.body.spot_checks.length >= 1 && summary.body.spot_checks.length <= 10);
  for (const c of summary.body.spot_checks) {
    assert.ok(c.region_code.startsWith('990102'));
    assert.ok(c.finished_at >= summary.body.first);
  }
  // A station sees its town; other roles and other districts do not.
  const station = await get('/api/v1/scoring/quarter', sessions.station1_1);
  assert.deepEqual(station.body.towns.map((t) => t.region_code), [town]);
  expectError(await get('/api/v1/scoring/quarter', sessions.grid1_1_1), 403, 'forbidden');
  expectError(await get('/api/v1/scoring/quarter', sessions.ent1_1), 403, 'forbidden');
  expectError(await get('/api/v1/scoring/quarter?region_code=990103000000', sessions.district1), 404, 'not_found');
  expectError(await get('/api/v1/scoring/quarter?quarter=2026Q5', sessions.district1), 422, 'invalid_quarter', 'quarter');
  const past = await get('/api/v1/scoring/quarter?quarter=2020Q1', sessions.district1);
  assert.equal(past.status, 200);
  assert.ok(past.body.towns.every((t) => t.inspected === 0 && t.events === 0));
});

test('each list exports as XLSX within the caller\'s scope', async () => {
  const download = async (path, as) => {
    const r = await fetch(`${srv.url}${path}`, { headers: { Authorization: `Bearer ${as.token}` } });
    return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),
      bytes: new Uint8Array(await r.arrayBuffer()) };
  };
  for (const [path, name] of [
    ['/api/v1/scoring/rankings/export.xlsx', 'score-rankings.xlsx'],
    ['/api/v1/scoring/events/export.xlsx?state=active', 'score-events.xlsx'],
    ['/api/v1/scoring/followups/export.xlsx?status=open', 'score-followups.xlsx'],
    ['/api/v1/scoring/quarter/missing/export.xlsx', 'score-quarter-missing.xlsx'],
  ]) {
    const file = await download(path, sessions.district1);
    assert.equal(file.status, 200, path);
    assert.match(file.type, /spreadsheetml/, path);
    assert.equal(file.disposition, `attachment; filename="${name}"`, path);
    assert.deepEqual([...file.bytes.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04], `${path}: a zip (XLSX)`);
  }
  assert.equal((await download('/api/v1/scoring/rankings/export.xlsx', sessions.ent1_1)).status, 403);
  assert.equal((await download('/api/v1/scoring/quarter/missing/export.xlsx', sessions.grid1_1_1)).status, 403);
  assert.equal((await download('/api/v1/scoring/events/export.xlsx?state=gone', sessions.district1)).status, 422);
  assert.equal((await download('/api/v1/scoring/quarter/missing/export.xlsx?region_code=990103000000', sessions.district1)).status, 404);
});

test('points reach the enterprise and the threshold\'s unit; a station plans the next quarter once, monthly for raised frequency', async () => {
  const town = '990102002000';
  const station = sessions.station1_2;
  const month = Number(TODAY.slice(5, 7));
  const q = Math.floor((month - 1) / 3) + 1;
  const next = q === 4 ? `${Number(TODAY.slice(0, 4)) + 1}Q1` : `${TODAY.slice(0, 4)}Q${q + 1}`;
  // An enterprise of the town without points this cycle gets 3 by hand from the district.
  const ranked = await get(`/api/v1/scoring/rankings?region_code=${town}&page_size=200`, sessions.district1);
  const scored = new Set(ranked.body.items.map((r) => r.enterprise_id));
  const sector = await get(`/api/v1/enterprises?page_size=200&tag=metallurgy&status=operating&region_code=${town}`, sessions.district1);
  const operating = await get(`/api/v1/enterprises?page_size=200&status=operating&region_code=${town}`, sessions.district1);
  const target = operating.body.items.find((e) => !scored.has(e.id));
  assert.ok(target, 'an enterprise of town 1_2 without points');
  const recorded = await post('/api/v1/scoring/events', { enterprise_id: target.id, points: 3, reason: '未按期报送台账' }, sessions.district1);
  assert.equal(recorded.status, 201, recorded.text);
  const told = await srv.sql(`SELECT kind || '|' || audience_role || '|' || COALESCE(region_code, '') FROM notifications WHERE enterprise_id = ${target.id} AND kind LIKE 'score_%' ORDER BY id`);
  assert.equal(told, `score_event|enterprise|\nscore_threshold|station|${town}`);
  const bell = await get('/api/v1/notifications?page_size=50', station);
  const asked = bell.body.items.find((n) => n.kind === 'score_threshold' && n.enterprise_id === target.id);
  assert.ok(asked, 'the station is asked to raise the frequency');
  assert.equal(asked.params.action, 'raise_frequency');
  assert.equal(asked.params.total, 3);
  // The station's follow-ups, by owning unit.
  const own = await get(`/api/v1/scoring/followups?unit_region_code=${town}&status=open&page_size=200`, sessions.district1);
  assert.ok(own.body.items.some((f) => f.enterprise_id === target.id));
  assert.ok(own.body.items.every((f) => f.unit_region_code === town));

  // Refusals change nothing.
  const plansBefore = await srv.sql('SELECT COUNT(*) FROM inspection_plans');
  for (const [body, as, status, code, field] of [
    [{ region_code: town, quarter: next }, sessions.district1, 403, 'forbidden'],
    [{ region_code: town, quarter: next }, sessions.ent1_1, 403, 'forbidden'],
    [{ region_code: town, quarter: next }, sessions.station1_1, 404, 'not_found'],
    [{ region_code: '990102002201', quarter: next }, station, 422, 'not_a_town', 'region_code'],
    [{ quarter: next }, station, 422, 'required', 'region_code'],
    [{ region_code: town, quarter: '2020Q1' }, station, 422, 'quarter_over', 'quarter'],
    [{ region_code: town, quarter: '2099Q1' }, station, 422, 'quarter_too_far', 'quarter'],
    [{ region_code: town, quarter: 'Q1' }, station, 422, 'invalid_quarter', 'quarter'],
    [{ region_code: town, quarter: next, extra: 1 }, station, 422, 'unknown_field', 'extra'],
  ]) {
    expectError(await post('/api/v1/scoring/quarter/plans', body, as), status, code, field, JSON.stringify(body));
  }
  assert.equal(await srv.sql('SELECT COUNT(*) FROM inspection_plans'), plansBefore);

  // Who goes monthly: the town's enterprises with a raise-frequency follow-up this cycle.
  const raising = await get(`/api/v1/scoring/followups?region_code=${town}&action=raise_frequency&cycle=${CYCLE}&page_size=200`, sessions.district1);
  const raisedIds = new Set(raising.body.items.map((f) => f.enterprise_id));
  const once = sector.body.items.filter((e) => !raisedIds.has(e.id)).length;
  const planned = await post('/api/v1/scoring/quarter/plans', { region_code: town, quarter: next }, station);
  assert.equal(planned.status, 201, planned.text);
  assert.equal(planned.body.quarter, next);
  assert.equal(planned.body.raised, raisedIds.size);
  assert.deepEqual(planned.body.plans.map((p) => [p.slot, p.targets]),
    [...(once > 0 ? [['all', once]] : []), ['m1', raisedIds.size], ['m2', raisedIds.size], ['m3', raisedIds.size]]);
  const monthly = planned.body.plans.filter((p) => p.slot !== 'all');
  // The monthly plan names the enterprise; its follow-up is done.
  const m1 = await get(`/api/v1/inspection-plans/${monthly[0].id}`, station);
  assert.equal(m1.status, 200, m1.text);
  assert.ok(m1.body.targets.some((t) => t.enterprise_id === target.id));
  assert.equal(m1.body.kind, 'town_routine');
  const done = await get(`/api/v1/scoring/followups?enterprise_id=${target.id}&action=raise_frequency`, station);
  assert.equal(done.body.items[0].status, 'done');
  // Every operating furnace enterprise of the town is planned next quarter; the town shows its plans.
  const summary = await get(`/api/v1/scoring/quarter?region_code=${town}&quarter=${next}`, sessions.district1);
  const row = summary.body.towns.find((t) => t.region_code === town);
  assert.equal(row.planned, row.enterprises);
  assert.deepEqual(row.plans.map((p) => p.id), planned.body.plans.map((p) => p.id));
  expectError(await post('/api/v1/scoring/quarter/plans', { region_code: town, quarter: next }, station), 409, 'quarter_planned', 'quarter');
});

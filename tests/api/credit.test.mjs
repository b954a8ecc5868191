// Integrity and credit (诚信), /api/v1/credit and /api/v1/public/credit: an evaluation prepared by
// a station, returned and resubmitted, approved by the district bureau with its two results and
// locked, revised; the rules judged at approval; the blacklist with its dates and early removal;
// the distribution; and the public list and lookup, without login, showing only what is
// published. Every refused write leaves the records as they were.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const sessions = {};
for (const name of ['admin', 'city', 'district1', 'district2', 'station1_1', 'station1_2', 'grid1_1_1', 'ent1_1', 'expert1']) {
  sessions[name] = await login(srv.url, name);
}
const get = (path, as = sessions.admin) => api(srv.url, 'GET', path, { as });
const post = (path, body, as = sessions.admin) => api(srv.url, 'POST', path, { as, body });
const patch = (path, body, as = sessions.admin) => api(srv.url, 'PATCH', path, { as, body });
const anonymous = (path) => api(srv.url, 'GET', path, {});

function chinaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}
const TODAY = chinaDate();
const YEAR = Number(TODAY.slice(0, 4));
function expectError(r, status, code, field, label = '') {
  assert.equal(r.status, status, `${label}: ${r.text}`);
  assert.equal(r.body.error?.code, code, `${label}: ${r.text}`);
  if (field !== undefined) assert.equal(r.body.error?.field, field, `${label}: ${r.text}`);
  assert.ok(r.body.error?.message, `${label}: a message`);
}
const form = (enterprise_id, standardization, parts, extra = {}) => ({
  enterprise_id, year: YEAR,
  standardization: { points: standardization, maximum: 100, not_applicable: 0 },
  parts: { safety_culture: parts, participation: parts, commitment: parts, compliance: parts },
  ...extra,
});
async function counts() {
  return srv.sql("SELECT (SELECT COUNT(*) FROM credit_evaluations) || ',' || (SELECT COUNT(*) FROM credit_blacklist) || ',' || (SELECT SUM(version) FROM credit_evaluations) || ',' || (SELECT SUM(version) FROM credit_blacklist) || ',' || (SELECT version FROM credit_settings)");
}
// An enterprise of the region with no evaluation this year, no points and not listed: one that
// an A score leaves at A.
async function fresh(region, skip = new Set()) {
  const listed = await get(`/api/v1/enterprises?page_size=200&status=operating&region_code=${region}`, sessions.district1);
  for (const e of listed.body.items) {
    if (skip.has(e.id)) continue;
    const evaluations = await get(`/api/v1/credit/evaluations?enterprise_id=${e.id}&year=${YEAR}`, sessions.district1);
    const listings = await get(`/api/v1/credit/blacklist?enterprise_id=${e.id}&status=listed`, sessions.district1);
    const card = await get(`/api/v1/scoring/enterprises/${e.id}`, sessions.district1);
    const hazards = await srv.sql(`SELECT COUNT(*) FROM hazards WHERE enterprise_id = ${e.id} AND listed_at IS NOT NULL AND state NOT IN ('verified', 'cancelled')`);
    if (evaluations.body.total === 0 && listings.body.total === 0 && card.body.total < 10 && hazards === '0') return e;
  }
  throw new Error(`no fresh enterprise in ${region}`);
}

test('an evaluation prepared, returned, resubmitted and approved: two results, locked, then revised', async () => {
  const target = await fresh('990102001000');
  const made = await post('/api/v1/credit/evaluations', form(target.id, 95, 70, { note: '现场核查' }), sessions.station1_1);
  assert.equal(made.status, 201, made.text);
  assert.equal(made.body.status, 'draft');
  assert.equal(made.body.revision, 1);
  // 0.6 × 95 + 0.4 × 70 = 85 → B; standardization 95 → level 1; provisional.
  assert.deepEqual({ ...made.body.result, facts: undefined }, {
    provisional: true, standardization_score: 95, standardization_level: '1', credit_score: 85,
    score_class: 'B', final_class: 'B', decided_by: 'score', applied: [], facts: undefined,
  });
  assert.equal(made.body.result.facts.blacklisted, false);
  // Not the enterprise's to see yet, nor another district's.
  const own = await get(`/api/v1/credit/evaluations/${made.body.id}`, sessions.ent1_1);
  assert.equal(own.status, 404);
  expectError(await get(`/api/v1/credit/evaluations/${made.body.id}`, sessions.district2), 404, 'not_found');

  const submitted = await post(`/api/v1/credit/evaluations/${made.body.id}/submit`, { version: made.body.version }, sessions.station1_1);
  assert.equal(submitted.status, 200, submitted.text);
  expectError(await post(`/api/v1/credit/evaluations/${made.body.id}/approve`, { version: submitted.body.version }, sessions.station1_1), 403, 'forbidden');
  const returned = await post(`/api/v1/credit/evaluations/${made.body.id}/return`, { version: submitted.body.version, reason: '安全文化部分缺少佐证' }, sessions.district1);
  assert.equal(returned.status, 200, returned.text);
  assert.equal(returned.body.status, 'returned');
  const edited = await patch(`/api/v1/credit/evaluations/${made.body.id}`, {
    version: returned.body.version, parts: { safety_culture: 95, participation: 95, commitment: 95, compliance: 95 },
  }, sessions.station1_1);
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.result.final_class, 'A');
  const again = await post(`/api/v1/credit/evaluations/${made.body.id}/submit`, { version: edited.body.version }, sessions.station1_1);
  const approved = await post(`/api/v1/credit/evaluations/${made.body.id}/approve`, { version: again.body.version }, sessions.district1);
  assert.equal(approved.status, 200, approved.text);
  assert.equal(approved.body.status, 'approved');
  assert.equal(approved.body.final_class, 'A');
  assert.equal(approved.body.credit_score, 95);
  assert.equal(approved.body.approved_on, TODAY);
  assert.equal(approved.body.current, true);
  assert.equal(approved.body.result.provisional, false);
  expectError(await patch(`/api/v1/credit/evaluations/${made.body.id}`, { version: approved.body.version, note: 'x' }, sessions.station1_1), 409, 'evaluation_locked');
  const audit = await srv.sql(`SELECT action FROM audit_log WHERE entity = 'credit_evaluation' AND entity_id = '${made.body.id}' ORDER BY id`);
  assert.deepEqual(audit.split('\n'), ['create', 'submit', 'return', 'update', 'submit', 'approve']);

  // Published: the lookup by its credit code shows class A and nothing that is not public.
  const found = await anonymous(`/api/v1/public/credit/lookup?q=${target.uscc}`);
  assert.equal(found.status, 200, found.text);
  assert.equal(found.body.items.length, 1);
  assert.deepEqual(Object.keys(found.body.items[0]).sort(), ['blacklist', 'credit_class', 'name', 'rated_on', 'region_code', 'uscc', 'year']);
  assert.equal(found.body.items[0].credit_class, 'A');
  assert.equal(found.body.items[0].year, YEAR);

  // A change is a new revision; approved, it becomes the year's rating.
  const revised = await post('/api/v1/credit/evaluations', form(target.id, 80, 80), sessions.station1_1);
  assert.equal(revised.status, 201, revised.text);
  assert.equal(revised.body.revision, 2);
  expectError(await post('/api/v1/credit/evaluations', form(target.id, 80, 80), sessions.station1_1), 409, 'evaluation_open', 'year');
  const s2 = await post(`/api/v1/credit/evaluations/${revised.body.id}/submit`, { version: revised.body.version }, sessions.station1_1);
  const a2 = await post(`/api/v1/credit/evaluations/${revised.body.id}/approve`, { version: s2.body.version }, sessions.district1);
  assert.equal(a2.body.final_class, 'B');
  const ratings = await get(`/api/v1/credit/evaluations?enterprise_id=${target.id}&year=${YEAR}&current=true`, sessions.district1);
  assert.deepEqual(ratings.body.items.map((v) => v.id), [revised.body.id]);
  const lookedUp = await anonymous(`/api/v1/public/credit/lookup?q=${target.uscc}`);
  assert.equal(lookedUp.body.items[0].credit_class, null, 'B is not published');
});

test('the rules are judged at approval: ten points hold an A at B; the blacklist makes D', async () => {
  const target = await fresh('990102002000');
  const points = await post('/api/v1/scoring/events', { enterprise_id: target.id, points: 10, reason: '拒不执行整改指令' }, sessions.district1);
  assert.equal(points.status, 201, points.text);
  const made = await post('/api/v1/credit/evaluations', form(target.id, 96, 96), sessions.station1_2);
  assert.equal(made.body.result.score_class, 'A');
  assert.equal(made.body.result.final_class, 'B');
  assert.equal(made.body.result.decided_by, 'score_points');
  assert.equal(made.body.result.facts.points, 10);
  const listing = await post('/api/v1/credit/blacklist', {
    enterprise_id: target.id, reason: '拒不执行停产整顿指令', authority: '清源区应急管理局', notified_on: chinaDate(-5), starts_on: TODAY,
  }, sessions.district1);
  assert.equal(listing.status, 201, listing.text);
  assert.equal(listing.body.listed, true);
  assert.equal(listing.body.ends_on, `${YEAR + 3}${TODAY.slice(4)}`.replace(/-02-29$/, '-02-28'));
  const now = await get(`/api/v1/credit/evaluations/${made.body.id}`, sessions.station1_2);
  assert.equal(now.body.result.final_class, 'D');
  assert.equal(now.body.result.decided_by, 'blacklisted');
  assert.deepEqual(now.body.result.applied, ['blacklisted', 'score_points']);
  // Exposed on the public list, with the listing's days.
  let page = 1;
  let row;
  for (;;) {
    const exposed = await anonymous(`/api/v1/public/credit?list=exposed&page_size=200&page=${page}`);
    assert.equal(exposed.status, 200, exposed.text);
    row = exposed.body.items.find((p) => p.uscc === target.uscc);
    if (row || page * 200 >= exposed.body.total) break;
    page += 1;
  }
  assert.ok(row, 'the listed enterprise is exposed');
  assert.deepEqual(row.blacklist, { starts_on: TODAY, ends_on: listing.body.ends_on, reason: '拒不执行停产整顿指令', authority: '清源区应急管理局' });
  // An administrator turns the points rule off: the score decides again for what is not yet approved.
  const rules = await get('/api/v1/credit/rules', sessions.district1);
  assert.deepEqual(rules.body.items.map((r) => r.code), ['blacklisted', 'score_points', 'listed_major_hazard', 'concealed_accident']);
  expectError(await patch('/api/v1/credit/rules/score_points', { version: 1, enabled: false }, sessions.district1), 403, 'forbidden');
  const off = await patch('/api/v1/credit/rules/blacklisted', { version: rules.body.items[0].version, enabled: false });
  assert.equal(off.status, 200, off.text);
  assert.equal((await get(`/api/v1/credit/evaluations/${made.body.id}`, sessions.station1_2)).body.result.decided_by, 'score_points');
  const on = await patch('/api/v1/credit/rules/blacklisted', { version: off.body.version, enabled: true });
  assert.equal(on.status, 200, on.text);
});

test('early removal from the blacklist only after twelve months; the distribution counts', async () => {
  const target = await fresh('990102001000');
  const old = await post('/api/v1/credit/blacklist', {
    enterprise_id: target.id, reason: '提供虚假材料', authority: '清源区应急管理局', notified_on: chinaDate(-400), starts_on: chinaDate(-395),
  }, sessions.district1);
  assert.equal(old.status, 201, old.text);
  assert.ok(old.body.removal_opens_on <= TODAY);
  const removed = await post(`/api/v1/credit/blacklist/${old.body.id}/removal`, { version: old.body.version, reason: '企业申请信用修复，经审核同意' }, sessions.district1);
  assert.equal(removed.status, 200, removed.text);
  assert.equal(removed.body.removed_on, TODAY);
  assert.equal(removed.body.listed, false);
  expectError(await post(`/api/v1/credit/blacklist/${old.body.id}/removal`, { version: removed.body.version, reason: 'again' }, sessions.district1), 409, 'listing_not_active');

  const spread = await get('/api/v1/credit/distribution', sessions.district1);
  assert.equal(spread.status, 200, spread.text);
  const year = spread.body.year;
  const counted = Number(await srv.sql(`SELECT COUNT(*) FROM credit_evaluations v JOIN enterprises e ON e.id = v.enterprise_id WHERE v.is_current = 1 AND v.year = ${year} AND e.region_code LIKE '990102%'`));
  assert.equal(spread.body.total.rated, counted);
  assert.equal(Object.values(spread.body.total.classes).reduce((a, b) => a + b, 0), counted);
  assert.ok(spread.body.regions.every((r) => r.region_code.startsWith('990102') && r.region_code.endsWith('000')));
  assert.equal(spread.body.regions.reduce((a, r) => a + r.rated, 0), counted);
  const city = await get(`/api/v1/credit/distribution?year=${year}`, sessions.city);
  assert.ok(city.body.regions.length >= 2, 'by district');
  assert.ok(city.body.total.rated >= counted);
  expectError(await get('/api/v1/credit/distribution', sessions.ent1_1), 403, 'forbidden');
  expectError(await get('/api/v1/credit/distribution?region_code=990103000000', sessions.district1), 404, 'not_found');
});

test('refused writes change nothing', async () => {
  const target = await fresh('990102001000');
  const other = (await get('/api/v1/enterprises?page_size=1&region_code=990103000000', sessions.district2)).body.items[0];
  const open = await post('/api/v1/credit/evaluations', form(target.id, 80, 80), sessions.station1_1);
  assert.equal(open.status, 201, open.text);
  const before = await counts();
  const cases = [
    ['POST', '/api/v1/credit/evaluations', form(target.id, 80, 80), sessions.grid1_1_1, 403, 'forbidden'],
    ['POST', '/api/v1/credit/evaluations', form(target.id, 80, 80), sessions.ent1_1, 403, 'forbidden'],
    ['POST', '/api/v1/credit/evaluations', form(target.id, 80, 80), sessions.station1_1, 409, 'evaluation_open', 'year'],
    ['POST', '/api/v1/credit/evaluations', form(other.id, 80, 80), sessions.station1_1, 422, 'enterprise_not_found', 'enterprise_id'],
    ['POST', '/api/v1/credit/evaluations', { ...form(target.id, 80, 80), year: YEAR + 1 }, sessions.station1_1, 422, 'invalid_year', 'year'],
    ['POST', '/api/v1/credit/evaluations', form(target.id, 101, 80), sessions.station1_1, 422, 'invalid_standardization', 'standardization.points'],
    ['POST', '/api/v1/credit/evaluations', form(target.id, 80, 101), sessions.station1_1, 422, 'invalid_part_score', 'parts.safety_culture'],
    ['POST', '/api/v1/credit/evaluations', { ...form(target.id, 80, 80), parts: { safety_culture: 80 } }, sessions.station1_1, 422, 'required', 'parts.participation'],
    ['POST', '/api/v1/credit/evaluations', { ...form(target.id, 80, 80), parts: { ...form(0, 0, 80).parts, luck: 5 } }, sessions.station1_1, 422, 'unknown_field', 'parts.luck'],
    ['POST', '/api/v1/credit/evaluations', { ...form(target.id, 80, 80), extra: 1 }, sessions.station1_1, 422, 'unknown_field', 'extra'],
    ['PATCH', `/api/v1/credit/evaluations/${open.body.id}`, { version: open.body.version + 5, note: 'x' }, sessions.station1_1, 409, 'stale_version'],
    ['PATCH', `/api/v1/credit/evaluations/${open.body.id}`, { version: open.body.version, note: 'x'.repeat(1001) }, sessions.station1_1, 422, 'invalid_text_length', 'note'],
    ['POST', `/api/v1/credit/evaluations/${open.body.id}/approve`, { version: open.body.version }, sessions.district1, 409, 'illegal_transition'],
    ['POST', `/api/v1/credit/evaluations/${open.body.id}/return`, { version: open.body.version, reason: '' }, sessions.district1, 422, 'required', 'reason'],
    ['POST', `/api/v1/credit/evaluations/${open.body.id}/submit`, { version: open.body.version }, sessions.district2, 404, 'not_found'],
    ['POST', '/api/v1/credit/blacklist', { enterprise_id: target.id, reason: 'x', authority: '区局', notified_on: TODAY, starts_on: TODAY }, sessions.station1_1, 403, 'forbidden'],
    ['POST', '/api/v1/credit/blacklist', { enterprise_id: target.id, reason: 'x', authority: '区局', notified_on: chinaDate(1), starts_on: TODAY }, sessions.district1, 422, 'not_notified_first', 'notified_on'],
    ['POST', '/api/v1/credit/blacklist', { enterprise_id: target.id, reason: 'x', authority: '区局', notified_on: TODAY, starts_on: '2026-02-30' }, sessions.district1, 422, 'invalid_date', 'starts_on'],
    ['POST', '/api/v1/credit/blacklist', { enterprise_id: other.id, reason: 'x', authority: '区局', notified_on: TODAY, starts_on: TODAY }, sessions.district1, 422, 'enterprise_not_found', 'enterprise_id'],
    ['PATCH', '/api/v1/credit/settings', { version: 1, weights: { standardization: 40, safety_culture: 15, participation: 15, commitment: 15, compliance: 15 } }, sessions.admin, 422, 'standardization_weight', 'weights.standardization'],
    ['PATCH', '/api/v1/credit/settings', { version: 1, weights: { standardization: 60, safety_culture: 10, participation: 10, commitment: 10, compliance: 20 } }, sessions.admin, 422, 'weights_not_whole', 'weights'],
    ['PATCH', '/api/v1/credit/settings', { version: 1, class_cutoffs: { A: 90, B: 95, C: 60 } }, sessions.admin, 422, 'invalid_cutoffs', 'class_cutoffs[1]'],
    ['PATCH', '/api/v1/credit/settings', { version: 1, blacklist_years: 5 }, sessions.district1, 403, 'forbidden'],
    ['PATCH', '/api/v1/credit/rules/score_points', { version: 1, threshold: 13 }, sessions.admin, 422, 'invalid_rule_threshold', 'threshold'],
    ['PATCH', '/api/v1/credit/rules/nothing', { version: 1, enabled: false }, sessions.admin, 404, 'not_found'],
  ];
  for (const [method, path, body, as, status, code, field] of cases) {
    const r = await api(srv.url, method, path, { as, body });
    expectError(r, status, code, field, `${method} ${path} ${JSON.stringify(body).slice(0, 80)}`);
  }
  // Listed now: once only, and no early removal before twelve months.
  const listed = await post('/api/v1/credit/blacklist', { enterprise_id: target.id, reason: '拒不整改', authority: '清源区应急管理局', notified_on: TODAY, starts_on: TODAY }, sessions.district1);
  assert.equal(listed.status, 201, listed.text);
  const afterListing = await counts();
  expectError(await post('/api/v1/credit/blacklist', { enterprise_id: target.id, reason: '再次', authority: '区局', notified_on: TODAY, starts_on: TODAY }, sessions.district1), 409, 'already_listed');
  expectError(await post(`/api/v1/credit/blacklist/${listed.body.id}/removal`, { version: listed.body.version, reason: '申请' }, sessions.district1), 422, 'removal_too_early', 'removed_on');
  assert.equal(await counts(), afterListing);
  assert.notEqual(before, afterListing);
  const [evaluations, listings] = before.split(',');
  assert.equal(afterListing.split(',')[0], evaluations, 'no evaluation written by a refusal');
  assert.equal(Number(afterListing.split(',')[1]), Number(listings) + 1);
});

test('the public list and lookup: no login, only published data; everything else needs one', async () => {
  const commended = await anonymous('/api/v1/public/credit?list=commended&page_size=50');
  assert.equal(commended.status, 200, commended.text);
  assert.ok(commended.body.total > 0, 'the demo has A-class enterprises');
  for (const p of commended.body.items) {
    assert.equal(p.credit_class, 'A');
    assert.deepEqual(Object.keys(p).sort(), ['blacklist', 'credit_class', 'name', 'rated_on', 'region_code', 'uscc', 'year']);
  }
  const exposed = await anonymous('/api/v1/public/credit?list=exposed&page_size=200');
  assert.ok(exposed.body.total > 0, 'the demo has D-class or blacklisted enterprises');
  for (const p of exposed.body.items) assert.ok(p.credit_class === 'D' || p.blacklist, JSON.stringify(p));
  // A B-class enterprise is found but its class is not shown.
  const b = await get(`/api/v1/credit/evaluations?class=B&current=true&page_size=1`, sessions.city);
  const found = await anonymous(`/api/v1/public/credit/lookup?q=${b.body.items[0].uscc}`);
  assert.equal(found.body.items.length, 1);
  assert.equal(found.body.items[0].credit_class, null);
  assert.equal(found.body.items[0].year, null);
  expectError(await anonymous('/api/v1/public/credit/lookup?q=a'), 422, 'invalid_query', 'q');
  expectError(await anonymous('/api/v1/public/credit?list=all'), 422, 'invalid_list', 'list');
  for (const path of ['/api/v1/credit/evaluations', '/api/v1/credit/blacklist', '/api/v1/credit/distribution', '/api/v1/credit/settings']) {
    assert.equal((await anonymous(path)).status, 401, path);
  }
  expectError(await get('/api/v1/credit/evaluations', sessions.expert1), 403, 'forbidden');
  // A grid worker and an enterprise read approved ratings only.
  const grid = await get('/api/v1/credit/evaluations?page_size=200', sessions.grid1_1_1);
  assert.equal(grid.status, 200, grid.text);
  assert.ok(grid.body.items.every((v) => v.status === 'approved'));
  const drafts = await get('/api/v1/credit/evaluations?status=draft', sessions.ent1_1);
  assert.equal(drafts.body.total, 0);
});

test('credit repair: the enterprise applies, the bureau decides; the measures follow the class and export', async () => {
  const me = await get('/api/v1/me', sessions.ent1_1);
  const own = me.body.user?.enterprise_id ?? me.body.enterprise_id;
  assert.ok(own, me.text);
  // Rate the enterprise D this year: finish whatever is under way, or start a revision.
  const low = { standardization: { points: 40, maximum: 100, not_applicable: 0 }, parts: form(0, 0, 40).parts };
  let open = (await get(`/api/v1/credit/evaluations?enterprise_id=${own}&year=${YEAR}&page_size=50`, sessions.district1)).body.items
    .find((v) => v.status !== 'approved');
  if (open?.status === 'submitted') {
    open = (await post(`/api/v1/credit/evaluations/${open.id}/return`, { version: open.version, reason: '重新评定' }, sessions.district1)).body;
  }
  const draft = open
    ? (await patch(`/api/v1/credit/evaluations/${open.id}`, { version: open.version, ...low }, sessions.station1_1)).body
    : (await post('/api/v1/credit/evaluations', { enterprise_id: own, year: YEAR, ...low }, sessions.station1_1)).body;
  const sent = await post(`/api/v1/credit/evaluations/${draft.id}/submit`, { version: draft.version }, sessions.station1_1);
  const rated = await post(`/api/v1/credit/evaluations/${draft.id}/approve`, { version: sent.body.version }, sessions.district1);
  assert.equal(rated.status, 200, rated.text);
  assert.equal(rated.body.final_class, 'D');

  // The enterprise's page: its D rating and the D measures.
  const card = await get(`/api/v1/credit/enterprises/${own}`, sessions.ent1_1);
  assert.equal(card.status, 200, card.text);
  assert.equal(card.body.rating.final_class, 'D');
  assert.ok(card.body.measures.length > 0 && card.body.measures.every((m) => m.credit_class === 'D' || m.credit_class === 'blacklist'));
  expectError(await get(`/api/v1/credit/enterprises/${own}`, sessions.district2), 404, 'not_found');

  const before = await counts();
  expectError(await post('/api/v1/credit/repairs', { kind: 'rating', evaluation_id: draft.id, statement: '整改', evidence: '报告' }, sessions.district1), 403, 'forbidden');
  expectError(await post('/api/v1/credit/repairs', { kind: 'rating', evaluation_id: draft.id, statement: '', evidence: '报告' }, sessions.ent1_1), 422, 'required', 'statement');
  expectError(await post('/api/v1/credit/repairs', { kind: 'grade', evaluation_id: draft.id, statement: '整改', evidence: '报告' }, sessions.ent1_1), 422, 'invalid_repair_kind', 'kind');
  expectError(await post('/api/v1/credit/repairs', { kind: 'rating', evaluation_id: draft.id, statement: '整改', evidence: '报告', file_ids: [999999] }, sessions.ent1_1), 422, 'invalid_photo_ids', 'file_ids');
  assert.equal(await counts(), before);
  const applied = await post('/api/v1/credit/repairs', { kind: 'rating', evaluation_id: draft.id, statement: '已完成全部整改并作出公开承诺', evidence: '整改验收报告；全员培训记录' }, sessions.ent1_1);
  assert.equal(applied.status, 201, applied.text);
  expectError(await post('/api/v1/credit/repairs', { kind: 'rating', evaluation_id: draft.id, statement: '再次', evidence: '报告' }, sessions.ent1_1), 409, 'repair_open', 'kind');
  // The application rings the district's bureau (and the city's), not the enterprise nor another district.
  const rung = async (session, kind) => (await get('/api/v1/notifications?page_size=50', session)).body.items.filter((n) => n.kind === kind && n.params.repair_id === applied.body.id);
  const [asked] = await rung(sessions.district1, 'credit_repair_applied');
  assert.ok(asked, 'district 1 is asked to decide');
  assert.equal(asked.region_code, '990102000000');
  assert.equal(asked.params.repair_kind, 'rating');
  assert.equal(asked.params.status, 'applied');
  assert.equal((await rung(sessions.city, 'credit_repair_applied')).length, 1);
  assert.equal((await rung(sessions.district2, 'credit_repair_applied')).length, 0);
  assert.equal((await rung(sessions.ent1_1, 'credit_repair_applied')).length, 0);
  expectError(await post(`/api/v1/credit/repairs/${applied.body.id}/decision`, { version: applied.body.version, approve: true }, sessions.station1_1), 403, 'forbidden');
  expectError(await post(`/api/v1/credit/repairs/${applied.body.id}/decision`, { version: applied.body.version, approve: false }, sessions.district1), 422, 'required', 'note');
  const decided = await post(`/api/v1/credit/repairs/${applied.body.id}/decision`, { version: applied.body.version, approve: true, note: '经核查整改到位，同意修复' }, sessions.district1);
  const [told] = await rung(sessions.ent1_1, 'credit_repair_decided');
  assert.ok(told, 'the enterprise hears of the decision');
  assert.equal(told.params.status, 'approved');
  assert.equal(told.params.note, '经核查整改到位，同意修复');
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.body.status, 'approved');
  // No longer exposed: the lookup shows no class, the rating keeps its history.
  const found = await anonymous(`/api/v1/public/credit/lookup?q=${rated.body.uscc}`);
  assert.equal(found.body.items[0].credit_class, null);
  const history = await get(`/api/v1/credit/evaluations/${draft.id}`, sessions.district1);
  assert.equal(history.body.final_class, 'D');
  assert.ok(history.body.repaired_at);
  const mine = await get('/api/v1/credit/repairs', sessions.ent1_1);
  assert.ok(mine.body.items.some((r) => r.id === applied.body.id && r.decision_note === '经核查整改到位，同意修复'));

  // The measures for other departments, as XLSX.
  const file = await fetch(`${srv.url}/api/v1/credit/measures/export.xlsx?year=${YEAR}`, { headers: { Authorization: `Bearer ${sessions.district1.token}` } });
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-disposition'), 'attachment; filename="credit-measures.xlsx"');
  assert.deepEqual([...new Uint8Array(await file.arrayBuffer()).slice(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  const refused = await fetch(`${srv.url}/api/v1/credit/measures/export.xlsx`, { headers: { Authorization: `Bearer ${sessions.ent1_1.token}` } });
  assert.equal(refused.status, 403);
  const measures = await get('/api/v1/credit/measures', sessions.ent1_1);
  assert.ok(measures.body.items.some((m) => m.credit_class === 'blacklist'));
  expectError(await patch(`/api/v1/credit/measures/${measures.body.items[0].id}`, { version: measures.body.items[0].version, text: '' }), 422, 'invalid_text_length', 'text');
});

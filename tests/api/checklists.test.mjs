// Checklist templates (/checklists): the seeded templates and their items, the filters (purpose,
// q, the templates that apply to an enterprise), creation and revision by administrators and
// bureau officers with versions that stay readable, every validation error with its field,
// conflicts, and refused writes that change nothing. Inspections that keep the version they
// started with are checked here too; the hazard loop is in hazards.test.mjs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const admin = await login(srv.url, 'admin');
const sessions = { admin };
for (const name of ['city', 'district1', 'district2', 'station1_1', 'grid1_1_1', 'ent1_1', 'expert1']) {
  sessions[name] = await login(srv.url, name);
}

const FIELDS = ['id', 'code', 'name', 'purpose', 'hazard_tags', 'industry_code', 'current_version',
  'item_count', 'created_at', 'updated_at', 'version'];
const VERSION_FIELDS = ['id', 'number', 'note', 'created_by', 'created_at', 'items'];
const ITEM_FIELDS = ['id', 'position', 'text', 'category', 'legal_basis', 'points', 'major_hazard'];
const CATEGORIES = ['people', 'machines', 'materials', 'environment', 'management'];
const PURPOSES = ['patrol', 'scored', 'evaluation', 'diagnosis', 'major_hazard', 'campaign'];
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
// The seeded templates and how many items each starts with (null: at least one).
const SEEDED = {
  grid_patrol: 12,
  furnace: 22,
  annual_evaluation: 15,
  expert_diagnosis: 12,
  major_hazard_general: 3,
  major_hazard_dust: null,
  major_hazard_ammonia: null,
  major_hazard_confined_space: null,
};

const get = (path, as = admin) => api(srv.url, 'GET', path, { as });
const post = (path, body, as = admin) => api(srv.url, 'POST', path, { as, body });

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
async function detail(id, query = '', as = admin) {
  const r = await get(`/api/v1/checklists/${id}${query}`, as);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
async function byCode(code) {
  const found = (await all('/api/v1/checklists')).filter((c) => c.code === code);
  assert.equal(found.length, 1, `checklist ${code}`);
  return found[0];
}
async function auditTotal() {
  return (await get('/api/v1/audit?page_size=1')).body.total;
}
async function latestAudit(action) {
  const r = await get(`/api/v1/audit?entity=checklist&action=${action}&page_size=1`);
  assert.equal(r.status, 200, r.text);
  return r.body.items[0];
}
// What a refused write must leave as it was: every template with its current items, and the trail.
async function snapshot() {
  const list = await all('/api/v1/checklists');
  const details = [];
  for (const c of list) details.push(await detail(c.id));
  return { details, audit: await auditTotal() };
}

// Whether a template applies to an enterprise: the industry prefix, and one of its tags if any.
const appliesTo = (c, e) => e.industry_code.startsWith(c.industry_code) &&
  (c.hazard_tags.length === 0 || c.hazard_tags.some((t) => e.hazard_tags.includes(t)));

function checkShape(c) {
  assert.deepEqual(Object.keys(c).sort(), [...FIELDS].sort(), JSON.stringify(c));
  assert.ok(PURPOSES.includes(c.purpose), c.purpose);
  assert.ok(Array.isArray(c.hazard_tags));
  assert.match(c.created_at, INSTANT);
  assert.match(c.updated_at, INSTANT);
}
function checkDetail(d) {
  const { checklist_version: v, ...c } = d;
  checkShape(c);
  assert.deepEqual(Object.keys(v).sort(), [...VERSION_FIELDS].sort());
  assert.match(v.created_at, INSTANT);
  v.items.forEach((item, i) => {
    assert.deepEqual(Object.keys(item).sort(), [...ITEM_FIELDS].sort());
    assert.equal(item.position, i + 1, 'positions follow the order');
    assert.ok(CATEGORIES.includes(item.category), item.category);
    assert.ok(item.text.length > 0);
    assert.equal(typeof item.major_hazard, 'boolean');
    assert.ok(item.points === null || (Number.isInteger(item.points) && item.points >= 1 && item.points <= 12),
      `points ${item.points}`);
  });
  assert.equal(new Set(v.items.map((i) => i.id)).size, v.items.length, 'item ids are distinct');
}

const ITEMS = [
  { text: '主要负责人履行安全生产职责', category: 'people', legal_basis: '《安全生产法》第二十一条', points: 3 },
  { text: '设备防护装置齐全有效', category: 'machines', points: 2, major_hazard: true },
  { text: '危险化学品分类存放', category: 'materials' },
  { text: '作业场所通风良好', category: 'environment', legal_basis: '', points: null },
  { text: '安全管理制度健全', category: 'management', points: 12, major_hazard: false },
];
const expectedItems = (items) => items.map((item, i) => ({
  position: i + 1,
  text: item.text,
  category: item.category,
  legal_basis: item.legal_basis ?? '',
  points: item.points ?? null,
  major_hazard: item.major_hazard ?? false,
}));
const withoutIds = (items) => items.map(({ id, ...rest }) => rest);

// ---- the seeded templates ----------------------------------------------------------------------

test('the seeded templates: eight, with their items; the furnace list has 22 items each with points', async () => {
  const list = await all('/api/v1/checklists');
  const seeded = list.filter((c) => c.code in SEEDED);
  assert.deepEqual(seeded.map((c) => c.code).sort(), Object.keys(SEEDED).sort());
  for (const c of seeded) {
    checkShape(c);
    assert.equal(c.current_version, 1, c.code);
    const d = await detail(c.id);
    checkDetail(d);
    const { checklist_version: v, ...rest } = d;
    assert.deepEqual(rest, c, `${c.code}: the detail carries the listed record`);
    assert.equal(v.number, 1);
    assert.equal(v.created_by, 'system');
    assert.equal(c.item_count, v.items.length, c.code);
    if (SEEDED[c.code] === null) assert.ok(v.items.length > 0, c.code);
    else assert.equal(v.items.length, SEEDED[c.code], c.code);
    // ?version=1 is the same version.
    assert.deepEqual(await detail(c.id, '?version=1'), d, c.code);
  }
  const byCodes = Object.fromEntries(seeded.map((c) => [c.code, c]));
  assert.equal(byCodes.grid_patrol.purpose, 'patrol');
  assert.deepEqual(byCodes.grid_patrol.hazard_tags, []);
  const patrol = await detail(byCodes.grid_patrol.id);
  assert.ok(patrol.checklist_version.items.every((i) => i.points === null), 'the patrol list is unscored');

  const furnace = await detail(byCodes.furnace.id);
  assert.equal(furnace.purpose, 'scored');
  assert.deepEqual(furnace.hazard_tags, ['metallurgy']);
  assert.equal(furnace.checklist_version.items.length, 22);
  for (const item of furnace.checklist_version.items) {
    assert.ok(Number.isInteger(item.points) && item.points >= 1 && item.points <= 12, JSON.stringify(item));
  }
  assert.ok(furnace.checklist_version.items.some((i) => i.major_hazard), 'some furnace items are major-hazard criteria');
  for (const code of ['major_hazard_general', 'major_hazard_dust', 'major_hazard_ammonia', 'major_hazard_confined_space']) {
    assert.equal(byCodes[code].purpose, 'major_hazard', code);
  }
  assert.deepEqual(byCodes.major_hazard_dust.hazard_tags, ['dust_explosion']);
  assert.deepEqual(byCodes.major_hazard_ammonia.hazard_tags, ['ammonia_refrigeration']);
  assert.deepEqual(byCodes.major_hazard_confined_space.hazard_tags, ['confined_space']);
});

test('every signed-in role reads the templates; nobody else; absent ids and versions → 404', async () => {
  const furnace = await byCode('furnace');
  const reference = await detail(furnace.id);
  for (const who of ['city', 'district1', 'district2', 'station1_1', 'grid1_1_1', 'ent1_1', 'expert1']) {
    const list = await get('/api/v1/checklists?page_size=200', sessions[who]);
    assert.equal(list.status, 200, `${who}: ${list.text}`);
    assert.ok(list.body.items.some((c) => c.code === 'furnace'), who);
    assert.deepEqual(await detail(furnace.id, '', sessions[who]), reference, who);
  }
  assert.equal((await api(srv.url, 'GET', '/api/v1/checklists')).status, 401);
  assert.equal((await api(srv.url, 'GET', `/api/v1/checklists/${furnace.id}`)).status, 401);
  expectError(await get('/api/v1/checklists/999999'), 404, 'not_found');
  expectError(await get('/api/v1/checklists/abc'), 404, 'not_found');
  expectError(await get(`/api/v1/checklists/${furnace.id}?version=2`), 404, 'not_found', undefined, 'no version 2');
  expectError(await get(`/api/v1/checklists/${furnace.id}?version=0`), 404, 'not_found', undefined, 'version 0');
  expectError(await get(`/api/v1/checklists/${furnace.id}?version=abc`), 422, 'invalid_integer', 'version');
});

test('list: purpose and q filters and paging checked against the whole list; bad parameters → 422', async () => {
  const everything = await all('/api/v1/checklists');
  assert.ok(everything.length >= 8);
  const ids = (items) => items.map((c) => c.id);
  for (const purpose of PURPOSES) {
    const got = await all(`/api/v1/checklists?purpose=${purpose}`);
    assert.deepEqual(ids(got), ids(everything.filter((c) => c.purpose === purpose)), purpose);
  }
  assert.equal((await all('/api/v1/checklists?purpose=major_hazard')).length, 4);
  for (const q of ['重大事故隐患', '冶金', '粉尘', '不存在的名称']) {
    const got = await all(`/api/v1/checklists?q=${encodeURIComponent(q)}`);
    assert.deepEqual(ids(got), ids(everything.filter((c) => c.name.includes(q))), q);
  }
  const combined = await all(`/api/v1/checklists?purpose=major_hazard&q=${encodeURIComponent('粉尘')}`);
  assert.deepEqual(combined.map((c) => c.code), ['major_hazard_dust']);

  const second = await get('/api/v1/checklists?page=2&page_size=3');
  assert.equal(second.status, 200, second.text);
  assert.deepEqual(Object.keys(second.body).sort(), ['items', 'page', 'page_size', 'total']);
  assert.equal(second.body.total, everything.length);
  assert.equal(second.body.page, 2);
  assert.equal(second.body.page_size, 3);
  assert.deepEqual(ids(second.body.items), ids(everything.slice(3, 6)));
  const defaults = await get('/api/v1/checklists');
  assert.equal(defaults.body.page_size, 20);
  for (const [query, code, field] of [
    ['page=0', 'invalid_page', undefined],
    ['page_size=201', 'invalid_page', undefined],
    ['enterprise_id=abc', 'invalid_integer', 'enterprise_id'],
    ['enterprise_id=1.5', 'invalid_integer', 'enterprise_id'],
  ]) {
    expectError(await get(`/api/v1/checklists?${query}`), 422, code, field, query);
  }
});

test('enterprise_id: the templates that apply to the enterprise (metallurgy gets furnace); out of scope → 404', async () => {
  const everything = await all('/api/v1/checklists');
  const metallurgy = await get('/api/v1/enterprises?tag=metallurgy&page_size=200');
  assert.equal(metallurgy.status, 200, metallurgy.text);
  assert.ok(metallurgy.body.total > 0, 'the demo has metallurgy enterprises');
  const smelter = metallurgy.body.items[0];
  assert.ok(smelter.hazard_tags.includes('metallurgy'));
  const enterprises = await all('/api/v1/enterprises?region_code=990102001000');
  const plain = enterprises.find((e) => !e.hazard_tags.includes('metallurgy'));
  assert.ok(plain, 'an enterprise without the metallurgy tag');

  const codes = async (e, as = admin) => (await all(`/api/v1/checklists?enterprise_id=${e.id}`, as)).map((c) => c.code);
  assert.ok((await codes(smelter)).includes('furnace'), 'a metallurgy enterprise gets the furnace list');
  assert.ok(!(await codes(plain)).includes('furnace'), 'an enterprise without the tag does not');
  assert.ok((await codes(plain)).includes('grid_patrol'), 'a template with no tags applies to everyone');

  // Every enterprise of a town and the metallurgy ones: exactly the templates that apply.
  for (const e of [...enterprises, ...metallurgy.body.items.slice(0, 10)]) {
    const expected = everything.filter((c) => appliesTo(c, e)).map((c) => c.code);
    assert.deepEqual(await codes(e), expected, `enterprise ${e.id} ${e.hazard_tags} ${e.industry_code}`);
  }
  // Combined with purpose.
  const scored = await all(`/api/v1/checklists?enterprise_id=${smelter.id}&purpose=scored`);
  assert.ok(scored.some((c) => c.code === 'furnace'));
  assert.ok(scored.every((c) => c.purpose === 'scored'));

  // The enterprise must be in the caller's scope; the templates themselves are not scoped.
  const own = sessions.ent1_1.user.enterprise_id;
  const ownRecord = (await get(`/api/v1/enterprises/${own}`)).body;
  assert.deepEqual(await codes(ownRecord, sessions.ent1_1), everything.filter((c) => appliesTo(c, ownRecord)).map((c) => c.code));
  assert.deepEqual(await codes(ownRecord, sessions.grid1_1_1), await codes(ownRecord));
  const elsewhere = (await get('/api/v1/enterprises?region_code=990103001001&page_size=1')).body.items[0];
  const otherTown = (await get('/api/v1/enterprises?region_code=990102002001&page_size=1')).body.items[0];
  for (const [who, id] of [['district1', elsewhere.id], ['district2', own], ['station1_1', otherTown.id],
    ['grid1_1_1', otherTown.id], ['ent1_1', otherTown.id], ['expert1', own], ['admin', 999999]]) {
    expectError(await get(`/api/v1/checklists?enterprise_id=${id}`, sessions[who]), 404, 'not_found', undefined, `${who} ${id}`);
  }
  assert.equal((await get(`/api/v1/checklists?enterprise_id=${elsewhere.id}`, sessions.district2)).status, 200);
});

// ---- writing templates -------------------------------------------------------------------------

test('create as administrator: the detail, the list, the audit trail; a bureau officer creates too', async () => {
  const audit0 = await auditTotal();
  const body = {
    code: 'spring_festival_2027', name: '春节前安全专项检查表', purpose: 'campaign',
    hazard_tags: ['metallurgy', 'dust_explosion'], industry_code: 'C', note: '春节专项', items: ITEMS,
  };
  const r = await post('/api/v1/checklists', body);
  assert.equal(r.status, 201, r.text);
  const d = r.body;
  checkDetail(d);
  assert.equal(d.code, body.code);
  assert.equal(d.name, body.name);
  assert.equal(d.purpose, 'campaign');
  assert.deepEqual(d.hazard_tags.sort(), ['dust_explosion', 'metallurgy']);
  assert.equal(d.industry_code, 'C');
  assert.equal(d.current_version, 1);
  assert.equal(d.version, 1);
  assert.equal(d.item_count, ITEMS.length);
  assert.equal(d.created_at, d.updated_at);
  assert.equal(d.checklist_version.number, 1);
  assert.equal(d.checklist_version.note, '春节专项');
  assert.equal(d.checklist_version.created_by, 'admin');
  assert.deepEqual(withoutIds(d.checklist_version.items), expectedItems(ITEMS));
  assert.deepEqual(await detail(d.id), d, 'read back as created');
  const { checklist_version: _v, ...listed } = d;
  assert.deepEqual((await all('/api/v1/checklists')).find((c) => c.id === d.id), listed);
  assert.equal(await auditTotal(), audit0 + 1);
  const entry = await latestAudit('create');
  assert.equal(entry.entity_id, String(d.id));
  assert.equal(entry.actor_username, 'admin');
  assert.equal(entry.before, null);
  assert.equal(entry.after.code, body.code);

  // Applies to a metallurgy enterprise of manufacturing (C…), not to a restaurant.
  const smelter = (await get('/api/v1/enterprises?tag=metallurgy&page_size=200')).body.items
    .find((e) => e.industry_code.startsWith('C'));
  if (smelter) {
    assert.ok((await all(`/api/v1/checklists?enterprise_id=${smelter.id}`)).some((c) => c.id === d.id));
  }

  // Minimal body: tags, industry and note default to empty.
  const bureau = await post('/api/v1/checklists', {
    code: 'district_enforcement_2027', name: '区级执法检查表', purpose: 'scored',
    items: [{ text: '隐患排查治理制度落实', category: 'management', points: 2 }],
  }, sessions.district1);
  assert.equal(bureau.status, 201, bureau.text);
  assert.deepEqual(bureau.body.hazard_tags, []);
  assert.equal(bureau.body.industry_code, '');
  assert.equal(bureau.body.checklist_version.note, '');
  assert.equal(bureau.body.checklist_version.created_by, 'district1');
  const city = await post('/api/v1/checklists', {
    code: 'city_campaign', name: '市级专项', purpose: 'campaign', items: [{ text: '检查项', category: 'people' }],
  }, sessions.city);
  assert.equal(city.status, 201, city.text);
  // Everyone reads what a bureau wrote.
  assert.equal((await get(`/api/v1/checklists/${bureau.body.id}`, sessions.district2)).status, 200);
});

test('revise: version 2 becomes current, version 1 stays readable; stale version → 409; inspections keep theirs', async () => {
  const created = await post('/api/v1/checklists', {
    code: 'revised_list', name: '待修订检查表', purpose: 'patrol', note: '第一版', items: ITEMS.slice(0, 3),
  });
  assert.equal(created.status, 201, created.text);
  const v1 = created.body;
  const own = sessions.ent1_1.user.enterprise_id;
  // An inspection started on version 1.
  const before = await post('/api/v1/inspections', { enterprise_id: own, kind: 'town_routine', checklist_id: v1.id },
    sessions.station1_1);
  assert.equal(before.status, 201, before.text);
  assert.equal(before.body.checklist_version_id, v1.checklist_version.id);

  const audit0 = await auditTotal();
  const newItems = [...ITEMS.slice(1), { text: '新增：动火作业审批', category: 'management', points: 4 }];
  const r = await post(`/api/v1/checklists/${v1.id}/versions`, {
    version: 1, name: '已修订检查表', note: '第二版：增加动火作业', items: newItems,
  }, sessions.district1);
  assert.equal(r.status, 201, r.text);
  const v2 = r.body;
  checkDetail(v2);
  assert.equal(v2.id, v1.id);
  assert.equal(v2.code, 'revised_list');
  assert.equal(v2.name, '已修订检查表');
  assert.equal(v2.purpose, 'patrol', 'unchanged fields stay');
  assert.equal(v2.current_version, 2);
  assert.equal(v2.version, 2);
  assert.equal(v2.item_count, newItems.length);
  assert.equal(v2.created_at, v1.created_at);
  assert.equal(v2.checklist_version.number, 2);
  assert.equal(v2.checklist_version.note, '第二版：增加动火作业');
  assert.equal(v2.checklist_version.created_by, 'district1');
  assert.notEqual(v2.checklist_version.id, v1.checklist_version.id);
  assert.deepEqual(withoutIds(v2.checklist_version.items), expectedItems(newItems));
  assert.deepEqual(await detail(v1.id), v2, 'the current version by default');
  assert.deepEqual(await detail(v1.id, '?version=2'), v2);
  const old = await detail(v1.id, '?version=1');
  assert.deepEqual(old.checklist_version, v1.checklist_version, 'version 1 as it was written');
  assert.equal(old.current_version, 2);
  assert.equal(await auditTotal(), audit0 + 1);
  const entry = await latestAudit('revise');
  assert.equal(entry.entity_id, String(v1.id));
  assert.equal(entry.actor_username, 'district1');

  // Stale: nothing changes.
  const state = await snapshot();
  expectError(await post(`/api/v1/checklists/${v1.id}/versions`, { version: 1, items: ITEMS }), 409, 'stale_version', 'version');
  expectError(await post(`/api/v1/checklists/${v1.id}/versions`, { version: 3, items: ITEMS }), 409, 'stale_version', 'version');
  expectError(await post(`/api/v1/checklists/${v1.id}/versions`, { items: ITEMS }), 422, 'required', 'version');
  expectError(await post(`/api/v1/checklists/${v1.id}/versions`, { version: '2', items: ITEMS }), 422, 'invalid_type', 'version');
  expectError(await post(`/api/v1/checklists/${v1.id}/versions`, { version: 2 }), 422, 'required', 'items');
  expectError(await post('/api/v1/checklists/999999/versions', { version: 1, items: ITEMS }), 404, 'not_found');
  assert.deepEqual(await snapshot(), state, 'a refused revision changed something');
  expectError(await get(`/api/v1/checklists/${v1.id}?version=3`), 404, 'not_found');

  // Two revisions on the same version: one wins.
  const results = await Promise.all([0, 1, 2, 3].map((k) => post(`/api/v1/checklists/${v1.id}/versions`,
    { version: 2, note: `并发${k}`, items: ITEMS.slice(0, k + 1) })));
  assert.deepEqual(results.map((x) => x.status).sort(), [201, 409, 409, 409], results.map((x) => x.text).join('\n'));
  const winner = results.find((x) => x.status === 201).body;
  assert.equal(winner.current_version, 3);
  assert.deepEqual(await detail(v1.id), winner);
  expectError(await get(`/api/v1/checklists/${v1.id}?version=4`), 404, 'not_found');

  // The inspection started on version 1 keeps version 1's items; a new one gets the current version.
  const kept = await get(`/api/v1/inspections/${before.body.id}`, sessions.station1_1);
  assert.equal(kept.status, 200, kept.text);
  assert.equal(kept.body.checklist_version_id, v1.checklist_version.id);
  assert.deepEqual(kept.body.items, v1.checklist_version.items);
  assert.equal(kept.body.checklist_name, '已修订检查表', 'the template is named as it is now');
  const after = await post('/api/v1/inspections', { enterprise_id: own, kind: 'town_routine', checklist_id: v1.id },
    sessions.station1_1);
  assert.equal(after.status, 201, after.text);
  assert.equal(after.body.checklist_version_id, winner.checklist_version.id);
  assert.deepEqual(after.body.items, winner.checklist_version.items);
  // A result for an item of another version is refused.
  const foreign = await api(srv.url, 'PATCH', `/api/v1/inspections/${before.body.id}`, {
    as: sessions.station1_1,
    body: { version: 1, results: [{ item_id: winner.checklist_version.items.at(-1).id, result: 'conforming' }] },
  });
  expectError(foreign, 422, 'unknown_checklist_item', 'results[0].item_id');

  // Revising the template's own fields: tags and industry, validated like at creation.
  const retag = await post(`/api/v1/checklists/${v1.id}/versions`,
    { version: 3, hazard_tags: ['metallurgy'], industry_code: 'C32', purpose: 'scored', items: ITEMS });
  assert.equal(retag.status, 201, retag.text);
  assert.deepEqual(retag.body.hazard_tags, ['metallurgy']);
  assert.equal(retag.body.industry_code, 'C32');
  assert.equal(retag.body.purpose, 'scored');
  assert.equal(retag.body.name, '已修订检查表');
  assert.equal(retag.body.checklist_version.note, '');
});

test('who writes: administrators and bureau officers; station, grid, enterprise and expert → 403, nothing written', async () => {
  const target = await byCode('grid_patrol');
  const state = await snapshot();
  const body = { code: 'not_allowed', name: '无权创建', purpose: 'patrol', items: ITEMS };
  for (const who of ['station1_1', 'grid1_1_1', 'ent1_1', 'expert1']) {
    expectError(await post('/api/v1/checklists', body, sessions[who]), 403, 'forbidden', undefined, `${who} create`);
    expectError(await post(`/api/v1/checklists/${target.id}/versions`, { version: target.version, items: ITEMS }, sessions[who]),
      403, 'forbidden', undefined, `${who} revise`);
  }
  assert.equal((await api(srv.url, 'POST', '/api/v1/checklists', { body })).status, 401);
  assert.equal((await api(srv.url, 'POST', `/api/v1/checklists/${target.id}/versions`,
    { body: { version: 1, items: ITEMS } })).status, 401);
  assert.deepEqual(await snapshot(), state, 'a refused write changed something');
});

test('validation: every error with its field (items by index), on create and on revise; nothing written', async () => {
  const base = { code: 'valid_code', name: '校验检查表', purpose: 'patrol', items: ITEMS };
  const item = ITEMS[0];
  const many = Array.from({ length: 501 }, (_, i) => ({ text: `检查项${i}`, category: 'people' }));
  const long = (n) => '长'.repeat(n);
  // [changes to the body, status, code, field]
  const cases = [
    [{ code: undefined }, 422, 'required', 'code'],
    [{ name: undefined }, 422, 'required', 'name'],
    [{ purpose: undefined }, 422, 'required', 'purpose'],
    [{ items: undefined }, 422, 'required', 'items'],
    [{ code: 5 }, 422, 'invalid_type', 'code'],
    [{ code: 'Upper' }, 422, 'invalid_checklist_code', 'code'],
    [{ code: '1abc' }, 422, 'invalid_checklist_code', 'code'],
    [{ code: 'a' }, 422, 'invalid_checklist_code', 'code'],
    [{ code: 'has space' }, 422, 'invalid_checklist_code', 'code'],
    [{ code: `a${'b'.repeat(50)}` }, 422, 'invalid_checklist_code', 'code'],
    [{ name: '' }, 422, 'invalid_checklist_name', 'name'],
    [{ name: long(101) }, 422, 'invalid_checklist_name', 'name'],
    [{ purpose: 'inspection' }, 422, 'invalid_checklist_purpose', 'purpose'],
    [{ hazard_tags: ['no_such_tag'] }, 422, 'unknown_tag', 'hazard_tags'],
    [{ hazard_tags: 'metallurgy' }, 422, 'invalid_type', 'hazard_tags'],
    [{ hazard_tags: [1] }, 422, 'invalid_type', 'hazard_tags'],
    [{ industry_code: 'C123456' }, 422, 'unknown_industry', 'industry_code'],
    [{ note: long(201) }, 422, 'invalid_text_length', 'note'],
    [{ extra: 1 }, 422, 'unknown_field', 'extra'],
    [{ items: [] }, 422, 'invalid_item_count', 'items'],
    [{ items: many }, 422, 'invalid_item_count', 'items'],
    [{ items: item }, 422, 'invalid_type', 'items'],
    [{ items: ['文本'] }, 422, 'invalid_type', 'items[0]'],
    [{ items: [{ category: 'people' }] }, 422, 'required', 'items[0].text'],
    [{ items: [item, { text: '缺类别' }] }, 422, 'required', 'items[1].category'],
    [{ items: [{ ...item, category: 'person' }] }, 422, 'invalid_item_category', 'items[0].category'],
    [{ items: [item, item, { ...item, category: '' }] }, 422, 'invalid_item_category', 'items[2].category'],
    [{ items: [item, { ...item, text: '' }] }, 422, 'invalid_item_text', 'items[1].text'],
    [{ items: [{ ...item, text: long(501) }] }, 422, 'invalid_item_text', 'items[0].text'],
    [{ items: [{ ...item, legal_basis: long(301) }] }, 422, 'invalid_text_length', 'items[0].legal_basis'],
    [{ items: [{ ...item, points: 0 }] }, 422, 'invalid_item_points', 'items[0].points'],
    [{ items: [item, { ...item, points: 13 }] }, 422, 'invalid_item_points', 'items[1].points'],
    [{ items: [{ ...item, points: -1 }] }, 422, 'invalid_item_points', 'items[0].points'],
    [{ items: [{ ...item, points: '3' }] }, 422, 'invalid_type', 'items[0].points'],
    [{ items: [{ ...item, points: 1.5 }] }, 422, 'invalid_type', 'items[0].points'],
    [{ items: [{ ...item, major_hazard: 'yes' }] }, 422, 'invalid_type', 'items[0].major_hazard'],
    [{ items: [{ ...item, text: 7 }] }, 422, 'invalid_type', 'items[0].text'],
    [{ items: [{ ...item, id: 5 }] }, 422, 'unknown_field', 'items[0].id'],
    [{ items: [item, { ...item, position: 1 }] }, 422, 'unknown_field', 'items[1].position'],
  ];
  const target = await byCode('annual_evaluation');
  const state = await snapshot();
  for (const [changes, status, code, field] of cases) {
    const body = { ...base };
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete body[k];
      else body[k] = v;
    }
    expectError(await post('/api/v1/checklists', body), status, code, field, `create ${JSON.stringify(changes).slice(0, 120)}`);
    if ('code' in changes || changes.extra !== undefined) continue; // a revision has no code
    // The same problems in a revision (the template's fields are optional there).
    const revision = { version: target.version, ...body };
    delete revision.code;
    if (changes.name === undefined && 'name' in changes) continue;
    if (changes.purpose === undefined && 'purpose' in changes) continue;
    expectError(await post(`/api/v1/checklists/${target.id}/versions`, revision), status, code, field,
      `revise ${JSON.stringify(changes).slice(0, 120)}`);
  }
  for (const [body, status, code] of [['{', 400, 'invalid_json'], ['[]', 400, 'invalid_body']]) {
    const r = await api(srv.url, 'POST', '/api/v1/checklists', { as: admin, body, headers: { 'Content-Type': 'application/json' } });
    expectError(r, status, code, undefined, body);
  }
  expectError(await post(`/api/v1/checklists/${target.id}/versions`, { version: target.version, code: 'renamed', items: ITEMS }),
    422, 'unknown_field', 'code', 'the code never changes');
  assert.deepEqual(await snapshot(), state, 'a refused write changed something');

  // The boundaries that pass.
  const edge = await post('/api/v1/checklists', {
    code: `a${'b'.repeat(49)}`, name: long(100), purpose: 'diagnosis', note: long(200),
    items: [{ text: long(500), category: 'people', legal_basis: long(300), points: 1 }, { text: '十二分', category: 'management', points: 12 }],
  });
  assert.equal(edge.status, 201, edge.text);
  assert.equal(edge.body.item_count, 2);
  const big = await post('/api/v1/checklists', { code: 'five_hundred', name: '五百项', purpose: 'evaluation', items: many.slice(0, 500) });
  assert.equal(big.status, 201, big.text);
  assert.equal(big.body.item_count, 500);
  assert.equal(big.body.checklist_version.items.at(-1).position, 500);
});

test('duplicate code → 409 checklist_code_taken, also against a seeded code and under concurrency', async () => {
  const body = { code: 'duplicate_me', name: '重复编码', purpose: 'patrol', items: ITEMS };
  const first = await post('/api/v1/checklists', body);
  assert.equal(first.status, 201, first.text);
  const state = await snapshot();
  expectError(await post('/api/v1/checklists', body), 409, 'checklist_code_taken', 'code', 'again');
  expectError(await post('/api/v1/checklists', { ...body, name: '另一个名字' }, sessions.district1), 409, 'checklist_code_taken', 'code', 'bureau');
  expectError(await post('/api/v1/checklists', { ...body, code: 'furnace' }), 409, 'checklist_code_taken', 'code', 'seeded');
  assert.deepEqual(await snapshot(), state, 'a refused duplicate changed something');

  const results = await Promise.all([1, 2, 3, 4].map((k) => post('/api/v1/checklists', { ...body, code: 'raced_code', name: `并发${k}` })));
  assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409, 409], results.map((r) => r.text).join('\n'));
  for (const r of results.filter((x) => x.status === 409)) assert.equal(r.body.error.code, 'checklist_code_taken');
  assert.equal((await all('/api/v1/checklists')).filter((c) => c.code === 'raced_code').length, 1);
});

test('Accept-Language: en gives English messages for the checklist errors', async () => {
  const target = await byCode('grid_patrol');
  const cases = [
    ['/api/v1/checklists', { code: 'furnace', name: 'x', purpose: 'patrol', items: ITEMS }, 'checklist_code_taken'],
    ['/api/v1/checklists', { code: 'en_test', name: 'x', purpose: 'patrol', items: [{ text: 'x', category: 'bad' }] }, 'invalid_item_category'],
    [`/api/v1/checklists/${target.id}/versions`, { version: 99, items: ITEMS }, 'stale_version'],
  ];
  for (const [path, body, code] of cases) {
    const zh = await post(path, body);
    const en = await api(srv.url, 'POST', path, { as: admin, body, headers: { 'Accept-Language': 'en' } });
    assert.equal(zh.body.error.code, code, zh.text);
    assert.equal(en.body.error.code, code, en.text);
    assert.match(zh.body.error.message, /[\u4e00-\u9fff]/, `${code}: Chinese by default: ${zh.text}`);
    assert.doesNotMatch(en.body.error.message, /[\u4e00-\u9fff]/, `${code}: English: ${en.text}`);
    assert.notEqual(en.body.error.message, code, `${code}: a message, not the code`);
  }
});

// The enterprise registry: /enterprises, /industries, /hazard-tags. Creation and audit, every
// validation error (with its field), conflicts, filters and sorts checked against the data,
// the enterprise account's own-record rules and the station's town boundary.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, completeUscc, USCC_ALPHABET as ALPHABET, DEMO_ENTERPRISES } from './harness.mjs';

let serial = 0;
// A fresh valid code ("TE" organisation codes never occur in the demo, which uses "MA").
function newUscc(region = '990102') {
  serial += 1;
  let n = serial * 7 + (process.pid % 1000) * 100_000;
  let tail = '';
  for (let k = 0; k < 6; k++) { tail = ALPHABET[n % 31] + tail; n = Math.floor(n / 31); }
  return completeUscc(`91${region}TE${tail}`);
}
// Another alphabet character than `c`.
const other = (c) => (c === '1' ? '2' : '1');

// ---- server and sessions ---------------------------------------------------------------------
const srv = await startServer();
after(() => srv.stop());
const admin = await login(srv.url, 'admin');
const sessions = {
  admin,
  district1: await login(srv.url, 'district1'),
  station1_1: await login(srv.url, 'station1_1'),
  grid1_1_1: await login(srv.url, 'grid1_1_1'),
  expert1: await login(srv.url, 'expert1'),
  ent1_1: await login(srv.url, 'ent1_1'),
};

const V = {
  d1t1v1: '990102001001', // station1_1's town
  d1t1v2: '990102001002',
  d1t2v1: '990102002001', // another town of district 1
  d2t1v1: '990103001001',
};

const get = (path, as = admin) => api(srv.url, 'GET', path, { as });
const post = (body, as = admin) => api(srv.url, 'POST', '/api/v1/enterprises', { as, body });
const patch = (id, body, as = admin) => api(srv.url, 'PATCH', `/api/v1/enterprises/${id}`, { as, body });

function newBody(overrides = {}) {
  return {
    uscc: newUscc(),
    name: '江川市清源测试制品有限公司',
    region_code: V.d1t1v1,
    industry_code: 'C33',
    ...overrides,
  };
}

async function create(overrides = {}, as = admin) {
  const r = await post(newBody(overrides), as);
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// Every enterprise visible to `as` for `query`, following pages.
async function all(query = '', as = admin) {
  const out = [];
  for (let page = 1; ; page += 1) {
    const r = await get(`/api/v1/enterprises?page_size=200&page=${page}${query ? `&${query}` : ''}`, as);
    assert.equal(r.status, 200, `${query}: ${r.text}`);
    out.push(...r.body.items);
    if (out.length >= r.body.total || r.body.items.length === 0) {
      assert.equal(out.length, r.body.total, `${query}: total and items disagree`);
      return out;
    }
  }
}

async function counts() {
  const e = await get('/api/v1/enterprises?page_size=1');
  const a = await get('/api/v1/audit?page_size=1');
  assert.equal(e.status, 200);
  assert.equal(a.status, 200);
  return { enterprises: e.body.total, audit: a.body.total };
}

const FIELDS = ['id', 'uscc', 'name', 'region_code', 'grid_cell_id', 'industry_code', 'scale', 'employees',
  'frontline_workers', 'safety_inspectors', 'inspectors_below_minimum', 'hazard_tags', 'address',
  'longitude', 'latitude', 'status', 'standardization_level', 'standardization_expiry',
  'created_at', 'updated_at', 'version'];

// ---- tests -----------------------------------------------------------------------------------

test('the demo has the requested number of enterprises, two per village', async () => {
  const r = await get('/api/v1/enterprises?page_size=1');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, DEMO_ENTERPRISES);
  assert.deepEqual(Object.keys(r.body.items[0]).sort(), [...FIELDS].sort());
  const village = await get(`/api/v1/enterprises?region_code=${V.d1t1v1}`);
  assert.equal(village.body.total, Math.floor(DEMO_ENTERPRISES / 600) + (DEMO_ENTERPRISES % 600 > 0 ? 1 : 0));
});

test('create: 201 with defaults, tags sorted and unique, an audit entry, readable by id', async () => {
  const before = await counts();
  const body = newBody({
    name: '江川市清源鑫达金属制品有限公司',
    employees: 120,
    frontline_workers: 90,
    safety_inspectors: 5,
    hazard_tags: ['metallurgy', 'confined_space', 'metallurgy'],
    address: '清源区东安街道幸福社区 8 号',
    longitude: 118.25,
    latitude: 28.35,
    standardization_level: 3,
    standardization_expiry: '2027-06-30',
  });
  const r = await post(body);
  assert.equal(r.status, 201, r.text);
  const e = r.body;
  assert.deepEqual(Object.keys(e).sort(), [...FIELDS].sort());
  assert.ok(Number.isInteger(e.id) && e.id > DEMO_ENTERPRISES);
  for (const key of ['uscc', 'name', 'region_code', 'industry_code', 'employees', 'frontline_workers',
    'safety_inspectors', 'address', 'longitude', 'latitude', 'standardization_level', 'standardization_expiry']) {
    assert.deepEqual(e[key], body[key], key);
  }
  assert.deepEqual(e.hazard_tags, ['confined_space', 'metallurgy']);
  assert.equal(e.scale, 'below');
  assert.equal(e.status, 'operating');
  assert.equal(e.version, 1);
  assert.equal(e.inspectors_below_minimum, false); // 5 of 90 is over 5%
  assert.match(e.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.equal(e.updated_at, e.created_at);

  const read = await get(`/api/v1/enterprises/${e.id}`);
  assert.equal(read.status, 200);
  assert.deepEqual(read.body, e);

  const after = await counts();
  assert.equal(after.enterprises, before.enterprises + 1);
  assert.equal(after.audit, before.audit + 1);
  const audit = await get('/api/v1/audit?entity=enterprise&action=create&actor=admin&page_size=5');
  const entry = audit.body.items.find((x) => x.entity_id === String(e.id));
  assert.ok(entry, audit.text);
  assert.equal(entry.before, null);
  assert.equal(entry.after.uscc, body.uscc);
  assert.equal(entry.after.name, body.name);

  // Minimal body: only the four required fields.
  const minimal = await create();
  assert.equal(minimal.employees, 0);
  assert.deepEqual(minimal.hazard_tags, []);
  assert.equal(minimal.address, '');
  assert.equal(minimal.longitude, null);
  assert.equal(minimal.latitude, null);
  assert.equal(minimal.standardization_level, null);
  assert.equal(minimal.standardization_expiry, null);
  assert.equal(minimal.inspectors_below_minimum, false);
});

test('validation errors: status, code and field; nothing is added or audited', async () => {
  const good = newUscc();
  const cases = [
    // uscc, in the order the rules apply
    [{ uscc: good.slice(0, 17) }, 422, 'uscc_length', 'uscc'],
    [{ uscc: `${good}1` }, 422, 'uscc_length', 'uscc'],
    [{ uscc: '' }, 422, 'uscc_length', 'uscc'],
    [{ uscc: good.toLowerCase() }, 422, 'uscc_lowercase', 'uscc'],
    [{ uscc: `I${good.slice(1)}` }, 422, 'uscc_character', 'uscc'],
    [{ uscc: `${good.slice(0, 17)}O` }, 422, 'uscc_character', 'uscc'],
    [{ uscc: `${good.slice(0, 5)}-${good.slice(6)}` }, 422, 'uscc_character', 'uscc'],
    [{ uscc: `${good.slice(0, 16)}${other(good[16])}${good[17]}` }, 422, 'uscc_org_check', 'uscc'],
    [{ uscc: `${good.slice(0, 17)}${other(good[17])}` }, 422, 'uscc_check', 'uscc'],
    // names and places
    [{ name: '' }, 422, 'invalid_name', 'name'],
    [{ name: '企'.repeat(101) }, 422, 'invalid_name', 'name'],
    [{ region_code: '990102001000' }, 422, 'region_not_village', 'region_code'],
    [{ region_code: '990102000000' }, 422, 'region_not_village', 'region_code'],
    [{ region_code: '12345' }, 422, 'region_not_village', 'region_code'],
    [{ industry_code: 'C99' }, 422, 'unknown_industry', 'industry_code'],
    [{ industry_code: 'Z' }, 422, 'unknown_industry', 'industry_code'],
    [{ industry_code: '' }, 422, 'required', 'industry_code'],
    [{ hazard_tags: ['metallurgy', 'nope'] }, 422, 'unknown_tag', 'hazard_tags'],
    [{ hazard_tags: ['%'] }, 422, 'unknown_tag', 'hazard_tags'],
    [{ address: '址'.repeat(201) }, 422, 'invalid_address', 'address'],
    // numbers
    [{ employees: -1 }, 422, 'invalid_count', 'employees'],
    [{ employees: 10, frontline_workers: 11 }, 422, 'frontline_over_employees', 'frontline_workers'],
    [{ frontline_workers: 1 }, 422, 'frontline_over_employees', 'frontline_workers'],
    [{ employees: 10, frontline_workers: -1 }, 422, 'frontline_over_employees', 'frontline_workers'],
    [{ employees: 10, frontline_workers: 5, safety_inspectors: 6 }, 422, 'inspectors_over_frontline', 'safety_inspectors'],
    [{ employees: 10, frontline_workers: 5, safety_inspectors: -1 }, 422, 'inspectors_over_frontline', 'safety_inspectors'],
    // coordinates
    [{ longitude: 118.2 }, 422, 'coordinates_incomplete', 'latitude'],
    [{ latitude: 28.3 }, 422, 'coordinates_incomplete', 'longitude'],
    [{ longitude: 118.2, latitude: null }, 422, 'coordinates_incomplete', 'latitude'],
    [{ longitude: 180.5, latitude: 28.3 }, 422, 'invalid_coordinates', 'longitude'],
    [{ longitude: -181, latitude: 28.3 }, 422, 'invalid_coordinates', 'longitude'],
    [{ longitude: 118.2, latitude: 90.01 }, 422, 'invalid_coordinates', 'latitude'],
    [{ longitude: 118.2, latitude: -91 }, 422, 'invalid_coordinates', 'latitude'],
    // enumerations and dates
    [{ status: 'open' }, 422, 'invalid_status', 'status'],
    [{ status: '' }, 422, 'invalid_status', 'status'],
    [{ scale: 'big' }, 422, 'invalid_scale', 'scale'],
    [{ scale: 'ABOVE' }, 422, 'invalid_scale', 'scale'],
    [{ standardization_level: 0 }, 422, 'invalid_standardization_level', 'standardization_level'],
    [{ standardization_level: 4 }, 422, 'invalid_standardization_level', 'standardization_level'],
    [{ standardization_expiry: '2026-02-30' }, 422, 'invalid_date', 'standardization_expiry'],
    [{ standardization_expiry: '30/06/2027' }, 422, 'invalid_date', 'standardization_expiry'],
    // JSON types
    [{ uscc: 913301 }, 422, 'invalid_type', 'uscc'],
    [{ name: ['a'] }, 422, 'invalid_type', 'name'],
    [{ region_code: 990102001001 }, 422, 'invalid_type', 'region_code'],
    [{ employees: '10' }, 422, 'invalid_type', 'employees'],
    [{ employees: 10.5 }, 422, 'invalid_type', 'employees'],
    [{ frontline_workers: true }, 422, 'invalid_type', 'frontline_workers'],
    [{ hazard_tags: 'metallurgy' }, 422, 'invalid_type', 'hazard_tags'],
    [{ hazard_tags: [1] }, 422, 'invalid_type', 'hazard_tags'],
    [{ longitude: '118.2', latitude: 28.3 }, 422, 'invalid_type', 'longitude'],
    [{ longitude: 118.2, latitude: {} }, 422, 'invalid_type', 'latitude'],
    [{ standardization_level: '3' }, 422, 'invalid_type', 'standardization_level'],
    [{ standardization_expiry: 20270630 }, 422, 'invalid_type', 'standardization_expiry'],
    [{ status: 1 }, 422, 'invalid_type', 'status'],
    // unknown and missing fields
    [{ id: 5 }, 422, 'unknown_field', 'id'],
    [{ inspectors_below_minimum: true }, 422, 'unknown_field', 'inspectors_below_minimum'],
    [{ version: 1 }, 422, 'unknown_field', 'version'],
    [{ uscc: undefined }, 422, 'required', 'uscc'],
    [{ name: undefined }, 422, 'required', 'name'],
    [{ region_code: undefined }, 422, 'required', 'region_code'],
    [{ industry_code: undefined }, 422, 'required', 'industry_code'],
  ];
  const before = await counts();
  for (const [overrides, status, code, field] of cases) {
    const r = await post(newBody(overrides));
    const label = `POST ${JSON.stringify(overrides)}`;
    assert.equal(r.status, status, `${label}: ${r.text}`);
    assert.equal(r.body.error?.code, code, `${label}: ${r.text}`);
    assert.equal(r.body.error?.field, field, `${label}: ${r.text}`);
    assert.ok(r.body.error.message, label);
  }
  // Malformed bodies.
  for (const raw of ['{', '[]', '"x"']) {
    const r = await api(srv.url, 'POST', '/api/v1/enterprises', {
      as: admin, body: raw, headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(r.status, 400, raw);
    assert.match(r.body.error.code, /^invalid_(json|body)$/, raw);
  }
  assert.deepEqual(await counts(), before, 'a refused creation changed something');
});

test('PATCH validation: the same rules; version required; nothing changes', async () => {
  const e = await create({ employees: 50, frontline_workers: 40, safety_inspectors: 2 });
  const taken = (await get('/api/v1/enterprises?page_size=1')).body.items[0];
  const cases = [
    [{ uscc: 'X' }, 422, 'uscc_length', 'uscc'],
    [{ uscc: e.uscc.toLowerCase() }, 422, 'uscc_lowercase', 'uscc'],
    [{ uscc: `${e.uscc.slice(0, 17)}${other(e.uscc[17])}` }, 422, 'uscc_check', 'uscc'],
    [{ region_code: '990102001000' }, 422, 'region_not_village', 'region_code'],
    [{ industry_code: 'C98' }, 422, 'unknown_industry', 'industry_code'],
    [{ hazard_tags: ['bogus'] }, 422, 'unknown_tag', 'hazard_tags'],
    [{ employees: 39 }, 422, 'frontline_over_employees', 'frontline_workers'],
    [{ frontline_workers: 1 }, 422, 'inspectors_over_frontline', 'safety_inspectors'],
    [{ safety_inspectors: 41 }, 422, 'inspectors_over_frontline', 'safety_inspectors'],
    [{ latitude: 28.3 }, 422, 'coordinates_incomplete', 'longitude'],
    [{ longitude: 200, latitude: 28.3 }, 422, 'invalid_coordinates', 'longitude'],
    [{ status: 'bankrupt' }, 422, 'invalid_status', 'status'],
    [{ scale: 'medium' }, 422, 'invalid_scale', 'scale'],
    [{ standardization_level: 5 }, 422, 'invalid_standardization_level', 'standardization_level'],
    [{ employees: 'many' }, 422, 'invalid_type', 'employees'],
    [{ nickname: 'x' }, 422, 'unknown_field', 'nickname'],
    [{ uscc: taken.uscc }, 409, 'uscc_taken', 'uscc'],
  ];
  const before = await counts();
  for (const [changes, status, code, field] of cases) {
    const r = await patch(e.id, { version: 1, ...changes });
    const label = `PATCH ${JSON.stringify(changes)}`;
    assert.equal(r.status, status, `${label}: ${r.text}`);
    assert.equal(r.body.error?.code, code, `${label}: ${r.text}`);
    assert.equal(r.body.error?.field, field, `${label}: ${r.text}`);
  }
  for (const [body, code, field] of [
    [{ name: 'x' }, 'required', 'version'],
    [{ version: '1', name: 'x' }, 'invalid_type', 'version'],
  ]) {
    const r = await patch(e.id, body);
    assert.equal(r.status, 422, r.text);
    assert.equal(r.body.error.code, code);
    assert.equal(r.body.error.field, field);
  }
  for (const path of ['999999', 'abc', '0', '-1']) {
    const r = await patch(path, { version: 1, name: 'x' });
    assert.equal(r.status, 404, `${path}: ${r.text}`);
    assert.equal((await get(`/api/v1/enterprises/${path}`)).status, 404, path);
  }
  assert.deepEqual(await counts(), before);
  assert.deepEqual((await get(`/api/v1/enterprises/${e.id}`)).body, e, 'the record changed');
});

test('duplicate uscc → 409 uscc_taken, nothing added', async () => {
  const demoFirst = (await get('/api/v1/enterprises/1')).body;
  const mine = await create();
  const before = await counts();
  for (const uscc of [demoFirst.uscc, mine.uscc]) {
    const r = await post(newBody({ uscc }));
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.error.code, 'uscc_taken');
    assert.equal(r.body.error.field, 'uscc');
  }
  assert.deepEqual(await counts(), before);
  const found = await get(`/api/v1/enterprises?uscc=${mine.uscc}`);
  assert.equal(found.body.total, 1);
});

test('stale version: two PATCHes on the same version, exactly one 200, the other 409', async () => {
  const e = await create();
  const before = await counts();
  const results = await Promise.all([
    patch(e.id, { version: 1, address: '甲' }),
    patch(e.id, { version: 1, address: '乙' }),
  ]);
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 409], results.map((r) => r.text).join('\n'));
  const loser = results.find((r) => r.status === 409);
  assert.equal(loser.body.error.code, 'stale_version');
  assert.equal(loser.body.error.field, 'version');
  const winner = results.find((r) => r.status === 200).body;
  assert.equal(winner.version, 2);
  const now = (await get(`/api/v1/enterprises/${e.id}`)).body;
  assert.equal(now.address, winner.address);
  assert.equal(now.version, 2);
  // A late writer still holding version 1 is refused too; version 2 goes through.
  const late = await patch(e.id, { version: 1, name: '迟到' });
  assert.equal(late.status, 409);
  assert.equal(late.body.error.code, 'stale_version');
  const next = await patch(e.id, { version: 2, name: '江川市清源新名有限公司' });
  assert.equal(next.status, 200, next.text);
  assert.equal(next.body.version, 3);
  assert.ok(next.body.updated_at >= e.updated_at);
  assert.equal(next.body.created_at, e.created_at);
  const after = await counts();
  assert.equal(after.audit, before.audit + 2); // one per successful PATCH
  assert.equal(after.enterprises, before.enterprises);
  const audit = await get('/api/v1/audit?entity=enterprise&action=update&page_size=1');
  assert.equal(audit.body.items[0].entity_id, String(e.id));
  assert.equal(audit.body.items[0].before.name, e.name);
  assert.equal(audit.body.items[0].after.name, '江川市清源新名有限公司');
});

test('inspectors_below_minimum: under 5% of front-line workers', async () => {
  const e = await create({ employees: 120, frontline_workers: 100, safety_inspectors: 4 });
  assert.equal(e.inspectors_below_minimum, true);
  const five = await patch(e.id, { version: 1, safety_inspectors: 5 });
  assert.equal(five.status, 200, five.text);
  assert.equal(five.body.inspectors_below_minimum, false);
  const none = await patch(e.id, { version: 2, frontline_workers: 0, safety_inspectors: 0 });
  assert.equal(none.body.inspectors_below_minimum, false); // nobody on the front line
  const one = await patch(e.id, { version: 3, frontline_workers: 19, safety_inspectors: 0 });
  assert.equal(one.body.inspectors_below_minimum, true);
  const listed = await get(`/api/v1/enterprises?uscc=${e.uscc}`);
  assert.equal(listed.body.items[0].inspectors_below_minimum, true);
  // The demo data agrees with the rule everywhere.
  for (const x of await all()) {
    assert.equal(x.inspectors_below_minimum, x.frontline_workers > 0 && x.safety_inspectors * 20 < x.frontline_workers, `id ${x.id}`);
  }
});

test('filters and sorts agree with the data', async () => {
  // Names with LIKE wildcards: the filter must treat them literally.
  const percent = await create({ name: '江川市百分%之百有限公司' });
  const underscore = await create({ name: '江川市下划_线有限公司' });
  const backslash = await create({ name: '江川市反斜\\杠有限公司' });
  const everything = await all();
  assert.equal(everything.length, (await counts()).enterprises);
  const ids = (list) => list.map((x) => x.id);
  const cases = [
    ['tag=metallurgy', (x) => x.hazard_tags.includes('metallurgy')],
    ['tag=confined_space', (x) => x.hazard_tags.includes('confined_space')],
    [`region_code=990102001000`, (x) => x.region_code.startsWith('990102001')],
    [`region_code=990102000000`, (x) => x.region_code.startsWith('990102')],
    [`region_code=${V.d1t1v2}`, (x) => x.region_code === V.d1t1v2],
    ['region_code=990100000000', () => true],
    ['industry_code=C', (x) => x.industry_code.startsWith('C')],
    ['industry_code=C31', (x) => x.industry_code === 'C31'],
    ['industry_code=F', (x) => x.industry_code.startsWith('F')],
    ['scale=above', (x) => x.scale === 'above'],
    ['scale=below', (x) => x.scale === 'below'],
    ['status=suspended', (x) => x.status === 'suspended'],
    ['status=closed', (x) => x.status === 'closed'],
    [`uscc=${everything[5].uscc}`, (x) => x.uscc === everything[5].uscc],
    ['uscc=91990102MA0000000X', () => false],
    [`q=${encodeURIComponent('%')}`, (x) => x.name.includes('%')],
    [`q=${encodeURIComponent('_')}`, (x) => x.name.includes('_')],
    [`q=${encodeURIComponent('\\')}`, (x) => x.name.includes('\\')],
    [`q=${encodeURIComponent('百分%之')}`, (x) => x.name.includes('百分%之')],
    [`q=${encodeURIComponent('金属')}`, (x) => x.name.includes('金属')],
    [`q=${encodeURIComponent('临江')}`, (x) => x.name.includes('临江')],
    [`tag=dust_explosion&region_code=990102000000&scale=below`,
      (x) => x.hazard_tags.includes('dust_explosion') && x.region_code.startsWith('990102') && x.scale === 'below'],
    [`q=${encodeURIComponent('有限公司')}&status=operating&industry_code=C33`,
      (x) => x.status === 'operating' && x.industry_code === 'C33'],
  ];
  for (const [query, keep] of cases) {
    const expected = everything.filter(keep);
    const got = await all(query);
    assert.deepEqual(ids(got), ids(expected), `?${query}: ${got.length} items, expected ${expected.length}`);
  }
  // The data has something for the main filters (else the checks above prove little).
  for (const query of ['tag=metallurgy', 'scale=above', 'status=suspended', 'industry_code=C31']) {
    assert.ok((await get(`/api/v1/enterprises?page_size=1&${query}`)).body.total > 0, query);
  }
  assert.deepEqual(ids(await all(`q=${encodeURIComponent('%')}`)), [percent.id]);
  assert.deepEqual(ids(await all(`q=${encodeURIComponent('_')}`)), [underscore.id]);
  assert.deepEqual(ids(await all(`q=${encodeURIComponent('\\')}`)), [backslash.id]);

  // Sorts.
  const bytes = (s) => Buffer.from(s, 'utf8');
  const byId = await all('sort=id');
  assert.deepEqual(ids(byId), ids(everything));
  for (let i = 1; i < byId.length; i++) assert.ok(byId[i - 1].id < byId[i].id);
  const byName = await all('sort=name');
  assert.equal(byName.length, everything.length);
  for (let i = 1; i < byName.length; i++) {
    const cmp = Buffer.compare(bytes(byName[i - 1].name), bytes(byName[i].name));
    assert.ok(cmp < 0 || (cmp === 0 && byName[i - 1].id < byName[i].id),
      `sort=name: ${byName[i - 1].name} (${byName[i - 1].id}) before ${byName[i].name} (${byName[i].id})`);
  }
  const byEmployees = await all('sort=-employees');
  assert.equal(byEmployees.length, everything.length);
  for (let i = 1; i < byEmployees.length; i++) {
    const [a, b] = [byEmployees[i - 1], byEmployees[i]];
    assert.ok(a.employees > b.employees || (a.employees === b.employees && a.id < b.id),
      `sort=-employees: ${a.id}:${a.employees} before ${b.id}:${b.employees}`);
  }
  const byUpdated = await all('sort=-updated_at');
  assert.equal(byUpdated.length, everything.length);
  for (let i = 1; i < byUpdated.length; i++) {
    const [a, b] = [byUpdated[i - 1], byUpdated[i]];
    assert.ok(a.updated_at > b.updated_at || (a.updated_at === b.updated_at && a.id > b.id),
      `sort=-updated_at: ${a.id}:${a.updated_at} before ${b.id}:${b.updated_at}`);
  }
  assert.equal(byUpdated[0].id, backslash.id, 'the newest change comes first');
  // A sort combines with a filter.
  const metallurgyByEmployees = await all('tag=metallurgy&sort=-employees');
  assert.deepEqual(ids(metallurgyByEmployees),
    ids(byEmployees.filter((x) => x.hazard_tags.includes('metallurgy'))));

  for (const [query, code, field] of [
    ['sort=employees', 'invalid_sort', 'sort'],
    ['sort=-name', 'invalid_sort', 'sort'],
    ['sort=id;drop', 'invalid_sort', 'sort'],
    ['region_code=abc', 'invalid_region_code', 'region_code'],
    ['page=0', 'invalid_page', undefined],
    ['page_size=201', 'invalid_page', undefined],
  ]) {
    const r = await get(`/api/v1/enterprises?${query}`);
    assert.equal(r.status, 422, `${query}: ${r.text}`);
    assert.equal(r.body.error.code, code, query);
    if (field) assert.equal(r.body.error.field, field, query);
  }
});

test('tag and industry_code filters treat LIKE wildcards literally', async () => {
  // `tag` and `industry_code` end up in LIKE patterns; a % or _ in them is not a wildcard.
  const everything = await all();
  const wrong = [];
  for (const query of ['tag=%25', 'tag=_etallurgy', 'tag=metallurg_', 'industry_code=%25', 'industry_code=C_1', 'industry_code=_']) {
    const r = await get(`/api/v1/enterprises?page_size=1&${query}`);
    if (r.status === 200 ? r.body.total !== 0 : r.status !== 422) {
      wrong.push(`?${query} → ${r.status}, total ${r.body.total} of ${everything.length}`);
    }
  }
  assert.deepEqual(wrong, [], 'expected total 0 (or 422)');
});

test('a village that does not exist → 422 region_not_found, nothing added', async () => {
  const before = await counts();
  const missing = '990102001999'; // a well-formed village code in district 1, absent
  const r = await post(newBody({ region_code: missing }));
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.code, 'region_not_found', r.text);
  assert.equal(r.body.error.field, 'region_code', r.text);
  const e = await create();
  const moved = await patch(e.id, { version: 1, region_code: missing });
  assert.equal(moved.status, 422, moved.text);
  assert.equal(moved.body.error.code, 'region_not_found', moved.text);
  assert.equal(moved.body.error.field, 'region_code', moved.text);
  assert.equal((await counts()).enterprises, before.enterprises + 1);
});

test('paging: totals, slices and the end of the list', async () => {
  const everything = await all();
  const first = await get('/api/v1/enterprises?page=1&page_size=7');
  const second = await get('/api/v1/enterprises?page=2&page_size=7');
  assert.equal(first.status, 200);
  assert.deepEqual(Object.keys(first.body).sort(), ['items', 'page', 'page_size', 'total']);
  assert.equal(first.body.total, everything.length);
  assert.equal(second.body.total, everything.length);
  assert.equal(second.body.page, 2);
  assert.equal(second.body.page_size, 7);
  assert.deepEqual(second.body.items.map((x) => x.id), everything.slice(7, 14).map((x) => x.id));
  const defaults = await get('/api/v1/enterprises');
  assert.equal(defaults.body.page_size, 20);
  assert.equal(defaults.body.items.length, 20);
  const lastPage = Math.ceil(everything.length / 200);
  const last = await get(`/api/v1/enterprises?page_size=200&page=${lastPage}`);
  assert.equal(last.body.items.length, everything.length - 200 * (lastPage - 1));
  const beyond = await get(`/api/v1/enterprises?page_size=200&page=${lastPage + 1}`);
  assert.equal(beyond.status, 200);
  assert.deepEqual(beyond.body.items, []);
  assert.equal(beyond.body.total, everything.length);
  const filtered = await get('/api/v1/enterprises?page_size=3&tag=metallurgy');
  assert.equal(filtered.body.total, everything.filter((x) => x.hazard_tags.includes('metallurgy')).length);
  assert.equal(filtered.body.items.length, 3);
});

test('an enterprise account reads and edits only its own record, never uscc or region', async () => {
  const ent = sessions.ent1_1;
  const me = await get('/api/v1/me', ent);
  assert.equal(me.status, 200);
  const ownId = me.body.enterprise_id ?? me.body.user?.enterprise_id;
  assert.ok(Number.isInteger(ownId), me.text);
  const listed = await get('/api/v1/enterprises', ent);
  assert.equal(listed.status, 200);
  assert.equal(listed.body.total, 1);
  assert.deepEqual(listed.body.items.map((x) => x.id), [ownId]);
  const own = (await get(`/api/v1/enterprises/${ownId}`, ent)).body;
  assert.equal(own.id, ownId);
  assert.equal(own.region_code.slice(0, 9), '990102001'); // first enterprise of district 1, town 1

  // Another enterprise, even in the same village: 404 to read and to write.
  const neighbour = (await all(`region_code=${own.region_code}`)).find((x) => x.id !== ownId);
  assert.ok(neighbour);
  const before = await counts();
  assert.equal((await get(`/api/v1/enterprises/${neighbour.id}`, ent)).status, 404);
  const foreign = await patch(neighbour.id, { version: neighbour.version, address: '冒名' }, ent);
  assert.equal(foreign.status, 404, foreign.text);
  assert.equal(foreign.body.error.code, 'not_found');
  assert.equal((await post(newBody(), ent)).status, 403);

  // Locked fields.
  for (const changes of [
    { uscc: newUscc() },
    { region_code: V.d1t1v2 },
    { address: '新地址', region_code: V.d2t1v1 },
  ]) {
    const r = await patch(ownId, { version: own.version, ...changes }, ent);
    assert.equal(r.status, 403, `${JSON.stringify(changes)}: ${r.text}`);
    assert.equal(r.body.error.code, 'field_locked', r.text);
  }
  assert.deepEqual(await counts(), before);
  assert.deepEqual((await get(`/api/v1/enterprises/${ownId}`)).body, own);
  assert.deepEqual((await get(`/api/v1/enterprises/${neighbour.id}`)).body, neighbour);

  // Its own address (sending the unchanged uscc and region along is fine).
  const ok = await patch(ownId, {
    version: own.version, address: '清源区东安街道幸福社区 1 号', uscc: own.uscc, region_code: own.region_code,
  }, ent);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.address, '清源区东安街道幸福社区 1 号');
  assert.equal(ok.body.version, own.version + 1);
  assert.equal(ok.body.uscc, own.uscc);
  const audit = await get('/api/v1/audit?entity=enterprise&action=update&actor=ent1_1');
  assert.equal(audit.body.total, 1);
  assert.equal(audit.body.items[0].entity_id, String(ownId));
  assert.equal(audit.body.items[0].before.address, own.address);
  // Its own other details, e.g. head counts.
  const counts2 = await patch(ownId, { version: ok.body.version, employees: own.employees + 1 }, ent);
  assert.equal(counts2.status, 200, counts2.text);
});

test('a station creates and moves enterprises inside its town only; grid and expert cannot write', async () => {
  const station = sessions.station1_1;
  const before = await counts();
  const outside = await post(newBody({ region_code: V.d1t2v1 }), station);
  assert.equal(outside.status, 422, outside.text);
  assert.equal(outside.body.error.code, 'region_not_found');
  assert.equal(outside.body.error.field, 'region_code');
  const otherDistrict = await post(newBody({ region_code: V.d2t1v1 }), station);
  assert.equal(otherDistrict.status, 422);
  assert.equal(otherDistrict.body.error.code, 'region_not_found');
  for (const who of ['grid1_1_1', 'expert1']) {
    const r = await post(newBody(), sessions[who]);
    assert.equal(r.status, 403, `${who}: ${r.text}`);
    assert.equal(r.body.error.code, 'forbidden');
  }
  assert.deepEqual(await counts(), before);

  const inside = await post(newBody({ region_code: V.d1t1v2 }), station);
  assert.equal(inside.status, 201, inside.text);
  const moved = await patch(inside.body.id, { version: 1, region_code: V.d1t1v1 }, station);
  assert.equal(moved.status, 200, moved.text);
  const away = await patch(inside.body.id, { version: 2, region_code: V.d1t2v1 }, station);
  assert.equal(away.status, 422, away.text);
  assert.equal(away.body.error.code, 'region_not_found');
  assert.equal((await get(`/api/v1/enterprises/${inside.body.id}`)).body.region_code, V.d1t1v1);
  // The grid worker reads but does not write, even in its own village.
  const grid = sessions.grid1_1_1;
  assert.equal((await get(`/api/v1/enterprises/${inside.body.id}`, grid)).status, 200);
  const gridPatch = await patch(inside.body.id, { version: 2, address: 'x' }, grid);
  assert.equal(gridPatch.status, 403, gridPatch.text);
  // The district moves it anywhere in the district, not beyond.
  const district = sessions.district1;
  const toTown2 = await patch(inside.body.id, { version: 2, region_code: V.d1t2v1 }, district);
  assert.equal(toTown2.status, 200, toTown2.text);
  const toD2 = await patch(inside.body.id, { version: 3, region_code: V.d2t1v1 }, district);
  assert.equal(toD2.status, 422);
  assert.equal(toD2.body.error.code, 'region_not_found');
  // Now outside the station's town: 404 for the station.
  assert.equal((await get(`/api/v1/enterprises/${inside.body.id}`, station)).status, 404);
  assert.equal((await patch(inside.body.id, { version: 3, address: 'x' }, station)).status, 404);
});

test('industries: 20 sections and 97 divisions of GB/T 4754-2017', async () => {
  const r = await get('/api/v1/industries');
  assert.equal(r.status, 200, r.text);
  const items = r.body.items;
  const sections = items.filter((x) => x.parent_code === null);
  const divisions = items.filter((x) => x.parent_code !== null);
  assert.equal(sections.length, 20);
  assert.equal(divisions.length, 97);
  assert.deepEqual(sections.map((x) => x.code), [...'ABCDEFGHIJKLMNOPQRST']);
  for (const d of divisions) {
    assert.match(d.code, /^[A-T]\d\d$/);
    assert.equal(d.parent_code, d.code[0], d.code);
    assert.ok(d.name.length > 0);
  }
  assert.deepEqual(divisions.map((x) => Number(x.code.slice(1))), Array.from({ length: 97 }, (_, i) => i + 1));
  assert.equal(items.find((x) => x.code === 'C31').name, '黑色金属冶炼和压延加工业');
  for (const who of ['district1', 'station1_1', 'grid1_1_1', 'ent1_1']) {
    assert.equal((await get('/api/v1/industries', sessions[who])).status, 200, who);
  }
  assert.equal((await get('/api/v1/industries', sessions.expert1)).status, 403);
  assert.equal((await api(srv.url, 'GET', '/api/v1/industries')).status, 401);
});

const TAGS_IN_ORDER = ['hazardous_chemicals', 'dust_explosion', 'ammonia_refrigeration',
  'metallurgy', 'confined_space', 'flammable_gas', 'lifting'];

test('hazard tags: the seven codes', async () => {
  const r = await get('/api/v1/hazard-tags');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.body), ['items']);
  assert.deepEqual([...r.body.items].sort(), [...TAGS_IN_ORDER].sort());
  assert.equal((await get('/api/v1/hazard-tags', sessions.ent1_1)).status, 200);
  assert.equal((await get('/api/v1/hazard-tags', sessions.expert1)).status, 403);
  assert.equal((await api(srv.url, 'GET', '/api/v1/hazard-tags')).status, 401);
});

test('hazard tags come in their sort_order (as the store selects them), not alphabetically', async () => {
  const r = await get('/api/v1/hazard-tags');
  assert.deepEqual(r.body.items, TAGS_IN_ORDER);
});

test('unauthenticated requests get 401 and change nothing', async () => {
  const before = await counts();
  assert.equal((await api(srv.url, 'GET', '/api/v1/enterprises')).status, 401);
  assert.equal((await api(srv.url, 'GET', '/api/v1/enterprises/1')).status, 401);
  assert.equal((await api(srv.url, 'POST', '/api/v1/enterprises', { body: newBody() })).status, 401);
  assert.equal((await api(srv.url, 'PATCH', '/api/v1/enterprises/1', { body: { version: 1, name: 'x' } })).status, 401);
  assert.deepEqual(await counts(), before);
});

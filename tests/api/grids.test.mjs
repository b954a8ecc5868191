// The three-level grid: /grids (level-1 town cells, level-2 village cells, their responsible
// persons), placing enterprises in cells (POST /grids/{id}/enterprises, an enterprise's
// grid_cell_id, the grid_id filter), the map endpoint, and the grid worker's view that follows the
// cells it leads. Journeys, every validation error with its field, and refused writes that change
// nothing. Who sees what across districts is in scope.test.mjs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, allUsers, completeUscc, USCC_ALPHABET, DEMO_ENTERPRISES } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const admin = await login(srv.url, 'admin');
const sessions = { admin };
for (const name of ['city', 'district1', 'district2', 'station1_1', 'station1_2', 'station1_5',
  'grid1_1_1', 'grid1_2_1', 'grid1_2_2', 'grid1_3_1', 'grid1_3_2', 'grid1_6_1', 'grid1_6_2',
  'expert1', 'ent1_1']) {
  sessions[name] = await login(srv.url, name);
}
const users = Object.fromEntries((await allUsers(srv.url, admin)).map((u) => [u.username, u]));
const uid = (username) => {
  assert.ok(users[username], `user ${username}`);
  return users[username].id;
};

const FIELDS = ['id', 'level', 'parent_id', 'region_code', 'name', 'responsible_user_id',
  'responsible_name', 'phone', 'enterprises', 'created_at', 'updated_at', 'version'];
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

const get = (path, as = admin) => api(srv.url, 'GET', path, { as });
const post = (path, body, as = admin) => api(srv.url, 'POST', path, { as, body });
const patch = (path, body, as = admin) => api(srv.url, 'PATCH', path, { as, body });
const del = (path, as = admin) => api(srv.url, 'DELETE', path, { as });

// Demo towns and villages: district d (0–5, codes 990102…990107), town t (1–10), village v (1–10) as codes.
const townCode = (d, t) => `9901${String(d + 2).padStart(2, '0')}${String(t <= 4 ? t : 100 + t - 4).padStart(3, '0')}000`;
const villageCode = (d, t, v) => townCode(d, t).slice(0, 9) + String(v <= 3 ? v : 200 + v - 3).padStart(3, '0');
const townOf = (code) => `${code.slice(0, 9)}000`;
// Whether region `a` contains region `b` (or is it).
function contains(a, b) {
  const length = a.endsWith('0000000000') ? 2 : a.endsWith('00000000') ? 4 : a.endsWith('000000') ? 6
    : a.endsWith('000') ? 9 : 12;
  return b.startsWith(a.slice(0, length));
}

function expectError(r, status, code, field, label = '') {
  assert.equal(r.status, status, `${label}: ${r.text}`);
  assert.equal(r.body.error?.code, code, `${label}: ${r.text}`);
  if (field !== undefined) assert.equal(r.body.error?.field, field, `${label}: ${r.text}`);
  assert.ok(r.body.error.message, `${label}: a message`);
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

// The demo cell of a town (level 1) or village (level 2).
async function cellOf(code) {
  const r = await get(`/api/v1/grids?region_code=${code}&page_size=20`);
  assert.equal(r.status, 200, r.text);
  const cells = r.body.items.filter((c) => c.region_code === code);
  assert.equal(cells.length, 1, `one cell for ${code}: ${r.text}`);
  return cells[0];
}
async function cell(id) {
  const r = await get(`/api/v1/grids/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
async function enterprise(id) {
  const r = await get(`/api/v1/enterprises/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
async function enterprisesOf(village) {
  const r = await get(`/api/v1/enterprises?region_code=${village}&sort=id`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function counts() {
  const g = await get('/api/v1/grids?page_size=1');
  const e = await get('/api/v1/enterprises?page_size=1');
  const a = await get('/api/v1/audit?page_size=1');
  return { grids: g.body.total, enterprises: e.body.total, audit: a.body.total };
}
// The newest audit entries for an entity and action.
async function audits(entity, action, size = 20) {
  const r = await get(`/api/v1/audit?entity=${entity}&action=${action}&page_size=${size}`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

let serial = 0;
function newUscc(region) {
  serial += 1;
  let n = serial * 11 + (process.pid % 1000) * 10_000;
  let tail = '';
  for (let k = 0; k < 6; k++) { tail = USCC_ALPHABET[n % 31] + tail; n = Math.floor(n / 31); }
  return completeUscc(`91${region.slice(0, 6)}GR${tail}`);
}
async function newEnterprise(region, extra = {}, as = admin) {
  const r = await post('/api/v1/enterprises', {
    uscc: newUscc(region), name: '网格测试有限公司', region_code: region, industry_code: 'C33', ...extra,
  }, as);
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// ---- the demo grid ---------------------------------------------------------------------------

test('the demo grid: a cell per town led by its station, a cell per village led by one of two grid workers', async () => {
  const cells = await all('/api/v1/grids');
  assert.equal(cells.length, 660);
  for (const c of cells) assert.deepEqual(Object.keys(c).sort(), [...FIELDS].sort());
  const byRegion = new Map(cells.map((c) => [c.region_code, c]));
  assert.equal(byRegion.size, 660, 'one cell per town and per village');
  const level1 = cells.filter((c) => c.level === 1);
  const level2 = cells.filter((c) => c.level === 2);
  assert.equal(level1.length, 60);
  assert.equal(level2.length, 600);
  const names = Object.fromEntries(Object.values(users).map((u) => [u.id, u.name]));
  for (let d = 0; d < 6; d++) {
    for (let t = 1; t <= 10; t++) {
      const town = byRegion.get(townCode(d, t));
      assert.ok(town, townCode(d, t));
      assert.equal(town.level, 1);
      assert.equal(town.parent_id, null);
      assert.equal(town.responsible_user_id, uid(`station${d + 1}_${t}`), town.region_code);
      assert.equal(town.responsible_name, names[town.responsible_user_id]);
      assert.equal(town.enterprises, DEMO_ENTERPRISES / 60, town.region_code);
      for (let v = 1; v <= 10; v++) {
        const village = byRegion.get(villageCode(d, t, v));
        assert.ok(village, villageCode(d, t, v));
        assert.equal(village.level, 2);
        assert.equal(village.parent_id, town.id);
        assert.equal(village.responsible_user_id, uid(`grid${d + 1}_${t}_${v <= 5 ? 1 : 2}`), village.region_code);
        assert.equal(village.responsible_name, names[village.responsible_user_id]);
        assert.equal(village.enterprises, DEMO_ENTERPRISES / 600, village.region_code);
      }
    }
  }
  for (const c of cells) {
    assert.ok(c.name.length > 0);
    assert.match(c.created_at, INSTANT);
    assert.match(c.updated_at, INSTANT);
    assert.equal(c.version, 1);
  }
  // Every demo enterprise sits in the cell of its village.
  const enterprises = await all('/api/v1/enterprises');
  assert.equal(enterprises.length, DEMO_ENTERPRISES);
  const misplaced = enterprises.filter((e) => e.grid_cell_id !== byRegion.get(e.region_code).id);
  assert.deepEqual(misplaced.map((e) => e.id), []);
  // Grid accounts belong to their town now.
  const grids = await all('/api/v1/users?role=grid');
  assert.equal(grids.length, 120);
  for (const u of grids) {
    const m = u.username.match(/^grid(\d)_(\d+)_[12]$/);
    assert.ok(m, u.username);
    assert.equal(u.region_code, townCode(Number(m[1]) - 1, Number(m[2])), u.username);
  }
  assert.equal(sessions.grid1_1_1.user.region_code, '990102001000');
});

test('list: filters and paging checked against the whole list; bad parameters → 422', async () => {
  // Names with LIKE wildcards and a backslash, which `q` must match literally.
  for (const name of ['百分%之网格', '下划_线网格', '反斜\\杠网格']) {
    const r = await post('/api/v1/grids', { level: 1, region_code: '990106001000', name });
    assert.equal(r.status, 201, r.text);
  }
  const everything = await all('/api/v1/grids');
  assert.equal(everything.length, 663);
  const town = await cellOf('990102001000');
  const q = encodeURIComponent('社区');
  const cases = [
    ['level=1', (c) => c.level === 1],
    ['level=2', (c) => c.level === 2],
    ['region_code=990102000000', (c) => contains('990102000000', c.region_code)],
    ['region_code=990102001000', (c) => contains('990102001000', c.region_code)],
    ['region_code=990102001203', (c) => c.region_code === '990102001203'],
    ['region_code=990100000000', () => true],
    ['region_code=990102999000', () => false],
    [`parent_id=${town.id}`, (c) => c.parent_id === town.id],
    ['parent_id=999999', () => false],
    [`responsible_user_id=${uid('station1_1')}`, (c) => c.responsible_user_id === uid('station1_1')],
    [`responsible_user_id=${uid('grid1_1_2')}`, (c) => c.responsible_user_id === uid('grid1_1_2')],
    [`responsible_user_id=${uid('expert1')}`, () => false],
    [`q=${q}`, (c) => c.name.includes('社区')],
    [`q=${encodeURIComponent('%')}`, (c) => c.name.includes('%')],
    [`q=${encodeURIComponent('_')}`, (c) => c.name.includes('_')],
    [`q=${encodeURIComponent('\\')}`, (c) => c.name.includes('\\')],
    [`level=2&region_code=990103000000&q=${q}`, (c) => c.level === 2 && contains('990103000000', c.region_code) && c.name.includes('社区')],
  ];
  for (const [query, keep] of cases) {
    const expected = everything.filter(keep);
    const got = await all(`/api/v1/grids?${query}`);
    assert.deepEqual(idsOf(got), idsOf(expected), `?${query}: ${got.length} items, expected ${expected.length}`);
  }
  // The data has something for the main filters.
  assert.equal((await get(`/api/v1/grids?parent_id=${town.id}`)).body.total, 10);
  assert.equal((await get(`/api/v1/grids?responsible_user_id=${uid('grid1_1_2')}`)).body.total, 5);
  assert.ok((await get(`/api/v1/grids?q=${q}`)).body.total > 0);
  for (const c of ['%', '_', '\\']) {
    assert.equal((await get(`/api/v1/grids?q=${encodeURIComponent(c)}`)).body.total, 1, `q=${c}`);
  }

  const first = await get('/api/v1/grids?page=1&page_size=7');
  const second = await get('/api/v1/grids?page=2&page_size=7');
  assert.deepEqual(Object.keys(second.body).sort(), ['items', 'page', 'page_size', 'total']);
  assert.equal(second.body.page, 2);
  assert.equal(second.body.page_size, 7);
  assert.equal(second.body.total, everything.length);
  assert.deepEqual(second.body.items.map((c) => c.id), everything.slice(7, 14).map((c) => c.id));
  assert.deepEqual(first.body.items.map((c) => c.id), everything.slice(0, 7).map((c) => c.id));
  const defaults = await get('/api/v1/grids');
  assert.equal(defaults.body.page_size, 20);
  assert.equal(defaults.body.items.length, 20);
  assert.equal((await get('/api/v1/grids?page=34&page_size=20')).body.items.length, 3);
  assert.deepEqual((await get('/api/v1/grids?page=35&page_size=20')).body.items, []);

  for (const [query, code, field] of [
    ['level=x', 'invalid_integer', 'level'],
    ['level=1.5', 'invalid_integer', 'level'],
    ['level=3', 'invalid_grid_level', 'level'],
    ['level=-1', 'invalid_grid_level', 'level'],
    ['parent_id=abc', 'invalid_integer', 'parent_id'],
    ['responsible_user_id=1x', 'invalid_integer', 'responsible_user_id'],
    ['region_code=abc', 'invalid_region_code', 'region_code'],
    ['page=0', 'invalid_page', undefined],
    ['page_size=201', 'invalid_page', undefined],
  ]) {
    expectError(await get(`/api/v1/grids?${query}`), 422, code, field, query);
  }
  assert.equal((await api(srv.url, 'GET', '/api/v1/grids')).status, 401);
  assert.equal((await api(srv.url, 'GET', `/api/v1/grids/${town.id}`)).status, 401);
});

test('one cell: the same record as in the list; absent or malformed ids → 404', async () => {
  const listed = (await get('/api/v1/grids?region_code=990104001000&level=1')).body.items[0];
  const r = await get(`/api/v1/grids/${listed.id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, listed);
  for (const id of ['999999', '0', '-1', 'abc']) {
    expectError(await get(`/api/v1/grids/${id}`), 404, 'not_found', undefined, id);
  }
});

// ---- creating, changing and deleting cells ---------------------------------------------------

test('journey: a district draws a cell, moves enterprises into it, the grid workers\' views follow, then removes it', async () => {
  const district = sessions.district1;
  const before = await counts();
  const town = '990102003000';
  const village = '990102003001'; // village 1 of town 3: demo cell led by grid1_3_1
  const demoTown = await cellOf(town);
  const demoCell = await cellOf(village);
  const [a, b] = await enterprisesOf(village);
  assert.equal(a.grid_cell_id, demoCell.id);

  // A level-1 cell led by the town's station.
  const l1Body = { level: 1, parent_id: null, region_code: town, name: '北和镇第二网格', responsible_user_id: uid('station1_3'), phone: '0591-87654321' };
  const l1r = await post('/api/v1/grids', l1Body, district);
  assert.equal(l1r.status, 201, l1r.text);
  const l1 = l1r.body;
  assert.deepEqual(Object.keys(l1).sort(), [...FIELDS].sort());
  for (const key of Object.keys(l1Body)) assert.deepEqual(l1[key], l1Body[key], key);
  assert.equal(l1.responsible_name, users.station1_3.name);
  assert.equal(l1.enterprises, 0);
  assert.equal(l1.version, 1);
  assert.match(l1.created_at, INSTANT);
  assert.equal(l1.updated_at, l1.created_at);
  assert.deepEqual(await cell(l1.id), l1);
  let entry = (await audits('grid_cell', 'create', 1))[0];
  assert.equal(entry.entity_id, String(l1.id));
  assert.equal(entry.actor_username, 'district1');
  assert.equal(entry.before, null);
  assert.equal(entry.after.name, l1Body.name);
  assert.equal(entry.after.region_code, town);

  // A level-2 cell under it, led by the town's other grid worker; no phone, a 50-character name.
  const l2Body = { level: 2, parent_id: l1.id, region_code: village, name: '格'.repeat(50), responsible_user_id: uid('grid1_3_2'), phone: '' };
  const l2r = await post('/api/v1/grids', l2Body, district);
  assert.equal(l2r.status, 201, l2r.text);
  const l2 = l2r.body;
  for (const key of Object.keys(l2Body)) assert.deepEqual(l2[key], l2Body[key], key);
  assert.equal(l2.responsible_name, users.grid1_3_2.name);
  assert.deepEqual(await counts(), { ...before, grids: before.grids + 2, audit: before.audit + 2 });

  // grid1_3_2 now leads six cells; the new level-1 cell is not its own.
  assert.equal((await get('/api/v1/grids', sessions.grid1_3_2)).body.total, 6);
  assert.equal((await get(`/api/v1/grids/${l2.id}`, sessions.grid1_3_2)).status, 200);
  assert.equal((await get(`/api/v1/grids/${l1.id}`, sessions.grid1_3_2)).status, 404);
  assert.equal((await get(`/api/v1/grids/${l2.id}`, sessions.grid1_3_1)).status, 404);
  assert.equal((await get(`/api/v1/enterprises/${a.id}`, sessions.grid1_3_1)).status, 200);
  assert.equal((await get(`/api/v1/enterprises/${a.id}`, sessions.grid1_3_2)).status, 404);

  // Move both enterprises (one named twice) into the new cell.
  const moved = await post(`/api/v1/grids/${l2.id}/enterprises`, { enterprise_ids: [a.id, b.id, a.id] }, district);
  assert.equal(moved.status, 200, moved.text);
  assert.deepEqual(moved.body, { moved: 2 });
  for (const old of [a, b]) {
    const now = await enterprise(old.id);
    assert.equal(now.grid_cell_id, l2.id);
    assert.equal(now.version, old.version + 1);
    assert.deepEqual({ ...now, grid_cell_id: old.grid_cell_id, version: old.version, updated_at: old.updated_at }, old,
      'only the cell (and version, updated_at) changes');
  }
  const moves = (await audits('enterprise', 'move', 2));
  assert.deepEqual(moves.map((m) => m.entity_id).sort(), [String(a.id), String(b.id)].sort());
  for (const m of moves) {
    assert.equal(m.actor_username, 'district1');
    assert.equal(m.before.grid_cell_id, demoCell.id);
    assert.equal(m.after.grid_cell_id, l2.id);
  }
  assert.equal((await cell(l2.id)).enterprises, 2);
  assert.equal((await cell(l1.id)).enterprises, 2, 'a level-1 cell counts its children\'s enterprises');
  assert.equal((await cell(demoCell.id)).enterprises, 0);
  assert.equal((await cell(demoTown.id)).enterprises, DEMO_ENTERPRISES / 60 - 2);
  assert.deepEqual(idsOf(await all(`/api/v1/enterprises?grid_id=${l1.id}`)), idsOf([a, b]));
  assert.deepEqual(idsOf(await all(`/api/v1/enterprises?grid_id=${l2.id}`)), idsOf([a, b]));
  assert.deepEqual(await all(`/api/v1/enterprises?grid_id=${demoCell.id}`), []);

  // The grid workers' views follow the enterprises.
  const perWorker = 5 * DEMO_ENTERPRISES / 600;
  assert.equal((await get(`/api/v1/enterprises/${a.id}`, sessions.grid1_3_2)).status, 200);
  assert.equal((await get(`/api/v1/enterprises/${a.id}`, sessions.grid1_3_1)).status, 404);
  assert.equal((await get('/api/v1/enterprises', sessions.grid1_3_2)).body.total, perWorker + 2);
  assert.equal((await get('/api/v1/enterprises', sessions.grid1_3_1)).body.total, perWorker - 2);
  assert.equal((await get(`/api/v1/enterprises/${a.id}/people`, sessions.grid1_3_1)).status, 404);
  assert.equal((await get(`/api/v1/enterprises/${a.id}/people`, sessions.grid1_3_2)).status, 200);

  // Not empty: neither cell can go.
  const blocked = await counts();
  expectError(await del(`/api/v1/grids/${l1.id}?version=1`, district), 409, 'grid_not_empty', undefined, 'level 1 with a child');
  expectError(await del(`/api/v1/grids/${l2.id}?version=1`, district), 409, 'grid_not_empty', undefined, 'level 2 with enterprises');
  assert.deepEqual(await counts(), blocked);

  // Back to the demo cell; then the new cells go, the child first.
  const back = await post(`/api/v1/grids/${demoCell.id}/enterprises`, { enterprise_ids: [a.id, b.id] }, district);
  assert.equal(back.status, 200, back.text);
  assert.deepEqual(back.body, { moved: 2 });
  assert.equal((await enterprise(a.id)).version, a.version + 2);
  const current = await cell(l2.id);
  const stale = await counts();
  expectError(await del(`/api/v1/grids/${l2.id}?version=${current.version + 1}`, district), 409, 'stale_version', 'version', 'stale');
  expectError(await del(`/api/v1/grids/${l2.id}`, district), 422, 'required', 'version', 'no version');
  expectError(await del(`/api/v1/grids/${l2.id}?version=abc`, district), 422, 'invalid_integer', 'version', 'version=abc');
  assert.deepEqual(await counts(), stale);
  const gone = await del(`/api/v1/grids/${l2.id}?version=${current.version}`, district);
  assert.equal(gone.status, 204, gone.text);
  assert.equal(gone.text, '');
  expectError(await get(`/api/v1/grids/${l2.id}`), 404, 'not_found');
  entry = (await audits('grid_cell', 'delete', 1))[0];
  assert.equal(entry.entity_id, String(l2.id));
  assert.equal(entry.after, null);
  assert.equal(entry.before.region_code, village);
  assert.equal((await del(`/api/v1/grids/${l1.id}?version=1`, district)).status, 204);
  expectError(await del(`/api/v1/grids/${l1.id}?version=1`, district), 404, 'not_found', undefined, 'already gone');
  const end = await counts();
  assert.equal(end.grids, before.grids);
  assert.equal(end.enterprises, before.enterprises);
  assert.equal((await get('/api/v1/grids', sessions.grid1_3_2)).body.total, 5);
});

test('create: every validation error with its field; nothing is added or audited', async () => {
  const district = sessions.district1;
  // A disabled station account and a grid account of one village, both in town 3.
  const off = await post('/api/v1/users', { username: 'off_station', name: '停用站员', password: 'Start1234', role: 'station', region_code: '990102003000' });
  assert.equal(off.status, 201, off.text);
  assert.equal((await patch(`/api/v1/users/${off.body.id}`, { version: 1, disabled: true })).status, 200);
  const villageGrid = await post('/api/v1/users', { username: 'grid_v2', name: '村网格员', password: 'Start1234', role: 'grid', region_code: '990102003002' });
  assert.equal(villageGrid.status, 201, villageGrid.text);

  const t1 = await cellOf('990102001000');
  const t3 = await cellOf('990102003000');
  const t3v2 = await cellOf('990102003002');
  const d2t1 = await cellOf('990103001000');
  const L1 = { level: 1, region_code: '990102003000', name: '测试一级网格', responsible_user_id: uid('station1_3'), phone: '0591-87654321' };
  const L2 = { level: 2, parent_id: t3.id, region_code: '990102003001', name: '测试二级网格', responsible_user_id: uid('grid1_3_1'), phone: '13800138000' };
  const cases = [
    // level
    [L1, { level: 3 }, 'invalid_grid_level', 'level'],
    [L1, { level: 0 }, 'invalid_grid_level', 'level'],
    [L1, { level: '1' }, 'invalid_type', 'level'],
    [L1, { level: 1.5 }, 'invalid_type', 'level'],
    [L1, { level: undefined }, 'required', 'level'],
    // region
    [L1, { region_code: '990102003001' }, 'region_not_town', 'region_code'],
    [L1, { region_code: '990102000000' }, 'region_not_town', 'region_code'],
    [L1, { region_code: '990100000000' }, 'region_not_town', 'region_code'],
    [L1, { region_code: undefined }, 'required', 'region_code'],
    [L1, { region_code: 990102003000 }, 'invalid_type', 'region_code'],
    [L1, { region_code: '990102999000' }, 'region_not_found', 'region_code'],
    [L1, { region_code: '990103001000', responsible_user_id: uid('station2_1') }, 'region_not_found', 'region_code'],
    [L2, { region_code: '990102003000' }, 'region_not_village', 'region_code'],
    [L2, { region_code: '990102000000' }, 'region_not_village', 'region_code'],
    [L2, { region_code: '990102003999' }, 'region_not_found', 'region_code'],
    [L2, { region_code: '990103001001', parent_id: d2t1.id, responsible_user_id: uid('grid2_1_1') }, 'region_not_found', 'region_code'],
    // parent
    [L1, { parent_id: t1.id }, 'grid_parent_not_allowed', 'parent_id'],
    [L2, { parent_id: undefined }, 'required', 'parent_id'],
    [L2, { parent_id: null }, 'required', 'parent_id'],
    [L2, { parent_id: 'x' }, 'invalid_type', 'parent_id'],
    [L2, { parent_id: t3v2.id }, 'grid_parent_not_level1', 'parent_id'],
    [L2, { parent_id: d2t1.id }, 'grid_parent_not_found', 'parent_id'],
    [L2, { parent_id: 999999 }, 'grid_parent_not_found', 'parent_id'],
    [L2, { parent_id: t1.id }, 'grid_outside_parent', undefined],
    // name and phone
    [L1, { name: '' }, 'invalid_grid_name', 'name'],
    [L1, { name: '网'.repeat(51) }, 'invalid_grid_name', 'name'],
    [L2, { name: '网'.repeat(51) }, 'invalid_grid_name', 'name'],
    [L1, { name: undefined }, 'required', 'name'],
    [L1, { name: 7 }, 'invalid_type', 'name'],
    [L1, { phone: 'abc' }, 'invalid_phone', 'phone'],
    [L1, { phone: '1234' }, 'invalid_phone', 'phone'],
    [L1, { phone: '0591-8765432x' }, 'invalid_phone', 'phone'],
    [L2, { phone: '138 0013 8000 138 0013 8000' }, 'invalid_phone', 'phone'],
    [L1, { phone: 13800138000 }, 'invalid_type', 'phone'],
    // the responsible person
    [L1, { responsible_user_id: 999999 }, 'user_not_found', 'responsible_user_id'],
    [L1, { responsible_user_id: '5' }, 'invalid_type', 'responsible_user_id'],
    [L1, { responsible_user_id: uid('grid1_3_1') }, 'responsible_role', 'responsible_user_id'],
    [L1, { responsible_user_id: uid('ent1_1') }, 'responsible_role', 'responsible_user_id'],
    [L1, { responsible_user_id: uid('expert1') }, 'responsible_role', 'responsible_user_id'],
    [L1, { responsible_user_id: uid('admin') }, 'responsible_role', 'responsible_user_id'],
    [L1, { responsible_user_id: off.body.id }, 'responsible_role', 'responsible_user_id'],
    [L1, { responsible_user_id: uid('station1_4') }, 'responsible_out_of_region', 'responsible_user_id'],
    [L1, { responsible_user_id: uid('district2') }, 'responsible_out_of_region', 'responsible_user_id'],
    [L2, { responsible_user_id: uid('district1') }, 'responsible_role', 'responsible_user_id'],
    [L2, { responsible_user_id: uid('city') }, 'responsible_role', 'responsible_user_id'],
    [L2, { responsible_user_id: uid('ent1_1') }, 'responsible_role', 'responsible_user_id'],
    [L2, { responsible_user_id: off.body.id }, 'responsible_role', 'responsible_user_id'],
    [L2, { responsible_user_id: uid('grid1_2_1') }, 'responsible_out_of_region', 'responsible_user_id'],
    [L2, { responsible_user_id: uid('station1_4') }, 'responsible_out_of_region', 'responsible_user_id'],
    [L2, { responsible_user_id: villageGrid.body.id }, 'responsible_out_of_region', 'responsible_user_id'],
    // fields that are not the client's to send
    [L1, { enterprises: 3 }, 'unknown_field', 'enterprises'],
    [L1, { id: 5 }, 'unknown_field', 'id'],
    [L1, { version: 1 }, 'unknown_field', 'version'],
    [L1, { responsible_name: '张三' }, 'unknown_field', 'responsible_name'],
  ];
  const before = await counts();
  for (const [base, overrides, code, field] of cases) {
    const body = { ...base, ...overrides };
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
    const label = `POST level ${base.level} ${JSON.stringify(overrides)}`;
    const r = await post('/api/v1/grids', body, district);
    expectError(r, 422, code, field, label);
    if (code === 'grid_outside_parent') assert.ok(['region_code', 'parent_id'].includes(r.body.error.field), label);
  }
  for (const raw of ['{', '[]', '"x"']) {
    const r = await api(srv.url, 'POST', '/api/v1/grids', { as: district, body: raw, headers: { 'Content-Type': 'application/json' } });
    assert.equal(r.status, 400, raw);
  }
  assert.deepEqual(await counts(), before, 'a refused creation changed something');

  // What the rules allow: a bureau whose region contains the town leads a level-1 cell, a station
  // a level-2 cell, no one at all, a phone with spaces and a leading +.
  for (const [body, as] of [
    [{ ...L1, responsible_user_id: uid('city') }, district],
    [{ ...L1, responsible_user_id: uid('district1'), phone: '' }, district],
    [{ ...L1, responsible_user_id: null, name: '无负责人网格' }, district],
    [{ ...L2, region_code: '990102003003', responsible_user_id: uid('station1_3'), phone: '+86 138 0013 8000' }, district],
    [{ ...L2, region_code: '990102003201', responsible_user_id: uid('grid1_3_2') }, admin],
    [{ ...L2, region_code: '990102003002', responsible_user_id: villageGrid.body.id }, admin],
  ]) {
    const r = await post('/api/v1/grids', body, as);
    assert.equal(r.status, 201, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.responsible_user_id, body.responsible_user_id);
    assert.equal(r.body.phone, body.phone);
  }
  // A station draws cells in its own town only.
  const own = await post('/api/v1/grids', { level: 1, region_code: '990102001000', name: '站建网格' }, sessions.station1_1);
  assert.equal(own.status, 201, own.text);
  assert.equal(own.body.phone, '');
  assert.equal(own.body.responsible_user_id, null);
  assert.equal(own.body.responsible_name, '');
  const child = await post('/api/v1/grids', { level: 2, parent_id: own.body.id, region_code: '990102001207', name: '站建村网格', responsible_user_id: uid('grid1_1_2') }, sessions.station1_1);
  assert.equal(child.status, 201, child.text);
  expectError(await post('/api/v1/grids', { level: 2, parent_id: own.body.id, region_code: '990102002001', name: '越界' }, sessions.station1_1),
    422, 'region_not_found', 'region_code', 'station outside its town');
  // Roles that may never draw cells.
  for (const who of ['grid1_1_1', 'expert1', 'ent1_1']) {
    expectError(await post('/api/v1/grids', { level: 1, region_code: '990102001000', name: '无权' }, sessions[who]), 403, 'forbidden', undefined, who);
  }
  assert.equal((await api(srv.url, 'POST', '/api/v1/grids', { body: L1 })).status, 401);
  assert.equal((await counts()).grids, before.grids + 8);
});

test('change a cell: name, phone, responsible person (the grid workers\' views follow); stale and invalid changes change nothing', async () => {
  const village = '990102002001'; // town 2, village 1: led by grid1_2_1
  const c = await cellOf(village);
  const town = await cellOf('990102002000');
  const [e] = await enterprisesOf(village);
  assert.equal(c.responsible_user_id, uid('grid1_2_1'));
  assert.equal((await get(`/api/v1/enterprises/${e.id}`, sessions.grid1_2_1)).status, 200);
  assert.equal((await get(`/api/v1/enterprises/${e.id}`, sessions.grid1_2_2)).status, 404);

  // The town's station renames it.
  const renamed = await patch(`/api/v1/grids/${c.id}`, { version: 1, name: '幸福社区一网格', phone: '0591-1234567' }, sessions.station1_2);
  assert.equal(renamed.status, 200, renamed.text);
  assert.equal(renamed.body.name, '幸福社区一网格');
  assert.equal(renamed.body.phone, '0591-1234567');
  assert.equal(renamed.body.version, 2);
  assert.equal(renamed.body.responsible_user_id, c.responsible_user_id);
  assert.equal(renamed.body.region_code, c.region_code);
  assert.equal(renamed.body.parent_id, c.parent_id);
  assert.equal(renamed.body.enterprises, c.enterprises);
  assert.equal(renamed.body.created_at, c.created_at);
  assert.ok(renamed.body.updated_at >= c.updated_at);
  assert.deepEqual(await cell(c.id), renamed.body);
  const entry = (await audits('grid_cell', 'update', 1))[0];
  assert.equal(entry.entity_id, String(c.id));
  assert.equal(entry.actor_username, 'station1_2');
  assert.equal(entry.before.name, c.name);
  assert.equal(entry.after.name, '幸福社区一网格');

  // The other grid worker of the town takes it over.
  const handed = await patch(`/api/v1/grids/${c.id}`, { version: 2, responsible_user_id: uid('grid1_2_2') }, sessions.district1);
  assert.equal(handed.status, 200, handed.text);
  assert.equal(handed.body.responsible_user_id, uid('grid1_2_2'));
  assert.equal(handed.body.responsible_name, users.grid1_2_2.name);
  assert.equal(handed.body.name, '幸福社区一网格');
  assert.equal(handed.body.version, 3);
  assert.equal((await get(`/api/v1/enterprises/${e.id}`, sessions.grid1_2_1)).status, 404);
  assert.equal((await get(`/api/v1/enterprises/${e.id}`, sessions.grid1_2_2)).status, 200);
  assert.equal((await get(`/api/v1/grids/${c.id}`, sessions.grid1_2_1)).status, 404);
  assert.equal((await get(`/api/v1/grids/${c.id}`, sessions.grid1_2_2)).status, 200);
  assert.equal((await get('/api/v1/grids', sessions.grid1_2_1)).body.total, 4);
  assert.equal((await get('/api/v1/grids', sessions.grid1_2_2)).body.total, 6);
  const perVillage = DEMO_ENTERPRISES / 600;
  assert.equal((await get('/api/v1/enterprises', sessions.grid1_2_1)).body.total, 4 * perVillage);
  assert.equal((await get('/api/v1/enterprises', sessions.grid1_2_2)).body.total, 6 * perVillage);

  // Refused changes.
  const current = await cell(c.id);
  const currentTown = await cell(town.id);
  const before = await counts();
  const cases = [
    [c.id, { version: 2, name: '过期' }, 409, 'stale_version', 'version'],
    [c.id, { version: 99, name: '过期' }, 409, 'stale_version', 'version'],
    [c.id, { name: '无版本' }, 422, 'required', 'version'],
    [c.id, { version: '3', name: 'x' }, 422, 'invalid_type', 'version'],
    [c.id, { version: 3, name: '' }, 422, 'invalid_grid_name', 'name'],
    [c.id, { version: 3, name: '名'.repeat(51) }, 422, 'invalid_grid_name', 'name'],
    [c.id, { version: 3, phone: '电话' }, 422, 'invalid_phone', 'phone'],
    [c.id, { version: 3, responsible_user_id: 999999 }, 422, 'user_not_found', 'responsible_user_id'],
    [c.id, { version: 3, responsible_user_id: uid('district1') }, 422, 'responsible_role', 'responsible_user_id'],
    [c.id, { version: 3, responsible_user_id: uid('expert1') }, 422, 'responsible_role', 'responsible_user_id'],
    [c.id, { version: 3, responsible_user_id: uid('grid1_3_1') }, 422, 'responsible_out_of_region', 'responsible_user_id'],
    [c.id, { version: 3, responsible_user_id: uid('station1_1') }, 422, 'responsible_out_of_region', 'responsible_user_id'],
    [town.id, { version: 1, responsible_user_id: uid('grid1_2_1') }, 422, 'responsible_role', 'responsible_user_id'],
    [town.id, { version: 1, responsible_user_id: uid('station1_1') }, 422, 'responsible_out_of_region', 'responsible_user_id'],
    [c.id, { version: 3, level: 1 }, 422, 'unknown_field', 'level'],
    [c.id, { version: 3, region_code: '990102002002' }, 422, 'unknown_field', 'region_code'],
    [c.id, { version: 3, parent_id: town.id }, 422, 'unknown_field', 'parent_id'],
    [c.id, { version: 3, enterprises: 0 }, 422, 'unknown_field', 'enterprises'],
  ];
  for (const [id, body, status, code, field] of cases) {
    expectError(await patch(`/api/v1/grids/${id}`, body, sessions.district1), status, code, field, `PATCH ${JSON.stringify(body)}`);
  }
  for (const who of ['grid1_2_2', 'expert1', 'ent1_1']) {
    expectError(await patch(`/api/v1/grids/${c.id}`, { version: 3, name: '无权' }, sessions[who]), 403, 'forbidden', undefined, who);
  }
  expectError(await patch(`/api/v1/grids/${c.id}`, { version: 3, name: '越界' }, sessions.station1_1), 404, 'not_found', undefined, 'station1_1');
  expectError(await patch('/api/v1/grids/999999', { version: 1, name: 'x' }, sessions.district1), 404, 'not_found', undefined, 'absent');
  assert.deepEqual(await counts(), before);
  assert.deepEqual(await cell(c.id), current);
  assert.deepEqual(await cell(town.id), currentTown);

  // No one in charge: the grid worker loses it.
  const none = await patch(`/api/v1/grids/${c.id}`, { version: 3, responsible_user_id: null }, sessions.district1);
  assert.equal(none.status, 200, none.text);
  assert.equal(none.body.responsible_user_id, null);
  assert.equal(none.body.responsible_name, '');
  assert.equal((await get(`/api/v1/enterprises/${e.id}`, sessions.grid1_2_2)).status, 404);
  assert.equal((await get('/api/v1/grids', sessions.grid1_2_2)).body.total, 5);
  // The level-1 cell may pass to the district's bureau.
  const up = await patch(`/api/v1/grids/${town.id}`, { version: 1, responsible_user_id: uid('district1') }, sessions.district1);
  assert.equal(up.status, 200, up.text);
  assert.equal(up.body.responsible_name, users.district1.name);
});

test('delete: required version, not-empty cells, absent cells and forbidden roles change nothing', async () => {
  const village = await cellOf('990102004001');
  const town = await cellOf('990102004000');
  const before = await counts();
  for (const [path, as, status, code, field] of [
    [`/api/v1/grids/${village.id}?version=1`, sessions.district1, 409, 'grid_not_empty', undefined],
    [`/api/v1/grids/${town.id}?version=1`, sessions.district1, 409, 'grid_not_empty', undefined],
    [`/api/v1/grids/${village.id}`, sessions.district1, 422, 'required', 'version'],
    [`/api/v1/grids/${village.id}?version=`, sessions.district1, 422, 'required', 'version'],
    [`/api/v1/grids/${village.id}?version=x`, sessions.district1, 422, 'invalid_integer', 'version'],
    ['/api/v1/grids/999999?version=1', sessions.district1, 404, 'not_found', undefined],
    [`/api/v1/grids/${village.id}?version=1`, sessions.district2, 404, 'not_found', undefined],
    [`/api/v1/grids/${village.id}?version=1`, sessions.station1_1, 404, 'not_found', undefined],
    [`/api/v1/grids/${village.id}?version=1`, sessions.grid1_1_1, 403, 'forbidden', undefined],
    [`/api/v1/grids/${village.id}?version=1`, sessions.expert1, 403, 'forbidden', undefined],
    [`/api/v1/grids/${village.id}?version=1`, sessions.ent1_1, 403, 'forbidden', undefined],
  ]) {
    expectError(await del(path, as), status, code, field, path);
  }
  assert.deepEqual(await counts(), before);
  assert.deepEqual(await cell(village.id), village);
  assert.deepEqual(await cell(town.id), town);
});

// ---- placing enterprises ---------------------------------------------------------------------

test('move enterprises into a cell: all or nothing, each error with field enterprise_ids', async () => {
  const district = sessions.district1;
  const v1 = '990102101001'; // town 5 of district 1
  const v2 = '990102101002';
  const town = await cellOf('990102101000');
  const cellV1 = await cellOf(v1);
  const [a1, a2] = await enterprisesOf(v1);
  const [b1] = await enterprisesOf(v2);
  const [other] = await enterprisesOf('990103001001'); // district 2
  const [otherTown] = await enterprisesOf('990102102001'); // district 1, town 6
  const second = await post('/api/v1/grids', { level: 2, parent_id: town.id, region_code: v1, name: '李家湾二组', responsible_user_id: uid('grid1_5_2') }, district);
  assert.equal(second.status, 201, second.text);
  const target = second.body.id;

  const before = await counts();
  const snapshot = async () => Promise.all([a1, a2, b1, other].map((e) => enterprise(e.id)));
  const records = await snapshot();
  const tooMany = Array.from({ length: 1001 }, (_, i) => i + 1);
  const cases = [
    [town.id, { enterprise_ids: [a1.id] }, 422, 'grid_not_level2', 'enterprise_ids'],
    [target, { enterprise_ids: [b1.id] }, 422, 'grid_other_village', 'enterprise_ids'],
    [target, { enterprise_ids: [a1.id, b1.id] }, 422, 'grid_other_village', 'enterprise_ids'],
    [target, { enterprise_ids: [b1.id, a1.id, a2.id] }, 422, 'grid_other_village', 'enterprise_ids'],
    [target, { enterprise_ids: [a1.id, other.id] }, 422, 'enterprise_not_found', 'enterprise_ids'],
    [target, { enterprise_ids: [a1.id, 999999] }, 422, 'enterprise_not_found', 'enterprise_ids'],
    [target, { enterprise_ids: [0] }, 422, 'enterprise_not_found', 'enterprise_ids'],
    [target, { enterprise_ids: [] }, 422, 'invalid_enterprise_ids', 'enterprise_ids'],
    [target, { enterprise_ids: tooMany }, 422, 'invalid_enterprise_ids', 'enterprise_ids'],
    // 1000 is still a size it takes: the ids themselves are what fails here
    [target, { enterprise_ids: [a1.id, ...Array.from({ length: 999 }, (_, i) => 5_000_000 + i)] }, 422, 'enterprise_not_found', 'enterprise_ids'],
    [target, {}, 422, 'required', 'enterprise_ids'],
    [target, { enterprise_ids: a1.id }, 422, 'invalid_type', 'enterprise_ids'],
    [target, { enterprise_ids: [String(a1.id)] }, 422, 'invalid_type', 'enterprise_ids'],
    [target, { enterprise_ids: [a1.id], grid_cell_id: target }, 422, 'unknown_field', 'grid_cell_id'],
    [999999, { enterprise_ids: [a1.id] }, 404, 'not_found', undefined],
  ];
  for (const [id, body, status, code, field] of cases) {
    const label = `POST /grids/${id}/enterprises ${JSON.stringify(body).slice(0, 80)}`;
    expectError(await post(`/api/v1/grids/${id}/enterprises`, body, district), status, code, field, label);
  }
  // A station cannot take an enterprise of another town, even into a cell of its own.
  const station5 = sessions.station1_5;
  expectError(await post(`/api/v1/grids/${target}/enterprises`, { enterprise_ids: [a1.id, otherTown.id] }, station5),
    422, 'enterprise_not_found', 'enterprise_ids', 'station, other town');
  for (const who of ['grid1_1_1', 'expert1', 'ent1_1']) {
    expectError(await post(`/api/v1/grids/${target}/enterprises`, { enterprise_ids: [a1.id] }, sessions[who]), 403, 'forbidden', undefined, who);
  }
  expectError(await post(`/api/v1/grids/${target}/enterprises`, { enterprise_ids: [a1.id] }, sessions.district2), 404, 'not_found', undefined, 'district2');
  assert.deepEqual(await counts(), before, 'a refused move changed something');
  assert.deepEqual(await snapshot(), records, 'a refused move changed an enterprise');
  assert.equal((await cell(target)).enterprises, 0);

  // The station of the town moves one; the district the other.
  const one = await post(`/api/v1/grids/${target}/enterprises`, { enterprise_ids: [a1.id] }, station5);
  assert.equal(one.status, 200, one.text);
  assert.deepEqual(one.body, { moved: 1 });
  const two = await post(`/api/v1/grids/${target}/enterprises`, { enterprise_ids: [a2.id] }, district);
  assert.deepEqual(two.body, { moved: 1 });
  for (const e of [a1, a2]) {
    const now = await enterprise(e.id);
    assert.equal(now.grid_cell_id, target);
    assert.equal(now.version, e.version + 1);
  }
  assert.equal((await cell(target)).enterprises, 2);
  assert.equal((await cell(cellV1.id)).enterprises, 0);
  const after = await counts();
  assert.equal(after.audit, before.audit + 2);
  assert.equal(after.enterprises, before.enterprises);
  const moves = await audits('enterprise', 'move', 2);
  assert.deepEqual(moves.map((m) => m.actor_username).sort(), ['district1', 'station1_5']);
  // grid1_5_2 leads the new cell and now sees both; grid1_5_1 no longer does.
  assert.equal((await get(`/api/v1/enterprises/${a1.id}`, await login(srv.url, 'grid1_5_2'))).status, 200);
  assert.equal((await get(`/api/v1/enterprises/${a1.id}`, await login(srv.url, 'grid1_5_1'))).status, 404);
});

test('an enterprise\'s grid_cell_id: set on creation, checked, follows a move of village, filters', async () => {
  const district = sessions.district1;
  const v1 = '990102102001'; // town 6 of district 1
  const v2 = '990102102002';
  const v3 = '990102102003';
  const town = await cellOf('990102102000');
  const c1 = await cellOf(v1);
  const c2 = await cellOf(v2);
  const c3 = await cellOf(v3);
  const foreign = await cellOf('990103001001');

  // Into the village's only cell by default, or the one named.
  const auto = await newEnterprise(v1, {}, district);
  assert.equal(auto.grid_cell_id, c1.id);
  const named = await newEnterprise(v1, { grid_cell_id: c1.id }, district);
  assert.equal(named.grid_cell_id, c1.id);
  assert.equal((await cell(c1.id)).enterprises, DEMO_ENTERPRISES / 600 + 2);
  assert.equal((await get(`/api/v1/enterprises/${auto.id}`, sessions.grid1_6_1)).status, 200);

  const before = await counts();
  for (const [overrides, code] of [
    [{ grid_cell_id: c2.id }, 'grid_other_village'],
    [{ grid_cell_id: town.id }, 'grid_not_level2'],
    [{ grid_cell_id: 999999 }, 'grid_cell_not_found'],
    [{ grid_cell_id: foreign.id }, 'grid_cell_not_found'],
  ]) {
    const r = await post('/api/v1/enterprises', { uscc: newUscc(v1), name: '网格测试有限公司', region_code: v1, industry_code: 'C33', ...overrides }, district);
    expectError(r, 422, code, 'grid_cell_id', JSON.stringify(overrides));
  }
  expectError(await post('/api/v1/enterprises', { uscc: newUscc(v1), name: '网格测试有限公司', region_code: v1, industry_code: 'C33', grid_cell_id: 'x' }, district),
    422, 'invalid_type', 'grid_cell_id', 'grid_cell_id x');
  assert.deepEqual(await counts(), before);

  // Moving village without naming a cell: the new village's only cell.
  const moved = await patch(`/api/v1/enterprises/${auto.id}`, { version: 1, region_code: v2 }, district);
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.grid_cell_id, c2.id);
  assert.equal(moved.body.version, 2);
  assert.equal((await get(`/api/v1/enterprises/${auto.id}`, sessions.grid1_6_1)).status, 200);
  // Refused: a cell of another village, a level-1 cell, a cell out of scope; nothing changes.
  const record = await enterprise(auto.id);
  const unchanged = await counts();
  for (const [body, code] of [
    [{ version: 2, grid_cell_id: c1.id }, 'grid_other_village'],
    [{ version: 2, region_code: v1, grid_cell_id: c2.id }, 'grid_other_village'],
    [{ version: 2, grid_cell_id: town.id }, 'grid_not_level2'],
    [{ version: 2, grid_cell_id: foreign.id }, 'grid_cell_not_found'],
    [{ version: 2, grid_cell_id: 999999 }, 'grid_cell_not_found'],
  ]) {
    expectError(await patch(`/api/v1/enterprises/${auto.id}`, body, district), 422, code, 'grid_cell_id', JSON.stringify(body));
  }
  assert.deepEqual(await enterprise(auto.id), record);
  assert.deepEqual(await counts(), unchanged);
  // Moving village and naming its cell together.
  const both = await patch(`/api/v1/enterprises/${auto.id}`, { version: 2, region_code: v1, grid_cell_id: c1.id }, district);
  assert.equal(both.status, 200, both.text);
  assert.equal(both.body.grid_cell_id, c1.id);

  // Taken out of every cell: listed under grid_id=none, and no grid worker sees it.
  const out = await patch(`/api/v1/enterprises/${auto.id}`, { version: 3, grid_cell_id: null }, district);
  assert.equal(out.status, 200, out.text);
  assert.equal(out.body.grid_cell_id, null);
  const entry = (await audits('enterprise', 'update', 1))[0];
  assert.equal(entry.entity_id, String(auto.id));
  assert.equal(entry.before.grid_cell_id, c1.id);
  assert.equal(entry.after.grid_cell_id, null);
  assert.deepEqual(idsOf(await all('/api/v1/enterprises?grid_id=none')), [auto.id]);
  assert.deepEqual(idsOf(await all('/api/v1/enterprises?grid_id=none', district)), [auto.id]);
  assert.deepEqual(await all('/api/v1/enterprises?grid_id=none', sessions.district2), []);
  for (const who of ['grid1_6_1', 'grid1_6_2']) {
    assert.equal((await get(`/api/v1/enterprises/${auto.id}`, await login(srv.url, who))).status, 404, who);
  }
  // A second cell in village 3: a move there or a new enterprise there has no only cell.
  const extra = await post('/api/v1/grids', { level: 2, parent_id: town.id, region_code: v3, name: '第二网格', responsible_user_id: uid('grid1_6_2') }, district);
  assert.equal(extra.status, 201, extra.text);
  const toV3 = await patch(`/api/v1/enterprises/${named.id}`, { version: 1, region_code: v3 }, district);
  assert.equal(toV3.status, 200, toV3.text);
  assert.equal(toV3.body.grid_cell_id, null);
  const inV3 = await newEnterprise(v3, {}, district);
  assert.equal(inV3.grid_cell_id, null);
  const chosen = await newEnterprise(v3, { grid_cell_id: extra.body.id }, district);
  assert.equal(chosen.grid_cell_id, extra.body.id);
  assert.deepEqual(idsOf(await all('/api/v1/enterprises?grid_id=none')), [auto.id, named.id, inV3.id].sort((a, b) => a - b));
  const placed = await patch(`/api/v1/enterprises/${named.id}`, { version: 2, grid_cell_id: c3.id }, district);
  assert.equal(placed.status, 200, placed.text);
  assert.equal(placed.body.grid_cell_id, c3.id);

  // Each village lists (and counts) the enterprises that are in it now.
  for (const [village, extra] of [[v1, 1], [v2, 0], [v3, 3]]) {
    const listed = await all(`/api/v1/enterprises?region_code=${village}`);
    assert.equal(listed.length, DEMO_ENTERPRISES / 600 + extra, village);
    assert.ok(listed.every((x) => x.region_code === village), village);
  }

  // grid_id: a level-2 cell, a level-1 cell with its children, nothing outside the scope.
  const inTown = (await all('/api/v1/enterprises?region_code=990102102000')).filter((e) => e.grid_cell_id !== null);
  assert.deepEqual(idsOf(await all(`/api/v1/enterprises?grid_id=${town.id}`)), idsOf(inTown));
  assert.deepEqual(idsOf(await all(`/api/v1/enterprises?grid_id=${extra.body.id}`)), [chosen.id]);
  assert.deepEqual(idsOf(await all(`/api/v1/enterprises?grid_id=${c3.id}`)),
    idsOf((await enterprisesOf(v3)).filter((e) => e.grid_cell_id === c3.id)));
  assert.equal((await get(`/api/v1/enterprises?grid_id=${c3.id}`)).body.total, DEMO_ENTERPRISES / 600 + 1);
  assert.equal((await get(`/api/v1/enterprises?grid_id=${town.id}`, sessions.district2)).body.total, 0);
  assert.equal((await get('/api/v1/enterprises?grid_id=999999')).body.total, 0);
  for (const value of ['abc', '1.5', 'None', '']) {
    const r = await get(`/api/v1/enterprises?grid_id=${value}`);
    if (value === '') assert.equal(r.status, 200, 'an empty grid_id is no filter');
    else expectError(r, 422, 'invalid_integer', 'grid_id', `grid_id=${value}`);
  }
});

test('an enterprise account cannot move itself to another cell (403 field_locked); sending its own cell is fine', async () => {
  const ent = sessions.ent1_1;
  const ownId = ent.user.enterprise_id;
  const own = await enterprise(ownId);
  const parent = (await cell(own.grid_cell_id)).parent_id;
  const second = await post('/api/v1/grids', { level: 2, parent_id: parent, region_code: own.region_code, name: '企业所在村二网格' });
  assert.equal(second.status, 201, second.text);
  const before = await counts();
  for (const body of [
    { version: own.version, grid_cell_id: second.body.id },
    { version: own.version, grid_cell_id: null },
    { version: own.version, address: '新地址', grid_cell_id: second.body.id },
  ]) {
    expectError(await patch(`/api/v1/enterprises/${ownId}`, body, ent), 403, 'field_locked', undefined, JSON.stringify(body));
  }
  assert.deepEqual(await counts(), before);
  assert.deepEqual(await enterprise(ownId), own);
  const ok = await patch(`/api/v1/enterprises/${ownId}`, { version: own.version, grid_cell_id: own.grid_cell_id, address: '企业自填地址' }, ent);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.grid_cell_id, own.grid_cell_id);
  assert.equal(ok.body.address, '企业自填地址');
});

test('a grid worker in charge of a level-1 cell sees that cell, its children and their enterprises', async () => {
  // A station account leads the level-1 cell of town 7, then becomes a grid worker.
  const made = await post('/api/v1/users', { username: 'lead_t7', name: '镇网格长', password: 'Start1234', role: 'station', region_code: '990102103000' });
  assert.equal(made.status, 201, made.text);
  const town = await cellOf('990102103000');
  const led = await patch(`/api/v1/grids/${town.id}`, { version: town.version, responsible_user_id: made.body.id });
  assert.equal(led.status, 200, led.text);
  const role = await patch(`/api/v1/users/${made.body.id}`, { version: made.body.version, role: 'grid' });
  assert.equal(role.status, 200, role.text);
  const lead = await login(srv.url, 'lead_t7', 'Start1234');
  assert.equal(lead.user.role, 'grid');
  const cells = await all('/api/v1/grids', lead);
  assert.equal(cells.length, 11);
  assert.ok(cells.every((c) => c.id === town.id || c.parent_id === town.id));
  assert.equal((await get(`/api/v1/grids/${town.id}`, lead)).status, 200);
  const seen = await all('/api/v1/enterprises', lead);
  assert.deepEqual(idsOf(seen), idsOf(await all('/api/v1/enterprises?region_code=990102103000')));
  assert.equal(seen.length, DEMO_ENTERPRISES / 60);
  assert.equal((await get('/api/v1/enterprises/map', lead)).body.total, DEMO_ENTERPRISES / 60);
  // Nothing of the neighbouring town.
  const [neighbour] = await enterprisesOf('990102104001');
  assert.equal((await get(`/api/v1/enterprises/${neighbour.id}`, lead)).status, 404);
  // Still a grid worker: reads only.
  expectError(await patch(`/api/v1/grids/${town.id}`, { version: 2, name: 'x' }, lead), 403, 'forbidden');
});

test('a grid worker sees its cells only inside its own region: moved to another town, it sees none of them', async () => {
  const worker = users.grid1_8_1; // leads the cells of villages 1–5 of town 8 (990102104000)
  const before = await login(srv.url, 'grid1_8_1');
  assert.equal((await get('/api/v1/grids', before)).body.total, 5);
  assert.equal((await get('/api/v1/enterprises', before)).body.total, 5 * DEMO_ENTERPRISES / 600);
  const moved = await patch(`/api/v1/users/${worker.id}`, { version: worker.version, region_code: '990102105000' });
  assert.equal(moved.status, 200, moved.text);
  const s = await login(srv.url, 'grid1_8_1');
  const [e] = await enterprisesOf('990102104001');
  const c = await cellOf('990102104001');
  assert.equal(c.responsible_user_id, worker.id, 'it still leads the cell');
  for (const path of ['/api/v1/grids', '/api/v1/enterprises', '/api/v1/enterprises/map', '/api/v1/certificates/expiring?within_days=366']) {
    const r = await get(path, s);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    assert.equal(r.body.total, 0, path);
  }
  expectError(await get(`/api/v1/grids/${c.id}`, s), 404, 'not_found');
  expectError(await get(`/api/v1/enterprises/${e.id}`, s), 404, 'not_found');
  expectError(await get(`/api/v1/enterprises/${e.id}/people`, s), 404, 'not_found');
});

test('concurrent changes of one cell on the same version: exactly one wins', async () => {
  const c = await cellOf('990105002001');
  const results = await Promise.all(['甲', '乙', '丙', '丁'].map((n) =>
    patch(`/api/v1/grids/${c.id}`, { version: c.version, name: `并发${n}` }, n === '甲' ? sessions.admin : sessions.city)));
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409, 409], results.map((r) => r.text).join('\n'));
  const winner = results.find((r) => r.status === 200).body;
  const now = await cell(c.id);
  assert.equal(now.name, winner.name);
  assert.equal(now.version, c.version + 1);
  for (const r of results.filter((x) => x.status === 409)) assert.equal(r.body.error.code, 'stale_version');
});

// ---- the map -----------------------------------------------------------------------------------

test('map: [id, longitude, latitude, name, status] of the located enterprises, with the list\'s filters', async () => {
  const town = await cellOf('990104001000');
  const r = await get('/api/v1/enterprises/map?region_code=990104001000');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.body).sort(), ['items', 'limit', 'total']);
  assert.ok(Number.isInteger(r.body.limit) && r.body.limit >= DEMO_ENTERPRISES, `limit ${r.body.limit}`);
  const listed = await all('/api/v1/enterprises?region_code=990104001000');
  assert.equal(r.body.total, listed.length);
  const rows = [...r.body.items].sort((a, b) => a[0] - b[0]);
  assert.deepEqual(rows, listed.map((e) => [e.id, e.longitude, e.latitude, e.name, e.status]).sort((a, b) => a[0] - b[0]));
  for (const row of r.body.items) {
    assert.equal(row.length, 5);
    assert.ok(Number.isInteger(row[0]) && typeof row[1] === 'number' && typeof row[2] === 'number');
  }

  const q = encodeURIComponent('金属');
  for (const query of ['status=suspended', `q=${q}`, 'tag=metallurgy', 'scale=above', `grid_id=${town.id}`,
    `region_code=990104000000&industry_code=C`, `uscc=${listed[3].uscc}`, 'region_code=990104001203&status=operating']) {
    const map = await get(`/api/v1/enterprises/map?${query}`);
    assert.equal(map.status, 200, `${query}: ${map.text}`);
    const expected = (await all(`/api/v1/enterprises?${query}`)).filter((e) => e.longitude !== null);
    assert.deepEqual(map.body.items.map((row) => row[0]).sort((a, b) => a - b), idsOf(expected), query);
  }
  // An enterprise without coordinates is not on the map.
  const unlocated = await newEnterprise('990104001001');
  const located = await newEnterprise('990104001001', { longitude: 118.61, latitude: 28.42, name: '有坐标的公司' });
  const village = await get('/api/v1/enterprises/map?region_code=990104001001');
  const mapped = village.body.items.map((row) => row[0]);
  assert.ok(!mapped.includes(unlocated.id), 'no coordinates, no point');
  assert.ok(mapped.includes(located.id));
  assert.deepEqual(village.body.items.find((row) => row[0] === located.id), [located.id, 118.61, 28.42, '有坐标的公司', 'operating']);
  assert.ok(village.body.total >= village.body.items.length);

  for (const [query, code, field] of [
    ['grid_id=abc', 'invalid_integer', 'grid_id'],
    ['region_code=abc', 'invalid_region_code', 'region_code'],
  ]) {
    expectError(await get(`/api/v1/enterprises/map?${query}`), 422, code, field, query);
  }
  assert.equal((await get('/api/v1/enterprises/map?grid_id=none')).status, 200);
  expectError(await get('/api/v1/enterprises/map', sessions.expert1), 403, 'forbidden');
  assert.equal((await api(srv.url, 'GET', '/api/v1/enterprises/map')).status, 401);
});

test('unauthenticated grid writes get 401 and change nothing', async () => {
  const c = await cellOf('990105001001');
  const [e] = await enterprisesOf('990105001001');
  const before = await counts();
  assert.equal((await api(srv.url, 'POST', '/api/v1/grids', { body: { level: 1, region_code: '990105001000', name: 'x' } })).status, 401);
  assert.equal((await api(srv.url, 'PATCH', `/api/v1/grids/${c.id}`, { body: { version: 1, name: 'x' } })).status, 401);
  assert.equal((await api(srv.url, 'DELETE', `/api/v1/grids/${c.id}?version=1`)).status, 401);
  assert.equal((await api(srv.url, 'POST', `/api/v1/grids/${c.id}/enterprises`, { body: { enterprise_ids: [e.id] } })).status, 401);
  assert.deepEqual(await counts(), before);
  assert.deepEqual(await cell(c.id), c);
});

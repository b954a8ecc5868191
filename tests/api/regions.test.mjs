// The region tree: depth, children, detail with path, CSV import.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, api, login, totals } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const admin = await login(srv.url, 'admin');

function depthOf(node) {
  return node.children.length === 0 ? 0 : 1 + Math.max(...node.children.map(depthOf));
}

test('tree: depth 0…4 from the province, default 1', async () => {
  for (const [query, depth] of [['', 1], ['?depth=0', 0], ['?depth=1', 1], ['?depth=2', 2], ['?depth=4', 4]]) {
    const r = await api(srv.url, 'GET', `/api/v1/regions${query}`, { as: admin });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.items.length, 1);
    const root = r.body.items[0];
    assert.equal(root.code, '990000000000');
    assert.equal(root.name, '示范省');
    assert.equal(root.level, 1);
    assert.equal(root.parent_code, null);
    assert.equal(root.has_children, true);
    assert.equal(depthOf(root), depth, `depth for ${query}`);
  }
  const two = (await api(srv.url, 'GET', '/api/v1/regions?depth=2', { as: admin })).body.items[0];
  assert.deepEqual(two.children.map((c) => c.code), ['990100000000']);
  assert.equal(two.children[0].children.length, 6);
  const four = (await api(srv.url, 'GET', '/api/v1/regions?depth=4', { as: admin })).body.items[0];
  const towns = four.children[0].children.flatMap((d) => d.children);
  assert.equal(towns.length, 60);
  assert.ok(towns.every((t) => t.level === 4 && t.has_children && t.children.length === 10));
  assert.ok(towns.flatMap((t) => t.children).every((v) => v.level === 5 && !v.has_children && v.children.length === 0));
  // A bureau's tree starts at its own region.
  const d1 = await login(srv.url, 'district1');
  const mine = (await api(srv.url, 'GET', '/api/v1/regions?depth=1', { as: d1 })).body.items;
  assert.equal(mine.length, 1);
  assert.equal(mine[0].code, '990102000000');
  assert.equal(mine[0].children.length, 10);
  const bad = await api(srv.url, 'GET', '/api/v1/regions?depth=5', { as: admin });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.field, 'depth');
});

test('children: ordered by code, with level and has_children', async () => {
  const r = await api(srv.url, 'GET', '/api/v1/regions/990100000000/children', { as: admin });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.items.map((c) => c.code),
    ['990102000000', '990103000000', '990104000000', '990105000000', '990106000000', '990107000000']);
  assert.ok(r.body.items.every((c) => c.level === 3 && c.parent_code === '990100000000' && c.has_children));
  const town = await api(srv.url, 'GET', '/api/v1/regions/990102101000/children', { as: admin });
  assert.deepEqual(town.body.items.map((c) => c.code), [
    '990102101001', '990102101002', '990102101003', '990102101201', '990102101202', '990102101203',
    '990102101204', '990102101205', '990102101206', '990102101207']);
  const leaf = await api(srv.url, 'GET', '/api/v1/regions/990102101207/children', { as: admin });
  assert.deepEqual(leaf.body.items, []);
});

test('detail: the region with its path from the province down', async () => {
  const r = await api(srv.url, 'GET', '/api/v1/regions/990102001001', { as: admin });
  assert.equal(r.status, 200);
  assert.equal(r.body.code, '990102001001');
  assert.equal(r.body.level, 5);
  assert.equal(r.body.parent_code, '990102001000');
  assert.equal(r.body.has_children, false);
  assert.equal(r.body.name, '幸福社区');
  assert.deepEqual(r.body.path.map((p) => p.code),
    ['990000000000', '990100000000', '990102000000', '990102001000']);
  assert.deepEqual(r.body.path.slice(0, 3).map((p) => p.name), ['示范省', '江川市', '清源区']);
  const province = await api(srv.url, 'GET', '/api/v1/regions/990000000000', { as: admin });
  assert.deepEqual(province.body.path, []);
});

const CSV = [
  'code,name',
  '990108001000,新区街道', // 2: created (its parent comes later in the file)
  '990108000000,新区', // 3: created
  '990102000000,清源新区', // 4: renamed
  '990103000000,临江区', // 5: unchanged
  '990199001000,孤儿街道', // 6: parent 990199000000 is missing
  '12345,坏代码', // 7: malformed code
  '990109000000,', // 8: empty name
  '990108000000,又一个新区', // 9: duplicate in the file
  '990110000000,"带,逗号的区"', // 10: created, quoted field
].join('\r\n') + '\r\n';

test('CSV import as admin: created, updated, unchanged and rejected rows; re-import creates nothing', async () => {
  const before = await totals(srv.url, admin);
  const r = await api(srv.url, 'POST', '/api/v1/regions/import',
    { as: admin, body: `\uFEFF${CSV}`, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 3);
  assert.equal(r.body.updated, 1);
  assert.equal(r.body.unchanged, 1);
  assert.deepEqual(r.body.rejected.map(({ row, field, code }) => ({ row, field, code })), [
    { row: 6, field: 'code', code: 'region_parent_missing' },
    { row: 7, field: 'code', code: 'invalid_region_code' },
    { row: 8, field: 'name', code: 'invalid_name' },
    { row: 9, field: 'code', code: 'duplicate_in_file' },
  ]);
  assert.ok(r.body.rejected.every((x) => typeof x.reason === 'string' && x.reason.length > 0));
  const renamed = await api(srv.url, 'GET', '/api/v1/regions/990102000000', { as: admin });
  assert.equal(renamed.body.name, '清源新区');
  const created = await api(srv.url, 'GET', '/api/v1/regions/990108001000', { as: admin });
  assert.equal(created.status, 200);
  assert.equal(created.body.parent_code, '990108000000');
  assert.deepEqual(created.body.path.map((p) => p.name), ['示范省', '江川市', '新区']);
  assert.equal((await api(srv.url, 'GET', '/api/v1/regions/990110000000', { as: admin })).body.name, '带,逗号的区');
  assert.equal((await api(srv.url, 'GET', '/api/v1/regions/990199001000', { as: admin })).status, 404);
  const afterFirst = await totals(srv.url, admin);
  assert.equal(afterFirst.audit, before.audit + 1);
  const entry = (await api(srv.url, 'GET', '/api/v1/audit?entity=region&action=import', { as: admin })).body.items[0];
  assert.equal(entry.actor_username, 'admin');
  assert.deepEqual(entry.after.created.sort(), ['990108000000', '990108001000', '990110000000']);
  assert.deepEqual(entry.after.renamed, [{ code: '990102000000', before: '清源区', after: '清源新区' }]);

  const again = await api(srv.url, 'POST', '/api/v1/regions/import', { as: admin, body: CSV });
  assert.equal(again.status, 200);
  assert.equal(again.body.created, 0);
  assert.equal(again.body.updated, 0);
  assert.equal(again.body.unchanged, 5);
  assert.equal(again.body.rejected.length, 4);
  assert.deepEqual(await totals(srv.url, admin), afterFirst, 're-import must not write an audit entry');
});

test('English reasons; a wrong header rejects row 1 only', async () => {
  const r = await api(srv.url, 'POST', '/api/v1/regions/import',
    { as: admin, body: 'id,title\n990111000000,X\n', headers: { 'Accept-Language': 'en' } });
  assert.equal(r.status, 200);
  assert.equal(r.body.created, 0);
  assert.deepEqual(r.body.rejected, [{ row: 1, field: 'header', code: 'invalid_csv', reason: 'The CSV file is malformed' }]);
});

test('non-admin import → 403, nothing changes', async () => {
  const before = await totals(srv.url, admin);
  for (const username of ['city', 'district1', 'station1_1']) {
    const s = await login(srv.url, username);
    const r = await api(srv.url, 'POST', '/api/v1/regions/import', { as: s, body: 'code,name\n990112000000,禁区\n' });
    assert.equal(r.status, 403, username);
    assert.equal(r.body.error.code, 'forbidden');
  }
  const after_ = await totals(srv.url, admin);
  assert.equal(after_.users, before.users);
  assert.equal(after_.audit, before.audit + 3); // the three logins
  assert.equal((await api(srv.url, 'GET', '/api/v1/regions/990112000000', { as: admin })).status, 404);
});

test('command-line import reports the same counts and exits 3 on rejected rows', async () => {
  const file = join(srv.dir, 'regions.csv');
  writeFileSync(file, 'code,name\n990113000000,命令行区\n990199001000,孤儿\n');
  const r = await srv.cli(['regions', 'import', file]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stdout, /created 1, renamed 0, unchanged 0, rejected 1/);
  assert.match(r.stdout, /row 3 code: region_parent_missing/);
  assert.equal((await api(srv.url, 'GET', '/api/v1/regions/990113000000', { as: admin })).status, 200);
});

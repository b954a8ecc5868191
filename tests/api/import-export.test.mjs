// Enterprise import (CSV and XLSX) and export: the report's rows and reasons, all-or-nothing
// against valid rows only, re-import by credit code, the template, and scope through both — an
// officer's export holds only its district, and an import never reaches another district.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, completeUscc, USCC_ALPHABET as ALPHABET } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const admin = await login(srv.url, 'admin');
const district1 = await login(srv.url, 'district1');
const district2 = await login(srv.url, 'district2');
const grid = await login(srv.url, 'grid1_1_1');

let serial = 0;
// Fresh valid codes ("QM" organisation codes never occur in the demo, which uses "MA").
function newUscc(region = '990102') {
  serial += 1;
  let n = serial * 13 + (process.pid % 1000) * 100_000;
  let tail = '';
  for (let k = 0; k < 6; k++) { tail = ALPHABET[n % 31] + tail; n = Math.floor(n / 31); }
  return completeUscc(`91${region}QM${tail}`);
}
const badCheck = (code) => code.slice(0, 17) + (code[17] === '1' ? '2' : '1');

const importFile = (as, body, query = '') =>
  api(srv.url, 'POST', `/api/v1/enterprises/import${query}`, {
    as, body, headers: { 'Content-Type': 'application/octet-stream' },
  });
async function download(path, as, language = 'zh-CN') {
  const response = await fetch(srv.url + path, {
    headers: { Authorization: `Bearer ${as.token}`, 'Accept-Language': language },
  });
  return { status: response.status, type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    bytes: new Uint8Array(await response.arrayBuffer()) };
}
const total = async (as, query = '') =>
  (await api(srv.url, 'GET', `/api/v1/enterprises?page_size=1${query}`, { as })).body.total;

const header = '统一社会信用代码,企业名称,所在村（社区）代码,行业代码,规模,从业人员,一线作业人员,安全纠察员,风险标签\n';

test('a CSV with one bad row: all-or-nothing writes nothing, valid-only writes the rest, again changes nothing', async () => {
  const a = newUscc(); const b = newUscc();
  const csv = header +
    `${a},导入测试甲公司,990102001201,C33,规模以上,120,90,5,粉尘涉爆、有限空间\n` +
    `${badCheck(newUscc())},校验位错误公司,990102001201,C33,规模以下,10,8,1,\n` +
    `${b},导入测试乙公司,990102001202,C34,below,30,20,1,\n`;
  const before = await total(admin);

  const preview = await importFile(district1, csv, '?dry_run=true');
  assert.equal(preview.status, 200, preview.text);
  assert.deepEqual(
    { rows: preview.body.rows, created: preview.body.created, committed: preview.body.committed },
    { rows: 3, created: 2, committed: false });
  assert.equal(preview.body.rejected.length, 1);
  assert.equal(preview.body.rejected[0].row, 3, 'the header is row 1');
  assert.equal(preview.body.rejected[0].field, 'uscc');
  assert.equal(preview.body.rejected[0].code, 'uscc_check');
  assert.match(preview.body.rejected[0].reason, /校验位/);

  const all = await importFile(district1, csv);
  assert.equal(all.status, 200);
  assert.equal(all.body.committed, false);
  assert.equal(await total(admin), before, 'all-or-nothing wrote nothing');

  const valid = await importFile(district1, csv, '?mode=valid');
  assert.equal(valid.body.committed, true);
  assert.equal(await total(admin), before + 2);
  const found = await api(srv.url, 'GET', `/api/v1/enterprises?uscc=${a}`, { as: district1 });
  assert.equal(found.body.total, 1);
  const record = found.body.items[0];
  assert.equal(record.name, '导入测试甲公司');
  assert.equal(record.scale, 'above');
  assert.deepEqual(record.hazard_tags, ['confined_space', 'dust_explosion']);
  assert.notEqual(record.grid_cell_id, null, 'placed in its village cell');

  const again = await importFile(district1, csv, '?mode=valid');
  assert.deepEqual([again.body.created, again.body.updated, again.body.unchanged], [0, 0, 2]);
  assert.equal(await total(admin), before + 2, 're-importing creates no duplicates');

  const audit = await api(srv.url, 'GET', `/api/v1/audit?entity=enterprise&action=import&page_size=200`, { as: admin });
  assert.ok(audit.body.items.some((e) => e.entity_id === String(record.id)), 'imports are audited');
});

test('an import never reaches another district, and says so without revealing anything', async () => {
  const mine = newUscc('990103');
  const csv = header +
    `${mine},二区自己的企业,990103001201,C33,规模以下,10,8,1,\n` +
    `${newUscc()},一区的村,990102001201,C33,规模以下,10,8,1,\n`;
  const report = await importFile(district2, csv, '?mode=valid');
  assert.equal(report.status, 200);
  assert.equal(report.body.created, 1);
  assert.deepEqual(report.body.rejected.map((r) => [r.row, r.field, r.code]),
    [[3, 'region_code', 'region_not_found']]);

  // district1 re-imports district2's enterprise by credit code: refused before any rule looks at it.
  const takeover = header + `${mine},抢占,990102001201,C33,规模以下,1,5,9,\n`;
  const refused = await importFile(district1, takeover, '?mode=valid');
  assert.deepEqual(refused.body.rejected.map((r) => [r.row, r.code]), [[2, 'uscc_taken']]);
  const still = await api(srv.url, 'GET', `/api/v1/enterprises?uscc=${mine}`, { as: admin });
  assert.equal(still.body.items[0].name, '二区自己的企业');

  assert.equal((await importFile(grid, csv)).status, 403);
});

test('file and request errors answer 422 with the field, and nothing is written', async () => {
  const before = await total(admin);
  const cases = [
    ['GBK bytes', Uint8Array.from([0xc6, 0xf3, 0xd2, 0xb5, 0x0a]), '', 'file_not_utf8', 'file'],
    ['a broken zip', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), '', 'file_unreadable', 'file'],
    ['an unknown mode', header, '?mode=some', 'invalid_import_mode', 'mode'],
  ];
  for (const [name, body, query, code, field] of cases) {
    const r = await importFile(district1, body, query);
    assert.equal(r.status, 422, name);
    assert.equal(r.body.error.code, code, name);
    assert.equal(r.body.error.field, field, name);
  }
  const missing = await importFile(district1, '企业名称,行业代码\n某公司,C33\n');
  assert.equal(missing.status, 200);
  assert.deepEqual(missing.body.rejected.map((r) => [r.row, r.field, r.code]),
    [[1, 'uscc', 'import_missing_column'], [1, 'region_code', 'import_missing_column']]);
  assert.equal(missing.body.rows, 0);
  assert.equal(await total(admin), before);
});

test('an export is XLSX of the caller\'s filter, and imports again unchanged; never another district', async () => {
  const file = await download('/api/v1/enterprises/export.xlsx?status=operating', district1);
  assert.equal(file.status, 200);
  assert.match(file.type, /spreadsheetml/);
  assert.match(file.disposition, /attachment; filename="enterprises\.xlsx"/);
  assert.deepEqual([...file.bytes.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a zip (XLSX)');

  const operating = await total(district1, '&status=operating');
  const back = await importFile(district1, file.bytes, '?dry_run=true');
  assert.equal(back.status, 200, back.text);
  assert.equal(back.body.rows, operating, 'every row of the filter, and only those');
  assert.equal(back.body.unchanged, operating, 'an export imports again unchanged');
  assert.deepEqual(back.body.rejected, []);

  // The same file in another district's hands: none of it is that district's.
  const foreign = await importFile(district2, file.bytes, '?dry_run=true');
  assert.equal(foreign.body.rejected.length, operating);
  assert.ok(foreign.body.rejected.every((r) => r.code === 'uscc_taken'));

  const refused = await download('/api/v1/enterprises/export.xlsx?region_code=990103000000', district1);
  const empty = await importFile(admin, refused.bytes, '?dry_run=true');
  assert.equal(empty.body.rows, 0, 'a filter outside the scope exports nothing');

  assert.equal((await download('/api/v1/enterprises/export.xlsx?region_code=x', district1)).status, 422);
  const expert = await login(srv.url, 'expert1');
  assert.equal((await download('/api/v1/enterprises/export.xlsx', expert)).status, 403);
});

test('the template downloads in both languages and imports as its example row', async () => {
  for (const language of ['zh-CN', 'en']) {
    const template = await download('/api/v1/enterprises/import-template.xlsx', district1, language);
    assert.equal(template.status, 200);
    assert.match(template.disposition, /enterprise-import-template\.xlsx/);
    const checked = await importFile(district1, template.bytes, '?dry_run=true');
    assert.equal(checked.status, 200, checked.text);
    assert.equal(checked.body.rows, 1, language);
    assert.deepEqual(checked.body.rejected, [], language);
  }
});

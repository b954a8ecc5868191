// The printable rectification notice, GET /api/v1/notices/{id}.pdf: a PDF of the notice for those
// who may see the notice (the same scope as GET /api/v1/notices/{id}, 404 beyond it), its labels
// in the Accept-Language, its data read back with pdftotext.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, api, login, run } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const sessions = {};
for (const name of ['admin', 'city', 'district1', 'district2', 'station1_1', 'station1_2', 'expert1']) {
  sessions[name] = await login(srv.url, name);
}

// The China Standard Time date `days` from now.
function chinaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

async function download(path, as, language = 'zh-CN') {
  const headers = { 'Accept-Language': language };
  if (as) headers.Authorization = `Bearer ${as.token}`;
  const response = await fetch(srv.url + path, { headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    bytes,
    text: new TextDecoder().decode(bytes),
  };
}

// The PDF's text in drawing order, without the white space of line and cell breaks.
let files = 0;
async function pdfText(bytes) {
  files += 1;
  const path = join(srv.dir, `notice-${files}.pdf`);
  writeFileSync(path, bytes);
  const r = await run('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.replace(/\s+/g, '');
}
const squeeze = (text) => text.replace(/\s+/g, '');

// A hazard entered by station1_1 on an enterprise of its town, notified: its notice.
const station = sessions.station1_1;
const listed = await api(srv.url, 'GET', '/api/v1/enterprises?region_code=990102001000&sort=id&page_size=1',
  { as: station });
assert.equal(listed.status, 200, listed.text);
const enterprise = listed.body.items[0];
const description = '配电室门口堆放可燃纸箱，灭火器压力不足（指针位于红区），应急照明灯损坏';
const created = await api(srv.url, 'POST', '/api/v1/hazards',
  { as: station, body: { enterprise_id: enterprise.id, description, location: '一号厂房', level: 'major' } });
assert.equal(created.status, 201, created.text);
const notified = await api(srv.url, 'POST', `/api/v1/hazards/${created.body.id}/transitions`, {
  as: station,
  body: {
    action: 'notify', version: created.body.version, deadline: chinaDate(15),
    responsible_person: '周厂长', measures: '清理可燃物，更换灭火器和应急照明灯',
  },
});
assert.equal(notified.status, 200, notified.text);
const noticeId = notified.body.notice_id;
assert.ok(Number.isInteger(noticeId), notified.text);
const notice = (await api(srv.url, 'GET', `/api/v1/notices/${noticeId}`, { as: station })).body;
const PDF = `/api/v1/notices/${noticeId}.pdf`;

test('the notice as an inline PDF with its number, enterprise and hazards', async () => {
  const file = await download(PDF, station);
  assert.equal(file.status, 200, file.text);
  assert.equal(file.type, 'application/pdf');
  assert.equal(file.disposition, `inline; filename="notice-${noticeId}.pdf"`);
  assert.equal(file.text.slice(0, 5), '%PDF-');
  assert.ok(file.text.trimEnd().endsWith('%%EOF'), 'a whole file');

  const text = await pdfText(file.bytes);
  for (const expected of ['隐患整改通知书', notice.number, enterprise.name, enterprise.uscc, description,
    '一号厂房', '重大', '周厂长', '清理可燃物，更换灭火器和应急照明灯', chinaDate(15), notice.unit_name]) {
    assert.ok(text.includes(squeeze(expected)), `${expected} in ${text}`);
  }
});

test('English labels with the same data', async () => {
  const file = await download(PDF, station, 'en');
  assert.equal(file.status, 200);
  const text = await pdfText(file.bytes);
  for (const expected of ['Notice of Hazard Rectification', 'Major', notice.number, description]) {
    assert.ok(text.includes(squeeze(expected)), `${expected} in ${text}`);
  }
  assert.ok(!text.includes('隐患整改通知书'));
});

test('the same scope as the notice itself: 404 beyond it, 403 for experts, 401 without a session', async () => {
  for (const who of ['station1_1', 'district1', 'city', 'admin']) {
    const file = await download(PDF, sessions[who]);
    assert.equal(file.status, 200, `${who}: ${file.text}`);
    assert.equal(file.text.slice(0, 5), '%PDF-', who);
  }
  for (const [who, status] of [['district2', 404], ['station1_2', 404], ['expert1', 403]]) {
    const json = await api(srv.url, 'GET', `/api/v1/notices/${noticeId}`, { as: sessions[who] });
    const file = await download(PDF, sessions[who]);
    assert.equal(json.status, status, `${who} JSON: ${json.text}`);
    assert.equal(file.status, status, `${who} PDF: ${file.text}`);
    assert.match(file.type, /json/);
    assert.ok(JSON.parse(file.text).error.code, file.text);
  }
  assert.equal((await download(PDF, null)).status, 401);
});

test('an absent or malformed id is 404, and only GET is served', async () => {
  for (const path of ['/api/v1/notices/999999999.pdf', '/api/v1/notices/abc.pdf', '/api/v1/notices/0.pdf',
    '/api/v1/notices/-1.pdf', '/api/v1/notices/.pdf']) {
    const file = await download(path, station);
    assert.equal(file.status, 404, `${path}: ${file.text}`);
  }
  const post = await api(srv.url, 'POST', PDF, { as: station, body: {} });
  assert.equal(post.status, 405, post.text);
});

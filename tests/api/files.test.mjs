// Photos and attachments, /api/v1/files: accepted by their content (JPEG, PNG, PDF) and size,
// stored once per content, readable only by those who see the enterprise they concern; photos on
// inspection answers that become the hazard's before-photos, after-photos on submission and on
// fixing on the spot, each tied to its timeline event. Every refused write leaves the files, the
// photos and the records as they were.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, api, login, IS_PG } from './harness.mjs';

const srv = await startServer();
after(() => srv.stop());
const sessions = {};
for (const name of ['admin', 'city', 'district1', 'district2', 'station1_1', 'station1_2', 'ent1_1', 'expert1']) {
  sessions[name] = await login(srv.url, name);
}
const { admin } = sessions;
const get = (path, as = admin) => api(srv.url, 'GET', path, { as });
const post = (path, body, as = admin) => api(srv.url, 'POST', path, { as, body });
const patch = (path, body, as = admin) => api(srv.url, 'PATCH', path, { as, body });

function chinaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}
function expectError(r, status, code, field, label = '') {
  assert.equal(r.status, status, `${label}: ${r.text}`);
  assert.equal(r.body.error?.code, code, `${label}: ${r.text}`);
  if (field !== undefined) assert.equal(r.body.error?.field, field, `${label}: ${r.text}`);
  assert.ok(r.body.error?.message, `${label}: a message`);
}

// Real files: a 1×1 PNG, a minimal JPEG (SOI, APP0, EOI) and a PDF header.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0'),
  Buffer.from([0xff, 0xd9])]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const variant = (bytes, n) => Buffer.concat([bytes, Buffer.from(`\n${n}`)]); // another content, same type

const me = await get('/api/v1/me', sessions.ent1_1);
const OWN = me.body.user.enterprise_id; // town 1 of district 1
const D2 = (await get('/api/v1/enterprises?region_code=990103001001&sort=id&page_size=1')).body.items[0].id;
const town1 = (await get('/api/v1/enterprises?region_code=990102001000&sort=id&page_size=50')).body.items;
const NEIGHBOUR = town1.find((e) => e.id !== OWN).id;

async function upload(bytes, { enterprise = OWN, name = 'photo.png', as = sessions.station1_1 } = {}) {
  const query = new URLSearchParams();
  if (enterprise !== null) query.set('enterprise_id', String(enterprise));
  if (name !== null) query.set('name', name);
  return api(srv.url, 'POST', `/api/v1/files?${query}`, { as, body: new Uint8Array(bytes),
    headers: { 'Content-Type': 'application/octet-stream' } });
}
async function download(id, as) {
  const headers = as ? { Authorization: `Bearer ${as.token}` } : {};
  const response = await fetch(`${srv.url}/api/v1/files/${id}`, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}
const blobDir = join(srv.dir, IS_PG ? 'data' : '', 'files');
function blobCount() {
  if (!existsSync(blobDir)) return 0;
  return readdirSync(blobDir).reduce((n, sub) => n + readdirSync(join(blobDir, sub)).length, 0);
}
const counts = async () => ({
  files: await srv.sql('SELECT COUNT(*) FROM files'),
  inspection_photos: await srv.sql('SELECT COUNT(*) FROM inspection_photos'),
  hazard_photos: await srv.sql('SELECT COUNT(*) FROM hazard_photos'),
  blobs: blobCount(),
});

test('an upload is kept by its content and read back by those in scope, as it was sent', async () => {
  const r = await upload(PNG, { name: 'C:\\DCIM\\配电室.png' });
  assert.equal(r.status, 201, r.text);
  const f = r.body;
  assert.deepEqual(Object.keys(f).sort(), ['created_at', 'enterprise_id', 'id', 'media_type', 'name', 'sha256', 'size',
    'uploaded_by_name', 'url'].sort());
  assert.equal(f.media_type, 'image/png');
  assert.equal(f.name, '配电室.png', 'the path is not part of the name');
  assert.equal(f.size, PNG.length);
  assert.equal(f.enterprise_id, OWN);
  assert.equal(f.uploaded_by_name, sessions.station1_1.user.name);
  assert.equal(f.url, `/api/v1/files/${f.id}`);
  assert.match(f.sha256, /^[0-9a-f]{64}$/);
  assert.ok(existsSync(join(blobDir, f.sha256.slice(0, 2), f.sha256)), 'stored under the data directory by its hash');

  for (const who of ['station1_1', 'district1', 'city', 'admin', 'ent1_1']) {
    const d = await download(f.id, sessions[who]);
    assert.equal(d.status, 200, who);
    assert.ok(d.bytes.equals(PNG), `${who}: the same bytes`);
    assert.equal(d.headers.get('content-type'), 'image/png');
    assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
    assert.match(d.headers.get('content-disposition'), /^inline; filename="file-\d+"; filename\*=UTF-8''%E9%85%8D%E7%94%B5%E5%AE%A4\.png$/);
  }
  // Another district, another town, an expert: as if it did not exist; nobody without a session.
  for (const who of ['district2', 'station1_2', 'expert1']) {
    const d = await download(f.id, sessions[who]);
    assert.equal(d.status, 404, who);
    assert.ok(!d.bytes.includes(PNG), `${who}: no bytes`);
  }
  assert.equal((await download(f.id)).status, 401);
  assert.equal((await download(999999, admin)).status, 404);
  assert.equal((await download('abc', admin)).status, 404);

  // The same content twice: two records (each with its own uploader and enterprise), one copy.
  const before = blobCount();
  const again = await upload(PNG, { as: sessions.ent1_1, name: '' });
  assert.equal(again.status, 201, again.text);
  assert.equal(again.body.sha256, f.sha256);
  assert.notEqual(again.body.id, f.id);
  assert.equal(again.body.name, 'file.png', 'a name when none is given');
  assert.equal(blobCount(), before);

  for (const [bytes, type] of [[JPEG, 'image/jpeg'], [PDF, 'application/pdf']]) {
    const other = await upload(bytes, { name: 'x.png' });
    assert.equal(other.status, 201, other.text);
    assert.equal(other.body.media_type, type, 'the bytes decide, not the name');
    assert.equal((await download(other.body.id, sessions.ent1_1)).headers.get('content-type'), type);
  }
});

test('uploads refused by content, size, role and scope leave nothing behind', async () => {
  const cases = [
    ['a GIF', () => upload(Buffer.from('GIF89a\x01\x00\x01\x00')), 422, 'unsupported_file_type', 'file'],
    ['HTML named .jpg', () => upload(Buffer.from('<html><script>alert(1)</script></html>'), { name: 'a.jpg' }), 422,
      'unsupported_file_type', 'file'],
    ['an SVG', () => upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), 422, 'unsupported_file_type', 'file'],
    ['empty', () => upload(Buffer.alloc(0)), 422, 'empty_file', 'file'],
    ['over 10 MiB', () => upload(Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024)])), 413, 'body_too_large'],
    ['no enterprise', () => upload(PNG, { enterprise: null }), 422, 'required', 'enterprise_id'],
    ['an enterprise id that is not a number', () => upload(PNG, { enterprise: 'x' }), 422, 'invalid_integer', 'enterprise_id'],
    ['another district\'s enterprise', () => upload(PNG, { enterprise: D2 }), 404, 'enterprise_not_found'],
    ['another town\'s station', () => upload(PNG, { as: sessions.station1_2 }), 404, 'enterprise_not_found'],
    ['an enterprise for its neighbour', () => upload(PNG, { enterprise: NEIGHBOUR, as: sessions.ent1_1 }), 404,
      'enterprise_not_found'],
    ['an expert', () => upload(PNG, { as: sessions.expert1 }), 403, 'forbidden'],
  ];
  for (const [label, request, status, code, field] of cases) {
    const before = await counts();
    expectError(await request(), status, code, field, label);
    assert.deepEqual(await counts(), before, `${label}: nothing stored`);
  }
  const anonymous = await api(srv.url, 'POST', `/api/v1/files?enterprise_id=${OWN}`, { body: new Uint8Array(PNG) });
  assert.equal(anonymous.status, 401);
});

test('the issue\'s loop with evidence: a finding\'s photo before, the enterprise\'s photos after', async () => {
  const station = sessions.station1_1;
  const ent = sessions.ent1_1;
  const checklist = (await get('/api/v1/checklists?page_size=200')).body.items.find((c) => c.code === 'grid_patrol');
  const started = await post('/api/v1/inspections', { enterprise_id: OWN, kind: 'town_routine', checklist_id: checklist.id }, station);
  assert.equal(started.status, 201, started.text);
  const items = started.body.items;
  const before = [(await upload(variant(PNG, 1), { name: '消防通道.png' })).body, (await upload(variant(JPEG, 2))).body];
  const foreign = (await upload(variant(PNG, 3), { enterprise: NEIGHBOUR })).body;
  const results = items.map((item, k) => (k === 0
    ? { item_id: item.id, result: 'finding', note: '消防通道堆放杂物', photo_ids: before.map((p) => p.id) }
    : { item_id: item.id, result: 'conforming' }));

  // Photos of another enterprise, too many, repeated: refused, nothing saved.
  const refusals = [
    [[foreign.id], 'another enterprise\'s photo'],
    [[before[0].id, before[0].id], 'a repeat'],
    [Array.from({ length: 10 }, (_, k) => before[0].id + k), 'ten'],
    [[999999], 'no such file'],
  ];
  for (const [ids, label] of refusals) {
    const snapshot = await counts();
    const bad = await patch(`/api/v1/inspections/${started.body.id}`,
      { version: 1, results: [{ ...results[0], photo_ids: ids }] }, station);
    expectError(bad, 422, 'invalid_photo_ids', 'photo_ids', label);
    assert.deepEqual(await counts(), snapshot, label);
    assert.equal((await get(`/api/v1/inspections/${started.body.id}`)).body.version, 1, label);
  }

  let saved = await patch(`/api/v1/inspections/${started.body.id}`, { version: 1, results }, station);
  assert.equal(saved.status, 200, saved.text);
  assert.deepEqual(saved.body.results[0].photos.map((p) => [p.id, p.name, p.media_type, p.url]),
    before.map((p) => [p.id, p.name, p.media_type, p.url]), 'in the order given');
  assert.deepEqual(saved.body.results[1].photos, []);
  // Saving the answer again without photo_ids keeps them; an empty list removes them; back again.
  saved = await patch(`/api/v1/inspections/${started.body.id}`,
    { version: saved.body.version, results: [{ ...results[0], photo_ids: undefined, note: '消防通道堆放纸箱' }] }, station);
  assert.equal(saved.body.results[0].photos.length, 2, 'kept');
  saved = await patch(`/api/v1/inspections/${started.body.id}`,
    { version: saved.body.version, results: [{ ...results[0], photo_ids: [] }] }, station);
  assert.deepEqual(saved.body.results[0].photos, [], 'removed');
  saved = await patch(`/api/v1/inspections/${started.body.id}`,
    { version: saved.body.version, results: [{ ...results[0], photo_ids: [before[1].id, before[0].id] }] }, station);
  assert.deepEqual(saved.body.results[0].photos.map((p) => p.id), [before[1].id, before[0].id]);

  const done = await post(`/api/v1/inspections/${started.body.id}/finish`, { version: saved.body.version }, station);
  assert.equal(done.status, 200, done.text);
  const hazardId = done.body.results[0].hazard_id;
  let h = (await get(`/api/v1/hazards/${hazardId}`, ent)).body;
  assert.deepEqual(h.photos.map((p) => [p.id, p.stage, p.event_id]),
    [[before[1].id, 'before', undefined], [before[0].id, 'before', undefined]], 'the finding\'s photos, before');

  const deadline = chinaDate(10);
  h = (await post(`/api/v1/hazards/${hazardId}/transitions`, { action: 'notify', version: h.version, deadline,
    responsible_person: '王经理', measures: '清理通道' }, station)).body;
  h = (await post(`/api/v1/hazards/${hazardId}/transitions`, { action: 'start', version: h.version }, ent)).body;

  // Only fix_on_spot and submit take photos; the enterprise can attach only its own files.
  const after = [(await upload(variant(JPEG, 4), { as: ent, name: '整改后.jpg' })).body];
  const wrong = await post(`/api/v1/hazards/${hazardId}/transitions`, { action: 'extend', version: h.version,
    deadline: chinaDate(20), reason: '等待材料', photo_ids: [after[0].id] }, station);
  expectError(wrong, 422, 'unknown_field', 'photo_ids');
  const snapshot = await counts();
  const foreignAfter = await post(`/api/v1/hazards/${hazardId}/transitions`, { action: 'submit', version: h.version,
    method: '已清理', completed_on: chinaDate(), photo_ids: [foreign.id] }, ent);
  expectError(foreignAfter, 422, 'invalid_photo_ids', 'photo_ids');
  assert.deepEqual(await counts(), snapshot);
  assert.equal((await get(`/api/v1/hazards/${hazardId}`)).body.state, 'rectifying', 'not submitted');

  const submitted = await post(`/api/v1/hazards/${hazardId}/transitions`, { action: 'submit', version: h.version,
    method: '已清理', completed_on: chinaDate(), photo_ids: after.map((p) => p.id) }, ent);
  assert.equal(submitted.status, 200, submitted.text);
  h = submitted.body;
  const event = h.timeline.at(-1);
  assert.equal(event.action, 'submit');
  assert.deepEqual(event.details.photo_ids, after.map((p) => p.id));
  assert.deepEqual(h.photos.map((p) => [p.id, p.stage, p.event_id ?? null]),
    [[before[1].id, 'before', null], [before[0].id, 'before', null], [after[0].id, 'after', event.id]]);
  // The station reads the enterprise's after-photo; another district does not.
  assert.equal((await download(after[0].id, station)).status, 200);
  assert.equal((await download(after[0].id, sessions.district2)).status, 404);
  const verify = await post(`/api/v1/hazards/${hazardId}/transitions`, { action: 'verify', version: h.version,
    result: '复查合格', photo_ids: [] }, station);
  expectError(verify, 422, 'unknown_field', 'photo_ids', 'verify takes no photos');
});

test('direct entry with before-photos and fixing on the spot with an after-photo', async () => {
  const station = sessions.station1_1;
  const photo = (await upload(variant(PNG, 5))).body;
  const foreign = (await upload(variant(PNG, 6), { enterprise: NEIGHBOUR })).body;
  const snapshot = await counts();
  const hazardsBefore = await srv.sql('SELECT COUNT(*) FROM hazards');
  const refused = await post('/api/v1/hazards', { enterprise_id: OWN, description: '灭火器过期', photo_ids: [foreign.id] }, station);
  expectError(refused, 422, 'invalid_photo_ids', 'photo_ids');
  assert.deepEqual(await counts(), snapshot);
  assert.equal(await srv.sql('SELECT COUNT(*) FROM hazards'), hazardsBefore, 'no hazard recorded');

  const created = await post('/api/v1/hazards', { enterprise_id: OWN, description: '灭火器过期', photo_ids: [photo.id] }, station);
  assert.equal(created.status, 201, created.text);
  assert.deepEqual(created.body.photos.map((p) => [p.id, p.stage]), [[photo.id, 'before']]);
  const fixed_photo = (await upload(variant(JPEG, 7))).body;
  const fixed = await post(`/api/v1/hazards/${created.body.id}/transitions`, { action: 'fix_on_spot',
    version: created.body.version, method: '当场更换灭火器', photo_ids: [fixed_photo.id] }, station);
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.body.state, 'verified');
  assert.deepEqual(fixed.body.photos.map((p) => [p.id, p.stage, p.event_id ?? null]),
    [[photo.id, 'before', null], [fixed_photo.id, 'after', fixed.body.timeline.at(-1).id]]);
});

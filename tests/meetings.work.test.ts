// The work around a meeting through HTTP: documents (type from the bytes, size, distribution, who
// opened them), non-voting attendees (R-M7), citizen observers (R-M8), groups and sessions (R-M9),
// speakers and the timer (R-V1), opinions raised in speeches.
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { type Res, type TestApp, startTestApp } from './harness.ts';
import { Actors, type MemberRef, expectOk, expectRefusal, localToday, meetingIn, members, signIn, username } from './meetings.helpers.ts';

let t: TestApp;
let who: Actors;
let office: string;
let roster: MemberRef[];
let outsider: string;

const byName = (name: string): MemberRef => {
  const m = roster.find((x) => x.name === name);
  assert.ok(m, name);
  return m;
};
const tokenOf = (name: string) => who.token(username(byName(name).rank));

before(async () => {
  process.env.YISHI_MAX_UPLOAD_MB = '0.05'; // ~51 KB, so the size limit is cheap to test
  t = await startTestApp();
  who = new Actors(t);
  office = await who.token('office');
  roster = await members(t);
  const admin = await who.token('admin');
  const other = await t.request('POST', '/api/v1/congresses', { token: admin, body: { parentId: t.hebiId, level: 'county', name: '山城区人民代表大会', slug: 'shancheng-m' } });
  expectOk(other, 201);
  expectOk(
    await t.request('POST', `/api/v1/congresses/${other.body.id}/users`, { token: admin, body: { username: 'sc.office', displayName: '山城区办公室', password: 'Passw0rd-shanc', roles: ['office'] } }),
    201,
  );
  outsider = await who.token('sc.office', 'Passw0rd-shanc');
});
after(async () => {
  delete process.env.YISHI_MAX_UPLOAD_MB;
  await t.close();
});

// ---------------------------------------------------------------- files for upload

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** A minimal Word document: a ZIP (stored entries) with [Content_Types].xml naming the main part. */
function docx(): Buffer {
  const entries: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    ['word/document.xml', '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>议案</w:t></w:r></w:p></w:body></w:document>'],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const fname = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += local.length + fname.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }): { body: Buffer; contentType: string } {
  const boundary = `----yishi${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(meetingId: string, token: string | undefined, fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }): Promise<Res> {
  const mp = multipart(fields, file);
  const r = await t.yishi.app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/documents`,
    headers: { 'content-type': mp.contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: mp.body,
  });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined, headers: r.headers as Res['headers'] };
}

// ---------------------------------------------------------------- documents

void describe('documents', () => {
  let meetingId: string;
  let items: string[];
  let pdfId: string;
  before(async () => {
    const m = await meetingIn(t, office, 'scheduled', { date: localToday() });
    meetingId = m.id;
    items = m.items;
  });

  void test('the office attaches PDF, DOCX and images to items; the type comes from the bytes', async () => {
    const pdf = await upload(meetingId, office, { title: '关于卫河保护条例（草案）的说明', agendaItemId: items[0]! }, { name: '说明.pdf', bytes: PDF, type: 'application/pdf' });
    expectOk(pdf, 201);
    assert.equal(pdf.body.mime, 'application/pdf');
    assert.equal(pdf.body.agendaItemId, items[0]);
    assert.equal(pdf.body.distributedAt, null);
    pdfId = pdf.body.id;
    const word = await upload(meetingId, office, {}, { name: '议案.docx', bytes: docx() });
    expectOk(word, 201);
    assert.equal(word.body.mime, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(word.body.title, '议案');
    // A PNG sent as "photo.pdf" is stored as what it is.
    const png = await upload(meetingId, office, { title: '现场照片' }, { name: 'photo.pdf', bytes: PNG, type: 'application/pdf' });
    expectOk(png, 201);
    assert.equal(png.body.mime, 'image/png');
    assert.equal(png.body.filename, 'photo.png');
  });

  void test('wrong type, too large, empty, no file, not multipart, wrong item: refused, nothing stored', async () => {
    const before = (await t.request('GET', `/api/v1/meetings/${meetingId}/documents`, { token: office })).body.length;
    const fake = await upload(meetingId, office, {}, { name: '伪装.pdf', bytes: Buffer.from('MZ this is not a PDF at all'), type: 'application/pdf' });
    expectRefusal(fake, 415, undefined, 'DOCUMENT_TYPE');
    const big = Buffer.concat([PDF, Buffer.alloc(60 * 1024, 0x20)]);
    expectRefusal(await upload(meetingId, office, {}, { name: 'big.pdf', bytes: big }), 413, undefined, 'DOCUMENT_TOO_LARGE');
    expectRefusal(await upload(meetingId, office, {}, { name: 'empty.pdf', bytes: Buffer.alloc(0) }), 422, undefined, 'DOCUMENT_EMPTY');
    expectRefusal(await upload(meetingId, office, { title: 'x' }), 400, undefined, 'NO_FILE');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/documents`, { token: office, body: { title: 'x' } }), 415, undefined, 'MULTIPART_REQUIRED');
    expectRefusal(await upload(meetingId, office, { agendaItemId: 'not-an-item' }, { name: 'a.pdf', bytes: PDF }), 404);
    expectRefusal(await upload(meetingId, await tokenOf('王士洁'), {}, { name: 'a.pdf', bytes: PDF }), 403);
    expectRefusal(await upload(meetingId, outsider, {}, { name: 'a.pdf', bytes: PDF }), 404);
    expectRefusal(await upload(meetingId, undefined, {}, { name: 'a.pdf', bytes: PDF }), 401);
    assert.equal((await t.request('GET', `/api/v1/meetings/${meetingId}/documents`, { token: office })).body.length, before);
  });

  void test('members see documents once distributed (the notice sends them, R-M5); each opening is recorded', async () => {
    const member = await tokenOf('王小强');
    assert.deepEqual((await t.request('GET', `/api/v1/meetings/${meetingId}/documents`, { token: member })).body, []);
    expectRefusal(await t.request('GET', `/api/v1/meetings/${meetingId}/documents/${pdfId}/content`, { token: member }), 404);
    const n = await t.request('POST', `/api/v1/meetings/${meetingId}/notify`, { token: office });
    expectOk(n);
    const list = await t.request('GET', `/api/v1/meetings/${meetingId}/documents`, { token: member });
    assert.equal(list.body.length, 3);
    assert.ok(list.body.every((d: { distributedAt: string | null; opened: boolean }) => d.distributedAt !== null && !d.opened));
    const file = await t.yishi.app.inject({ method: 'GET', url: `/api/v1/meetings/${meetingId}/documents/${pdfId}/content`, headers: { authorization: `Bearer ${member}` } });
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.ok(file.rawPayload.equals(PDF));
    assert.match(String(file.headers['content-disposition']), /filename\*=UTF-8''/);
    await t.yishi.app.inject({ method: 'GET', url: `/api/v1/meetings/${meetingId}/documents/${pdfId}/content`, headers: { authorization: `Bearer ${member}` } });
    const after = await t.request('GET', `/api/v1/meetings/${meetingId}/documents`, { token: member });
    assert.equal(after.body.find((d: { id: string }) => d.id === pdfId).opened, true);
    const reads = await t.request('GET', `/api/v1/meetings/${meetingId}/documents/${pdfId}/reads`, { token: office });
    expectOk(reads);
    assert.equal(reads.body.length, 41);
    const mine = reads.body.find((r: { name: string }) => r.name === '王小强');
    assert.equal(mine.times, 2);
    assert.ok(mine.openedAt);
    assert.equal(reads.body.filter((r: { openedAt: string | null }) => r.openedAt !== null).length, 1);
    expectRefusal(await t.request('GET', `/api/v1/meetings/${meetingId}/documents/${pdfId}/reads`, { token: member }), 403);
    expectRefusal(await t.request('GET', `/api/v1/meetings/${meetingId}/documents/${pdfId}/content`), 404);
    const staffList = await t.request('GET', `/api/v1/meetings/${meetingId}/documents`, { token: office });
    assert.equal(staffList.body.find((d: { id: string }) => d.id === pdfId).readers, 1);
  });

  void test('a later document is distributed explicitly; a removed one disappears', async () => {
    const late = await upload(meetingId, office, { title: '补充材料' }, { name: 'late.png', bytes: PNG });
    expectOk(late, 201);
    const member = await tokenOf('王小强');
    assert.equal((await t.request('GET', `/api/v1/meetings/${meetingId}/documents`, { token: member })).body.length, 3);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/documents/distribute`, { token: office, body: { documentIds: ['nope'] } }), 404);
    const d = await t.request('POST', `/api/v1/meetings/${meetingId}/documents/distribute`, { token: office, body: { documentIds: [late.body.id] } });
    expectOk(d);
    assert.equal(d.body.distributed, 1);
    assert.equal((await t.request('GET', `/api/v1/meetings/${meetingId}/documents`, { token: member })).body.length, 4);
    const del = await t.request('DELETE', `/api/v1/meetings/${meetingId}/documents/${late.body.id}`, { token: office });
    assert.equal(del.status, 204);
    assert.equal((await t.request('GET', `/api/v1/meetings/${meetingId}/documents`, { token: member })).body.length, 3);
  });
});

// ---------------------------------------------------------------- attendees and observers

/** A valid 18-digit identity number (GB 11643 check character) for a test person. */
function idNumber(seq: number): string {
  const body = `41060119800101${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body.charAt(i)) * w[i]!;
  return body + '10X98765432'[sum % 11]!;
}

void describe('non-voting attendees (R-M7) and citizen observers (R-M8)', () => {
  let meetingId: string;
  before(async () => {
    meetingId = (await meetingIn(t, office, 'notified', { date: localToday(), observerSeats: 1 })).id;
  });

  void test('attendees by category and organ; the gazette-form list pads two-character names', async () => {
    const add = (category: string, organ: string, name: string) => t.request('POST', `/api/v1/meetings/${meetingId}/attendees`, { token: office, body: { category, organ, name } });
    expectOk(await add('mandatory', '市人民政府', '胡红军'), 201);
    expectOk(await add('mandatory', '市监察委员会', '王伟'), 201);
    const x = await add('invited', '市人大代表', '李玉川');
    expectOk(x, 201);
    expectOk(await add('invited', '市人大代表', '杨哲'), 201);
    expectRefusal(await add('guest', '市人大代表', '杨哲'), 400);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendees`, { token: await tokenOf('王士洁'), body: { category: 'invited', organ: 'x', name: 'y' } }), 403);
    const list = await t.request('GET', `/api/v1/meetings/${meetingId}/attendee-list`);
    expectOk(list);
    assert.match(list.body.text, /列席人员名单\n市人民政府\t胡红军\n市监察委员会\t王 伟\n市人大代表\t李玉川、杨 哲$/);
    assert.deepEqual(
      list.body.groups.map((g: { category: string }) => g.category),
      ['mandatory', 'mandatory', 'invited'],
    );
    expect204(await t.request('DELETE', `/api/v1/meetings/${meetingId}/attendees/${x.body.id}`, { token: office }));
    assert.equal((await t.request('GET', `/api/v1/meetings/${meetingId}/attendees`)).body.length, 3);
  });

  void test('a citizen registers with name, ID number and phone; only a hash and the last 4 are kept', async () => {
    const seats = await t.request('GET', `/api/v1/meetings/${meetingId}/observer-seats`);
    assert.deepEqual(seats.body, { open: true, seats: 1, approved: 0, available: 1 });
    const id = idNumber(11);
    const r = await t.request('POST', `/api/v1/meetings/${meetingId}/observers`, { body: { name: '张三', idNumber: id, phone: '138 0000 0001' } });
    expectOk(r, 201);
    assert.equal(r.body.status, 'pending');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/observers`, { body: { name: '张三', idNumber: id.toLowerCase(), phone: '13800000001' } }), 409, 'R-M8', 'OBSERVER_REGISTERED');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/observers`, { body: { name: '李四', idNumber: '410601198001010120', phone: '13800000002' } }), 422, 'R-M8', 'ID_NUMBER_INVALID');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/observers`, { body: { name: '李四', idNumber: idNumber(12), phone: '123' } }), 422, 'R-M8', 'PHONE_INVALID');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/observers`, { body: { name: '李四', idNumber: idNumber(12) } }), 400);
    // Nothing anywhere holds the full number.
    const db = t.yishi.handle.db;
    const rows = await db.selectFrom('observer_registrations').selectAll().execute();
    const audit = await db.selectFrom('audit_log').select('data').execute();
    const everything = JSON.stringify([rows, audit, t.events]);
    assert.ok(!everything.includes(id.slice(0, 14)), 'the identity number is not stored');
    assert.equal(rows.find((x) => x.name === '张三')?.id_last4, id.slice(-4));
  });

  void test('the office approves within the seat limit; the list is the office’s', async () => {
    const list = await t.request('GET', `/api/v1/meetings/${meetingId}/observers`, { token: office });
    expectOk(list);
    assert.equal(list.body.length, 1);
    assert.equal(list.body[0].phone, '13800000001');
    expectRefusal(await t.request('GET', `/api/v1/meetings/${meetingId}/observers`), 401);
    expectRefusal(await t.request('GET', `/api/v1/meetings/${meetingId}/observers`, { token: await tokenOf('王士洁') }), 403);
    const second = await t.request('POST', `/api/v1/meetings/${meetingId}/observers`, { body: { name: '王五', idNumber: idNumber(13), phone: '13900000003' } });
    expectOk(second, 201);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/observers/${list.body[0].id}/decision`, { token: await tokenOf('王士洁'), body: { approve: true } }), 403);
    const ok = await t.request('POST', `/api/v1/meetings/${meetingId}/observers/${list.body[0].id}/decision`, { token: office, body: { approve: true } });
    expectOk(ok);
    assert.equal(ok.body.status, 'approved');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/observers/${second.body.id}/decision`, { token: office, body: { approve: true } }), 409, 'R-M8', 'OBSERVER_SEATS_FULL');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/observers`, { body: { name: '赵六', idNumber: idNumber(14), phone: '13900000004' } }), 409, 'R-M8', 'OBSERVER_SEATS_FULL');
    expectRefusal(await t.request('PATCH', `/api/v1/meetings/${meetingId}`, { token: office, body: { observerSeats: 0 } }), 409, 'R-M8');
    const seats = await t.request('GET', `/api/v1/meetings/${meetingId}/observer-seats`);
    assert.deepEqual(seats.body, { open: false, seats: 1, approved: 1, available: 0 });
  });

  void test('registration needs an announced public meeting', async () => {
    const draft = await meetingIn(t, office, 'draft', { date: localToday(), observerSeats: 5 });
    expectRefusal(await t.request('POST', `/api/v1/meetings/${draft.id}/observers`, { body: { name: '张三', idNumber: idNumber(15), phone: '13800000005' } }), 404);
  });
});

function expect204(r: { status: number; body: unknown }): void {
  assert.equal(r.status, 204, JSON.stringify(r.body));
}

// ---------------------------------------------------------------- groups and sessions (R-M9)

void describe('groups and sessions (R-M9)', () => {
  let meetingId: string;
  before(async () => {
    meetingId = (await meetingIn(t, office, 'notified', { date: localToday() })).id;
  });

  void test('the office drafts the groups; only the secretary-general approves; group sessions need the approval', async () => {
    const ids = roster.map((m) => m.id);
    expectRefusal(await t.request('PUT', `/api/v1/meetings/${meetingId}/groups`, { token: office, body: { groups: [{ name: '第一组', memberIds: [ids[0], ids[1]] }, { name: '第二组', memberIds: [ids[1]] }] } }), 422, 'R-M9');
    const d = await t.request('PUT', `/api/v1/meetings/${meetingId}/groups`, {
      token: office,
      body: { groups: [{ name: '第一组', memberIds: ids.slice(7, 24) }, { name: '第二组', memberIds: ids.slice(24, 41) }] },
    });
    expectOk(d);
    assert.equal(d.body.state, 'draft');
    assert.equal(d.body.groups[0].members.length, 17);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/sessions`, { token: office, body: { kind: 'group', date: localToday() } }), 409, 'R-M9', 'GROUPS_NOT_APPROVED');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/groups/approve`, { token: await tokenOf('尚欣') }), 403, 'R-M9', 'GROUPS_APPROVER');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/groups/approve`, { token: office }), 403, 'R-M9');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/groups/approve`, { token: outsider }), 404);
    const a = await t.request('POST', `/api/v1/meetings/${meetingId}/groups/approve`, { token: await tokenOf('方在敏') });
    expectOk(a);
    assert.equal(a.body.state, 'approved');
    assert.equal(a.body.approvedByPersonId, byName('方在敏').id);
  });

  void test('plenary, group and joint sessions; conveners rotate among each group’s members', async () => {
    const p = await t.request('POST', `/api/v1/meetings/${meetingId}/sessions`, { token: office, body: { kind: 'plenary', date: localToday(), startsAt: '09:00' } });
    expectOk(p, 201);
    assert.equal(p.body.title, '第一次全体会议');
    const g1 = await t.request('POST', `/api/v1/meetings/${meetingId}/sessions`, { token: office, body: { kind: 'group', date: localToday(), startsAt: '14:30' } });
    expectOk(g1, 201);
    assert.equal(g1.body.conveners.length, 2);
    const g2 = await t.request('POST', `/api/v1/meetings/${meetingId}/sessions`, { token: office, body: { kind: 'group', date: localToday(), startsAt: '16:00' } });
    expectOk(g2, 201);
    for (const i of [0, 1]) assert.notEqual(g2.body.conveners[i].personId, g1.body.conveners[i].personId, 'the convener rotates');
    const j = await t.request('POST', `/api/v1/meetings/${meetingId}/sessions`, { token: office, body: { kind: 'joint', date: localToday() } });
    expectOk(j, 201);
    const list = await t.request('GET', `/api/v1/meetings/${meetingId}/sessions`, { token: office });
    assert.deepEqual(
      list.body.map((s: { kind: string }) => s.kind),
      ['plenary', 'group', 'group', 'joint'],
    );
    expectRefusal(await t.request('PUT', `/api/v1/meetings/${meetingId}/groups`, { token: office, body: { groups: [{ name: '第一组', memberIds: [roster[8]!.id] }] } }), 409, 'R-M9');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/sessions`, { token: office, body: { kind: 'plenary', date: '2030-02-30' } }), 422);
  });
});

// ---------------------------------------------------------------- speakers and opinions (R-V1)

void describe('speakers, the timer and opinions (R-V1)', () => {
  let meetingId: string;
  let items: string[];
  const ids: Record<string, string> = {};
  before(async () => {
    const m = await meetingIn(t, office, 'notified', { date: localToday() });
    meetingId = m.id;
    items = m.items;
  });

  void test('members register beforehand with the office (or themselves): they join the queue', async () => {
    const a = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers`, { token: office, body: { agendaItemId: items[0], personId: byName('王士洁').id } });
    expectOk(a, 201);
    assert.deepEqual({ kind: a.body.kind, status: a.body.status, position: a.body.position }, { kind: 'registered', status: 'queued', position: 1 });
    ids.a = a.body.id;
    const b = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers`, { token: await tokenOf('王小强'), body: { agendaItemId: items[0] } });
    expectOk(b, 201);
    ids.b = b.body.id;
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/speakers`, { token: await tokenOf('王小强'), body: { agendaItemId: items[0] } }), 409, 'R-V1');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/speakers`, { token: await tokenOf('王小强'), body: { agendaItemId: items[0], personId: byName('王旭东').id } }), 403);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/speakers`, { token: office, body: { agendaItemId: 'nope', personId: byName('王旭东').id } }), 404);
  });

  void test('R-V1: only the presiding person orders the queue', async () => {
    const order = { agendaItemId: items[0], order: [ids.b, ids.a] };
    expectRefusal(await t.request('PUT', `/api/v1/meetings/${meetingId}/speakers/order`, { token: office, body: order }), 403, 'R-V1', 'NOT_PRESIDING');
    expectRefusal(await t.request('PUT', `/api/v1/meetings/${meetingId}/speakers/order`, { token: await tokenOf('尚欣'), body: order }), 403, 'R-V1');
    expectRefusal(await t.request('PUT', `/api/v1/meetings/${meetingId}/speakers/order`, { token: await tokenOf('史全新'), body: { agendaItemId: items[0], order: [ids.b] } }), 422, 'R-V1', 'QUEUE_MISMATCH');
    const r = await t.request('PUT', `/api/v1/meetings/${meetingId}/speakers/order`, { token: await tokenOf('史全新'), body: order });
    expectOk(r);
    assert.deepEqual(
      r.body.speakers.map((s: { id: string }) => s.id),
      [ids.b, ids.a],
    );
  });

  void test('R-V1: during the item a request is ad hoc and needs the presiding person’s consent', async () => {
    await signIn(t, office, meetingId, roster.slice(0, 25));
    expectOk(await t.request('POST', `/api/v1/meetings/${meetingId}/open`, { token: office }));
    expectOk(await t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adopt`, { token: office }));
    expectOk(await t.request('PUT', `/api/v1/meetings/${meetingId}/current-item`, { token: office, body: { agendaItemId: items[0] } }));
    const c = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers`, { token: await tokenOf('王旭东'), body: { agendaItemId: items[0] } });
    expectOk(c, 201);
    assert.deepEqual({ kind: c.body.kind, status: c.body.status }, { kind: 'adhoc', status: 'pending' });
    ids.c = c.body.id;
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${ids.c}/decision`, { token: office, body: { approve: true } }), 403, 'R-V1');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${ids.c}/decision`, { token: await tokenOf('王海涛'), body: { approve: true } }), 403, 'R-V1');
    const ok = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${ids.c}/decision`, { token: await tokenOf('史全新'), body: { approve: true } });
    expectOk(ok);
    assert.equal(ok.body.status, 'queued');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${ids.c}/decision`, { token: await tokenOf('史全新'), body: { approve: false } }), 409, 'R-V1');
    const d = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers`, { token: await tokenOf('王学德'), body: { agendaItemId: items[0] } });
    const no = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${d.body.id}/decision`, { token: await tokenOf('史全新'), body: { approve: false } });
    assert.equal(no.body.status, 'rejected');
  });

  void test('the timer: one speech at a time; the limit comes from the rules profile', async () => {
    const admin = await who.token('admin');
    const profile = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/rules-profile`)).body;
    expectOk(await t.request('PUT', `/api/v1/congresses/${t.hebiId}/rules-profile`, { token: admin, body: { ...profile, speech: { firstMinutes: 10, secondMinutes: 5 } } }));
    try {
      const s = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${ids.b}/start`, { token: office });
      expectOk(s);
      assert.equal(s.body.status, 'speaking');
      assert.equal(s.body.limitSeconds, 600);
      expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${ids.a}/start`, { token: office }), 409, undefined, 'SPEECH_IN_PROGRESS');
      expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${ids.b}/stop`, { token: await tokenOf('王士洁') }), 403, 'R-V1');
      const pub = await t.request('GET', `/api/v1/meetings/${meetingId}/speakers?agendaItemId=${items[0]}`);
      expectOk(pub);
      assert.equal(pub.body.speakers[0].status, 'speaking');
      assert.ok(!pub.body.speakers.some((x: { status: string }) => x.status === 'rejected'), 'the public does not see refused requests');
      const stop = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${ids.b}/stop`, { token: await tokenOf('史全新') });
      expectOk(stop);
      assert.equal(stop.body.status, 'done');
      assert.equal(typeof stop.body.elapsedSeconds, 'number');
      assert.equal(stop.body.overrun, false);
      // A second speech by the same member on the item gets the second limit.
      const again = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers`, { token: office, body: { agendaItemId: items[1], personId: byName('王小强').id } });
      assert.equal(again.body.speechNo, 1);
      const more = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers`, { token: await tokenOf('王小强'), body: { agendaItemId: items[0] } });
      expectOk(more, 201);
      assert.equal(more.body.speechNo, 2);
      expectOk(await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${more.body.id}/decision`, { token: await tokenOf('史全新'), body: { approve: true } }));
      const second = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${more.body.id}/start`, { token: office });
      assert.equal(second.body.limitSeconds, 300);
      expectOk(await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${more.body.id}/stop`, { token: office }));
      const w = await t.request('POST', `/api/v1/meetings/${meetingId}/speakers/${again.body.id}/withdraw`, { token: await tokenOf('王小强') });
      assert.equal(w.body.status, 'withdrawn');
    } finally {
      expectOk(await t.request('PUT', `/api/v1/congresses/${t.hebiId}/rules-profile`, { token: admin, body: profile }));
    }
  });

  void test('opinions raised in speeches are recorded per item for the follow-up', async () => {
    const r = await t.request('POST', `/api/v1/meetings/${meetingId}/opinions`, {
      token: office,
      body: { agendaItemId: items[0], personId: byName('王小强').id, speakerId: ids.b, text: '建议加强卫河沿岸排污口的日常监管。' },
    });
    expectOk(r, 201);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/opinions`, { token: office, body: { agendaItemId: items[0], personId: byName('王士洁').id, speakerId: ids.b, text: 'x' } }), 422, 'R-V1');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/opinions`, { token: await tokenOf('王士洁'), body: { agendaItemId: items[0], personId: byName('王士洁').id, text: 'x' } }), 403);
    const list = await t.request('GET', `/api/v1/meetings/${meetingId}/opinions?agendaItemId=${items[0]}`, { token: await tokenOf('王士洁') });
    expectOk(list);
    assert.deepEqual(
      list.body.map((o: { name: string }) => o.name),
      ['王小强'],
    );
    assert.deepEqual((await t.request('GET', `/api/v1/meetings/${meetingId}/opinions`)).body, []);
  });

  void test('speakers and opinion events reach the realtime layer', async () => {
    assert.ok(t.events.some((e) => e.topic === 'speakers' && e.id === meetingId));
  });
});

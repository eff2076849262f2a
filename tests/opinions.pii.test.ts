// Personal data at rest: a citizen's name, phone number and ID number, and a deputy's private
// contacts, are not readable in the database — the raw SQLite file and its WAL, or every row of
// every table on PostgreSQL — while the API still shows them to those entitled.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { attachmentsDir } from '../server/modules/opinions/opinions.attachments.ts';
import { type TestApp, dbKind, startTestApp } from './harness.ts';
import { PNG, multipart } from './opinions.files.ts';

const NAME = '隐私测试员甲';
const PHONE = '13700001234';
const ID = '11010519491231002X';
const DEPUTY_PHONE = '13655554321';
const DEPUTY_EMAIL = 'deputy.secret@example.cn';
const DEPUTY_ADDRESS = '淇滨区秘密路九十九号';

let t: TestApp;
let trackingCode: string;
let deputyId: string;
before(async () => {
  t = await startTestApp();
  const r = await t.request('POST', '/api/v1/opinions', { body: { congressId: t.hebiId, name: NAME, phone: PHONE, idNumber: ID, content: '希望增加公交线路。' } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  trackingCode = r.body.trackingCode;
  const office = await t.login('office');
  const d = await t.request('POST', `/api/v1/congresses/${t.hebiId}/deputies`, {
    token: office,
    body: { name: '代表隐私测试', level: 'city', contact: { phone: DEPUTY_PHONE, email: DEPUTY_EMAIL, address: DEPUTY_ADDRESS } },
  });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  deputyId = d.body.id;
});
after(() => t.close());

const secrets = [NAME, PHONE, ID, DEPUTY_PHONE, DEPUTY_EMAIL, DEPUTY_ADDRESS];

void test(`no name, phone or ID number in clear in the database (${dbKind})`, async () => {
  if (dbKind === 'sqlite') {
    const files = [t.config.sqlitePath, `${t.config.sqlitePath}-wal`].filter((f) => existsSync(f));
    assert.ok(files.length > 0);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const s of secrets) {
        assert.equal(bytes.includes(Buffer.from(s, 'utf8')), false, `${s} found in ${f}`);
        assert.equal(bytes.includes(Buffer.from(s, 'utf16le')), false, `${s} (UTF-16) found in ${f}`);
      }
    }
  } else {
    const db = t.yishi.handle.db;
    const schema = t.yishi.handle.schema ?? 'public';
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = ${schema}`.execute(db);
    assert.ok(tables.rows.length > 20);
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ r: string }>`select t::text as r from ${sql.table(table_name)} t`.execute(db);
      for (const { r } of rows.rows) for (const s of secrets) assert.equal(r.includes(s), false, `${s} found in ${table_name}`);
    }
  }
});

void test('…while the office reads them through the API, masked in lists', async () => {
  const office = await t.login('office');
  const row = await t.yishi.handle.db.selectFrom('opinions').select(['id', 'name_enc']).where('tracking_code', '=', trackingCode.replace(/-/g, '')).executeTakeFirstOrThrow();
  assert.match(row.name_enc ?? '', /^yf1:a:/);
  const list = await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinions`, { token: office });
  const item = list.body.items.find((i: { id: string }) => i.id === row.id);
  assert.equal(item.name, '隐*****');
  assert.equal(item.phone, '137****1234');
  const c = await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinions/${row.id}/contact`, { token: office });
  assert.deepEqual(c.body, { name: NAME, phone: PHONE, idNumber: ID });
  const d = await t.request('GET', `/api/v1/congresses/${t.hebiId}/deputies/${deputyId}`, { token: office });
  assert.deepEqual(d.body.contact, { phone: DEPUTY_PHONE, email: DEPUTY_EMAIL, address: DEPUTY_ADDRESS });
  const pub = await t.request('GET', `/api/v1/congresses/${t.hebiId}/deputies/${deputyId}`);
  assert.equal(pub.body.contact, null, 'the public never sees private contacts');
});

void test('each congress encrypts with the cipher its rules profile names; both kinds decrypt for the office', async () => {
  const admin = await t.login('admin');
  const office = await t.login('office');
  const db = t.yishi.handle.db;
  const url = `/api/v1/congresses/${t.hebiId}/rules-profile`;
  const profile = (await t.request('GET', url)).body;
  assert.deepEqual(profile.privacy, { fieldCipher: 'aes-256-gcm' }, 'AES-256-GCM unless the profile says otherwise');

  // An unknown cipher is refused, naming the field; the profile stays as it was.
  const bad = await t.request('PUT', url, { token: admin, body: { ...profile, privacy: { fieldCipher: 'des' } } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'INVALID_PROFILE');
  assert.match(bad.body.message_en, /privacy\.fieldCipher/);
  assert.deepEqual((await t.request('GET', url)).body, profile);

  const put = await t.request('PUT', url, { token: admin, body: { ...profile, privacy: { fieldCipher: 'sm4' } } });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal((await t.request('GET', url)).body.privacy.fieldCipher, 'sm4');

  const submit = async (congressId: string, name: string) => {
    const r = await t.request('POST', '/api/v1/opinions', { body: { congressId, name, phone: '13900005678', idNumber: ID, content: '建议整修人行道。' } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const code = String(r.body.trackingCode);
    return { ...(await db.selectFrom('opinions').selectAll().where('tracking_code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow()), code };
  };
  const sm4 = await submit(t.hebiId, '国密测试员乙');
  for (const token of [sm4.name_enc, sm4.phone_enc, sm4.id_number_enc]) assert.match(token ?? '', /^yf1:s:/);
  // Another congress keeps its own profile (AES-256-GCM); so does what Hebi stored before the change.
  const aes = await submit(t.henanId, '国密测试员丙');
  for (const token of [aes.name_enc, aes.phone_enc, aes.id_number_enc]) assert.match(token ?? '', /^yf1:a:/);
  const before = await db.selectFrom('opinions').select(['id', 'name_enc']).where('tracking_code', '=', trackingCode.replace(/-/g, '')).executeTakeFirstOrThrow();
  assert.match(before.name_enc ?? '', /^yf1:a:/);

  const contact = async (id: string) => (await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinions/${id}/contact`, { token: office })).body;
  assert.deepEqual(await contact(sm4.id), { name: '国密测试员乙', phone: '13900005678', idNumber: ID });
  assert.deepEqual(await contact(before.id), { name: NAME, phone: PHONE, idNumber: ID });

  // A deputy's contacts, a code kept for the office and a citizen's attachment follow the profile too.
  const d = await t.request('POST', `/api/v1/congresses/${t.hebiId}/deputies`, { token: office, body: { name: '国密代表', level: 'city', contact: { phone: '13611112222', email: 'sm4@example.cn' } } });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const drow = await db.selectFrom('deputies').select(['phone_enc', 'email_enc', 'address_enc']).where('id', '=', d.body.id).executeTakeFirstOrThrow();
  assert.match(drow.phone_enc ?? '', /^yf1:s:/);
  assert.match(drow.email_enc ?? '', /^yf1:s:/);
  assert.equal(drow.address_enc, null);
  const dget = await t.request('GET', `/api/v1/congresses/${t.hebiId}/deputies/${d.body.id}`, { token: office });
  assert.deepEqual(dget.body.contact, { phone: '13611112222', email: 'sm4@example.cn', address: null });
  const oldDeputy = await t.request('GET', `/api/v1/congresses/${t.hebiId}/deputies/${deputyId}`, { token: office });
  assert.deepEqual(oldDeputy.body.contact, { phone: DEPUTY_PHONE, email: DEPUTY_EMAIL, address: DEPUTY_ADDRESS });

  const pc = await t.request('POST', '/api/v1/opinions/phone-codes', { body: { congressId: t.hebiId, phone: '13922223333' } });
  assert.equal(pc.status, 201, JSON.stringify(pc.body));
  if (pc.body.via === 'office') {
    const code = await db.selectFrom('phone_verifications').select('code_enc').where('congress_id', '=', t.hebiId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.match(code.code_enc ?? '', /^yf1:s:/);
    const codes = await t.request('GET', `/api/v1/congresses/${t.hebiId}/phone-codes`, { token: office });
    assert.equal(codes.status, 200);
    assert.match(codes.body[0].code, /^\d{6}$/);
  }

  const m = multipart('路面.png', 'image/png', PNG);
  const a = await t.request('POST', `/api/v1/opinions/status/${sm4.code}/attachments`, { rawBody: m.rawBody, headers: m.headers });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const arow = await db.selectFrom('opinion_attachments').select('filename_enc').where('id', '=', a.body.id).executeTakeFirstOrThrow();
  assert.match(arow.filename_enc, /^yf1:s:/);
  const onDisk = readFileSync(`${attachmentsDir(t.config)}/${String(a.body.id).slice(0, 2)}/${a.body.id}`);
  assert.equal(onDisk.subarray(0, 6).toString('latin1'), 'yf1:s:');
  const file = await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinions/${sm4.id}/attachments/${a.body.id}`, { token: office });
  assert.equal(file.status, 200);
  assert.equal(file.headers['content-type'], 'image/png');
});

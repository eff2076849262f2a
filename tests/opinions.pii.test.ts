// Personal data at rest: a citizen's name, phone number and ID number, and a deputy's private
// contacts, are not readable in the database — the raw SQLite file and its WAL, or every row of
// every table on PostgreSQL — while the API still shows them to those entitled.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, dbKind, startTestApp } from './harness.ts';

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

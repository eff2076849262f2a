// Secrets at rest: TOTP secrets are sealed with the field key (never in the database's bytes), and
// what the installation keeps for itself — the database with its WAL and SHM, uploaded files,
// generated keys, the checkpoint file — is 0600 in 0700 folders whatever the process umask.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { Secret } from 'otpauth';
import { storageFor } from '../server/modules/meetings/documents.storage.ts';
import { attachmentsDir } from '../server/modules/opinions/opinions.attachments.ts';
import { SYSTEM_ACTOR } from '../server/modules/imports/import-fixture.ts';
import { auditKeyFileOf } from '../server/platform/audit-anchor.ts';
import { currentTotp, newTotpSecret, sealClearTotpSecrets } from '../server/platform/auth/totp.ts';
import { devKeyFile, fieldCryptoFor } from '../server/platform/crypto/keys.ts';
import { openDb } from '../server/platform/db.ts';
import { DEMO_PASSWORD, type TestApp, dbKind, startTestApp } from './harness.ts';
import { multipart, PNG } from './opinions.files.ts';
import { seedMeeting, tokenFor } from './polls.helpers.ts';

// The explicit modes must not depend on the umask: the test process keeps a permissive one.
const umask = process.umask(0o022);
const outside = mkdtempSync(join(tmpdir(), 'yishi-rest-'));
let t: TestApp;

before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
  rmSync(outside, { recursive: true, force: true });
  process.umask(umask);
});

const mode = (path: string): number => statSync(path).mode & 0o777;

/** Every byte SQLite keeps for this database: the file and, while it has one, the WAL. */
function sqliteBytes(): Buffer {
  const p = t.config.sqlitePath;
  return Buffer.concat([readFileSync(p), ...(existsSync(`${p}-wal`) ? [readFileSync(`${p}-wal`)] : [])]);
}

/** The user's row as PostgreSQL stores it, all columns as text. */
async function pgRow(userId: string): Promise<string> {
  const r = await sql<{ row: string }>`select u::text as row from users u where id = ${userId}`.execute(t.yishi.handle.db);
  return r.rows[0]?.row ?? '';
}

/** Asserts that neither the base32 secret nor its raw bytes are anywhere in the stored data. */
async function assertNotStored(userId: string, base32: string): Promise<void> {
  const raw = Buffer.from(Secret.fromBase32(base32).bytes);
  assert.equal(raw.length, 20);
  if (dbKind === 'sqlite') {
    const bytes = sqliteBytes();
    assert.equal(bytes.includes(Buffer.from(base32, 'ascii')), false, 'the base32 secret is not in the SQLite file or its WAL');
    assert.equal(bytes.includes(raw), false, 'the raw secret is not in the SQLite file or its WAL');
  } else {
    const row = await pgRow(userId);
    assert.ok(row.includes('yf1:'), row);
    for (const form of [base32, raw.toString('hex'), raw.toString('base64'), raw.toString('base64url')]) assert.equal(row.includes(form), false, `the row does not hold the secret (${form})`);
  }
}

void test('a TOTP secret is sealed with the field key, bound to its row; login with the code still works', async () => {
  const token = await t.login('m08');
  const setup = (await t.request('POST', '/api/v1/auth/totp/setup', { token })).body as { secret: string; uri: string };
  assert.match(setup.secret, /^[A-Z2-7]{32}$/);
  assert.equal((await t.request('POST', '/api/v1/auth/totp/confirm', { token, body: { code: currentTotp(setup.secret) } })).status, 204);
  const user = await t.yishi.handle.db.selectFrom('users').select(['id', 'totp_secret']).where('username', '=', 'm08').executeTakeFirstOrThrow();
  assert.match(user.totp_secret ?? '', /^yf1:a:/);
  assert.equal(fieldCryptoFor(t.config).decrypt(user.totp_secret ?? '', `users.totp_secret:${user.id}`), setup.secret);
  await assertNotStored(user.id, setup.secret);

  assert.equal((await t.request('POST', '/api/v1/auth/login', { body: { username: 'm08', password: DEMO_PASSWORD }, ip: '10.9.0.1' })).body.code, 'TOTP_REQUIRED');
  const wrong = await t.request('POST', '/api/v1/auth/login', { body: { username: 'm08', password: DEMO_PASSWORD, totp: currentTotp(newTotpSecret()) }, ip: '10.9.0.2' });
  assert.equal(wrong.body.code, 'TOTP_INVALID');
  const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'm08', password: DEMO_PASSWORD, totp: currentTotp(setup.secret) }, ip: '10.9.0.3' });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  assert.equal(login.body.user.totpEnabled, true);
});

void test('a clear secret left by an older version is sealed at start, once, and the code still works', async () => {
  const db = t.yishi.handle.db;
  const secret = newTotpSecret();
  const user = await db.selectFrom('users').select('id').where('username', '=', 'm09').executeTakeFirstOrThrow();
  await db.updateTable('users').set({ totp_secret: secret, totp_enabled: 1 }).where('id', '=', user.id).execute();
  const ctx = { db, hub: t.yishi.hub, actor: SYSTEM_ACTOR };
  assert.equal(await sealClearTotpSecrets(ctx, () => fieldCryptoFor(t.config)), 1);
  assert.equal(await sealClearTotpSecrets(ctx, () => assert.fail('nothing left to seal: no key needed')), 0);
  const row = await db.selectFrom('users').select('totp_secret').where('id', '=', user.id).executeTakeFirstOrThrow();
  assert.match(row.totp_secret ?? '', /^yf1:/);
  const entry = await db.selectFrom('audit_log').select(['action', 'data']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  assert.deepEqual({ action: entry.action, data: JSON.parse(entry.data) as unknown }, { action: 'user.totp_secrets_sealed', data: { users: 1 } });
  // The clear value's old copies are scrubbed too (SQLite: secure_delete and a checkpoint; PostgreSQL: vacuum).
  await assertNotStored(user.id, secret);
  const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'm09', password: DEMO_PASSWORD, totp: currentTotp(secret) }, ip: '10.9.1.1' });
  assert.equal(login.status, 200, JSON.stringify(login.body));
});

void test('after start: the database, its WAL and SHM, the generated keys and the checkpoint file are 0600', async () => {
  await t.yishi.anchors.now();
  fieldCryptoFor(t.config);
  const files = [auditKeyFileOf(t.config), devKeyFile(t.config), t.yishi.anchors.file];
  if (dbKind === 'sqlite') files.push(t.config.sqlitePath, `${t.config.sqlitePath}-wal`, `${t.config.sqlitePath}-shm`);
  for (const f of files) {
    assert.ok(existsSync(f), f);
    assert.equal(mode(f).toString(8), '600', f);
  }
});

void test('SQLite: a database opened in new folders gets 0700 folders and 0600 files; an older 0644 one is tightened', async () => {
  const path = join(outside, 'new', 'data', 'yishi.sqlite');
  const h = openDb({ sqlitePath: path });
  try {
    await sql`create table probe (x integer)`.execute(h.db);
    await sql`insert into probe values (1)`.execute(h.db);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) assert.equal(mode(f).toString(8), '600', f);
    for (const d of [join(outside, 'new'), dirname(path)]) assert.equal(mode(d).toString(8), '700', d);
  } finally {
    await h.close();
  }
  const old = join(outside, 'old.sqlite');
  writeFileSync(old, '');
  chmodSync(old, 0o644);
  const h2 = openDb({ sqlitePath: old });
  await h2.close();
  assert.equal(mode(old).toString(8), '600');
});

void test('after an upload: meeting documents and citizens’ attachments are 0600 in 0700 folders', async () => {
  const db = t.yishi.handle.db;
  const mtg = await seedMeeting(db, t.hebiId);
  const office = await tokenFor(db, 'office');
  const boundary = '----yishiRest';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n现场照片\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = await t.yishi.app.inject({ method: 'POST', url: `/api/v1/meetings/${mtg.meetingId}/documents`, headers: { authorization: `Bearer ${office}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  assert.equal(up.statusCode, 201, up.body);
  const filesDir = storageFor(t.config).dir;
  assert.equal(existsSync(filesDir), true, filesDir);
  const sha = (JSON.parse(up.body) as { sha256: string }).sha256;
  const blob = join(filesDir, sha.slice(0, 2), sha);
  assert.equal(mode(blob).toString(8), '600');
  for (const d of [filesDir, dirname(blob)]) assert.equal(mode(d).toString(8), '700', d);

  const opinion = await t.request('POST', '/api/v1/opinions', { ip: '198.51.100.9', body: { congressId: t.hebiId, name: '王小明', phone: '13900001111', content: '小区门口路灯损坏三个月无人维修，晚上出行不便。' } });
  assert.equal(opinion.status, 201, JSON.stringify(opinion.body));
  const m = multipart('路灯.png', 'image/png', PNG);
  const att = await t.request('POST', `/api/v1/opinions/status/${String(opinion.body.trackingCode)}/attachments`, { rawBody: m.rawBody, headers: m.headers });
  assert.equal(att.status, 201, JSON.stringify(att.body));
  const dir = attachmentsDir(t.config);
  const file = join(dir, String(att.body.id).slice(0, 2), String(att.body.id));
  assert.equal(mode(file).toString(8), '600');
  for (const d of [dir, dirname(file)]) assert.equal(mode(d).toString(8), '700', d);
  assert.deepEqual(readdirSync(dirname(file)).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
});

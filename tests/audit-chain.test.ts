// The audit log's hash chain: writes through the API keep it whole, and any edit made behind the
// application's back (a changed byte, a deleted row, a rewritten hash) is found at the right link.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { hashLink, verifyAuditChain } from '../server/platform/audit.ts';
import type { AuditLogTable } from '../server/platform/schema.ts';
import { type TestApp, startTestApp } from './harness.ts';

let t: TestApp;
let admin: string;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  // A handful of ordinary writes, each one audited.
  const writes = [
    await t.request('POST', `/api/v1/congresses/${t.hebiId}/terms`, { token: admin, body: { number: 13 } }),
    await t.request('POST', `/api/v1/congresses/${t.hebiId}/bodies`, { token: admin, body: { kind: 'working_organ', name: '研究室' } }),
    await t.request('PATCH', `/api/v1/congresses/${t.hebiId}`, { token: admin, body: { nameEn: 'Hebi Municipal People’s Congress' } }),
    await t.request('POST', `/api/v1/congresses/${t.hebiId}/users`, { token: admin, body: { username: 'clerk1', displayName: '书记员', password: 'clerk-pass-2026', roles: ['office'] } }),
  ];
  for (const w of writes) assert.ok(w.status === 200 || w.status === 201, JSON.stringify(w.body));
  await t.login('clerk1', 'clerk-pass-2026');
});
after(() => t.close());

const db = () => t.yishi.handle.db;
const entry = (seq: number) => db().selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
const lastSeq = async () => (await db().selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq;

/** Puts a row back exactly as it was, so each test starts from an intact chain. */
async function putBack(row: AuditLogTable): Promise<void> {
  await db().deleteFrom('audit_log').where('seq', '=', row.seq).execute();
  await db().insertInto('audit_log').values(row).execute();
  assert.deepEqual(await verifyAuditChain(db()), { ok: true, checked: await lastSeq() });
}

/** The same text with one character changed (a letter or digit, so the JSON stays well-formed). */
function oneByteChanged(text: string): string {
  const i = text.search(/[A-Za-z0-9]/);
  assert.ok(i >= 0);
  const c = text[i]!;
  const swapped = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : c === 'a' ? 'b' : 'a';
  return text.slice(0, i) + swapped + text.slice(i + 1);
}

void test('after writes through the API the chain verifies, link by link', async () => {
  const n = await lastSeq();
  assert.ok(n >= 7, `expected several entries, got ${n}`);
  assert.deepEqual(await verifyAuditChain(db()), { ok: true, checked: n });
  const rows = await db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
  assert.deepEqual(rows.map((r) => r.seq), Array.from({ length: n }, (_, i) => i + 1));
  for (const [i, r] of rows.entries()) {
    assert.equal(r.prev_hash, i === 0 ? '0'.repeat(64) : rows[i - 1]!.hash);
    assert.equal(r.hash, hashLink(r));
  }
  const api = await t.request('GET', '/api/v1/audit/verify', { token: admin });
  assert.equal(api.status, 200);
  assert.deepEqual(api.body, { ok: true, checked: n, checkpoints: { ok: true, checked: 0, newest: null, broken: [] } });
});

void test('one changed byte in an entry’s data is reported at that seq as hash_mismatch', async () => {
  const seq = 3;
  const original = await entry(seq);
  await db().updateTable('audit_log').set({ data: oneByteChanged(original.data) }).where('seq', '=', seq).execute();
  try {
    assert.deepEqual(await verifyAuditChain(db()), { ok: false, checked: seq - 1, firstBroken: { seq, reason: 'hash_mismatch' } });
    const api = await t.request('GET', '/api/v1/audit/verify', { token: admin });
    assert.deepEqual(api.body.firstBroken, { seq, reason: 'hash_mismatch' });
  } finally {
    await putBack(original);
  }
});

void test('an edited entry whose hash was recomputed breaks the next link (prev_hash_mismatch)', async () => {
  const seq = 4;
  const original = await entry(seq);
  const forged = { ...original, data: oneByteChanged(original.data) };
  forged.hash = hashLink(forged);
  await db().updateTable('audit_log').set({ data: forged.data, hash: forged.hash }).where('seq', '=', seq).execute();
  try {
    assert.deepEqual(await verifyAuditChain(db()), { ok: false, checked: seq, firstBroken: { seq: seq + 1, reason: 'prev_hash_mismatch' } });
  } finally {
    await putBack(original);
  }
});

void test('a deleted entry is reported as a sequence gap at its seq', async () => {
  const seq = 5;
  const original = await entry(seq);
  await db().deleteFrom('audit_log').where('seq', '=', seq).execute();
  try {
    assert.deepEqual(await verifyAuditChain(db()), { ok: false, checked: seq - 1, firstBroken: { seq, reason: 'sequence_gap' } });
  } finally {
    await putBack(original);
  }
});

void test('a deleted newest entry no longer matches the chain head (head_mismatch)', async () => {
  const seq = await lastSeq();
  const original = await entry(seq);
  await db().deleteFrom('audit_log').where('seq', '=', seq).execute();
  try {
    assert.deepEqual(await verifyAuditChain(db()), { ok: false, checked: seq - 1, firstBroken: { seq, reason: 'head_mismatch' } });
  } finally {
    await putBack(original);
  }
});

void test('a congress whose rules profile asks for SM3 gets SM3 links, and the mixed chain still verifies', async () => {
  const profile = await t.request('GET', `/api/v1/congresses/${t.hebiId}/rules-profile`);
  assert.equal(profile.status, 200);
  assert.equal(profile.body.audit.hash, 'sha256');
  const put = await t.request('PUT', `/api/v1/congresses/${t.hebiId}/rules-profile`, { token: admin, body: { ...profile.body, audit: { hash: 'sm3' } } });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  const changed = await entry(await lastSeq());
  assert.equal(changed.action, 'rules_profile.updated');
  assert.equal(changed.alg, 'sm3', 'the change itself is recorded under the new profile');

  const term = await t.request('POST', `/api/v1/congresses/${t.hebiId}/terms`, { token: admin, body: { number: 14 } });
  assert.equal(term.status, 201, JSON.stringify(term.body));
  const sm3 = await entry(await lastSeq());
  assert.equal(sm3.congress_id, t.hebiId);
  assert.equal(sm3.alg, 'sm3');
  assert.match(sm3.hash, /^[0-9a-f]{64}$/);
  assert.notEqual(sm3.hash, hashLink({ ...sm3, alg: 'sha256' }), 'the link really is SM3, not SHA-256 under another name');

  // The other congress keeps SHA-256; entries without a congress use SHA-256.
  const henan = await t.request('PATCH', `/api/v1/congresses/${t.henanId}`, { token: admin, body: { nameEn: 'Henan Provincial People’s Congress' } });
  assert.equal(henan.status, 200, JSON.stringify(henan.body));
  assert.equal((await entry(await lastSeq())).alg, 'sha256');

  const n = await lastSeq();
  assert.deepEqual(await verifyAuditChain(db()), { ok: true, checked: n });

  const original = await entry(sm3.seq);
  await db().updateTable('audit_log').set({ data: oneByteChanged(original.data) }).where('seq', '=', sm3.seq).execute();
  try {
    assert.deepEqual((await verifyAuditChain(db())).firstBroken, { seq: sm3.seq, reason: 'hash_mismatch' });
  } finally {
    await putBack(original);
  }
});

function cliAuditVerify(sqlitePath: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'audit', 'verify'], {
      cwd: resolve(import.meta.dirname, '..'),
      env: { ...process.env, DATABASE_URL: '', YISHI_SQLITE_PATH: sqlitePath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

void test('`yishi audit verify` exits 1 and names the link on a tampered SQLite file', async () => {
  // Always SQLite: the CLI reads the file the server writes, while the server keeps it open.
  const s = await startTestApp({ env: { DATABASE_URL: '' } });
  try {
    assert.equal(s.yishi.handle.kind, 'sqlite');
    const token = await s.login('admin');
    assert.equal((await s.request('POST', `/api/v1/congresses/${s.hebiId}/terms`, { token, body: { number: 13 } })).status, 201);

    const intact = await cliAuditVerify(s.config.sqlitePath);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /^ok: 3 entries$/m); // import, login, term

    const target = await s.yishi.handle.db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    await s.yishi.handle.db.updateTable('audit_log').set({ data: oneByteChanged(target.data) }).where('seq', '=', 2).execute();
    const broken = await cliAuditVerify(s.config.sqlitePath);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /^broken: seq 2, hash_mismatch/m);
    assert.match(broken.stderr, /审计链在第 2 条断裂/);
    assert.match(broken.stderr, /broken at seq 2 \(hash_mismatch\)/);
  } finally {
    await s.close();
  }
});

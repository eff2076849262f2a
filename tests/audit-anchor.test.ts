// The anchored audit chain: signed checkpoints of the chain's head, written outside the database.
// Rewriting an entry in the middle and re-hashing every entry after it (and the head) keeps every
// link whole — the chain alone cannot tell — but contradicts each checkpoint signed after that
// entry, and `yishi audit verify` names them. A forged checkpoint is reported; production without a
// signing key does not start.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { type Checkpoint, auditKeyFileOf, generateAuditKey, latestCheckpoint, signerForKey } from '../server/platform/audit-anchor.ts';
import { hashLink, verifyAuditChain } from '../server/platform/audit.ts';
import type { AuditLogTable } from '../server/platform/schema.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { seedMeeting, tokenFor } from './polls.helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');
let t: TestApp;
let admin: string;
const db = () => t.yishi.handle.db;

async function writes(n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await t.request('POST', `/api/v1/congresses/${t.hebiId}/bodies`, { token: admin, body: { kind: 'working_organ', name: `${tag}办公室${i + 1}` } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
}

const head = async () => db().selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
const anchorFile = () => t.yishi.anchors.file;
const fileLines = (): Checkpoint[] =>
  readFileSync(anchorFile(), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Checkpoint);

let cp1: Checkpoint;
let cp2: Checkpoint;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  await writes(20, '甲');
  cp1 = (await t.yishi.anchors.now())!;
  await writes(20, '乙');
  cp2 = (await t.yishi.anchors.now())!;
  await writes(3, '丙'); // entries after the newest checkpoint
});
after(() => t.close());

/** The same text with one character changed (a letter or digit, so the JSON stays well-formed). */
function oneByteChanged(text: string): string {
  const i = text.search(/[A-Za-z0-9]/);
  assert.ok(i >= 0);
  const c = text[i]!;
  const swapped = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : c === 'a' ? 'b' : 'a';
  return text.slice(0, i) + swapped + text.slice(i + 1);
}

/**
 * What someone with write access to the database can do: change entry `seq` and recompute every
 * hash from there to the head, so that every link holds again. Returns a function that undoes it.
 */
async function rewriteAndRehash(seq: number): Promise<() => Promise<void>> {
  const originals = await db().selectFrom('audit_log').selectAll().where('seq', '>=', seq).orderBy('seq').execute();
  const originalHead = await head();
  let prev = originals[0]!.prev_hash;
  for (const r of originals) {
    const forged: AuditLogTable = { ...r, prev_hash: prev, data: r.seq === seq ? oneByteChanged(r.data) : r.data };
    forged.hash = hashLink(forged);
    await db().updateTable('audit_log').set({ data: forged.data, prev_hash: forged.prev_hash, hash: forged.hash }).where('seq', '=', r.seq).execute();
    prev = forged.hash;
  }
  await db().updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
  return async () => {
    for (const r of originals) await db().updateTable('audit_log').set({ data: r.data, prev_hash: r.prev_hash, hash: r.hash }).where('seq', '=', r.seq).execute();
    await db().updateTable('audit_head').set({ hash: originalHead.hash }).where('id', '=', 1).execute();
  };
}

/** `yishi audit verify` as an operator runs it, against this test app's database. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let databaseUrl = '';
  if (t.config.databaseUrl) {
    const u = new URL(t.config.databaseUrl);
    u.searchParams.set('options', `-c search_path=${t.yishi.handle.schema ?? 'public'}`);
    databaseUrl = u.toString();
  }
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, YISHI_SQLITE_PATH: t.config.sqlitePath, YISHI_AUDIT_KEY: '', YISHI_AUDIT_KEY_FILE: '', YISHI_AUDIT_ANCHOR_FILE: '', ...env },
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

void test('checkpoints are signed statements of the head, in a 0600 file of JSON lines and in the database, with a 0600 key beside the data', async () => {
  assert.ok(cp1.seq >= 20 && cp2.seq === cp1.seq + 20, `${cp1.seq} ${cp2.seq}`);
  const lines = fileLines();
  assert.deepEqual(lines, [cp1, cp2]);
  assert.equal(statSync(anchorFile()).mode & 0o777, 0o600);
  assert.equal(statSync(auditKeyFileOf(t.config)).mode & 0o777, 0o600);
  assert.equal(dirname(anchorFile()), dirname(resolve(t.config.sqlitePath)), 'next to the data');
  assert.deepEqual(await latestCheckpoint(db()), cp2);
  // The hash is the chain's at that seq, and the signature verifies with the public key alone.
  const at = await db().selectFrom('audit_log').select('hash').where('seq', '=', cp2.seq).executeTakeFirstOrThrow();
  assert.equal(cp2.hash, at.hash);
  const pub = createPublicKey(t.yishi.anchors.signer.publicKeyPem);
  const statement = Buffer.from(JSON.stringify(['yishi-audit-checkpoint/1', cp2.seq, cp2.hash, cp2.at, cp2.keyId]));
  assert.ok(verifySignature(null, statement, pub, Buffer.from(cp2.signature, 'base64url')));
  assert.ok(!verifySignature(null, Buffer.from(JSON.stringify(['yishi-audit-checkpoint/1', cp2.seq, cp1.hash, cp2.at, cp2.keyId])), pub, Buffer.from(cp2.signature, 'base64url')));
  // Nothing moved: asking again returns the newest one and writes nothing.
  const h = await head();
  const again = await t.yishi.anchors.now();
  assert.equal(again?.seq, h.seq);
  assert.deepEqual(await t.yishi.anchors.now(), again);
  assert.equal(fileLines().length, 3);
});

void test('an untouched chain verifies: every link and every checkpoint (CLI and API)', async () => {
  const n = (await head()).seq;
  const r = await cli(['audit', 'verify']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^ok: ${n} entries$`, 'm'));
  assert.match(r.stdout, /^checkpoints: 3 ok, 0 broken; newest holding at seq \d+ /m);
  assert.match(r.stdout, /审计链完整，共 \d+ 条；检查点 3 个均相符/);
  const api = await t.request('GET', '/api/v1/audit/verify', { token: admin });
  assert.equal(api.status, 200);
  assert.equal(api.body.ok, true);
  assert.equal(api.body.checked, n);
  assert.equal(api.body.checkpoints.checked, 3);
  assert.deepEqual(api.body.checkpoints.broken, []);
});

void test('an entry rewritten in the middle with every later hash recomputed passes the links but not the checkpoint after it', async () => {
  const n = cp1.seq + 7; // between the two checkpoints
  const undo = await rewriteAndRehash(n);
  try {
    // The chain by itself is fooled: this is what the checkpoints are for.
    assert.deepEqual(await verifyAuditChain(db()), { ok: true, checked: (await head()).seq });

    const r = await cli(['audit', 'verify']);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^links ok: \d+ entries$/m);
    assert.doesNotMatch(r.stdout, /^ok:/m);
    assert.match(r.stdout, new RegExp(`^broken checkpoint: seq ${cp2.seq}, hash_mismatch \\(file ${escapeRe(anchorFile())} line 2; database\\)$`, 'm'));
    assert.doesNotMatch(r.stdout, new RegExp(`broken checkpoint: seq ${cp1.seq},`), 'the checkpoint before the rewrite still holds');
    assert.match(r.stdout, new RegExp(`newest holding at seq ${cp1.seq} `));
    assert.match(r.stderr, new RegExp(`第 ${cp2.seq} 条处的检查点不成立（hash_mismatch，文件 .* 第 2 行；数据库）`));
    assert.match(r.stderr, new RegExp(`the checkpoint at seq ${cp2.seq} does not hold \\(hash_mismatch; file .* line 2; database\\)`));

    const api = await t.request('GET', '/api/v1/audit/verify', { token: admin });
    assert.equal(api.body.ok, false);
    assert.equal(api.body.firstBroken, undefined, 'every link holds');
    assert.equal(api.body.checkpoints.newest.seq, cp1.seq);
    const broken = api.body.checkpoints.broken as { seq: number; reason: string; sources: { kind: string }[] }[];
    assert.ok(broken.some((b) => b.seq === cp2.seq && b.reason === 'hash_mismatch' && b.sources.length === 2));
    assert.ok(!broken.some((b) => b.seq === cp1.seq));

    // Nor does the server sign over the rewritten chain: the next checkpoint is refused, saying why.
    const lines = fileLines().length;
    await assert.rejects(t.yishi.anchors.now(), /the audit chain no longer matches the checkpoint at seq \d+: not signing over it/);
    assert.equal(fileLines().length, lines);
  } finally {
    await undo();
  }
  assert.equal((await cli(['audit', 'verify'])).code, 0, 'put back, it verifies again');
});

void test('a rewrite before both checkpoints breaks both; the database copy alone is enough to tell', async () => {
  const undo = await rewriteAndRehash(3);
  const file = anchorFile();
  const kept = readFileSync(file);
  try {
    rmSync(file); // the file is elsewhere (or gone): the database's copies still catch it
    const r = await cli(['audit', 'verify']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^broken checkpoint: seq ${cp1.seq}, hash_mismatch \\(database\\)$`, 'm'));
    assert.match(r.stdout, new RegExp(`^broken checkpoint: seq ${cp2.seq}, hash_mismatch \\(database\\)$`, 'm'));
    assert.match(r.stdout, /file .*: absent/);
  } finally {
    appendFileSync(file, kept);
    await undo();
  }
});

void test('a forged checkpoint is reported: a bad signature, another key, a line that is not a checkpoint', async () => {
  const file = anchorFile();
  const kept = readFileSync(file);
  const h = await head();
  try {
    // The real key id with a signature that does not fit (the hash was changed after signing).
    appendFileSync(file, `${JSON.stringify({ ...cp1, hash: h.hash, seq: h.seq })}\n`);
    // Signed properly, but by a key that is not the installation's.
    const stranger = signerForKey(generateAuditKey()).sign(h);
    appendFileSync(file, `${JSON.stringify(stranger)}\n`);
    appendFileSync(file, 'not a checkpoint\n');
    // And one put straight into the database.
    await db().insertInto('audit_checkpoints').values({ seq: 2, hash: 'f'.repeat(64), at: cp1.at, key_id: cp1.keyId, signature: cp1.signature }).execute();

    const r = await cli(['audit', 'verify']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^links ok: ${h.seq} entries$`, 'm'));
    assert.match(r.stdout, /^broken checkpoint: seq \?, malformed \(file .* line 6\)$/m);
    assert.match(r.stdout, /^broken checkpoint: seq 2, bad_signature \(database\)$/m);
    assert.match(r.stdout, new RegExp(`^broken checkpoint: seq ${h.seq}, bad_signature \\(file .* line 4\\)$`, 'm'));
    assert.match(r.stdout, new RegExp(`^broken checkpoint: seq ${h.seq}, unknown_key \\(file .* line 5\\)$`, 'm'));
    // The public key the CLI prints is all a verifier needs: given explicitly, the same findings.
    const dir = mkdtempSync(join(tmpdir(), 'yishi-keys-'));
    try {
      const pub = await cli(['audit', 'public-key']);
      assert.equal(pub.code, 0, pub.stderr);
      assert.match(pub.stdout, new RegExp(`^key id: ${t.yishi.anchors.signer.keyId}$`, 'm'));
      const ours = join(dir, 'ours.pem');
      appendFileSync(ours, pub.stdout.slice(pub.stdout.indexOf('-----BEGIN')));
      const withOurs = await cli(['audit', 'verify', '--public-key', ours]);
      assert.equal(withOurs.code, 1);
      assert.match(withOurs.stdout, /^broken checkpoint: seq \d+, unknown_key \(file .* line 5\)$/m);
      assert.doesNotMatch(withOurs.stdout, new RegExp(`seq ${cp1.seq}, `), 'our own checkpoints verify with the printed key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(file);
    appendFileSync(file, kept);
    await db().deleteFrom('audit_checkpoints').where('seq', '=', 2).execute();
  }
  assert.equal((await cli(['audit', 'verify'])).code, 0);
});

void test('`yishi audit anchor` signs the head on demand; `--anchors` reads another checkpoint file', async () => {
  await writes(1, '丁');
  const h = await head();
  const r = await cli(['audit', 'anchor']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^checkpoint: seq ${h.seq}, hash ${h.hash}, at \\S+, key ${t.yishi.anchors.signer.keyId}$`, 'm'));
  assert.equal(fileLines().at(-1)?.seq, h.seq);
  assert.equal((await latestCheckpoint(db()))?.seq, h.seq);

  const dir = mkdtempSync(join(tmpdir(), 'yishi-anchors-'));
  try {
    const other = join(dir, 'elsewhere.jsonl');
    appendFileSync(other, `${JSON.stringify(fileLines()[0])}\n`);
    const v = await cli(['audit', 'verify', '--anchors', other]);
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, new RegExp(`file ${escapeRe(other)}: 1, database: \\d+`));
    const missing = await cli(['audit', 'verify', '--anchors', join(dir, 'none.jsonl')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /检查点文件不存在/);
    assert.match(missing.stderr, /No checkpoint file at/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('closing a poll writes a checkpoint that includes the result, without holding the answer', async () => {
  const mtg = await seedMeeting(db(), t.hebiId);
  const office = await tokenFor(db(), 'office');
  const chair = (await db().selectFrom('meetings').select('presiding_person_id').where('id', '=', mtg.meetingId).executeTakeFirstOrThrow()).presiding_person_id;
  const presider = mtg.members.find((m) => m.personId === chair);
  const pt = await tokenFor(db(), presider?.username ?? 'm02');
  const p = await t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, agendaItemId: mtg.items[0]?.id, subject: '检查点测试表决', kind: 'named' } });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal((await t.request('POST', `/api/v1/polls/${String(p.body.id)}/open`, { token: pt })).status, 200);
  for (const m of mtg.present.filter((x) => x.personId !== chair && x.username).slice(0, 3)) {
    assert.equal((await t.request('POST', `/api/v1/polls/${String(p.body.id)}/ballots`, { token: await tokenFor(db(), m.username ?? ''), body: { choice: 'yes' } })).status, 201);
  }
  assert.equal((await t.request('POST', `/api/v1/polls/${String(p.body.id)}/close`, { token: pt })).status, 200);
  await t.yishi.anchors.idle();
  const closed = await db().selectFrom('audit_log').select('seq').where('action', '=', 'poll.closed').where('target_id', '=', String(p.body.id)).executeTakeFirstOrThrow();
  const cp = await latestCheckpoint(db());
  assert.ok(cp && cp.seq >= closed.seq, `checkpoint ${cp?.seq} covers poll.closed at ${closed.seq}`);
  assert.equal(fileLines().at(-1)?.seq, cp.seq);
});

void test('the checkpoints and the public key are shown to a congress’s admins, not to others', async () => {
  const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/audit/checkpoints`, { token: admin });
  assert.equal(r.status, 200);
  assert.equal(r.body.keyId, t.yishi.anchors.signer.keyId);
  assert.match(r.body.publicKey, /^-----BEGIN PUBLIC KEY-----/);
  assert.deepEqual(r.body.checkpoints[0], await latestCheckpoint(db()));
  assert.equal((await t.request('GET', `/api/v1/congresses/${t.hebiId}/audit/checkpoints`)).status, 401);
  assert.equal((await t.request('GET', `/api/v1/congresses/${t.hebiId}/audit/checkpoints`, { token: await t.login('m10') })).status, 403);
});

void test('production without an audit signing key refuses to start, saying which setting is missing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-nokey-'));
  try {
    const run = (env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number | null; output: string }>((done, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
          cwd: ROOT,
          env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: '', YISHI_SQLITE_PATH: join(dir, 'yishi.sqlite'), PORT: '0', YISHI_AUDIT_KEY: '', YISHI_AUDIT_KEY_FILE: '', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
        child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => done({ code, output }));
      });
    const none = await run({});
    assert.equal(none.code, 1);
    assert.match(none.output, /无法启动：未设置审计签名密钥：请设置 YISHI_AUDIT_KEY 或 YISHI_AUDIT_KEY_FILE/);
    assert.match(none.output, /Cannot start: The audit signing key is not set: set YISHI_AUDIT_KEY or YISHI_AUDIT_KEY_FILE/);
    assert.equal(existsSync(join(dir, 'audit.key')), false, 'production never generates a key');
    assert.equal(existsSync(join(dir, 'yishi.sqlite')), false, 'refused before touching the data');
    const missingFile = await run({ YISHI_AUDIT_KEY_FILE: join(dir, 'nope.pem') });
    assert.equal(missingFile.code, 1);
    assert.match(missingFile.output, /no such file: .*nope\.pem/);
    const bad = await run({ YISHI_AUDIT_KEY: 'not a key' });
    assert.equal(bad.code, 1);
    assert.match(bad.output, /an Ed25519 private key is expected/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

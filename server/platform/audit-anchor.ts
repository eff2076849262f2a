// Anchors for the audit chain (ARCHITECTURE.md, principle 7). The chain alone shows that no entry
// was changed without re-hashing every entry after it — which anyone who can write the database
// can do. A checkpoint is a signed statement of the chain's head, {seq, hash, at, keyId,
// signature}, made with an Ed25519 key kept outside the database and written outside it: appended
// to a JSON-lines file (fsynced, 0600), and also kept in `audit_checkpoints` so the app can show
// it. Gazettes and open-data exports print the latest one. Rewriting an entry at or before a
// checkpoint's seq changes the hash at that seq, and no one without the key can sign the new one.
import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { nowIso } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db.ts';
import { DomainError } from './errors.ts';
import { FILE_MODE, appendLineDurably, mkdirPrivate, tightenExisting } from './private-files.ts';

export interface Checkpoint {
  seq: number;
  hash: string;
  /** When it was signed (ISO instant). */
  at: string;
  /** Names the signing key: the first 16 hex digits of the SHA-256 of its public key (SPKI). */
  keyId: string;
  /** Ed25519 over the statement below, base64url. */
  signature: string;
}

/** The signed bytes: a fixed label and the fields, in a fixed order. */
const statementOf = (c: Omit<Checkpoint, 'signature'>): Buffer => Buffer.from(JSON.stringify(['yishi-audit-checkpoint/1', c.seq, c.hash, c.at, c.keyId]), 'utf8');

const keyError = (code: string, zh: string, en: string): DomainError => new DomainError(422, code, zh, en);

// ---------------------------------------------------------------- keys

export interface AuditSigner {
  keyId: string;
  publicKey: KeyObject;
  /** The public key as PEM (SPKI): what a verifier needs. */
  publicKeyPem: string;
  sign(head: { seq: number; hash: string }): Checkpoint;
}

export const keyIdOf = (pub: KeyObject): string => createHash('sha256').update(pub.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);

/** An Ed25519 private key as PEM or as base64 of its PKCS#8 DER (one line, for an environment variable). */
function parsePrivateKey(text: string, where: string): KeyObject {
  const t = text.trim();
  let key: KeyObject;
  try {
    key = t.startsWith('-----') ? createPrivateKey(t) : createPrivateKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw keyError('AUDIT_KEY_INVALID', `审计签名密钥无法读取（${where}）：应为 Ed25519 私钥（PEM 或 PKCS#8 的 base64）`, `The audit signing key cannot be read (${where}): an Ed25519 private key is expected (PEM, or base64 of PKCS#8)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw keyError('AUDIT_KEY_INVALID', `审计签名密钥（${where}）不是 Ed25519 密钥`, `The audit signing key (${where}) is not an Ed25519 key`);
  }
  return key;
}

/** A public key for verifying: PEM (public or private), or base64 of SPKI DER. */
export function parsePublicKey(text: string, where: string): KeyObject {
  const t = text.trim();
  try {
    const key = t.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(t)) : t.startsWith('-----') ? createPublicKey(t) : createPublicKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // reported below
  }
  throw keyError('AUDIT_PUBLIC_KEY_INVALID', `无法读取审计公钥（${where}）：应为 Ed25519 公钥（PEM）`, `Cannot read the audit public key (${where}): an Ed25519 public key (PEM) is expected`);
}

/** A new Ed25519 private key, PEM (PKCS#8). */
export const generateAuditKey = (): string => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

function signerOf(privateKey: KeyObject): AuditSigner {
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    sign(head) {
      const body = { seq: head.seq, hash: head.hash, at: nowIso(), keyId };
      return { ...body, signature: sign(null, statementOf(body), privateKey).toString('base64url') };
    },
  };
}

/** A signer for a private key given as text (PEM or base64 PKCS#8). */
export const signerForKey = (text: string): AuditSigner => signerOf(parsePrivateKey(text, 'key'));

/** Where a development or test installation keeps its generated key, and the default key file. */
export function auditKeyFileOf(config: Config): string {
  return resolve(config.auditKeyFile ?? join(dirname(config.sqlitePath === ':memory:' ? './data/x' : config.sqlitePath), 'audit.key'));
}

/** The checkpoint file: YISHI_AUDIT_ANCHOR_FILE, or `<name>.audit-anchors.jsonl` next to the SQLite file. */
export function anchorFileOf(config: Config): string {
  if (config.auditAnchorFile) return resolve(config.auditAnchorFile);
  const db = config.sqlitePath === ':memory:' ? './data/yishi.sqlite' : config.sqlitePath;
  return resolve(dirname(db), `${basename(db).replace(/\.(sqlite3?|db)$/, '')}.audit-anchors.jsonl`);
}

const signers = new WeakMap<Config, AuditSigner>();

/**
 * The installation's audit signing key: YISHI_AUDIT_KEY, else the file YISHI_AUDIT_KEY_FILE.
 * Production without either refuses (the server does not start). Development and tests generate a
 * key once into `audit.key` next to the SQLite file (mode 0600) and reuse it.
 */
export function auditSignerFor(config: Config): AuditSigner {
  const hit = signers.get(config);
  if (hit) return hit;
  let key: KeyObject;
  if (config.auditKey) key = parsePrivateKey(config.auditKey, 'YISHI_AUDIT_KEY');
  else {
    const file = auditKeyFileOf(config);
    if (!existsSync(file)) {
      if (config.production || config.auditKeyFile) {
        throw keyError(
          'AUDIT_KEY_MISSING',
          `未设置审计签名密钥：请设置 YISHI_AUDIT_KEY 或 YISHI_AUDIT_KEY_FILE（Ed25519 私钥，保存在数据库之外）${config.auditKeyFile ? `；文件不存在：${file}` : ''}`,
          `The audit signing key is not set: set YISHI_AUDIT_KEY or YISHI_AUDIT_KEY_FILE (an Ed25519 private key kept outside the database)${config.auditKeyFile ? `; no such file: ${file}` : ''}`,
        );
      }
      mkdirPrivate(dirname(file));
      writeFileSync(file, generateAuditKey(), { mode: FILE_MODE, flag: 'wx' });
      tightenExisting([file]);
    }
    key = parsePrivateKey(readFileSync(file, 'utf8'), file);
  }
  const signer = signerOf(key);
  signers.set(config, signer);
  return signer;
}

// ---------------------------------------------------------------- writing

const toCheckpoint = (r: { seq: number; hash: string; at: string; key_id: string; signature: string }): Checkpoint => ({ seq: r.seq, hash: r.hash, at: r.at, keyId: r.key_id, signature: r.signature });

/** The newest checkpoint the database keeps, or null. */
export async function latestCheckpoint(db: Db): Promise<Checkpoint | null> {
  const r = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return r ? toCheckpoint(r) : null;
}

export async function listCheckpoints(db: Db, limit?: number): Promise<Checkpoint[]> {
  let q = db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc');
  if (limit) q = q.limit(limit);
  return (await q.execute()).map(toCheckpoint);
}

/**
 * Signs the committed head and writes the checkpoint: first to the file (the anchor that counts),
 * then to the database. When the head has not moved since the newest checkpoint, that one is
 * returned and nothing is written; an empty chain has nothing to anchor (null). Not an audit entry
 * itself: recording one would move the head it has just signed. A chain that no longer has the
 * newest checkpoint's hash at its seq was rewritten: it is not signed over (the error says where).
 */
export async function writeCheckpoint(db: Db, signer: AuditSigner, file: string): Promise<Checkpoint | null> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (head.seq === 0) return null;
  const last = await latestCheckpoint(db);
  if (last) {
    const at = await db.selectFrom('audit_log').select('hash').where('seq', '=', last.seq).executeTakeFirst();
    if (at?.hash !== last.hash) throw new Error(`the audit chain no longer matches the checkpoint at seq ${last.seq}: not signing over it (run "yishi audit verify")`);
  }
  if (last && last.seq === head.seq && last.hash === head.hash && last.keyId === signer.keyId) return last;
  const cp = signer.sign(head);
  mkdirPrivate(dirname(file));
  appendLineDurably(file, JSON.stringify(cp));
  // Two processes may anchor the same head at once: both lines are valid; the database keeps one.
  await db
    .insertInto('audit_checkpoints')
    .values({ seq: cp.seq, hash: cp.hash, at: cp.at, key_id: cp.keyId, signature: cp.signature })
    .onConflict((oc) => oc.column('seq').doNothing())
    .execute();
  return cp;
}

/** A running server's anchoring: one checkpoint at a time per process, on demand or in the background. */
export interface AuditAnchors {
  readonly signer: AuditSigner;
  readonly file: string;
  /** Writes a checkpoint of the head now (or returns the newest when the head has not moved). */
  now(): Promise<Checkpoint | null>;
  /** The same without waiting (after a poll closes): a failure is passed to `onError`. */
  soon(onError: (e: unknown) => void): void;
  /** Resolves when no checkpoint is being written (before closing the database). */
  idle(): Promise<void>;
}

/** Loads the signing key at once, so a production server without one refuses to start. */
export function createAuditAnchors(db: Db, config: Config): AuditAnchors {
  const signer = auditSignerFor(config);
  const file = anchorFileOf(config);
  let queue: Promise<unknown> = Promise.resolve();
  const now = (): Promise<Checkpoint | null> => {
    const run = queue.then(() => writeCheckpoint(db, signer, file));
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    signer,
    file,
    now,
    soon: (onError) => {
      now().catch(onError);
    },
    idle: () => queue.then(() => undefined),
  };
}

// ---------------------------------------------------------------- verifying

/** Where a checkpoint was read: a line of a checkpoint file, or the database's copy. */
export type Source = { kind: 'file'; path: string; line: number } | { kind: 'database' };

export const describeSource = (s: Source): { zh: string; en: string } =>
  s.kind === 'file' ? { zh: `文件 ${s.path} 第 ${s.line} 行`, en: `file ${s.path} line ${s.line}` } : { zh: '数据库', en: 'database' };

export interface Located {
  checkpoint: Checkpoint | null;
  source: Source;
}

/** Reads a checkpoint file; a line that is not a checkpoint is kept (checkpoint null) to be reported. */
export function readCheckpointFile(path: string): Located[] {
  const out: Located[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      out.push({ checkpoint: parseCheckpoint(text), source: { kind: 'file', path, line: i + 1 } });
    });
  return out;
}

function parseCheckpoint(text: string): Checkpoint | null {
  try {
    const v = JSON.parse(text) as Partial<Record<keyof Checkpoint, unknown>>;
    if (typeof v.seq === 'number' && Number.isInteger(v.seq) && typeof v.hash === 'string' && typeof v.at === 'string' && typeof v.keyId === 'string' && typeof v.signature === 'string') {
      return { seq: v.seq, hash: v.hash, at: v.at, keyId: v.keyId, signature: v.signature };
    }
  } catch {
    // not JSON
  }
  return null;
}

export async function databaseCheckpoints(db: Db): Promise<Located[]> {
  return (await listCheckpoints(db)).map((checkpoint) => ({ checkpoint, source: { kind: 'database' } }));
}

export type CheckpointFailure = 'hash_mismatch' | 'missing_entry' | 'bad_signature' | 'unknown_key' | 'malformed';

export interface BrokenCheckpoint {
  seq: number | null;
  reason: CheckpointFailure;
  /** Every place this checkpoint was read (the file's line, the database). */
  sources: Source[];
}

export interface CheckpointVerdict {
  ok: boolean;
  /** Distinct checkpoints checked (one found in the file and in the database counts once). */
  checked: number;
  /** The newest checkpoint that holds. */
  newest: Checkpoint | null;
  broken: BrokenCheckpoint[];
}

/**
 * Checks each checkpoint's signature with the known public keys, then that the chain still has the
 * signed hash at the signed seq. A rewrite that re-hashed the entries after it fails here even
 * though every link holds, and this names the checkpoint it contradicts.
 */
export async function verifyCheckpoints(db: Db, found: readonly Located[], publicKeys: readonly KeyObject[]): Promise<CheckpointVerdict> {
  const keys = new Map(publicKeys.map((k) => [keyIdOf(k), k]));
  const broken: BrokenCheckpoint[] = [];
  // The same checkpoint read from the file and from the database is judged once.
  const distinct = new Map<string, { cp: Checkpoint; sources: Source[] }>();
  for (const f of found) {
    if (!f.checkpoint) {
      broken.push({ seq: null, reason: 'malformed', sources: [f.source] });
      continue;
    }
    const id = `${f.checkpoint.seq}:${f.checkpoint.hash}:${f.checkpoint.keyId}:${f.checkpoint.signature}`;
    const seen = distinct.get(id);
    if (seen) seen.sources.push(f.source);
    else distinct.set(id, { cp: f.checkpoint, sources: [f.source] });
  }
  const signed: { cp: Checkpoint; sources: Source[] }[] = [];
  for (const d of distinct.values()) {
    const key = keys.get(d.cp.keyId);
    if (!key) broken.push({ seq: d.cp.seq, reason: 'unknown_key', sources: d.sources });
    else if (!signatureHolds(d.cp, key)) broken.push({ seq: d.cp.seq, reason: 'bad_signature', sources: d.sources });
    else signed.push(d);
  }
  const hashes = await hashesAt(db, [...new Set(signed.map((d) => d.cp.seq))]);
  let newest: Checkpoint | null = null;
  for (const d of signed) {
    const hash = hashes.get(d.cp.seq);
    if (hash === undefined) broken.push({ seq: d.cp.seq, reason: 'missing_entry', sources: d.sources });
    else if (hash !== d.cp.hash) broken.push({ seq: d.cp.seq, reason: 'hash_mismatch', sources: d.sources });
    else if (!newest || d.cp.seq > newest.seq) newest = d.cp;
  }
  broken.sort((a, b) => (a.seq ?? -1) - (b.seq ?? -1));
  return { ok: broken.length === 0, checked: distinct.size + broken.filter((b) => b.reason === 'malformed').length, newest, broken };
}

function signatureHolds(cp: Checkpoint, key: KeyObject): boolean {
  try {
    return verify(null, statementOf(cp), key, Buffer.from(cp.signature, 'base64url'));
  } catch {
    return false;
  }
}

async function hashesAt(db: Db, seqs: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < seqs.length; i += 500) {
    const rows = await db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', 'in', seqs.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.seq, r.hash);
  }
  return out;
}

/** Every checkpoint to check: the file's lines (none when it does not exist) and the database's copies. */
export async function gatherCheckpoints(db: Db, file: string): Promise<{ found: Located[]; inFile: number | null; inDatabase: number }> {
  const fromFile = existsSync(file) ? readCheckpointFile(file) : null;
  const fromDb = await databaseCheckpoints(db);
  return { found: [...(fromFile ?? []), ...fromDb], inFile: fromFile ? fromFile.length : null, inDatabase: fromDb.length };
}

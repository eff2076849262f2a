import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../platform/db.ts';
import { DomainError } from '../../platform/errors.ts';
import type { VoteChoice } from '../../platform/schema.ts';

// Sealed ballots (SECRECY.md). While a poll is open each ballot is stored as one ciphertext under a
// key of that poll alone; the key is a file outside the database, and the close destroys it after
// the counts are committed. Whatever the database keeps of the open poll — pages, WAL frames, dead
// row versions, backups, replicas — then holds ciphertexts that nobody can open.

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FILE = /^([0-9a-f-]{36})\.key$/;

export type BallotPairs = readonly (readonly [string, VoteChoice])[];

const CHOICE_CODE: Record<VoteChoice, string> = { yes: 'y', no: 'n', abstain: 'a' };
const CODE_CHOICE: Record<string, VoteChoice> = { y: 'yes', n: 'no', a: 'abstain' };

/**
 * A ballot's plain text: `key:c` per question or nominee, in the ballot's fixed order, c one letter.
 * Keys are the poll's candidate ids (all of one length) or '' for the question itself, so every
 * ballot of a poll has the same length and so does its ciphertext: the length tells nothing.
 */
const encode = (pairs: BallotPairs): string => pairs.map(([k, c]) => `${k}:${CHOICE_CODE[c]}`).join(',');

function decode(text: string): [string, VoteChoice][] {
  return text.split(',').map((part) => {
    const at = part.lastIndexOf(':');
    const choice = CODE_CHOICE[part.slice(at + 1)];
    if (at < 0 || !choice) throw new Error('a sealed ballot does not decode');
    return [part.slice(0, at), choice];
  });
}

/** AES-256-GCM with a random IV; the poll id is the associated data, so a ballot moved to another poll does not open. */
export function sealBallot(key: Buffer, pollId: string, pairs: BallotPairs): string {
  const iv = randomBytes(IV_BYTES);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(`poll:${pollId}`));
  const body = Buffer.concat([c.update(encode(pairs), 'utf8'), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]).toString('base64url');
}

export function openBallot(key: Buffer, pollId: string, sealed: string): [string, VoteChoice][] {
  const raw = Buffer.from(sealed, 'base64url');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  d.setAAD(Buffer.from(`poll:${pollId}`));
  d.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  return decode(Buffer.concat([d.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), d.final()]).toString('utf8'));
}

const keyMissing = () =>
  new DomainError(
    409,
    'BALLOT_KEY_MISSING',
    '本次表决的密封密钥不存在，无法记录或计票：请运维人员恢复选票密钥目录（YISHI_BALLOT_KEYS_DIR）',
    "This poll's sealing key is missing, so ballots can be neither recorded nor counted: the operators must restore the ballot key directory (YISHI_BALLOT_KEYS_DIR)",
    'R-V8',
  );

/** Writes a file and its directory entry durably (fsync both), replacing any earlier file of that name. */
function writeDurably(dir: string, name: string, data: Buffer): void {
  const tmp = join(dir, `.${name}.${randomBytes(4).toString('hex')}`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, name));
  syncDir(dir);
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The keys of the open polls: one file per poll (mode 0600) in a directory of its own (0700). */
export class BallotKeys {
  private readonly cache = new Map<string, Buffer>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  private path(pollId: string): string {
    return join(this.dir, `${pollId}.key`);
  }

  /** A fresh key for a poll about to open, durable before the opening commits. */
  create(pollId: string): void {
    const key = randomBytes(KEY_BYTES);
    writeDurably(this.dir, `${pollId}.key`, key);
    this.cache.set(pollId, key);
  }

  get(pollId: string): Buffer {
    const hit = this.cache.get(pollId);
    if (hit) return hit;
    let key: Buffer;
    try {
      key = readFileSync(this.path(pollId));
    } catch {
      throw keyMissing();
    }
    if (key.length !== KEY_BYTES) throw keyMissing();
    this.cache.set(pollId, key);
    return key;
  }

  /** Drops the key from this process's memory (another process closed the poll). */
  forget(pollId: string): void {
    this.cache.delete(pollId);
  }

  /** Destroys a closed poll's key: overwritten, removed, the directory synced. */
  destroy(pollId: string): void {
    this.cache.get(pollId)?.fill(0);
    this.cache.delete(pollId);
    const file = this.path(pollId);
    try {
      const fd = openSync(file, 'r+');
      try {
        writeSync(fd, Buffer.alloc(KEY_BYTES), 0, KEY_BYTES, 0);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      unlinkSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    syncDir(this.dir);
  }

  /**
   * Removes keys that outlived their poll: at once for a closed poll (a crash fell between the
   * close's commit and the key's destruction); after a grace period for any other poll that is not
   * open (an opening that did not commit — or one that another process is committing right now).
   */
  sweep(polls: { open: ReadonlySet<string>; closed: ReadonlySet<string> }, graceMs = 60 * 60 * 1000): string[] {
    const removed: string[] = [];
    for (const name of readdirSync(this.dir)) {
      const id = FILE.exec(name)?.[1];
      if (!id || polls.open.has(id)) continue;
      if (!polls.closed.has(id) && Date.now() - statSync(join(this.dir, name)).mtimeMs < graceMs) continue;
      this.destroy(id);
      removed.push(id);
    }
    return removed;
  }
}

const keysByDb = new WeakMap<Db, BallotKeys>();

/** Tells the polls module where this installation keeps its ballot keys (bootstrap and CLI). */
export function attachBallotKeys(db: Db, dir: string): BallotKeys {
  const keys = new BallotKeys(dir);
  keysByDb.set(db, keys);
  return keys;
}

export function ballotKeysOf(db: Db): BallotKeys {
  const keys = keysByDb.get(db);
  if (!keys) throw new Error('no ballot key directory is attached to this database (attachBallotKeys)');
  return keys;
}

// Attacks on a secret poll by someone who can read the database's bytes (R-V8, SECRECY.md): they
// replay what the storage engine keeps of earlier states and try to link members to choices.
// - SQLite: every frame of the write-ahead log, commit by commit, while a reader held open keeps
//   the log from being checkpointed away.
// - PostgreSQL: every tuple version on the tables' pages, dead ones included (pageinspect), while a
//   held snapshot keeps vacuum from removing them; each version carries the transaction that wrote it.
// Each attack is also run against tables written the old way (a counter moved in the ballot's own
// transaction) as a control, so a test using it can fail.
import { closeSync, fstatSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../server/platform/db.ts';

export type Choice = 'yes' | 'no' | 'abstain';

/** What the attacker reads in one state of the database: who has voted, and the counters. */
export interface Observed {
  voters: ReadonlySet<string>;
  counts: Readonly<Record<Choice, number>>;
}

/**
 * Links a member to a choice whenever exactly one member appeared between two states and exactly
 * one counter moved by one: the attack that linked 24 of 25 members when counters moved per ballot.
 */
export function linkByDifference(states: readonly Observed[]): Map<string, Choice> {
  const links = new Map<string, Choice>();
  for (let k = 1; k < states.length; k++) {
    const before = states[k - 1]!;
    const now = states[k]!;
    const appeared = [...now.voters].filter((v) => !before.voters.has(v));
    const moved = (['yes', 'no', 'abstain'] as const).filter((c) => now.counts[c] !== before.counts[c]);
    const only = moved[0];
    if (appeared.length === 1 && moved.length === 1 && only && now.counts[only] - before.counts[only] === 1) links.set(appeared[0]!, only);
  }
  return links;
}

/**
 * Replays a SQLite database's write-ahead log: the main file's pages, then each frame in order, and
 * at every commit frame the database as it stood then is read with `observe`. The copy is written
 * to a temporary file with its header switched to rollback-journal mode so it opens on its own.
 */
export function replayWal(dbPath: string, observe: (db: SQLite.Database) => Observed): Observed[] {
  const wal = readFileSync(`${dbPath}-wal`);
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const dir = mkdtempSync(join(tmpdir(), 'yishi-wal-'));
  const copy = join(dir, 'snapshot.sqlite');
  const fd = openSync(copy, 'w+');
  const states: Observed[] = [];
  try {
    const main = readFileSync(dbPath);
    writeSync(fd, main, 0, main.length, 0);
    const legacyHeader = (): void => {
      if (fstatSync(fd).size >= 20) writeSync(fd, Buffer.from([1, 1]), 0, 2, 18);
    };
    legacyHeader();
    for (let off = 32; off + 24 + pageSize <= wal.length; off += 24 + pageSize) {
      if (wal.readUInt32BE(off + 8) !== salt1 || wal.readUInt32BE(off + 12) !== salt2) break; // frames of an earlier log generation
      const page = wal.readUInt32BE(off);
      const commitSize = wal.readUInt32BE(off + 4);
      writeSync(fd, wal, off + 24, pageSize, (page - 1) * pageSize);
      if (commitSize === 0) continue;
      ftruncateSync(fd, commitSize * pageSize);
      legacyHeader();
      const snap = new SQLite(copy, { readonly: true, fileMustExist: true });
      try {
        states.push(observe(snap));
      } finally {
        snap.close();
      }
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  return states;
}

// ------------------------------------------------------------------ PostgreSQL: tuple versions

interface TupleVersion {
  xmin: string;
  attrs: (Buffer | null)[];
}

/** Every tuple version on a table's pages, live or dead, with the transaction that wrote it (pageinspect). */
export async function tupleVersions(db: Db, table: string): Promise<TupleVersion[]> {
  await sql`create extension if not exists pageinspect with schema public`.execute(db).catch(() => undefined); // another test may create it at the same moment
  // pageinspect's functions call each other unqualified: the extension's schema joins the path.
  const rows = await db.transaction().execute(async (tx) => {
    await sql`select set_config('search_path', current_setting('search_path') || ', public', true)`.execute(tx);
    return sql<{ xmin: string; attrs: (Buffer | null)[] | null }>`
      select i.t_xmin::text as xmin, i.t_attrs as attrs
      from generate_series(0, (pg_relation_size(${table}::regclass) / current_setting('block_size')::int) - 1) as b(blk),
           lateral heap_page_item_attrs(get_raw_page(${table}::text, b.blk::int), ${table}::regclass) as i
      where i.t_attrs is not null`.execute(tx);
  });
  return rows.rows.map((r) => ({ xmin: r.xmin, attrs: r.attrs ?? [] }));
}

/** A short text value as stored on the page (a one-byte or four-byte varlena header). */
export function pageText(b: Buffer | null | undefined): string | null {
  if (!b) return null;
  if ((b[0]! & 1) === 1) return b.subarray(1, b[0]! >> 1).toString('utf8');
  return b.subarray(4, b.readUInt32LE(0) >> 2).toString('utf8');
}

/**
 * Links each voter row version to a counter version written by the same transaction: the attack
 * on counters moved in the ballot's own transaction. `voters` and `tallies` have the columns of
 * poll_voters (congress_id, poll_id, person_id, …) and poll_tallies (…, candidate_key, choice, n).
 */
export async function linkByTransaction(db: Db, pollId: string, tables: { voters: string; tallies: string }): Promise<Map<string, Choice>> {
  const voters = (await tupleVersions(db, tables.voters)).filter((v) => pageText(v.attrs[1]) === pollId);
  const tallies = (await tupleVersions(db, tables.tallies)).filter((v) => pageText(v.attrs[1]) === pollId);
  const byXmin = new Map<string, Set<Choice>>();
  for (const v of tallies) byXmin.set(v.xmin, (byXmin.get(v.xmin) ?? new Set()).add(pageText(v.attrs[3]) as Choice));
  const links = new Map<string, Choice>();
  for (const v of voters) {
    const moved = byXmin.get(v.xmin);
    const person = pageText(v.attrs[2]);
    if (person && moved?.size === 1) links.set(person, [...moved][0]!);
  }
  return links;
}

/** How well a set of links guesses the truth, against the best guess from the published totals alone. */
export function judge(links: ReadonlyMap<string, Choice>, truth: ReadonlyMap<string, Choice>): { rightLinks: number; accuracy: number; chance: number } {
  const counts: Record<Choice, number> = { yes: 0, no: 0, abstain: 0 };
  for (const c of truth.values()) counts[c]++;
  const majority = (['yes', 'no', 'abstain'] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  let correct = 0;
  for (const [who, c] of truth) if ((links.get(who) ?? majority) === c) correct++;
  const rightLinks = [...links.entries()].filter(([who, c]) => truth.get(who) === c).length;
  return { rightLinks, accuracy: correct / truth.size, chance: counts[majority] / truth.size };
}

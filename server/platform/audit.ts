import { createHash } from 'node:crypto';
import { type Db, type Tx, isPostgres } from './db.ts';
import { nowIso } from './clock.ts';
import type { AuditLogTable } from './schema.ts';

export type HashAlg = 'sha256' | 'sm3';

export interface AuditEntry {
  congressId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  /** What happened, with before/after where it matters. Never a secret ballot's choice. */
  data?: Record<string, unknown>;
  /** Who acted, when a command writes several people's requests at once (a batch of ballots); else the command's actor. */
  actorUserId?: string | null;
}

type Row = Omit<AuditLogTable, 'hash'>;

/** The bytes a link hashes: every column but the hash itself, in a fixed order. */
function linkContent(r: Row): string {
  return JSON.stringify([r.seq, r.at, r.congress_id, r.actor_user_id, r.action, r.target_type, r.target_id, r.data, r.alg, r.prev_hash]);
}

export function hashLink(r: Row): string {
  return createHash(r.alg).update(linkContent(r), 'utf8').digest('hex');
}

/** An entry to append: what happened, by whom, hashed with which algorithm. */
export interface AuditAppend {
  entry: AuditEntry;
  actorUserId: string | null;
  alg: HashAlg;
}

/**
 * Appends entries to the hash chain inside the caller's transaction, in order. The UPDATE of the
 * single head row comes first: on PostgreSQL it row-locks the head until commit, so concurrent
 * commands append one after another and the chain never forks; SQLite has one writer anyway.
 * However many entries, the head is read and written once and the rows go in one INSERT per chunk.
 */
export async function appendAudit(tx: Tx, items: readonly AuditAppend[]): Promise<void> {
  if (items.length === 0) return;
  const head = await tx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', items.length) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const at = nowIso();
  let seq = head.seq - items.length;
  let prevHash = head.hash;
  const rows: AuditLogTable[] = items.map(({ entry: e, actorUserId, alg }) => {
    seq += 1;
    const row: Row = {
      seq,
      at,
      congress_id: e.congressId,
      actor_user_id: actorUserId,
      action: e.action,
      target_type: e.targetType ?? null,
      target_id: e.targetId ?? null,
      data: JSON.stringify(e.data ?? {}),
      alg,
      prev_hash: prevHash,
    };
    prevHash = hashLink(row);
    return { ...row, hash: prevHash };
  });
  if (isPostgres(tx) && rows.length <= AUDIT_CHUNK) {
    // One round trip: the entries and the head's new hash in one statement (a data-modifying CTE).
    await tx
      .with('entries', (db) => db.insertInto('audit_log').values(rows))
      .updateTable('audit_head')
      .set({ hash: prevHash })
      .where('id', '=', 1)
      .execute();
    return;
  }
  for (let i = 0; i < rows.length; i += AUDIT_CHUNK) await tx.insertInto('audit_log').values(rows.slice(i, i + AUDIT_CHUNK)).execute();
  await tx.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();
}

/** Rows per INSERT: 11 parameters each stays far below SQLite's and PostgreSQL's limits. */
const AUDIT_CHUNK = 1000;

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch' };
}

/** Walks the chain in order and reports the first link that does not hold. */
export async function verifyAuditChain(db: Db, batch = 1000): Promise<VerifyResult> {
  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batch).execute();
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, checked, firstBroken: { seq: expectedSeq, reason: 'sequence_gap' } };
      if (r.prev_hash !== prevHash) return { ok: false, checked, firstBroken: { seq: r.seq, reason: 'prev_hash_mismatch' } };
      if (hashLink(r) !== r.hash) return { ok: false, checked, firstBroken: { seq: r.seq, reason: 'hash_mismatch' } };
      prevHash = r.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < batch) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (head.seq !== checked || head.hash !== prevHash) return { ok: false, checked, firstBroken: { seq: head.seq, reason: 'head_mismatch' } };
  return { ok: true, checked };
}

import type { Actor } from './access.ts';
import { actorUserId } from './access.ts';
import { type AuditEntry, type HashAlg, appendAudit } from './audit.ts';
import { newId, nowIso } from './clock.ts';
import type { Db, Tx } from './db.ts';
import type { ChangeEvent, Hub } from './hub.ts';

export interface Ctx {
  db: Db;
  hub: Hub;
  actor: Actor;
}

export interface Recorder {
  audit(e: AuditEntry): void;
  emit(e: ChangeEvent): void;
}

/** The last profile text read per congress and the hash it names: a profile is parsed once, not per entry. */
const algByProfile = new Map<string, { data: string; alg: HashAlg }>();

/** The hash a congress's profile asks for; entries without a congress use SHA-256. */
async function auditAlgFor(tx: Tx, congressId: string | null): Promise<HashAlg> {
  if (!congressId) return 'sha256';
  const row = await tx.selectFrom('rules_profiles').select('data').where('congress_id', '=', congressId).executeTakeFirst();
  if (!row) return 'sha256';
  const seen = algByProfile.get(congressId);
  if (seen?.data === row.data) return seen.alg;
  const parsed = JSON.parse(row.data) as { audit?: { hash?: HashAlg } };
  const alg = parsed.audit?.hash ?? 'sha256';
  algByProfile.set(congressId, { data: row.data, alg });
  return alg;
}

/**
 * The one way to change state: `fn` runs in a transaction, records at least one audit entry,
 * and the entries and outbox rows are written in that same transaction. Change events are
 * published only after commit, so a failed command leaves nothing behind and announces nothing.
 * Counter ticks (`tally: true`, e.g. "one more ballot counted") skip the outbox: each is superseded
 * by the next and by the closing notice, so one lost in a crash costs nothing, and a vote's hot
 * path saves the outbox's write and take.
 */
export async function runCommand<T>(ctx: Ctx, fn: (tx: Tx, rec: Recorder) => Promise<T>): Promise<T> {
  const events: ChangeEvent[] = [];
  const outboxIds: string[] = [];
  const result = await ctx.db.transaction().execute(async (tx) => {
    const entries: AuditEntry[] = [];
    const value = await fn(tx, { audit: (e) => entries.push(e), emit: (e) => events.push(e) });
    if (entries.length === 0) throw new Error('every command must record an audit entry');
    const algs = new Map<string | null, HashAlg>();
    for (const e of entries) if (!algs.has(e.congressId)) algs.set(e.congressId, await auditAlgFor(tx, e.congressId));
    const by = actorUserId(ctx.actor);
    await appendAudit(tx, entries.map((e) => ({ entry: e, actorUserId: e.actorUserId !== undefined ? e.actorUserId : by, alg: algs.get(e.congressId) ?? 'sha256' })));
    const durable = events.filter((e) => e.tally !== true);
    if (durable.length > 0) {
      const at = nowIso();
      const rows = durable.map((e) => ({ id: newId(), created_at: at, congress_id: e.congressId, topic: e.topic, payload: JSON.stringify(e), published: 0 }));
      await tx.insertInto('outbox').values(rows).execute();
      for (const r of rows) outboxIds.push(r.id);
    }
    return value;
  });
  if (outboxIds.length > 0) await publishOutbox(ctx.db, ctx.hub, outboxIds);
  // Not awaited (publish never rejects): a ballot's acknowledgement need not wait for a tick going to other processes.
  for (const e of events) if (e.tally === true) void ctx.hub.publish(e);
  return result;
}

/**
 * Takes the given outbox rows (or the oldest pending ones) and publishes them. Taking is a DELETE …
 * RETURNING, so two publishers never send one row twice and sent rows do not pile up. A crash
 * between commit and send leaves the rows for `flushOutbox` at the next start; a crash between
 * taking and sending drops a "changed" notice, which is harmless: reconnecting clients refetch.
 */
async function publishOutbox(db: Db, hub: Hub, ids: string[]): Promise<number> {
  const taken = await db.deleteFrom('outbox').where('id', 'in', ids).returning(['payload', 'created_at']).execute();
  taken.sort((a, b) => a.created_at.localeCompare(b.created_at));
  for (const r of taken) await hub.publish(JSON.parse(r.payload) as ChangeEvent);
  return taken.length;
}

/** Publishes what committed transactions left in the outbox: run at start-up, after a crash. */
export async function flushOutbox(db: Db, hub: Hub): Promise<number> {
  let sent = 0;
  for (;;) {
    const pending = await db.selectFrom('outbox').select('id').orderBy('created_at').limit(1000).execute();
    if (pending.length === 0) return sent;
    sent += await publishOutbox(db, hub, pending.map((r) => r.id));
  }
}

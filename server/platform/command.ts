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

/** The hash a congress's profile asks for; entries without a congress use SHA-256. */
async function auditAlgFor(tx: Tx, congressId: string | null): Promise<HashAlg> {
  if (!congressId) return 'sha256';
  const row = await tx.selectFrom('rules_profiles').select('data').where('congress_id', '=', congressId).executeTakeFirst();
  if (!row) return 'sha256';
  const parsed = JSON.parse(row.data) as { audit?: { hash?: HashAlg } };
  return parsed.audit?.hash ?? 'sha256';
}

/**
 * The one way to change state: `fn` runs in a transaction, records at least one audit entry,
 * and the entries and outbox rows are written in that same transaction. Change events are
 * published only after commit, so a failed command leaves nothing behind and announces nothing.
 */
export async function runCommand<T>(ctx: Ctx, fn: (tx: Tx, rec: Recorder) => Promise<T>): Promise<T> {
  const events: ChangeEvent[] = [];
  const result = await ctx.db.transaction().execute(async (tx) => {
    const entries: AuditEntry[] = [];
    const value = await fn(tx, { audit: (e) => entries.push(e), emit: (e) => events.push(e) });
    if (entries.length === 0) throw new Error('every command must record an audit entry');
    for (const e of entries) await appendAudit(tx, actorUserId(ctx.actor), e, await auditAlgFor(tx, e.congressId));
    if (events.length > 0) {
      const at = nowIso();
      await tx
        .insertInto('outbox')
        .values(events.map((e) => ({ id: newId(), created_at: at, congress_id: e.congressId, topic: e.topic, payload: JSON.stringify(e), published: 0 })))
        .execute();
    }
    return value;
  });
  if (events.length > 0) await flushOutbox(ctx.db, ctx.hub);
  return result;
}

/**
 * Publishes what committed transactions left in the outbox; also run at start-up after a crash.
 * Rows are claimed (published=1 … RETURNING) before they are sent, so two flushes never send one
 * row twice. A crash between claim and send drops a "changed" notice, which is harmless:
 * reconnecting clients refetch the current state anyway.
 */
export async function flushOutbox(db: Db, hub: Hub): Promise<number> {
  const pending = await db.selectFrom('outbox').select('id').where('published', '=', 0).orderBy('created_at').limit(1000).execute();
  if (pending.length === 0) return 0;
  const claimed = await db
    .updateTable('outbox')
    .set({ published: 1 })
    .where('published', '=', 0)
    .where('id', 'in', pending.map((r) => r.id))
    .returning(['payload', 'created_at'])
    .execute();
  claimed.sort((a, b) => a.created_at.localeCompare(b.created_at));
  for (const r of claimed) await hub.publish(JSON.parse(r.payload) as ChangeEvent);
  return claimed.length;
}

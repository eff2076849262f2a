import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/access.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { Conn, Db } from '../../platform/db.ts';
import { GroupCommit } from '../../platform/group-commit.ts';
import { hit } from '../../platform/rate.ts';
import type { OpinionTable } from '../../platform/schema.ts';
import { trackingCodeFrom } from './opinions.rules.ts';

// Writing citizens' submissions with group commit. Each submission is acknowledged (its tracking
// code returned) only after the transaction holding it has committed, so nothing acknowledged is
// ever lost and nothing half-written is ever kept. While one batch is being written, submissions
// that arrive queue up and go into the next one together: under load a transaction carries many
// opinions and one audit entry naming them all; when idle each is written at once (no added wait).
//
// Throttling is decided here too, per batch: one statement adds the batch's attempts to the
// per-source rate counters (platform/rate.ts, shared by all processes) and returns the totals; the
// submissions over a limit are refused, the others written. A failing batch is retried one opinion
// at a time, so one bad row fails only its own request.

const MAX_BATCH = 250; // 32 columns × 250 rows stays under the databases' parameter limits
const PUBLIC: Actor = { kind: 'public', ip: null };

export interface Throttle {
  ipKey: string;
  /** When the per-address window ends if this attempt opens it (platform/rate.ts). */
  ipUntil: string;
  perIp: number;
  phoneKey: string;
  phoneUntil: string;
  perPhone: number;
}
export type IntakeOutcome = 'stored' | 'throttled_ip' | 'throttled_phone';

interface Pending {
  row: OpinionTable;
  throttle: Throttle;
  resolve: (o: IntakeOutcome) => void;
  reject: (e: unknown) => void;
}

/** Adds the batch's attempts to the rate counters in one statement; judges each submission by its running count, in arrival order. */
async function count(conn: Conn, batch: readonly Pending[]): Promise<IntakeOutcome[]> {
  const totals = await hit(conn, batch.flatMap((p) => [
    { key: p.throttle.ipKey, until: p.throttle.ipUntil },
    { key: p.throttle.phoneKey, until: p.throttle.phoneUntil },
  ]));
  // Totals after the batch, minus the batch's own attempts: the count before it.
  const running = new Map<string, number>();
  for (const p of batch) for (const key of [p.throttle.ipKey, p.throttle.phoneKey]) running.set(key, (running.get(key) ?? totals.get(key)?.n ?? 0) - 1);
  return batch.map((p) => {
    const nIp = (running.get(p.throttle.ipKey) ?? 0) + 1;
    const nPhone = (running.get(p.throttle.phoneKey) ?? 0) + 1;
    running.set(p.throttle.ipKey, nIp);
    running.set(p.throttle.phoneKey, nPhone);
    if (nIp > p.throttle.perIp) return 'throttled_ip';
    if (nPhone > p.throttle.perPhone) return 'throttled_phone';
    return 'stored';
  });
}

async function store(ctx: Ctx, rows: OpinionTable[]): Promise<void> {
  await runCommand({ ...ctx, actor: PUBLIC }, async (tx, rec) => {
    await tx.insertInto('opinions').values(rows).execute();
    const byCongress = new Map<string, OpinionTable[]>();
    for (const r of rows) byCongress.set(r.congress_id, [...(byCongress.get(r.congress_id) ?? []), r]);
    // The audit trail names the opinions, never the citizens.
    for (const [congressId, list] of byCongress) {
      const first = list[0];
      if (list.length === 1 && first) rec.audit({ congressId, action: 'opinion.submitted', targetType: 'opinion', targetId: first.id, data: { channel: first.channel, stationId: first.station_id } });
      else rec.audit({ congressId, action: 'opinion.submitted', targetType: 'opinion_batch', data: { opinions: list.map((o) => ({ id: o.id, channel: o.channel, stationId: o.station_id })) } });
    }
  });
}

/** Counts the batch's attempts, refuses those over a limit, stores the rest in one transaction. */
async function writeBatch(ctx: Ctx, batch: Pending[]): Promise<void> {
  const outcomes = await count(ctx.db, batch);
  const accepted = batch.filter((_, i) => outcomes[i] === 'stored');
  batch.forEach((p, i) => {
    const o = outcomes[i] ?? 'stored';
    if (o !== 'stored') p.resolve(o);
  });
  if (accepted.length === 0) return;
  try {
    await store(ctx, accepted.map((p) => p.row));
    for (const p of accepted) p.resolve('stored');
  } catch (e) {
    if (accepted.length === 1) throw e;
    for (const p of accepted) {
      try {
        // A fresh tracking code, in case the shared failure was a (very unlikely) collision.
        p.row.tracking_code = trackingCodeFrom(randomBytes(8));
        await store(ctx, [p.row]);
        p.resolve('stored');
      } catch (e2) {
        p.reject(e2);
      }
    }
  }
}

const writers = new WeakMap<Db, GroupCommit<Pending>>();

/** Counts the attempt, then stores the submission with the others waiting; resolves once decided and, if stored, committed. */
export function writeSubmission(ctx: Ctx, row: OpinionTable, throttle: Throttle): Promise<IntakeOutcome> {
  let w = writers.get(ctx.db);
  if (!w) {
    const writeCtx: Ctx = { db: ctx.db, hub: ctx.hub, actor: PUBLIC };
    writers.set(ctx.db, (w = new GroupCommit((batch) => writeBatch(writeCtx, batch), MAX_BATCH)));
  }
  const writer = w;
  return new Promise((resolve, reject) => {
    writer.add({ row, throttle, resolve, reject });
  });
}

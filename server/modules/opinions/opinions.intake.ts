import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/access.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { Conn, Db } from '../../platform/db.ts';
import { GroupCommit } from '../../platform/group-commit.ts';
import type { OpinionTable } from '../../platform/schema.ts';
import { trackingCodeFrom } from './opinions.rules.ts';

// Writing citizens' submissions with group commit. Each submission is acknowledged (its tracking
// code returned) only after the transaction holding it has committed, so nothing acknowledged is
// ever lost and nothing half-written is ever kept. While one batch is being written, submissions
// that arrive queue up and go into the next one together: under load a transaction carries many
// opinions and one audit entry naming them all; when idle each is written at once (no added wait).
//
// Throttling is decided here too, per batch: one statement adds the batch's attempts to the
// per-source counters (shared by all processes through the database) and returns the totals; the
// submissions over a limit are refused, the others written. A failing batch is retried one opinion
// at a time, so one bad row fails only its own request.

const MAX_BATCH = 250; // 32 columns × 250 rows stays under the databases' parameter limits
const PUBLIC: Actor = { kind: 'public', ip: null };

export interface Throttle {
  ipKey: string;
  ipWindow: string;
  perIp: number;
  phoneKey: string;
  phoneWindow: string;
  perPhone: number;
}
export type IntakeOutcome = 'stored' | 'throttled_ip' | 'throttled_phone';

interface Pending {
  row: OpinionTable;
  throttle: Throttle;
  resolve: (o: IntakeOutcome) => void;
  reject: (e: unknown) => void;
}

/** Adds each key's attempts in the batch to its counter; returns each submission's running count per key. */
async function count(conn: Conn, batch: readonly Pending[]): Promise<IntakeOutcome[]> {
  const adds = new Map<string, { key: string; window_start: string; n: number }>();
  const add = (key: string, window: string) => {
    const id = `${key}\u0000${window}`;
    const e = adds.get(id);
    if (e) e.n++;
    else adds.set(id, { key, window_start: window, n: 1 });
  };
  for (const p of batch) {
    add(p.throttle.ipKey, p.throttle.ipWindow);
    add(p.throttle.phoneKey, p.throttle.phoneWindow);
  }
  const rows = await conn
    .insertInto('intake_counters')
    .values([...adds.values()])
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ n: eb('intake_counters.n', '+', eb.ref('excluded.n')) })))
    .returning(['key', 'window_start', 'n'])
    .execute();
  // Totals after the batch, minus the batch's own attempts: the count before it; then in arrival order.
  const running = new Map<string, number>();
  for (const r of rows) running.set(`${r.key}\u0000${r.window_start}`, r.n - (adds.get(`${r.key}\u0000${r.window_start}`)?.n ?? 0));
  return batch.map((p) => {
    const ip = `${p.throttle.ipKey}\u0000${p.throttle.ipWindow}`;
    const phone = `${p.throttle.phoneKey}\u0000${p.throttle.phoneWindow}`;
    const nIp = (running.get(ip) ?? 0) + 1;
    const nPhone = (running.get(phone) ?? 0) + 1;
    running.set(ip, nIp);
    running.set(phone, nPhone);
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

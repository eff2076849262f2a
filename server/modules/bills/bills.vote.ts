import type { z } from 'zod';
import type { RecordBillVote } from '../../../contracts/bills.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { Conn } from '../../platform/db.ts';
import { DomainError, errors } from '../../platform/errors.ts';
import type { App, Deps } from '../../platform/http.ts';
import type { BillTable, PollTable } from '../../platform/schema.ts';
import { SYSTEM_ACTOR } from '../imports/import-fixture.ts';
import { recordPassedText } from '../legislation/legislation.passed.ts';
import { resultOf } from '../polls/polls.queries.ts';
import { addAction, billFor, emitBill, inTx } from './bills.commands.ts';
import { moveBill } from './bills.repo.ts';
import { billsPolicy } from './bills.policy.ts';
import type { BillKind } from './bills.rules.ts';
import { type PollOutcome, type ReadingStage, billResultFromPolls, checkVotable, missingStatements } from './readings.rules.ts';

// The vote on a bill is never typed in: it is read from the stored result of the poll(s) on the
// bill's agenda item (R-V6, R-V5) when they close. A subscriber to the polls' change notices records
// it at once; the follow-up job and the office's "record the vote" action catch up on any notice a
// restart lost. Recording is idempotent: only a bill still on the agenda (placed) takes a result.

const pollsOnItem = (conn: Conn, congressId: string, agendaItemId: string): Promise<PollTable[]> =>
  conn.selectFrom('polls').selectAll().where('congress_id', '=', congressId).where('agenda_item_id', '=', agendaItemId).orderBy('created_at').execute();

async function outcomeOf(conn: Conn, p: PollTable): Promise<PollOutcome & { yes?: number; no?: number; abstain?: number }> {
  const r = await resultOf(conn, p);
  return {
    status: r.status,
    ...('passed' in r ? { passed: r.passed, yes: r.yes, no: r.no, abstain: r.abstain } : {}),
    ...('candidates' in r && r.candidates ? { candidates: r.candidates.map((c) => ({ name: c.name, passed: c.passed })) } : {}),
  };
}

export async function readingsOf(conn: Conn, b: Pick<BillTable, 'id' | 'congress_id'>): Promise<ReadingStage[]> {
  const rows = await conn.selectFrom('bill_readings').select('stage').where('congress_id', '=', b.congress_id).where('bill_id', '=', b.id).orderBy('seq').execute();
  return rows.map((r) => r.stage);
}

export async function statementNames(conn: Conn, b: Pick<BillTable, 'id' | 'congress_id'>): Promise<string[]> {
  const rows = await conn.selectFrom('appointment_statements').select('name').where('congress_id', '=', b.congress_id).where('bill_id', '=', b.id).execute();
  return rows.map((r) => r.name);
}

const notOnAgenda = () => errors.conflict('NOT_ON_AGENDA', '该议案尚未列为会议议题，无表决可记录', 'The bill is not an item of a meeting’s agenda; there is no vote to record', 'R-V6');

/** Records the vote of a placed bill from the closed polls on its agenda item; refuses with the rule otherwise. */
async function applyVote(ctx: Ctx, found: Pick<BillTable, 'id' | 'congress_id'>, pollId?: string): Promise<void> {
  await runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    if (b.state !== 'placed') throw errors.conflict('INVALID_TRANSITION', '议案不在待表决状态', `A bill in state ${b.state} takes no vote`, 'R-V6');
    if (!b.agenda_item_id) throw notOnAgenda();
    const polls = await pollsOnItem(tx, b.congress_id, b.agenda_item_id);
    if (pollId && !polls.some((p) => p.id === pollId)) {
      throw errors.invalid('POLL_NOT_ON_ITEM', '该表决不是对本议案议题进行的', 'That poll was not taken on this bill’s agenda item', 'R-V6');
    }
    const outcomes: Awaited<ReturnType<typeof outcomeOf>>[] = [];
    for (const p of polls) outcomes.push(await outcomeOf(tx, p));
    const r = billResultFromPolls(outcomes);
    if (!r) throw errors.conflict('POLL_NOT_CLOSED', '对该议题的表决尚未结束', 'The vote on this item has not closed', 'R-V6');
    const persons = JSON.parse(b.materials) as { name: string; post?: string }[];
    checkVotable(b.kind as BillKind, await readingsOf(tx, b), missingStatements(persons, await statementNames(tx, b)));
    const last = polls.reduce((a, p) => ((p.closed_at ?? '') > (a.closed_at ?? '') ? p : a));
    const on = localDateOf(last.closed_at ?? nowIso());
    const whole = outcomes.find((o) => o.yes !== undefined);
    const counts = whole ? `（赞成${whole.yes ?? 0}票，反对${whole.no ?? 0}票，弃权${whole.abstain ?? 0}票）` : '';
    const names = [r.passedNames.length > 0 ? `通过：${r.passedNames.join('、')}` : '', r.failedNames.length > 0 ? `未通过：${r.failedNames.join('、')}` : ''].filter((x) => x !== '').join('；');
    await moveBill(tx, b, { state: r.result, poll_id: last.id, voted_on: on });
    await addAction(tx, b, on, '常委会全体会议', r.result === 'passed' ? 'passage' : 'failure', `${r.result === 'passed' ? '表决通过' : '表决未通过'}${counts}${names ? `，${names}` : ''}`);
    rec.audit({ congressId: b.congress_id, action: 'bill.voted', targetType: 'bill', targetId: b.id, data: { result: r.result, pollIds: polls.map((p) => p.id), passed: r.passedNames, failed: r.failedNames } });
    // A regulation's voted text becomes its passed text and enters the meeting's record (§9).
    if (r.result === 'passed') await recordPassedText(tx, rec, b, on);
    emitBill(rec, b);
  });
}

/** The office's action: record the vote now from the poll on the item (the result comes from the poll, not from the caller). */
export async function recordBillVote(ctx: Ctx, billId: string, input: z.infer<typeof RecordBillVote>): Promise<void> {
  const b = await billFor(ctx, billId, billsPolicy.decide);
  await applyVote(ctx, b, input.pollId);
}

const system = (ctx: Pick<Ctx, 'db' | 'hub'>): Ctx => ({ db: ctx.db, hub: ctx.hub, actor: SYSTEM_ACTOR });

/** Votes of placed bills whose item polls have all closed: what the subscriber does for one poll, the job for all. */
export async function reconcileBillVotes(ctx: Pick<Ctx, 'db' | 'hub'>, opts: { congressId?: string; agendaItemId?: string } = {}): Promise<{ recorded: number; refused: { billId: string; code: string }[] }> {
  let q = ctx.db.selectFrom('bills').selectAll().where('state', '=', 'placed').where('agenda_item_id', 'is not', null);
  if (opts.congressId) q = q.where('congress_id', '=', opts.congressId);
  if (opts.agendaItemId) q = q.where('agenda_item_id', '=', opts.agendaItemId);
  const bills = await q.execute();
  const out = { recorded: 0, refused: [] as { billId: string; code: string }[] };
  for (const b of bills) {
    try {
      await applyVote(system(ctx), b);
      out.recorded += 1;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code !== 'POLL_NOT_CLOSED' && e.code !== 'INVALID_TRANSITION') out.refused.push({ billId: b.id, code: e.code });
    }
  }
  return out;
}

/**
 * Listens to the polls' change notices: when a poll on a bill's item closes, the bill's vote is
 * recorded. Notices are at-most-once; the follow-up job reconciles whatever a restart lost.
 */
export function subscribeBillVotes(app: App, deps: Deps): void {
  const unsubscribe = deps.hub.subscribe((e, meta) => {
    // The process that closed the poll records the vote; the others would only repeat it.
    if (meta.origin !== 'local' || e.topic !== 'poll' || !e.id || e.tally === true) return;
    const pollId = e.id;
    void (async () => {
      const p = await deps.handle.db.selectFrom('polls').select(['congress_id', 'agenda_item_id', 'state']).where('id', '=', pollId).executeTakeFirst();
      if (!p?.agenda_item_id || p.state !== 'closed') return;
      await reconcileBillVotes({ db: deps.handle.db, hub: deps.hub }, { congressId: p.congress_id, agendaItemId: p.agenda_item_id });
    })().catch((err: unknown) => {
      app.log.error(err, 'recording a bill vote from a poll failed');
    });
  });
  app.addHook('onClose', () => {
    unsubscribe();
    return Promise.resolve();
  });
}

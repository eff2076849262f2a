import type { z } from 'zod';
import type { Bill, BillAction, BillsQuery } from '../../../contracts/bills.ts';
import { authorize } from '../../platform/access.ts';
import type { Ctx } from '../../platform/command.ts';
import type { Conn } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import type { BillTable } from '../../platform/schema.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { billsPolicy } from './bills.policy.ts';
import { billNotFound, cosignerRows, findBill } from './bills.repo.ts';
import { type BillKind, type BillState, allowedActions, proposerName } from './bills.rules.ts';

async function toBill(conn: Conn, b: BillTable): Promise<Bill> {
  const cos = await cosignerRows(conn, b.congress_id, b.id);
  return {
    id: b.id,
    congressId: b.congress_id,
    kind: b.kind as BillKind,
    title: b.title,
    proposer: { type: b.proposer_type, organ: b.proposer_organ, name: proposerName({ type: b.proposer_type, organ: b.proposer_organ ?? undefined }) },
    cosigners: cos.map((c) => ({ personId: c.person_id, name: c.name, confirmed: c.confirmed_at !== null })),
    state: b.state as BillState,
    targetMeetingId: b.target_meeting_id,
    submittedOn: b.submitted_on,
    deadline: b.deadline,
    late: b.late === 1,
    lateOverride: b.late_override === 1,
    committee: b.committee,
    decisionNote: b.decision_note,
    persons: JSON.parse(b.materials) as Bill['persons'],
    allowedActions: allowedActions(b.state as BillState),
  };
}

async function billForRead(ctx: Ctx, billId: string): Promise<BillTable> {
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  const b = await findBill(ctx.db, billId);
  if (!b) throw billNotFound();
  authorize(ctx.actor, b.congress_id, billsPolicy.read(ctx.actor, b.congress_id), billNotFound);
  return b;
}

export async function getBill(ctx: Ctx, billId: string): Promise<Bill> {
  return toBill(ctx.db, await billForRead(ctx, billId));
}

export async function getBillHistory(ctx: Ctx, billId: string): Promise<z.infer<typeof BillAction>[]> {
  const b = await billForRead(ctx, billId);
  const rows = await ctx.db.selectFrom('bill_actions').selectAll().where('congress_id', '=', b.congress_id).where('bill_id', '=', b.id).orderBy('seq').execute();
  return rows.map((r) => ({ date: r.date, organization: r.organization, classification: r.classification, description: r.description }));
}

export async function listBills(ctx: Ctx, congressId: string, q: z.infer<typeof BillsQuery>): Promise<Bill[]> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, billsPolicy.read(ctx.actor, c.id));
  let query = ctx.db.selectFrom('bills').selectAll().where('congress_id', '=', c.id);
  if (q.state) query = query.where('state', '=', q.state);
  if (q.meetingId) query = query.where('target_meeting_id', '=', q.meetingId);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  const out: Bill[] = [];
  for (const r of rows) out.push(await toBill(ctx.db, r));
  return out;
}

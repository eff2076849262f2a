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
import { type PresenterRole, READING_ZH, missingStatements } from './readings.rules.ts';

async function toBill(conn: Conn, b: BillTable): Promise<Bill> {
  const cos = await cosignerRows(conn, b.congress_id, b.id);
  const persons = JSON.parse(b.materials) as Bill['persons'];
  const readings = await conn.selectFrom('bill_readings').selectAll().where('congress_id', '=', b.congress_id).where('bill_id', '=', b.id).orderBy('seq').execute();
  const statements = await conn.selectFrom('appointment_statements').selectAll().where('congress_id', '=', b.congress_id).where('bill_id', '=', b.id).orderBy('date').orderBy('created_at').execute();
  const outcomes = await conn.selectFrom('outcome_documents').selectAll().where('congress_id', '=', b.congress_id).where('bill_id', '=', b.id).orderBy('created_at').execute();
  const joint = b.joint_explanation_id
    ? await conn.selectFrom('bills').select(['id', 'title']).where('congress_id', '=', b.congress_id).where('joint_explanation_id', '=', b.joint_explanation_id).where('id', '!=', b.id).orderBy('created_at').orderBy('id').execute()
    : [];
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
    persons,
    allowedActions: allowedActions(b.state as BillState, b.kind as BillKind),
    agendaItemId: b.agenda_item_id,
    pollId: b.poll_id,
    votedOn: b.voted_on,
    presenter: b.presenter && b.presenter_role ? { name: b.presenter, post: b.presenter_post, role: b.presenter_role as PresenterRole, mode: b.presenter_mode === 'written' ? 'written' : 'oral' } : null,
    jointExplanation: b.joint_explanation_id && joint.length > 0 ? { id: b.joint_explanation_id, bills: joint.map((j) => ({ id: j.id, title: j.title })) } : null,
    readings: readings.map((r) => ({ stage: r.stage, stageZh: READING_ZH[r.stage], date: r.date, meetingId: r.meeting_id, body: r.body, note: r.note })),
    statements: statements.map((s) => ({ name: s.name, date: s.date, meetingId: s.meeting_id, summary: s.summary })),
    statementsMissing: b.kind === 'personnel' ? missingStatements(persons, statements.map((s) => s.name)) : [],
    outcomes: outcomes.map((o) => ({ id: o.id, kind: o.kind, docNo: o.doc_no, title: o.title, date: o.date })),
    approval: { approvedOn: b.approved_on, body: b.approval_body, promulgatedOn: b.promulgated_on, announcementNo: b.announcement_no },
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

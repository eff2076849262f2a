import type { z } from 'zod';
import type { IssueOutcome, LinkAgendaItem, Promulgate, RecordApproval, RecordReading, RecordStatement, ReportForApproval, SetPresenter } from '../../../contracts/bills.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import { forUpdate } from '../../platform/guard.ts';
import type { BillTable } from '../../platform/schema.ts';
import { addAction, billFor, emitBill, inTx, targetMeeting } from './bills.commands.ts';
import { billNotFound, moveBill } from './bills.repo.ts';
import { billsPolicy } from './bills.policy.ts';
import { type BillKind, type BillState, ACTION_CLASSIFICATION, nextBillState } from './bills.rules.ts';
import {
  type JointBill,
  PRESENTER_CLOSED_STATES,
  PRESENTER_ZH,
  READING_ZH,
  checkApprovalKind,
  checkJointExplanation,
  checkOutcome,
  checkPresenter,
  checkReading,
  formatDocNumber,
  nextDocNumber,
} from './readings.rules.ts';
import { readingsOf } from './bills.vote.ts';

// After placement: the agenda item, the presenter (R-B5), readings (R-B6), statements before
// appointment (R-B4), numbered outcome documents, provincial approval and promulgation (R-B7).

const ON_AGENDA: readonly string[] = ['placed', 'held'];

/** Links a placed bill to an item already on its meeting's agenda (e.g. one the plenary added by adjustment). */
export async function linkBillAgendaItem(ctx: Ctx, billId: string, input: z.infer<typeof LinkAgendaItem>): Promise<void> {
  const found = await billFor(ctx, billId, billsPolicy.decide);
  await runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    if (!ON_AGENDA.includes(b.state)) throw errors.conflict('INVALID_TRANSITION', '只有列入议程的议案才能关联议题', 'Only a bill placed on the agenda is linked to an agenda item', 'R-B1');
    // The item is locked too: two bills linked to one item at once would both find it free.
    const item = await forUpdate(tx, tx.selectFrom('agenda_items').select(['id', 'meeting_id', 'status']).where('congress_id', '=', b.congress_id).where('id', '=', input.agendaItemId)).executeTakeFirst();
    if (!item || item.status === 'removed') throw errors.notFound('Agenda item', '该议题');
    if (b.target_meeting_id && item.meeting_id !== b.target_meeting_id) {
      throw errors.invalid('ITEM_OF_ANOTHER_MEETING', '该议题不属于议案拟提请的会议', 'The item belongs to another meeting than the bill’s', 'R-B1');
    }
    const taken = await tx.selectFrom('bills').select('id').where('congress_id', '=', b.congress_id).where('agenda_item_id', '=', item.id).where('id', '!=', b.id).executeTakeFirst();
    if (taken) throw errors.conflict('ITEM_TAKEN', '该议题已关联其他议案', 'Another bill is linked to that item');
    await moveBill(tx, b, { agenda_item_id: item.id, target_meeting_id: item.meeting_id });
    rec.audit({ congressId: b.congress_id, action: 'bill.agenda_item_linked', targetType: 'bill', targetId: b.id, data: { before: b.agenda_item_id, after: item.id } });
    emitBill(rec, b);
  });
}

/**
 * Names who explains the bill (R-B5). With `jointWith`, related bills are explained together: one
 * explanation, one presenter, recorded on each bill and linked by one joint-explanation id. Naming a
 * presenter for one bill alone takes it out of any joint explanation it was in.
 */
export async function setBillPresenter(ctx: Ctx, billId: string, input: z.infer<typeof SetPresenter>): Promise<void> {
  const found = await billFor(ctx, billId, billsPolicy.register);
  const mode = input.mode ?? 'oral';
  checkPresenter(found.proposer_type, found.proposer_organ, { role: input.role, mode });
  await runCommand(ctx, async (tx, rec) => {
    // Every bill of the explanation is locked, in id order so that two joint explanations cannot deadlock.
    const ids = [...new Set([found.id, ...(input.jointWith ?? [])])].sort();
    const locked = new Map<string, BillTable>();
    for (const id of ids) {
      const o = await forUpdate(tx, tx.selectFrom('bills').selectAll().where('congress_id', '=', found.congress_id).where('id', '=', id)).executeTakeFirst();
      if (!o) throw billNotFound(); // another congress's bill is not disclosed
      locked.set(id, o);
    }
    const b = locked.get(found.id) ?? found;
    if (PRESENTER_CLOSED_STATES.includes(b.state)) {
      throw errors.conflict('INVALID_TRANSITION', '议案已结束审议，不能再指定说明人', 'The bill is no longer under deliberation', 'R-B5');
    }
    const others = (input.jointWith ?? []).map((id) => locked.get(id) ?? b);
    const asJoint = (x: BillTable): JointBill => ({ id: x.id, state: x.state, targetMeetingId: x.target_meeting_id, proposerType: x.proposer_type, proposerOrgan: x.proposer_organ });
    checkJointExplanation(asJoint(b), others.map(asJoint), { role: input.role, mode });
    const group = others.length > 0 ? newId() : null;
    const all = [b, ...others];
    const at = nowIso();
    for (const x of all) {
      await moveBill(tx, x, { presenter: input.name, presenter_post: input.post ?? null, presenter_role: input.role, presenter_mode: mode, joint_explanation_id: group });
      if (x.agenda_item_id) {
        await tx.updateTable('agenda_items').set({ presenter: input.name, presenter_post: input.post ?? null }).where('congress_id', '=', x.congress_id).where('id', '=', x.agenda_item_id).execute();
      }
      const jointWith = all.filter((y) => y.id !== x.id).map((y) => y.id);
      rec.audit({
        congressId: x.congress_id,
        action: 'bill.presenter_set',
        targetType: 'bill',
        targetId: x.id,
        data: { name: input.name, post: input.post ?? null, role: input.role, mode, roleZh: PRESENTER_ZH[input.role], jointExplanationId: group, jointWith, before: x.joint_explanation_id },
      });
      emitBill(rec, x);
    }
    // A joint explanation that these bills left and that now covers one bill only is no longer joint.
    for (const old of new Set(all.map((x) => x.joint_explanation_id).filter((g): g is string => g !== null && g !== group))) {
      const left = await tx.selectFrom('bills').select(['id', 'congress_id']).where('congress_id', '=', b.congress_id).where('joint_explanation_id', '=', old).execute();
      const [last] = left;
      if (last && left.length === 1) {
        await tx.updateTable('bills').set({ joint_explanation_id: null, updated_at: at }).where('id', '=', last.id).execute();
        emitBill(rec, last);
      }
    }
  });
}

export async function recordBillReading(ctx: Ctx, billId: string, input: z.infer<typeof RecordReading>): Promise<void> {
  const found = await billFor(ctx, billId, billsPolicy.decide);
  await runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    if (!ON_AGENDA.includes(b.state) && b.state !== 'referred') throw errors.conflict('INVALID_TRANSITION', '议案不在审议中', `A bill in state ${b.state} is not under deliberation`, 'R-B6');
    const done = await readingsOf(tx, b);
    checkReading(b.kind as BillKind, done, input.stage);
    if (input.meetingId) await targetMeeting(tx, b.congress_id, input.meetingId);
    const body = input.body ?? (input.stage === 'legal_review' ? '法制委员会' : '常委会全体会议');
    await tx
      .insertInto('bill_readings')
      .values({ id: newId(), congress_id: b.congress_id, bill_id: b.id, seq: done.length + 1, stage: input.stage, meeting_id: input.meetingId ?? null, date: input.date, body, note: input.note ?? null, created_at: nowIso() })
      .execute();
    const classification = input.stage === 'legal_review' ? 'committee-passage' : done.length === 0 ? 'reading-1' : 'reading-2';
    await addAction(tx, b, input.date, body, classification, `${READING_ZH[input.stage]}${input.note ? `：${input.note}` : ''}`);
    rec.audit({ congressId: b.congress_id, action: 'bill.reading', targetType: 'bill', targetId: b.id, data: input });
    emitBill(rec, b);
  });
}

export async function recordAppointmentStatement(ctx: Ctx, billId: string, input: z.infer<typeof RecordStatement>): Promise<void> {
  const found = await billFor(ctx, billId, billsPolicy.register);
  await runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    if (b.kind !== 'personnel') throw errors.invalid('NOT_A_PERSONNEL_BILL', '任职前发言只适用于人事任免议案', 'Statements before appointment belong to personnel bills', 'R-B4');
    const persons = JSON.parse(b.materials) as { name: string }[];
    if (!persons.some((p) => p.name === input.name)) throw errors.invalid('NOT_A_NOMINEE', `${input.name}不是本议案的拟任人员`, `${input.name} is not a nominee of this bill`, 'R-B4');
    const dup = await tx.selectFrom('appointment_statements').select('id').where('congress_id', '=', b.congress_id).where('bill_id', '=', b.id).where('name', '=', input.name).executeTakeFirst();
    if (dup) throw errors.conflict('STATEMENT_RECORDED', '该人员的任职前发言已经记录', 'This nominee’s statement is already on record', 'R-B4');
    if (input.meetingId) await targetMeeting(tx, b.congress_id, input.meetingId);
    await tx
      .insertInto('appointment_statements')
      .values({ id: newId(), congress_id: b.congress_id, bill_id: b.id, name: input.name, meeting_id: input.meetingId ?? null, date: input.date, summary: input.summary ?? null, created_at: nowIso() })
      .execute();
    await addAction(tx, b, input.date, input.name, 'statement', `${input.name}作任职前发言`);
    rec.audit({ congressId: b.congress_id, action: 'bill.statement', targetType: 'bill', targetId: b.id, data: { name: input.name, date: input.date } });
    emitBill(rec, b);
  });
}

/** A resolution or decision numbered in its series and year: 鹤常〔2025〕3号. The series is the last one used unless named. */
export async function issueOutcomeDocument(ctx: Ctx, billId: string, input: z.infer<typeof IssueOutcome>): Promise<string> {
  const found = await billFor(ctx, billId, billsPolicy.register);
  return runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    checkOutcome(b.state);
    // Numbers are taken one at a time per congress: the congress row is the lock (the unique index is the backstop).
    await forUpdate(tx, tx.selectFrom('congresses').select('id').where('id', '=', b.congress_id)).execute();
    const lastSeries = await tx.selectFrom('outcome_documents').select('series').where('congress_id', '=', b.congress_id).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    const series = input.series ?? lastSeries?.series;
    if (!series) throw errors.invalid('SERIES_REQUIRED', '请填写发文字号的代字（如“鹤常”）', 'Name the document series (e.g. 鹤常)');
    const year = Number(input.date.slice(0, 4));
    const taken = await tx.selectFrom('outcome_documents').select('number').where('congress_id', '=', b.congress_id).where('series', '=', series).where('year', '=', year).execute();
    const number = nextDocNumber(taken.map((t) => t.number));
    const docNo = formatDocNumber(series, year, number);
    const title = input.title ?? b.title.replace(/（草案）$/, '');
    const id = newId();
    // The unique index on (congress, series, year, number) refuses a second number taken at the same time.
    await tx.insertInto('outcome_documents').values({ id, congress_id: b.congress_id, bill_id: b.id, kind: input.kind, series, year, number, doc_no: docNo, title, date: input.date, created_at: nowIso() }).execute();
    await addAction(tx, b, input.date, '常委会办公室', 'publication', `印发${input.kind === 'resolution' ? '决议' : '决定'}《${title}》（${docNo}）`);
    rec.audit({ congressId: b.congress_id, action: 'bill.outcome_issued', targetType: 'bill', targetId: b.id, data: { docNo, kind: input.kind, title } });
    emitBill(rec, b);
    return id;
  });
}

async function approvalStep(ctx: Ctx, billId: string, action: 'reportForApproval' | 'recordApproval' | 'promulgate', date: string, patch: Record<string, string>, description: string, organization: string): Promise<void> {
  const found = await billFor(ctx, billId, billsPolicy.register);
  checkApprovalKind(found.kind as BillKind);
  await runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    const state = nextBillState(b.state as BillState, action);
    await moveBill(tx, b, { ...patch, state });
    await addAction(tx, b, date, organization, ACTION_CLASSIFICATION[action], description);
    rec.audit({ congressId: b.congress_id, action: `bill.${action}`, targetType: 'bill', targetId: b.id, data: { before: b.state, after: state, date, ...patch } });
    emitBill(rec, b);
  });
}

export const reportBillForApproval = (ctx: Ctx, billId: string, input: z.infer<typeof ReportForApproval>) =>
  approvalStep(ctx, billId, 'reportForApproval', input.date, {}, '报请省人民代表大会常务委员会批准', '常委会');
export const recordBillApproval = (ctx: Ctx, billId: string, input: z.infer<typeof RecordApproval>) =>
  approvalStep(ctx, billId, 'recordApproval', input.date, { approved_on: input.date, approval_body: input.body }, `${input.body}批准`, input.body);
export const promulgateBill = (ctx: Ctx, billId: string, input: z.infer<typeof Promulgate>) =>
  approvalStep(ctx, billId, 'promulgate', input.date, { promulgated_on: input.date, announcement_no: input.announcementNo }, `常委会公告（${input.announcementNo}）公布施行`, '常委会');

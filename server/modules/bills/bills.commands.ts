import type { z } from 'zod';
import type { CreateBill, DecideBill, HoldBill, SendBackBill, WithdrawBill } from '../../../contracts/bills.ts';
import { authorize } from '../../platform/access.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, type Recorder, runCommand } from '../../platform/command.ts';
import type { Tx } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import type { AgendaItemTable, BillTable } from '../../platform/schema.ts';
import { loadProfile, requireCongress } from '../congress/congress.repo.ts';
import { agendaItems, lockMeetingIn } from '../meetings/meetings.repo.ts';
import { billsPolicy } from './bills.policy.ts';
import { billNotFound, cosignerRows, findBill, lockBill, moveBill, nextActionSeq, standingMembersOn } from './bills.repo.ts';
import {
  ACTION_CLASSIFICATION,
  type BillAction,
  type BillKind,
  type BillState,
  checkCosignersConfirmed,
  checkDeadline,
  checkMaterials,
  checkNotPlace,
  checkPlaceable,
  checkProposer,
  nextBillState,
  proposerName,
} from './bills.rules.ts';

const today = (): string => localDateOf(nowIso());

export async function addAction(tx: Tx, bill: Pick<BillTable, 'id' | 'congress_id'>, date: string, organization: string, classification: string, description: string): Promise<void> {
  await tx
    .insertInto('bill_actions')
    .values({ id: newId(), congress_id: bill.congress_id, bill_id: bill.id, seq: await nextActionSeq(tx, bill.id), date, organization, classification, description, created_at: nowIso() })
    .execute();
}

/**
 * The scoped lookup: 404 for a bill of a congress where the actor has no role, 403 without the right.
 * It only authorizes: the command decides on the bill as its transaction reads it (`inTx`).
 */
export async function billFor(ctx: Ctx, billId: string, allowed: (a: Ctx['actor'], c: string) => boolean): Promise<BillTable> {
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  const b = await findBill(ctx.db, billId);
  if (!b) throw billNotFound();
  authorize(ctx.actor, b.congress_id, allowed(ctx.actor, b.congress_id), billNotFound);
  return b;
}

/** The bill inside the command's transaction (locked on PostgreSQL): what the command decides on. */
export const inTx = (tx: Tx, b: Pick<BillTable, 'id' | 'congress_id'>): Promise<BillTable> => lockBill(tx, b.congress_id, b.id);

export async function targetMeeting(tx: Tx, congressId: string, meetingId: string | undefined | null) {
  if (!meetingId) return null;
  const m = await tx.selectFrom('meetings').select(['id', 'kind', 'date', 'state', 'agenda_adopted_at']).where('congress_id', '=', congressId).where('id', '=', meetingId).executeTakeFirst();
  if (!m) throw errors.notFound('Meeting', '该会议');
  return m;
}

export function emitBill(rec: Recorder, b: Pick<BillTable, 'id' | 'congress_id'>): void {
  rec.emit({ topic: 'bill', congressId: b.congress_id, id: b.id });
}

export async function createBill(ctx: Ctx, input: z.infer<typeof CreateBill>): Promise<string> {
  const c = await requireCongress(ctx.db, input.congressId);
  authorize(ctx.actor, c.id, billsPolicy.register(ctx.actor, c.id));
  const profile = await loadProfile(ctx.db, c.id);
  const first = checkProposer(input.proposer, profile);
  checkMaterials(input.kind, input.persons);
  const submittedOn = input.submittedOn ?? today();
  return runCommand(ctx, async (tx, rec) => {
    const meeting = await targetMeeting(tx, c.id, input.targetMeetingId);
    const cosigners = input.proposer.type === 'members' ? (input.proposer.cosigners ?? []) : [];
    if (cosigners.length > 0) {
      const members = await standingMembersOn(tx, c.id, submittedOn);
      const outsiders = cosigners.filter((p) => !members.has(p));
      if (outsiders.length > 0) {
        throw errors.invalid('COSIGNER_NOT_MEMBER', '联名人须为常委会组成人员（议事规则第十七条）', 'Every co-signer must be a member of the Standing Committee (art. 17)', 'R-B1', { personIds: outsiders });
      }
    }
    // A joint bill is received when its signers have confirmed; the deadline is checked then.
    const dl = first === 'awaiting_cosigners' ? { deadline: null, late: false } : checkDeadline(input.kind, meeting, submittedOn, profile);
    const at = nowIso();
    const row: BillTable = {
      id: newId(),
      congress_id: c.id,
      kind: input.kind,
      title: input.title,
      proposer_type: input.proposer.type,
      proposer_organ: input.proposer.organ ?? null,
      state: first,
      target_meeting_id: meeting?.id ?? null,
      submitted_on: first === 'awaiting_cosigners' ? null : submittedOn,
      deadline: dl.deadline,
      late: dl.late ? 1 : 0,
      late_override: 0,
      committee: null,
      decision_note: null,
      materials: JSON.stringify(input.persons ?? []),
      created_at: at,
      updated_at: at,
      agenda_item_id: null,
      poll_id: null,
      voted_on: null,
      presenter: null,
      presenter_post: null,
      presenter_role: null,
      presenter_mode: null,
      approved_on: null,
      approval_body: null,
      promulgated_on: null,
      announcement_no: null,
      joint_explanation_id: null,
    };
    await tx.insertInto('bills').values(row).execute();
    if (cosigners.length > 0) {
      await tx
        .insertInto('bill_cosigners')
        .values(cosigners.map((p, i) => ({ bill_id: row.id, congress_id: c.id, person_id: p, position: i + 1, confirmed_at: null })))
        .execute();
    }
    const who = proposerName(input.proposer);
    await addAction(tx, row, submittedOn, who, ACTION_CLASSIFICATION.introduce, `${who}提出《${input.title}》${dl.late ? '（逾期送达）' : ''}`);
    if (first === 'placed') {
      await addAction(tx, row, submittedOn, '主任会议', ACTION_CLASSIFICATION.place, '主任会议提出，直接列入会议议程');
      if (meeting) await putOnAgenda(tx, rec, row, meeting);
    }
    rec.audit({ congressId: c.id, action: 'bill.created', targetType: 'bill', targetId: row.id, data: { kind: input.kind, proposer: input.proposer, late: dl.late, state: first } });
    emitBill(rec, row);
    return row.id;
  });
}

export async function confirmCosign(ctx: Ctx, billId: string): Promise<void> {
  const found = await billFor(ctx, billId, billsPolicy.cosign);
  const personId = ctx.actor.kind === 'user' ? ctx.actor.personId : null;
  await runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    const row = await tx.selectFrom('bill_cosigners').selectAll().where('congress_id', '=', b.congress_id).where('bill_id', '=', b.id).where('person_id', '=', personId ?? '').executeTakeFirst();
    if (!row) throw errors.forbidden();
    if (b.state !== 'awaiting_cosigners') throw errors.conflict('INVALID_TRANSITION', '议案已提出，无需再确认联名', 'The bill has already been submitted', 'R-B1');
    if (row.confirmed_at) throw errors.conflict('ALREADY_CONFIRMED', '您已确认联名', 'You have already confirmed', 'R-B1');
    await tx.updateTable('bill_cosigners').set({ confirmed_at: nowIso() }).where('bill_id', '=', b.id).where('person_id', '=', row.person_id).execute();
    const name = (await tx.selectFrom('people').select('name').where('id', '=', row.person_id).executeTakeFirst())?.name ?? '';
    await addAction(tx, b, today(), name, ACTION_CLASSIFICATION.cosign, `${name}确认联名`);
    rec.audit({ congressId: b.congress_id, action: 'bill.cosigned', targetType: 'bill', targetId: b.id, data: { personId: row.person_id } });
    emitBill(rec, b);
  });
}

export async function submitBill(ctx: Ctx, billId: string, submittedOn?: string): Promise<void> {
  const found = await billFor(ctx, billId, billsPolicy.register);
  const profile = await loadProfile(ctx.db, found.congress_id);
  const on = submittedOn ?? today();
  await runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    const state = nextBillState(b.state as BillState, 'submit');
    const confirmed = (await cosignerRows(tx, b.congress_id, b.id)).filter((r) => r.confirmed_at !== null).length;
    checkCosignersConfirmed(confirmed, profile);
    const dl = checkDeadline(b.kind as BillKind, await targetMeeting(tx, b.congress_id, b.target_meeting_id), on, profile);
    await moveBill(tx, b, { state, submitted_on: on, deadline: dl.deadline, late: dl.late ? 1 : 0 });
    await addAction(tx, b, on, '常委会办公室', ACTION_CLASSIFICATION.submit, `收到联名议案（${confirmed}人确认）${dl.late ? '，逾期送达' : ''}`);
    rec.audit({ congressId: b.congress_id, action: 'bill.submitted', targetType: 'bill', targetId: b.id, data: { confirmed, late: dl.late } });
    emitBill(rec, b);
  });
}

export async function decideBill(ctx: Ctx, billId: string, input: z.infer<typeof DecideBill>): Promise<void> {
  const found = await billFor(ctx, billId, billsPolicy.decide);
  const on = input.councilDate ?? today();
  await runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    const action: BillAction = input.decision;
    const state = nextBillState(b.state as BillState, action);
    const patch: Partial<BillTable> = { state };
    let description: string;
    switch (input.decision) {
      case 'place': {
        const override = input.overrideLate === true;
        checkPlaceable({ late: b.late === 1, lateOverride: b.late_override === 1 }, override);
        if (b.late === 1 && override) patch.late_override = 1;
        description = b.late === 1 && override ? '主任会议决定列入会议议程（逾期送达，经主任会议同意）' : '主任会议决定列入会议议程';
        break;
      }
      case 'refer':
        if (!input.committee) throw errors.invalid('COMMITTEE_REQUIRED', '请指定审议的专门委员会或工作机构', 'Name the committee that reports first', 'R-B1');
        patch.committee = input.committee;
        description = `主任会议决定交${input.committee}审议，提出报告后再决定是否列入议程`;
        break;
      case 'notPlace':
        checkNotPlace(b.proposer_type, input);
        patch.decision_note = input.note ?? null;
        description = `主任会议决定不列入会议议程（${input.handling === 'report' ? '向常委会全体会议报告' : input.handling === 'explanation' ? '向提案人说明' : '说明'}）：${input.note ?? ''}`;
        break;
    }
    await moveBill(tx, b, patch);
    await addAction(tx, b, on, '主任会议', ACTION_CLASSIFICATION[action], description);
    if (input.decision === 'place' && b.agenda_item_id === null) {
      const meeting = await targetMeeting(tx, b.congress_id, b.target_meeting_id);
      if (meeting) await putOnAgenda(tx, rec, b, meeting);
    }
    rec.audit({ congressId: b.congress_id, action: `bill.${action}`, targetType: 'bill', targetId: b.id, data: { before: b.state, after: state, ...input } });
    emitBill(rec, b);
  });
}

export async function withdrawBill(ctx: Ctx, billId: string, input: z.infer<typeof WithdrawBill>): Promise<void> {
  const found = await billFor(ctx, billId, billsPolicy.decide);
  await runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    const state = nextBillState(b.state as BillState, 'withdraw');
    await moveBill(tx, b, { state });
    await addAction(tx, b, input.councilConsentDate, '主任会议', ACTION_CLASSIFICATION.withdraw, `提案人要求撤回，经主任会议同意，对该议案的审议即行终止${input.reason ? `：${input.reason}` : ''}`);
    rec.audit({ congressId: b.congress_id, action: 'bill.withdrawn', targetType: 'bill', targetId: b.id, data: { before: b.state, ...input } });
    emitBill(rec, b);
  });
}

/** The council sends a held bill back to the vote (R-B10). */
export async function sendBackBill(ctx: Ctx, billId: string, input: z.infer<typeof SendBackBill>): Promise<void> {
  const found = await billFor(ctx, billId, billsPolicy.decide);
  await runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    const state = nextBillState(b.state as BillState, 'sendBack');
    await moveBill(tx, b, { state });
    await addAction(tx, b, input.councilDate, '主任会议', ACTION_CLASSIFICATION.sendBack, `${b.committee ?? '专门委员会'}审议后，主任会议决定提请表决${input.note ? `：${input.note}` : ''}`);
    rec.audit({ congressId: b.congress_id, action: 'bill.sent_back', targetType: 'bill', targetId: b.id, data: input });
    emitBill(rec, b);
  });
}

export async function holdBill(ctx: Ctx, billId: string, input: z.infer<typeof HoldBill>): Promise<void> {
  const found = await billFor(ctx, billId, billsPolicy.decide);
  await runCommand(ctx, async (tx, rec) => {
    const b = await inTx(tx, found);
    const state = nextBillState(b.state as BillState, 'hold');
    await moveBill(tx, b, { state, committee: input.committee, decision_note: input.reason });
    await addAction(tx, b, input.councilDate, '主任会议', ACTION_CLASSIFICATION.hold, `暂不付表决，交${input.committee}进一步审议：${input.reason}`);
    rec.audit({ congressId: b.congress_id, action: 'bill.held', targetType: 'bill', targetId: b.id, data: input });
    emitBill(rec, b);
  });
}

// ---- the agenda item (议程) ----------------------------------------------------------------------

const itemKindOf = (kind: string): AgendaItemTable['kind'] => (kind === 'personnel' ? 'personnel' : 'bill');

/**
 * A placed bill goes on its meeting's draft agenda as an item of its own, in the same transaction.
 * Once the plenary has adopted the agenda, an item is added only by an adjustment the plenary
 * approves (R-M5); the bill is then linked to that item with linkBillAgendaItem.
 */
async function putOnAgenda(tx: Tx, rec: Recorder, b: Pick<BillTable, 'id' | 'congress_id' | 'kind' | 'title' | 'proposer_type' | 'proposer_organ'>, target: { id: string }): Promise<void> {
  // The meeting is locked as the meetings module locks it for its own agenda edits.
  const meeting = await lockMeetingIn(tx, b.congress_id, target.id);
  if (meeting.state === 'closed' || meeting.agenda_adopted_at !== null) return;
  const items = await agendaItems(tx, b.congress_id, meeting.id);
  const id = newId();
  const proposer = proposerName({ type: b.proposer_type, organ: b.proposer_organ ?? undefined });
  await tx
    .insertInto('agenda_items')
    .values({
      id,
      congress_id: b.congress_id,
      meeting_id: meeting.id,
      position: items.length + 1,
      kind: itemKindOf(b.kind),
      title: `审议${proposer}提请审议的《${b.title.replace(/^《|》$/g, '')}》`,
      proposer,
      presenter: null,
      presenter_post: null,
      is_public: 1,
      status: 'proposed',
      outcome: 'pending',
      details: JSON.stringify({ billId: b.id }),
      created_at: nowIso(),
    })
    .execute();
  await tx.updateTable('bills').set({ agenda_item_id: id }).where('congress_id', '=', b.congress_id).where('id', '=', b.id).execute();
  rec.audit({ congressId: b.congress_id, action: 'agenda_item.added', targetType: 'agenda_item', targetId: id, data: { meetingId: meeting.id, billId: b.id } });
  rec.emit({ topic: 'meeting', congressId: b.congress_id, id: meeting.id });
}

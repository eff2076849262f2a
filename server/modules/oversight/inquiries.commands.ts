import type { z } from 'zod';
import type {
  ConcludeInvestigation,
  CreateInvestigation,
  CreateSpecialInquiry,
  Investigation,
  RecordInquiryQa,
  ReportInquiry,
  ReportInvestigation,
  SendInquiryOpinions,
  SpecialInquiry,
} from '../../../contracts/oversight.ts';
import { authorize } from '../../platform/access.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { Conn } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged, forUpdate } from '../../platform/guard.ts';
import type { InvestigationCommitteeTable, SpecialInquiryTable } from '../../platform/schema.ts';
import { loadProfile, requireCongress } from '../congress/congress.repo.ts';
import { checkInquiryProposer, checkInvestigationMembers, checkOpinionsSent, nextInquiryState, nextInvestigationState } from './inquiries.rules.ts';
import { oversightPolicy } from './oversight.policy.ts';

// Special inquiries and work evaluations (R-O5) and investigation committees (R-B11): commands and reads.

const inquiryNotFound = () => errors.notFound('Special inquiry', '该专题询问');
const investigationNotFound = () => errors.notFound('Investigation committee', '该调查委员会');

async function requireMeeting(conn: Conn, congressId: string, meetingId: string | undefined): Promise<void> {
  if (!meetingId) return;
  const m = await conn.selectFrom('meetings').select('id').where('congress_id', '=', congressId).where('id', '=', meetingId).executeTakeFirst();
  if (!m) throw errors.notFound('Meeting', '该会议');
}

export async function createSpecialInquiry(ctx: Ctx, congressId: string, input: z.infer<typeof CreateSpecialInquiry>): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  const signers = input.proposer.signers ?? [];
  checkInquiryProposer({ type: input.proposer.type, name: input.proposer.name, signers }, await loadProfile(ctx.db, c.id));
  return runCommand(ctx, async (tx, rec) => {
    await requireMeeting(tx, c.id, input.meetingId);
    const id = newId();
    await tx
      .insertInto('special_inquiries')
      .values({
        id,
        congress_id: c.id,
        kind: input.kind,
        topic: input.topic,
        proposer_type: input.proposer.type,
        proposer_name: input.proposer.name ?? null,
        signers: JSON.stringify(signers),
        meeting_id: input.meetingId ?? null,
        organs: JSON.stringify(input.organs ?? []),
        state: 'proposed',
        qa: '[]',
        opinions: '[]',
        due_date: null,
        report_text: null,
        reported_on: null,
        created_at: nowIso(),
      })
      .execute();
    rec.audit({ congressId: c.id, action: 'special_inquiry.proposed', targetType: 'special_inquiry', targetId: id, data: { topic: input.topic, proposer: input.proposer.type, signers: signers.length } });
    rec.emit({ topic: 'special_inquiry', congressId: c.id, id });
    return id;
  });
}

async function inquiryStep(ctx: Ctx, congressId: string, id: string, action: 'recordQa' | 'sendOpinions' | 'report', patch: (row: SpecialInquiryTable) => Partial<SpecialInquiryTable>): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    // Locked: recording questions and answers appends to what is there (held → held).
    const row = await forUpdate(tx, tx.selectFrom('special_inquiries').selectAll().where('congress_id', '=', c.id).where('id', '=', id)).executeTakeFirst();
    if (!row) throw inquiryNotFound();
    const state = nextInquiryState(row.state, action);
    expectChanged(await tx.updateTable('special_inquiries').set({ ...patch(row), state }).where('id', '=', row.id).where('state', '=', row.state).executeTakeFirst());
    rec.audit({ congressId: c.id, action: `special_inquiry.${action}`, targetType: 'special_inquiry', targetId: row.id, data: { before: row.state, after: state } });
    rec.emit({ topic: 'special_inquiry', congressId: c.id, id: row.id });
  });
}

export const recordInquiryQa = (ctx: Ctx, congressId: string, id: string, input: z.infer<typeof RecordInquiryQa>) =>
  inquiryStep(ctx, congressId, id, 'recordQa', (row) => ({ qa: JSON.stringify([...(JSON.parse(row.qa) as unknown[]), input]) }));

export async function sendInquiryOpinions(ctx: Ctx, congressId: string, id: string, input: z.infer<typeof SendInquiryOpinions>): Promise<void> {
  checkOpinionsSent(input.opinions, input.sentOn, input.dueDate);
  await inquiryStep(ctx, congressId, id, 'sendOpinions', () => ({ opinions: JSON.stringify(input.opinions.filter((o) => o.trim() !== '')), due_date: input.dueDate }));
}

export const reportInquiry = (ctx: Ctx, congressId: string, id: string, input: z.infer<typeof ReportInquiry>) =>
  inquiryStep(ctx, congressId, id, 'report', () => ({ report_text: input.text, reported_on: input.reportedOn }));

const toInquiry = (r: SpecialInquiryTable): z.infer<typeof SpecialInquiry> => ({
  id: r.id,
  kind: r.kind,
  topic: r.topic,
  proposer: { type: r.proposer_type, name: r.proposer_name, signers: JSON.parse(r.signers) as string[] },
  meetingId: r.meeting_id,
  organs: JSON.parse(r.organs) as string[],
  state: r.state,
  qa: JSON.parse(r.qa) as z.infer<typeof SpecialInquiry>['qa'],
  opinions: JSON.parse(r.opinions) as string[],
  dueDate: r.due_date,
  report: r.report_text && r.reported_on ? { text: r.report_text, reportedOn: r.reported_on } : null,
});

export async function listSpecialInquiries(ctx: Ctx, congressId: string): Promise<z.infer<typeof SpecialInquiry>[]> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.read(ctx.actor, c.id));
  const rows = await ctx.db.selectFrom('special_inquiries').selectAll().where('congress_id', '=', c.id).orderBy('created_at').orderBy('id').execute();
  return rows.map(toInquiry);
}

// ---- investigation committees (R-B11) ------------------------------------------------------------

export async function createInvestigation(ctx: Ctx, congressId: string, input: z.infer<typeof CreateInvestigation>): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  checkInvestigationMembers(input.chairId, input.memberIds);
  return runCommand(ctx, async (tx, rec) => {
    await requireMeeting(tx, c.id, input.meetingId);
    const people = await tx.selectFrom('people').select('id').where('congress_id', '=', c.id).where('id', 'in', input.memberIds).execute();
    if (people.length !== input.memberIds.length) throw errors.notFound('Person', '该人员');
    const id = newId();
    await tx
      .insertInto('investigation_committees')
      .values({
        id,
        congress_id: c.id,
        question: input.question,
        mandate: input.mandate,
        meeting_id: input.meetingId ?? null,
        established_on: input.establishedOn,
        chair_id: input.chairId,
        members: JSON.stringify(input.memberIds),
        state: 'established',
        report_text: null,
        reported_on: null,
        resolution_bill_id: null,
        created_at: nowIso(),
      })
      .execute();
    rec.audit({ congressId: c.id, action: 'investigation.established', targetType: 'investigation', targetId: id, data: { question: input.question, members: input.memberIds.length } });
    rec.emit({ topic: 'investigation', congressId: c.id, id });
    return id;
  });
}

async function investigationStep(ctx: Ctx, congressId: string, id: string, action: 'report' | 'conclude', patch: Partial<InvestigationCommitteeTable>): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const row = await tx.selectFrom('investigation_committees').selectAll().where('congress_id', '=', c.id).where('id', '=', id).executeTakeFirst();
    if (!row) throw investigationNotFound();
    const state = nextInvestigationState(row.state, action);
    if (patch.resolution_bill_id) {
      const bill = await tx.selectFrom('bills').select('id').where('congress_id', '=', c.id).where('id', '=', patch.resolution_bill_id).executeTakeFirst();
      if (!bill) throw errors.notFound('Bill', '该议案');
    }
    expectChanged(await tx.updateTable('investigation_committees').set({ ...patch, state }).where('id', '=', row.id).where('state', '=', row.state).executeTakeFirst());
    rec.audit({ congressId: c.id, action: `investigation.${action}`, targetType: 'investigation', targetId: row.id, data: { before: row.state, after: state } });
    rec.emit({ topic: 'investigation', congressId: c.id, id: row.id });
  });
}

export const reportInvestigation = (ctx: Ctx, congressId: string, id: string, input: z.infer<typeof ReportInvestigation>) =>
  investigationStep(ctx, congressId, id, 'report', { report_text: input.text, reported_on: input.reportedOn });
/** The Standing Committee acts on the report by a resolution: the bill that carries it (R-B11). */
export const concludeInvestigation = (ctx: Ctx, congressId: string, id: string, input: z.infer<typeof ConcludeInvestigation>) =>
  investigationStep(ctx, congressId, id, 'conclude', { resolution_bill_id: input.resolutionBillId });

export async function listInvestigations(ctx: Ctx, congressId: string): Promise<z.infer<typeof Investigation>[]> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.read(ctx.actor, c.id));
  const rows = await ctx.db.selectFrom('investigation_committees').selectAll().where('congress_id', '=', c.id).orderBy('established_on').orderBy('id').execute();
  const ids = [...new Set(rows.flatMap((r) => JSON.parse(r.members) as string[]))];
  const names = new Map(ids.length === 0 ? [] : (await ctx.db.selectFrom('people').select(['id', 'name']).where('congress_id', '=', c.id).where('id', 'in', ids).execute()).map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    question: r.question,
    mandate: r.mandate,
    meetingId: r.meeting_id,
    establishedOn: r.established_on,
    chair: { personId: r.chair_id, name: names.get(r.chair_id) ?? '' },
    members: (JSON.parse(r.members) as string[]).map((p) => ({ personId: p, name: names.get(p) ?? '' })),
    state: r.state,
    report: r.report_text && r.reported_on ? { text: r.report_text, reportedOn: r.reported_on } : null,
    resolutionBillId: r.resolution_bill_id,
  }));
}

import type { z } from 'zod';
import type { Interpellation, OpinionLetter, RectificationItem, RectificationSummary, Report } from '../../../contracts/oversight.ts';
import { authorize } from '../../platform/access.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { nowIso } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/command.ts';
import type { InterpellationTable } from '../../platform/schema.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { unitIdsOfUser } from '../opinions/opinions.repo.ts';
import { interpellationFor, interpellationNotFound } from './oversight.commands.ts';
import { oversightPolicy } from './oversight.policy.ts';
import { type InterpellationTarget, type ReportKind, type ReportOutcome, letterOverdue, rectificationSummary } from './oversight.rules.ts';

export async function getInterpellation(ctx: Ctx, id: string): Promise<z.infer<typeof Interpellation>> {
  const r = await interpellationFor(ctx, id, (a, c) => oversightPolicy.read(a, c) || oversightPolicy.answerLetter(a, c));
  if (!oversightPolicy.read(ctx.actor, r.congress_id) && !oversightPolicy.register(ctx.actor, r.congress_id) && ctx.actor.kind === 'user') {
    const mine = await unitIdsOfUser(ctx.db, r.congress_id, ctx.actor.userId);
    if (!r.unit_id || !mine.has(r.unit_id)) throw interpellationNotFound();
  }
  return toInterpellation(ctx, r);
}

/** Interpellations of the congress (of one meeting if named); a handling unit's user sees those routed to their units. */
export async function listInterpellations(ctx: Ctx, congressId: string, meetingId: string | undefined): Promise<z.infer<typeof Interpellation>[]> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.read(ctx.actor, c.id) || oversightPolicy.answerLetter(ctx.actor, c.id));
  let q = ctx.db.selectFrom('interpellations').selectAll().where('congress_id', '=', c.id);
  if (meetingId) q = q.where('meeting_id', '=', meetingId);
  if (!oversightPolicy.read(ctx.actor, c.id) && !oversightPolicy.register(ctx.actor, c.id)) {
    const mine = ctx.actor.kind === 'user' ? [...(await unitIdsOfUser(ctx.db, c.id, ctx.actor.userId))] : [];
    q = mine.length === 0 ? q.where('id', '=', '') : q.where('unit_id', 'in', mine);
  }
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  const out: z.infer<typeof Interpellation>[] = [];
  for (const r of rows) out.push(await toInterpellation(ctx, r));
  return out;
}

async function toInterpellation(ctx: Ctx, r: InterpellationTable): Promise<z.infer<typeof Interpellation>> {
  const signers = await ctx.db
    .selectFrom('interpellation_signers')
    .innerJoin('people', 'people.id', 'interpellation_signers.person_id')
    .select(['interpellation_signers.person_id', 'people.name'])
    .where('interpellation_signers.congress_id', '=', r.congress_id)
    .where('interpellation_signers.interpellation_id', '=', r.id)
    .orderBy('interpellation_signers.position')
    .execute();
  return {
    id: r.id,
    meetingId: r.meeting_id,
    target: r.target as InterpellationTarget,
    targetName: r.target_name,
    question: r.question,
    content: r.content,
    signers: signers.map((s) => ({ personId: s.person_id, name: s.name })),
    state: r.state as 'submitted' | 'routed' | 'answered',
    route: r.route as 'committee' | 'plenary' | null,
    committee: r.committee,
    unitId: r.unit_id,
    answer: r.answer_mode ? { mode: r.answer_mode as 'oral' | 'written', text: r.answer_text ?? '', signedBy: r.answer_signed_by, date: r.answered_on } : null,
  };
}

async function itemsOf(ctx: Ctx, congressId: string, reportId: string | undefined) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.read(ctx.actor, c.id));
  let q = ctx.db.selectFrom('rectification_items').selectAll().where('congress_id', '=', c.id);
  if (reportId) q = q.where('report_id', '=', reportId);
  return q.orderBy('due_date').orderBy('id').execute();
}

/** Computed from the records, never typed in (R-O8). */
export async function getRectificationSummary(ctx: Ctx, congressId: string, q: { reportId?: string | undefined; asOf?: string | undefined }): Promise<z.infer<typeof RectificationSummary>> {
  const rows = await itemsOf(ctx, congressId, q.reportId);
  return rectificationSummary(rows.map((r) => ({ dueDate: r.due_date, status: r.status })), q.asOf ?? localDateOf(nowIso()));
}

export async function listRectificationItems(ctx: Ctx, congressId: string, reportId: string | undefined): Promise<z.infer<typeof RectificationItem>[]> {
  const rows = await itemsOf(ctx, congressId, reportId);
  const today = localDateOf(nowIso());
  return rows.map((r) => ({ id: r.id, reportId: r.report_id, title: r.title, unit: r.unit, dueDate: r.due_date, status: r.status, rectifiedOn: r.rectified_on, overdue: r.status !== 'rectified' && r.due_date < today }));
}

export async function listReports(ctx: Ctx, congressId: string, meetingId: string | undefined): Promise<z.infer<typeof Report>[]> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.read(ctx.actor, c.id));
  let q = ctx.db.selectFrom('oversight_reports').selectAll().where('congress_id', '=', c.id);
  if (meetingId) q = q.where('meeting_id', '=', meetingId);
  const rows = await q.orderBy('submitted_on').orderBy('created_at').execute();
  const letterCounts = new Map(
    (
      await ctx.db
        .selectFrom('opinion_letters')
        .select(['report_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('congress_id', '=', c.id)
        .where('report_id', 'is not', null)
        .groupBy('report_id')
        .execute()
    ).map((x) => [x.report_id, Number(x.n)]),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ReportKind,
    title: r.title,
    organ: r.organ,
    presenter: r.presenter,
    presenterPost: r.presenter_post,
    meetingId: r.meeting_id,
    submittedOn: r.submitted_on,
    deadline: r.deadline,
    late: r.late === 1,
    outcome: (r.outcome as ReportOutcome | null) ?? null,
    outcomeNote: r.outcome_note,
    letters: letterCounts.get(r.id) ?? 0,
  }));
}

/** Letters with their due dates; overdue ones are flagged (R-O4, R-O7). */
export async function listOpinionLetters(ctx: Ctx, congressId: string, q: { overdue?: boolean | undefined }): Promise<z.infer<typeof OpinionLetter>[]> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.read(ctx.actor, c.id) || oversightPolicy.answerLetter(ctx.actor, c.id));
  let query = ctx.db.selectFrom('opinion_letters').selectAll().where('congress_id', '=', c.id);
  // A handling unit's user (without a reading role) sees only the letters addressed to their units.
  if (!oversightPolicy.read(ctx.actor, c.id) && !oversightPolicy.register(ctx.actor, c.id)) {
    const mine = ctx.actor.kind === 'user' ? [...(await unitIdsOfUser(ctx.db, c.id, ctx.actor.userId))] : [];
    query = mine.length === 0 ? query.where('id', '=', '') : query.where('unit_id', 'in', mine);
  }
  const rows = await query.orderBy('due_date').orderBy('id').execute();
  const today = localDateOf(nowIso());
  const out = rows.map((l) => ({
    id: l.id,
    reportId: l.report_id,
    unitId: l.unit_id,
    organ: l.organ,
    opinions: JSON.parse(l.opinions) as string[],
    sentOn: l.sent_on,
    dueDate: l.due_date,
    state: l.state,
    answer: l.answer_text,
    answeredOn: l.answered_on,
    overdue: letterOverdue({ state: l.state, dueDate: l.due_date }, today),
  }));
  return q.overdue === undefined ? out : out.filter((l) => l.overdue === q.overdue);
}

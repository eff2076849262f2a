import type { z } from 'zod';
import type { AnswerOpinionLetter, CreateOpinionLetter, CreateReport, RecordReportOutcome } from '../../../contracts/oversight.ts';
import { authorize } from '../../platform/access.ts';
import { loadCalendar } from '../../platform/calendar/calendar.repo.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged, forUpdate } from '../../platform/guard.ts';
import { loadProfile, requireCongress } from '../congress/congress.repo.ts';
import { requireHandlingUnits, unitIdsOfUser } from '../opinions/opinions.repo.ts';
import { dueDateAfter } from './followup.rules.ts';
import { oversightPolicy } from './oversight.policy.ts';
import { REPORT_OUTCOME_ZH, checkLetterAnswer, checkOpinionLetter, checkReportDeadline, checkReportOutcome, outcomeAfterLetter } from './oversight.rules.ts';

const today = (): string => localDateOf(nowIso());

export async function createReport(ctx: Ctx, congressId: string, input: z.infer<typeof CreateReport>): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  const profile = await loadProfile(ctx.db, c.id);
  const submittedOn = input.submittedOn ?? today();
  return runCommand(ctx, async (tx, rec) => {
    let meeting: { id: string; kind: string; date: string } | null = null;
    if (input.meetingId) {
      meeting = (await tx.selectFrom('meetings').select(['id', 'kind', 'date']).where('congress_id', '=', c.id).where('id', '=', input.meetingId).executeTakeFirst()) ?? null;
      if (!meeting) throw errors.notFound('Meeting', '该会议');
    }
    const dl = checkReportDeadline(meeting, submittedOn, profile);
    const id = newId();
    await tx
      .insertInto('oversight_reports')
      .values({
        id,
        congress_id: c.id,
        kind: input.kind,
        title: input.title,
        organ: input.organ,
        presenter: input.presenter ?? null,
        presenter_post: input.presenterPost ?? null,
        meeting_id: meeting?.id ?? null,
        submitted_on: submittedOn,
        deadline: dl.deadline,
        late: dl.late ? 1 : 0,
        created_at: nowIso(),
        outcome: null,
        outcome_note: null,
      })
      .execute();
    rec.audit({ congressId: c.id, action: 'report.created', targetType: 'report', targetId: id, data: { kind: input.kind, late: dl.late } });
    rec.emit({ topic: 'report', congressId: c.id, id });
    return id;
  });
}

export async function createOpinionLetter(ctx: Ctx, congressId: string, input: z.infer<typeof CreateOpinionLetter>): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  const sentOn = input.sentOn ?? today();
  const dueDate = input.dueDate ?? dueDateAfter(await loadCalendar(ctx.db, c.id), sentOn, input.dueInWorkingDays ?? 0, 'working_days');
  checkOpinionLetter({ opinions: input.opinions, sentOn, dueDate });
  return runCommand(ctx, async (tx, rec) => {
    const unitName = input.unitId ? (await requireHandlingUnits(tx, c.id, [input.unitId])).get(input.unitId) : undefined;
    const organ = input.organ ?? unitName;
    if (!organ) throw errors.invalid('ORGAN_REQUIRED', '请指定审议意见送交的机关或承办单位', 'Name the organ or handling unit the letter goes to', 'R-O4');
    let report: { id: string; meeting_id: string | null; outcome: string | null } | undefined;
    if (input.reportId) {
      // Locked: the report's outcome follows its letters (recordReportOutcome reads them under the same lock).
      report = await forUpdate(tx, tx.selectFrom('oversight_reports').select(['id', 'meeting_id', 'outcome']).where('congress_id', '=', c.id).where('id', '=', input.reportId)).executeTakeFirst();
      if (!report) throw errors.notFound('Report', '该报告');
    }
    const id = newId();
    await tx
      .insertInto('opinion_letters')
      .values({
        id,
        congress_id: c.id,
        report_id: input.reportId ?? null,
        unit_id: input.unitId ?? null,
        organ,
        opinions: JSON.stringify(input.opinions.filter((o) => o.trim() !== '')),
        sent_on: sentOn,
        due_date: dueDate,
        state: 'sent',
        answer_text: null,
        answered_on: null,
        created_at: nowIso(),
      })
      .execute();
    rec.audit({ congressId: c.id, action: 'opinion_letter.sent', targetType: 'opinion_letter', targetId: id, data: { organ, unitId: input.unitId ?? null, dueDate, dueInWorkingDays: input.dueInWorkingDays ?? null } });
    rec.emit({ topic: 'opinion_letter', congressId: c.id, id });
    // R-O4: the opinions on a report heard at a meeting are sent: that is now its outcome.
    const next = report?.meeting_id ? outcomeAfterLetter(report.outcome) : null;
    if (report && next) {
      await tx.updateTable('oversight_reports').set({ outcome: next }).where('id', '=', report.id).execute();
      rec.audit({ congressId: c.id, action: 'report.outcome', targetType: 'report', targetId: report.id, data: { before: report.outcome, after: next, letterId: id } });
      rec.emit({ topic: 'report', congressId: c.id, id: report.id });
    }
    return id;
  });
}

export async function answerOpinionLetter(ctx: Ctx, congressId: string, letterId: string, input: z.infer<typeof AnswerOpinionLetter>): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.answerLetter(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const l = await tx.selectFrom('opinion_letters').selectAll().where('congress_id', '=', c.id).where('id', '=', letterId).executeTakeFirst();
    if (!l) throw errors.notFound('Opinion letter', '该审议意见');
    // A handling unit's user answers only letters to their own unit; others' letters are not disclosed.
    if (!oversightPolicy.register(ctx.actor, c.id) && ctx.actor.kind === 'user') {
      const mine = await unitIdsOfUser(tx, c.id, ctx.actor.userId);
      if (!l.unit_id || !mine.has(l.unit_id)) throw errors.notFound('Opinion letter', '该审议意见');
    }
    checkLetterAnswer(l.state, input.text);
    expectChanged(await tx.updateTable('opinion_letters').set({ state: 'answered', answer_text: input.text ?? '', answered_on: input.answeredOn ?? today() }).where('id', '=', l.id).where('state', '=', l.state).executeTakeFirst());
    rec.audit({ congressId: c.id, action: 'opinion_letter.answered', targetType: 'opinion_letter', targetId: l.id });
    rec.emit({ topic: 'opinion_letter', congressId: c.id, id: l.id });
  });
}

/** Records what the meeting did with a report (R-O4): heard, deliberated, opinions sent, adopted, a resolution adopted. */
export async function recordReportOutcome(ctx: Ctx, congressId: string, reportId: string, input: z.infer<typeof RecordReportOutcome>): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const r = await forUpdate(tx, tx.selectFrom('oversight_reports').select(['id', 'meeting_id', 'outcome', 'outcome_note']).where('congress_id', '=', c.id).where('id', '=', reportId)).executeTakeFirst();
    if (!r) throw errors.notFound('Report', '该报告');
    const letters = await tx.selectFrom('opinion_letters').select((eb) => eb.fn.countAll<number | string>().as('n')).where('congress_id', '=', c.id).where('report_id', '=', r.id).executeTakeFirstOrThrow();
    checkReportOutcome({ meetingId: r.meeting_id, letters: Number(letters.n) }, input.outcome, input.note);
    const note = input.note?.trim() || null;
    expectChanged(await tx.updateTable('oversight_reports').set({ outcome: input.outcome, outcome_note: note }).where('id', '=', r.id).where('outcome', r.outcome === null ? 'is' : '=', r.outcome).executeTakeFirst());
    rec.audit({
      congressId: c.id,
      action: 'report.outcome',
      targetType: 'report',
      targetId: r.id,
      data: { before: r.outcome, after: input.outcome, afterZh: REPORT_OUTCOME_ZH[input.outcome], noteBefore: r.outcome_note, note },
    });
    rec.emit({ topic: 'report', congressId: c.id, id: r.id });
  });
}

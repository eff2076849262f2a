import type { z } from 'zod';
import type { CreateFollowupResult, UpdateFollowupProgress } from '../../../contracts/oversight.ts';
import { authorize } from '../../platform/access.ts';
import { loadCalendar } from '../../platform/calendar/calendar.repo.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import { forUpdate } from '../../platform/guard.ts';
import type { App, Deps } from '../../platform/http.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { SYSTEM_ACTOR } from '../imports/import-fixture.ts';
import { requireHandlingUnits } from '../opinions/opinions.repo.ts';
import { reconcileBillVotes } from '../bills/bills.vote.ts';
import { followupItems } from './followup.queries.ts';
import { REMINDER_SOON_WORKING_DAYS, checkParent, checkProgressEntry, remindersDueWorking } from './followup.rules.ts';
import { oversightPolicy } from './oversight.policy.ts';
import { type ReminderMailer, notifyReminders, reminderMailerFromEnv } from './reminders.notify.ts';
import { type TextSender, textSenderFromEnv } from '../../platform/sms.ts';
import { schedulePeriodic } from '../../platform/jobs.ts';

const notFound = () => errors.notFound('Follow-up result', '该落实事项');

async function ancestors(conn: Ctx['db'], congressId: string, id: string): Promise<string[]> {
  const out: string[] = [];
  let cur: string | null = id;
  while (cur && out.length < 50) {
    const row: { parent_id: string | null } | undefined = await conn.selectFrom('followup_results').select('parent_id').where('congress_id', '=', congressId).where('id', '=', cur).executeTakeFirst();
    cur = row?.parent_id ?? null;
    if (cur) out.push(cur);
  }
  return out;
}

/** A task or sub-task of the follow-through tree (a resolution's execution, a rectification plan's parts). */
export async function createFollowupResult(ctx: Ctx, congressId: string, input: z.infer<typeof CreateFollowupResult>): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  return runCommand(ctx, async (tx, rec) => {
    if (input.parentId) {
      // Locked: a parent's progress is rolled up from its children, never entered (updateFollowupProgress reads under the same lock).
      const parent = await forUpdate(tx, tx.selectFrom('followup_results').select('id').where('congress_id', '=', c.id).where('id', '=', input.parentId)).executeTakeFirst();
      if (!parent) throw notFound();
      checkParent(parent, await ancestors(tx, c.id, parent.id), null);
    }
    if (input.unitId) await requireHandlingUnits(tx, c.id, [input.unitId]);
    const id = newId();
    const at = nowIso();
    await tx
      .insertInto('followup_results')
      .values({
        id,
        congress_id: c.id,
        parent_id: input.parentId ?? null,
        title: input.title,
        source_type: input.sourceType ?? null,
        source_id: input.sourceId ?? null,
        unit_id: input.unitId ?? null,
        due_date: input.dueDate ?? null,
        progress: input.progress ?? 0,
        weight: input.weight ?? 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
    rec.audit({ congressId: c.id, action: 'followup.created', targetType: 'followup_result', targetId: id, data: input });
    rec.emit({ topic: 'followup', congressId: c.id, id });
    return id;
  });
}

/** Progress is entered on leaves only; a parent's rolls up from its children (R-O8). */
export async function updateFollowupProgress(ctx: Ctx, congressId: string, resultId: string, input: z.infer<typeof UpdateFollowupProgress>): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const r = await forUpdate(tx, tx.selectFrom('followup_results').selectAll().where('congress_id', '=', c.id).where('id', '=', resultId)).executeTakeFirst();
    if (!r) throw notFound();
    const child = await tx.selectFrom('followup_results').select('id').where('congress_id', '=', c.id).where('parent_id', '=', r.id).executeTakeFirst();
    checkProgressEntry(child !== undefined, input.progress);
    await tx.updateTable('followup_results').set({ progress: input.progress, updated_at: nowIso() }).where('id', '=', r.id).execute();
    rec.audit({ congressId: c.id, action: 'followup.progress', targetType: 'followup_result', targetId: r.id, data: { before: r.progress, after: input.progress } });
    rec.emit({ topic: 'followup', congressId: c.id, id: r.id });
  });
}


/**
 * The follow-up job (督办): for every congress, or the one named, creates the in-app reminders open
 * items have earned by `asOf` (due soon, overdue; each at most once whatever the number of runs or
 * processes), emails the new ones when SMTP is configured and texts them when an SMS gateway is,
 * and records bill votes whose poll-closed notice was lost.
 */
export async function runFollowups(
  ctx: Pick<Ctx, 'db' | 'hub'>,
  opts: { asOf?: string; congressId?: string; mailer?: ReminderMailer | null; sms?: TextSender | null } = {},
): Promise<{ asOf: string; remindersCreated: number; votesRecorded: number; emailsSent: number; smsSent: number }> {
  const asOf = opts.asOf ?? localDateOf(nowIso());
  const mailer = opts.mailer === undefined ? reminderMailerFromEnv() : opts.mailer;
  const sms = opts.sms === undefined ? textSenderFromEnv() : opts.sms;
  const congresses = opts.congressId ? [{ id: opts.congressId }] : await ctx.db.selectFrom('congresses').select('id').execute();
  let created = 0;
  let votes = 0;
  let emails = 0;
  let texts = 0;
  for (const { id: congressId } of congresses) {
    votes += (await reconcileBillVotes(ctx, { congressId })).recorded;
    const items = await followupItems(ctx.db, congressId);
    const cal = await loadCalendar(ctx.db, congressId);
    const at = nowIso();
    const rows = items.flatMap((it) =>
      remindersDueWorking(cal, it.dueDate, asOf, REMINDER_SOON_WORKING_DAYS).map((kind) => ({
        id: newId(),
        congress_id: congressId,
        target_key: it.key,
        kind,
        due_date: it.dueDate,
        unit_id: it.unitId,
        organ: it.organ,
        title: it.title,
        created_at: at,
      })),
    );
    if (rows.length === 0) continue;
    const ids = await runCommand({ db: ctx.db, hub: ctx.hub, actor: SYSTEM_ACTOR }, async (tx, rec) => {
      const inserted: string[] = [];
      for (let i = 0; i < rows.length; i += 500) {
        const r = await tx
          .insertInto('followup_reminders')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.columns(['target_key', 'kind', 'due_date']).doNothing())
          .returning('id')
          .execute();
        inserted.push(...r.map((x) => x.id));
      }
      rec.audit({ congressId, action: 'followup.run', targetType: 'congress', targetId: congressId, data: { asOf, reminders: inserted.length } });
      if (inserted.length > 0) rec.emit({ topic: 'followup', congressId });
      return inserted;
    });
    created += ids.length;
    const sent = await notifyReminders(ctx.db, congressId, ids, { mailer, sms });
    emails += sent.emailsSent;
    texts += sent.smsSent;
  }
  return { asOf, remindersCreated: created, votesRecorded: votes, emailsSent: emails, smsSent: texts };
}

/** Every hour in production (server/platform/jobs.ts); the office can also run it through the API. */
export function scheduleFollowupJob(app: App, deps: Deps, everyMs = 3_600_000): void {
  schedulePeriodic(app, deps, 'follow-up job', everyMs, () => runFollowups({ db: deps.handle.db, hub: deps.hub }));
}

/** The office runs the job for its congress now (e.g. after entering a batch of due dates). */
export async function runFollowupsFor(ctx: Ctx, congressId: string, asOf?: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.register(ctx.actor, c.id));
  return runFollowups(ctx, { congressId: c.id, ...(asOf ? { asOf } : {}) });
}

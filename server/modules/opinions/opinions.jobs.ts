import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCalendar } from '../../platform/calendar/calendar.repo.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { App, Deps } from '../../platform/http.ts';
import { SYSTEM_ACTOR } from '../imports/import-fixture.ts';
import { attachmentsDir } from './opinions.attachments.ts';
import { addEvent, intakeSettingsOf, unitNames } from './opinions.repo.ts';
import { ALERT_ZH, CLOSURE_ZH, alertHorizon, alertsDue } from './opinions.rules.ts';
import { schedulePeriodic } from '../../platform/jobs.ts';

export interface DeadlineRunResult {
  asOf: string;
  alertsCreated: number;
  feedbackClosed: number;
  anonymized: number;
}

const CHUNK = 500;

/**
 * The deadline job (督办, H-24). For every congress, or the one named: creates the reminders and
 * escalations that deadlines have earned by `asOf` (each at most once, whatever the number of runs
 * or processes), closes replied items whose feedback period ran out, anonymises personal data of
 * items closed longer ago than the congress's retention period, and trims the intake counters.
 * Pure date logic lives in opinions.rules.ts; this function only reads and writes.
 */
export async function runOpinionDeadlines(ctx: Ctx, opts: { asOf?: string; congressId?: string; filesDir?: string } = {}): Promise<DeadlineRunResult> {
  const asOf = opts.asOf ?? localDateOf(nowIso());
  const congresses = opts.congressId
    ? [{ id: opts.congressId }]
    : await ctx.db.selectFrom('congresses').select('id').where((eb) => eb.exists(eb.selectFrom('opinions').select('opinions.id').whereRef('opinions.congress_id', '=', 'congresses.id'))).execute();
  const total: DeadlineRunResult = { asOf, alertsCreated: 0, feedbackClosed: 0, anonymized: 0 };
  for (const { id: congressId } of congresses) {
    const cal = await loadCalendar(ctx.db, congressId);
    const settings = await intakeSettingsOf(ctx.db, congressId, true);
    const horizon = alertHorizon(cal, asOf);
    const due = await ctx.db
      .selectFrom('opinion_assignments')
      .select(['id', 'opinion_id', 'unit_id', 'due_date'])
      .where('congress_id', '=', congressId)
      .where('state', '=', 'active')
      .where('due_date', '<=', horizon)
      .execute();
    const reroute = await ctx.db
      .selectFrom('opinions')
      .select(['id', 'route_due'])
      .where('congress_id', '=', congressId)
      .where('status', '=', 'to_route')
      .where('route_due', 'is not', null)
      .where('route_due', '<', asOf)
      .execute();
    const at = nowIso();
    type AlertRow = { id: string; congress_id: string; opinion_id: string; assignment_id: string | null; unit_id: string | null; target_key: string; kind: 'due_soon' | 'overdue' | 'escalated' | 'route_overdue'; due_date: string; created_at: string; acknowledged_at: null; acknowledged_by: null };
    const candidates: AlertRow[] = [];
    for (const a of due) {
      for (const kind of alertsDue(cal, a.due_date, asOf)) {
        candidates.push({ id: newId(), congress_id: congressId, opinion_id: a.opinion_id, assignment_id: a.id, unit_id: a.unit_id, target_key: `assignment:${a.id}`, kind, due_date: a.due_date, created_at: at, acknowledged_at: null, acknowledged_by: null });
      }
    }
    for (const o of reroute) {
      candidates.push({ id: newId(), congress_id: congressId, opinion_id: o.id, assignment_id: null, unit_id: null, target_key: `route:${o.id}`, kind: 'route_overdue', due_date: o.route_due ?? asOf, created_at: at, acknowledged_at: null, acknowledged_by: null });
    }
    const retentionCutoff = `${Number(asOf.slice(0, 4)) - settings.retentionYears}${asOf.slice(4)}`;

    const removedFiles: string[] = [];
    const result = await runCommand({ ...ctx, actor: SYSTEM_ACTOR }, async (tx, rec) => {
      let created = 0;
      const names = await unitNames(tx, congressId, candidates.flatMap((c) => (c.unit_id ? [c.unit_id] : [])));
      for (let i = 0; i < candidates.length; i += CHUNK) {
        const chunk = candidates.slice(i, i + CHUNK);
        const inserted = await tx
          .insertInto('opinion_alerts')
          .values(chunk)
          .onConflict((oc) => oc.columns(['target_key', 'kind', 'due_date']).doNothing())
          .returning(['id', 'opinion_id', 'unit_id', 'kind', 'due_date'])
          .execute();
        created += inserted.length;
        for (const r of inserted) {
          await addEvent(tx, { id: r.opinion_id, congress_id: congressId }, 'alert', false, { kind: r.kind, kindZh: ALERT_ZH[r.kind] ?? r.kind, unitName: r.unit_id ? (names.get(r.unit_id) ?? '') : '代表工作机构', dueDate: r.due_date }, at);
        }
      }

      // H-22: no feedback within the period: the item is closed as such. The condition is the
      // statement's own guard, so an item rated meanwhile (by a transaction that committed first) is left alone.
      const lapsed = await tx
        .updateTable('opinions')
        .set({ status: 'closed', closed_at: at, closure: 'no_feedback', updated_at: at })
        .where('congress_id', '=', congressId)
        .where('status', '=', 'replied')
        .where('feedback_due', '<', asOf)
        .returning(['id', 'congress_id'])
        .execute();
      for (const o of lapsed) await addEvent(tx, o, 'closed', true, { closure: 'no_feedback', closureZh: CLOSURE_ZH.no_feedback }, at);

      // Retention: personal data goes, the opinion and its handling stay for the statistics.
      const expired = await tx
        .updateTable('opinions')
        .set({ name_enc: null, phone_enc: null, id_number_enc: null, phone_index: null, source_index: null, anonymized_at: at, updated_at: at })
        .where('congress_id', '=', congressId)
        .where('status', 'in', ['closed', 'answered', 'explained'])
        .where('anonymized_at', 'is', null)
        .where('closed_at', '<', `${retentionCutoff}T00:00:00.000Z`)
        .returning(['id', 'congress_id'])
        .execute();
      for (const o of expired) {
        const files = await tx.deleteFrom('opinion_attachments').where('opinion_id', '=', o.id).returning('id').execute();
        removedFiles.push(...files.map((f) => f.id));
        await addEvent(tx, o, 'anonymized', false, { attachments: files.length }, at);
      }

      rec.audit({ congressId, action: 'opinion.deadline_run', targetType: 'congress', targetId: congressId, data: { asOf, alerts: created, feedbackClosed: lapsed.length, anonymized: expired.length } });
      if (created + lapsed.length > 0) rec.emit({ topic: 'opinions', congressId });
      return { created, closed: lapsed.length, anonymized: expired.length };
    });
    // Photos may show people: their (sealed) files go after the rows are gone.
    if (opts.filesDir) for (const id of removedFiles) await rm(join(opts.filesDir, id.slice(0, 2), id), { force: true });
    total.alertsCreated += result.created;
    total.feedbackClosed += result.closed;
    total.anonymized += result.anonymized;
  }
  return total;
}

/** Every hour in production (server/platform/jobs.ts). */
export function scheduleDeadlineJob(app: App, deps: Deps, everyMs = 3_600_000): void {
  schedulePeriodic(app, deps, 'opinion deadline job', everyMs, () =>
    runOpinionDeadlines({ db: deps.handle.db, hub: deps.hub, actor: SYSTEM_ACTOR }, { filesDir: attachmentsDir(deps.config) }),
  );
}

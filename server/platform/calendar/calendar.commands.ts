import type { z } from 'zod';
import { authorize } from '../access.ts';
import { nowIso } from '../clock.ts';
import { type Ctx, runCommand } from '../command.ts';
import { errors } from '../errors.ts';
import type { SetOverride } from './calendar.contract.ts';
import { calendarPolicy } from './calendar.policy.ts';
import { requireCongressId } from './calendar.repo.ts';

/** Sets one day as working or not for this congress (a year the national data lacks, a correction). */
export async function setCalendarOverride(ctx: Ctx, congressId: string, date: string, input: z.infer<typeof SetOverride>) {
  const c = { id: await requireCongressId(ctx.db, congressId) };
  authorize(ctx.actor, c.id, calendarPolicy.manage(ctx.actor, c.id));
  return runCommand(ctx, async (tx, rec) => {
    const at = nowIso();
    const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const before = await tx.selectFrom('calendar_overrides').selectAll().where('congress_id', '=', c.id).where('date', '=', date).executeTakeFirst();
    const row = { congress_id: c.id, date, working: input.working ? 1 : 0, note: input.note ?? null, updated_at: at, updated_by: by };
    if (before) await tx.updateTable('calendar_overrides').set(row).where('congress_id', '=', c.id).where('date', '=', date).execute();
    else await tx.insertInto('calendar_overrides').values(row).execute();
    rec.audit({ congressId: c.id, action: 'calendar.override_set', targetType: 'calendar_day', targetId: date, data: { before: before ?? null, after: input } });
    return { date, working: input.working, note: row.note, updatedAt: at };
  });
}

export async function deleteCalendarOverride(ctx: Ctx, congressId: string, date: string): Promise<void> {
  const c = { id: await requireCongressId(ctx.db, congressId) };
  authorize(ctx.actor, c.id, calendarPolicy.manage(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const res = await tx.deleteFrom('calendar_overrides').where('congress_id', '=', c.id).where('date', '=', date).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw errors.notFound('Calendar override', '该日历调整');
    rec.audit({ congressId: c.id, action: 'calendar.override_deleted', targetType: 'calendar_day', targetId: date });
  });
}

import type { z } from 'zod';
import type { Ctx } from '../command.ts';
import { errors } from '../errors.ts';
import type { DeadlineQuery } from './calendar.contract.ts';
import { listOverrides, loadCalendar, requireCongressId } from './calendar.repo.ts';
import { BASE_DATA_LAST_YEAR, daysBetween, addDays } from './calendar.rules.ts';

const MAX_RANGE_DAYS = 400;

/** Every day of a range with whether it is a working day and why (public: it is the State Council's calendar). */
export async function getCalendar(ctx: Ctx, congressId: string, from: string, to: string) {
  const c = { id: await requireCongressId(ctx.db, congressId) };
  if (daysBetween(from, to) > MAX_RANGE_DAYS) throw errors.invalid('RANGE_TOO_LARGE', `日期范围不能超过${MAX_RANGE_DAYS}天`, `The range may not exceed ${MAX_RANGE_DAYS} days`);
  const cal = await loadCalendar(ctx.db, c.id);
  const days = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(cal.day(d));
  return { baseDataLastYear: BASE_DATA_LAST_YEAR, days };
}

export async function listCalendarOverrides(ctx: Ctx, congressId: string) {
  const c = { id: await requireCongressId(ctx.db, congressId) };
  return (await listOverrides(ctx.db, c.id)).map((o) => ({ date: o.date, working: o.working, note: o.note ?? null, updatedAt: o.updatedAt }));
}

/** A deadline as the statutes count it (see calendar.rules.ts): n working days, or n months. */
export async function computeDeadline(ctx: Ctx, congressId: string, q: z.infer<typeof DeadlineQuery>) {
  const c = { id: await requireCongressId(ctx.db, congressId) };
  const cal = await loadCalendar(ctx.db, c.id);
  if (q.workingDays !== undefined) return { from: q.from, due: cal.addWorkingDays(q.from, q.workingDays), rule: '民法典 art. 201 (start day not counted), working days' };
  return { from: q.from, due: cal.addMonths(q.from, q.months ?? 1), rule: '民法典 art. 202–203 (corresponding day, then the next working day)' };
}

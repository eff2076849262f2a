import { z } from 'zod';
import { Id } from '../../../contracts/congress.ts';
import { isLocalDate } from './calendar.rules.ts';

/** A real calendar date 'YYYY-MM-DD' (2025-02-30 is refused). */
export const LocalDateSchema = z.string().refine(isLocalDate, { error: 'a date YYYY-MM-DD' });
const IsoDate = LocalDateSchema;

// API shapes of the working-day calendar (shared by the web app and scripted clients).
export const DaySource = z.enum(['override', 'holiday', 'adjusted_workday', 'weekend', 'weekday']);
export const CalendarDay = z.object({ date: IsoDate, working: z.boolean(), source: DaySource, name: z.string().nullable() });
export const CalendarRange = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .refine((r) => r.from <= r.to, { error: 'from must not be after to' });
export const CalendarView = z.object({ baseDataLastYear: z.number().int(), days: z.array(CalendarDay) });
export const CalendarOverride = z.object({ date: IsoDate, working: z.boolean(), note: z.string().nullable(), updatedAt: z.string() });
export const SetOverride = z.object({ working: z.boolean(), note: z.string().trim().max(100).nullable().optional() }).strict();
export const OverrideParams = z.object({ congressId: Id, date: IsoDate }).strict();
export const DeadlineQuery = z
  .object({
    from: IsoDate,
    workingDays: z.coerce.number().int().min(-400).max(400).optional(),
    months: z.coerce.number().int().min(1).max(60).optional(),
  })
  .strict()
  .refine((q) => (q.workingDays === undefined) !== (q.months === undefined), { error: 'give exactly one of workingDays and months' });
export const Deadline = z.object({ from: IsoDate, due: IsoDate, rule: z.string() });

// The working-day calendar: pure date arithmetic on local dates ('YYYY-MM-DD', Asia/Shanghai).
//
// Base data: the State Council's yearly holiday notices (法定节假日 and the adjusted working days,
// 调休) as shipped by the `chinese-days` package. On top of it, each congress's office keeps an
// overrides table (a year the package does not know yet, a local holiday, a correction): an
// override always wins. Everything here is pure; `calendar.repo.ts` loads the overrides.
//
// Counting follows 民法典 art. 201–203, which the deadline statutes rely on:
//  - art. 201: the day a period starts is not counted; counting begins the next day;
//  - art. 202: a period in months ends on the corresponding day of the last month, or on that
//    month's last day when it has no such day;
//  - art. 203: when the last day is a statutory rest day, the period ends on the first day after it.
import holidayData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export type LocalDate = string;

export interface DayOverride {
  date: LocalDate;
  working: boolean;
  note?: string | null;
}

export type DaySource = 'override' | 'holiday' | 'adjusted_workday' | 'weekend' | 'weekday';

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  source: DaySource;
  /** The holiday's name (e.g. 国庆节) or the override's note. */
  name: string | null;
}

const HOLIDAYS: Readonly<Record<string, string>> = holidayData.holidays;
const WORKDAYS: Readonly<Record<string, string>> = holidayData.workdays;

/** The last year the bundled State Council data covers; later years need office overrides. */
export const BASE_DATA_LAST_YEAR: number = Math.max(...Object.keys(HOLIDAYS).map((d) => Number(d.slice(0, 4))));

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function toUtc(date: LocalDate): Date {
  if (!isLocalDate(date)) throw new RangeError(`not a local date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}
const fromUtc = (d: Date): LocalDate => d.toISOString().slice(0, 10);

export function addDays(date: LocalDate, n: number): LocalDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: LocalDate): number {
  const w = toUtc(date).getUTCDay();
  return w === 0 ? 7 : w;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** The local date in Asia/Shanghai (UTC+8, no daylight saving since 1991) of an instant. */
export function localDateOf(instant: string | Date): LocalDate {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The n-th given ISO weekday of a month (n = 1…5), or null when the month has no such day. */
export function nthWeekdayOfMonth(year: number, month: number, n: number, weekday: number): LocalDate | null {
  const first = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  const offset = (weekday - isoWeekday(first) + 7) % 7;
  const day = 1 + offset + (n - 1) * 7;
  if (day > daysInMonth(year, month)) return null;
  return addDays(first, day - 1);
}

/** The corresponding day `n` months later, or that month's last day (民法典 art. 202). No roll-forward. */
export function addCalendarMonths(date: LocalDate, n: number): LocalDate {
  const d = toUtc(date);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const day = Math.min(d.getUTCDate(), daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface WorkingCalendar {
  /** What a day is and why: an override, a holiday, an adjusted working day (调休), or the weekday rule. */
  day(date: LocalDate): DayInfo;
  isWorkingDay(date: LocalDate): boolean;
  /** The first working day on or after `date`. */
  nextWorkingDayFrom(date: LocalDate): LocalDate;
  /**
   * The n-th working day after `date` (n ≥ 1; the start day itself never counts, art. 201):
   * "within ten working days from assignment" ends on addWorkingDays(assigned, 10).
   * With n < 0, the |n|-th working day before `date`; n = 0 returns `date`.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** A period of n months (art. 202), its last day moved past rest days (art. 203). */
  addMonths(date: LocalDate, n: number): LocalDate;
  /** Working days in (from, to]: how many working days `to` lies after `from` (negative if before). */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
}

/** A calendar over the national data with these overrides (later entries for a date win). */
export function createCalendar(overrides: Iterable<DayOverride> = []): WorkingCalendar {
  const own = new Map<LocalDate, DayOverride>();
  for (const o of overrides) own.set(o.date, o);

  const day = (date: LocalDate): DayInfo => {
    const o = own.get(date);
    if (o) return { date, working: o.working, source: 'override', name: o.note ?? null };
    const hol = HOLIDAYS[date];
    if (hol !== undefined) return { date, working: false, source: 'holiday', name: holidayName(hol) };
    const work = WORKDAYS[date];
    if (work !== undefined) return { date, working: true, source: 'adjusted_workday', name: holidayName(work) };
    const w = isoWeekday(date);
    return w >= 6 ? { date, working: false, source: 'weekend', name: null } : { date, working: true, source: 'weekday', name: null };
  };
  const isWorkingDay = (date: LocalDate): boolean => day(date).working;

  const nextWorkingDayFrom = (date: LocalDate): LocalDate => {
    let d = date;
    // Bounded: no real calendar has a year without working days; guard against a bad override set.
    for (let i = 0; i < 366; i++) {
      if (isWorkingDay(d)) return d;
      d = addDays(d, 1);
    }
    throw new RangeError(`no working day within a year of ${date}`);
  };

  const addWorkingDays = (date: LocalDate, n: number): LocalDate => {
    if (!Number.isInteger(n)) throw new RangeError('n must be an integer');
    let d = date;
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let guard = 0;
    while (left > 0) {
      d = addDays(d, step);
      if (isWorkingDay(d)) left--;
      if (++guard > 366 * 20) throw new RangeError('working-day range too large');
    }
    return d;
  };

  const addMonths = (date: LocalDate, n: number): LocalDate => nextWorkingDayFrom(addCalendarMonths(date, n));

  const workingDaysBetween = (from: LocalDate, to: LocalDate): number => {
    if (from === to) return 0;
    const [a, b, sign] = from < to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
    return sign * count;
  };

  return { day, isWorkingDay, nextWorkingDayFrom, addWorkingDays, addMonths, workingDaysBetween };
}

/** 'National Day,国庆节,3' → '国庆节'. */
function holidayName(raw: string): string {
  const parts = raw.split(',');
  return parts[1] ?? parts[0] ?? raw;
}

/** The national calendar without any congress's overrides. */
export const NATIONAL_CALENDAR: WorkingCalendar = createCalendar();

// Convenience forms of the API for callers holding overrides rather than a calendar.
export const isWorkingDay = (date: LocalDate, overrides: Iterable<DayOverride> = []): boolean => createCalendar(overrides).isWorkingDay(date);
export const addWorkingDays = (date: LocalDate, n: number, overrides: Iterable<DayOverride> = []): LocalDate => createCalendar(overrides).addWorkingDays(date, n);
export const addMonths = (date: LocalDate, n: number, overrides: Iterable<DayOverride> = []): LocalDate => createCalendar(overrides).addMonths(date, n);

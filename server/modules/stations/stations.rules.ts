import type { RulesProfile } from '../../../contracts/profile.ts';
import { type LocalDate, type WorkingCalendar, addDays, nthWeekdayOfMonth } from '../../platform/calendar/calendar.rules.ts';
import { parse as parseCsvSync } from 'csv-parse/sync';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { errors } from '../../platform/errors.ts';

// Pure decisions about liaison stations. Sources: 鹤壁市全过程人民民主基层示范点（人大代表联络站）
// 管理办法 (seed L1596–L1746), cited S-<article>; the service-day decision (seed L1514), SD-1.

export const RULE = {
  S9: 'S-9 联络站管理办法第九条（公示）',
  S12: 'S-12 联络站管理办法第十二条（主题接待每月至少一次，提前公告）',
  SD1: 'SD-1 每月的第三个星期五为人大代表为民服务活动日',
} as const;

export const STAFF_ROLE_ZH = { head: '站长', deputy_head: '副站长', liaison: '联络员' } as const;
export const KIND_ZH = { station: '人大代表联络站', demonstration_point: '全过程人民民主基层示范点' } as const;
export const EVENT_KIND_ZH = { service_day: '人大代表为民服务活动日', themed_reception: '人大代表主题接待活动', other: '代表活动' } as const;

/** S-9 (四): the process for citizens' opinions, published when a station has not written its own. */
export const DEFAULT_PROCESS =
  '群众意见建议受理、交办、反馈、上报流程：一、受理——群众可到站当面反映、参加主题接待活动，或通过网上渠道提交，工作人员登记并出具查询码；' +
  '二、交办——能够当场解答的当场答复，依法应通过诉讼、仲裁、行政复议等途径解决的告知途径，其余按类别和层级转交有关单位办理；' +
  '三、反馈——承办单位答复后，由代表或工作人员向群众反馈，群众可凭查询码评价；四、上报——重要意见建议汇总上报人大常委会。';
/** S-9 (五): how to use the online channel. */
export const DEFAULT_ONLINE_GUIDE = '在本站页面点击“我要反映”，填写姓名、手机号码和意见内容后提交，保存好查询码，可随时凭查询码查看办理进度并对答复进行评价。';

// ------------------------------------------------------------------ service day (SD-1)

export interface ServiceDay {
  date: LocalDate;
  working: boolean;
  holiday: string | null;
}

/** Every service day in [from, to] by the profile's rule (e.g. the third Friday), flagged when it falls on a holiday. */
export function serviceDays(rule: RulesProfile['serviceDay'], from: LocalDate, to: LocalDate, cal: WorkingCalendar): ServiceDay[] {
  if (!rule) throw errors.invalid('NO_SERVICE_DAY', '本级人大未设立为民服务活动日', 'This congress has no service day in its rules profile', RULE.SD1);
  if (from > to) return [];
  const out: ServiceDay[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (let guard = 0; guard < 240; guard++) {
    const d = nthWeekdayOfMonth(y, m, rule.weekOfMonth, rule.weekday);
    if (d && d > to) break;
    if (d && d >= from) {
      const info = cal.day(d);
      out.push({ date: d, working: info.working, holiday: info.working ? null : info.name });
    }
    if (`${String(y)}-${String(m).padStart(2, '0')}` >= to.slice(0, 7)) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

// ------------------------------------------------------------------ events (S-12)

/** S-12: time, place and theme are announced in advance: a reception or service day is scheduled at least a day ahead. */
export function checkAnnouncedInAdvance(kind: 'service_day' | 'themed_reception' | 'other', date: LocalDate, today: LocalDate): void {
  if (kind === 'other') return;
  if (date <= today) throw errors.invalid('ANNOUNCE_IN_ADVANCE', '主题接待活动的时间、地点和主题应当提前公告', 'Receptions are announced in advance: schedule them for a later day', RULE.S12);
}

export function checkTimes(start: string, end: string): void {
  if (end <= start) throw errors.invalid('TIME_ORDER', '结束时间应晚于开始时间', 'The end time must be after the start time');
}

/** S-12: months of a year (up to `until`) with the number of themed receptions held or planned and announced in advance. */
export function receptionCompliance(events: readonly { kind: string; date: LocalDate; status: string; announcedOn: LocalDate }[], year: number, until: LocalDate) {
  const months: { month: string; receptions: number; met: boolean }[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${String(year)}-${String(m).padStart(2, '0')}`;
    if (`${month}-01` > until) break;
    const n = events.filter((e) => e.kind === 'themed_reception' && e.status !== 'cancelled' && e.date.startsWith(month) && e.announcedOn < e.date).length;
    months.push({ month, receptions: n, met: n >= 1 });
  }
  return { months };
}

// ------------------------------------------------------------------ CSV import

/** RFC 4180 CSV through csv-parse: quoted fields with doubled quotes, commas and line breaks inside quotes; CRLF or LF; a BOM is ignored; blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  try {
    const rows: string[][] = parseCsvSync(text, { bom: true, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: true });
    return rows.filter((r) => r.some((f) => f.trim() !== ''));
  } catch (e) {
    const line = typeof e === 'object' && e !== null && 'lines' in e && typeof e.lines === 'number' ? e.lines : 0;
    const message = e instanceof Error ? e.message : String(e);
    throw errors.invalid('CSV_MALFORMED', `CSV 格式有误（第${String(line)}行附近，如引号未闭合）`, `The CSV is malformed near line ${String(line)} (e.g. an unterminated quote): ${message}`);
  }
}

export interface StationRow {
  line: number;
  code: string;
  name: string;
  kind: 'station' | 'demonstration_point';
  district: string | null;
  township: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
  hours: string | null;
  phone: string | null;
}

const HEADERS: Record<string, keyof Omit<StationRow, 'line'>> = {
  code: 'code',
  编号: 'code',
  name: 'name',
  名称: 'name',
  kind: 'kind',
  类型: 'kind',
  district: 'district',
  县区: 'district',
  township: 'township',
  乡镇街道: 'township',
  address: 'address',
  地址: 'address',
  lat: 'lat',
  纬度: 'lat',
  lng: 'lng',
  经度: 'lng',
  hours: 'hours',
  开放时间: 'hours',
  phone: 'phone',
  电话: 'phone',
};
const KINDS: Record<string, StationRow['kind']> = { station: 'station', 联络站: 'station', demonstration_point: 'demonstration_point', 示范点: 'demonstration_point' };

/** Validates every row before anything is stored; errors name the line (the header is line 1). */
export function stationRowsFromCsv(text: string): StationRow[] {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) throw errors.invalid('CSV_EMPTY', 'CSV 文件为空', 'The CSV is empty');
  const cols = header.map((h) => HEADERS[h.trim()] ?? null);
  for (const need of ['code', 'name', 'kind', 'address'] as const) {
    if (!cols.includes(need)) throw errors.invalid('CSV_HEADER', `CSV 缺少“${need}”列`, `The CSV lacks a ${need} column`);
  }
  const problems: { line: number; message: string }[] = [];
  const out: StationRow[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const get = (k: keyof Omit<StationRow, 'line'>): string => {
      const idx = cols.indexOf(k);
      return idx < 0 ? '' : (r[idx] ?? '').trim();
    };
    const num = (k: 'lat' | 'lng', lim: number): number | null => {
      const v = get(k);
      if (v === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n) || Math.abs(n) > lim) {
        problems.push({ line, message: `${k} 无效: ${v}` });
        return null;
      }
      return n;
    };
    const code = get('code');
    const kind = KINDS[get('kind')];
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(code)) problems.push({ line, message: `编号无效: ${code}` });
    if (seen.has(code)) problems.push({ line, message: `编号重复: ${code}` });
    seen.add(code);
    if (!get('name')) problems.push({ line, message: '缺少名称' });
    if (!kind) problems.push({ line, message: `类型应为“联络站”或“示范点”: ${get('kind')}` });
    if (!get('address')) problems.push({ line, message: '缺少地址' });
    const lat = num('lat', 90);
    const lng = num('lng', 180);
    out.push({
      line,
      code,
      name: get('name'),
      kind: kind ?? 'station',
      district: get('district') || null,
      township: get('township') || null,
      address: get('address'),
      lat,
      lng,
      hours: get('hours') || null,
      phone: get('phone') || null,
    });
  });
  if (problems.length > 0) throw errors.invalid('CSV_INVALID', `CSV 有 ${problems.length} 处错误（第${problems[0]?.line ?? 0}行：${problems[0]?.message ?? ''}）`, `The CSV has ${problems.length} problems`, undefined, problems);
  if (out.length > 5000) throw errors.invalid('CSV_TOO_LARGE', '一次最多导入5000个联络站', 'At most 5000 stations per import');
  return out;
}

// ------------------------------------------------------------------ iCalendar (RFC 5545)

export interface IcsEvent {
  uid: string;
  sequence: number;
  stamp: string; // ISO instant
  date: LocalDate;
  startTime: string; // HH:MM local
  endTime: string;
  summary: string;
  location: string;
  description: string;
  status: 'planned' | 'held' | 'cancelled';
  geo: { lat: number; lng: number } | null;
}

const TZ = 'Asia/Shanghai';
/** RFC 5545 §3.6.5: the Asia/Shanghai zone is UTC+8 with no daylight saving since 1992. */
const VTIMEZONE_SHANGHAI = ['BEGIN:VTIMEZONE', 'TZID:Asia/Shanghai', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0800', 'TZOFFSETTO:+0800', 'TZNAME:CST', 'END:STANDARD', 'END:VTIMEZONE'].join('\r\n');

/**
 * A wall-clock time in Asia/Shanghai for ical-generator: with an event time zone it writes the
 * Date's local fields, so the Date is built from the same local fields (whatever the server's zone).
 */
const wallClock = (date: LocalDate, time: string): Date => {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  return new Date(y, m - 1, d, hh, mm, 0, 0);
};

/** A calendar of a station's events in Asia/Shanghai time (with its VTIMEZONE), written by ical-generator (escaping, 75-octet folding). */
export function buildIcs(calName: string, events: readonly IcsEvent[]): string {
  const cal = ical({
    prodId: { company: 'Yishi', product: 'Station calendar', language: 'ZH' },
    method: ICalCalendarMethod.PUBLISH,
    name: calName.replace(/[\r\n]+/g, ' '),
    timezone: { name: null, generator: (tz) => (tz === TZ ? VTIMEZONE_SHANGHAI : null) },
  });
  cal.scale('GREGORIAN');
  cal.x('X-WR-TIMEZONE', TZ);
  for (const e of events) {
    cal.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: new Date(e.stamp),
      start: wallClock(e.date, e.startTime),
      end: wallClock(e.date, e.endTime),
      timezone: TZ,
      summary: e.summary,
      location: e.geo ? { title: e.location, geo: { lat: e.geo.lat, lon: e.geo.lng } } : e.location,
      description: e.description,
      status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return `${cal.toString()}\r\n`;
}

/** The service days of one month before today's are not worth publishing: the feed covers a year back and ahead. */
export const feedWindow = (today: LocalDate): { from: LocalDate; to: LocalDate } => ({ from: addDays(today, -366), to: addDays(today, 366) });

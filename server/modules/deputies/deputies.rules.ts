import type { DeputyLevel, DutyKind } from '../../../contracts/deputies.ts';
import type { LocalDate } from '../../platform/calendar/calendar.rules.ts';

// Pure decisions about deputies' duties. Sources: the station measures art. 10 (seed L1647–L1649)
// — city deputies at least four station visits a year, together with the service day (S-10); art. 18
// — duty registration and an archive per deputy; the service-day plan (seed L1588–L1590) — points
// from the duty registration form (履职登记表) under the duty-evaluation rules.

export const RULE = { S10: 'S-10 联络站管理办法第十条', S18: 'S-18 联络站管理办法第十八条', SDP: 'SD-P 为民服务活动日实施方案（积分制管理）' } as const;

export const LEVEL_ZH: Record<DeputyLevel, string> = { national: '全国人大代表', province: '省人大代表', city: '市人大代表', county: '县（区）人大代表', township: '乡镇人大代表' };

export const DUTY_KIND_ZH: Record<DutyKind, string> = {
  station_visit: '进站联系群众',
  reception: '主题接待',
  service_day: '为民服务活动日',
  inspection: '视察调研',
  suggestion: '提出建议',
  meeting: '参加会议活动',
  report_back: '向选民述职',
  training: '学习培训',
  other: '其他履职活动',
};

/**
 * Points per activity when the office has not configured its table. The city's duty-evaluation
 * rules (代表履职考评办法) are not in the gazette, so these are placeholders for the office to replace.
 */
export const DEFAULT_POINTS: Record<DutyKind, number> = {
  station_visit: 2,
  reception: 3,
  service_day: 3,
  inspection: 3,
  suggestion: 2,
  meeting: 1,
  report_back: 5,
  training: 1,
  other: 1,
};

/** Activities at a station that count as a visit for S-10. */
export const VISIT_KINDS: readonly DutyKind[] = ['station_visit', 'reception', 'service_day'];

/** S-10: four visits a year for city deputies; national, provincial and county rules are set elsewhere. */
export function requiredVisits(level: DeputyLevel): number | null {
  return level === 'city' ? 4 : null;
}

/** Visits on distinct days at a station (two records on one day are one visit). */
export function countVisits(activities: readonly { kind: DutyKind; date: LocalDate; stationId: string | null }[], year: number): number {
  const days = new Set(activities.filter((a) => a.stationId !== null && VISIT_KINDS.includes(a.kind) && a.date.startsWith(`${year}-`)).map((a) => a.date));
  return days.size;
}

export function compliance(level: DeputyLevel, visits: number, year: number) {
  const required = requiredVisits(level);
  return { year, requiredVisits: required, visits, met: required === null ? null : visits >= required };
}

export function pointsFor(kind: DutyKind, table: ReadonlyMap<string, number>): number {
  return table.get(kind) ?? DEFAULT_POINTS[kind];
}

export function summarize(activities: readonly { kind: DutyKind; points: number }[]) {
  const byKind: Record<string, { count: number; points: number }> = {};
  let points = 0;
  for (const a of activities) {
    const k = (byKind[a.kind] ??= { count: 0, points: 0 });
    k.count++;
    k.points += a.points;
    points += a.points;
  }
  return { points: Math.round(points * 100) / 100, byKind };
}

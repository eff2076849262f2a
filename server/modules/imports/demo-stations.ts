// Liaison stations for the demo, so that a fresh install's station finder, station pages and
// service-day calendar are not empty. Hebi has 74 township stations (the 6th meeting's explanation
// of the station measures), but their register is not among the sources; the demo therefore holds
// one station per county and district, each saying it is demonstration data, which the office
// replaces by importing its own register (站点导入, CSV by code). Goes in through the stations
// module's commands (validated, audited) as the installation's admin. Idempotent: a congress that
// has stations gets none.
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import type { Ctx } from '../../platform/command.ts';
import { nowIso } from '../../platform/clock.ts';
import { importStations, scheduleServiceDays, updateStation } from '../stations/stations.commands.ts';
import { demoAdminCtx } from './demo-seed.ts';

// Approximate seats of Hebi's five counties and districts (for the map and "nearest station").
const DEMO_STATIONS = [
  { code: 'DEMO-QB', district: '淇滨区', lat: 35.7415, lng: 114.2977 },
  { code: 'DEMO-SC', district: '山城区', lat: 35.8967, lng: 114.1842 },
  { code: 'DEMO-HS', district: '鹤山区', lat: 35.9546, lng: 114.1634 },
  { code: 'DEMO-XX', district: '浚县', lat: 35.6762, lng: 114.5503 },
  { code: 'DEMO-QX', district: '淇县', lat: 35.6078, lng: 114.1976 },
] as const;

export const DEMO_STATION_INTRO =
  '本站为演示数据，用于展示联络站查询、站点介绍和为民服务活动日安排。正式使用前，请由人大常委会办公室在“联络站”页面导入本地联络站名录（CSV），演示站点可随后停用。';

const csvField = (v: string): string => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Adds the demo stations and their service days for the coming six months; nothing when the congress has stations. */
export async function importDemoStations(base: Pick<Ctx, 'db' | 'hub'>, congressId: string): Promise<{ stations: number; serviceDays: number }> {
  const ctx = await demoAdminCtx(base);
  const any = await base.db.selectFrom('stations').select('id').where('congress_id', '=', congressId).limit(1).executeTakeFirst();
  if (!ctx || any) return { stations: 0, serviceDays: 0 };
  const header = '编号,名称,类型,县区,乡镇街道,地址,纬度,经度,开放时间,电话';
  const rows = DEMO_STATIONS.map((s) =>
    [s.code, `${s.district}人大代表联络站（演示）`, '联络站', s.district, '', `鹤壁市${s.district}人大常委会机关（演示地址）`, String(s.lat), String(s.lng), '工作日 9:00-12:00，每月为民服务活动日', ''].map(csvField).join(','),
  );
  await importStations(ctx, congressId, [header, ...rows].join('\n'));
  const stations = await base.db.selectFrom('stations').select(['id', 'code']).where('congress_id', '=', congressId).execute();
  const from = localDateOf(nowIso());
  const until = new Date(`${from}T00:00:00Z`);
  until.setUTCMonth(until.getUTCMonth() + 6);
  let serviceDays = 0;
  for (const s of stations) {
    await updateStation(ctx, congressId, s.id, { intro: DEMO_STATION_INTRO });
    const r = await scheduleServiceDays(ctx, congressId, s.id, { from, to: until.toISOString().slice(0, 10), startTime: '09:00', endTime: '12:00', theme: '为民服务活动日：人大代表接待群众' });
    serviceDays += r.created.length;
  }
  return { stations: stations.length, serviceDays };
}

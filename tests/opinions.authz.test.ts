// Every role × every operation of opinions, stations, deputies and the calendar × own and other
// congress, through HTTP. Allowed → 2xx; a role of this congress without the right → 403; the
// public → 401 on non-public operations; a role of ANOTHER congress → 404. The role users are tied
// to records of their own congress the way real users are: the handling-unit user to a unit (as its
// head), the station-staff user to a station, the deputy user to a deputy assigned to that station.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROLES, type Role } from '../server/platform/access.ts';
import { addDays, localDateOf } from '../server/platform/calendar/calendar.rules.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { PNG, multipart } from './opinions.files.ts';

let t: TestApp;
let root: string;
let otherId: string;
const tokens = new Map<Role, string>();
interface Fixture {
  unit: string;
  station: string;
  deputy: string;
  unitHead: string; // token of a head of `unit`
  unitStaff: string; // token of a non-head user of `unit`
}
const fx = new Map<string, Fixture>();
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
const today = () => localDateOf(new Date().toISOString());
const C = (cid: string) => `/api/v1/congresses/${cid}`;

async function ok(method: string, url: string, body?: unknown, token = root) {
  const r = await t.request(method, url, { token, body });
  assert.ok(r.status < 300, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
async function user(cid: string, role: Role, extra: Record<string, unknown> = {}) {
  const username = `u${uniq()}`;
  const u = await ok('POST', `${C(cid)}/users`, { username, displayName: username, password: 'Passw0rd-matrix', roles: [role], ...extra });
  return { id: u.id as string, token: await t.login(username, 'Passw0rd-matrix') };
}

async function fixtureFor(cid: string, roleUsers: boolean): Promise<Fixture> {
  const unit = (await ok('POST', `${C(cid)}/bodies`, { kind: 'handling_unit', name: `承办单位${uniq()}` })).id as string;
  const station = (await ok('POST', `${C(cid)}/stations`, { code: `M${uniq()}`, name: `联络站${uniq()}`, kind: 'station', address: '某路1号' })).id as string;
  const dep = await ok('POST', `${C(cid)}/deputies`, { name: `代表${uniq()}`, level: 'city' });
  await ok('POST', `${C(cid)}/deputies/${dep.id}/stations`, { stationId: station });
  await ok('PUT', `${C(cid)}/intake-settings`, { perIpPerHour: 1_000_000, perPhonePerDay: 1_000_000, retentionYears: 5, codesPerIpPerHour: 1_000_000 });
  const head = await user(cid, 'handling_unit');
  const staff = await user(cid, 'handling_unit');
  await t.request('PUT', `${C(cid)}/units/${unit}/users/${head.id}`, { token: root, body: { isHead: true } });
  await t.request('PUT', `${C(cid)}/units/${unit}/users/${staff.id}`, { token: root, body: { isHead: false } });
  if (roleUsers) {
    for (const role of ROLES) {
      const extra = role === 'deputy' ? { personId: dep.personId } : {};
      const u = await user(cid, role, extra);
      tokens.set(role, u.token);
      if (role === 'handling_unit') await t.request('PUT', `${C(cid)}/units/${unit}/users/${u.id}`, { token: root, body: { isHead: true } });
      if (role === 'station_staff') await ok('POST', `${C(cid)}/stations/${station}/staff`, { name: '联络员', role: 'liaison', userId: u.id });
    }
  }
  return { unit, station, deputy: dep.id, unitHead: head.token, unitStaff: staff.token };
}

before(async () => {
  t = await startTestApp();
  root = await t.login('admin');
  otherId = (await ok('POST', '/api/v1/congresses', { parentId: t.hebiId, level: 'county', name: '淇滨区人民代表大会', slug: 'qibin-ops' })).id;
  await ok('POST', `${C(otherId)}/terms`, { number: 7 });
  fx.set(t.hebiId, await fixtureFor(t.hebiId, true));
  fx.set(otherId, await fixtureFor(otherId, false));
});
after(() => t.close());

// ---- preparing opinions in each state ---------------------------------------------------------
const F = (cid: string) => fx.get(cid)!;
async function received(cid: string, stationId?: string): Promise<{ id: string; code: string }> {
  const r = await ok('POST', '/api/v1/opinions', { congressId: cid, name: '张三', phone: `139${String(10_000_000 + seq++).slice(-8)}`, content: '意见内容', ...(stationId ? { stationId } : {}) }, '');
  const row = await t.yishi.handle.db.selectFrom('opinions').select('id').where('tracking_code', '=', r.trackingCode.replace(/-/g, '')).executeTakeFirstOrThrow();
  return { id: row.id, code: r.trackingCode };
}
async function toRoute(cid: string, withDeputy = false) {
  const o = await received(cid, withDeputy ? F(cid).station : undefined);
  await ok('POST', `${C(cid)}/opinions/${o.id}/classify`, withDeputy ? { class: 'suggestion', disposition: 'forward', deputyIds: [F(cid).deputy] } : { class: 'mass_opinion', disposition: 'forward' });
  return o;
}
async function assigned(cid: string, withDeputy = false) {
  const o = await toRoute(cid, withDeputy);
  await ok('POST', `${C(cid)}/opinions/${o.id}/route`, { mode: 'lead', leadUnitId: F(cid).unit });
  return o;
}
async function replied(cid: string, withDeputy = false) {
  const o = await assigned(cid, withDeputy);
  await ok('POST', `${C(cid)}/opinions/${o.id}/replies`, { text: '答复', grade: 'A' }, F(cid).unitHead);
  return o;
}
async function evaluation(cid: string) {
  const o = await replied(cid);
  await ok('POST', '/api/v1/opinions/rating', { trackingCode: o.code, satisfied: false, reason: '不满意' }, '');
  await ok('POST', `${C(cid)}/opinions/${o.id}/replies`, { text: '再次答复', grade: 'A' }, F(cid).unitHead);
  await ok('POST', '/api/v1/opinions/rating', { trackingCode: o.code, satisfied: false, reason: '仍不满意' }, '');
  return o;
}
async function event(cid: string) {
  return (await ok('POST', `${C(cid)}/stations/${F(cid).station}/events`, { kind: 'themed_reception', theme: '主题', date: addDays(today(), 5), startTime: '09:00', endTime: '10:00' })).id as string;
}

interface Op {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  prep: (cid: string) => Promise<{ url: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }>;
  allowed: Role[] | 'public';
}
const OFFICE: Role[] = ['admin', 'office'];

const OPS: Op[] = [
  // ---- opinions ----
  { id: 'submitOpinion', method: 'POST', prep: async (c) => ({ url: '/api/v1/opinions', body: { congressId: c, name: '李四', phone: `137${String(10_000_000 + seq++).slice(-8)}`, content: '内容' } }), allowed: 'public' },
  { id: 'getOpinionStatus', method: 'GET', prep: async (c) => ({ url: `/api/v1/opinions/status/${(await received(c)).code}` }), allowed: 'public' },
  { id: 'rateOpinion', method: 'POST', prep: async (c) => ({ url: '/api/v1/opinions/rating', body: { trackingCode: (await replied(c)).code, satisfied: true } }), allowed: 'public' },
  { id: 'getOpinionStatistics', method: 'GET', prep: async (c) => ({ url: `${C(c)}/opinion-statistics` }), allowed: 'public' },
  {
    id: 'addOpinionAttachment',
    method: 'POST',
    prep: async (c) => ({ url: `/api/v1/opinions/status/${(await received(c)).code}/attachments`, ...multipart('photo.png', 'image/png', PNG) }),
    allowed: 'public',
  },
  {
    id: 'getOpinionAttachment',
    method: 'GET',
    prep: async (c) => {
      const o = await received(c);
      const m = multipart('photo.png', 'image/png', PNG);
      const a = await t.request('POST', `/api/v1/opinions/status/${o.code}/attachments`, { rawBody: m.rawBody, headers: m.headers });
      await ok('POST', `${C(c)}/opinions/${o.id}/classify`, { class: 'mass_opinion', disposition: 'forward' });
      await ok('POST', `${C(c)}/opinions/${o.id}/route`, { mode: 'lead', leadUnitId: F(c).unit });
      return { url: `${C(c)}/opinions/${o.id}/attachments/${a.body.id}` };
    },
    allowed: ['admin', 'office', 'chair', 'handling_unit'],
  },
  { id: 'listOpinions', method: 'GET', prep: async (c) => ({ url: `${C(c)}/opinions` }), allowed: ['admin', 'office', 'chair', 'station_staff', 'deputy'] },
  { id: 'getOpinion', method: 'GET', prep: async (c) => ({ url: `${C(c)}/opinions/${(await assigned(c)).id}` }), allowed: ['admin', 'office', 'chair', 'handling_unit'] },
  { id: 'getOpinionContact', method: 'GET', prep: async (c) => ({ url: `${C(c)}/opinions/${(await assigned(c)).id}/contact` }), allowed: ['office', 'handling_unit'] },
  { id: 'classifyOpinion', method: 'POST', prep: async (c) => ({ url: `${C(c)}/opinions/${(await received(c, F(c).station)).id}/classify`, body: { class: 'mass_opinion', disposition: 'forward' } }), allowed: ['admin', 'office', 'station_staff'] },
  { id: 'routeOpinion', method: 'POST', prep: async (c) => ({ url: `${C(c)}/opinions/${(await toRoute(c)).id}/route`, body: { mode: 'lead', leadUnitId: F(c).unit } }), allowed: OFFICE },
  { id: 'declineOpinion', method: 'POST', prep: async (c) => ({ url: `${C(c)}/opinions/${(await assigned(c)).id}/decline`, body: { reason: '不属于本单位' } }), allowed: ['handling_unit'] },
  { id: 'extendOpinionDeadline', method: 'POST', prep: async (c) => ({ url: `${C(c)}/opinions/${(await assigned(c)).id}/extend`, body: { explanation: '难度大' } }), allowed: ['handling_unit'] },
  { id: 'replyOpinion', method: 'POST', prep: async (c) => ({ url: `${C(c)}/opinions/${(await assigned(c)).id}/replies`, body: { text: '答复', grade: 'B' } }), allowed: ['handling_unit'] },
  {
    id: 'signOffReply',
    method: 'POST',
    prep: async (c) => {
      const o = await assigned(c);
      const d = await ok('POST', `${C(c)}/opinions/${o.id}/replies`, { text: '草稿', grade: 'B' }, F(c).unitStaff);
      return { url: `${C(c)}/opinions/${o.id}/replies/${d.groupId}/sign-off` };
    },
    allowed: ['handling_unit'],
  },
  { id: 'recordFollowThrough', method: 'POST', prep: async (c) => ({ url: `${C(c)}/opinions/${(await replied(c)).id}/follow-through`, body: { text: '已落实' } }), allowed: ['handling_unit'] },
  { id: 'relayReply', method: 'POST', prep: async (c) => ({ url: `${C(c)}/opinions/${(await replied(c, true)).id}/relay`, body: {} }), allowed: ['admin', 'office', 'deputy', 'station_staff'] },
  { id: 'markKeyOpinion', method: 'POST', prep: async (c) => ({ url: `${C(c)}/opinions/${(await assigned(c)).id}/key`, body: { isKey: true } }), allowed: ['admin', 'office', 'chair'] },
  { id: 'concludeEvaluation', method: 'POST', prep: async (c) => ({ url: `${C(c)}/opinions/${(await evaluation(c)).id}/evaluation`, body: { conclusion: '评估结论' } }), allowed: OFFICE },
  { id: 'listOverdue', method: 'GET', prep: async (c) => ({ url: `${C(c)}/opinions/overdue` }), allowed: ['admin', 'office', 'chair', 'handling_unit'] },
  { id: 'getOverdueByUnit', method: 'GET', prep: async (c) => ({ url: `${C(c)}/opinions/overdue-by-unit` }), allowed: ['admin', 'office', 'chair'] },
  { id: 'listOpinionAlerts', method: 'GET', prep: async (c) => ({ url: `${C(c)}/opinions/alerts` }), allowed: ['admin', 'office', 'chair', 'handling_unit'] },
  {
    id: 'acknowledgeOpinionAlert',
    method: 'POST',
    prep: async (c) => {
      const o = await assigned(c);
      await t.yishi.handle.db.updateTable('opinion_assignments').set({ due_date: addDays(today(), -3) }).where('opinion_id', '=', o.id).execute();
      await ok('POST', `${C(c)}/opinions/deadline-run`, {});
      const a = await t.yishi.handle.db.selectFrom('opinion_alerts').select('id').where('opinion_id', '=', o.id).executeTakeFirstOrThrow();
      return { url: `${C(c)}/opinion-alerts/${a.id}/ack` };
    },
    allowed: ['admin', 'office', 'handling_unit'],
  },
  { id: 'runOpinionDeadlines', method: 'POST', prep: async (c) => ({ url: `${C(c)}/opinions/deadline-run`, body: {} }), allowed: OFFICE },
  { id: 'exportCitizenData', method: 'POST', prep: async (c) => ({ url: `${C(c)}/opinions/citizen-export`, body: { phone: '13900000000' } }), allowed: ['office'] },
  { id: 'listUnitQueue', method: 'GET', prep: async (c) => ({ url: `${C(c)}/units/${F(c).unit}/opinions` }), allowed: ['admin', 'office', 'chair', 'handling_unit'] },
  { id: 'listUnitUsers', method: 'GET', prep: async (c) => ({ url: `${C(c)}/units/${F(c).unit}/users` }), allowed: OFFICE },
  { id: 'setUnitUser', method: 'PUT', prep: async (c) => ({ url: `${C(c)}/units/${F(c).unit}/users/${(await user(c, 'handling_unit')).id}`, body: { isHead: false } }), allowed: OFFICE },
  {
    id: 'removeUnitUser',
    method: 'DELETE',
    prep: async (c) => {
      const u = await user(c, 'handling_unit');
      await t.request('PUT', `${C(c)}/units/${F(c).unit}/users/${u.id}`, { token: root, body: { isHead: false } });
      return { url: `${C(c)}/units/${F(c).unit}/users/${u.id}` };
    },
    allowed: OFFICE,
  },
  { id: 'listRoutingCategories', method: 'GET', prep: async (c) => ({ url: `${C(c)}/routing-categories` }), allowed: ['admin', 'office', 'station_staff', 'deputy'] },
  { id: 'setRoutingCategory', method: 'PUT', prep: async (c) => ({ url: `${C(c)}/routing-categories/c${uniq()}`, body: { leadUnitId: F(c).unit, coUnitIds: [] } }), allowed: OFFICE },
  {
    id: 'deleteRoutingCategory',
    method: 'DELETE',
    prep: async (c) => {
      const cat = `c${uniq()}`;
      await ok('PUT', `${C(c)}/routing-categories/${cat}`, { leadUnitId: F(c).unit, coUnitIds: [] });
      return { url: `${C(c)}/routing-categories/${cat}` };
    },
    allowed: OFFICE,
  },
  { id: 'getIntakeSettings', method: 'GET', prep: async (c) => ({ url: `${C(c)}/intake-settings` }), allowed: OFFICE },
  { id: 'setIntakeSettings', method: 'PUT', prep: async (c) => ({ url: `${C(c)}/intake-settings`, body: { perIpPerHour: 1_000_000, perPhonePerDay: 1_000_000, retentionYears: 5 } }), allowed: OFFICE },
  {
    id: 'requestPhoneCode',
    method: 'POST',
    prep: async (c) => ({ url: '/api/v1/opinions/phone-codes', body: { congressId: c, phone: `136${String(10_000_000 + seq++).slice(-8)}` } }),
    allowed: 'public',
  },
  { id: 'getMyDesk', method: 'GET', prep: async (c) => ({ url: `${C(c)}/my-desk` }), allowed: [...ROLES] },
  { id: 'listPhoneCodes', method: 'GET', prep: async (c) => ({ url: `${C(c)}/phone-codes` }), allowed: OFFICE },
  { id: 'listIntakeBlocks', method: 'GET', prep: async (c) => ({ url: `${C(c)}/intake-blocks` }), allowed: OFFICE },
  { id: 'blockIntakeSource', method: 'POST', prep: async (c) => ({ url: `${C(c)}/intake-blocks`, body: { kind: 'ip', value: `10.9.${seq++ % 250}.${seq++ % 250}` } }), allowed: OFFICE },
  {
    id: 'deleteIntakeBlock',
    method: 'DELETE',
    prep: async (c) => ({ url: `${C(c)}/intake-blocks/${(await ok('POST', `${C(c)}/intake-blocks`, { kind: 'ip', value: `10.8.${seq++ % 250}.${seq++ % 250}` })).id}` }),
    allowed: OFFICE,
  },

  // ---- stations ----
  { id: 'listStations', method: 'GET', prep: async (c) => ({ url: `${C(c)}/stations` }), allowed: 'public' },
  { id: 'getStationPage', method: 'GET', prep: async (c) => ({ url: `${C(c)}/stations/${F(c).station}` }), allowed: 'public' },
  { id: 'listServiceDays', method: 'GET', prep: async (c) => ({ url: `${C(c)}/service-days?from=2026-01-01&to=2026-12-31` }), allowed: 'public' },
  { id: 'listStationEvents', method: 'GET', prep: async (c) => ({ url: `${C(c)}/stations/${F(c).station}/events` }), allowed: 'public' },
  { id: 'getStationCalendar', method: 'GET', prep: async (c) => ({ url: `${C(c)}/stations/${F(c).station}/calendar.ics` }), allowed: 'public' },
  { id: 'getReceptionCompliance', method: 'GET', prep: async (c) => ({ url: `${C(c)}/stations/${F(c).station}/reception-compliance` }), allowed: 'public' },
  { id: 'createStation', method: 'POST', prep: async (c) => ({ url: `${C(c)}/stations`, body: { code: `N${uniq()}`, name: '新站', kind: 'station', address: '新路' } }), allowed: OFFICE },
  { id: 'importStations', method: 'POST', prep: async (c) => ({ url: `${C(c)}/stations/import`, body: { csv: `code,name,kind,address\nI${uniq()},导入站,station,导入路\n` } }), allowed: OFFICE },
  { id: 'updateStation', method: 'PATCH', prep: async (c) => ({ url: `${C(c)}/stations/${F(c).station}`, body: { annualPlan: '年度计划' } }), allowed: ['admin', 'office', 'station_staff'] },
  { id: 'addStationStaff', method: 'POST', prep: async (c) => ({ url: `${C(c)}/stations/${F(c).station}/staff`, body: { name: '副站长', role: 'deputy_head' } }), allowed: OFFICE },
  {
    id: 'removeStationStaff',
    method: 'DELETE',
    prep: async (c) => ({ url: `${C(c)}/stations/${F(c).station}/staff/${(await ok('POST', `${C(c)}/stations/${F(c).station}/staff`, { name: '临时', role: 'liaison' })).id}` }),
    allowed: OFFICE,
  },
  {
    id: 'createStationEvent',
    method: 'POST',
    prep: async (c) => ({ url: `${C(c)}/stations/${F(c).station}/events`, body: { kind: 'themed_reception', theme: '主题', date: addDays(today(), 7), startTime: '09:00', endTime: '10:00' } }),
    allowed: ['admin', 'office', 'station_staff'],
  },
  {
    id: 'scheduleServiceDays',
    method: 'POST',
    prep: async (c) => ({ url: `${C(c)}/stations/${F(c).station}/service-days`, body: { from: addDays(today(), 1), to: addDays(today(), 60), startTime: '09:00', endTime: '11:00', theme: '服务日' } }),
    allowed: ['admin', 'office', 'station_staff'],
  },
  { id: 'updateStationEvent', method: 'PATCH', prep: async (c) => ({ url: `${C(c)}/station-events/${await event(c)}`, body: { theme: '新主题' } }), allowed: ['admin', 'office', 'station_staff'] },
  { id: 'cancelStationEvent', method: 'POST', prep: async (c) => ({ url: `${C(c)}/station-events/${await event(c)}/cancel` }), allowed: ['admin', 'office', 'station_staff'] },
  { id: 'signUpForEvent', method: 'POST', prep: async (c) => ({ url: `${C(c)}/station-events/${await event(c)}/signups`, body: {} }), allowed: ['deputy'] },
  {
    id: 'withdrawSignup',
    method: 'DELETE',
    prep: async (c) => {
      const e = await event(c);
      await ok('POST', `${C(c)}/station-events/${e}/signups`, { deputyId: F(c).deputy });
      return { url: `${C(c)}/station-events/${e}/signups/${F(c).deputy}` };
    },
    allowed: ['admin', 'office', 'deputy'],
  },
  {
    id: 'recordEventOutcome',
    method: 'POST',
    prep: async (c) => {
      const e = await event(c);
      await t.yishi.handle.db.updateTable('station_events').set({ date: addDays(today(), -1) }).where('id', '=', e).execute();
      return { url: `${C(c)}/station-events/${e}/outcome`, body: { summary: '已举行', visitors: 3, attendedDeputyIds: [] } };
    },
    allowed: ['admin', 'office', 'station_staff'],
  },

  // ---- deputies ----
  { id: 'listDeputies', method: 'GET', prep: async (c) => ({ url: `${C(c)}/deputies` }), allowed: 'public' },
  { id: 'getDeputy', method: 'GET', prep: async (c) => ({ url: `${C(c)}/deputies/${F(c).deputy}` }), allowed: 'public' },
  { id: 'getDutyScoring', method: 'GET', prep: async (c) => ({ url: `${C(c)}/duty-scoring` }), allowed: 'public' },
  { id: 'createDeputy', method: 'POST', prep: async (c) => ({ url: `${C(c)}/deputies`, body: { name: `新代表${uniq()}`, level: 'county' } }), allowed: OFFICE },
  { id: 'updateDeputy', method: 'PATCH', prep: async (c) => ({ url: `${C(c)}/deputies/${F(c).deputy}`, body: { occupation: '教师' } }), allowed: OFFICE },
  { id: 'endDeputy', method: 'POST', prep: async (c) => ({ url: `${C(c)}/deputies/${(await ok('POST', `${C(c)}/deputies`, { name: `离任${uniq()}`, level: 'city' })).id}/end`, body: { endDate: '2026-12-31' } }), allowed: OFFICE },
  {
    id: 'assignDeputyToStation',
    method: 'POST',
    prep: async (c) => ({ url: `${C(c)}/deputies/${(await ok('POST', `${C(c)}/deputies`, { name: `编入${uniq()}`, level: 'city' })).id}/stations`, body: { stationId: F(c).station } }),
    allowed: OFFICE,
  },
  {
    id: 'removeDeputyFromStation',
    method: 'DELETE',
    prep: async (c) => {
      const d = await ok('POST', `${C(c)}/deputies`, { name: `移出${uniq()}`, level: 'city' });
      await ok('POST', `${C(c)}/deputies/${d.id}/stations`, { stationId: F(c).station });
      return { url: `${C(c)}/deputies/${d.id}/stations/${F(c).station}` };
    },
    allowed: OFFICE,
  },
  {
    id: 'recordDutyActivity',
    method: 'POST',
    prep: async (c) => ({ url: `${C(c)}/duty-activities`, body: { deputyId: F(c).deputy, kind: 'station_visit', date: today(), stationId: F(c).station, title: '进站', evidence: [{ kind: 'sign_in' }] } }),
    allowed: ['admin', 'office', 'deputy', 'station_staff'],
  },
  { id: 'setDutyScoring', method: 'PUT', prep: async (c) => ({ url: `${C(c)}/duty-scoring`, body: { entries: [{ kind: 'meeting', points: 1 }] } }), allowed: OFFICE },
  { id: 'getDeputyArchive', method: 'GET', prep: async (c) => ({ url: `${C(c)}/deputies/${F(c).deputy}/archive` }), allowed: ['admin', 'office', 'chair', 'deputy', 'station_staff'] },
  { id: 'listDutyCompliance', method: 'GET', prep: async (c) => ({ url: `${C(c)}/duty-compliance` }), allowed: ['admin', 'office', 'chair'] },

  // ---- calendar ----
  { id: 'getWorkingCalendar', method: 'GET', prep: async (c) => ({ url: `${C(c)}/calendar?from=2026-01-01&to=2026-01-31` }), allowed: 'public' },
  { id: 'listCalendarOverrides', method: 'GET', prep: async (c) => ({ url: `${C(c)}/calendar/overrides` }), allowed: 'public' },
  { id: 'computeDeadline', method: 'GET', prep: async (c) => ({ url: `${C(c)}/calendar/deadline?from=2026-01-05&workingDays=10` }), allowed: 'public' },
  { id: 'setCalendarOverride', method: 'PUT', prep: async (c) => ({ url: `${C(c)}/calendar/overrides/2031-0${1 + (seq++ % 9)}-1${seq % 9}`, body: { working: false } }), allowed: OFFICE },
  {
    id: 'deleteCalendarOverride',
    method: 'DELETE',
    prep: async (c) => {
      const d = `2032-0${1 + (seq++ % 9)}-0${1 + (seq++ % 9)}`;
      await ok('PUT', `${C(c)}/calendar/overrides/${d}`, { working: false });
      return { url: `${C(c)}/calendar/overrides/${d}` };
    },
    allowed: OFFICE,
  },
];

for (const op of OPS) {
  void test(`authorization matrix: ${op.id}`, async () => {
    const failures: string[] = [];
    const check = async (who: string, token: string | undefined, cid: string, expected: number | 'ok') => {
      const { url, body, rawBody, headers } = await op.prep(cid);
      const r = await t.request(op.method, url, { token, body, ...(rawBody !== undefined ? { rawBody } : {}), ...(headers ? { headers } : {}) });
      const good = expected === 'ok' ? r.status >= 200 && r.status < 300 : r.status === expected;
      if (!good) failures.push(`${who} on ${cid === otherId ? 'other' : 'own'} congress: expected ${expected}, got ${r.status} ${JSON.stringify(r.body)}`);
    };
    await check('public', undefined, t.hebiId, op.allowed === 'public' ? 'ok' : 401);
    for (const role of ROLES) {
      const token = tokens.get(role)!;
      await check(role, token, t.hebiId, op.allowed === 'public' || op.allowed.includes(role) ? 'ok' : 403);
      await check(role, token, otherId, op.allowed === 'public' ? 'ok' : 404);
    }
    assert.deepEqual(failures, []);
  });
}

void test('the matrix covers every operation tagged opinions, stations, deputies or calendar', async () => {
  const doc = (await t.request('GET', '/api/v1/openapi.json')).body;
  const covered = new Set(OPS.map((o) => o.id));
  const mine = ['opinions', 'stations', 'deputies', 'calendar'];
  const missing: string[] = [];
  for (const methods of Object.values(doc.paths as Record<string, Record<string, { operationId: string; tags?: string[] }>>)) {
    for (const spec of Object.values(methods)) {
      if (spec.tags?.some((tag) => mine.includes(tag)) && !covered.has(spec.operationId)) missing.push(spec.operationId);
    }
  }
  assert.deepEqual(missing, []);
});

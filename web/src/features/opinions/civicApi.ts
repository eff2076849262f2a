// The citizens' opinions, liaison stations and deputies API as the portal and the desks use it.
// Types come from the zod schemas in contracts/ (types only, so zod stays out of the bundle).
import type { z } from 'zod';
import type * as D from '../../../../contracts/deputies.ts';
import type * as O from '../../../../contracts/opinions.ts';
import type * as S from '../../../../contracts/stations.ts';
import { request } from '../../api.ts';
import './civic.css';

export type OpinionStatusView = z.infer<typeof O.OpinionStatusView>;
export type OpinionSummary = z.infer<typeof O.OpinionSummary>;
export type OpinionDetail = z.infer<typeof O.OpinionDetail>;
export type OpinionPage = z.infer<typeof O.OpinionPage>;
export type QueueItem = z.infer<typeof O.QueueItem>;
export type OverdueByUnit = z.infer<typeof O.OverdueByUnit>;
export type OverdueList = z.infer<typeof O.OverdueList>;
export type OpinionStatistics = z.infer<typeof O.OpinionStatistics>;
export type MyDesk = z.infer<typeof O.MyDesk>;
export type PendingPhoneCode = z.infer<typeof O.PendingPhoneCode>;
export type SubmitOpinionRequest = z.input<typeof O.SubmitOpinion>;
export type ClassifyRequest = z.input<typeof O.ClassifyOpinion>;
export type RouteRequest = z.input<typeof O.RouteOpinion>;
export type RelayRequest = z.input<typeof O.RelayReply>;
export type FeedbackMethod = z.infer<typeof O.FeedbackMethod>;
export type OpinionStatus = z.infer<typeof O.OpinionStatus>;
export type OpinionAlert = z.infer<typeof O.Alert>;
export type RoutingCategory = z.infer<typeof O.RoutingCategory>;
export type IntakeSettings = z.infer<typeof O.IntakeSettings>;
export type SetIntakeSettingsRequest = z.input<typeof O.SetIntakeSettings>;
export type IntakeBlock = z.infer<typeof O.IntakeBlock>;
export type CreateIntakeBlockRequest = z.input<typeof O.CreateIntakeBlock>;
export type ImportResult = z.infer<typeof S.ImportResult>;
export type Station = z.infer<typeof S.Station>;
export type StationPage = z.infer<typeof S.StationPage>;
export type StationEvent = z.infer<typeof S.StationEvent>;
export type ServiceDay = z.infer<typeof S.ServiceDay>;
export type CreateEventRequest = z.input<typeof S.CreateEvent>;
export type EventOutcomeRequest = z.input<typeof S.EventOutcome>;
export type Deputy = z.infer<typeof D.Deputy>;
export type DeputyArchive = z.infer<typeof D.DeputyArchive>;
export type RecordDutyRequest = z.input<typeof D.RecordDuty>;
export type DutyKind = z.infer<typeof D.DutyKind>;
export type DeputyLevel = z.infer<typeof D.DeputyLevel>;
export type CreateDeputyRequest = z.input<typeof D.CreateDeputy>;
export type UpdateDeputyRequest = z.input<typeof D.UpdateDeputy>;

const id = encodeURIComponent;
const cp = (congressId: string): string => `/congresses/${id(congressId)}`;

export const opinionsApi = {
  submit: (body: SubmitOpinionRequest) => request<{ trackingCode: string }>('POST', '/opinions', body),
  requestCode: (congressId: string, phone: string) => request<{ via: 'sms' | 'office'; expiresAt: string }>('POST', '/opinions/phone-codes', { congressId, phone }),
  status: (code: string) => request<OpinionStatusView>('GET', `/opinions/status/${id(code)}`),
  rate: (trackingCode: string, satisfied: boolean, reason?: string) =>
    request<OpinionStatusView>('POST', '/opinions/rating', { trackingCode, satisfied, ...(reason ? { reason } : {}) }),
  statistics: (congressId: string, year?: number) => request<OpinionStatistics>('GET', `${cp(congressId)}/opinion-statistics`, undefined, { year }),
  list: (congressId: string, q: { status?: OpinionStatus | undefined; stationId?: string | undefined; limit?: number } = {}) =>
    request<OpinionPage>('GET', `${cp(congressId)}/opinions`, undefined, q),
  get: (congressId: string, opinionId: string) => request<OpinionDetail>('GET', `${cp(congressId)}/opinions/${id(opinionId)}`),
  classify: (congressId: string, opinionId: string, body: ClassifyRequest) => request<OpinionDetail>('POST', `${cp(congressId)}/opinions/${id(opinionId)}/classify`, body),
  route: (congressId: string, opinionId: string, body: RouteRequest) => request<OpinionDetail>('POST', `${cp(congressId)}/opinions/${id(opinionId)}/route`, body),
  decline: (congressId: string, opinionId: string, unitId: string, reason: string) =>
    request<undefined>('POST', `${cp(congressId)}/opinions/${id(opinionId)}/decline`, { unitId, reason }),
  extend: (congressId: string, opinionId: string, unitId: string, explanation: string) =>
    request<OpinionDetail>('POST', `${cp(congressId)}/opinions/${id(opinionId)}/extend`, { unitId, explanation }),
  reply: (congressId: string, opinionId: string, body: { unitId: string; text: string; grade?: 'A' | 'B' | 'C' | 'D' }) =>
    request<{ issued: boolean }>('POST', `${cp(congressId)}/opinions/${id(opinionId)}/replies`, body),
  signOff: (congressId: string, opinionId: string, groupId: string) => request<{ issued: boolean }>('POST', `${cp(congressId)}/opinions/${id(opinionId)}/replies/${id(groupId)}/sign-off`),
  relay: (congressId: string, opinionId: string, body: RelayRequest) => request<OpinionDetail>('POST', `${cp(congressId)}/opinions/${id(opinionId)}/relay`, body),
  queue: (congressId: string, unitId: string, state?: 'active' | 'replied' | 'declined' | 'withdrawn') =>
    request<QueueItem[]>('GET', `${cp(congressId)}/units/${id(unitId)}/opinions`, undefined, { state }),
  overdue: (congressId: string, unitId?: string) => request<OverdueList>('GET', `${cp(congressId)}/opinions/overdue`, undefined, { unitId }),
  overdueByUnit: (congressId: string) => request<OverdueByUnit>('GET', `${cp(congressId)}/opinions/overdue-by-unit`),
  myDesk: (congressId: string) => request<MyDesk>('GET', `${cp(congressId)}/my-desk`),
  phoneCodes: (congressId: string) => request<PendingPhoneCode[]>('GET', `${cp(congressId)}/phone-codes`),
  markKey: (congressId: string, opinionId: string, isKey: boolean) => request<OpinionDetail>('POST', `${cp(congressId)}/opinions/${id(opinionId)}/key`, { isKey }),
  conclude: (congressId: string, opinionId: string, conclusion: string) => request<OpinionDetail>('POST', `${cp(congressId)}/opinions/${id(opinionId)}/evaluation`, { conclusion }),
  followThrough: (congressId: string, opinionId: string, unitId: string, text: string) =>
    request<OpinionDetail>('POST', `${cp(congressId)}/opinions/${id(opinionId)}/follow-through`, { unitId, text }),
  alerts: (congressId: string, open?: boolean) => request<OpinionAlert[]>('GET', `${cp(congressId)}/opinions/alerts`, undefined, { open: open === undefined ? undefined : String(open) }),
  acknowledge: (congressId: string, alertId: string) => request<undefined>('POST', `${cp(congressId)}/opinion-alerts/${id(alertId)}/ack`),
  categories: (congressId: string) => request<RoutingCategory[]>('GET', `${cp(congressId)}/routing-categories`),
  setCategory: (congressId: string, category: string, leadUnitId: string, coUnitIds: string[]) =>
    request<RoutingCategory>('PUT', `${cp(congressId)}/routing-categories/${id(category)}`, { leadUnitId, coUnitIds }),
  deleteCategory: (congressId: string, category: string) => request<undefined>('DELETE', `${cp(congressId)}/routing-categories/${id(category)}`),
  intakeSettings: (congressId: string) => request<IntakeSettings>('GET', `${cp(congressId)}/intake-settings`),
  setIntakeSettings: (congressId: string, body: SetIntakeSettingsRequest) => request<IntakeSettings>('PUT', `${cp(congressId)}/intake-settings`, body),
  blocks: (congressId: string) => request<IntakeBlock[]>('GET', `${cp(congressId)}/intake-blocks`),
  block: (congressId: string, body: CreateIntakeBlockRequest) => request<IntakeBlock>('POST', `${cp(congressId)}/intake-blocks`, body),
  unblock: (congressId: string, blockId: string) => request<undefined>('DELETE', `${cp(congressId)}/intake-blocks/${id(blockId)}`),
};

export const stationsApi = {
  list: (congressId: string) => request<Station[]>('GET', `${cp(congressId)}/stations`),
  page: (congressId: string, stationId: string) => request<StationPage>('GET', `${cp(congressId)}/stations/${id(stationId)}`),
  events: (congressId: string, stationId: string, from?: string, to?: string) =>
    request<StationEvent[]>('GET', `${cp(congressId)}/stations/${id(stationId)}/events`, undefined, { from, to }),
  serviceDays: (congressId: string, from: string, to: string) => request<ServiceDay[]>('GET', `${cp(congressId)}/service-days`, undefined, { from, to }),
  createEvent: (congressId: string, stationId: string, body: CreateEventRequest) => request<{ id: string }>('POST', `${cp(congressId)}/stations/${id(stationId)}/events`, body),
  signUp: (congressId: string, eventId: string) => request<undefined>('POST', `${cp(congressId)}/station-events/${id(eventId)}/signups`, {}),
  outcome: (congressId: string, eventId: string, body: EventOutcomeRequest) => request<undefined>('POST', `${cp(congressId)}/station-events/${id(eventId)}/outcome`, body),
  importCsv: (congressId: string, csv: string) => request<ImportResult>('POST', `${cp(congressId)}/stations/import`, { csv }),
};

export const deputiesApi = {
  list: (congressId: string, stationId?: string) => request<Deputy[]>('GET', `${cp(congressId)}/deputies`, undefined, { stationId }),
  archive: (congressId: string, deputyId: string, year?: number) => request<DeputyArchive>('GET', `${cp(congressId)}/deputies/${id(deputyId)}/archive`, undefined, { year }),
  recordDuty: (congressId: string, body: RecordDutyRequest) => request<{ id: string }>('POST', `${cp(congressId)}/duty-activities`, body),
  roster: (congressId: string, q: { level?: DeputyLevel | undefined; status?: 'active' | 'ended' | undefined } = {}) => request<Deputy[]>('GET', `${cp(congressId)}/deputies`, undefined, q),
  create: (congressId: string, body: CreateDeputyRequest) => request<Deputy>('POST', `${cp(congressId)}/deputies`, body),
  update: (congressId: string, deputyId: string, body: UpdateDeputyRequest) => request<Deputy>('PATCH', `${cp(congressId)}/deputies/${id(deputyId)}`, body),
  end: (congressId: string, deputyId: string, endDate: string, reason?: string) =>
    request<undefined>('POST', `${cp(congressId)}/deputies/${id(deputyId)}/end`, { endDate, ...(reason ? { reason } : {}) }),
  assignStation: (congressId: string, deputyId: string, stationId: string) => request<Deputy>('POST', `${cp(congressId)}/deputies/${id(deputyId)}/stations`, { stationId }),
  removeStation: (congressId: string, deputyId: string, stationId: string) => request<undefined>('DELETE', `${cp(congressId)}/deputies/${id(deputyId)}/stations/${id(stationId)}`),
};

/** A tracking code as the citizen was given it: ABCD-EFGH-JKMN. */
export const fmtCode = (code: string): string => code.replace(/^(.{4})-?(.{4})-?(.{4})$/, '$1-$2-$3');

/** Today as a local date in China (YYYY-MM-DD). */
export const todayLocal = (): string => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
export const addDaysLocal = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

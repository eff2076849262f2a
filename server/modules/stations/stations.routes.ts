import { z } from 'zod';
import { CongressParams, Id } from '../../../contracts/congress.ts';
import {
  AddStaff,
  CreateEvent,
  CreateStation,
  EventOutcome,
  EventsQuery,
  ImportResult,
  ImportStations,
  ReceptionCompliance,
  ScheduleServiceDays,
  ServiceDay,
  ServiceDaysQuery,
  SignUp,
  Station,
  StationEvent,
  StationKind,
  StationPage,
  UpdateEvent,
  UpdateStation,
} from '../../../contracts/stations.ts';
import { ctxOf, noContent, type RouteModule } from '../../platform/http.ts';
import {
  addStationStaff,
  cancelStationEvent,
  createStation,
  createStationEvent,
  importStations,
  recordEventOutcome,
  removeStationStaff,
  scheduleServiceDays,
  signUpForEvent,
  updateStation,
  updateStationEvent,
  withdrawSignup,
} from './stations.commands.ts';
import { getReceptionCompliance, getStationPage, listServiceDays, listStationEvents, listStations, stationCalendar } from './stations.queries.ts';

const tags = ['stations'];
const base = '/api/v1/congresses/:congressId';
const StationParams = z.object({ congressId: Id, stationId: Id }).strict();
const EventParams = z.object({ congressId: Id, eventId: Id }).strict();

export const stationRoutes: RouteModule = (app, deps) => {
  const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(deps, req);

  app.get(
    `${base}/stations`,
    { schema: { operationId: 'listStations', tags, params: CongressParams, querystring: z.object({ kind: StationKind.optional(), all: z.enum(['true', 'false']).optional() }).strict(), response: { 200: z.array(Station) } } },
    (req) => listStations(ctx(req), req.params.congressId, req.query),
  );
  app.post(`${base}/stations`, { schema: { operationId: 'createStation', tags, params: CongressParams, body: CreateStation, response: { 201: StationPage } } }, async (req, reply) => {
    const id = await createStation(ctx(req), req.params.congressId, req.body);
    return reply.code(201).send(await getStationPage(ctx(req), req.params.congressId, id));
  });
  app.post(`${base}/stations/import`, { schema: { operationId: 'importStations', tags, params: CongressParams, body: ImportStations, response: { 200: ImportResult } } }, (req) =>
    importStations(ctx(req), req.params.congressId, req.body.csv),
  );
  app.get(`${base}/stations/:stationId`, { schema: { operationId: 'getStationPage', tags, params: StationParams, response: { 200: StationPage } } }, (req) =>
    getStationPage(ctx(req), req.params.congressId, req.params.stationId),
  );
  app.patch(`${base}/stations/:stationId`, { schema: { operationId: 'updateStation', tags, params: StationParams, body: UpdateStation, response: { 200: StationPage } } }, async (req) => {
    await updateStation(ctx(req), req.params.congressId, req.params.stationId, req.body);
    return getStationPage(ctx(req), req.params.congressId, req.params.stationId);
  });
  app.post(`${base}/stations/:stationId/staff`, { schema: { operationId: 'addStationStaff', tags, params: StationParams, body: AddStaff, response: { 201: z.object({ id: Id }) } } }, async (req, reply) =>
    reply.code(201).send({ id: await addStationStaff(ctx(req), req.params.congressId, req.params.stationId, req.body) }),
  );
  app.delete(
    `${base}/stations/:stationId/staff/:staffId`,
    { schema: { operationId: 'removeStationStaff', tags, params: z.object({ congressId: Id, stationId: Id, staffId: Id }).strict() } },
    async (req, reply) => {
      await removeStationStaff(ctx(req), req.params.congressId, req.params.stationId, req.params.staffId);
      return noContent(reply);
    },
  );

  // ---- events, the service day and the iCalendar feed ----------------------------------------
  app.get(`${base}/service-days`, { schema: { operationId: 'listServiceDays', tags, params: CongressParams, querystring: ServiceDaysQuery, response: { 200: z.array(ServiceDay) } } }, (req) =>
    listServiceDays(ctx(req), req.params.congressId, req.query.from, req.query.to),
  );
  app.get(`${base}/stations/:stationId/events`, { schema: { operationId: 'listStationEvents', tags, params: StationParams, querystring: EventsQuery, response: { 200: z.array(StationEvent) } } }, (req) =>
    listStationEvents(ctx(req), req.params.congressId, req.params.stationId, req.query),
  );
  app.post(`${base}/stations/:stationId/events`, { schema: { operationId: 'createStationEvent', tags, params: StationParams, body: CreateEvent, response: { 201: z.object({ id: Id }) } } }, async (req, reply) =>
    reply.code(201).send({ id: await createStationEvent(ctx(req), req.params.congressId, req.params.stationId, req.body) }),
  );
  app.post(
    `${base}/stations/:stationId/service-days`,
    { schema: { operationId: 'scheduleServiceDays', tags, params: StationParams, body: ScheduleServiceDays, response: { 200: z.object({ created: z.array(Id), skipped: z.array(z.object({ date: z.string(), reason: z.string() })) }) } } },
    (req) => scheduleServiceDays(ctx(req), req.params.congressId, req.params.stationId, req.body),
  );
  app.get(`${base}/stations/:stationId/calendar.ics`, { schema: { operationId: 'getStationCalendar', tags, params: StationParams } }, async (req, reply) =>
    reply.type('text/calendar; charset=utf-8').header('cache-control', 'public, max-age=300').send(await stationCalendar(ctx(req), req.params.congressId, req.params.stationId)),
  );
  app.get(
    `${base}/stations/:stationId/reception-compliance`,
    { schema: { operationId: 'getReceptionCompliance', tags, params: StationParams, querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict(), response: { 200: ReceptionCompliance } } },
    (req) => getReceptionCompliance(ctx(req), req.params.congressId, req.params.stationId, req.query.year),
  );
  app.patch(`${base}/station-events/:eventId`, { schema: { operationId: 'updateStationEvent', tags, params: EventParams, body: UpdateEvent } }, async (req, reply) => {
    await updateStationEvent(ctx(req), req.params.congressId, req.params.eventId, req.body);
    return noContent(reply);
  });
  app.post(`${base}/station-events/:eventId/cancel`, { schema: { operationId: 'cancelStationEvent', tags, params: EventParams } }, async (req, reply) => {
    await cancelStationEvent(ctx(req), req.params.congressId, req.params.eventId);
    return noContent(reply);
  });
  app.post(`${base}/station-events/:eventId/signups`, { schema: { operationId: 'signUpForEvent', tags, params: EventParams, body: SignUp } }, async (req, reply) => {
    await signUpForEvent(ctx(req), req.params.congressId, req.params.eventId, req.body.deputyId);
    return noContent(reply);
  });
  app.delete(
    `${base}/station-events/:eventId/signups/:deputyId`,
    { schema: { operationId: 'withdrawSignup', tags, params: z.object({ congressId: Id, eventId: Id, deputyId: Id }).strict() } },
    async (req, reply) => {
      await withdrawSignup(ctx(req), req.params.congressId, req.params.eventId, req.params.deputyId);
      return noContent(reply);
    },
  );
  app.post(`${base}/station-events/:eventId/outcome`, { schema: { operationId: 'recordEventOutcome', tags, params: EventParams, body: EventOutcome } }, async (req, reply) => {
    await recordEventOutcome(ctx(req), req.params.congressId, req.params.eventId, req.body);
    return noContent(reply);
  });
};

import { z } from 'zod';
import { CongressParams, Id } from '../../../contracts/congress.ts';
import {
  AssignStation,
  ComplianceRow,
  CreateDeputy,
  Deputy,
  DeputyArchive,
  EndDeputy,
  ListDeputiesQuery,
  RecordDuty,
  ScoringEntry,
  SetScoring,
  UpdateDeputy,
  YearQuery,
} from '../../../contracts/deputies.ts';
import { piiCtxOf } from '../../platform/crypto/context.ts';
import { type RouteModule, noContent } from '../../platform/http.ts';
import { assignDeputyToStation, createDeputy, endDeputy, recordDutyActivity, removeDeputyFromStation, setDutyScoring, updateDeputy } from './deputies.commands.ts';
import { getDeputy, getDeputyArchive, getDutyScoring, listDeputies, listDutyCompliance } from './deputies.queries.ts';

const tags = ['deputies'];
const base = '/api/v1/congresses/:congressId';
const DeputyParams = z.object({ congressId: Id, deputyId: Id }).strict();

export const deputyRoutes: RouteModule = (app, deps) => {
  const ctx = (req: Parameters<typeof piiCtxOf>[1]) => piiCtxOf(deps, req);

  app.get(`${base}/deputies`, { schema: { operationId: 'listDeputies', tags, params: CongressParams, querystring: ListDeputiesQuery, response: { 200: z.array(Deputy) } } }, (req) =>
    listDeputies(ctx(req), req.params.congressId, req.query),
  );
  app.post(`${base}/deputies`, { schema: { operationId: 'createDeputy', tags, params: CongressParams, body: CreateDeputy, response: { 201: Deputy } } }, async (req, reply) => {
    const id = await createDeputy(ctx(req), req.params.congressId, req.body);
    return reply.code(201).send(await getDeputy(ctx(req), req.params.congressId, id));
  });
  app.get(`${base}/deputies/:deputyId`, { schema: { operationId: 'getDeputy', tags, params: DeputyParams, response: { 200: Deputy } } }, (req) =>
    getDeputy(ctx(req), req.params.congressId, req.params.deputyId),
  );
  app.patch(`${base}/deputies/:deputyId`, { schema: { operationId: 'updateDeputy', tags, params: DeputyParams, body: UpdateDeputy, response: { 200: Deputy } } }, async (req) => {
    await updateDeputy(ctx(req), req.params.congressId, req.params.deputyId, req.body);
    return getDeputy(ctx(req), req.params.congressId, req.params.deputyId);
  });
  app.post(`${base}/deputies/:deputyId/end`, { schema: { operationId: 'endDeputy', tags, params: DeputyParams, body: EndDeputy } }, async (req, reply) => {
    await endDeputy(ctx(req), req.params.congressId, req.params.deputyId, req.body);
    return noContent(reply);
  });
  app.post(`${base}/deputies/:deputyId/stations`, { schema: { operationId: 'assignDeputyToStation', tags, params: DeputyParams, body: AssignStation, response: { 200: Deputy } } }, async (req) => {
    await assignDeputyToStation(ctx(req), req.params.congressId, req.params.deputyId, req.body);
    return getDeputy(ctx(req), req.params.congressId, req.params.deputyId);
  });
  app.delete(
    `${base}/deputies/:deputyId/stations/:stationId`,
    { schema: { operationId: 'removeDeputyFromStation', tags, params: z.object({ congressId: Id, deputyId: Id, stationId: Id }).strict() } },
    async (req, reply) => {
      await removeDeputyFromStation(ctx(req), req.params.congressId, req.params.deputyId, req.params.stationId);
      return noContent(reply);
    },
  );

  // ---- duty register and points ----------------------------------------------------------------
  app.post(`${base}/duty-activities`, { schema: { operationId: 'recordDutyActivity', tags, params: CongressParams, body: RecordDuty, response: { 201: z.object({ id: Id }) } } }, async (req, reply) =>
    reply.code(201).send({ id: await recordDutyActivity(ctx(req), req.params.congressId, req.body) }),
  );
  app.get(`${base}/duty-scoring`, { schema: { operationId: 'getDutyScoring', tags, params: CongressParams, response: { 200: z.array(ScoringEntry) } } }, (req) =>
    getDutyScoring(ctx(req), req.params.congressId),
  );
  app.put(`${base}/duty-scoring`, { schema: { operationId: 'setDutyScoring', tags, params: CongressParams, body: SetScoring, response: { 200: z.array(ScoringEntry) } } }, async (req) => {
    await setDutyScoring(ctx(req), req.params.congressId, req.body);
    return getDutyScoring(ctx(req), req.params.congressId);
  });
  app.get(
    `${base}/deputies/:deputyId/archive`,
    { schema: { operationId: 'getDeputyArchive', tags, params: DeputyParams, querystring: YearQuery.pick({ year: true }), response: { 200: DeputyArchive } } },
    (req) => getDeputyArchive(ctx(req), req.params.congressId, req.params.deputyId, req.query.year),
  );
  app.get(`${base}/duty-compliance`, { schema: { operationId: 'listDutyCompliance', tags, params: CongressParams, querystring: YearQuery, response: { 200: z.array(ComplianceRow) } } }, (req) =>
    listDutyCompliance(ctx(req), req.params.congressId, req.query.year, req.query.level),
  );
};

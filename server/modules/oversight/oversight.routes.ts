import { z } from 'zod';
import { CongressParams, Id } from '../../../contracts/congress.ts';
import {
  AnswerInterpellation,
  AnswerOpinionLetter,
  CreateOpinionLetter,
  CreateReport,
  OpinionLetter,
  Report,
  CreateInterpellation,
  CreateRectificationItems,
  Interpellation,
  InterpellationParams,
  RectificationItem,
  RectificationSummary,
  RectificationSummaryQuery,
  RouteInterpellation,
  UpdateRectificationItem,
} from '../../../contracts/oversight.ts';
import { ctxOf, noContent, type RouteModule } from '../../platform/http.ts';
import { answerInterpellation, createInterpellation, createRectificationItems, routeInterpellation, updateRectificationItem } from './oversight.commands.ts';
import { getInterpellation, getRectificationSummary, listOpinionLetters, listRectificationItems, listReports } from './oversight.queries.ts';
import { answerOpinionLetter, createOpinionLetter, createReport } from './reports.commands.ts';

const tags = ['oversight'];

export const oversightRoutes: RouteModule = (app, deps) => {
  const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(deps, req);

  app.post('/api/v1/interpellations', { schema: { operationId: 'createInterpellation', tags, body: CreateInterpellation, response: { 201: Interpellation } } }, async (req, reply) => {
    const id = await createInterpellation(ctx(req), req.body);
    return reply.code(201).send(await getInterpellation(ctx(req), id));
  });
  app.get('/api/v1/interpellations/:interpellationId', { schema: { operationId: 'getInterpellation', tags, params: InterpellationParams, response: { 200: Interpellation } } }, (req) =>
    getInterpellation(ctx(req), req.params.interpellationId),
  );
  app.post(
    '/api/v1/interpellations/:interpellationId/route',
    { schema: { operationId: 'routeInterpellation', tags, params: InterpellationParams, body: RouteInterpellation, response: { 200: Interpellation } } },
    async (req) => {
      await routeInterpellation(ctx(req), req.params.interpellationId, req.body);
      return getInterpellation(ctx(req), req.params.interpellationId);
    },
  );
  app.post(
    '/api/v1/interpellations/:interpellationId/answer',
    { schema: { operationId: 'answerInterpellation', tags, params: InterpellationParams, body: AnswerInterpellation, response: { 200: Interpellation } } },
    async (req) => {
      await answerInterpellation(ctx(req), req.params.interpellationId, req.body);
      return getInterpellation(ctx(req), req.params.interpellationId);
    },
  );

  const base = '/api/v1/congresses/:congressId';
  app.post(
    `${base}/rectification-items`,
    { schema: { operationId: 'createRectificationItems', tags, params: CongressParams, body: CreateRectificationItems, response: { 201: z.object({ created: z.number().int() }) } } },
    async (req, reply) => reply.code(201).send({ created: await createRectificationItems(ctx(req), req.params.congressId, req.body) }),
  );
  app.get(
    `${base}/rectification-items`,
    { schema: { operationId: 'listRectificationItems', tags, params: CongressParams, querystring: z.object({ reportId: z.string().min(1).max(64).optional() }).strict(), response: { 200: z.array(RectificationItem) } } },
    (req) => listRectificationItems(ctx(req), req.params.congressId, req.query.reportId),
  );
  app.patch(
    `${base}/rectification-items/:itemId`,
    { schema: { operationId: 'updateRectificationItem', tags, params: z.object({ congressId: Id, itemId: Id }).strict(), body: UpdateRectificationItem } },
    async (req, reply) => {
      await updateRectificationItem(ctx(req), req.params.congressId, req.params.itemId, req.body);
      return noContent(reply);
    },
  );
  app.get(
    `${base}/rectification-summary`,
    { schema: { operationId: 'getRectificationSummary', tags, params: CongressParams, querystring: RectificationSummaryQuery, response: { 200: RectificationSummary } } },
    (req) => getRectificationSummary(ctx(req), req.params.congressId, req.query),
  );

  app.post(`${base}/reports`, { schema: { operationId: 'createReport', tags, params: CongressParams, body: CreateReport, response: { 201: z.object({ id: Id }) } } }, async (req, reply) =>
    reply.code(201).send({ id: await createReport(ctx(req), req.params.congressId, req.body) }),
  );
  app.get(
    `${base}/reports`,
    { schema: { operationId: 'listReports', tags, params: CongressParams, querystring: z.object({ meetingId: Id.optional() }).strict(), response: { 200: z.array(Report) } } },
    (req) => listReports(ctx(req), req.params.congressId, req.query.meetingId),
  );
  app.post(
    `${base}/opinion-letters`,
    { schema: { operationId: 'createOpinionLetter', tags, params: CongressParams, body: CreateOpinionLetter, response: { 201: z.object({ id: Id }) } } },
    async (req, reply) => reply.code(201).send({ id: await createOpinionLetter(ctx(req), req.params.congressId, req.body) }),
  );
  app.get(
    `${base}/opinion-letters`,
    {
      schema: {
        operationId: 'listOpinionLetters',
        tags,
        params: CongressParams,
        querystring: z.object({ overdue: z.enum(['true', 'false']).optional() }).strict(),
        response: { 200: z.array(OpinionLetter) },
      },
    },
    (req) => listOpinionLetters(ctx(req), req.params.congressId, { overdue: req.query.overdue === undefined ? undefined : req.query.overdue === 'true' }),
  );
  app.post(
    `${base}/opinion-letters/:letterId/answer`,
    { schema: { operationId: 'answerOpinionLetter', tags, params: z.object({ congressId: Id, letterId: Id }).strict(), body: AnswerOpinionLetter } },
    async (req, reply) => {
      await answerOpinionLetter(ctx(req), req.params.congressId, req.params.letterId, req.body);
      return noContent(reply);
    },
  );
};

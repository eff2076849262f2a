import { z } from 'zod';
import { CongressParams, Id } from '../../../contracts/congress.ts';
import {
  AnswerInterpellation,
  AnswerOpinionLetter,
  CreateOpinionLetter,
  CreateReport,
  OpinionLetter,
  RecordReportOutcome,
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
  CreateFollowupResult,
  DashboardQuery,
  FollowupQuery,
  FollowupReminder,
  FollowupResult,
  FollowupRun,
  OverdueDashboard,
  RunFollowups,
  UpdateFollowupProgress,
  ConcludeInvestigation,
  CreateInvestigation,
  CreateSpecialInquiry,
  Investigation,
  RecordInquiryQa,
  ReportInquiry,
  ReportInvestigation,
  SendInquiryOpinions,
  SpecialInquiry,
} from '../../../contracts/oversight.ts';
import {
  concludeInvestigation,
  createInvestigation,
  createSpecialInquiry,
  listInvestigations,
  listSpecialInquiries,
  recordInquiryQa,
  reportInquiry,
  reportInvestigation,
  sendInquiryOpinions,
} from './inquiries.commands.ts';
import { ctxOf, noContent, type RouteModule } from '../../platform/http.ts';
import { answerInterpellation, createInterpellation, createRectificationItems, routeInterpellation, updateRectificationItem } from './oversight.commands.ts';
import { getInterpellation, listInterpellations, getRectificationSummary, listOpinionLetters, listRectificationItems, listReports } from './oversight.queries.ts';
import { answerOpinionLetter, createOpinionLetter, createReport, recordReportOutcome } from './reports.commands.ts';
import { createFollowupResult, runFollowupsFor, scheduleFollowupJob, updateFollowupProgress } from './followup.commands.ts';
import { getFollowupTree, getOverdueDashboard, listFollowupReminders } from './followup.queries.ts';

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
  app.get(
    `${base}/interpellations`,
    { schema: { operationId: 'listInterpellations', tags, params: CongressParams, querystring: z.object({ meetingId: Id.optional() }).strict(), response: { 200: z.array(Interpellation) } } },
    (req) => listInterpellations(ctx(req), req.params.congressId, req.query.meetingId),
  );
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
    `${base}/reports/:reportId/outcome`,
    { schema: { operationId: 'recordReportOutcome', tags, params: z.object({ congressId: Id, reportId: Id }).strict(), body: RecordReportOutcome } },
    async (req, reply) => {
      await recordReportOutcome(ctx(req), req.params.congressId, req.params.reportId, req.body);
      return noContent(reply);
    },
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

  // Follow-through: the progress tree, the overdue dashboard, reminders and the job that makes them.
  app.post(
    `${base}/followup-results`,
    { schema: { operationId: 'createFollowupResult', tags, params: CongressParams, body: CreateFollowupResult, response: { 201: z.object({ id: Id }) } } },
    async (req, reply) => reply.code(201).send({ id: await createFollowupResult(ctx(req), req.params.congressId, req.body) }),
  );
  app.get(
    `${base}/followup-results`,
    { schema: { operationId: 'getFollowupTree', tags, params: CongressParams, querystring: FollowupQuery, response: { 200: z.array(FollowupResult) } } },
    (req) => getFollowupTree(ctx(req), req.params.congressId, req.query),
  );
  app.patch(
    `${base}/followup-results/:resultId`,
    { schema: { operationId: 'updateFollowupProgress', tags, params: z.object({ congressId: Id, resultId: Id }).strict(), body: UpdateFollowupProgress } },
    async (req, reply) => {
      await updateFollowupProgress(ctx(req), req.params.congressId, req.params.resultId, req.body);
      return noContent(reply);
    },
  );
  app.get(
    `${base}/overdue-dashboard`,
    { schema: { operationId: 'getOverdueDashboard', tags, params: CongressParams, querystring: DashboardQuery, response: { 200: OverdueDashboard } } },
    (req) => getOverdueDashboard(ctx(req), req.params.congressId, req.query),
  );
  app.get(
    `${base}/followup-reminders`,
    { schema: { operationId: 'listFollowupReminders', tags, params: CongressParams, response: { 200: z.array(FollowupReminder) } } },
    (req) => listFollowupReminders(ctx(req), req.params.congressId),
  );
  app.post(
    `${base}/followup-run`,
    { schema: { operationId: 'runFollowups', tags, params: CongressParams, body: RunFollowups, response: { 200: FollowupRun } } },
    (req) => runFollowupsFor(ctx(req), req.params.congressId, req.body.asOf),
  );
  scheduleFollowupJob(app, deps);

  // Special inquiries and work evaluations (R-O5); investigation committees (R-B11).
  app.post(
    `${base}/special-inquiries`,
    { schema: { operationId: 'createSpecialInquiry', tags, params: CongressParams, body: CreateSpecialInquiry, response: { 201: z.object({ id: Id }) } } },
    async (req, reply) => reply.code(201).send({ id: await createSpecialInquiry(ctx(req), req.params.congressId, req.body) }),
  );
  app.get(`${base}/special-inquiries`, { schema: { operationId: 'listSpecialInquiries', tags, params: CongressParams, response: { 200: z.array(SpecialInquiry) } } }, (req) =>
    listSpecialInquiries(ctx(req), req.params.congressId),
  );
  const InquiryParams = z.object({ congressId: Id, inquiryId: Id }).strict();
  const inquiryStep = <B extends z.ZodType>(path: string, operationId: string, body: B, run: (c: ReturnType<typeof ctx>, congressId: string, id: string, input: z.infer<B>) => Promise<void>) =>
    app.post(`${base}/special-inquiries/:inquiryId/${path}`, { schema: { operationId, tags, params: InquiryParams, body } }, async (req, reply) => {
      await run(ctx(req), req.params.congressId, req.params.inquiryId, req.body as z.infer<B>);
      return noContent(reply);
    });
  inquiryStep('qa', 'recordInquiryQa', RecordInquiryQa, recordInquiryQa);
  inquiryStep('opinions', 'sendInquiryOpinions', SendInquiryOpinions, sendInquiryOpinions);
  inquiryStep('report', 'reportInquiry', ReportInquiry, reportInquiry);

  app.post(
    `${base}/investigations`,
    { schema: { operationId: 'createInvestigation', tags, params: CongressParams, body: CreateInvestigation, response: { 201: z.object({ id: Id }) } } },
    async (req, reply) => reply.code(201).send({ id: await createInvestigation(ctx(req), req.params.congressId, req.body) }),
  );
  app.get(`${base}/investigations`, { schema: { operationId: 'listInvestigations', tags, params: CongressParams, response: { 200: z.array(Investigation) } } }, (req) =>
    listInvestigations(ctx(req), req.params.congressId),
  );
  const InvestigationParams = z.object({ congressId: Id, investigationId: Id }).strict();
  app.post(`${base}/investigations/:investigationId/report`, { schema: { operationId: 'reportInvestigation', tags, params: InvestigationParams, body: ReportInvestigation } }, async (req, reply) => {
    await reportInvestigation(ctx(req), req.params.congressId, req.params.investigationId, req.body);
    return noContent(reply);
  });
  app.post(`${base}/investigations/:investigationId/conclusion`, { schema: { operationId: 'concludeInvestigation', tags, params: InvestigationParams, body: ConcludeInvestigation } }, async (req, reply) => {
    await concludeInvestigation(ctx(req), req.params.congressId, req.params.investigationId, req.body);
    return noContent(reply);
  });
};

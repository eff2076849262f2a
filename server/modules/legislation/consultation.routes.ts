import { z } from 'zod';
import { CongressParams } from '../../../contracts/congress.ts';
import {
  CommentParams,
  CommentReceipt,
  ConsultationParams,
  ConsultationQuery,
  ConsultationSummary,
  ConsultationView,
  LinkBill,
  MarkRepresentative,
  ConsultationReport,
  ReportQuery,
  ModerateComment,
  OpenConsultation,
  ReplyComment,
  StaffComment,
  StaffCommentList,
  SubmitComment,
  WorkBillLink,
} from '../../../contracts/legislation-consultation.ts';
import { ExpressionParams, WorkParams } from '../../../contracts/legislation.ts';
import { piiCtxOf } from '../../platform/crypto/context.ts';
import { ctxOf, type RouteModule } from '../../platform/http.ts';
import { closeConsultation, linkWorkToBill, markRepresentative, moderateComment, openConsultation, replyToComment, submitComment } from './consultation.commands.ts';
import { consultationReport, exportConsultationReport, getConsultation, listConsultationComments, listConsultations } from './consultation.queries.ts';

const tags = ['legislation'];
const pub = '/api/v1/congresses/:congressId/consultations';
const base = '/api/v1/congresses/:congressId/legislation';

export const consultationRoutes: RouteModule = (app, deps) => {
  // Public: open and closed consultations, the draft article by article, the published comments.
  app.get(pub, { schema: { operationId: 'listConsultations', tags, params: CongressParams, querystring: ConsultationQuery, response: { 200: z.array(ConsultationSummary) } } }, (req) =>
    listConsultations(ctxOf(deps, req), req.params.congressId, req.query.state),
  );
  app.get(`${pub}/:consultationId`, { schema: { operationId: 'getConsultation', tags, params: ConsultationParams, response: { 200: ConsultationView } } }, (req) =>
    getConsultation(piiCtxOf(deps, req), req.params.congressId, req.params.consultationId),
  );
  // Public: a citizen's comment on an article, without an account (throttled per phone and network).
  app.post(
    `${pub}/:consultationId/comments`,
    { schema: { operationId: 'submitConsultationComment', tags, params: ConsultationParams, body: SubmitComment, response: { 201: CommentReceipt } } },
    async (req, reply) => reply.code(201).send(await submitComment(piiCtxOf(deps, req), req.params.congressId, req.params.consultationId, req.body)),
  );

  // The drafters: open and close, read every comment, moderate and answer.
  app.post(
    `${base}/expressions/:expressionId/consultations`,
    { schema: { operationId: 'openConsultation', tags, params: ExpressionParams, body: OpenConsultation, response: { 201: ConsultationSummary } } },
    async (req, reply) => reply.code(201).send(await openConsultation(ctxOf(deps, req), req.params.congressId, req.params.expressionId, req.body)),
  );
  app.post(`${base}/consultations/:consultationId/close`, { schema: { operationId: 'closeConsultation', tags, params: ConsultationParams, response: { 200: ConsultationSummary } } }, (req) =>
    closeConsultation(ctxOf(deps, req), req.params.congressId, req.params.consultationId),
  );
  app.get(`${base}/consultations/:consultationId/comments`, { schema: { operationId: 'listConsultationComments', tags, params: ConsultationParams, response: { 200: StaffCommentList } } }, (req) =>
    listConsultationComments(ctxOf(deps, req), req.params.congressId, req.params.consultationId),
  );
  app.post(`${base}/comments/:commentId/moderation`, { schema: { operationId: 'moderateConsultationComment', tags, params: CommentParams, body: ModerateComment, response: { 200: StaffComment } } }, (req) =>
    moderateComment(ctxOf(deps, req), req.params.congressId, req.params.commentId, req.body),
  );
  app.post(`${base}/comments/:commentId/reply`, { schema: { operationId: 'replyToConsultationComment', tags, params: CommentParams, body: ReplyComment, response: { 200: StaffComment } } }, (req) =>
    replyToComment(ctxOf(deps, req), req.params.congressId, req.params.commentId, req.body),
  );
  app.post(
    `${base}/comments/:commentId/representative`,
    { schema: { operationId: 'markRepresentativeComment', tags, params: CommentParams, body: MarkRepresentative, response: { 200: StaffComment } } },
    (req) => markRepresentative(ctxOf(deps, req), req.params.congressId, req.params.commentId, req.body),
  );
  // The summary per article for the committee, as JSON or as a DOCX.
  app.get(`${base}/consultations/:consultationId/report`, { schema: { operationId: 'consultationReport', tags, params: ConsultationParams, querystring: ReportQuery } }, async (req, reply) => {
    const ctx = ctxOf(deps, req);
    if (req.query.format !== 'docx') return reply.send(ConsultationReport.parse(await consultationReport(ctx, req.params.congressId, req.params.consultationId)));
    const file = await exportConsultationReport(ctx, req.params.congressId, req.params.consultationId);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .send(file.body);
  });
  app.put(`${base}/works/:workId/bill`, { schema: { operationId: 'linkWorkToBill', tags, params: WorkParams, body: LinkBill, response: { 200: WorkBillLink } } }, (req) =>
    linkWorkToBill(ctxOf(deps, req), req.params.congressId, req.params.workId, req.body),
  );
};

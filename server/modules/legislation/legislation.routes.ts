import { Transform } from 'node:stream';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { CongressParams } from '../../../contracts/congress.ts';
import {
  AddReviewOpinion,
  ChangeReport,
  ChangeReportQuery,
  CompareQuery,
  Comparison,
  CreateExpression,
  CreateWork,
  DecideReviewOpinion,
  Expression,
  ExpressionParams,
  ExpressionSummary,
  ExportQuery,
  WorkHistory,
  MAX_DOCX_BYTES,
  OpinionParams,
  ParseRequest,
  ParseResponse,
  ReviewOpinion,
  ReviseExpression,
  Revision,
  Work,
  WorkParams,
} from '../../../contracts/legislation.ts';
import { DomainError } from '../../platform/errors.ts';
import { type App, ctxOf, type RouteModule } from '../../platform/http.ts';
import { addReviewOpinion, createExpression, createWork, decideReviewOpinion, reviseExpression } from './legislation.commands.ts';
import { changeReport, compareExpressions, exportChangeReport, exportExpression, getExpression, listWorks, parseText, workHistory } from './legislation.queries.ts';

const tags = ['legislation'];
const base = '/api/v1/congresses/:congressId/legislation';
// A long regulation is a few hundred kB of UTF-8; DOCX arrives base64-encoded (4/3 of its size).
const TEXT_BODY_LIMIT = 2 * 1024 * 1024;
const UPLOAD_BODY_LIMIT = Math.ceil(MAX_DOCX_BYTES * 1.4) + 1024 * 1024;
// Checking a text is open to anyone (nothing is stored), but without an account the body is capped:
// 64 KB holds a regulation of some 20,000 characters, enough to check any local regulation, while
// nobody can make the server parse megabytes anonymously. Drafters, signed in, keep the full limit
// (the drafting pages call this signed in; no page of the portal calls it).
export const ANONYMOUS_PARSE_LIMIT = 64 * 1024;

const anonymousTooLarge = () =>
  new DomainError(
    413,
    'PARSE_LOGIN_REQUIRED',
    `未登录时检查的文本不能超过${ANONYMOUS_PARSE_LIMIT / 1024} KB，请登录后检查更长的文本`,
    `Without logging in the text to check is limited to ${ANONYMOUS_PARSE_LIMIT / 1024} KB (${ANONYMOUS_PARSE_LIMIT} bytes); log in to check a longer text`,
  );

/** The request body as it arrives, refused as soon as it passes `limit` bytes (whatever Content-Length said). */
function capped(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > limit ? anonymousTooLarge() : null, chunk);
    },
  });
}

/** createExpression takes JSON, or multipart/form-data whose `file` part is the upload. */
function registerUpload(scope: App, deps: Parameters<RouteModule>[1]): void {
  void scope.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: MAX_DOCX_BYTES, files: 1, fields: 10 } });
  scope.addHook('preValidation', async (req) => {
    if (!req.isMultipart()) return;
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (k === 'file') {
        if (!Buffer.isBuffer(v)) throw new DomainError(422, 'FILE_REQUIRED', '请上传文件', 'The file part is missing');
        out[typeof raw.format === 'string' && raw.format !== 'docx' ? 'text' : 'contentBase64'] = typeof raw.format === 'string' && raw.format !== 'docx' ? v.toString('utf8') : v.toString('base64');
      } else if (typeof v === 'string') out[k] = v;
    }
    req.body = out;
    await Promise.resolve();
  });
  scope.post(
    `${base}/works/:workId/expressions`,
    { bodyLimit: UPLOAD_BODY_LIMIT, schema: { operationId: 'createExpression', tags, params: WorkParams, body: CreateExpression, response: { 201: ExpressionSummary } } },
    async (req, reply) => reply.code(201).send(await createExpression(ctxOf(deps, req), req.params.congressId, req.params.workId, req.body)),
  );
}

export const legislationRoutes: RouteModule = (app, deps) => {
  // Public: anyone may check a text's structure; nothing is stored. The parse runs on the worker pool.
  app.post(
    '/api/v1/legislation/parse',
    {
      bodyLimit: TEXT_BODY_LIMIT,
      preParsing: async (req, _reply, payload) => {
        if (req.actor.kind === 'user') return payload;
        if (Number(req.headers['content-length'] ?? 0) > ANONYMOUS_PARSE_LIMIT) throw anonymousTooLarge();
        // pipe, not pipeline: on refusal the request stays readable, so the rest of the body can be
        // read and dropped before the 413 goes out (platform/drain.ts); the refusal reaches Fastify
        // through the returned stream.
        return payload.pipe(capped(ANONYMOUS_PARSE_LIMIT));
      },
      schema: { operationId: 'parseLegislation', tags, body: ParseRequest, response: { 200: ParseResponse } },
    },
    // The worker sends the answer already checked against ParseResponse and serialized: a string
    // with a JSON content type goes out as it is.
    async (req, reply) => reply.type('application/json; charset=utf-8').send((await parseText(req.body)) as unknown as z.infer<typeof ParseResponse>),
  );

  app.get(`${base}/works`, { schema: { operationId: 'listWorks', tags, params: CongressParams, response: { 200: z.array(Work) } } }, (req) => listWorks(ctxOf(deps, req), req.params.congressId));

  app.post(`${base}/works`, { schema: { operationId: 'createWork', tags, params: CongressParams, body: CreateWork, response: { 201: Work } } }, async (req, reply) =>
    reply.code(201).send(await createWork(ctxOf(deps, req), req.params.congressId, req.body)),
  );

  void app.register((scope, _opts, done) => {
    registerUpload(scope, deps);
    done();
  });

  app.get(`${base}/expressions/:expressionId`, { schema: { operationId: 'getExpression', tags, params: ExpressionParams, response: { 200: Expression } } }, (req) =>
    getExpression(ctxOf(deps, req), req.params.congressId, req.params.expressionId),
  );

  // Who changed what: each version with its author, time and the articles changed.
  app.get(`${base}/works/:workId/history`, { schema: { operationId: 'workHistory', tags, params: WorkParams, response: { 200: WorkHistory } } }, (req) =>
    workHistory(ctxOf(deps, req), req.params.congressId, req.params.workId),
  );
  // The Legal Committee's report: the changes between two texts with the review opinions behind them (JSON or DOCX).
  app.get(`${base}/change-report`, { schema: { operationId: 'changeReport', tags, params: CongressParams, querystring: ChangeReportQuery } }, async (req, reply) => {
    const ctx = ctxOf(deps, req);
    if (req.query.format !== 'docx') return reply.send(ChangeReport.parse(await changeReport(ctx, req.params.congressId, req.query.from, req.query.to)));
    const file = await exportChangeReport(ctx, req.params.congressId, req.query.from, req.query.to);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .send(file.body);
  });
  app.get(`${base}/compare`, { schema: { operationId: 'compareExpressions', tags, params: CongressParams, querystring: CompareQuery, response: { 200: Comparison } } }, (req) =>
    compareExpressions(ctxOf(deps, req), req.params.congressId, req.query.from, req.query.to),
  );

  app.post(
    `${base}/expressions/:expressionId/revisions`,
    { schema: { operationId: 'reviseExpression', tags, params: ExpressionParams, body: ReviseExpression, response: { 201: Revision } } },
    async (req, reply) => reply.code(201).send(await reviseExpression(ctxOf(deps, req), req.params.congressId, req.params.expressionId, req.body)),
  );

  app.post(
    `${base}/expressions/:expressionId/opinions`,
    { schema: { operationId: 'addReviewOpinion', tags, params: ExpressionParams, body: AddReviewOpinion, response: { 201: ReviewOpinion } } },
    async (req, reply) => reply.code(201).send(await addReviewOpinion(ctxOf(deps, req), req.params.congressId, req.params.expressionId, req.body)),
  );

  app.post(
    `${base}/opinions/:opinionId/decision`,
    { schema: { operationId: 'decideReviewOpinion', tags, params: OpinionParams, body: DecideReviewOpinion, response: { 200: ReviewOpinion } } },
    (req) => decideReviewOpinion(ctxOf(deps, req), req.params.congressId, req.params.opinionId, req.body),
  );

  app.get(`${base}/expressions/:expressionId/export`, { schema: { operationId: 'exportExpression', tags, params: ExpressionParams, querystring: ExportQuery } }, async (req, reply) => {
    const file = await exportExpression(ctxOf(deps, req), req.params.congressId, req.params.expressionId, req.query.format);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="export.${file.fileName.split('.').pop() ?? 'bin'}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .send(file.body);
  });
};

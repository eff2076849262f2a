import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CongressParams, Id } from '../../../contracts/congress.ts';
import { ApiErrorSchema } from '../../../contracts/errors.ts';
import {
  Alert,
  AlertsQuery,
  CitizenExport,
  CitizenExportRequest,
  ClassifyOpinion,
  ConcludeEvaluation,
  CreateIntakeBlock,
  DeadlineRun,
  DeadlineRunResult,
  DeclineOpinion,
  ExtendDeadline,
  FollowThrough,
  IntakeBlock,
  IntakeSettings,
  ListOpinionsQuery,
  MarkKey,
  MyDesk,
  OpinionContact,
  OpinionDetail,
  OpinionPage,
  OpinionStatistics,
  OpinionStatusView,
  OverdueByUnit,
  OverdueList,
  OverdueQuery,
  PendingPhoneCode,
  PhoneCodeIssued,
  QueueItem,
  RequestPhoneCode,
  RateOpinion,
  RelayReply,
  ReplyOpinion,
  RouteOpinion,
  RoutingCategory,
  SetIntakeSettings,
  SetRoutingCategory,
  SetUnitUser,
  StatisticsQuery,
  SubmitOpinion,
  Submitted,
  TrackingCode,
  UnitQueueQuery,
  UnitUser,
} from '../../../contracts/opinions.ts';
import { piiCtxOf } from '../../platform/crypto/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { type App, type Deps, type RouteModule, noContent } from '../../platform/http.ts';
import { type Upload, addOpinionAttachment, attachmentsDir, readOpinionAttachment } from './opinions.attachments.ts';
import { ATTACHMENT_MAX_BYTES } from './opinions.rules.ts';
import {
  acknowledgeAlert,
  blockIntakeSource,
  classifyOpinion,
  concludeEvaluation,
  declineOpinion,
  deleteIntakeBlock,
  deleteRoutingCategory,
  extendOpinionDeadline,
  markKeyOpinion,
  rateOpinion,
  readOpinionContact,
  recordFollowThrough,
  relayReply,
  removeUnitUser,
  replyOpinion,
  routeOpinion,
  runDeadlinesNow,
  setIntakeSettings,
  setRoutingCategory,
  setUnitUser,
  signOffReply,
  submitOpinion,
} from './opinions.commands.ts';
import { isPhoneDeliveryFailed, listPhoneCodes, requestPhoneCode } from './opinions.phone.ts';
import { scheduleDeadlineJob } from './opinions.jobs.ts';
import {
  exportCitizenData,
  getIntakeSettings,
  getOpinion,
  getOpinionStatistics,
  getOpinionStatus,
  listAlerts,
  listIntakeBlocks,
  listOpinions,
  listOverdue,
  listRoutingCategories,
  getMyDesk,
  listUnitQueue,
  listUnitUsers,
  overdueByUnit,
} from './opinions.queries.ts';

const tags = ['opinions'];
const OpinionParams = z.object({ congressId: Id, opinionId: Id }).strict();
const UnitParams = z.object({ congressId: Id, unitId: Id }).strict();
const UnitUserParams = z.object({ congressId: Id, unitId: Id, userId: Id }).strict();
const ReplyIssued = z.object({ groupId: Id, issued: z.boolean() });
const base = '/api/v1/congresses/:congressId';

export const opinionRoutes: RouteModule = (app, deps) => {
  const ctx = (req: Parameters<typeof piiCtxOf>[1]) => piiCtxOf(deps, req);
  scheduleDeadlineJob(app, deps);
  void app.register(async (sub) => attachmentRoute(sub, deps));
  app.get(
    `${base}/opinions/:opinionId/attachments/:attachmentId`,
    { schema: { operationId: 'getOpinionAttachment', tags, params: z.object({ congressId: Id, opinionId: Id, attachmentId: Id }).strict() } },
    async (req, reply) => {
      const f = await readOpinionAttachment(ctx(req), attachmentsDir(deps.config), req.params.congressId, req.params.opinionId, req.params.attachmentId);
      return reply
        .type(f.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .header('cache-control', 'private, no-store')
        .send(f.bytes);
    },
  );

  // ---- the public: submit, follow, rate --------------------------------------------------------
  app.post('/api/v1/opinions', { schema: { operationId: 'submitOpinion', tags, body: SubmitOpinion, response: { 201: Submitted } } }, async (req, reply) =>
    reply.code(201).send(await submitOpinion(ctx(req), req.body)),
  );
  app.post('/api/v1/opinions/phone-codes', { schema: { operationId: 'requestPhoneCode', tags, body: RequestPhoneCode, response: { 201: PhoneCodeIssued, 502: ApiErrorSchema } } }, async (req, reply) => {
    try {
      return await reply.code(201).send(await requestPhoneCode(ctx(req), req.body, (line) => req.log.info(line)));
    } catch (e) {
      if (!isPhoneDeliveryFailed(e)) throw e;
      req.log.warn({ reason: e.reason }, 'SMS gateway failed');
      return reply.code(502).send({ code: e.code, message_zh: e.message_zh, message_en: e.message_en });
    }
  });
  app.get(`${base}/my-desk`, { schema: { operationId: 'getMyDesk', tags, params: CongressParams, response: { 200: MyDesk } } }, (req) => getMyDesk(ctx(req), req.params.congressId));
  app.get(`${base}/phone-codes`, { schema: { operationId: 'listPhoneCodes', tags, params: CongressParams, response: { 200: z.array(PendingPhoneCode) } } }, (req) =>
    listPhoneCodes(ctx(req), req.params.congressId),
  );
  app.get(
    '/api/v1/opinions/status/:trackingCode',
    { schema: { operationId: 'getOpinionStatus', tags, params: z.object({ trackingCode: TrackingCode }).strict(), response: { 200: OpinionStatusView } } },
    (req) => getOpinionStatus(ctx(req), req.params.trackingCode),
  );
  app.post('/api/v1/opinions/rating', { schema: { operationId: 'rateOpinion', tags, body: RateOpinion, response: { 200: OpinionStatusView } } }, async (req) => {
    await rateOpinion(ctx(req), req.body);
    return getOpinionStatus(ctx(req), req.body.trackingCode);
  });
  app.get(
    `${base}/opinion-statistics`,
    { schema: { operationId: 'getOpinionStatistics', tags, params: CongressParams, querystring: StatisticsQuery, response: { 200: OpinionStatistics } } },
    (req) => getOpinionStatistics(ctx(req), req.params.congressId, req.query.year),
  );

  // ---- staff: lists and the loop ---------------------------------------------------------------
  app.get(`${base}/opinions`, { schema: { operationId: 'listOpinions', tags, params: CongressParams, querystring: ListOpinionsQuery, response: { 200: OpinionPage } } }, (req) =>
    listOpinions(ctx(req), req.params.congressId, req.query),
  );
  app.get(
    `${base}/opinions/overdue`,
    { schema: { operationId: 'listOverdue', tags, params: CongressParams, querystring: OverdueQuery, response: { 200: OverdueList } } },
    (req) => listOverdue(ctx(req), req.params.congressId, req.query),
  );
  app.get(
    `${base}/opinions/overdue-by-unit`,
    { schema: { operationId: 'getOverdueByUnit', tags, params: CongressParams, querystring: z.object({ asOf: OverdueQuery.shape.asOf }).strict(), response: { 200: OverdueByUnit } } },
    (req) => overdueByUnit(ctx(req), req.params.congressId, req.query.asOf),
  );
  app.get(`${base}/opinions/alerts`, { schema: { operationId: 'listOpinionAlerts', tags, params: CongressParams, querystring: AlertsQuery, response: { 200: z.array(Alert) } } }, (req) =>
    listAlerts(ctx(req), req.params.congressId, req.query),
  );
  app.post(
    `${base}/opinion-alerts/:alertId/ack`,
    { schema: { operationId: 'acknowledgeOpinionAlert', tags, params: z.object({ congressId: Id, alertId: Id }).strict() } },
    async (req, reply) => {
      await acknowledgeAlert(ctx(req), req.params.congressId, req.params.alertId);
      return noContent(reply);
    },
  );
  app.post(
    `${base}/opinions/deadline-run`,
    { schema: { operationId: 'runOpinionDeadlines', tags, params: CongressParams, body: DeadlineRun, response: { 200: DeadlineRunResult } } },
    (req) => runDeadlinesNow(ctx(req), req.params.congressId, req.body.asOf, attachmentsDir(deps.config)),
  );
  app.post(
    `${base}/opinions/citizen-export`,
    { schema: { operationId: 'exportCitizenData', tags, params: CongressParams, body: CitizenExportRequest, response: { 200: CitizenExport } } },
    (req) => exportCitizenData(ctx(req), req.params.congressId, req.body.phone),
  );

  app.get(`${base}/opinions/:opinionId`, { schema: { operationId: 'getOpinion', tags, params: OpinionParams, response: { 200: OpinionDetail } } }, (req) =>
    getOpinion(ctx(req), req.params.congressId, req.params.opinionId),
  );
  app.get(`${base}/opinions/:opinionId/contact`, { schema: { operationId: 'getOpinionContact', tags, params: OpinionParams, response: { 200: OpinionContact } } }, (req) =>
    readOpinionContact(ctx(req), req.params.congressId, req.params.opinionId),
  );
  app.post(
    `${base}/opinions/:opinionId/classify`,
    { schema: { operationId: 'classifyOpinion', tags, params: OpinionParams, body: ClassifyOpinion, response: { 200: OpinionDetail } } },
    async (req) => {
      await classifyOpinion(ctx(req), req.params.congressId, req.params.opinionId, req.body);
      return getOpinion(ctx(req), req.params.congressId, req.params.opinionId);
    },
  );
  app.post(`${base}/opinions/:opinionId/route`, { schema: { operationId: 'routeOpinion', tags, params: OpinionParams, body: RouteOpinion, response: { 200: OpinionDetail } } }, async (req) => {
    await routeOpinion(ctx(req), req.params.congressId, req.params.opinionId, req.body);
    return getOpinion(ctx(req), req.params.congressId, req.params.opinionId);
  });
  app.post(`${base}/opinions/:opinionId/decline`, { schema: { operationId: 'declineOpinion', tags, params: OpinionParams, body: DeclineOpinion } }, async (req, reply) => {
    await declineOpinion(ctx(req), req.params.congressId, req.params.opinionId, req.body);
    return noContent(reply);
  });
  app.post(
    `${base}/opinions/:opinionId/extend`,
    { schema: { operationId: 'extendOpinionDeadline', tags, params: OpinionParams, body: ExtendDeadline, response: { 200: OpinionDetail } } },
    async (req) => {
      await extendOpinionDeadline(ctx(req), req.params.congressId, req.params.opinionId, req.body);
      return getOpinion(ctx(req), req.params.congressId, req.params.opinionId);
    },
  );
  app.post(
    `${base}/opinions/:opinionId/replies`,
    { schema: { operationId: 'replyOpinion', tags, params: OpinionParams, body: ReplyOpinion, response: { 201: ReplyIssued } } },
    async (req, reply) => reply.code(201).send(await replyOpinion(ctx(req), req.params.congressId, req.params.opinionId, req.body)),
  );
  app.post(
    `${base}/opinions/:opinionId/replies/:groupId/sign-off`,
    { schema: { operationId: 'signOffReply', tags, params: z.object({ congressId: Id, opinionId: Id, groupId: Id }).strict(), response: { 200: ReplyIssued } } },
    (req) => signOffReply(ctx(req), req.params.congressId, req.params.opinionId, req.params.groupId),
  );
  app.post(
    `${base}/opinions/:opinionId/follow-through`,
    { schema: { operationId: 'recordFollowThrough', tags, params: OpinionParams, body: FollowThrough, response: { 200: OpinionDetail } } },
    async (req) => {
      await recordFollowThrough(ctx(req), req.params.congressId, req.params.opinionId, req.body);
      return getOpinion(ctx(req), req.params.congressId, req.params.opinionId);
    },
  );
  app.post(`${base}/opinions/:opinionId/relay`, { schema: { operationId: 'relayReply', tags, params: OpinionParams, body: RelayReply, response: { 200: OpinionDetail } } }, async (req) => {
    await relayReply(ctx(req), req.params.congressId, req.params.opinionId, req.body);
    return getOpinion(ctx(req), req.params.congressId, req.params.opinionId);
  });
  app.post(`${base}/opinions/:opinionId/key`, { schema: { operationId: 'markKeyOpinion', tags, params: OpinionParams, body: MarkKey, response: { 200: OpinionDetail } } }, async (req) => {
    await markKeyOpinion(ctx(req), req.params.congressId, req.params.opinionId, req.body);
    return getOpinion(ctx(req), req.params.congressId, req.params.opinionId);
  });
  app.post(
    `${base}/opinions/:opinionId/evaluation`,
    { schema: { operationId: 'concludeEvaluation', tags, params: OpinionParams, body: ConcludeEvaluation, response: { 200: OpinionDetail } } },
    async (req) => {
      await concludeEvaluation(ctx(req), req.params.congressId, req.params.opinionId, req.body);
      return getOpinion(ctx(req), req.params.congressId, req.params.opinionId);
    },
  );

  // ---- handling units --------------------------------------------------------------------------
  app.get(`${base}/units/:unitId/opinions`, { schema: { operationId: 'listUnitQueue', tags, params: UnitParams, querystring: UnitQueueQuery, response: { 200: z.array(QueueItem) } } }, (req) =>
    listUnitQueue(ctx(req), req.params.congressId, req.params.unitId, req.query),
  );
  app.get(`${base}/units/:unitId/users`, { schema: { operationId: 'listUnitUsers', tags, params: UnitParams, response: { 200: z.array(UnitUser) } } }, (req) =>
    listUnitUsers(ctx(req), req.params.congressId, req.params.unitId),
  );
  app.put(`${base}/units/:unitId/users/:userId`, { schema: { operationId: 'setUnitUser', tags, params: UnitUserParams, body: SetUnitUser } }, async (req, reply) => {
    await setUnitUser(ctx(req), req.params.congressId, req.params.unitId, req.params.userId, req.body.isHead);
    return noContent(reply);
  });
  app.delete(`${base}/units/:unitId/users/:userId`, { schema: { operationId: 'removeUnitUser', tags, params: UnitUserParams } }, async (req, reply) => {
    await removeUnitUser(ctx(req), req.params.congressId, req.params.unitId, req.params.userId);
    return noContent(reply);
  });

  // ---- the office's tables ---------------------------------------------------------------------
  const CategoryParams = z.object({ congressId: Id, category: z.string().trim().min(1).max(50) }).strict();
  app.get(`${base}/routing-categories`, { schema: { operationId: 'listRoutingCategories', tags, params: CongressParams, response: { 200: z.array(RoutingCategory) } } }, (req) =>
    listRoutingCategories(ctx(req), req.params.congressId),
  );
  app.put(
    `${base}/routing-categories/:category`,
    { schema: { operationId: 'setRoutingCategory', tags, params: CategoryParams, body: SetRoutingCategory, response: { 200: RoutingCategory } } },
    (req) => setRoutingCategory(ctx(req), req.params.congressId, req.params.category, req.body),
  );
  app.delete(`${base}/routing-categories/:category`, { schema: { operationId: 'deleteRoutingCategory', tags, params: CategoryParams } }, async (req, reply) => {
    await deleteRoutingCategory(ctx(req), req.params.congressId, req.params.category);
    return noContent(reply);
  });
  app.get(`${base}/intake-settings`, { schema: { operationId: 'getIntakeSettings', tags, params: CongressParams, response: { 200: IntakeSettings } } }, (req) =>
    getIntakeSettings(ctx(req), req.params.congressId),
  );
  app.put(`${base}/intake-settings`, { schema: { operationId: 'setIntakeSettings', tags, params: CongressParams, body: SetIntakeSettings, response: { 200: IntakeSettings } } }, (req) =>
    setIntakeSettings(ctx(req), req.params.congressId, req.body),
  );
  app.get(`${base}/intake-blocks`, { schema: { operationId: 'listIntakeBlocks', tags, params: CongressParams, response: { 200: z.array(IntakeBlock) } } }, (req) =>
    listIntakeBlocks(ctx(req), req.params.congressId),
  );
  app.post(`${base}/intake-blocks`, { schema: { operationId: 'blockIntakeSource', tags, params: CongressParams, body: CreateIntakeBlock, response: { 201: IntakeBlock } } }, async (req, reply) =>
    reply.code(201).send(await blockIntakeSource(ctx(req), req.params.congressId, req.body)),
  );
  app.delete(`${base}/intake-blocks/:blockId`, { schema: { operationId: 'deleteIntakeBlock', tags, params: z.object({ congressId: Id, blockId: Id }).strict() } }, async (req, reply) => {
    await deleteIntakeBlock(ctx(req), req.params.congressId, req.params.blockId);
    return noContent(reply);
  });
};

/**
 * addOpinionAttachment: multipart/form-data with one `file` part, for the holder of the tracking code
 * (the citizen on the receipt page, or station staff who entered it). The multipart parser lives in
 * this encapsulated context only, so the rest of the API keeps its JSON limits.
 */
async function attachmentRoute(sub: App, deps: Deps): Promise<void> {
  await sub.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 2, fieldSize: 200, parts: 3 } });
  sub.post(
    '/api/v1/opinions/status/:trackingCode/attachments',
    {
      schema: {
        operationId: 'addOpinionAttachment',
        tags,
        params: z.object({ trackingCode: TrackingCode }).strict(),
        consumes: ['multipart/form-data'],
        description: 'multipart/form-data: file (JPEG, PNG, WebP, HEIC or PDF, at most 10 MB; the type is judged from the bytes)',
        response: { 201: z.object({ id: Id, filename: z.string(), mime: z.string(), size: z.number().int() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await addOpinionAttachment(piiCtxOf(deps, req), attachmentsDir(deps.config), req.params.trackingCode, await readUpload(req, sub))),
  );
}

async function readUpload(req: FastifyRequest, sub: App): Promise<Upload> {
  if (!req.isMultipart()) throw new DomainError(415, 'MULTIPART_REQUIRED', '请以multipart/form-data上传文件', 'Upload the file as multipart/form-data');
  let file: Upload | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || file) {
        await part.toBuffer();
        throw new DomainError(400, 'ONE_FILE', '每次上传一个名为file的文件', 'Upload one file, in a part named "file"');
      }
      file = { filename: part.filename, declaredMime: part.mimetype, bytes: await part.toBuffer() };
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    if (e instanceof sub.multipartErrors.RequestFileTooLargeError) throw new DomainError(413, 'ATTACHMENT_TOO_LARGE', '附件不能超过10MB', 'A file may not exceed 10 MB');
    throw new DomainError(400, 'BAD_UPLOAD', '上传内容无效', 'The upload could not be read');
  }
  if (!file) throw new DomainError(400, 'NO_FILE', '没有收到文件', 'No file was received');
  return file;
}

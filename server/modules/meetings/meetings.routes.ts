import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CongressParams, Id } from '../../../contracts/congress.ts';
import {
  AdjustmentParams,
  AgendaAdjustment,
  AgendaItem,
  AttendanceList,
  AttendanceRecord,
  AttendanceReport,
  Attendee,
  AttendeeList,
  AttendeeParams,
  CheckIn,
  CheckInCode,
  CreateAgendaItem,
  CreateAttendee,
  CreateMeeting,
  CreatePersonnelProposal,
  CreateSession,
  DecideAdjustment,
  DecideLeave,
  DecideObserver,
  DecideSpeaker,
  DistributeDocuments,
  DocumentParams,
  DocumentRead,
  DraftGroups,
  Groups,
  ItemParams,
  LeaveParams,
  LeaveRequest,
  ListMeetingsQuery,
  Meeting,
  MeetingDetail,
  MeetingDocument,
  MeetingParams,
  ObserverParams,
  ObserverReceipt,
  ObserverRegistration,
  ObserverSeats,
  Opinion,
  OrderSpeakers,
  PersonnelProposal,
  ProposeAdjustment,
  Quorum,
  RecordAttendance,
  RecordOpinion,
  RegisterObserver,
  RegisterSpeaker,
  RequestLeave,
  RuleWarning,
  ScheduleMeeting,
  Session,
  SetCurrentItem,
  SetOutcome,
  SetPresiding,
  Speaker,
  SpeakerParams,
  SpeakerQueue,
  SpeakersQuery,
  TransitionResult,
  UpdateAgendaItem,
  UpdateMeeting,
} from '../../../contracts/meetings.ts';
import { CheckInLink, DocumentText, PresidingScript } from '../../../contracts/meeting-script.ts';
import { DomainError } from '../../platform/errors.ts';
import { type App, type Deps, ctxOf, noContent, type RouteModule } from '../../platform/http.ts';
import { checkIn, decideLeave, recordAttendance, regenerateCheckInCode, requestLeave, withdrawLeave } from './attendance.commands.ts';
import { getAttendanceList, getAttendanceReport, getCheckInCode, listAttendance, listLeaveRequests } from './attendance.queries.ts';
import { type Upload, distributeDocuments, openDocument, removeDocument, uploadDocument } from './documents.commands.ts';
import { listDocumentReads, listDocuments } from './documents.queries.ts';
import { getCheckInLink, getDocumentText, getPresidingScript } from './script.queries.ts';
import { type Storage, storageFor } from './documents.storage.ts';
import {
  addAgendaItem,
  addPersonnelProposal,
  adoptAgenda,
  closeMeeting,
  createMeeting,
  decideAgendaAdjustment,
  notifyMeeting,
  openMeeting,
  proposeAgendaAdjustment,
  removeAgendaItem,
  scheduleMeeting,
  setAgendaItemOutcome,
  setCurrentItem,
  setPresidingPerson,
  updateAgendaItem,
  updateMeeting,
} from './meetings.commands.ts';
import { getMeeting, getMeetingCalendarWarnings, getQuorum, listAgendaAdjustments, listMeetings, listPersonnelProposals } from './meetings.queries.ts';
import {
  addAttendee,
  approveGroups,
  createSession,
  decideObserver,
  decideSpeaker,
  draftGroups,
  orderSpeakers,
  recordOpinion,
  registerObserver,
  registerSpeaker,
  removeAttendee,
  startSpeech,
  stopSpeech,
  withdrawSpeaker,
} from './participation.commands.ts';
import { getAttendeeList, getGroups, getObserverSeats, getSession, listAttendees, listObservers, listOpinions, listSessions, listSpeakers } from './participation.queries.ts';

const tags = ['meetings'];
const M = '/api/v1/meetings/:meetingId';

export const meetingRoutes: RouteModule = (app, deps) => {
  // ------------------------------------------------------------ meetings and their lifecycle
  app.get(
    '/api/v1/congresses/:congressId/meetings',
    { schema: { operationId: 'listMeetings', tags, params: CongressParams, querystring: ListMeetingsQuery, response: { 200: z.array(Meeting) } } },
    (req) => listMeetings(ctxOf(deps, req), req.params.congressId, req.query),
  );
  app.get(
    '/api/v1/congresses/:congressId/meeting-warnings',
    {
      schema: {
        operationId: 'getMeetingCalendarWarnings',
        tags,
        params: CongressParams,
        querystring: z.object({ termId: Id.optional() }).strict(),
        response: { 200: z.object({ termId: Id.nullable(), warnings: z.array(RuleWarning) }) },
      },
    },
    (req) => getMeetingCalendarWarnings(ctxOf(deps, req), req.params.congressId, req.query.termId),
  );
  app.post('/api/v1/meetings', { schema: { operationId: 'createMeeting', tags, body: CreateMeeting, response: { 201: MeetingDetail } } }, async (req, reply) =>
    reply.code(201).send(await createMeeting(ctxOf(deps, req), req.body)),
  );
  app.get(M, { schema: { operationId: 'getMeeting', tags, params: MeetingParams, response: { 200: MeetingDetail } } }, (req) => getMeeting(ctxOf(deps, req), req.params.meetingId));
  app.patch(M, { schema: { operationId: 'updateMeeting', tags, params: MeetingParams, body: UpdateMeeting, response: { 200: MeetingDetail } } }, (req) =>
    updateMeeting(ctxOf(deps, req), req.params.meetingId, req.body),
  );
  app.post(`${M}/schedule`, { schema: { operationId: 'scheduleMeeting', tags, params: MeetingParams, body: ScheduleMeeting, response: { 200: TransitionResult } } }, (req) =>
    scheduleMeeting(ctxOf(deps, req), req.params.meetingId, req.body),
  );
  app.post(`${M}/notify`, { schema: { operationId: 'notifyMeeting', tags, params: MeetingParams, response: { 200: TransitionResult } } }, (req) => notifyMeeting(ctxOf(deps, req), req.params.meetingId));
  app.post(`${M}/open`, { schema: { operationId: 'openMeeting', tags, params: MeetingParams, response: { 200: TransitionResult } } }, (req) => openMeeting(ctxOf(deps, req), req.params.meetingId));
  app.post(`${M}/close`, { schema: { operationId: 'closeMeeting', tags, params: MeetingParams, response: { 200: TransitionResult } } }, (req) => closeMeeting(ctxOf(deps, req), req.params.meetingId));
  app.put(`${M}/presiding`, { schema: { operationId: 'setPresidingPerson', tags, params: MeetingParams, body: SetPresiding, response: { 200: MeetingDetail } } }, (req) =>
    setPresidingPerson(ctxOf(deps, req), req.params.meetingId, req.body.personId),
  );
  app.get(`${M}/quorum`, { schema: { operationId: 'getQuorum', tags, params: MeetingParams, response: { 200: Quorum } } }, (req) => getQuorum(ctxOf(deps, req), req.params.meetingId));

  // ------------------------------------------------------------ agenda
  app.post(`${M}/agenda-items`, { schema: { operationId: 'addAgendaItem', tags, params: MeetingParams, body: CreateAgendaItem, response: { 201: AgendaItem } } }, async (req, reply) =>
    reply.code(201).send(await addAgendaItem(ctxOf(deps, req), req.params.meetingId, req.body)),
  );
  app.patch(`${M}/agenda-items/:itemId`, { schema: { operationId: 'updateAgendaItem', tags, params: ItemParams, body: UpdateAgendaItem, response: { 200: AgendaItem } } }, (req) =>
    updateAgendaItem(ctxOf(deps, req), req.params.meetingId, req.params.itemId, req.body),
  );
  app.delete(`${M}/agenda-items/:itemId`, { schema: { operationId: 'removeAgendaItem', tags, params: ItemParams } }, async (req, reply) => {
    await removeAgendaItem(ctxOf(deps, req), req.params.meetingId, req.params.itemId);
    return noContent(reply);
  });
  app.post(`${M}/agenda-items/:itemId/outcome`, { schema: { operationId: 'setAgendaItemOutcome', tags, params: ItemParams, body: SetOutcome, response: { 200: AgendaItem } } }, (req) =>
    setAgendaItemOutcome(ctxOf(deps, req), req.params.meetingId, req.params.itemId, req.body.outcome),
  );
  app.post(`${M}/agenda/adopt`, { schema: { operationId: 'adoptAgenda', tags, params: MeetingParams, response: { 200: MeetingDetail } } }, (req) => adoptAgenda(ctxOf(deps, req), req.params.meetingId));
  app.get(`${M}/agenda/adjustments`, { schema: { operationId: 'listAgendaAdjustments', tags, params: MeetingParams, response: { 200: z.array(AgendaAdjustment) } } }, (req) =>
    listAgendaAdjustments(ctxOf(deps, req), req.params.meetingId),
  );
  app.post(
    `${M}/agenda/adjustments`,
    { schema: { operationId: 'proposeAgendaAdjustment', tags, params: MeetingParams, body: ProposeAdjustment, response: { 201: AgendaAdjustment } } },
    async (req, reply) => reply.code(201).send(await proposeAgendaAdjustment(ctxOf(deps, req), req.params.meetingId, req.body)),
  );
  app.post(
    `${M}/agenda/adjustments/:adjustmentId/decision`,
    { schema: { operationId: 'decideAgendaAdjustment', tags, params: AdjustmentParams, body: DecideAdjustment, response: { 200: MeetingDetail } } },
    (req) => decideAgendaAdjustment(ctxOf(deps, req), req.params.meetingId, req.params.adjustmentId, req.body.approved),
  );
  app.put(`${M}/current-item`, { schema: { operationId: 'setCurrentItem', tags, params: MeetingParams, body: SetCurrentItem, response: { 200: MeetingDetail } } }, (req) =>
    setCurrentItem(ctxOf(deps, req), req.params.meetingId, req.body.agendaItemId),
  );

  // ------------------------------------------------------------ documents
  const storage = storageFor(deps.config);
  app.get(`${M}/documents`, { schema: { operationId: 'listDocuments', tags, params: MeetingParams, response: { 200: z.array(MeetingDocument) } } }, (req) =>
    listDocuments(ctxOf(deps, req), req.params.meetingId),
  );
  void app.register(async (sub) => uploadRoute(sub, deps, storage));
  app.post(
    `${M}/documents/distribute`,
    { schema: { operationId: 'distributeDocuments', tags, params: MeetingParams, body: DistributeDocuments, response: { 200: z.object({ distributed: z.number().int() }) } } },
    (req) => distributeDocuments(ctxOf(deps, req), req.params.meetingId, req.body.documentIds),
  );
  app.get(`${M}/documents/:documentId/content`, { schema: { operationId: 'downloadDocument', tags, params: DocumentParams } }, async (req, reply) => {
    const { doc, bytes } = await openDocument(ctxOf(deps, req), req.params.meetingId, req.params.documentId, storage);
    return reply
      .header('content-type', doc.mime)
      .header('content-disposition', `inline; filename="${encodeURIComponent(doc.filename)}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
      .header('cache-control', 'private, no-store')
      .send(bytes);
  });
  app.get(`${M}/documents/:documentId/reads`, { schema: { operationId: 'listDocumentReads', tags, params: DocumentParams, response: { 200: z.array(DocumentRead) } } }, (req) =>
    listDocumentReads(ctxOf(deps, req), req.params.meetingId, req.params.documentId),
  );
  app.delete(`${M}/documents/:documentId`, { schema: { operationId: 'removeDocument', tags, params: DocumentParams } }, async (req, reply) => {
    await removeDocument(ctxOf(deps, req), req.params.meetingId, req.params.documentId);
    return noContent(reply);
  });

  // ------------------------------------------------------------ attendance and leave
  app.get(`${M}/attendance`, { schema: { operationId: 'listAttendance', tags, params: MeetingParams, response: { 200: z.array(AttendanceRecord) } } }, (req) =>
    listAttendance(ctxOf(deps, req), req.params.meetingId),
  );
  app.post(
    `${M}/attendance`,
    { schema: { operationId: 'recordAttendance', tags, params: MeetingParams, body: RecordAttendance, response: { 200: z.object({ attendance: AttendanceRecord, quorum: Quorum }) } } },
    (req) => recordAttendance(ctxOf(deps, req), req.params.meetingId, req.body),
  );
  app.post(`${M}/check-in`, { schema: { operationId: 'checkIn', tags, params: MeetingParams, body: CheckIn, response: { 200: z.object({ attendance: AttendanceRecord, quorum: Quorum }) } } }, (req) =>
    checkIn(ctxOf(deps, req), req.params.meetingId, req.body),
  );
  app.get(`${M}/check-in-code`, { schema: { operationId: 'getCheckInCode', tags, params: MeetingParams, response: { 200: CheckInCode } } }, (req) => getCheckInCode(ctxOf(deps, req), req.params.meetingId));
  app.post(`${M}/check-in-code`, { schema: { operationId: 'renewCheckInCode', tags, params: MeetingParams, response: { 200: CheckInCode } } }, async (req) => {
    await regenerateCheckInCode(ctxOf(deps, req), req.params.meetingId);
    return getCheckInCode(ctxOf(deps, req), req.params.meetingId);
  });
  app.get(`${M}/attendance-report`, { schema: { operationId: 'getAttendanceReport', tags, params: MeetingParams, response: { 200: AttendanceReport } } }, (req) =>
    getAttendanceReport(ctxOf(deps, req), req.params.meetingId),
  );
  app.get(`${M}/attendance-list`, { schema: { operationId: 'getAttendanceList', tags, params: MeetingParams, response: { 200: AttendanceList } } }, (req) =>
    getAttendanceList(ctxOf(deps, req), req.params.meetingId),
  );
  app.get(`${M}/leave-requests`, { schema: { operationId: 'listLeaveRequests', tags, params: MeetingParams, response: { 200: z.array(LeaveRequest) } } }, (req) =>
    listLeaveRequests(ctxOf(deps, req), req.params.meetingId),
  );
  app.post(`${M}/leave-requests`, { schema: { operationId: 'requestLeave', tags, params: MeetingParams, body: RequestLeave, response: { 201: LeaveRequest } } }, async (req, reply) =>
    reply.code(201).send(await requestLeave(ctxOf(deps, req), req.params.meetingId, req.body)),
  );
  app.post(`${M}/leave-requests/:requestId/decision`, { schema: { operationId: 'decideLeave', tags, params: LeaveParams, body: DecideLeave, response: { 200: LeaveRequest } } }, (req) =>
    decideLeave(ctxOf(deps, req), req.params.meetingId, req.params.requestId, req.body),
  );
  app.post(`${M}/leave-requests/:requestId/withdraw`, { schema: { operationId: 'withdrawLeave', tags, params: LeaveParams, response: { 200: LeaveRequest } } }, (req) =>
    withdrawLeave(ctxOf(deps, req), req.params.meetingId, req.params.requestId),
  );

  // ------------------------------------------------------------ non-voting attendees and observers
  app.get(`${M}/attendees`, { schema: { operationId: 'listAttendees', tags, params: MeetingParams, response: { 200: z.array(Attendee) } } }, (req) => listAttendees(ctxOf(deps, req), req.params.meetingId));
  app.post(`${M}/attendees`, { schema: { operationId: 'addAttendee', tags, params: MeetingParams, body: CreateAttendee, response: { 201: Attendee } } }, async (req, reply) =>
    reply.code(201).send(await addAttendee(ctxOf(deps, req), req.params.meetingId, req.body)),
  );
  app.delete(`${M}/attendees/:attendeeId`, { schema: { operationId: 'removeAttendee', tags, params: AttendeeParams } }, async (req, reply) => {
    await removeAttendee(ctxOf(deps, req), req.params.meetingId, req.params.attendeeId);
    return noContent(reply);
  });
  app.get(`${M}/attendee-list`, { schema: { operationId: 'getAttendeeList', tags, params: MeetingParams, response: { 200: AttendeeList } } }, (req) => getAttendeeList(ctxOf(deps, req), req.params.meetingId));
  app.get(`${M}/observer-seats`, { schema: { operationId: 'getObserverSeats', tags, params: MeetingParams, response: { 200: ObserverSeats } } }, (req) => getObserverSeats(ctxOf(deps, req), req.params.meetingId));
  app.post(`${M}/observers`, { schema: { operationId: 'registerObserver', tags, params: MeetingParams, body: RegisterObserver, response: { 201: ObserverReceipt } } }, async (req, reply) =>
    reply.code(201).send(await registerObserver(ctxOf(deps, req), req.params.meetingId, req.body)),
  );
  app.get(`${M}/observers`, { schema: { operationId: 'listObservers', tags, params: MeetingParams, response: { 200: z.array(ObserverRegistration) } } }, (req) => listObservers(ctxOf(deps, req), req.params.meetingId));
  app.post(`${M}/observers/:registrationId/decision`, { schema: { operationId: 'decideObserver', tags, params: ObserverParams, body: DecideObserver, response: { 200: ObserverRegistration } } }, (req) =>
    decideObserver(ctxOf(deps, req), req.params.meetingId, req.params.registrationId, req.body.approve),
  );

  // ------------------------------------------------------------ groups, sessions, speakers, opinions
  app.get(`${M}/groups`, { schema: { operationId: 'getGroups', tags, params: MeetingParams, response: { 200: Groups } } }, (req) => getGroups(ctxOf(deps, req), req.params.meetingId));
  app.put(`${M}/groups`, { schema: { operationId: 'draftGroups', tags, params: MeetingParams, body: DraftGroups, response: { 200: Groups } } }, async (req) => {
    await draftGroups(ctxOf(deps, req), req.params.meetingId, req.body);
    return getGroups(ctxOf(deps, req), req.params.meetingId);
  });
  app.post(`${M}/groups/approve`, { schema: { operationId: 'approveGroups', tags, params: MeetingParams, response: { 200: Groups } } }, async (req) => {
    await approveGroups(ctxOf(deps, req), req.params.meetingId);
    return getGroups(ctxOf(deps, req), req.params.meetingId);
  });
  app.get(`${M}/sessions`, { schema: { operationId: 'listSessions', tags, params: MeetingParams, response: { 200: z.array(Session) } } }, (req) => listSessions(ctxOf(deps, req), req.params.meetingId));
  app.post(`${M}/sessions`, { schema: { operationId: 'createSession', tags, params: MeetingParams, body: CreateSession, response: { 201: Session } } }, async (req, reply) => {
    const id = await createSession(ctxOf(deps, req), req.params.meetingId, req.body);
    return reply.code(201).send(await getSession(ctxOf(deps, req), req.params.meetingId, id));
  });
  app.get(`${M}/speakers`, { schema: { operationId: 'listSpeakers', tags, params: MeetingParams, querystring: SpeakersQuery, response: { 200: SpeakerQueue } } }, (req) =>
    listSpeakers(ctxOf(deps, req), req.params.meetingId, req.query.agendaItemId),
  );
  app.post(`${M}/speakers`, { schema: { operationId: 'registerSpeaker', tags, params: MeetingParams, body: RegisterSpeaker, response: { 201: Speaker } } }, async (req, reply) =>
    reply.code(201).send(await registerSpeaker(ctxOf(deps, req), req.params.meetingId, req.body)),
  );
  app.put(`${M}/speakers/order`, { schema: { operationId: 'orderSpeakers', tags, params: MeetingParams, body: OrderSpeakers, response: { 200: SpeakerQueue } } }, async (req) => {
    await orderSpeakers(ctxOf(deps, req), req.params.meetingId, req.body.agendaItemId, req.body.order);
    return listSpeakers(ctxOf(deps, req), req.params.meetingId, req.body.agendaItemId);
  });
  app.post(`${M}/speakers/:speakerId/decision`, { schema: { operationId: 'decideSpeaker', tags, params: SpeakerParams, body: DecideSpeaker, response: { 200: Speaker } } }, (req) =>
    decideSpeaker(ctxOf(deps, req), req.params.meetingId, req.params.speakerId, req.body.approve),
  );
  app.post(`${M}/speakers/:speakerId/start`, { schema: { operationId: 'startSpeech', tags, params: SpeakerParams, response: { 200: Speaker } } }, (req) =>
    startSpeech(ctxOf(deps, req), req.params.meetingId, req.params.speakerId),
  );
  app.post(`${M}/speakers/:speakerId/stop`, { schema: { operationId: 'stopSpeech', tags, params: SpeakerParams, response: { 200: Speaker } } }, (req) =>
    stopSpeech(ctxOf(deps, req), req.params.meetingId, req.params.speakerId),
  );
  app.post(`${M}/speakers/:speakerId/withdraw`, { schema: { operationId: 'withdrawSpeaker', tags, params: SpeakerParams, response: { 200: Speaker } } }, (req) =>
    withdrawSpeaker(ctxOf(deps, req), req.params.meetingId, req.params.speakerId),
  );
  app.get(
    `${M}/opinions`,
    { schema: { operationId: 'listMeetingOpinions', tags, params: MeetingParams, querystring: z.object({ agendaItemId: Id.optional() }).strict(), response: { 200: z.array(Opinion) } } },
    (req) => listOpinions(ctxOf(deps, req), req.params.meetingId, req.query.agendaItemId),
  );
  app.post(`${M}/opinions`, { schema: { operationId: 'recordOpinion', tags, params: MeetingParams, body: RecordOpinion, response: { 201: Opinion } } }, async (req, reply) =>
    reply.code(201).send(await recordOpinion(ctxOf(deps, req), req.params.meetingId, req.body)),
  );

  // ------------------------------------------------------------ reading aids: the presiding script, a DOCX as text, the sign-in link
  app.get(`${M}/presiding-script`, { schema: { operationId: 'getPresidingScript', tags, params: MeetingParams, response: { 200: PresidingScript } } }, (req) =>
    getPresidingScript(ctxOf(deps, req), req.params.meetingId),
  );
  app.get(`${M}/documents/:documentId/text`, { schema: { operationId: 'getDocumentText', tags, params: DocumentParams, response: { 200: DocumentText } } }, (req) =>
    getDocumentText(ctxOf(deps, req), req.params.meetingId, req.params.documentId, storage),
  );
  app.get(`${M}/check-in-link`, { schema: { operationId: 'getCheckInLink', tags, params: MeetingParams, response: { 200: CheckInLink } } }, (req) =>
    getCheckInLink(ctxOf(deps, req), req.params.meetingId, `${req.protocol}://${req.host}`),
  );

  // ------------------------------------------------------------ personnel list (read by the polls module)
  app.get(`${M}/personnel`, { schema: { operationId: 'listPersonnelProposals', tags, params: MeetingParams, response: { 200: z.array(PersonnelProposal) } } }, (req) =>
    listPersonnelProposals(ctxOf(deps, req), req.params.meetingId),
  );
  app.post(`${M}/personnel`, { schema: { operationId: 'addPersonnelProposal', tags, params: MeetingParams, body: CreatePersonnelProposal, response: { 201: PersonnelProposal } } }, async (req, reply) =>
    reply.code(201).send(await addPersonnelProposal(ctxOf(deps, req), req.params.meetingId, req.body)),
  );
};

/**
 * uploadDocument: multipart/form-data with one `file` part and optional `title` and `agendaItemId`
 * fields. The multipart parser is registered in this encapsulated context only, so the rest of the API
 * keeps its JSON body limit; the file limit is the storage's.
 */
async function uploadRoute(sub: App, deps: Deps, storage: Storage): Promise<void> {
  await sub.register(multipart, { limits: { fileSize: storage.maxBytes, files: 1, fields: 10, fieldSize: 2000, parts: 12 } });
  sub.post(
    `${M}/documents`,
    {
      schema: {
        operationId: 'uploadDocument',
        tags,
        params: MeetingParams,
        consumes: ['multipart/form-data'],
        description: 'multipart/form-data: file (PDF, DOCX, PNG, JPEG or WebP; type judged from the bytes), title?, agendaItemId?',
        response: { 201: MeetingDocument },
      },
    },
    async (req, reply) => reply.code(201).send(await uploadDocument(ctxOf(deps, req), req.params.meetingId, () => readUpload(req, sub, storage), storage)),
  );
}

async function readUpload(req: FastifyRequest, sub: App, storage: Storage): Promise<Upload> {
  if (!req.isMultipart()) throw new DomainError(415, 'MULTIPART_REQUIRED', '请以multipart/form-data上传文件', 'Upload the file as multipart/form-data');
  const fields: Record<string, string> = {};
  let file: { filename: string; bytes: Buffer } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer();
          throw new DomainError(400, 'ONE_FILE', '每次上传一个名为file的文件', 'Upload one file, in a part named "file"');
        }
        file = { filename: part.filename, bytes: await part.toBuffer() };
      } else {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : '';
      }
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    if (e instanceof sub.multipartErrors.RequestFileTooLargeError) {
      throw new DomainError(413, 'DOCUMENT_TOO_LARGE', `文件超过${Math.floor(storage.maxBytes / 1024 / 1024)}MB的上限`, `The file exceeds the ${Math.floor(storage.maxBytes / 1024 / 1024)} MB limit`);
    }
    throw new DomainError(400, 'BAD_UPLOAD', '上传内容无效', 'The upload could not be read');
  }
  if (!file) throw new DomainError(400, 'NO_FILE', '没有收到文件', 'No file was received');
  const agendaItemId = fields.agendaItemId?.trim() || undefined;
  if (agendaItemId !== undefined && !Id.safeParse(agendaItemId).success) throw new DomainError(400, 'BAD_REQUEST', '议题标识无效', 'Invalid agendaItemId');
  return { filename: file.filename, bytes: file.bytes, title: fields.title, agendaItemId };
}

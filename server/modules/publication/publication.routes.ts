import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CongressParams, Id } from '../../../contracts/congress.ts';
import {
  Announcement,
  AnnouncementParams,
  Appointment,
  BuildParams,
  CreateAnnouncement,
  EditGazette,
  GazetteBuild,
  GazetteContent,
  GazetteDraft,
  GazetteQuery,
  GazetteSummary,
  ListAnnouncementsQuery,
  ListGazettesQuery,
  MeetingParams,
  MeetingTextSummary,
} from '../../../contracts/publication.ts';
import { PollResult } from '../../../contracts/polls.ts';
import { ctxOf, type RouteModule } from '../../platform/http.ts';
import { createAnnouncement, editGazette, publishAnnouncement, requestGazetteBuild } from './publication.commands.ts';
import { getGazetteBuild, getGazetteDraft, getGazetteFile, getPublishedGazette, listAnnouncements, listAppointments, listGazettes, listMeetingResults, listMeetingTexts, warmGazetteFiles } from './publication.queries.ts';
import { gazetteFileName, toHtml } from './publication.render.ts';

const tags = ['publication'];
const base = '/api/v1/congresses/:congressId';
const G = '/api/v1/meetings/:meetingId/gazette';

/**
 * Public reads carry an ETag and may be cached by browsers and proxies for a few minutes; a signed-in
 * reader's copy is private. A matching If-None-Match answers 304 without a body.
 */
function cached(req: FastifyRequest, reply: FastifyReply, etagOf: string): boolean {
  const etag = `"${etagOf}"`;
  void reply.header('etag', etag).header('cache-control', req.actor.kind === 'public' ? 'public, max-age=300' : 'private, no-cache').header('vary', 'Cookie, Authorization');
  if (req.headers['if-none-match'] === etag) {
    void reply.code(304).send();
    return true;
  }
  return false;
}
const hashOf = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 32);

export const publicationRoutes: RouteModule = (app, deps) => {
  const ctx = (req: FastifyRequest) => ctxOf(deps, req);

  app.get(G, { schema: { operationId: 'getGazette', tags, params: MeetingParams, querystring: GazetteQuery } }, async (req, reply) => {
    const format = req.query.format;
    if (format === 'html') {
      const g = await getPublishedGazette(ctx(req), req.params.meetingId);
      if (cached(req, reply, `${g.sha256.slice(0, 32)}-html`)) return reply;
      const path = `/api/v1/meetings/${req.params.meetingId}/gazette`;
      return reply.type('text/html; charset=utf-8').send(toHtml(g.content, { docx: `${path}?format=docx`, pdf: `${path}?format=pdf` }));
    }
    const f = await getGazetteFile(ctx(req), req.params.meetingId, format);
    if (cached(req, reply, `${f.sha256.slice(0, 32)}-${format}`)) return reply;
    const mime = format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    return reply.type(mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(gazetteFileName(f.content, format))}`).send(f.bytes);
  });
  app.get(`${G}/content`, { schema: { operationId: 'getGazetteContent', tags, params: MeetingParams, response: { 200: GazetteContent } } }, async (req, reply) => {
    const g = await getPublishedGazette(ctx(req), req.params.meetingId);
    warmGazetteFiles(g);
    if (cached(req, reply, `${g.sha256.slice(0, 32)}-json`)) return reply;
    return g.content;
  });
  app.get(`${G}/draft`, { schema: { operationId: 'getGazetteDraft', tags, params: MeetingParams, response: { 200: GazetteDraft } } }, (req) => getGazetteDraft(ctx(req), req.params.meetingId));
  app.put(`${G}/draft`, { schema: { operationId: 'editGazette', tags, params: MeetingParams, body: EditGazette, response: { 200: z.object({ gazetteId: Id, version: z.number().int() }) } } }, (req) =>
    editGazette(ctx(req), req.params.meetingId, req.body),
  );
  app.post(`${G}/builds`, { schema: { operationId: 'buildGazette', tags, params: MeetingParams, response: { 202: GazetteBuild } } }, async (req, reply) => {
    const { build, done } = await requestGazetteBuild(ctx(req), deps.anchors, req.params.meetingId);
    done.catch((e: unknown) => req.log.error(e));
    return reply.code(202).send(build);
  });
  app.get('/api/v1/gazette-builds/:buildId', { schema: { operationId: 'getGazetteBuild', tags, params: BuildParams, response: { 200: GazetteBuild } } }, (req) =>
    getGazetteBuild(ctx(req), req.params.buildId),
  );
  app.get('/api/v1/meetings/:meetingId/texts', { schema: { operationId: 'listMeetingTexts', tags, params: MeetingParams, response: { 200: z.array(MeetingTextSummary) } } }, async (req, reply) => {
    const list = await listMeetingTexts(ctx(req), req.params.meetingId);
    if (cached(req, reply, hashOf(list))) return reply;
    return list;
  });
  app.get('/api/v1/meetings/:meetingId/results', { schema: { operationId: 'listMeetingResults', tags, params: MeetingParams, response: { 200: z.array(PollResult) } } }, async (req, reply) => {
    const list = await listMeetingResults(ctx(req), req.params.meetingId);
    if (cached(req, reply, hashOf(list))) return reply;
    return list;
  });
  app.get(`${base}/gazettes`, { schema: { operationId: 'listGazettes', tags, params: CongressParams, querystring: ListGazettesQuery, response: { 200: z.array(GazetteSummary) } } }, async (req, reply) => {
    const list = await listGazettes(ctx(req), req.params.congressId, req.query.year);
    if (cached(req, reply, hashOf(list))) return reply;
    return list;
  });
  app.get(`${base}/appointments`, { schema: { operationId: 'listAppointments', tags, params: CongressParams, response: { 200: z.array(Appointment) } } }, async (req, reply) => {
    const list = await listAppointments(ctx(req), req.params.congressId);
    if (cached(req, reply, hashOf(list))) return reply;
    return list;
  });

  app.get(`${base}/announcements`, { schema: { operationId: 'listAnnouncements', tags, params: CongressParams, querystring: ListAnnouncementsQuery, response: { 200: z.array(Announcement) } } }, async (req, reply) => {
    const list = await listAnnouncements(ctx(req), req.params.congressId, req.query);
    if (cached(req, reply, hashOf(list))) return reply;
    return list;
  });
  app.post(`${base}/announcements`, { schema: { operationId: 'createAnnouncement', tags, params: CongressParams, body: CreateAnnouncement, response: { 201: Announcement } } }, async (req, reply) =>
    reply.code(201).send(await createAnnouncement(ctx(req), req.params.congressId, req.body)),
  );
  app.post(`${base}/announcements/:announcementId/publish`, { schema: { operationId: 'publishAnnouncement', tags, params: AnnouncementParams, response: { 200: Announcement } } }, (req) =>
    publishAnnouncement(ctx(req), req.params.congressId, req.params.announcementId),
  );
};

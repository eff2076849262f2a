import { z } from 'zod';
import { CongressParams, Id } from '../../../contracts/congress.ts';
import { CreatePost, PersonnelList, Post, RecordPersonnelActs } from '../../../contracts/personnel.ts';
import { ctxOf, type RouteModule } from '../../platform/http.ts';
import { createPost, recordPersonnelActs } from './personnel.commands.ts';
import { getPersonnelList, listPosts } from './personnel.queries.ts';

const tags = ['personnel'];

export const personnelRoutes: RouteModule = (app, deps) => {
  const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(deps, req);
  const base = '/api/v1/congresses/:congressId';

  app.get(`${base}/posts`, { schema: { operationId: 'listPosts', tags, params: CongressParams, response: { 200: z.array(Post) } } }, (req) => listPosts(ctx(req), req.params.congressId));
  app.post(`${base}/posts`, { schema: { operationId: 'createPost', tags, params: CongressParams, body: CreatePost, response: { 201: z.object({ id: Id }) } } }, async (req, reply) =>
    reply.code(201).send({ id: await createPost(ctx(req), req.params.congressId, req.body) }),
  );
  app.post(
    `${base}/personnel-acts`,
    { schema: { operationId: 'recordPersonnelActs', tags, params: CongressParams, body: RecordPersonnelActs, response: { 200: z.object({ changes: z.number().int() }) } } },
    async (req) => ({ changes: await recordPersonnelActs(ctx(req), req.params.congressId, req.body) }),
  );
  app.get(
    '/api/v1/meetings/:meetingId/personnel-list',
    { schema: { operationId: 'getPersonnelList', tags, params: z.object({ meetingId: Id }).strict(), response: { 200: PersonnelList } } },
    (req) => getPersonnelList(ctx(req), req.params.meetingId),
  );
};

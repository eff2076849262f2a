import { z } from 'zod';
import { CongressParams, Id, IsoDate } from '../../../contracts/congress.ts';
import { CreateMembership, CreatePerson, EndMembership, Member, Membership, Person, UpdatePerson } from '../../../contracts/people.ts';
import { ctxOf, noContent, type RouteModule } from '../../platform/http.ts';
import { createMembership, createPerson, endMembership, updatePerson } from './people.commands.ts';
import { getPerson, listMembers, listMemberships, listPeople } from './people.queries.ts';

const tags = ['people'];
const PersonParams = z.object({ congressId: Id, personId: Id }).strict();

export const peopleRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/congresses/:congressId/members',
    { schema: { operationId: 'listMembers', tags, params: CongressParams, querystring: z.object({ on: IsoDate.optional() }).strict(), response: { 200: z.array(Member) } } },
    (req) => listMembers(ctxOf(deps, req), req.params.congressId, req.query.on),
  );

  app.get(
    '/api/v1/congresses/:congressId/people',
    { schema: { operationId: 'listPeople', tags, params: CongressParams, querystring: z.object({ q: z.string().max(50).optional() }).strict(), response: { 200: z.array(Person) } } },
    (req) => listPeople(ctxOf(deps, req), req.params.congressId, req.query.q),
  );

  app.post('/api/v1/congresses/:congressId/people', { schema: { operationId: 'createPerson', tags, params: CongressParams, body: CreatePerson, response: { 201: Person } } }, async (req, reply) =>
    reply.code(201).send(await createPerson(ctxOf(deps, req), req.params.congressId, req.body)),
  );

  app.get('/api/v1/congresses/:congressId/people/:personId', { schema: { operationId: 'getPerson', tags, params: PersonParams, response: { 200: Person } } }, (req) =>
    getPerson(ctxOf(deps, req), req.params.congressId, req.params.personId),
  );

  app.patch('/api/v1/congresses/:congressId/people/:personId', { schema: { operationId: 'updatePerson', tags, params: PersonParams, body: UpdatePerson, response: { 200: Person } } }, (req) =>
    updatePerson(ctxOf(deps, req), req.params.congressId, req.params.personId, req.body),
  );

  app.get(
    '/api/v1/congresses/:congressId/memberships',
    {
      schema: {
        operationId: 'listMemberships',
        tags,
        params: CongressParams,
        querystring: z.object({ bodyId: Id.optional(), personId: Id.optional() }).strict(),
        response: { 200: z.array(Membership) },
      },
    },
    (req) => listMemberships(ctxOf(deps, req), req.params.congressId, req.query),
  );

  app.post(
    '/api/v1/congresses/:congressId/memberships',
    { schema: { operationId: 'createMembership', tags, params: CongressParams, body: CreateMembership, response: { 201: Membership } } },
    async (req, reply) => reply.code(201).send(await createMembership(ctxOf(deps, req), req.params.congressId, req.body)),
  );

  app.post(
    '/api/v1/congresses/:congressId/memberships/:membershipId/end',
    { schema: { operationId: 'endMembership', tags, params: z.object({ congressId: Id, membershipId: Id }).strict(), body: EndMembership } },
    async (req, reply) => {
      await endMembership(ctxOf(deps, req), req.params.congressId, req.params.membershipId, req.body);
      return noContent(reply);
    },
  );
};

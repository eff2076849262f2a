import { z } from 'zod';
import { Body, Congress, CongressParams, CreateBody, CreateCongress, CreateTerm, Id, Term, UpdateBody, UpdateCongress } from '../../../contracts/congress.ts';
import { RulesProfileSchema } from '../../../contracts/profile.ts';
import { ctxOf, type RouteModule } from '../../platform/http.ts';
import { createBody, createCongress, createTerm, updateBody, updateCongress, updateRulesProfile } from './congress.commands.ts';
import { getCongress, getRulesProfile, listBodies, listCongresses, listRulesPresets, listTerms } from './congress.queries.ts';

const tags = ['congresses'];

export const congressRoutes: RouteModule = (app, deps) => {
  app.get('/api/v1/congresses', { schema: { operationId: 'listCongresses', tags, response: { 200: z.array(Congress) } } }, (req) => listCongresses(ctxOf(deps, req)));

  app.post('/api/v1/congresses', { schema: { operationId: 'createCongress', tags, body: CreateCongress, response: { 201: Congress } } }, async (req, reply) =>
    reply.code(201).send(await createCongress(ctxOf(deps, req), req.body)),
  );

  app.get('/api/v1/congresses/:congressId', { schema: { operationId: 'getCongress', tags, params: CongressParams, response: { 200: Congress } } }, (req) =>
    getCongress(ctxOf(deps, req), req.params.congressId),
  );

  app.patch('/api/v1/congresses/:congressId', { schema: { operationId: 'updateCongress', tags, params: CongressParams, body: UpdateCongress, response: { 200: Congress } } }, (req) =>
    updateCongress(ctxOf(deps, req), req.params.congressId, req.body),
  );

  app.get('/api/v1/congresses/:congressId/terms', { schema: { operationId: 'listTerms', tags, params: CongressParams, response: { 200: z.array(Term) } } }, (req) =>
    listTerms(ctxOf(deps, req), req.params.congressId),
  );

  app.post('/api/v1/congresses/:congressId/terms', { schema: { operationId: 'createTerm', tags, params: CongressParams, body: CreateTerm, response: { 201: Term } } }, async (req, reply) =>
    reply.code(201).send(await createTerm(ctxOf(deps, req), req.params.congressId, req.body)),
  );

  app.get('/api/v1/congresses/:congressId/bodies', { schema: { operationId: 'listBodies', tags, params: CongressParams, response: { 200: z.array(Body) } } }, (req) =>
    listBodies(ctxOf(deps, req), req.params.congressId),
  );

  app.post('/api/v1/congresses/:congressId/bodies', { schema: { operationId: 'createBody', tags, params: CongressParams, body: CreateBody, response: { 201: Body } } }, async (req, reply) =>
    reply.code(201).send(await createBody(ctxOf(deps, req), req.params.congressId, req.body)),
  );

  app.patch(
    '/api/v1/congresses/:congressId/bodies/:bodyId',
    { schema: { operationId: 'updateBody', tags, params: z.object({ congressId: Id, bodyId: Id }).strict(), body: UpdateBody, response: { 200: Body } } },
    (req) => updateBody(ctxOf(deps, req), req.params.congressId, req.params.bodyId, req.body),
  );

  // The rules profile is public: anyone may see by which numbers the congress works.
  app.get('/api/v1/congresses/:congressId/rules-profile', { schema: { operationId: 'getRulesProfile', tags, params: CongressParams, response: { 200: RulesProfileSchema } } }, (req) =>
    getRulesProfile(ctxOf(deps, req), req.params.congressId),
  );

  // Validated in the command (not by the route schema) so a bad profile gets a 422 naming the field and the rule.
  app.put(
    '/api/v1/congresses/:congressId/rules-profile',
    { schema: { operationId: 'updateRulesProfile', tags, params: CongressParams, body: z.record(z.string(), z.unknown()), response: { 200: RulesProfileSchema } } },
    (req) => updateRulesProfile(ctxOf(deps, req), req.params.congressId, req.body),
  );

  app.get('/api/v1/rules-presets', { schema: { operationId: 'listRulesPresets', tags, response: { 200: z.record(z.string(), RulesProfileSchema) } } }, () => listRulesPresets());
};

import { z } from 'zod';
import { CongressParams, Id } from '../../../contracts/congress.ts';
import { ReindexResult, SearchQuery, SearchResult } from '../../../contracts/search.ts';
import { ctxOf, type RouteModule } from '../../platform/http.ts';
import { publicRead } from '../publicdata/public.http.ts';
import { reindexSearch } from './search.commands.ts';
import { subscribeSearchIndex } from './search.live.ts';
import { readSearchUnit, search } from './search.queries.ts';

const tags = ['search'];
const ReadQuery = z.object({ part: z.string().max(300).default('') }).strict();
const ReadParams = z.object({ congressId: Id, sourceType: z.string().min(1).max(64), sourceId: Id }).strict();
const Unit = z.object({ title: z.string(), body: z.string(), url: z.string(), articleNum: z.string().nullable(), meetingTitle: z.string().nullable(), publishedOn: z.string().nullable() });

export const searchRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/search',
    { schema: { operationId: 'search', tags, querystring: SearchQuery, response: { 200: SearchResult } }, ...publicRead },
    async (req) => search(deps.handle.db, req.query),
  );
  app.get(
    '/api/v1/congresses/:congressId/search/units/:sourceType/:sourceId',
    { schema: { operationId: 'readSearchUnit', tags, params: ReadParams, querystring: ReadQuery, response: { 200: Unit } }, ...publicRead },
    async (req) => readSearchUnit(deps.handle.db, req.params.congressId, req.params.sourceType, req.params.sourceId, req.query.part),
  );
  app.post(
    '/api/v1/congresses/:congressId/search/reindex',
    { schema: { operationId: 'reindexSearch', tags, params: CongressParams, response: { 200: ReindexResult } } },
    async (req) => reindexSearch(ctxOf(deps, req), req.params.congressId),
  );

  subscribeSearchIndex(app, deps);
};

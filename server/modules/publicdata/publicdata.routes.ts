import { z } from 'zod';
import {
  FeedParams,
  FeedQuery,
  OpenAgendaItem,
  OpenBill,
  OpenCongressParams,
  OpenList,
  OpenMeeting,
  OpenMeetingParams,
  OpenNamedPoll,
  OpenRegulation,
  OpenRegulationSummary,
  OpenWorkParams,
  Subscribe,
  SubscriptionState,
  TokenQuery,
} from '../../../contracts/publicdata.ts';
import { GazetteSummary } from '../../../contracts/publication.ts';
import { nowIso } from '../../platform/clock.ts';
import { piiCtxOf } from '../../platform/crypto/context.ts';
import { fieldCryptoFor } from '../../platform/crypto/keys.ts';
import { schedulePeriodic } from '../../platform/jobs.ts';
import type { RouteModule } from '../../platform/http.ts';
import { SYSTEM_ACTOR } from '../imports/import-fixture.ts';
import { listGazettes } from '../publication/publication.queries.ts';
import { feedItems, meetingsCalendar, renderFeed } from './feeds.ts';
import { scheduleOpenDataExport } from './opendata.export.ts';
import { publicRead } from './public.http.ts';
import { openAgenda, openBills, openMeetings, openNamedPolls, openRegulation, openRegulations, requirePublicCongress } from './publicdata.queries.ts';
import { confirmSubscription, runFeedAlerts, subscribe, unsubscribe } from './subscriptions.commands.ts';

const tags = ['open data'];
const feedTags = ['feeds'];
const base = '/api/v1/open/congresses/:congressId';
const list = <T>(congressId: string, items: T[]) => ({ congressId, generatedAt: nowIso(), items });

export const publicDataRoutes: RouteModule = (app, deps) => {
  const db = deps.handle.db;
  scheduleOpenDataExport(app, deps);
  // Subscribers get their alert mails every hour in production.
  schedulePeriodic(app, deps, 'feed alerts', 3_600_000, () =>
    runFeedAlerts({ db: deps.handle.db, hub: deps.hub, actor: { kind: 'public', ip: null }, fc: fieldCryptoFor(deps.config) }),
  );

  // ---- open data (JSON) -------------------------------------------------------------------------
  app.get(`${base}/meetings`, { schema: { operationId: 'openListMeetings', tags, params: OpenCongressParams, response: { 200: OpenList(OpenMeeting) } }, ...publicRead }, async (req) => {
    const c = await requirePublicCongress(db, req.params.congressId);
    return list(c.id, await openMeetings(db, c.id));
  });
  app.get(
    `${base}/meetings/:meetingId/agenda`,
    { schema: { operationId: 'openListAgendaItems', tags, params: OpenMeetingParams, response: { 200: OpenList(OpenAgendaItem) } }, ...publicRead },
    async (req) => {
      const c = await requirePublicCongress(db, req.params.congressId);
      return list(c.id, await openAgenda(db, c.id, req.params.meetingId));
    },
  );
  app.get(
    `${base}/polls`,
    { schema: { operationId: 'openListNamedPolls', tags, params: OpenCongressParams, querystring: z.object({ meetingId: z.string().max(64).optional() }).strict(), response: { 200: OpenList(OpenNamedPoll) } }, ...publicRead },
    async (req) => {
      const c = await requirePublicCongress(db, req.params.congressId);
      return list(c.id, await openNamedPolls(db, c.id, req.query.meetingId));
    },
  );
  app.get(`${base}/bills`, { schema: { operationId: 'openListBills', tags, params: OpenCongressParams, response: { 200: OpenList(OpenBill) } }, ...publicRead }, async (req) => {
    const c = await requirePublicCongress(db, req.params.congressId);
    return list(c.id, await openBills(db, c.id));
  });
  app.get(
    `${base}/regulations`,
    { schema: { operationId: 'openListRegulations', tags, params: OpenCongressParams, response: { 200: OpenList(OpenRegulationSummary) } }, ...publicRead },
    async (req) => {
      const c = await requirePublicCongress(db, req.params.congressId);
      return list(c.id, await openRegulations(db, c.id));
    },
  );
  app.get(`${base}/regulations/:workId`, { schema: { operationId: 'openGetRegulation', tags, params: OpenWorkParams, response: { 200: OpenRegulation } }, ...publicRead }, async (req) =>
    openRegulation(db, req.params.congressId, req.params.workId),
  );

  // The published gazettes the public may read (the publication module decides which).
  app.get(`${base}/gazettes`, { schema: { operationId: 'openListGazettes', tags, params: OpenCongressParams, response: { 200: OpenList(GazetteSummary) } }, ...publicRead }, async (req) => {
    const c = await requirePublicCongress(db, req.params.congressId);
    return list(c.id, await listGazettes({ db, hub: deps.hub, actor: SYSTEM_ACTOR }, c.id));
  });

  // ---- feeds and the calendar -----------------------------------------------------------------
  const publicUrl = (req: { protocol: string; host: string }): string => process.env.YISHI_PUBLIC_URL ?? `${req.protocol}://${req.host}`;
  app.get(
    '/api/v1/congresses/:congressId/feed.:format',
    { schema: { operationId: 'getFeed', tags: feedTags, params: FeedParams, querystring: FeedQuery }, ...publicRead },
    async (req, reply) => {
      const f = await feedItems(db, req.params.congressId, { bodyId: req.query.bodyId, q: req.query.q });
      const qs = new URLSearchParams(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string')).toString();
      const self = `/api/v1/congresses/${req.params.congressId}/feed.${req.params.format}${qs ? `?${qs}` : ''}`;
      return reply
        .type(req.params.format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8')
        .send(renderFeed(publicUrl(req), self, f, req.params.format));
    },
  );
  app.get(
    '/api/v1/congresses/:congressId/meetings.ics',
    { schema: { operationId: 'getMeetingsCalendar', tags: feedTags, params: OpenCongressParams }, ...publicRead },
    async (req, reply) => reply.type('text/calendar; charset=utf-8').send(await meetingsCalendar(db, req.params.congressId, publicUrl(req))),
  );

  // ---- email subscriptions (double opt-in) ------------------------------------------------------
  app.post(
    '/api/v1/congresses/:congressId/subscriptions',
    { schema: { operationId: 'subscribeFeed', tags: feedTags, params: OpenCongressParams, body: Subscribe, response: { 202: SubscriptionState } } },
    async (req, reply) => reply.code(202).send(await subscribe(piiCtxOf(deps, req), req.params.congressId, req.body)),
  );
  app.get('/api/v1/subscriptions/confirm', { schema: { operationId: 'confirmSubscription', tags: feedTags, querystring: TokenQuery, response: { 200: SubscriptionState } } }, async (req) =>
    confirmSubscription(piiCtxOf(deps, req), req.query.token),
  );
  app.get('/api/v1/subscriptions/unsubscribe', { schema: { operationId: 'unsubscribeFeed', tags: feedTags, querystring: TokenQuery, response: { 200: SubscriptionState } } }, async (req) =>
    unsubscribe(piiCtxOf(deps, req), req.query.token),
  );
};

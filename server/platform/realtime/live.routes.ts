import websocket from '@fastify/websocket';
import { z } from 'zod';
import type { Actor } from '../access.ts';
import { resolveSession } from '../auth/sessions.ts';
import { DomainError, errors } from '../errors.ts';
import type { App, Deps } from '../http.ts';
import { LiveServer } from './live.ts';
import type { Channel } from './protocol.ts';

const Id = z.string().min(1).max(64);
const LiveQuery = z
  .object({
    /** A bearer token, for clients that cannot set headers on a WebSocket (scripts, devices). */
    token: z.string().min(1).max(200).optional(),
    congressId: Id.optional(),
    meetingId: Id.optional(),
  })
  .strict();

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveServer;
  }
}

/**
 * GET /api/v1/live — the WebSocket of "changed" notices (protocol.ts; README.md next to it).
 * Authenticates like the HTTP API: the Authorization header and the session cookie are handled by
 * the app's onRequest hook, `?token=` here. Everything is checked before the upgrade, so a refused
 * client gets an ordinary HTTP error (401/403/400).
 */
export async function registerLive(app: App, deps: Deps): Promise<void> {
  await app.register(websocket, { options: { maxPayload: 4096, perMessageDeflate: false } });
  const live = new LiveServer(deps.handle.db, deps.hub, deps.config.live, { warn: (msg) => app.log.warn(msg) });
  app.decorate('live', live);
  app.addHook('preClose', () => live.close());
  // An upgrade refused by an earlier hook (a bad bearer token, a 404) would keep its socket open:
  // the WebSocket plugin only cleans up after its own hook has run. Close it once the answer is out.
  app.addHook('onResponse', (req, _reply, done) => {
    if (req.raw.headers.upgrade?.toLowerCase() === 'websocket' && !req.raw.socket.destroyed) req.raw.socket.destroy();
    done();
  });

  app.get(
    '/api/v1/live',
    {
      websocket: true,
      schema: { querystring: LiveQuery, hide: true },
      preHandler: async (req) => {
        const { token, congressId, meetingId } = req.query;
        if (meetingId && !congressId) throw errors.badRequest('订阅会议时须同时指明所属人大', 'meetingId needs congressId');
        if (token && req.actor.kind === 'public') {
          const actor = await resolveSession(deps.handle.db, token, req.ip);
          if (!actor) throw errors.unauthenticated();
          if (actor.totpEnrollmentOnly) throw new DomainError(403, 'TOTP_ENROLLMENT_REQUIRED', '请先设置双因素认证', 'Set up two-factor authentication first');
          const { csrfToken: _csrf, ...rest } = actor;
          req.actor = rest;
          return;
        }
        // The cookie rides along on cross-site WebSocket requests too: only our own pages may use it.
        const viaCookie = req.actor.kind === 'user' && !token && !req.headers.authorization;
        const origin = req.headers.origin;
        if (viaCookie && origin && !sameOrigin(origin, req.host)) {
          throw new DomainError(403, 'CROSS_ORIGIN', '不允许跨站连接', 'Cross-site connections are not allowed');
        }
      },
    },
    (socket, req) => {
      const { congressId, meetingId } = req.query;
      const actor: Actor = req.actor;
      const initial: Channel | null = congressId ? (meetingId ? { congressId, meetingId } : { congressId }) : null;
      return live.accept(socket, actor, initial);
    },
  );
}

function sameOrigin(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

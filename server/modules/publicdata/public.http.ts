import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Route-level hooks for public, read-only endpoints (open data, search, feeds): any origin may read
 * them (CORS), and caches may keep them briefly. Only routes that need no login use these; an
 * authenticated endpoint never sends Access-Control-Allow-Origin.
 */
export const publicRead = {
  onSend: (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, p: unknown) => void): void => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      void reply.header('access-control-allow-origin', '*');
      void reply.header('vary', 'Origin');
      if (!reply.hasHeader('cache-control') && reply.statusCode === 200) void reply.header('cache-control', 'public, max-age=60');
    }
    done(null, payload);
  },
};

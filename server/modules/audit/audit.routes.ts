import { z } from 'zod';
import { CongressParams } from '../../../contracts/congress.ts';
import { ctxOf, type RouteModule } from '../../platform/http.ts';
import { listAudit, verifyAudit } from './audit.queries.ts';

const tags = ['audit'];

const AuditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  actorUserId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  data: z.unknown(),
  hash: z.string(),
});

export const auditRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/congresses/:congressId/audit',
    {
      schema: {
        operationId: 'listAudit',
        tags,
        params: CongressParams,
        querystring: z
          .object({
            action: z.string().max(64).optional(),
            actor: z.string().max(64).optional(),
            from: z.string().max(30).optional(),
            to: z.string().max(30).optional(),
            before: z.coerce.number().int().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: { 200: z.object({ rows: z.array(AuditRow), nextBefore: z.number().int().nullable() }) },
      },
    },
    (req) => listAudit(ctxOf(deps, req), req.params.congressId, req.query),
  );

  app.get(
    '/api/v1/audit/verify',
    { schema: { operationId: 'verifyAudit', tags, response: { 200: z.object({ ok: z.boolean(), checked: z.number().int(), firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional() }) } } },
    (req) => verifyAudit(ctxOf(deps, req)),
  );
};

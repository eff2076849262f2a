import { z } from 'zod';
import { AuditCheckpoints, AuditVerification } from '../../../contracts/audit.ts';
import { CongressParams } from '../../../contracts/congress.ts';
import { ctxOf, type RouteModule } from '../../platform/http.ts';
import { schedulePeriodic } from '../../platform/jobs.ts';
import { listAudit, listAuditCheckpoints, verifyAudit } from './audit.queries.ts';

/** How often a production server signs a checkpoint of the chain's head (when it has moved). */
const CHECKPOINT_EVERY_MS = 10 * 60_000;

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

  app.get('/api/v1/congresses/:congressId/audit/checkpoints', { schema: { operationId: 'listAuditCheckpoints', tags, params: CongressParams, response: { 200: AuditCheckpoints } } }, (req) =>
    listAuditCheckpoints(ctxOf(deps, req), deps.anchors, req.params.congressId),
  );

  app.get('/api/v1/audit/verify', { schema: { operationId: 'verifyAudit', tags, response: { 200: AuditVerification } } }, (req) => verifyAudit(ctxOf(deps, req), deps.anchors));

  // Checkpoints besides those at a poll's close and a gazette's publication: the head is signed
  // every few minutes, so a rewrite can only hide in the entries made since the last one.
  schedulePeriodic(app, deps, 'audit checkpoint', CHECKPOINT_EVERY_MS, () => deps.anchors.now());
};

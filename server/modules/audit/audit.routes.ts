import { z } from 'zod';
import { CongressParams } from '../../../contracts/congress.ts';
import { isAdmin } from '../congress/congress.policy.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { errors } from '../../platform/errors.ts';
import { requireUser, type RouteModule } from '../../platform/http.ts';
import { requireCongress } from '../congress/congress.repo.ts';

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
  const db = deps.handle.db;

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
    async (req) => {
      const c = await requireCongress(db, req.params.congressId);
      requireUser(req);
      if (!isAdmin(req.actor, c.id)) throw errors.forbidden();
      const f = req.query;
      let q = db
        .selectFrom('audit_log')
        .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
        .select(['audit_log.seq', 'audit_log.at', 'audit_log.action', 'audit_log.actor_user_id', 'users.username', 'audit_log.target_type', 'audit_log.target_id', 'audit_log.data', 'audit_log.hash'])
        .where('audit_log.congress_id', '=', c.id);
      if (f.action) q = q.where('audit_log.action', 'like', `${f.action}%`);
      if (f.actor) q = q.where('users.username', '=', f.actor);
      if (f.from) q = q.where('audit_log.at', '>=', f.from);
      if (f.to) q = q.where('audit_log.at', '<=', f.to);
      if (f.before) q = q.where('audit_log.seq', '<', f.before);
      const rows = await q.orderBy('audit_log.seq', 'desc').limit(f.limit).execute();
      return {
        rows: rows.map((r) => ({
          seq: r.seq,
          at: r.at,
          action: r.action,
          actorUserId: r.actor_user_id,
          actorUsername: r.username,
          targetType: r.target_type,
          targetId: r.target_id,
          data: JSON.parse(r.data) as unknown,
          hash: r.hash,
        })),
        nextBefore: rows.length === f.limit ? (rows.at(-1)?.seq ?? null) : null,
      };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    { schema: { operationId: 'verifyAudit', tags, response: { 200: z.object({ ok: z.boolean(), checked: z.number().int(), firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional() }) } } },
    async (req) => {
      const actor = requireUser(req);
      if (!actor.isSuperadmin) throw errors.forbidden();
      return verifyAuditChain(db);
    },
  );
};

import { authorize } from '../../platform/access.ts';
import { type AuditAnchors, gatherCheckpoints, listCheckpoints, verifyCheckpoints } from '../../platform/audit-anchor.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import { isAdmin } from '../congress/congress.policy.ts';
import { requireCongress } from '../congress/congress.repo.ts';

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit: number;
}

/** The congress's audit trail, newest first, for its admins. */
export async function listAudit(ctx: Ctx, congressId: string, f: AuditFilter) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, isAdmin(ctx.actor, c.id));
  let q = ctx.db
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
}

/**
 * The whole chain is checked by the installation's administrator: every link, then every
 * checkpoint (the server's checkpoint file and the database's copies) against the chain.
 */
export async function verifyAudit(ctx: Ctx, anchors: AuditAnchors) {
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  if (!ctx.actor.isSuperadmin) throw errors.forbidden();
  const chain = await verifyAuditChain(ctx.db);
  const { found } = await gatherCheckpoints(ctx.db, anchors.file);
  const checkpoints = await verifyCheckpoints(ctx.db, found, [anchors.signer.publicKey]);
  return { ...chain, ok: chain.ok && checkpoints.ok, checkpoints };
}

/** The latest checkpoints and the key that verifies them, for a congress's admins (the audit page). */
export async function listAuditCheckpoints(ctx: Ctx, anchors: AuditAnchors, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, isAdmin(ctx.actor, c.id));
  return { keyId: anchors.signer.keyId, publicKey: anchors.signer.publicKeyPem, checkpoints: await listCheckpoints(ctx.db, 20) };
}

import { authorize } from '../../platform/access.ts';
import type { UserActor } from '../../platform/access.ts';
import type { Ctx } from '../../platform/command.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { accountsPolicy } from './accounts.policy.ts';
import { currentUserDto, listCongressUsers, listLoginLocks as loginLocksOf } from './accounts.repo.ts';
import { nowIso } from '../../platform/clock.ts';

export async function getCurrentUser(ctx: Ctx, actor: UserActor) {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
  return currentUserDto(ctx.db, user, actor.totpEnrollmentOnly);
}

export async function listUsers(ctx: Ctx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, accountsPolicy.manage(ctx.actor, c.id));
  return listCongressUsers(ctx.db, c.id);
}

/** listLoginLocks: the office and the admins see login lockouts of the congress's accounts; admins may lift one that holds. */
export async function listLoginLocks(ctx: Ctx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, accountsPolicy.watchLogins(ctx.actor, c.id));
  const superadmin = ctx.actor.kind === 'user' && ctx.actor.isSuperadmin;
  const mayClear = accountsPolicy.manage(ctx.actor, c.id);
  const now = nowIso();
  return (await loginLocksOf(ctx.db, c.id, superadmin)).map((l) => {
    const active = l.clearedAt === null && l.until > now;
    return { ...l, active, allowedActions: active && mayClear ? (['clear'] as const).slice() : [] };
  });
}

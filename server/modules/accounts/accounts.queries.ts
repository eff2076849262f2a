import { authorize } from '../../platform/access.ts';
import type { UserActor } from '../../platform/access.ts';
import type { Ctx } from '../../platform/command.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { accountsPolicy } from './accounts.policy.ts';
import { currentUserDto, listCongressUsers } from './accounts.repo.ts';

export async function getCurrentUser(ctx: Ctx, actor: UserActor) {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
  return currentUserDto(ctx.db, user, actor.totpEnrollmentOnly);
}

export async function listUsers(ctx: Ctx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, accountsPolicy.manage(ctx.actor, c.id));
  return listCongressUsers(ctx.db, c.id);
}

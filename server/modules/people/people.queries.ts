import { authorize } from '../../platform/access.ts';
import type { Ctx } from '../../platform/command.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { peoplePolicy } from './people.policy.ts';
import { listMembers as membersOf, listMemberships as membershipsOf, requirePerson, toPersonDto } from './people.repo.ts';

// Public: the composition of the standing committee is published in every gazette.
export async function listMembers(ctx: Ctx, congressId: string, onDate?: string) {
  const c = await requireCongress(ctx.db, congressId);
  return membersOf(ctx.db, c.id, onDate);
}

export async function listMemberships(ctx: Ctx, congressId: string, filter: { bodyId?: string | undefined; personId?: string | undefined }) {
  const c = await requireCongress(ctx.db, congressId);
  return membershipsOf(ctx.db, c.id, filter);
}


/** The people register (with notes) is internal to the congress's staff. */
export async function listPeople(ctx: Ctx, congressId: string, q?: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, peoplePolicy.readRegister(ctx.actor, c.id));
  let query = ctx.db.selectFrom('people').selectAll().where('congress_id', '=', c.id);
  if (q) query = query.where('name', 'like', `%${q}%`);
  return (await query.orderBy('name').limit(1000).execute()).map(toPersonDto);
}

export async function getPerson(ctx: Ctx, congressId: string, personId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const p = await requirePerson(ctx.db, c.id, personId);
  authorize(ctx.actor, c.id, peoplePolicy.readRegister(ctx.actor, c.id));
  return toPersonDto(p);
}

import type { Ctx } from '../../platform/command.ts';
import { currentTermOf, listCongresses as listAll, loadProfile, requireCongress, toBodyDto, toCongressDto } from './congress.repo.ts';
import { PRESETS } from './profile.presets.ts';

// Reads of public records: congresses, terms, bodies and rules profiles are published information.

export const listCongresses = (ctx: Ctx) => listAll(ctx.db);

export async function getCongress(ctx: Ctx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  return toCongressDto(c, (await currentTermOf(ctx.db, c.id))?.number ?? null);
}

export async function listTerms(ctx: Ctx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const rows = await ctx.db.selectFrom('terms').selectAll().where('congress_id', '=', c.id).orderBy('number').execute();
  return rows.map((t) => ({ id: t.id, number: t.number, startDate: t.start_date, endDate: t.end_date }));
}

export async function listBodies(ctx: Ctx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const rows = await ctx.db.selectFrom('bodies').selectAll().where('congress_id', '=', c.id).orderBy('kind').orderBy('sort_order').orderBy('name').execute();
  return rows.map(toBodyDto);
}

export async function getRulesProfile(ctx: Ctx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  return loadProfile(ctx.db, c.id);
}

export const listRulesPresets = () => PRESETS;

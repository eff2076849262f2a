import { authorize } from '../../platform/access.ts';
import type { z } from 'zod';
import type { CreateBody, CreateCongress, CreateTerm, UpdateBody, UpdateCongress } from '../../../contracts/congress.ts';
import { type RulesProfile, RulesProfileSchema } from '../../../contracts/profile.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import { congressPolicy } from './congress.policy.ts';
import { loadProfile, requireBody, requireCongress, toBodyDto, toCongressDto } from './congress.repo.ts';
import { DEFAULT_PROFILE } from './profile.presets.ts';

// Level order of the tree: a child sits strictly below its parent (domain.md §2).
const LEVEL_DEPTH = { national: 0, province: 1, city: 2, county: 3, township: 4, street: 4 } as const;

export async function createCongress(ctx: Ctx, input: z.infer<typeof CreateCongress>) {
  if (!congressPolicy.create(ctx.actor, input.parentId)) {
    if (!input.parentId) throw ctx.actor.kind === 'user' ? errors.forbidden() : errors.unauthenticated();
    authorize(ctx.actor, (await requireCongress(ctx.db, input.parentId)).id, false);
  }
  return runCommand(ctx, async (tx, rec) => {
    if (input.parentId) {
      const parent = await requireCongress(tx, input.parentId);
      if (LEVEL_DEPTH[input.level] <= LEVEL_DEPTH[parent.level]) {
        throw errors.invalid('LEVEL_ORDER', '下级人大的层级必须低于上级人大', 'A child congress must sit at a lower level than its parent');
      }
    }
    if (await tx.selectFrom('congresses').select('id').where('slug', '=', input.slug).executeTakeFirst()) {
      throw errors.conflict('SLUG_TAKEN', '该标识已被使用', 'That slug is already in use');
    }
    const row = {
      id: newId(),
      parent_id: input.parentId,
      level: input.level,
      name: input.name,
      name_en: input.nameEn ?? null,
      standing_committee_name: input.standingCommitteeName ?? null,
      short_name: input.shortName ?? null,
      region: input.region ?? null,
      slug: input.slug,
      created_at: nowIso(),
    };
    await tx.insertInto('congresses').values(row).execute();
    await tx.insertInto('rules_profiles').values({ congress_id: row.id, data: JSON.stringify(DEFAULT_PROFILE), updated_at: row.created_at, updated_by: null }).execute();
    rec.audit({ congressId: row.id, action: 'congress.created', targetType: 'congress', targetId: row.id, data: { after: input } });
    return toCongressDto(row, null);
  });
}

export async function updateCongress(ctx: Ctx, congressId: string, input: z.infer<typeof UpdateCongress>) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, congressPolicy.update(ctx.actor, c.id));
  return runCommand(ctx, async (tx, rec) => {
    const before = await requireCongress(tx, c.id);
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.standingCommitteeName !== undefined ? { standing_committee_name: input.standingCommitteeName } : {}),
      ...(input.shortName !== undefined ? { short_name: input.shortName } : {}),
      ...(input.region !== undefined ? { region: input.region } : {}),
    };
    if (Object.keys(patch).length > 0) await tx.updateTable('congresses').set(patch).where('id', '=', c.id).execute();
    rec.audit({ congressId: c.id, action: 'congress.updated', targetType: 'congress', targetId: c.id, data: { before, patch } });
    rec.emit({ topic: 'congress', congressId: c.id, id: c.id });
    return toCongressDto({ ...before, ...patch }, null);
  });
}

export async function createTerm(ctx: Ctx, congressId: string, input: z.infer<typeof CreateTerm>) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, congressPolicy.manageTerms(ctx.actor, c.id));
  return runCommand(ctx, async (tx, rec) => {
    const exists = await tx.selectFrom('terms').select('id').where('congress_id', '=', c.id).where('number', '=', input.number).executeTakeFirst();
    if (exists) throw errors.conflict('TERM_EXISTS', `第${input.number}届已存在`, `Term ${input.number} already exists`);
    const row = { id: newId(), congress_id: c.id, number: input.number, start_date: input.startDate ?? null, end_date: input.endDate ?? null };
    await tx.insertInto('terms').values(row).execute();
    rec.audit({ congressId: c.id, action: 'term.created', targetType: 'term', targetId: row.id, data: { after: input } });
    return { id: row.id, number: row.number, startDate: row.start_date, endDate: row.end_date };
  });
}

export async function createBody(ctx: Ctx, congressId: string, input: z.infer<typeof CreateBody>) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, congressPolicy.manageBodies(ctx.actor, c.id));
  return runCommand(ctx, async (tx, rec) => {
    if (input.termId) {
      const t = await tx.selectFrom('terms').select('id').where('congress_id', '=', c.id).where('id', '=', input.termId).executeTakeFirst();
      if (!t) throw errors.notFound('Term', '该届次');
    }
    if (input.parentBodyId) await requireBody(tx, c.id, input.parentBodyId);
    const dup = await tx.selectFrom('bodies').select('id').where('congress_id', '=', c.id).where('kind', '=', input.kind).where('name', '=', input.name).executeTakeFirst();
    if (dup) throw errors.conflict('BODY_EXISTS', '同名机构已存在', 'A body of that kind and name already exists');
    const row = {
      id: newId(),
      congress_id: c.id,
      term_id: input.termId ?? null,
      kind: input.kind,
      name: input.name,
      parent_body_id: input.parentBodyId ?? null,
      sort_order: input.sortOrder ?? 0,
      created_at: nowIso(),
    };
    await tx.insertInto('bodies').values(row).execute();
    rec.audit({ congressId: c.id, action: 'body.created', targetType: 'body', targetId: row.id, data: { after: input } });
    return toBodyDto(row);
  });
}

export async function updateBody(ctx: Ctx, congressId: string, bodyId: string, input: z.infer<typeof UpdateBody>) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, congressPolicy.manageBodies(ctx.actor, c.id));
  return runCommand(ctx, async (tx, rec) => {
    const before = await requireBody(tx, c.id, bodyId);
    const patch = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}) };
    if (Object.keys(patch).length > 0) await tx.updateTable('bodies').set(patch).where('congress_id', '=', c.id).where('id', '=', bodyId).execute();
    rec.audit({ congressId: c.id, action: 'body.updated', targetType: 'body', targetId: bodyId, data: { before, patch } });
    return toBodyDto({ ...before, ...patch });
  });
}

/** Replaces the congress's rules profile after validating it; the audit entry keeps both versions. */
export async function updateRulesProfile(ctx: Ctx, congressId: string, input: unknown): Promise<RulesProfile> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, congressPolicy.updateProfile(ctx.actor, c.id));
  const parsed = RulesProfileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : '';
    throw errors.invalid('INVALID_PROFILE', `议事规则配置无效（${where}）`, `Invalid rules profile (${where})`, undefined, parsed.error.issues);
  }
  return runCommand(ctx, async (tx, rec) => {
    const before = await loadProfile(tx, c.id);
    const data = JSON.stringify(parsed.data);
    const at = nowIso();
    const updatedBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const res = await tx.updateTable('rules_profiles').set({ data, updated_at: at, updated_by: updatedBy }).where('congress_id', '=', c.id).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) await tx.insertInto('rules_profiles').values({ congress_id: c.id, data, updated_at: at, updated_by: updatedBy }).execute();
    rec.audit({ congressId: c.id, action: 'rules_profile.updated', targetType: 'congress', targetId: c.id, data: { before, after: parsed.data } });
    return parsed.data;
  });
}

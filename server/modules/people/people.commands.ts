import { authorize } from '../../platform/access.ts';
import type { z } from 'zod';
import type { CreateMembership, CreatePerson, EndMembership, UpdatePerson } from '../../../contracts/people.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged } from '../../platform/guard.ts';
import { requireBody, requireCongress } from '../congress/congress.repo.ts';
import { peoplePolicy } from './people.policy.ts';
import { requirePerson, toPersonDto } from './people.repo.ts';

async function authorizeManage(ctx: Ctx, congressId: string): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, peoplePolicy.manage(ctx.actor, c.id));
  return c.id;
}

export async function createPerson(ctx: Ctx, congressId: string, input: z.infer<typeof CreatePerson>) {
  const cid = await authorizeManage(ctx, congressId);
  return runCommand(ctx, async (tx, rec) => {
    const row = { id: newId(), congress_id: cid, name: input.name, gender: input.gender ?? null, note: input.note ?? null, created_at: nowIso() };
    await tx.insertInto('people').values(row).execute();
    rec.audit({ congressId: cid, action: 'person.created', targetType: 'person', targetId: row.id, data: { after: input } });
    return toPersonDto(row);
  });
}

export async function updatePerson(ctx: Ctx, congressId: string, personId: string, input: z.infer<typeof UpdatePerson>) {
  const cid = await authorizeManage(ctx, congressId);
  return runCommand(ctx, async (tx, rec) => {
    const before = await requirePerson(tx, cid, personId);
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.gender !== undefined ? { gender: input.gender } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
    };
    if (Object.keys(patch).length > 0) await tx.updateTable('people').set(patch).where('congress_id', '=', cid).where('id', '=', personId).execute();
    rec.audit({ congressId: cid, action: 'person.updated', targetType: 'person', targetId: personId, data: { before: toPersonDto(before), patch } });
    return toPersonDto({ ...before, ...patch });
  });
}

export async function createMembership(ctx: Ctx, congressId: string, input: z.infer<typeof CreateMembership>) {
  const cid = await authorizeManage(ctx, congressId);
  return runCommand(ctx, async (tx, rec) => {
    const body = await requireBody(tx, cid, input.bodyId);
    const person = await requirePerson(tx, cid, input.personId);
    const open = await tx
      .selectFrom('memberships')
      .select('id')
      .where('congress_id', '=', cid)
      .where('body_id', '=', body.id)
      .where('person_id', '=', person.id)
      .where('end_date', 'is', null)
      .executeTakeFirst();
    if (open) throw errors.conflict('ALREADY_MEMBER', `${person.name}已是${body.name}的成员`, `${person.name} is already a member of ${body.name}`);
    const row = {
      id: newId(),
      congress_id: cid,
      body_id: body.id,
      person_id: person.id,
      role: input.role,
      rank: input.rank ?? 1000,
      post: input.post ?? null,
      start_date: input.startDate ?? null,
      end_date: null,
    };
    await tx.insertInto('memberships').values(row).execute();
    rec.audit({ congressId: cid, action: 'membership.created', targetType: 'membership', targetId: row.id, data: { after: input } });
    return { id: row.id, bodyId: body.id, bodyName: body.name, personId: person.id, personName: person.name, role: row.role, rank: row.rank, post: row.post, startDate: row.start_date, endDate: null };
  });
}

export async function endMembership(ctx: Ctx, congressId: string, membershipId: string, input: z.infer<typeof EndMembership>) {
  const cid = await authorizeManage(ctx, congressId);
  return runCommand(ctx, async (tx, rec) => {
    const m = await tx.selectFrom('memberships').selectAll().where('congress_id', '=', cid).where('id', '=', membershipId).executeTakeFirst();
    if (!m) throw errors.notFound('Membership', '该任职记录');
    if (m.end_date) throw errors.conflict('ALREADY_ENDED', '该任职已结束', 'This membership has already ended');
    if (m.start_date && input.endDate < m.start_date) throw errors.invalid('END_BEFORE_START', '结束日期早于开始日期', 'The end date is before the start date');
    expectChanged(await tx.updateTable('memberships').set({ end_date: input.endDate }).where('congress_id', '=', cid).where('id', '=', membershipId).where('end_date', 'is', null).executeTakeFirst());
    rec.audit({ congressId: cid, action: 'membership.ended', targetType: 'membership', targetId: membershipId, data: { endDate: input.endDate } });
  });
}

import type { z } from 'zod';
import type { CreatePost, RecordPersonnelActs } from '../../../contracts/personnel.ts';
import { authorize } from '../../platform/access.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged, forUpdate } from '../../platform/guard.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { personnelPolicy } from './personnel.policy.ts';
import { planActs } from './personnel.rules.ts';

export async function createPost(ctx: Ctx, congressId: string, input: z.infer<typeof CreatePost>): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, personnelPolicy.manage(ctx.actor, c.id));
  return runCommand(ctx, async (tx, rec) => {
    const dup = await tx.selectFrom('posts').select('id').where('congress_id', '=', c.id).where('organ', '=', input.organ).where('title', '=', input.title).executeTakeFirst();
    if (dup) throw errors.conflict('POST_EXISTS', '该职务已登记', 'This post is already registered');
    const id = newId();
    await tx.insertInto('posts').values({ id, congress_id: c.id, organ: input.organ, title: input.title, single_holder: input.singleHolder === false ? 0 : 1, created_at: nowIso() }).execute();
    rec.audit({ congressId: c.id, action: 'post.created', targetType: 'post', targetId: id, data: input });
    return id;
  });
}

/** Applies the acts of one meeting (or one date) together: removals first, then appointments (§8). */
export async function recordPersonnelActs(ctx: Ctx, congressId: string, input: z.infer<typeof RecordPersonnelActs>): Promise<number> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, personnelPolicy.manage(ctx.actor, c.id));
  return runCommand(ctx, async (tx, rec) => {
    if (input.meetingId) {
      const m = await tx.selectFrom('meetings').select('id').where('congress_id', '=', c.id).where('id', '=', input.meetingId).executeTakeFirst();
      if (!m) throw errors.notFound('Meeting', '该会议');
    }
    const postIds = [...new Set(input.acts.map((a) => a.postId))];
    const personIds = [...new Set(input.acts.map((a) => a.personId))];
    // The posts are locked (in id order): who holds a single-holder post is decided over several rows.
    const posts = await forUpdate(tx, tx.selectFrom('posts').select(['id', 'single_holder']).where('congress_id', '=', c.id).where('id', 'in', postIds).orderBy('id')).execute();
    if (posts.length !== postIds.length) throw errors.notFound('Post', '该职务');
    const people = await tx.selectFrom('people').select('id').where('congress_id', '=', c.id).where('id', 'in', personIds).execute();
    if (people.length !== personIds.length) throw errors.notFound('Person', '该人员');
    const holdings = await tx.selectFrom('post_holdings').selectAll().where('congress_id', '=', c.id).where('post_id', 'in', postIds).execute();
    const single = new Map(posts.map((p) => [p.id, p.single_holder === 1]));
    const changes = planActs(
      input.acts,
      holdings.map((h) => ({ id: h.id, postId: h.post_id, personId: h.person_id, startDate: h.start_date, endDate: h.end_date })),
      (id) => single.get(id) ?? true,
      input.date,
    );
    const at = nowIso();
    for (const ch of changes) {
      if (ch.kind === 'end') {
        const ended = await tx
          .updateTable('post_holdings')
          .set({ end_date: input.date, removed_act: ch.act, removed_meeting_id: input.meetingId ?? null })
          .where('congress_id', '=', c.id)
          .where('id', '=', ch.holdingId)
          .where('end_date', 'is', null)
          .executeTakeFirst();
        expectChanged(ended);
      } else {
        await tx
          .insertInto('post_holdings')
          .values({
            id: newId(),
            congress_id: c.id,
            post_id: ch.postId,
            person_id: ch.personId,
            acting: ch.acting ? 1 : 0,
            start_date: input.date,
            end_date: null,
            appointed_act: ch.act,
            appointed_meeting_id: input.meetingId ?? null,
            removed_act: null,
            removed_meeting_id: null,
            created_at: at,
          })
          .execute();
      }
    }
    rec.audit({ congressId: c.id, action: 'personnel.acts_recorded', targetType: 'congress', targetId: c.id, data: { meetingId: input.meetingId ?? null, date: input.date, acts: input.acts } });
    rec.emit({ topic: 'personnel', congressId: c.id, id: c.id });
    return changes.length;
  });
}

import type { z } from 'zod';
import type { PersonnelList, Post } from '../../../contracts/personnel.ts';
import type { PersonnelAct } from '../../../contracts/profile.ts';
import { authorize } from '../../platform/access.ts';
import type { Ctx } from '../../platform/command.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { meetingForRead } from '../meetings/meetings.scope.ts';
import { personnelPolicy } from './personnel.policy.ts';
import { gazetteGroups } from './personnel.rules.ts';

export async function listPosts(ctx: Ctx, congressId: string): Promise<z.infer<typeof Post>[]> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, personnelPolicy.read(ctx.actor, c.id));
  const posts = await ctx.db.selectFrom('posts').selectAll().where('congress_id', '=', c.id).orderBy('organ').orderBy('title').execute();
  const holdings = await ctx.db
    .selectFrom('post_holdings')
    .innerJoin('people', 'people.id', 'post_holdings.person_id')
    .selectAll('post_holdings')
    .select('people.name')
    .where('post_holdings.congress_id', '=', c.id)
    .orderBy('post_holdings.start_date')
    .orderBy('post_holdings.created_at')
    .execute();
  return posts.map((p) => ({
    id: p.id,
    organ: p.organ,
    title: p.title,
    singleHolder: p.single_holder === 1,
    holdings: holdings
      .filter((h) => h.post_id === p.id)
      .map((h) => ({
        id: h.id,
        personId: h.person_id,
        name: h.name,
        acting: h.acting === 1,
        startDate: h.start_date,
        endDate: h.end_date,
        appointedAct: h.appointed_act as PersonnelAct,
        appointedMeetingId: h.appointed_meeting_id,
        removedAct: h.removed_act as PersonnelAct | null,
        removedMeetingId: h.removed_meeting_id,
      })),
  }));
}

/** The meeting's 任免名单 as printed in the gazette, in its groups (L2288–L2331). Public with the meeting. */
export async function getPersonnelList(ctx: Ctx, meetingId: string): Promise<z.infer<typeof PersonnelList>> {
  const { m } = await meetingForRead(ctx, meetingId);
  const rows = await ctx.db
    .selectFrom('personnel_proposals')
    .selectAll()
    .where('congress_id', '=', m.congress_id)
    .where('meeting_id', '=', m.id)
    .where('section', '=', 'list')
    .orderBy('position')
    .execute();
  return { meetingId: m.id, groups: gazetteGroups(rows.map((r) => ({ group: r.group_no, act: r.act, actZh: r.act_zh, name: r.person_name, gender: r.gender, post: r.post }))) };
}

// Public reads for open data, feeds and the calendar. Only what the portal shows to anyone:
// public meetings (not drafts), their public agenda items, named polls once announced (a roll
// call's record is public by design; secret polls are never read here), bills once submitted with
// their actions, and the published text of regulations.
import type { Conn } from '../../platform/db.ts';
import type { LegalDoc } from '../legislation/legislation.model.ts';

export async function publicMeetings(conn: Conn, congressId: string, opts: { bodyId?: string | undefined; limit?: number } = {}) {
  let q = conn
    .selectFrom('meetings')
    .leftJoin('bodies', 'bodies.id', 'meetings.body_id')
    .select([
      'meetings.id',
      'meetings.kind',
      'meetings.number',
      'meetings.title',
      'meetings.date',
      'meetings.end_date',
      'meetings.place',
      'meetings.state',
      'meetings.body_id',
      'bodies.name as body_name',
      'meetings.notified_at',
      'meetings.opened_at',
      'meetings.closed_at',
      'meetings.created_at',
    ])
    .where('meetings.congress_id', '=', congressId)
    .where('meetings.is_public', '=', 1)
    .where('meetings.state', '!=', 'draft');
  if (opts.bodyId) q = q.where('meetings.body_id', '=', opts.bodyId);
  return q
    .orderBy('meetings.date', 'desc')
    .orderBy('meetings.id')
    .limit(opts.limit ?? 1000)
    .execute();
}
export type PublicMeetingRow = Awaited<ReturnType<typeof publicMeetings>>[number];

export async function publicMeeting(conn: Conn, congressId: string, meetingId: string): Promise<PublicMeetingRow | undefined> {
  const rows = await publicMeetings(conn, congressId);
  return rows.find((m) => m.id === meetingId);
}

export async function publicAgenda(conn: Conn, congressId: string, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return conn
    .selectFrom('agenda_items')
    .select(['id', 'meeting_id', 'position', 'kind', 'title', 'proposer', 'presenter', 'presenter_post', 'status', 'outcome'])
    .where('congress_id', '=', congressId)
    .where('meeting_id', 'in', [...meetingIds])
    .where('is_public', '=', 1)
    .where('status', '!=', 'removed')
    .orderBy('meeting_id')
    .orderBy('position')
    .execute();
}

/** Named polls that have been announced, of public meetings. Never a secret, mixed or analog poll. */
export async function publicNamedPolls(conn: Conn, congressId: string, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return conn
    .selectFrom('polls')
    .selectAll()
    .where('congress_id', '=', congressId)
    .where('meeting_id', 'in', [...meetingIds])
    .where('kind', '=', 'named')
    .where('state', '=', 'announced')
    .orderBy('announced_at')
    .execute();
}

export async function publicBills(conn: Conn, congressId: string) {
  const bills = await conn
    .selectFrom('bills')
    .select(['id', 'kind', 'title', 'proposer_type', 'proposer_organ', 'state', 'submitted_on', 'target_meeting_id', 'committee', 'updated_at'])
    .where('congress_id', '=', congressId)
    .where('state', '!=', 'awaiting_cosigners')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const actions =
    bills.length === 0
      ? []
      : await conn
          .selectFrom('bill_actions')
          .select(['bill_id', 'seq', 'date', 'organization', 'classification', 'description'])
          .where('congress_id', '=', congressId)
          .where(
            'bill_id',
            'in',
            bills.map((b) => b.id),
          )
          .orderBy('bill_id')
          .orderBy('seq')
          .execute();
  return { bills, actions };
}

/** Each work's latest published (or amended) expression. */
export async function publishedRegulations(conn: Conn, congressId: string) {
  const works = await conn.selectFrom('legislation_works').select(['id', 'title', 'kind']).where('congress_id', '=', congressId).orderBy('title').execute();
  const out: { workId: string; kind: string; expressionId: string; title: string; stage: string; createdAt: string; doc: LegalDoc }[] = [];
  for (const w of works) {
    const e = await conn
      .selectFrom('legislation_expressions')
      .select(['id', 'title', 'stage', 'tree', 'created_at'])
      .where('congress_id', '=', congressId)
      .where('work_id', '=', w.id)
      .where('stage', 'in', ['published', 'amendment'])
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    if (e) out.push({ workId: w.id, kind: w.kind, expressionId: e.id, title: e.title || w.title, stage: e.stage, createdAt: e.created_at, doc: JSON.parse(e.tree) as LegalDoc });
  }
  return out;
}

export async function congressBySlugOrId(conn: Conn, idOrSlug: string) {
  return conn.selectFrom('congresses').select(['id', 'slug', 'name', 'standing_committee_name']).where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)])).executeTakeFirst();
}

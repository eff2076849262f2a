import type { Conn } from '../../platform/db.ts';
import type { AnnouncementTable, GazetteEditionTable, GazetteTable, MeetingTextTable } from '../../platform/schema.ts';

// Kysely queries of the publication module. Every query filters by congress.

export const meetingTexts = (conn: Conn, congressId: string, meetingId: string): Promise<MeetingTextTable[]> =>
  conn.selectFrom('meeting_texts').selectAll().where('congress_id', '=', congressId).where('meeting_id', '=', meetingId).orderBy('position').execute();

export const findGazette = (conn: Conn, congressId: string, meetingId: string): Promise<GazetteTable | undefined> =>
  conn.selectFrom('gazettes').selectAll().where('congress_id', '=', congressId).where('meeting_id', '=', meetingId).executeTakeFirst();

export const findEdition = (conn: Conn, congressId: string, editionId: string): Promise<GazetteEditionTable | undefined> =>
  conn.selectFrom('gazette_editions').selectAll().where('congress_id', '=', congressId).where('id', '=', editionId).executeTakeFirst();

export const meetingAnnouncements = (conn: Conn, congressId: string, meetingId: string): Promise<AnnouncementTable[]> =>
  conn
    .selectFrom('announcements')
    .selectAll()
    .where('congress_id', '=', congressId)
    .where('meeting_id', '=', meetingId)
    .where('state', '=', 'published')
    .orderBy('number')
    .execute();

export const issuesOf = (conn: Conn, congressId: string) =>
  conn.selectFrom('gazettes').select(['year', 'issue_no', 'issue_total']).where('congress_id', '=', congressId).where('issue_no', 'is not', null).execute();

export async function lastEditionNo(conn: Conn, congressId: string, gazetteId: string): Promise<number> {
  const r = await conn.selectFrom('gazette_editions').select((eb) => eb.fn.max('edition').as('n')).where('congress_id', '=', congressId).where('gazette_id', '=', gazetteId).executeTakeFirst();
  return r?.n ?? 0;
}

/** Published gazettes of a congress with their current edition, newest meeting first. */
export const publishedGazettes = (conn: Conn, congressId: string) =>
  conn
    .selectFrom('gazettes')
    .innerJoin('gazette_editions', 'gazette_editions.id', 'gazettes.published_edition_id')
    .innerJoin('meetings', 'meetings.id', 'gazettes.meeting_id')
    .select([
      'gazettes.id as gazette_id',
      'gazettes.meeting_id',
      'gazettes.year',
      'gazettes.issue_no',
      'gazettes.issue_total',
      'gazette_editions.id as edition_id',
      'gazette_editions.edition',
      'gazette_editions.content',
      'gazette_editions.published_at',
      'meetings.is_public',
      'meetings.state',
      'meetings.date',
      'meetings.title as meeting_title',
    ])
    .where('gazettes.congress_id', '=', congressId)
    .where('gazette_editions.congress_id', '=', congressId)
    .orderBy('meetings.date', 'desc')
    .orderBy('gazettes.issue_total', 'desc')
    .execute();

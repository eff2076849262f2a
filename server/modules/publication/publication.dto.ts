import type { z } from 'zod';
import type { Announcement, GazetteBuild } from '../../../contracts/publication.ts';
import type { Conn } from '../../platform/db.ts';
import type { AnnouncementTable, GazetteBuildTable } from '../../platform/schema.ts';
import { announcementHeading } from './publication.rules.ts';

export const toBuildDto = (b: GazetteBuildTable): GazetteBuild => ({
  id: b.id,
  gazetteId: b.gazette_id,
  version: b.version,
  status: b.status,
  progress: b.progress,
  step: b.step,
  error_zh: b.error_zh,
  error_en: b.error_en,
  editionId: b.edition_id,
  createdAt: b.created_at,
  finishedAt: b.finished_at,
});

export async function toAnnouncementDto(conn: Conn, a: AnnouncementTable): Promise<z.infer<typeof Announcement>> {
  const c = await conn.selectFrom('congresses').select(['name', 'standing_committee_name']).where('id', '=', a.congress_id).executeTakeFirstOrThrow();
  const t = await conn.selectFrom('terms').select('number').where('congress_id', '=', a.congress_id).where('id', '=', a.term_id).executeTakeFirstOrThrow();
  return {
    id: a.id,
    congressId: a.congress_id,
    termNumber: t.number,
    meetingId: a.meeting_id,
    kind: a.kind,
    title: a.title,
    body: a.body,
    state: a.state,
    number: a.number,
    heading: a.number === null ? null : announcementHeading(c.standing_committee_name ?? c.name, t.number, a.number),
    publishedAt: a.published_at,
    createdAt: a.created_at,
  };
}

import type { GazetteContent } from '../../../contracts/publication.ts';
import type { Conn } from '../../platform/db.ts';
import { publiclyVisible } from '../meetings/meetings.rules.ts';
import { indexSearchDocuments, removeSearchDocuments } from '../search/search.index.ts';

// A published edition goes into the search index, one part per section, replacing the previous
// edition's parts. Only gazettes of publicly visible meetings are indexed: search is open to all.

export const SOURCE_TYPE = 'gazette_section';

/** The portal's address of a gazette section: the reader page with the section's anchor. */
export const gazetteUrl = (slug: string, meetingId: string, index?: number): string => `/p/${slug}/gazette/${meetingId}${index === undefined ? '' : `#s${index + 1}`}`;

export async function indexGazette(conn: Conn, c: GazetteContent): Promise<number> {
  const m = await conn.selectFrom('meetings').select(['is_public', 'state']).where('congress_id', '=', c.congressId).where('id', '=', c.meetingId).executeTakeFirst();
  if (!m || !publiclyVisible(m)) return removeSearchDocuments(conn, { congressId: c.congressId, sourceType: SOURCE_TYPE, sourceId: c.gazetteId });
  const congress = await conn.selectFrom('congresses').select('slug').where('id', '=', c.congressId).executeTakeFirstOrThrow();
  return indexSearchDocuments(
    conn,
    c.sections.map((s, i) => ({
      congressId: c.congressId,
      type: 'gazette' as const,
      sourceType: SOURCE_TYPE,
      sourceId: c.gazetteId,
      partKey: s.key,
      title: s.title,
      url: gazetteUrl(congress.slug, c.meetingId, i),
      ordinal: i + 1,
      body: s.paragraphs.join('\n'),
      year: c.issue.year,
      bodyName: null,
      meetingId: c.meetingId,
      meetingTitle: c.meetingTitle,
      publishedOn: c.publishedAt.slice(0, 10),
    })),
  );
}

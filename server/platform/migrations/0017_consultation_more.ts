import type { Kysely } from 'kysely';

// A consultation comment may quote a span of the paragraph or item it is anchored to: the offsets
// (UTF-16 code units, as a browser's selection counts them) within that text when the comment was
// made, and the quoted text itself, so the quote survives later revisions of the draft. The drafters
// mark representative comments for the summary per article that goes to the committee.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('legislation_comments').addColumn('span_start', 'integer').execute();
  await db.schema.alterTable('legislation_comments').addColumn('span_end', 'integer').execute();
  await db.schema.alterTable('legislation_comments').addColumn('span_text', 'text').execute();
  await db.schema.alterTable('legislation_comments').addColumn('representative', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of ['representative', 'span_text', 'span_end', 'span_start']) await db.schema.alterTable('legislation_comments').dropColumn(c).execute();
}

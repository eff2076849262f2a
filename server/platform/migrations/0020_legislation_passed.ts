import type { Kysely } from 'kysely';

// The passed text (domain.md §9, issue item 9): when a regulation's bill is voted through, the
// expression that was voted becomes the work's passed text, with the date and meeting, and the
// meeting's record takes it as the text the gazette prints.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('legislation_works').addColumn('passed_expression_id', 'text').execute();
  await db.schema.alterTable('legislation_works').addColumn('passed_on', 'text').execute();
  await db.schema.alterTable('legislation_works').addColumn('passed_meeting_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of ['passed_meeting_id', 'passed_on', 'passed_expression_id']) await db.schema.alterTable('legislation_works').dropColumn(c).execute();
}

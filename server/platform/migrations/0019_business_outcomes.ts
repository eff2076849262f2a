import type { Kysely } from 'kysely';

// Issue 4's remaining pieces: a report's outcome at the meeting that heard it (heard, deliberated,
// deliberation opinions sent, adopted by vote, a resolution adopted on it; R-O4) with a note (the
// resolution's title, the source); related bills explained together (内容相关联的议案可以合并说明,
// R-B5) share one joint-explanation id; a user's mobile number, where reminders go by text message
// when an SMS gateway is configured.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('oversight_reports').addColumn('outcome', 'text').execute();
  await db.schema.alterTable('oversight_reports').addColumn('outcome_note', 'text').execute();
  await db.schema.alterTable('bills').addColumn('joint_explanation_id', 'text').execute();
  await db.schema.createIndex('bills_joint_explanation').on('bills').columns(['congress_id', 'joint_explanation_id']).execute();
  await db.schema.alterTable('users').addColumn('mobile', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('mobile').execute();
  await db.schema.dropIndex('bills_joint_explanation').execute();
  await db.schema.alterTable('bills').dropColumn('joint_explanation_id').execute();
  await db.schema.alterTable('oversight_reports').dropColumn('outcome_note').execute();
  await db.schema.alterTable('oversight_reports').dropColumn('outcome').execute();
}

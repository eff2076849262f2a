import type { Kysely } from 'kysely';

// Reminders beyond the app: a user may have an email address, and each reminder sent by email (or
// text message) is recorded once per recipient and channel with what the transport answered, so a
// rerun of the follow-up job never sends it twice and nothing unsent is shown as sent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  await db.schema
    .createTable('reminder_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('reminder_id', 'text', (c) => c.notNull().references('followup_reminders.id'))
    .addColumn('channel', 'text', (c) => c.notNull()) // email | sms
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // sent | failed
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reminder_deliveries_once').unique().on('reminder_deliveries').columns(['reminder_id', 'channel', 'recipient']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reminder_deliveries').execute();
  await db.schema.alterTable('users').dropColumn('email').execute();
}

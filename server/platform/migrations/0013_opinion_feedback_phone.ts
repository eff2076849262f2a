import type { Kysely } from 'kysely';

// Citizens' opinions: the deputy's feedback to the citizen as its own record (H-22), phone
// verification codes for online submissions, and the per-congress switch that requires them.
// Portable types only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('opinion_feedbacks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('deputy_id', 'text')
    .addColumn('by_user', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('contacted_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinion_feedbacks_opinion').on('opinion_feedbacks').columns(['congress_id', 'opinion_id']).execute();

  await db.schema
    .createTable('phone_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('phone_index', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('code_index', 'text', (c) => c.notNull())
    .addColumn('code_enc', 'text')
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('phone_verifications_phone').on('phone_verifications').columns(['congress_id', 'phone_index', 'created_at']).execute();

  await db.schema.alterTable('intake_settings').addColumn('require_phone_verification', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('phone_verifications').execute();
  await db.schema.dropTable('opinion_feedbacks').execute();
}

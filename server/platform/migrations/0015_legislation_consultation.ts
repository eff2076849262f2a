import type { Kysely } from 'kysely';

// Public consultation on a draft (征求意见) and the link from a legislation work to its bill.
// A consultation publishes one expression for a period of local dates; citizens comment on an
// article (or a paragraph / item) of it; comments are moderated (hidden with a reason) and answered
// by the drafters. The commenter's phone number and network address are kept only as keyed hashes
// (for throttling), the name only masked (张*).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('legislation_works').addColumn('bill_id', 'text').execute();

  await db.schema
    .createTable('legislation_consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('work_id', 'text', (c) => c.notNull().references('legislation_works.id'))
    .addColumn('expression_id', 'text', (c) => c.notNull().references('legislation_expressions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text') // the call for comments shown to citizens
    .addColumn('opens_on', 'text', (c) => c.notNull()) // YYYY-MM-DD, Asia/Shanghai
    .addColumn('closes_on', 'text', (c) => c.notNull()) // last day on which comments are taken
    .addColumn('closed_at', 'text') // closed early by the drafters
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('legislation_consultations_congress').on('legislation_consultations').columns(['congress_id', 'opens_on']).execute();

  await db.schema
    .createTable('legislation_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('legislation_consultations.id'))
    .addColumn('anchor_eid', 'text', (c) => c.notNull())
    .addColumn('anchor_wid', 'text', (c) => c.notNull())
    .addColumn('article_eid', 'text', (c) => c.notNull()) // the article the anchor belongs to, for counts
    .addColumn('anchor_cite', 'text', (c) => c.notNull()) // 第二十六条
    .addColumn('display_name', 'text', (c) => c.notNull()) // masked: 张*
    .addColumn('phone_index', 'text', (c) => c.notNull()) // keyed hash
    .addColumn('source_index', 'text', (c) => c.notNull()) // keyed hash of the network address
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // published | hidden
    .addColumn('hidden_reason', 'text')
    .addColumn('moderated_at', 'text')
    .addColumn('moderated_by', 'text')
    .addColumn('reply', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('replied_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('legislation_comments_consultation').on('legislation_comments').columns(['congress_id', 'consultation_id', 'article_eid']).execute();
  await db.schema.createIndex('legislation_comments_phone').on('legislation_comments').columns(['congress_id', 'phone_index', 'created_at']).execute();
  await db.schema.createIndex('legislation_comments_source').on('legislation_comments').columns(['congress_id', 'source_index', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['legislation_comments', 'legislation_consultations']) await db.schema.dropTable(t).execute();
  await db.schema.alterTable('legislation_works').dropColumn('bill_id').execute();
}

import type { Kysely } from 'kysely';

// Bills (议案, 议事规则 art. 17–29), interpellations (质询案, art. 38–39) and audit rectification
// follow-through (R-O8). Dates are local `YYYY-MM-DD`; instants ISO-8601 UTC; flags 0/1.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('proposer_type', 'text', (c) => c.notNull()) // council | organ | members
    .addColumn('proposer_organ', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('target_meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('submitted_on', 'text')
    .addColumn('deadline', 'text')
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('late_override', 'integer', (c) => c.notNull())
    .addColumn('committee', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('materials', 'text', (c) => c.notNull()) // JSON: personnel bills' particulars and reasons per person (R-B3)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bills_congress').on('bills').columns(['congress_id', 'state']).execute();

  await db.schema
    .createTable('bill_cosigners')
    .addColumn('bill_id', 'text', (c) => c.notNull().references('bills.id'))
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addPrimaryKeyConstraint('bill_cosigners_pk', ['bill_id', 'person_id'])
    .execute();

  // The dated history of actions (R-B12), Open Civic Data style: date, acting body, classification.
  await db.schema
    .createTable('bill_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('bill_id', 'text', (c) => c.notNull().references('bills.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('organization', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bill_actions_bill').on('bill_actions').columns(['bill_id', 'seq']).execute();

  await db.schema
    .createTable('interpellations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_name', 'text')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('route', 'text')
    .addColumn('committee', 'text')
    .addColumn('answer_mode', 'text')
    .addColumn('answer_text', 'text')
    .addColumn('answer_signed_by', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('interpellation_signers')
    .addColumn('interpellation_id', 'text', (c) => c.notNull().references('interpellations.id'))
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('interpellation_signers_pk', ['interpellation_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('rectification_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('report_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | in_progress | rectified
    .addColumn('rectified_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_items_report').on('rectification_items').columns(['congress_id', 'report_id']).execute();
  // The personnel register (domain §8): posts and who held them when, appointed and removed by which act.
  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('organ', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('single_holder', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('post_holdings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('acting', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('appointed_act', 'text', (c) => c.notNull())
    .addColumn('appointed_meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('removed_act', 'text')
    .addColumn('removed_meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_holdings_post').on('post_holdings').columns(['congress_id', 'post_id']).execute();
  // Reports heard by the Committee (R-O1, R-O2) and deliberation opinion letters to the organ concerned (R-O4, R-O7).
  await db.schema
    .createTable('oversight_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('organ', 'text', (c) => c.notNull())
    .addColumn('presenter', 'text')
    .addColumn('presenter_post', 'text')
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('opinion_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('report_id', 'text', (c) => c.references('oversight_reports.id'))
    .addColumn('organ', 'text', (c) => c.notNull())
    .addColumn('opinions', 'text', (c) => c.notNull()) // JSON array of strings
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // sent | answered
    .addColumn('answer_text', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['opinion_letters', 'oversight_reports', 'post_holdings', 'posts', 'rectification_items', 'interpellation_signers', 'interpellations', 'bill_actions', 'bill_cosigners', 'bills']) await db.schema.dropTable(t).execute();
}

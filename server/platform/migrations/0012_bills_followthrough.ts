import type { Kysely } from 'kysely';

// Bills linked to the agenda and the vote, readings (R-B6), presenters (R-B5), numbered outcome
// documents, provincial approval and promulgation (R-B7), pre-appointment statements (R-B4), special
// inquiries (R-O5), investigation committees (R-B11), the progress tree of follow-through results,
// and opinion letters addressed to a handling unit. Portable types only.
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite takes one ADD COLUMN per statement.
  for (const col of [
    'agenda_item_id',
    'poll_id',
    'voted_on',
    'presenter',
    'presenter_post',
    'presenter_role',
    'presenter_mode',
    'approved_on',
    'approval_body',
    'promulgated_on',
    'announcement_no',
  ]) {
    await db.schema.alterTable('bills').addColumn(col, 'text').execute();
  }
  await db.schema.createIndex('bills_agenda_item').on('bills').columns(['congress_id', 'agenda_item_id']).execute();

  await db.schema
    .createTable('bill_readings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('bill_id', 'text', (c) => c.notNull().references('bills.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull()) // first_deliberation | legal_review | further_reading
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bill_readings_bill').on('bill_readings').columns(['congress_id', 'bill_id', 'seq']).execute();

  await db.schema
    .createTable('outcome_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('bill_id', 'text', (c) => c.references('bills.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // resolution | decision
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('doc_no', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outcome_documents_number').unique().on('outcome_documents').columns(['congress_id', 'series', 'year', 'number']).execute();

  await db.schema
    .createTable('appointment_statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('bill_id', 'text', (c) => c.notNull().references('bills.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('opinion_letters').addColumn('unit_id', 'text').execute();
  // The handling unit that answers an interpellation for the organ questioned (R-O6).
  await db.schema.alterTable('interpellations').addColumn('unit_id', 'text').execute();

  await db.schema
    .createTable('special_inquiries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // inquiry | evaluation
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('proposer_type', 'text', (c) => c.notNull()) // council | committee | members | deputies
    .addColumn('proposer_name', 'text')
    .addColumn('signers', 'text', (c) => c.notNull()) // JSON array of names or person ids
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('organs', 'text', (c) => c.notNull()) // JSON array: the heads concerned who attend and answer
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('qa', 'text', (c) => c.notNull()) // JSON array of {askedBy, question, answeredBy, answer}
    .addColumn('opinions', 'text', (c) => c.notNull()) // JSON array of strings
    .addColumn('due_date', 'text')
    .addColumn('report_text', 'text')
    .addColumn('reported_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('investigation_committees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('mandate', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('established_on', 'text', (c) => c.notNull())
    .addColumn('chair_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('members', 'text', (c) => c.notNull()) // JSON array of person ids
    .addColumn('state', 'text', (c) => c.notNull()) // established | reported | concluded
    .addColumn('report_text', 'text')
    .addColumn('reported_on', 'text')
    .addColumn('resolution_bill_id', 'text', (c) => c.references('bills.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Follow-through results (Decidim accountability style): a tree whose parents' progress rolls up from their children.
  await db.schema
    .createTable('followup_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('parent_id', 'text', (c) => c.references('followup_results.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text') // bill | report | opinion_letter | special_inquiry
    .addColumn('source_id', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('due_date', 'text')
    .addColumn('progress', 'integer', (c) => c.notNull()) // 0–100, leaves only; parents are computed
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('followup_results_parent').on('followup_results').columns(['congress_id', 'parent_id']).execute();

  // In-app reminders the follow-up job creates, each at most once per item, kind and due date.
  await db.schema
    .createTable('followup_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('target_key', 'text', (c) => c.notNull()) // e.g. opinion_letter:<id>
    .addColumn('kind', 'text', (c) => c.notNull()) // due_soon | overdue
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('organ', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('followup_reminders_once').unique().on('followup_reminders').columns(['target_key', 'kind', 'due_date']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['followup_reminders', 'followup_results', 'investigation_committees', 'special_inquiries', 'appointment_statements', 'outcome_documents', 'bill_readings']) await db.schema.dropTable(t).execute();
}

import type { Kysely } from 'kysely';

// The core of a meeting: the meeting itself, its agenda, and who is present. Later migrations add
// documents, leave, attendees, sessions, speakers and polls on top of these.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('term_id', 'text', (c) => c.references('terms.id'))
    .addColumn('body_id', 'text', (c) => c.references('bodies.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // regular | special | chairpersons_council | committee
    .addColumn('number', 'integer') // 第六次会议 within the term
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull()) // local date, Asia/Shanghai
    .addColumn('place', 'text')
    .addColumn('state', 'text', (c) => c.notNull()) // draft | scheduled | notified | in_session | closed
    .addColumn('presiding_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('council_date', 'text')
    .addColumn('notified_at', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('video_allowed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checkin_code', 'text')
    .addColumn('current_agenda_item_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_congress_date').on('meetings').columns(['congress_id', 'date']).execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // briefing | bill | report | resolution | personnel | other
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('proposer', 'text')
    .addColumn('presenter', 'text')
    .addColumn('presenter_post', 'text')
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull()) // proposed | adopted | removed
    .addColumn('outcome', 'text', (c) => c.notNull()) // pending | heard | deliberated | passed | failed | withdrawn | held
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agenda_items_meeting').on('agenda_items').columns(['congress_id', 'meeting_id', 'position']).execute();

  await db.schema
    .createTable('attendance')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // present | leave | absent
    .addColumn('mode', 'text') // onsite | video, when present
    .addColumn('reason', 'text') // the reason for leave, as the attendance report prints it
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addPrimaryKeyConstraint('attendance_pk', ['meeting_id', 'person_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['attendance', 'agenda_items', 'meetings']) await db.schema.dropTable(t).execute();
}

import type { Kysely } from 'kysely';

// The work of a meeting on top of 0002's core: its schedule and decisions (议事规则 ch. 2), agenda
// adjustments, documents and who opened them, leave requests, non-voting attendees, citizen
// observers, group lists, sessions, speakers, opinions raised in speeches, and the personnel list.
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per statement.
  const addMeetingColumn = (name: string, type: 'text' | 'integer', notNullDefault?: string | number) =>
    db.schema
      .alterTable('meetings')
      .addColumn(name, type, (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault)))
      .execute();
  await addMeetingColumn('series', 'text', 'standing'); // numbering sequence: standing | council | committee:<body id>
  await addMeetingColumn('end_date', 'text'); // last day when the meeting lasts several days
  await addMeetingColumn('is_public', 'integer', 1); // R-M10: standing committee meetings are public
  await addMeetingColumn('schedule', 'text', '[]'); // R-M5: the schedule the council fixed, JSON
  await addMeetingColumn('attendee_scope', 'text'); // R-M5/R-M7: the attendee scope the council fixed
  await addMeetingColumn('observer_seats', 'integer', 0); // R-M8: seats for citizen observers
  await addMeetingColumn('agenda_adopted_at', 'text'); // R-M5: the plenary adopted the draft agenda
  await addMeetingColumn('groups_state', 'text', 'none'); // R-M9: none | draft | approved
  await addMeetingColumn('groups_approved_by', 'text'); // the secretary-general's person id
  await addMeetingColumn('groups_approved_at', 'text');
  await db.schema.createIndex('meetings_number').on('meetings').columns(['congress_id', 'term_id', 'series', 'number']).unique().execute();

  // R-M5: an adjustment to the adopted agenda, proposed by the council and approved by the plenary.
  await db.schema
    .createTable('agenda_adjustments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('action', 'text', (c) => c.notNull()) // add | remove | move
    .addColumn('agenda_item_id', 'text') // the item moved or removed, or the item added once applied
    .addColumn('payload', 'text', (c) => c.notNull()) // the new item or the new position, JSON
    .addColumn('reason', 'text')
    .addColumn('council_date', 'text', (c) => c.notNull()) // when the council proposed it
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // proposed | approved | rejected
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .execute();
  await db.schema.createIndex('agenda_adjustments_meeting').on('agenda_adjustments').columns(['congress_id', 'meeting_id']).execute();

  // Files live on disk, addressed by their SHA-256 (see documents.storage.ts); rows describe them.
  await db.schema
    .createTable('meeting_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull()) // detected from the bytes, not the client's claim
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('distributed_at', 'text') // members and attendees may read it from then on
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema.createIndex('meeting_documents_meeting').on('meeting_documents').columns(['congress_id', 'meeting_id']).execute();

  await db.schema
    .createTable('document_reads')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('meeting_documents.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('person_id', 'text')
    .addColumn('first_opened_at', 'text', (c) => c.notNull())
    .addColumn('last_opened_at', 'text', (c) => c.notNull())
    .addColumn('times', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_reads_pk', ['document_id', 'user_id'])
    .execute();

  // R-M6: leave asked in writing through the office; decided before the meeting by the presiding
  // person, during it by the secretary-general.
  await db.schema
    .createTable('leave_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull()) // before | during
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | rejected | withdrawn
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_person_id', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('leave_requests_meeting').on('leave_requests').columns(['congress_id', 'meeting_id']).execute();

  // R-M7: non-voting attendees (列席人员) by category and organ.
  await db.schema
    .createTable('meeting_attendees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('category', 'text', (c) => c.notNull()) // mandatory | invited
    .addColumn('organ', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('post', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_attendees_meeting').on('meeting_attendees').columns(['congress_id', 'meeting_id', 'position']).execute();

  // R-M8: citizen observers. The identity number is kept only as a salted slow hash and its last 4.
  await db.schema
    .createTable('observer_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_hash', 'text', (c) => c.notNull())
    .addColumn('id_last4', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | rejected
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addUniqueConstraint('observer_registrations_once', ['meeting_id', 'id_hash'])
    .execute();

  // R-M9: group lists (drafted by the office, approved by the secretary-general) and sessions.
  await db.schema
    .createTable('meeting_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('meeting_group_members')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('meeting_groups.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_group_members_pk', ['meeting_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('meeting_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // plenary | group | joint
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text') // local time HH:MM
    .addColumn('place', 'text')
    .addColumn('agenda_item_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('session_conveners')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('meeting_sessions.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('meeting_groups.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_conveners_pk', ['session_id', 'group_id'])
    .execute();
  await db.schema.createIndex('session_conveners_person').on('session_conveners').columns(['congress_id', 'person_id']).execute();

  // R-V1: speakers registered beforehand with the office or asking ad hoc, in the presiding
  // person's order, with the timer's start and stop.
  await db.schema
    .createTable('speakers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('session_id', 'text', (c) => c.references('meeting_sessions.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // registered | adhoc
    .addColumn('status', 'text', (c) => c.notNull()) // queued | pending | rejected | speaking | done | withdrawn
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('speech_no', 'integer', (c) => c.notNull()) // 1 = first speech on the item, 2 = a further one
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('decided_by_person_id', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('limit_seconds', 'integer')
    .addColumn('started_at', 'text')
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('speakers_item').on('speakers').columns(['congress_id', 'meeting_id', 'agenda_item_id', 'position']).execute();

  await db.schema
    .createTable('speech_opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('speaker_id', 'text', (c) => c.references('speakers.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('speech_opinions_item').on('speech_opinions').columns(['congress_id', 'meeting_id', 'agenda_item_id']).execute();

  // The personnel acts before a meeting, one row per person and act, in the gazette's order.
  // The polls module votes them person by person (R-V5).
  await db.schema
    .createTable('personnel_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .addColumn('section', 'text', (c) => c.notNull()) // list (任免名单) | decision (a separate 决定)
    .addColumn('group_no', 'integer', (c) => c.notNull()) // the list's 一、二、三; 0 for decisions
    .addColumn('act', 'text', (c) => c.notNull()) // PersonnelAct code: decide_appoint, remove, …
    .addColumn('act_zh', 'text', (c) => c.notNull()) // 决定任命, 免去, …
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('acting_post', 'text')
    .addColumn('doc_no', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('personnel_proposals_meeting').on('personnel_proposals').columns(['congress_id', 'meeting_id', 'position']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'personnel_proposals',
    'speech_opinions',
    'speakers',
    'session_conveners',
    'meeting_sessions',
    'meeting_group_members',
    'meeting_groups',
    'observer_registrations',
    'meeting_attendees',
    'leave_requests',
    'document_reads',
    'meeting_documents',
    'agenda_adjustments',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropIndex('meetings_number').execute();
  for (const c of ['groups_approved_at', 'groups_approved_by', 'groups_state', 'agenda_adopted_at', 'observer_seats', 'attendee_scope', 'schedule', 'is_public', 'end_date', 'series']) {
    await db.schema.alterTable('meetings').dropColumn(c).execute();
  }
}

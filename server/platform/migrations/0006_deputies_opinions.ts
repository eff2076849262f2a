import type { Kysely } from 'kysely';

// Deputies, liaison stations and citizens' opinions (domain.md §10), the working-day calendar's
// overrides and the deputies' duty register. Columns ending in `_enc` hold field-encrypted
// tokens (server/platform/crypto); `_index` columns hold keyed hashes for equality lookups.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The office's corrections to the national holiday calendar (a year not yet published, a local day).
  await db.schema
    .createTable('calendar_overrides')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('working', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('calendar_overrides_pk', ['congress_id', 'date'])
    .execute();

  // ---- deputies -------------------------------------------------------------------------------
  await db.schema
    .createTable('deputies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('level', 'text', (c) => c.notNull()) // national | province | city | county | township
    .addColumn('term_id', 'text', (c) => c.references('terms.id'))
    .addColumn('term_label', 'text') // e.g. 第十二届, for a level whose terms this congress does not keep
    .addColumn('constituency', 'text')
    .addColumn('delegation_group_id', 'text', (c) => c.references('bodies.id'))
    .addColumn('occupation', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // active | ended
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('email_enc', 'text')
    .addColumn('address_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deputies_congress_level').on('deputies').columns(['congress_id', 'level', 'status']).execute();
  await db.schema.createIndex('deputies_person').on('deputies').columns(['congress_id', 'person_id']).execute();

  // ---- stations -------------------------------------------------------------------------------
  await db.schema
    .createTable('stations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // station | demonstration_point
    .addColumn('district', 'text')
    .addColumn('township', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', 'real')
    .addColumn('lng', 'real')
    .addColumn('hours', 'text')
    .addColumn('phone', 'text') // the station's public desk number
    .addColumn('intro', 'text')
    .addColumn('rules', 'text')
    .addColumn('annual_plan', 'text')
    .addColumn('process', 'text')
    .addColumn('online_guide', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('stations_congress_code', ['congress_id', 'code'])
    .execute();

  await db.schema
    .createTable('station_staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull()) // head | deputy_head | liaison (站长, 副站长, 联络员)
    .addColumn('duties', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('station_staff_station').on('station_staff').columns(['congress_id', 'station_id']).execute();
  await db.schema.createIndex('station_staff_user').on('station_staff').columns(['user_id']).execute();

  await db.schema
    .createTable('station_deputies')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('station_deputies_pk', ['station_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('station_deputies_deputy').on('station_deputies').columns(['congress_id', 'deputy_id']).execute();

  await db.schema
    .createTable('station_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // service_day | themed_reception | other
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull()) // onsite | online
    .addColumn('status', 'text', (c) => c.notNull()) // planned | held | cancelled
    .addColumn('announced_at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('visitors', 'integer')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0)) // iCalendar SEQUENCE
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('station_events_station_date').on('station_events').columns(['congress_id', 'station_id', 'date']).execute();

  await db.schema
    .createTable('event_signups')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('station_events.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('signed_up_at', 'text', (c) => c.notNull())
    .addColumn('attended', 'integer') // null until the event's outcome is recorded
    .addPrimaryKeyConstraint('event_signups_pk', ['event_id', 'deputy_id'])
    .execute();

  // ---- duty register (履职登记) -----------------------------------------------------------------
  await db.schema
    .createTable('duty_scoring')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', 'real', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_scoring_pk', ['congress_id', 'kind'])
    .execute();

  await db.schema
    .createTable('duty_activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('station_id', 'text', (c) => c.references('stations.id'))
    .addColumn('event_id', 'text', (c) => c.references('station_events.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull()) // JSON array of {kind, ref, note}
    .addColumn('evaluation', 'text') // JSON: voters' evaluation of a report-back meeting
    .addColumn('points', 'real', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_activities_deputy').on('duty_activities').columns(['congress_id', 'deputy_id', 'date']).execute();
  await db.schema.createIndex('duty_activities_event').on('duty_activities').columns(['event_id', 'deputy_id']).execute();

  // ---- opinions -------------------------------------------------------------------------------
  await db.schema
    .createTable('opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('station_id', 'text', (c) => c.references('stations.id'))
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull()) // online | station | deputy
    .addColumn('name_enc', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('id_number_enc', 'text')
    .addColumn('phone_index', 'text')
    .addColumn('source_index', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('class', 'text') // suggestion (代表建议) | mass_opinion (群众意见) | petition (信访件)
    .addColumn('disposition', 'text') // answer_on_spot | explain_route | forward
    .addColumn('route', 'text') // litigation | arbitration | administrative_review | petition
    .addColumn('answer', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_key', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('entered_by', 'text')
    .addColumn('deputy_id', 'text', (c) => c.references('deputies.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('routed_on', 'text')
    .addColumn('route_due', 'text')
    .addColumn('replied_on', 'text')
    .addColumn('feedback_due', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closure', 'text')
    .addColumn('relayed_at', 'text')
    .addColumn('anonymized_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinions_congress_status').on('opinions').columns(['congress_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('opinions_phone_index').on('opinions').columns(['congress_id', 'phone_index']).execute();
  await db.schema.createIndex('opinions_station').on('opinions').columns(['congress_id', 'station_id', 'created_at']).execute();

  await db.schema
    .createTable('opinion_deputies')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // lead | cosigner (领衔, 联名)
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('opinion_deputies_pk', ['opinion_id', 'deputy_id'])
    .execute();

  await db.schema
    .createTable('opinion_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // lead | co | separate (主办, 协办, 分别承办)
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('assigned_on', 'text', (c) => c.notNull())
    .addColumn('decline_by', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // active | replied | declined | withdrawn
    .addColumn('declined_on', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('replied_on', 'text')
    .addColumn('extended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Overdue lists and the deadline job walk active rows by due date; the dashboard counts active rows
  // per unit from the second index alone (covering), which also orders a unit's queue by due date.
  await db.schema.createIndex('opinion_assignments_due').on('opinion_assignments').columns(['congress_id', 'state', 'due_date', 'id']).execute();
  await db.schema.createIndex('opinion_assignments_unit').on('opinion_assignments').columns(['congress_id', 'state', 'unit_id', 'due_date']).execute();
  await db.schema.createIndex('opinion_assignments_opinion').on('opinion_assignments').columns(['opinion_id']).execute();

  await db.schema
    .createTable('opinion_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('opinion_assignments.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('group_id', 'text', (c) => c.notNull()) // the letters of one reply (one per co-signing deputy)
    .addColumn('kind', 'text', (c) => c.notNull()) // reply | co_view | follow_up
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text') // A | B | C | D
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recipient_deputy_id', 'text', (c) => c.references('deputies.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // draft | issued
    .addColumn('drafted_by', 'text')
    .addColumn('drafted_at', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'text')
    .execute();
  await db.schema.createIndex('opinion_replies_opinion').on('opinion_replies').columns(['opinion_id', 'drafted_at']).execute();
  await db.schema.createIndex('opinion_replies_unit').on('opinion_replies').columns(['congress_id', 'unit_id', 'kind']).execute();

  await db.schema
    .createTable('opinion_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('satisfied', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('via', 'text', (c) => c.notNull()) // citizen | deputy
    .addColumn('by_user', 'text')
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('opinion_ratings_round', ['opinion_id', 'round'])
    .execute();

  await db.schema
    .createTable('opinion_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull()) // shown to the citizen with the tracking code
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinion_events_opinion').on('opinion_events').columns(['opinion_id', 'at']).execute();

  // Photos and files a citizen attached; the bytes live on disk, encrypted (opinions.attachments.ts).
  await db.schema
    .createTable('opinion_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('filename_enc', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinion_attachments_opinion').on('opinion_attachments').columns(['opinion_id']).execute();

  // Reminders and escalation (督办): created by the deadline job, one per target, kind and due date.
  await db.schema
    .createTable('opinion_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('assignment_id', 'text', (c) => c.references('opinion_assignments.id'))
    .addColumn('unit_id', 'text', (c) => c.references('bodies.id')) // null: addressed to the office
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // due_soon | overdue | escalated | route_overdue
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addUniqueConstraint('opinion_alerts_once', ['target_key', 'kind', 'due_date'])
    .execute();
  await db.schema.createIndex('opinion_alerts_unit').on('opinion_alerts').columns(['congress_id', 'unit_id', 'acknowledged_at']).execute();

  // Who works for a handling unit: a user with the handling_unit role, tied to one or more units.
  await db.schema
    .createTable('unit_users')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('is_head', 'integer', (c) => c.notNull().defaultTo(0)) // signs replies off (办法 art. 21)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_users_pk', ['unit_id', 'user_id'])
    .execute();
  await db.schema.createIndex('unit_users_user').on('unit_users').columns(['user_id', 'congress_id']).execute();

  // The office's routing table: a category's usual lead unit and co-handlers.
  await db.schema
    .createTable('routing_categories')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('co_unit_ids', 'text', (c) => c.notNull()) // JSON array of body ids
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_categories_pk', ['congress_id', 'category'])
    .execute();

  // Intake throttling: fixed-window counters per source (keyed hashes of IP and phone), shared by all processes.
  await db.schema
    .createTable('intake_counters')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('intake_counters_pk', ['key', 'window_start'])
    .execute();
  await db.schema
    .createTable('intake_settings')
    .addColumn('congress_id', 'text', (c) => c.primaryKey().references('congresses.id'))
    .addColumn('per_ip_per_hour', 'integer', (c) => c.notNull())
    .addColumn('per_phone_per_day', 'integer', (c) => c.notNull())
    .addColumn('retention_years', 'integer', (c) => c.notNull()) // personal data is anonymised this long after closure
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('intake_blocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // ip | phone
    .addColumn('value_index', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('intake_blocks_once', ['congress_id', 'kind', 'value_index'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'intake_blocks',
    'intake_settings',
    'intake_counters',
    'routing_categories',
    'unit_users',
    'opinion_alerts',
    'opinion_attachments',
    'opinion_events',
    'opinion_ratings',
    'opinion_replies',
    'opinion_assignments',
    'opinion_deputies',
    'opinions',
    'duty_activities',
    'duty_scoring',
    'event_signups',
    'station_events',
    'station_deputies',
    'station_staff',
    'stations',
    'deputies',
    'calendar_overrides',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

import type { Kysely } from 'kysely';

// Polls (议事规则 art. 42–44, R-V3…R-V8). Who has voted (poll_voters) and what was voted
// (poll_tallies) live in separate tables that share nothing but the poll: a tally row has no
// member, no time and no order, so no stored record links a member to a choice (R-V8). See
// server/modules/polls/SECRECY.md for the threat model.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('polls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // secret | named | analog | mixed
    .addColumn('en_bloc', 'integer', (c) => c.notNull().defaultTo(0)) // candidates voted together (R-V5 allows it for some acts)
    .addColumn('state', 'text', (c) => c.notNull()) // draft | open | closed | announced
    .addColumn('analog_entered', 'integer', (c) => c.notNull().defaultTo(0)) // tellers entered the totals
    .addColumn('result', 'text') // JSON written at close: the counts and the numbers the rule used (R-V6)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('announced_at', 'text')
    .execute();
  await db.schema.createIndex('polls_meeting').on('polls').columns(['congress_id', 'meeting_id']).execute();

  // Personnel acts voted person by person (R-V5): one row per nominee and act.
  await db.schema
    .createTable('poll_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull()) // the name as voted on
    .addColumn('act', 'text', (c) => c.notNull()) // PersonnelAct
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('oath_date', 'text') // R-V7: the constitutional oath after a passed appointment
    .addColumn('oath_note', 'text')
    .addColumn('oath_recorded_at', 'text')
    .addColumn('oath_recorded_by', 'text')
    .execute();
  await db.schema.createIndex('poll_candidates_poll').on('poll_candidates').columns(['congress_id', 'poll_id', 'position']).execute();

  // Who has voted, and by which channel; never what. The key makes a second vote impossible.
  await db.schema
    .createTable('poll_voters')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('channel', 'text', (c) => c.notNull()) // device | teller
    .addPrimaryKeyConstraint('poll_voters_pk', ['poll_id', 'person_id'])
    .execute();

  // What was voted, as counters created at opening and incremented in place; never who.
  // candidate_key is '' for the question itself, or a poll_candidates id.
  await db.schema
    .createTable('poll_tallies')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
    .addColumn('candidate_key', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull()) // yes | no | abstain
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_tallies_pk', ['poll_id', 'candidate_key', 'choice'])
    .execute();

  // Roll calls only (kind named): each member's choice is the record, by design.
  await db.schema
    .createTable('poll_named_choices')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('candidate_key', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_named_choices_pk', ['poll_id', 'person_id', 'candidate_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['poll_named_choices', 'poll_tallies', 'poll_voters', 'poll_candidates', 'polls']) await db.schema.dropTable(t).execute();
}

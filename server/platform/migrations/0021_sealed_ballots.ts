import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Secret ballots sealed under a per-poll key that lives outside the database and is destroyed at
// the close (server/modules/polls/SECRECY.md). Tellers designated for a poll and the device
// failures the presiding person records decide who may enter a member's vote (议事规则 art. 43, R-V4).
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = !(db.getExecutor().adapter instanceof PostgresAdapter);
  // One row per ballot: the poll and a ciphertext of fixed length, nothing else. The key is random,
  // so on SQLite (WITHOUT ROWID: no implicit, increasing row id) the rows sort in no useful order.
  await db.schema
    .createTable('poll_sealed_ballots')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_sealed_ballots_pk', ['poll_id', 'id'])
    .$call((b) => (sqlite ? b.modifyEnd(sql`without rowid`) : b))
    .execute();

  // Who may enter members' votes in a poll besides the presiding person (计票人).
  await db.schema
    .createTable('poll_tellers')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('designated_by', 'text')
    .addColumn('designated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_tellers_pk', ['poll_id', 'user_id'])
    .execute();

  // A member's voting device failed during this poll, as the presiding person recorded it (art. 43).
  await db.schema
    .createTable('poll_device_failures')
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_device_failures_pk', ['poll_id', 'person_id'])
    .execute();

  // The teller who entered a member's vote, shown to that member (never what was entered).
  await db.schema.alterTable('poll_voters').addColumn('entered_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('poll_voters').dropColumn('entered_by').execute();
  for (const t of ['poll_device_failures', 'poll_tellers', 'poll_sealed_ballots']) await db.schema.dropTable(t).execute();
}

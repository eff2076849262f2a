import type { Kysely } from 'kysely';

// One set of rate counters for every limit (server/platform/rate.ts): logins, citizens' submissions
// and SMS codes. A row per key holds the attempts of the key's current window and when the window
// ends; it replaces the login failure log (counted after the password check, so parallel guesses
// slipped through) and the intake counters (one row per key and window).
// Login lockouts as the office sees them, the devices a member has logged in from (their attempts
// are not held back by a lockout of the account), and the SMS code limits of each congress.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_counters_until').on('rate_counters').column('until').execute();
  await db.schema.dropTable('intake_counters').execute();
  await db.schema.dropTable('login_failures').execute();

  await db.schema
    .createTable('login_locks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('counter_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // account_address | address | account | device
    .addColumn('username', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('congress_id', 'text', (c) => c.references('congresses.id')) // the account's home congress; null: no such account
    .addColumn('address', 'text')
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .addColumn('cleared_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('login_locks_congress').on('login_locks').columns(['congress_id', 'since']).execute();

  await db.schema
    .createTable('login_devices')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('intake_settings').addColumn('codes_per_ip_per_hour', 'integer', (c) => c.notNull().defaultTo(5)).execute();
  await db.schema.alterTable('intake_settings').addColumn('codes_per_day', 'integer', (c) => c.notNull().defaultTo(1000)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('intake_settings').dropColumn('codes_per_day').execute();
  await db.schema.alterTable('intake_settings').dropColumn('codes_per_ip_per_hour').execute();
  await db.schema.dropTable('login_devices').execute();
  await db.schema.dropTable('login_locks').execute();
  await db.schema.dropTable('rate_counters').execute();
  await db.schema
    .createTable('intake_counters')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('intake_counters_pk', ['key', 'window_start'])
    .execute();
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_key').on('login_failures').columns(['key', 'at']).execute();
}

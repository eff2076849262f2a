import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Search, feeds and open data (issue 7, parts 4–6).
// search_documents holds one row per searchable unit (an article of a regulation, a section of a
// gazette, a meeting document, a public opinion summary) with its text pre-segmented into
// space-separated tokens. SQLite indexes the tokens in an FTS5 table; PostgreSQL in a tsvector
// column ('simple' configuration) with a GIN index. Both are written by search.index.ts only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('search_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('type', 'text', (c) => c.notNull()) // regulation | gazette | document | opinion | meeting
    .addColumn('source_type', 'text', (c) => c.notNull()) // who wrote it: legislation_expression, gazette_section, …
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('part_key', 'text', (c) => c.notNull()) // the unit within the source: art_42, sec_3, '' for the whole
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('article_num', 'text') // 第四十二条
    .addColumn('ordinal', 'integer', (c) => c.notNull()) // order within the source
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('title_tokens', 'text', (c) => c.notNull())
    .addColumn('body_tokens', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('body_name', 'text') // the issuing or meeting body
    .addColumn('meeting_id', 'text')
    .addColumn('meeting_title', 'text')
    .addColumn('published_on', 'text') // YYYY-MM-DD
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_documents_source').on('search_documents').columns(['congress_id', 'source_type', 'source_id', 'part_key']).unique().execute();
  await db.schema.createIndex('search_documents_recent').on('search_documents').columns(['congress_id', 'type', 'published_on']).execute();
  if (pg) {
    await sql`alter table search_documents add column tsv tsvector`.execute(db);
    // Ranking reads a small vector (the title and the head of the body), never the whole document's.
    await sql`alter table search_documents add column tsv_head tsvector`.execute(db);
    // fastupdate off: a bulk reindex must not leave a pending list that every query then scans.
    await sql`create index search_documents_tsv on search_documents using gin (tsv) with (fastupdate = off)`.execute(db);
  } else {
    // rowid-less link by doc_id; unicode61 splits on the spaces the segmenter put in.
    await sql`create virtual table search_fts using fts5(doc_id unindexed, title_tokens, body_tokens, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
  }

  // Email subscriptions to a feed (double opt-in). Only the token hashes are stored.
  await db.schema
    .createTable('feed_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('email_enc', 'text', (c) => c.notNull()) // field-encrypted (context feed_subscriptions.email:<id>)
    .addColumn('email_index', 'text', (c) => c.notNull()) // blind index of the normalised address, for the duplicate check
    .addColumn('kind', 'text', (c) => c.notNull()) // congress | body | search
    .addColumn('body_id', 'text')
    .addColumn('query', 'text')
    .addColumn('confirm_hash', 'text', (c) => c.notNull())
    .addColumn('unsubscribe_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // pending | active | ended
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('last_sent_at', 'text')
    .execute();
  await db.schema.createIndex('feed_subscriptions_confirm').on('feed_subscriptions').column('confirm_hash').execute();
  await db.schema.createIndex('feed_subscriptions_unsub').on('feed_subscriptions').column('unsubscribe_hash').execute();
  await db.schema.createIndex('feed_subscriptions_congress').on('feed_subscriptions').columns(['congress_id', 'state']).execute();
  await db.schema.createIndex('feed_subscriptions_email').on('feed_subscriptions').columns(['congress_id', 'email_index']).execute();

  // Mail that was sent, or, with no SMTP server configured, the mail that would have been sent.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('to_enc', 'text', (c) => c.notNull()) // field-encrypted recipient (context mail_outbox.to:<id>)
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('message_enc', 'text', (c) => c.notNull()) // field-encrypted: the transport's JSON rendering (it names the recipient), or the SMTP response
    .addColumn('transport', 'text', (c) => c.notNull()) // smtp | json
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_outbox_congress').on('mail_outbox').columns(['congress_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of ['mail_outbox', 'feed_subscriptions']) await db.schema.dropTable(t).execute();
  if (!pg) await sql`drop table search_fts`.execute(db);
  await db.schema.dropTable('search_documents').execute();
}

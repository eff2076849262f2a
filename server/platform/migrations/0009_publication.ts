import type { Kysely } from 'kysely';

// Publication (议事规则 art. 45, R-P1, R-P2): the meeting's record as text (the documents the gazette
// prints), the gazette (公报) per meeting with its editable front matter in versions, its builds and
// published editions, and announcements (公告) numbered within the term. Instants ISO-8601 UTC; JSON as text.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The meeting's documents as text, in the order the record keeps them (the seed's order for the demo).
  await db.schema
    .createTable('meeting_texts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // news | speech | report | explanation | review | text | resolution | decision | other
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // paragraphs separated by \n
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('source', 'text') // e.g. seed:L45-L52
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_texts_meeting').on('meeting_texts').columns(['congress_id', 'meeting_id', 'position']).execute();

  await db.schema
    .createTable('gazettes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('version', 'integer', (c) => c.notNull()) // the current front-matter version
    .addColumn('front_matter', 'text', (c) => c.notNull()) // JSON {title, subtitle, preface}
    .addColumn('section_order', 'text') // JSON array of section keys, or null for the record's order
    .addColumn('year', 'integer')
    .addColumn('issue_no', 'integer') // 期 within the year, given at first publication
    .addColumn('issue_total', 'integer') // 总第N期
    .addColumn('published_edition_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('gazettes_meeting', ['congress_id', 'meeting_id'])
    .execute();

  await db.schema
    .createTable('gazette_versions')
    .addColumn('gazette_id', 'text', (c) => c.notNull().references('gazettes.id'))
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('front_matter', 'text', (c) => c.notNull())
    .addColumn('section_order', 'text')
    .addColumn('edited_by', 'text')
    .addColumn('edited_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gazette_versions_pk', ['gazette_id', 'version'])
    .execute();

  // A build assembles the record into an edition and renders it; the UI polls status and progress.
  await db.schema
    .createTable('gazette_builds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('gazette_id', 'text', (c) => c.notNull().references('gazettes.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | running | done | failed
    .addColumn('progress', 'integer', (c) => c.notNull()) // 0–100
    .addColumn('step', 'text')
    .addColumn('error_zh', 'text')
    .addColumn('error_en', 'text')
    .addColumn('edition_id', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('gazette_builds_gazette').on('gazette_builds').columns(['congress_id', 'gazette_id', 'created_at']).execute();

  // A published edition: the assembled content, frozen. Earlier editions stay for the record.
  await db.schema
    .createTable('gazette_editions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('gazette_id', 'text', (c) => c.notNull().references('gazettes.id'))
    .addColumn('edition', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull()) // JSON: the assembled gazette
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .execute();
  await db.schema.createIndex('gazette_editions_gazette').on('gazette_editions').columns(['congress_id', 'gazette_id', 'edition']).unique().execute();

  // 公告 (R-P1), numbered within the term at publication: 第1号, 第2号, …
  await db.schema
    .createTable('announcements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // regulation | decision | appointment | resolution | other
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('number', 'integer')
    .addColumn('state', 'text', (c) => c.notNull()) // draft | published
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('announcements_congress').on('announcements').columns(['congress_id', 'state', 'published_at']).execute();
  await db.schema.createIndex('announcements_number').on('announcements').columns(['congress_id', 'term_id', 'number']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['announcements', 'gazette_editions', 'gazette_builds', 'gazette_versions', 'gazettes', 'meeting_texts']) await db.schema.dropTable(t).execute();
}

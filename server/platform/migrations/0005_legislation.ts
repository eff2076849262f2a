import type { Kysely } from 'kysely';

// Legislation as structured text (server/modules/legislation): works (a regulation over time), their
// expressions (草案, 草案修改稿, 表决稿, the published text, amendments) with the source text and the
// parsed tree as JSON, and review opinions (审议意见) anchored to an article, paragraph or item.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('legislation_works')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // regulation | rules | measures | decision | other
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('legislation_works_congress').on('legislation_works').columns(['congress_id', 'created_at']).execute();

  await db.schema
    .createTable('legislation_expressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('work_id', 'text', (c) => c.notNull().references('legislation_works.id'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // 1, 2, 3 … within the work
    .addColumn('stage', 'text', (c) => c.notNull()) // draft | revised_draft | voting_draft | published | amendment | other
    .addColumn('label', 'text') // as the text names itself: 草案修改稿
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source_format', 'text', (c) => c.notNull()) // text | markdown | docx
    .addColumn('source_name', 'text')
    .addColumn('source_text', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text') // the 说明 that accompanies the text, for its declared counts
    .addColumn('tree', 'text', (c) => c.notNull()) // JSON: the parsed LegalDoc with eIds and wIds
    .addColumn('findings', 'text', (c) => c.notNull()) // JSON: parser and check findings
    .addColumn('counts', 'text', (c) => c.notNull()) // JSON: chapters, articles, paragraphs, items …
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('legislation_expressions_work').on('legislation_expressions').columns(['congress_id', 'work_id', 'seq']).unique().execute();

  await db.schema
    .createTable('legislation_review_opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('congress_id', 'text', (c) => c.notNull().references('congresses.id'))
    .addColumn('work_id', 'text', (c) => c.notNull().references('legislation_works.id'))
    .addColumn('expression_id', 'text', (c) => c.notNull().references('legislation_expressions.id'))
    .addColumn('anchor_eid', 'text', (c) => c.notNull()) // in the expression it was given on
    .addColumn('anchor_wid', 'text', (c) => c.notNull()) // follows the node into later expressions
    .addColumn('anchor_cite', 'text', (c) => c.notNull()) // 第十五条第二款
    .addColumn('body_id', 'text', (c) => c.references('bodies.id'))
    .addColumn('body_name', 'text', (c) => c.notNull()) // the committee that gave it
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | adopted | not_adopted
    .addColumn('reason', 'text') // why not adopted
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .execute();
  await db.schema.createIndex('legislation_review_opinions_work').on('legislation_review_opinions').columns(['congress_id', 'work_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['legislation_review_opinions', 'legislation_expressions', 'legislation_works']) await db.schema.dropTable(t).execute();
}

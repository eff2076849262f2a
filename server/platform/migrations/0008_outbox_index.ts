import type { Kysely } from 'kysely';

// Every command's flush looks for unpublished outbox rows; without this it scans the whole table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('outbox_unpublished').on('outbox').columns(['published', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_unpublished').execute();
}

import type { Kysely } from 'kysely';

// Every ballot checks that the voter is a member of the voting body (R-V3); with only the
// (congress, body) index that check walks the whole body.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('memberships_person').on('memberships').columns(['congress_id', 'person_id', 'body_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('memberships_person').execute();
}

import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './db.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_meetings_core.ts';
import * as m0003 from './migrations/0003_meeting_work.ts';
import * as m0004 from './migrations/0004_polls.ts';
import * as m0005 from './migrations/0005_legislation.ts';
import * as m0006 from './migrations/0006_deputies_opinions.ts';
import * as m0007 from './migrations/0007_bills_oversight.ts';
import * as m0008 from './migrations/0008_outbox_index.ts';
import * as m0009 from './migrations/0009_publication.ts';
import * as m0010 from './migrations/0010_search.ts';
import * as m0012 from './migrations/0012_bills_followthrough.ts';
import * as m0013 from './migrations/0013_opinion_feedback_phone.ts';
import * as m0015 from './migrations/0015_legislation_consultation.ts';
import * as m0016 from './migrations/0016_membership_person_index.ts';
import * as m0017 from './migrations/0017_consultation_more.ts';
import * as m0018 from './migrations/0018_business_more.ts';
import * as m0019 from './migrations/0019_business_outcomes.ts';
import * as m0020 from './migrations/0020_legislation_passed.ts';
import * as m0021 from './migrations/0021_sealed_ballots.ts';
import * as m0022 from './migrations/0022_rate_limits.ts';
import * as m0023 from './migrations/0023_audit_checkpoints.ts';

// Listed explicitly (not read from disk) so the order is obvious and bundling is safe.
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_meetings_core': m0002,
  '0003_meeting_work': m0003,
  '0004_polls': m0004,
  '0005_legislation': m0005,
  '0006_deputies_opinions': m0006,
  '0007_bills_oversight': m0007,
  '0008_outbox_index': m0008,
  '0009_publication': m0009,
  '0010_search': m0010,
  '0012_bills_followthrough': m0012,
  '0013_opinion_feedback_phone': m0013,
  '0015_legislation_consultation': m0015,
  '0016_membership_person_index': m0016,
  '0017_consultation_more': m0017,
  '0018_business_more': m0018,
  '0019_business_outcomes': m0019,
  '0020_legislation_passed': m0020,
  '0021_sealed_ballots': m0021,
  '0022_rate_limits': m0022,
  '0023_audit_checkpoints': m0023,
};

class StaticProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations);
  }
}

export const latestMigration = Object.keys(migrations).sort().at(-1) ?? '';

// On PostgreSQL a schema other than the default must be named, or Kysely finds another schema's
// migration table through the catalog.
const migratorFor = (db: Db, schema?: string): Migrator =>
  new Migrator({
    db,
    provider: new StaticProvider(),
    // Modules add migrations side by side; a database that ran a later-numbered one first must still take the rest.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });

export async function migrateToLatest(db: Db, schema?: string): Promise<string> {
  const migrator = migratorFor(db, schema);
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return currentMigration(db, schema);
}

export async function currentMigration(db: Db, schema?: string): Promise<string> {
  const migrator = migratorFor(db, schema);
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt).map((m) => m.name).sort().at(-1) ?? '';
}

import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './db.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_meetings_core.ts';

// Listed explicitly (not read from disk) so the order is obvious and bundling is safe.
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_meetings_core': m0002,
};

class StaticProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations);
  }
}

export const latestMigration = Object.keys(migrations).sort().at(-1) ?? '';

export async function migrateToLatest(db: Db): Promise<string> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return currentMigration(db);
}

export async function currentMigration(db: Db): Promise<string> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt).map((m) => m.name).sort().at(-1) ?? '';
}

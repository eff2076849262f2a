import { dirname, join, resolve } from 'node:path';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db.ts';
import { attachBallotKeys } from './ballot-seal.ts';

/** The directory of the ballot keys: YISHI_BALLOT_KEYS_DIR, else `ballot-keys` next to the SQLite file. */
export function ballotKeysDir(config: Pick<Config, 'ballotKeysDir' | 'sqlitePath'>): string {
  if (config.ballotKeysDir) return resolve(config.ballotKeysDir);
  return resolve(join(dirname(config.sqlitePath === ':memory:' ? './data/x' : config.sqlitePath), 'ballot-keys'));
}

/**
 * At start: attaches the installation's ballot keys to the database handle and removes keys that
 * outlived their poll (a crash between a close's commit and the key's destruction).
 */
export async function prepareBallotKeys(db: Db, config: Pick<Config, 'ballotKeysDir' | 'sqlitePath'>): Promise<void> {
  const keys = attachBallotKeys(db, ballotKeysDir(config));
  const polls = await db.selectFrom('polls').select(['id', 'state']).where('state', '!=', 'draft').execute();
  keys.sweep({
    open: new Set(polls.filter((p) => p.state === 'open').map((p) => p.id)),
    closed: new Set(polls.filter((p) => p.state !== 'open').map((p) => p.id)),
  });
}

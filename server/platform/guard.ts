import type { DeleteResult, UpdateResult } from 'kysely';
import { type Conn, isPostgres } from './db.ts';
import { DomainError, errors } from './errors.ts';

// One write path: a command reads what decides it inside its transaction and writes with a guard
// on what it read (`UPDATE … WHERE state = <from>`). PostgreSQL runs transactions at READ
// COMMITTED, so a read alone does not stop another transaction from changing the row before the
// write; the guard does, because PostgreSQL re-checks the WHERE against the row as committed. A
// guard that matched no row means another command came first: the command is refused and its
// transaction rolled back, so nothing is half-applied.

export const concurrentChange = (): DomainError =>
  errors.conflict('CONCURRENT_CHANGE', '该记录已被他人修改，请刷新后重试', 'The record was changed by someone else; reload and try again');

/** Checks a guarded write: no row matched means another command moved the record first. */
export function expectChanged(r: UpdateResult | DeleteResult, lost: () => DomainError = concurrentChange): void {
  const n = 'numUpdatedRows' in r ? r.numUpdatedRows : r.numDeletedRows;
  if (Number(n) === 0) throw lost();
}

/**
 * A row read for update, where a decision spans several rows (a bill's readings, an opinion's
 * assignments): locked on PostgreSQL until commit, so commands on the same record run one after
 * the other and each reads what the one before committed. SQLite runs one transaction at a time.
 */
export const forUpdate = <Q extends { forUpdate(): Q }>(conn: Conn, q: Q): Q => (isPostgres(conn) ? q.forUpdate() : q);

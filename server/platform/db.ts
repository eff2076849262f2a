import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import { SchemaScopedPostgresDialect } from './pg-introspector.ts';
import { ensurePrivateFile, mkdirPrivate, tightenExisting } from './private-files.ts';
import type { Database } from './schema.ts';

export type DbKind = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the root handle or a transaction: repositories accept both. */
export type Conn = Kysely<Database>;

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** Where the data lives, for the health check and backups (never includes a password). */
  location: string;
  /** PostgreSQL schema when not the default (tests). */
  schema?: string;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… — when set, PostgreSQL is used; otherwise SQLite at sqlitePath. */
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  /** PostgreSQL only: a schema to work in (tests give each app its own). */
  pgSchema?: string | undefined;
  poolSize?: number;
}

/** Whether a connection (or transaction) talks to PostgreSQL; else it is SQLite. */
export const isPostgres = (conn: Conn): boolean => conn.getExecutor().adapter instanceof PostgresAdapter;

// COUNT(*) and BIGINT come back as strings from node-postgres; our numbers fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function openDb(opts: DbOptions): DbHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }) });
    const url = new URL(opts.databaseUrl);
    return {
      db,
      kind: 'postgres',
      location: `${url.host}${url.pathname}${opts.pgSchema ? `#${opts.pgSchema}` : ''}`,
      ...(opts.pgSchema ? { schema: opts.pgSchema } : {}),
      close: () => db.destroy(),
    };
  }
  const path = opts.sqlitePath ?? './data/yishi.sqlite';
  if (path !== ':memory:') {
    // 0600 before SQLite opens it: SQLite gives the WAL and SHM files the database file's mode.
    mkdirPrivate(dirname(path));
    ensurePrivateFile(path);
    tightenExisting([`${path}-wal`, `${path}-shm`]);
  }
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: a commit is on disk before it is acknowledged (an acknowledged ballot survives a power
  // failure, not only a crash of the process); group commit keeps the fsyncs few (bench/vote.ts).
  sqlite.pragma('synchronous = FULL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, kind: 'sqlite', location: path, close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; preparing costs more than running a small indexed query.
 * The same SQL text (parameters are bound separately) reuses its prepared statement. Safe because
 * Kysely runs one query at a time on the single SQLite connection, so a statement is never busy
 * when it is reused. Least recently used statements are dropped past the cache size.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

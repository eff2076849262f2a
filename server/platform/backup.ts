// Backup and restore for operators (`yishi backup`, `yishi restore`).
//
// SQLite: an online copy through SQLite's backup API, taken from a second connection while the
// server may keep running (WAL readers never block it); restore swaps the file in place, keeps the
// previous one as `<path>.before-restore`, and refuses while another process has the database open.
//
// PostgreSQL: `pg_dump --format=custom` of the server's schema, read back by `pg_restore` into a
// fresh schema while the previous one is kept aside; both tools run from PATH. The password
// travels in PGPASSWORD, never on a command line other users can see.
//
// Backups are 0600 in folders created 0700; with a secret they are sealed (backup-crypto.ts) and
// restore opens a sealed file into a 0600 file that is removed afterwards.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { type BackupKeys, type BackupSecret, isSealedBackup, openBackup, sealBackup } from './backup-crypto.ts';
import { DomainError } from './errors.ts';
import { latestMigration } from './migrate.ts';
import { ensurePrivateFile, mkdirPrivate, tightenExisting } from './private-files.ts';

/** An operator error: printed in both languages by the CLI, never a stack trace. */
export const opsError = (code: string, zh: string, en: string): DomainError => new DomainError(422, code, zh, en);

/** What a backup file holds, read from the file itself. */
export interface BackupInfo {
  /** The newest migration recorded in the backup. */
  migration: string;
  auditEntries: number;
  congresses: number;
  users: number;
}

export interface SqliteBackupResult extends BackupInfo {
  file: string;
  bytes: number;
  encrypted: boolean;
}

export interface BackupOptions {
  /** Overwrite an existing backup file. */
  force?: boolean;
  /** Seal the backup with this secret (backup-crypto.ts); unset, the backup is clear. */
  secret?: BackupSecret | undefined;
}

/** Moves the finished clear backup `tmp` to `dest`, sealing it on the way when a secret is given. */
async function finish(tmp: string, dest: string, secret: BackupSecret | undefined): Promise<void> {
  if (!secret) {
    renameSync(tmp, dest);
    return;
  }
  const sealed = `${tmp}.sealed`;
  rmSync(sealed, { force: true });
  try {
    await sealBackup(tmp, sealed, secret);
    renameSync(sealed, dest);
  } finally {
    rmSync(tmp, { force: true });
    rmSync(sealed, { force: true });
  }
}

/**
 * Runs `fn` on the clear backup: `file` itself, or, when it is sealed, a 0600 copy opened in
 * `workDir` and removed afterwards.
 */
export async function withClearBackup<T>(file: string, keys: BackupKeys, workDir: string, fn: (clear: string, sealed: boolean) => Promise<T>): Promise<T> {
  if (!existsSync(file)) throw opsError('NO_BACKUP', `备份文件不存在：${file}`, `No backup file at ${file}`);
  if (!isSealedBackup(file)) return fn(file, false);
  mkdirPrivate(workDir);
  const clear = join(workDir, `.${basename(file)}.opened-${process.pid}`);
  rmSync(clear, { force: true });
  try {
    await openBackup(file, clear, keys);
    return await fn(clear, true);
  } finally {
    rmSync(clear, { force: true });
  }
}

export interface SqliteRestoreResult extends BackupInfo {
  /** Where the database that was replaced now lives (null when there was none). */
  previous: string | null;
}

// ---------------------------------------------------------------- SQLite

const REQUIRED_TABLES = ['kysely_migration', 'audit_log', 'audit_head', 'congresses', 'users'] as const;
const KNOWN_MIGRATION = /^\d{4}_[a-z0-9_]+$/;

interface What {
  zh: string;
  en: string;
}
const BACKUP_FILE: What = { zh: '备份文件', en: 'The backup file' };

/** Checks that an open file is a sound Yishi SQLite database and says what it holds. */
function inspectSqlite(db: SQLite.Database, what: What): BackupInfo {
  let integrity: string;
  try {
    integrity = String(db.pragma('integrity_check', { simple: true }));
  } catch (e) {
    throw opsError('NOT_A_DATABASE', `${what.zh}不是有效的SQLite数据库：${String(e)}`, `${what.en} is not a valid SQLite database: ${String(e)}`);
  }
  if (integrity !== 'ok') throw opsError('CORRUPT_DATABASE', `${what.zh}未通过完整性检查：${integrity}`, `${what.en} fails the integrity check: ${integrity}`);
  const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]).map(String));
  const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
  if (missing.length > 0) {
    throw opsError('NOT_YISHI_DATABASE', `${what.zh}不是议事平台的数据库（缺少表：${missing.join(', ')}）`, `${what.en} is not a Yishi database (missing tables: ${missing.join(', ')})`);
  }
  const migrations = db.prepare('select name from kysely_migration order by name').pluck().all() as string[];
  const newest = migrations.at(-1) ?? '';
  if (!newest || !KNOWN_MIGRATION.test(newest)) {
    throw opsError('NOT_YISHI_DATABASE', `${what.zh}没有可识别的迁移记录`, `${what.en} has no recognisable migration record`);
  }
  if (newest > latestMigration) {
    throw opsError(
      'BACKUP_TOO_NEW',
      `${what.zh}来自更新的版本（迁移 ${newest}，本程序最高为 ${latestMigration}），请先升级程序`,
      `${what.en} comes from a newer version (migration ${newest}; this program knows up to ${latestMigration}); upgrade first`,
    );
  }
  const count = (table: string): number => Number(db.prepare(`select count(*) from ${table}`).pluck().get());
  return { migration: newest, auditEntries: count('audit_log'), congresses: count('congresses'), users: count('users') };
}

const sameFile = (a: string, b: string): boolean => resolve(a) === resolve(b);

/**
 * Copies the live database to `dest` with SQLite's backup API. The copy is taken in one step, so
 * it is a single consistent snapshot even while the server writes; it is then switched to a
 * rollback journal so the backup is one self-contained file, and checked before it is kept.
 */
export async function backupSqlite(dbPath: string, dest: string, opts: BackupOptions = {}): Promise<SqliteBackupResult> {
  if (!existsSync(dbPath)) throw opsError('NO_DATABASE', `数据库文件不存在：${dbPath}（请先运行 yishi init）`, `No database file at ${dbPath} (run "yishi init" first)`);
  if (sameFile(dbPath, dest)) throw opsError('BACKUP_OVER_DATABASE', '备份文件不能是数据库文件本身', 'The backup file cannot be the database file itself');
  if (existsSync(dest) && !opts.force) throw opsError('BACKUP_EXISTS', `备份文件已存在：${dest}（使用 --force 覆盖）`, `The backup file already exists: ${dest} (use --force to overwrite)`);
  mkdirPrivate(dirname(resolve(dest)));

  const tmp = join(dirname(resolve(dest)), `.${basename(dest)}.partial-${process.pid}`);
  rmSync(tmp, { force: true });
  ensurePrivateFile(tmp); // 0600 before SQLite writes into it
  const src = new SQLite(dbPath, { fileMustExist: true, timeout: 5000 });
  try {
    // Returning the largest step copies every page in one read transaction: one snapshot.
    await src.backup(tmp, { progress: () => 0x7fffffff });
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    src.close();
  }

  const out = new SQLite(tmp, { fileMustExist: true });
  let info: BackupInfo;
  try {
    out.pragma('journal_mode = DELETE');
    info = inspectSqlite(out, BACKUP_FILE);
  } catch (e) {
    out.close();
    rmSync(tmp, { force: true });
    throw e;
  }
  out.close();
  fsyncFile(tmp);
  await finish(tmp, dest, opts.secret);
  return { ...info, file: dest, bytes: statSync(dest).size, encrypted: opts.secret !== undefined };
}

function openForInspection(path: string, what: What): SQLite.Database {
  try {
    return new SQLite(path, { fileMustExist: true });
  } catch (e) {
    throw opsError('NOT_A_DATABASE', `${what.zh}不是有效的SQLite数据库：${String(e)}`, `${what.en} is not a valid SQLite database: ${String(e)}`);
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `<path>.before-restore`, or `.before-restore.2`, `.3`… so an earlier one is never overwritten. */
function beforeRestoreName(dbPath: string): string {
  const base = `${dbPath}.before-restore`;
  if (!existsSync(base)) return base;
  for (let i = 2; ; i++) if (!existsSync(`${base}.${i}`)) return `${base}.${i}`;
}

/**
 * Replaces the database with a backup. Refuses while another process (a running server) has the
 * database open: leaving WAL mode needs exclusive access, so a connection that cannot leave it is
 * not alone. That switch also folds the WAL into the file, so the kept previous file is complete.
 */
export function restoreSqlite(file: string, dbPath: string): SqliteRestoreResult {
  if (sameFile(file, dbPath)) throw opsError('RESTORE_FROM_DATABASE', '备份文件不能是数据库文件本身', 'The backup file cannot be the database file itself');
  if (!existsSync(file)) throw opsError('NO_BACKUP', `备份文件不存在：${file}`, `No backup file at ${file}`);
  mkdirPrivate(dirname(resolve(dbPath)));

  // Stage the copy next to the database so the final step is an atomic rename on one file system.
  const staged = `${dbPath}.restore-${process.pid}`;
  copyFileSync(file, staged);
  tightenExisting([staged]); // a copy takes the backup's mode; the database is 0600
  let info: BackupInfo;
  try {
    // Checked on the staged copy: the backup file itself is never opened for writing.
    const db = openForInspection(staged, BACKUP_FILE);
    try {
      db.pragma('journal_mode = DELETE');
      info = inspectSqlite(db, BACKUP_FILE);
    } finally {
      db.close();
    }
    fsyncFile(staged);
  } catch (e) {
    for (const f of [staged, `${staged}-wal`, `${staged}-shm`, `${staged}-journal`]) rmSync(f, { force: true });
    throw e;
  }

  let previous: string | null = null;
  try {
    if (existsSync(dbPath)) {
      const current = new SQLite(dbPath, { fileMustExist: true, timeout: 0 });
      try {
        current.pragma('journal_mode = DELETE');
      } catch (e) {
        const busy = (e as { code?: string }).code === 'SQLITE_BUSY';
        throw busy
          ? opsError('DATABASE_IN_USE', `数据库正在被其他进程使用（服务是否仍在运行？），请先停止服务再恢复：${dbPath}`, `The database is in use by another process (is the server running?); stop it before restoring: ${dbPath}`)
          : e;
      } finally {
        current.close();
      }
      previous = beforeRestoreName(dbPath);
      renameSync(dbPath, previous);
    }
    for (const f of [`${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`]) rmSync(f, { force: true });
    renameSync(staged, dbPath);
  } catch (e) {
    rmSync(staged, { force: true });
    throw e;
  }

  // Back to the mode the server runs in.
  const restored = new SQLite(dbPath, { fileMustExist: true });
  try {
    restored.pragma('journal_mode = WAL');
  } finally {
    restored.close();
  }
  return { ...info, previous };
}

// ---------------------------------------------------------------- PostgreSQL

/** Whether a PostgreSQL client program (pg_dump, pg_restore) can be run from PATH. */
export function hasPgTool(tool: 'pg_dump' | 'pg_restore'): boolean {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

/** The URL without its password, and the password for PGPASSWORD. */
function splitPassword(databaseUrl: string): { url: string; password: string | undefined } {
  const u = new URL(databaseUrl);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), password };
}

/** The database name in a postgres:// URL. */
export function pgDatabaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  return name || 'postgres';
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

async function withPgClient<T>(databaseUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The schema the server works in: the first one on the connection's search path (normally public). */
export function pgAppSchema(databaseUrl: string): Promise<string> {
  return withPgClient(databaseUrl, async (c) => {
    const r = await c.query<{ s: string | null }>('select current_schema() as s');
    const s = r.rows[0]?.s;
    if (!s) throw opsError('NO_SCHEMA', '连接的搜索路径中没有可用的模式（schema）', 'The connection has no usable schema on its search path');
    return s;
  });
}

/** The exact commands an operator can run by hand (shown when the tools are missing). */
export function pgCommands(databaseUrl: string, file: string, schema = 'public'): { dump: string; restore: string } {
  const { url } = splitPassword(databaseUrl);
  return {
    dump: `PGPASSWORD=… pg_dump --format=custom --schema=${schema} --file='${file}' --dbname='${url}'`,
    restore: `PGPASSWORD=… pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname='${url}' '${file}'`,
  };
}

function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], databaseUrl: string): string {
  const { password } = splitPassword(databaseUrl);
  const env = { ...process.env, ...(password !== undefined ? { PGPASSWORD: password } : {}) };
  const r = spawnSync(tool, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw opsError('PG_TOOL_FAILED', `无法运行 ${tool}：${r.error.message}`, `Cannot run ${tool}: ${r.error.message}`);
  if (r.status !== 0) {
    const msg = (r.stderr || r.stdout).trim();
    throw opsError('PG_TOOL_FAILED', `${tool} 执行失败（退出码 ${r.status ?? 'signal'}）：${msg}`, `${tool} failed (exit code ${r.status ?? 'signal'}): ${msg}`);
  }
  return r.stdout;
}

function requirePgTool(tool: 'pg_dump' | 'pg_restore', databaseUrl: string, file: string): void {
  if (hasPgTool(tool)) return;
  const cmd = tool === 'pg_dump' ? pgCommands(databaseUrl, file).dump : pgCommands(databaseUrl, file).restore;
  throw opsError(
    'PG_TOOL_MISSING',
    `未找到 ${tool}（请安装与服务器版本一致的 PostgreSQL 客户端），或手动运行：\n  ${cmd}`,
    `${tool} is not on PATH (install the PostgreSQL client matching the server's version), or run by hand:\n  ${cmd}`,
  );
}

export interface PgDumpInfo {
  /** The schema the dump holds. */
  schema: string;
  /** Whether the dump creates the schema itself (a dump made with --schema does). */
  createsSchema: boolean;
}

/** Checks that a custom-format dump holds a Yishi database and says which schema it holds. */
export function inspectPgDump(file: string, databaseUrl: string): PgDumpInfo {
  if (!existsSync(file)) throw opsError('NO_BACKUP', `备份文件不存在：${file}`, `No backup file at ${file}`);
  requirePgTool('pg_restore', databaseUrl, file);
  let toc: string;
  try {
    toc = runPgTool('pg_restore', ['--list', file], databaseUrl);
  } catch {
    throw opsError('NOT_A_DUMP', `不是 pg_dump 自定义格式的备份文件：${file}`, `Not a pg_dump custom-format backup: ${file}`);
  }
  const schemas = new Set([...toc.matchAll(/\bTABLE DATA (\S+) audit_log\b/g)].map((m) => m[1] ?? ''));
  const [schema] = [...schemas];
  if (schemas.size !== 1 || !schema) {
    throw opsError('NOT_YISHI_DATABASE', '备份文件不是议事平台的数据库（缺少审计日志表）', 'The backup is not a Yishi database (no audit log table)');
  }
  for (const t of ['kysely_migration', 'audit_head']) {
    if (!toc.includes(`TABLE DATA ${schema} ${t} `)) {
      throw opsError('NOT_YISHI_DATABASE', `备份文件不是议事平台的数据库（缺少表 ${t}）`, `The backup is not a Yishi database (table ${t} is missing)`);
    }
  }
  return { schema, createsSchema: toc.includes(` SCHEMA - ${schema} `) };
}

/** A custom-format dump of the server's schema (`yishi restore` reads it back). */
export async function backupPostgres(databaseUrl: string, dest: string, opts: BackupOptions = {}): Promise<{ file: string; bytes: number; schema: string; encrypted: boolean }> {
  if (existsSync(dest) && !opts.force) throw opsError('BACKUP_EXISTS', `备份文件已存在：${dest}（使用 --force 覆盖）`, `The backup file already exists: ${dest} (use --force to overwrite)`);
  requirePgTool('pg_dump', databaseUrl, dest);
  const schema = await pgAppSchema(databaseUrl);
  mkdirPrivate(dirname(resolve(dest)));
  const tmp = join(dirname(resolve(dest)), `.${basename(dest)}.partial-${process.pid}`);
  rmSync(tmp, { force: true });
  ensurePrivateFile(tmp); // pg_dump truncates it and keeps its 0600 mode
  try {
    runPgTool('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${tmp}`, `--dbname=${splitPassword(databaseUrl).url}`], databaseUrl);
    inspectPgDump(tmp, databaseUrl);
    await finish(tmp, dest, opts.secret);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { file: dest, bytes: statSync(dest).size, schema, encrypted: opts.secret !== undefined };
}

/** Other sessions connected to the same database: a running server shows up here. */
export function otherPgSessions(databaseUrl: string): Promise<number> {
  return withPgClient(databaseUrl, async (c) => {
    const r = await c.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return Number(r.rows[0]?.n ?? 0);
  });
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '_');
}

/**
 * Restores a dump into the server's schema. The current schema is renamed aside first
 * (`<schema>_before_restore_<UTC time>`, kept like SQLite's `.before-restore` file) and the dump
 * goes into a fresh one in a single transaction, so tables a later migration added cannot get in
 * the way; if pg_restore fails, the new schema is dropped and the old one renamed back.
 * Refuses while other sessions are connected unless `force` is given.
 */
export async function restorePostgres(databaseUrl: string, file: string, opts: { force?: boolean } = {}): Promise<{ schema: string; previous: string }> {
  const dump = inspectPgDump(file, databaseUrl);
  await ensurePgDatabase(databaseUrl); // restoring onto a new server needs no `yishi init` first
  const schema = await pgAppSchema(databaseUrl);
  if (dump.schema !== schema) {
    throw opsError(
      'SCHEMA_MISMATCH',
      `备份文件中的模式是 ${dump.schema}，而服务使用的模式是 ${schema}`,
      `The backup holds schema ${dump.schema}, but the server works in schema ${schema}`,
    );
  }
  const others = await otherPgSessions(databaseUrl);
  if (others > 0 && !opts.force) {
    throw opsError(
      'DATABASE_IN_USE',
      `数据库 ${pgDatabaseName(databaseUrl)} 还有 ${others} 个其他连接（服务是否仍在运行？），请先停止服务，或使用 --force`,
      `Database ${pgDatabaseName(databaseUrl)} has ${others} other connection(s) (is the server running?); stop it first, or use --force`,
    );
  }
  const previous = `${schema}_before_restore_${stamp()}`.slice(0, 63);
  await withPgClient(databaseUrl, async (c) => {
    await c.query('begin');
    await c.query(`alter schema ${quoteIdent(schema)} rename to ${quoteIdent(previous)}`);
    if (!dump.createsSchema) await c.query(`create schema ${quoteIdent(schema)}`);
    await c.query('commit');
  });
  try {
    runPgTool('pg_restore', ['--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${splitPassword(databaseUrl).url}`, file], databaseUrl);
  } catch (e) {
    await withPgClient(databaseUrl, async (c) => {
      await c.query('begin');
      await c.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
      await c.query(`alter schema ${quoteIdent(previous)} rename to ${quoteIdent(schema)}`);
      await c.query('commit');
    });
    if (!(e instanceof DomainError)) throw e;
    throw opsError('RESTORE_FAILED', `恢复失败，数据库保持原样。${e.messageZh}`, `The restore failed; the database is unchanged. ${e.messageEn}`);
  }
  return { schema, previous };
}

/** `yishi init` on PostgreSQL: creates the database named in the URL when it does not exist yet. */
export async function ensurePgDatabase(databaseUrl: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    await probe.end();
    return false;
  } catch (e) {
    await probe.end().catch(() => undefined);
    if ((e as { code?: string }).code !== '3D000') throw e; // anything but "database does not exist"
  }
  const name = pgDatabaseName(databaseUrl);
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/.test(name)) {
    throw opsError('BAD_DATABASE_NAME', `无法自动创建数据库：名称 ${name} 含有不支持的字符，请手动创建`, `Cannot create the database automatically: the name ${name} has unsupported characters; create it by hand`);
  }
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  await withPgClient(admin.toString(), (c) => c.query(`create database ${quoteIdent(name)}`));
  return true;
}

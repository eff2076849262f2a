// What the CLI tests share: the command run as a real child process against a database of its own
// (a SQLite file in a temporary directory, or, when DATABASE_URL is set, a temporary PostgreSQL
// database on the same server, dropped afterwards).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../server/platform/config.ts';
import { openDb } from '../server/platform/db.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const FIXTURE = loadConfig().fixturePath;
export const BASE_URL = process.env.DATABASE_URL || undefined;
export const dir = mkdtempSync(join(tmpdir(), 'yishi-cli-'));
const databases: string[] = [];

export interface Target {
  env: NodeJS.ProcessEnv;
  sqlitePath: string;
  databaseUrl: string | undefined;
}

/** A database no one else uses: a new SQLite path, or a new PostgreSQL database name. */
export function freshTarget(): Target {
  const name = `yishi_cli_${randomBytes(5).toString('hex')}`;
  const sqlitePath = join(dir, `${name}.sqlite`);
  if (!BASE_URL) return { env: { DATABASE_URL: '', YISHI_SQLITE_PATH: sqlitePath }, sqlitePath, databaseUrl: undefined };
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  databases.push(name);
  return { env: { DATABASE_URL: u.toString(), YISHI_SQLITE_PATH: sqlitePath }, sqlitePath, databaseUrl: u.toString() };
}

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!BASE_URL) return;
  const c = new pg.Client({ connectionString: BASE_URL });
  await c.connect();
  for (const name of databases) await c.query(`drop database if exists "${name}" with (force)`);
  await c.end();
});

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(target: Target, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const base: NodeJS.ProcessEnv = { ...process.env, YISHI_DEMO_PASSWORD: '', YISHI_ADMIN_PASSWORD: '', ...target.env, ...env };
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env: base, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

export function ok(r: Run): Run {
  assert.equal(r.code, 0, `exit code 0 expected\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r;
}

export const TABLES = ['congresses', 'terms', 'bodies', 'people', 'memberships', 'users', 'role_grants', 'rules_profiles', 'audit_log'] as const;

/** Opens the target's database in this process for a moment (closed again, so nothing holds it). */
export async function withTarget<T>(t: Target, fn: (db: ReturnType<typeof openDb>['db']) => Promise<T>): Promise<T> {
  const h = openDb({ databaseUrl: t.databaseUrl, sqlitePath: t.sqlitePath, poolSize: 1 });
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}

export type Counts = Record<(typeof TABLES)[number], number>;

export function counts(t: Target): Promise<Counts> {
  return withTarget(t, async (db) => {
    const res = Object.fromEntries(TABLES.map((name) => [name, 0])) as Counts;
    for (const name of TABLES) res[name] = (await db.selectFrom(name).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    return res;
  });
}

/** Everything a restore must bring back exactly: users and the audit chain's head. */
export function snapshot(t: Target) {
  return withTarget(t, async (db) => ({
    counts: await counts(t),
    users: await db.selectFrom('users').select(['id', 'username', 'password_hash', 'is_superadmin']).orderBy('id').execute(),
    head: await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow(),
  }));
}

export const passwordIn = (stdout: string): string | undefined => /\(shown once[^)]*\): (\S+)/.exec(stdout)?.[1];

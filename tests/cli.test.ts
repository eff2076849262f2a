// The operator CLI, run as real child processes against a database of its own: a SQLite file in a
// temporary directory, or, when DATABASE_URL is set, a temporary PostgreSQL database on the same
// server (created by `yishi init`, dropped afterwards).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { verifyPassword } from '../server/platform/auth/password.ts';
import { hasPgTool } from '../server/platform/backup.ts';
import { loadConfig } from '../server/platform/config.ts';
import { openDb } from '../server/platform/db.ts';
import { latestMigration } from '../server/platform/migrate.ts';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURE = loadConfig().fixturePath;
const BASE_URL = process.env.DATABASE_URL || undefined;
const dir = mkdtempSync(join(tmpdir(), 'yishi-cli-'));
const databases: string[] = [];

interface Target {
  env: NodeJS.ProcessEnv;
  sqlitePath: string;
  databaseUrl: string | undefined;
}

/** A database no one else uses: a new SQLite path, or a new PostgreSQL database name. */
function freshTarget(): Target {
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

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(target: Target, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
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

function ok(r: Run): Run {
  assert.equal(r.code, 0, `exit code 0 expected\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r;
}

const TABLES = ['congresses', 'terms', 'bodies', 'people', 'memberships', 'users', 'role_grants', 'rules_profiles', 'audit_log'] as const;

/** Opens the target's database in this process for a moment (closed again, so nothing holds it). */
async function withTarget<T>(t: Target, fn: (db: ReturnType<typeof openDb>['db']) => Promise<T>): Promise<T> {
  const h = openDb({ databaseUrl: t.databaseUrl, sqlitePath: t.sqlitePath, poolSize: 1 });
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}

type Counts = Record<(typeof TABLES)[number], number>;

function counts(t: Target): Promise<Counts> {
  return withTarget(t, async (db) => {
    const res = Object.fromEntries(TABLES.map((name) => [name, 0])) as Counts;
    for (const name of TABLES) res[name] = (await db.selectFrom(name).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    return res;
  });
}

/** Everything a restore must bring back exactly: users and the audit chain's head. */
function snapshot(t: Target) {
  return withTarget(t, async (db) => ({
    counts: await counts(t),
    users: await db.selectFrom('users').select(['id', 'username', 'password_hash', 'is_superadmin']).orderBy('id').execute(),
    head: await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow(),
  }));
}

const passwordIn = (stdout: string): string | undefined => /\(shown once[^)]*\): (\S+)/.exec(stdout)?.[1];

// One database shared by the tests below, in order: init → import → create-admin → verify → backup/restore.
const main = freshTarget();

void test('init creates the database and migrates it to the latest level; a second init changes nothing', async () => {
  const r = ok(await cli(main, ['init']));
  assert.match(r.stdout, /created the database/);
  assert.match(r.stdout, new RegExp(`migration level: ${latestMigration}`));
  const again = ok(await cli(main, ['init']));
  assert.match(again.stdout, /the database exists/);
  assert.deepEqual(await counts(main), Object.fromEntries(TABLES.map((t) => [t, 0])));
});

void test('import loads the fixture and prints the generated demo password once; a second run changes nothing', async () => {
  const first = ok(await cli(main, ['import', FIXTURE]));
  assert.match(first.stdout, /Imported \d+ records/);
  const password = passwordIn(first.stdout);
  assert.ok(password, `a demo password is printed:\n${first.stdout}`);
  const afterFirst = await counts(main);
  assert.equal(afterFirst.congresses, 2);
  assert.equal(afterFirst.users, 43); // m01…m41, admin, office
  const adminHash = await withTarget(main, async (db) => (await db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow()).password_hash);
  assert.ok(await verifyPassword(adminHash, password), 'the printed password is the demo accounts’ password');

  const second = ok(await cli(main, ['import', FIXTURE]));
  assert.match(second.stdout, /Nothing changed/);
  assert.equal(passwordIn(second.stdout), undefined, 'no password the second time');
  assert.deepEqual(await counts(main), afterFirst, 'row counts, the audit log included, are unchanged');
});

void test('import of a file that is not a fixture fails with a message in both languages', async () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"congress": 1}');
  const r = await cli(main, ['import', bad]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /错误：导入文件格式不符/);
  assert.match(r.stderr, /Error: The import file does not match/);
});

void test('create-admin creates an audited installation admin and refuses a taken username', async () => {
  const before = await counts(main);
  ok(await cli(main, ['create-admin', '--username', 'root', '--password', 'install-2026-pass']));
  const user = await withTarget(main, (db) => db.selectFrom('users').selectAll().where('username', '=', 'root').executeTakeFirstOrThrow());
  assert.equal(user.is_superadmin, 1);
  assert.ok(await verifyPassword(user.password_hash, 'install-2026-pass'));
  const entry = await withTarget(main, (db) => db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());
  assert.equal(entry.action, 'user.superadmin_created');
  assert.equal(entry.target_id, user.id);
  assert.equal((await counts(main)).audit_log, before.audit_log + 1);

  const taken = await cli(main, ['create-admin', '--username', 'root', '--password', 'other-2026-pass']);
  assert.equal(taken.code, 1);
  assert.match(taken.stderr, /该用户名已被使用/);
  assert.match(taken.stderr, /That username is taken/);
  const demoAdmin = await cli(main, ['create-admin', '--username', 'admin', '--password', 'other-2026-pass']);
  assert.equal(demoAdmin.code, 1, 'the demo "admin" exists too');

  const weak = await cli(main, ['create-admin', '--username', 'root2', '--password', 'short']);
  assert.equal(weak.code, 1);
  assert.match(weak.stderr, /A password must be 10 to 200 characters long/);
  assert.equal((await counts(main)).users, before.users + 1);
});

void test('create-admin takes the password from YISHI_ADMIN_PASSWORD, or prints a random one once', async () => {
  ok(await cli(main, ['create-admin', '--username', 'ops', '--display-name', '运维'], { YISHI_ADMIN_PASSWORD: 'from-env-2026-x' }));
  const random = ok(await cli(main, ['create-admin', '--username', 'ops2']));
  const printed = passwordIn(random.stdout);
  assert.ok(printed, random.stdout);
  const users = await withTarget(main, (db) => db.selectFrom('users').select(['username', 'password_hash', 'display_name']).where('username', 'in', ['ops', 'ops2']).orderBy('username').execute());
  const [ops, ops2] = users;
  assert.ok(ops && ops2);
  assert.equal(ops.display_name, '运维');
  assert.ok(await verifyPassword(ops.password_hash, 'from-env-2026-x'));
  assert.ok(await verifyPassword(ops2.password_hash, printed));
});

void test('audit verify reports an intact chain with its length', async () => {
  const r = ok(await cli(main, ['audit', 'verify']));
  const n = (await counts(main)).audit_log;
  assert.ok(n >= 4);
  assert.match(r.stdout, new RegExp(`^ok: ${n} entries$`, 'm'));
});

const pgTools = BASE_URL ? hasPgTool('pg_dump') && hasPgTool('pg_restore') : true;

void test('backup then restore brings back exactly the backed-up data', { skip: !pgTools && 'pg_dump/pg_restore are not on PATH' }, async () => {
  const file = join(dir, BASE_URL ? 'yishi.dump' : 'yishi-backup.sqlite');
  const before = await snapshot(main);
  const b = ok(await cli(main, ['backup', file]));
  assert.match(b.stdout, /backed up/);
  assert.ok(existsSync(file));
  const refused = await cli(main, ['backup', file]);
  assert.equal(refused.code, 1, 'an existing backup is not overwritten without --force');
  assert.match(refused.stderr, /--force/);

  // Changes after the backup: the restore must undo them.
  ok(await cli(main, ['create-admin', '--username', 'after-backup', '--password', 'after-2026-pass']));
  assert.notDeepEqual((await snapshot(main)).counts, before.counts);

  const r = ok(await cli(main, ['restore', file]));
  assert.match(r.stdout, /restored/);
  assert.match(r.stdout, /audit chain ok/);
  assert.deepEqual(await snapshot(main), before);
  ok(await cli(main, ['audit', 'verify']));

  if (BASE_URL) {
    const previous = /kept in schema: (\S+)/.exec(r.stdout)?.[1];
    assert.match(previous ?? '', /^public_before_restore_\d{8}_\d{6}$/);
    const kept = await withTarget(main, (db) => sql<{ n: number }>`select count(*) as n from ${sql.id(previous!, 'users')} where username = 'after-backup'`.execute(db));
    assert.equal(kept.rows[0]?.n, 1, 'the replaced data is kept aside');
  } else {
    assert.match(r.stdout, /kept as: .*\.before-restore/);
    const kept = new SQLite(`${main.sqlitePath}.before-restore`, { readonly: true });
    try {
      assert.equal(kept.prepare("select count(*) from users where username = 'after-backup'").pluck().get(), 1, 'the replaced database is kept');
    } finally {
      kept.close();
    }
  }
});

void test('backups are 0600; an encrypted backup holds no clear text of a known record, restores, and refuses a wrong secret', { skip: !pgTools && 'pg_dump/pg_restore are not on PATH' }, async () => {
  const probe = 'sealed-probe-7c1f';
  const probeName = '加密备份探针甲乙丙';
  ok(await cli(main, ['create-admin', '--username', probe, '--display-name', probeName, '--password', 'probe-2026-pass']));
  const ext = BASE_URL ? 'dump' : 'sqlite';
  const mode = (f: string) => (statSync(f).mode & 0o777).toString(8);

  const clear = join(dir, `clear.${ext}`);
  ok(await cli(main, ['backup', clear]));
  assert.equal(mode(clear), '600');
  if (!BASE_URL) assert.ok(readFileSync(clear).includes(Buffer.from(probe)), 'a clear SQLite backup shows the record (the check below can fail)');

  const sealed = join(dir, `sealed.${ext}.enc`);
  const b = ok(await cli(main, ['backup', sealed, '--encrypt']));
  assert.match(b.stdout, /sealed with the field key [0-9a-f]{8}/);
  assert.equal(mode(sealed), '600');
  const bytes = readFileSync(sealed);
  assert.ok(bytes.subarray(0, 22).toString('latin1') === 'YISHI-BACKUP-SEALED/1\n');
  for (const clearText of [probe, probeName, 'SQLite format 3', 'PGDMP', 'audit_log']) assert.equal(bytes.includes(Buffer.from(clearText)), false, `no "${clearText}" in the encrypted backup`);

  const before = await snapshot(main);
  ok(await cli(main, ['create-admin', '--username', 'after-sealed', '--password', 'after-2026-pass']));
  const r = ok(await cli(main, ['restore', sealed]));
  assert.match(r.stdout, /opened the encrypted backup/);
  assert.match(r.stdout, /audit chain ok/);
  assert.deepEqual(await snapshot(main), before);
  if (!BASE_URL) assert.equal(mode(main.sqlitePath), '600');
  ok(await cli(main, ['audit', 'verify']));

  // A passphrase instead of the field key: needed to restore, and a wrong one is refused.
  const withPass = join(dir, `pass.${ext}.enc`);
  const pass = { YISHI_BACKUP_PASSPHRASE: 'correct horse battery staple' };
  assert.match(ok(await cli(main, ['backup', withPass, '--encrypt'], pass)).stdout, /sealed with the passphrase/);
  assert.equal(readFileSync(withPass).includes(Buffer.from(probe)), false);
  const noPass = await cli(main, ['restore', withPass]);
  assert.equal(noPass.code, 1);
  assert.match(noPass.stderr, /YISHI_BACKUP_PASSPHRASE/);
  const wrong = await cli(main, ['restore', withPass], { YISHI_BACKUP_PASSPHRASE: 'wrong horse battery staple' });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /口令错误/);
  assert.match(wrong.stderr, /wrong passphrase/);
  ok(await cli(main, ['restore', withPass], pass));
  assert.deepEqual(await snapshot(main), before);
  const weak = await cli(main, ['backup', join(dir, 'weak.enc'), '--encrypt'], { YISHI_BACKUP_PASSPHRASE: 'short' });
  assert.equal(weak.code, 1);

  // One changed byte in the middle: refused, and the database is left alone.
  const damaged = join(dir, 'damaged.enc');
  const copy = Buffer.from(bytes);
  const middle = Math.floor(copy.length / 2);
  copy[middle] = (copy[middle] ?? 0) ^ 1;
  writeFileSync(damaged, copy);
  const bad = await cli(main, ['restore', damaged]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /the file is damaged/);
  assert.deepEqual(await snapshot(main), before);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.opened-') || f.includes('.partial-') || f.includes('.sealed')), [], 'no clear copy is left behind');
});

void test('restore refuses a file that is not a backup and leaves the database alone', async () => {
  const junk = join(dir, 'junk.bin');
  writeFileSync(junk, randomBytes(8192));
  const before = await snapshot(main);
  const r = await cli(main, ['restore', junk]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^错误：/m);
  assert.match(r.stderr, /^Error: /m);
  assert.deepEqual(await snapshot(main), before);
});

void test('SQLite: backup works while the database is open elsewhere; restore refuses until it is closed', { skip: BASE_URL ? 'SQLite only' : false }, async () => {
  const file = join(dir, 'online.sqlite');
  const server = new SQLite(main.sqlitePath); // stands in for a running server
  try {
    server.pragma('journal_mode = WAL');
    server.prepare("update congresses set name_en = 'Hebi' where slug = 'hebi'").run(); // sits in the WAL
    ok(await cli(main, ['backup', file]));
    const copy = new SQLite(file, { readonly: true });
    try {
      assert.equal(copy.prepare("select name_en from congresses where slug = 'hebi'").pluck().get(), 'Hebi', 'the copy includes what is still in the WAL');
    } finally {
      copy.close();
    }
    const r = await cli(main, ['restore', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /数据库正在被其他进程使用/);
    assert.match(r.stderr, /in use by another process/);
  } finally {
    server.close();
  }
  ok(await cli(main, ['restore', file]));
});

void test('PostgreSQL: restore refuses while other sessions are connected, unless --force', { skip: !BASE_URL ? 'PostgreSQL only' : !pgTools && 'no pg tools' }, async () => {
  const file = join(dir, 'busy.dump');
  ok(await cli(main, ['backup', file]));
  const other = new pg.Client({ connectionString: main.databaseUrl });
  await other.connect();
  try {
    const r = await cli(main, ['restore', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /other connection/);
  } finally {
    await other.end();
  }
  ok(await cli(main, ['restore', file]));
});

void test('PostgreSQL: a table added after the backup (a later migration) does not get in the way of a restore', { skip: !BASE_URL ? 'PostgreSQL only' : !pgTools && 'no pg tools' }, async () => {
  const file = join(dir, 'older.dump');
  ok(await cli(main, ['backup', file]));
  const before = await snapshot(main);
  await withTarget(main, (db) => sql`create table later_table (user_id text not null references users(id))`.execute(db));
  ok(await cli(main, ['restore', file]));
  assert.deepEqual(await snapshot(main), before);
  const tables = await withTarget(main, (db) => sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = 'public' and table_name = 'later_table'`.execute(db));
  assert.equal(tables.rows[0]?.n, 0);
});

void test('init --demo on a new database imports the demo data; YISHI_DEMO_PASSWORD is used and not printed', async () => {
  const t = freshTarget();
  const r = ok(await cli(t, ['init', '--demo'], { YISHI_DEMO_PASSWORD: 'demo-pass-2026' }));
  assert.match(r.stdout, /Imported \d+ records/);
  assert.equal(passwordIn(r.stdout), undefined);
  const hash = await withTarget(t, async (db) => (await db.selectFrom('users').select('password_hash').where('username', '=', 'm01').executeTakeFirstOrThrow()).password_hash);
  assert.ok(await verifyPassword(hash, 'demo-pass-2026'));
  // The portal's material comes with it: Hebi's regulations and the Wei River draft under consultation.
  const content = await withTarget(t, async (db) => ({
    works: (await db.selectFrom('legislation_works').select('title').execute()).map((w) => w.title),
    consultations: (await db.selectFrom('legislation_consultations').select('id').execute()).length,
    stations: (await db.selectFrom('stations').select(['name', 'intro']).execute()),
    serviceDays: (await db.selectFrom('station_events').select('id').where('kind', '=', 'service_day').execute()).length,
  }));
  // Demonstration stations, one per county and district, each saying it is demonstration data, with service days ahead.
  assert.equal(content.stations.length, 5);
  assert.ok(content.stations.every((s) => s.name.endsWith('（演示）') && s.intro?.includes('演示数据')));
  assert.ok(content.serviceDays >= 5 * 4, String(content.serviceDays));
  assert.ok(content.works.includes('鹤壁市卫河保护条例'), content.works.join('、'));
  assert.ok(content.works.length >= 9, content.works.join('、'));
  assert.equal(content.consultations, 1);
  assert.match(ok(await cli(t, ['audit', 'verify'])).stdout, /^ok: \d+ entries$/m);
  // Adding the content again changes nothing.
  assert.match(ok(await cli(t, ['demo-content'])).stdout, /regulations: 0, .*demo stations: 0/);
});

void test('commands other than init refuse a database that does not exist; usage errors exit non-zero', async () => {
  const t = freshTarget();
  const r = await cli(t, ['audit', 'verify']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /^错误：/m);
  assert.match(r.stderr, /^Error: /m);
  if (!BASE_URL) assert.equal(existsSync(t.sqlitePath), false, 'no empty file is left behind');

  const unknown = await cli(main, ['no-such-command']);
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /usage error/);
  const help = ok(await cli(main, ['--help']));
  assert.match(help.stdout, /create-admin/);
  assert.match(help.stdout, /创建安装管理员/);
});

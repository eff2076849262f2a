// Backups and restores by the operator CLI, as real child processes against a database of their own
// (tests/cli.helpers.ts): a database initialised and loaded with the fixture, backed up, changed and restored.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { hasPgTool } from '../server/platform/backup.ts';
import { BASE_URL, FIXTURE, cli, dir, freshTarget, ok, snapshot, withTarget } from './cli.helpers.ts';

const main = freshTarget();
before(async () => {
  ok(await cli(main, ['init']));
  ok(await cli(main, ['import', FIXTURE]));
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


// The operator CLI, run as real child processes against a database of its own: a SQLite file in a
// temporary directory, or, when DATABASE_URL is set, a temporary PostgreSQL database on the same
// server (created by `yishi init`, dropped afterwards).
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyPassword } from '../server/platform/auth/password.ts';
import { latestMigration } from '../server/platform/migrate.ts';
import { BASE_URL, FIXTURE, TABLES, cli, counts, dir, freshTarget, ok, passwordIn, withTarget } from './cli.helpers.ts';


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

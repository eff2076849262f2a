// R-V8: secret means secret from everyone, the operators included. After secret polls close —
// one question, a per-person ballot where every member votes a distinct pattern, and a mixed poll
// with teller entries — no row of any table (listed from the database catalog), no audit entry
// and no server log line links a member to a choice; counts never leave the server while a poll
// is open, whoever asks.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../server/platform/db.ts';
import { openDb } from '../server/platform/db.ts';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { type Choice, type Observed, judge, linkByDifference, linkByTransaction, replayWal } from './secrecy.attacks.ts';
import { generateAuditKey } from '../server/platform/audit-anchor.ts';
import { DEMO_PASSWORD, type TestApp, dbKind, startTestApp } from './harness.ts';
import { type Member, type SeededMeeting, freshPgDatabase, http, meetingViaApi, scanDatabase, scanLogs, startServer, tokenFor } from './polls.helpers.ts';

const CHOICES = ['yes', 'no', 'abstain'] as const;
/** Member i's choices on a 5-nominee ballot: the base-3 digits of 7i+3 mod 243, distinct for every i < 243. */
const pattern = (i: number): (typeof CHOICES)[number][] => {
  let n = (7 * i + 3) % 243;
  return Array.from({ length: 5 }, () => {
    const d = n % 3;
    n = Math.floor(n / 3);
    return CHOICES[d]!;
  });
};

let t: TestApp;
let db: Db;
let mtg: SeededMeeting;
let office: string;
let admin: string;
let presiding: string;
const tok = new Map<string, string>();
const VIDEO = ['王学德', '王烁', '王景娟'];
const closedPolls: string[] = [];

before(async () => {
  t = await startTestApp();
  db = t.yishi.handle.db;
  office = await tokenFor(db, 'office');
  admin = await tokenFor(db, 'admin');
  mtg = await meetingViaApi((method, url, token, body) => t.request(method, url, { token, body }), db, office, t.hebiId, { video: VIDEO });
  for (const m of mtg.present) tok.set(m.personId, await tokenFor(db, m.username!));
  presiding = tok.get(mtg.present.find((m) => m.name === '尚欣')!.personId)!;
});
after(() => t.close());

async function ok(method: string, url: string, token: string, body?: unknown) {
  const r = await t.request(method, url, { token, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const vote = (pollId: string, m: Member, body: unknown) => ok('POST', `/api/v1/polls/${pollId}/ballots`, tok.get(m.personId)!, body);

/** While open, no API answer to anyone carries a count of choices. */
async function assertHidden(pollId: string) {
  for (const token of [office, presiding, admin, tok.get(mtg.present[5]!.personId)!]) {
    const r = await ok('GET', `/api/v1/polls/${pollId}/result`, token);
    for (const k of ['yes', 'no', 'abstain', 'notVoted', 'passed', 'candidates', 'ballots']) assert.equal(k in r, false, `${k} while open`);
    const p = await ok('GET', `/api/v1/polls/${pollId}`, token);
    assert.equal(holdsCount(p), false);
    const list = await ok('GET', `/api/v1/meetings/${mtg.meetingId}/polls`, token);
    assert.equal(holdsCount(list), false);
  }
  const audit = await ok('GET', `/api/v1/congresses/${t.hebiId}/audit?action=poll.&limit=500`, admin);
  for (const row of audit.rows) if (row.targetId === pollId) assert.equal(holdsCount(row.data), false, JSON.stringify(row));
}
const holdsCount = (v: unknown): boolean => /"(yes|no|abstain)"\s*:/.test(JSON.stringify(v)) || /"choices?"/.test(JSON.stringify(v));

void test('R-V8: a secret question, a per-person ballot of distinct patterns and a mixed poll leave no link between member and choice', async () => {
  const onsite = mtg.present.filter((m) => !VIDEO.includes(m.name));

  // 1. One question, choices spread over the three options.
  const q = await ok('POST', '/api/v1/polls', office, { meetingId: mtg.meetingId, subject: '关于批准2023年市级第一次预算调整方案的决议', kind: 'secret' });
  await ok('POST', `/api/v1/polls/${q.id}/open`, presiding);
  for (const [i, m] of mtg.present.entries()) {
    await vote(q.id, m, { choice: CHOICES[i % 3] });
    if (i === 14) await assertHidden(q.id);
  }
  await assertHidden(q.id);
  await ok('POST', `/api/v1/polls/${q.id}/close`, presiding);
  closedPolls.push(q.id);

  // 2. Five nominees on one ballot; every member's pattern of five choices is unique.
  const nominees = ['甲一', '乙二', '丙三', '丁四', '戊五'].map((name, i) => ({ name, act: 'decide_appoint', post: `某局局长${i + 1}` }));
  const pp = await ok('POST', '/api/v1/polls', office, { meetingId: mtg.meetingId, agendaItemId: mtg.items[1]!.id, subject: '人事任免', kind: 'secret', candidates: nominees });
  await ok('POST', `/api/v1/polls/${pp.id}/open`, presiding);
  const seen = new Set<string>();
  const expected = nominees.map(() => ({ yes: 0, no: 0, abstain: 0 }));
  for (const [i, m] of mtg.present.entries()) {
    const choices = pattern(i);
    assert.equal(seen.has(choices.join()), false);
    seen.add(choices.join());
    choices.forEach((c, k) => expected[k]![c]++);
    await vote(pp.id, m, { choices: pp.candidates.map((c: { id: string }, k: number) => ({ candidateId: c.id, choice: choices[k] })) });
  }
  await assertHidden(pp.id);
  const rpp = await ok('POST', `/api/v1/polls/${pp.id}/close`, presiding);
  assert.deepEqual(rpp.candidates.map((c: { yes: number; no: number; abstain: number }) => ({ yes: c.yes, no: c.no, abstain: c.abstain })), expected);
  closedPolls.push(pp.id);

  // 3. Mixed: on-site members by device, video attendees entered by a teller.
  const mx = await ok('POST', '/api/v1/polls', office, { meetingId: mtg.meetingId, subject: '混合表决', kind: 'mixed' });
  await ok('POST', `/api/v1/polls/${mx.id}/open`, presiding);
  const officeUser = (await db.selectFrom('users').select('id').where('username', '=', 'office').executeTakeFirstOrThrow()).id;
  await ok('PUT', `/api/v1/polls/${mx.id}/tellers`, presiding, { userIds: [officeUser] });
  for (const [i, m] of onsite.entries()) await vote(mx.id, m, { choice: CHOICES[(i + 1) % 3] });
  const video = mtg.present.filter((m) => VIDEO.includes(m.name));
  await ok('POST', `/api/v1/polls/${mx.id}/analog-result`, office, { entries: video.map((m, i) => ({ memberId: m.personId, choice: CHOICES[i % 3] })) });
  await assertHidden(mx.id);
  await ok('POST', `/api/v1/polls/${mx.id}/close`, presiding);
  closedPolls.push(mx.id);

  // Every table, every row.
  const report = await scanDatabase(db, dbKind, mtg.present);
  assert.ok(report.tables >= 20 && report.rows > 500, `${report.tables} tables, ${report.rows} rows scanned`);
  assert.deepEqual(report.links, [], 'no row names a voter and holds a choice');
  assert.deepEqual(report.choiceTables, [], 'choices are stored in the counters only');

  // The counters have exactly the columns of a count, and one row per question or nominee and choice: no row per ballot.
  const cols = (await allColumns(db, 'poll_tallies')).sort();
  assert.deepEqual(cols, ['candidate_key', 'choice', 'congress_id', 'n', 'poll_id']);
  const tallies = await db.selectFrom('poll_tallies').select((eb) => eb.fn.countAll<number>().as('n')).where('poll_id', 'in', closedPolls).executeTakeFirstOrThrow();
  assert.equal(tallies.n, 3 + 5 * 3 + 3);
  assert.deepEqual((await allColumns(db, 'poll_voters')).sort(), ['channel', 'congress_id', 'entered_by', 'person_id', 'poll_id'], 'who voted (and which teller entered it), never what');
  const left = await db.selectFrom('poll_sealed_ballots').select((eb) => eb.fn.countAll<number>().as('n')).where('poll_id', 'in', closedPolls).executeTakeFirstOrThrow();
  assert.equal(left.n, 0, 'the sealed ballots are gone once counted');

  // Audit entries for ballots and teller entries say who, in which poll, never what.
  const audit = await db.selectFrom('audit_log').select(['action', 'data']).where('target_id', 'in', closedPolls).execute();
  const casts = audit.filter((a) => a.action === 'poll.ballot_cast');
  assert.equal(casts.length, 30 + 30 + onsite.length);
  for (const a of casts) assert.deepEqual(JSON.parse(a.data), { channel: 'device' });
  const entered = audit.find((a) => a.action === 'poll.teller_entered');
  assert.deepEqual(JSON.parse(entered!.data), { channel: 'teller', members: video.map((m) => m.personId) });
});

/** A secret poll on the single question, every present member voting; returns who chose what. */
async function secretPollVotedBy(subject: string): Promise<{ pollId: string; truth: Map<string, Choice> }> {
  const p = await ok('POST', '/api/v1/polls', office, { meetingId: mtg.meetingId, subject, kind: 'secret' });
  await ok('POST', `/api/v1/polls/${p.id}/open`, presiding);
  const truth = new Map<string, Choice>();
  for (const [i, m] of mtg.present.entries()) {
    const c = CHOICES[(i * 7) % 3]!;
    truth.set(m.personId, c);
    await vote(p.id, m, { choice: c });
  }
  await ok('POST', `/api/v1/polls/${p.id}/close`, presiding);
  return { pollId: p.id as string, truth };
}

/** The control: tables written the way counters used to be, a voter row and a counter moved in each ballot's own transaction. */
async function oldStyleBallots(pollId: string, truth: ReadonlyMap<string, Choice>): Promise<void> {
  await sql`create table probe_voters as select * from poll_voters where 1 = 0`.execute(db);
  await sql`create table probe_tallies as select * from poll_tallies where 1 = 0`.execute(db);
  for (const c of CHOICES) await sql`insert into probe_tallies (congress_id, poll_id, candidate_key, choice, n) values (${t.hebiId}, ${pollId}, '', ${c}, 0)`.execute(db);
  for (const [person, c] of truth) {
    await db.transaction().execute(async (tx) => {
      await sql`insert into probe_voters (congress_id, poll_id, person_id, channel) values (${t.hebiId}, ${pollId}, ${person}, 'device')`.execute(tx);
      await sql`update probe_tallies set n = n + 1 where poll_id = ${pollId} and choice = ${c}`.execute(tx);
    });
  }
}
const dropProbes = () => sql`drop table if exists probe_voters; drop table if exists probe_tallies`.execute(db).catch(async () => {
  await sql`drop table if exists probe_voters`.execute(db);
  await sql`drop table if exists probe_tallies`.execute(db);
});

/** What a database snapshot shows of a poll: who has voted and the question's counters. */
const observe = (voters: string, tallies: string, pollId: string) => (s: SQLite.Database): Observed => {
  const has = (name: string) => s.prepare('select 1 from sqlite_master where name = ?').get(name) !== undefined;
  const counts: Record<Choice, number> = { yes: 0, no: 0, abstain: 0 };
  if (!has(voters) || !has(tallies)) return { voters: new Set(), counts };
  for (const r of s.prepare(`select choice, n from ${tallies} where poll_id = ? and candidate_key = ''`).all(pollId) as { choice: Choice; n: number }[]) counts[r.choice] = r.n;
  return { voters: new Set((s.prepare(`select person_id from ${voters} where poll_id = ?`).all(pollId) as { person_id: string }[]).map((r) => r.person_id)), counts };
};

void test('R-V8 (SQLite): with a reader held open across the close, replaying every WAL frame links no member to a choice', { skip: dbKind !== 'sqlite' }, async () => {
  const reader = new SQLite(t.config.sqlitePath, { readonly: true });
  reader.exec('begin');
  reader.prepare('select count(*) from polls').get(); // a backup or a long report: its snapshot pins the log
  try {
    const { pollId, truth } = await secretPollVotedBy('读者长时间占用时的无记名表决');
    assert.ok(truth.size >= 25);
    const states = replayWal(t.config.sqlitePath, observe('poll_voters', 'poll_tallies', pollId));
    assert.ok(states.length > truth.size, `every ballot's commit is still in the log (${states.length} commits)`);
    const j = judge(linkByDifference(states), truth);
    assert.equal(j.rightLinks, 0, 'no ballot linked');
    assert.ok(j.accuracy <= j.chance + 1e-9, `no better than chance: ${j.accuracy} vs ${j.chance}`);

    // Control: the same attack on counters moved in each ballot's own transaction links everyone.
    await oldStyleBallots(pollId, truth);
    const control = judge(linkByDifference(replayWal(t.config.sqlitePath, observe('probe_voters', 'probe_tallies', pollId))), truth);
    assert.equal(control.rightLinks, truth.size, 'the attack works where there is something to find');
  } finally {
    reader.exec('rollback');
    reader.close();
    await dropProbes();
  }
});

void test('R-V8 (PostgreSQL): with a snapshot held across the close, no tuple version on any page links a member to a choice', { skip: dbKind !== 'postgres' }, async () => {
  const reader = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await reader.connect();
  await reader.query('begin isolation level repeatable read');
  await reader.query('select count(*) from pg_class'); // the snapshot vacuum must keep every dead version for
  try {
    const { pollId, truth } = await secretPollVotedBy('快照长时间占用时的无记名表决');
    assert.ok(truth.size >= 25);
    const j = judge(await linkByTransaction(db, pollId, { voters: 'poll_voters', tallies: 'poll_tallies' }), truth);
    assert.equal(j.rightLinks, 0, 'no ballot linked');
    assert.ok(j.accuracy <= j.chance + 1e-9, `no better than chance: ${j.accuracy} vs ${j.chance}`);

    await oldStyleBallots(pollId, truth);
    const control = judge(await linkByTransaction(db, pollId, { voters: 'probe_voters', tallies: 'probe_tallies' }), truth);
    assert.equal(control.rightLinks, truth.size, 'the attack works where there is something to find');
  } finally {
    await reader.query('rollback');
    await reader.end();
    await dropProbes();
  }
});

void test('the scan finds a link when there is one (control)', async () => {
  const voter = mtg.present[3]!;
  await sql`create table secrecy_probe (id text, data text)`.execute(db);
  try {
    await sql`insert into secrecy_probe values (${voter.personId}, ${JSON.stringify({ pollId: closedPolls[0], choice: 'no' })})`.execute(db);
    const report = await scanDatabase(db, dbKind, mtg.present);
    assert.equal(report.links.length, 1);
    assert.deepEqual(report.choiceTables, ['secrecy_probe']);
  } finally {
    await sql`drop table secrecy_probe`.execute(db);
  }
  assert.equal(scanLogs(`{"msg":"ballot","body":{"choice":"yes"}}\n`, []).length, 1);
  assert.equal(scanLogs(`{"msg":"request","user":"${voter.username!}"}\n`, mtg.present).length, 1);
  assert.equal(scanLogs(`{"msg":"incoming request","req":{"url":"/api/v1/polls/x/ballots"}}\n`, mtg.present).length, 0);
});

async function allColumns(conn: Db, table: string): Promise<string[]> {
  if (dbKind === 'sqlite') return (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(conn)).rows.map((r) => r.name);
  return (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(conn)).rows.map((r) => r.name);
}

void test('R-V8: a real server in production mode logs no choice and no voter during a secret poll', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-secrecy-'));
  const pgTarget = process.env.DATABASE_URL ? await freshPgDatabase(process.env.DATABASE_URL) : null;
  const env: Record<string, string> = { NODE_ENV: 'production', YISHI_AUDIT_KEY: generateAuditKey(), YISHI_DEMO: '1', YISHI_DEMO_PASSWORD: DEMO_PASSWORD, YISHI_SQLITE_PATH: join(dir, 'yishi.sqlite'), DATABASE_URL: pgTarget?.url ?? '' };
  const server = await startServer(env);
  const handle = openDb({ databaseUrl: pgTarget?.url, sqlitePath: env.YISHI_SQLITE_PATH });
  try {
    const sdb = handle.db;
    const hebi = (await sdb.selectFrom('congresses').select('id').where('slug', '=', 'hebi').executeTakeFirstOrThrow()).id;
    // Staff need a second factor in production; these sessions are made directly for the test.
    const off = await tokenFor(sdb, 'office');
    const m = await meetingViaApi((method, url, token, body) => http(server.url, method, url, { token, body }), sdb, off, hebi);
    const login = await http(server.url, 'POST', '/api/v1/auth/login', { body: { username: 'office', password: DEMO_PASSWORD } });
    assert.equal(login.status, 200);
    assert.equal(login.body.user.totpEnrollmentRequired, true, 'production mode');
    const p = await http(server.url, 'POST', '/api/v1/polls', { token: off, body: { meetingId: m.meetingId, subject: '生产模式下的无记名表决', kind: 'secret' } });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    assert.equal((await http(server.url, 'POST', `/api/v1/polls/${p.body.id}/open`, { token: off })).status, 200);
    for (const [i, v] of m.present.entries()) {
      const r = await http(server.url, 'POST', `/api/v1/polls/${p.body.id}/ballots`, { token: await tokenFor(sdb, v.username!), body: { choice: CHOICES[i % 3] } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const twice = await http(server.url, 'POST', `/api/v1/polls/${p.body.id}/ballots`, { token: await tokenFor(sdb, m.present[0]!.username!), body: { choice: 'no' } });
    assert.equal(twice.status, 409);
    const closed = await http(server.url, 'POST', `/api/v1/polls/${p.body.id}/close`, { token: off });
    assert.equal(closed.status, 200);
    const c = closed.body as { yes: number; no: number; abstain: number };
    assert.equal(c.yes + c.no + c.abstain, 30);
    const logs = server.output();
    assert.match(logs, /incoming request/, 'the production logger is on');
    assert.match(logs, /\/ballots/, 'ballot requests are logged');
    assert.deepEqual(scanLogs(logs, m.present), [], 'no log line holds a choice or names a voter');
    const report = await scanDatabase(sdb, pgTarget ? 'postgres' : 'sqlite', m.present);
    assert.deepEqual(report.links, []);
  } finally {
    server.proc.kill('SIGTERM');
    await server.exited;
    await handle.close();
    await pgTarget?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});

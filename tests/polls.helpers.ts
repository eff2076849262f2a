// Helpers for the polls tests: meetings and attendance written straight into the meetings tables,
// extra members and sessions without password hashing, and a real server as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createSession } from '../server/platform/auth/sessions.ts';
import { newId, nowIso } from '../server/platform/clock.ts';
import type { Db } from '../server/platform/db.ts';
import type { AgendaItemKind, MeetingState } from '../server/platform/schema.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const FIXTURE = JSON.parse(readFileSync(resolve(ROOT, '../shared/fixtures/hebi-12th-6th-meeting.json'), 'utf8')) as {
  meeting: { attendance: { present: string[]; onLeave: string[] }; personnel: { list: { group: number; act: string; person: string; post: string }[] }; agenda: { n: number; kind: string; title: string; outcome: string }[] };
};

export interface Member {
  personId: string;
  name: string;
  userId: string | null;
  username: string | null;
}

/** The standing committee's members of a congress, in rank order, with their accounts. */
export async function scMembers(db: Db, congressId: string): Promise<Member[]> {
  const sc = await db.selectFrom('bodies').select('id').where('congress_id', '=', congressId).where('kind', '=', 'standing_committee').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .leftJoin('users', 'users.person_id', 'people.id')
    .select(['people.id as personId', 'people.name', 'users.id as userId', 'users.username'])
    .where('memberships.congress_id', '=', congressId)
    .where('memberships.body_id', '=', sc.id)
    .where('memberships.end_date', 'is', null)
    .orderBy('memberships.rank')
    .execute();
  return rows;
}

/** Adds `n` members to the standing committee, each with an account holding the member role. */
export async function addMembers(db: Db, congressId: string, n: number, prefix: string): Promise<Member[]> {
  const sc = await db.selectFrom('bodies').select('id').where('congress_id', '=', congressId).where('kind', '=', 'standing_committee').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const hash = (await db.selectFrom('users').select('password_hash').where('username', '=', 'm01').executeTakeFirstOrThrow()).password_hash;
  const out: Member[] = [];
  const at = nowIso();
  for (let i = 0; i < n; i++) {
    const personId = newId();
    const userId = newId();
    const username = `${prefix}${String(i + 1).padStart(3, '0')}`;
    const name = `${prefix}委员${i + 1}`;
    await db.insertInto('people').values({ id: personId, congress_id: congressId, name, gender: null, note: null, created_at: at }).execute();
    await db.insertInto('memberships').values({ id: newId(), congress_id: congressId, body_id: sc.id, person_id: personId, role: 'member', rank: 1000 + i, post: null, start_date: null, end_date: null }).execute();
    await db
      .insertInto('users')
      .values({ id: userId, username, person_id: personId, home_congress_id: congressId, display_name: name, password_hash: hash, is_superadmin: 0, locked: 0, totp_secret: null, totp_enabled: 0, created_at: at, password_changed_at: at })
      .execute();
    await db.insertInto('role_grants').values({ user_id: userId, congress_id: congressId, role: 'member', granted_at: at }).execute();
    out.push({ personId, name, userId, username });
  }
  return out;
}

/** A bearer token for a user, without the password round trip (argon2 is slow on purpose). */
export async function tokenFor(db: Db, username: string): Promise<string> {
  const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await createSession(db, u.id, 'bearer', null, false)).token;
}

export interface SeededMeeting {
  meetingId: string;
  congressId: string;
  items: { id: string; position: number; kind: AgendaItemKind; title: string }[];
  members: Member[];
  present: Member[];
  absent: Member[];
}

let meetingNo = 100;

/**
 * A meeting with agenda items and attendance, written into the meetings tables. `present`: the
 * fixture's 30, the first n members in rank order, or the given names; everybody else is on leave.
 */
export async function seedMeeting(
  db: Db,
  congressId: string,
  opts: {
    present?: 'fixture' | number | string[];
    video?: string[];
    state?: MeetingState;
    presiding?: string | null;
    items?: { kind: AgendaItemKind; title: string; isPublic?: boolean }[];
    isPublic?: boolean;
  } = {},
): Promise<SeededMeeting> {
  const members = await scMembers(db, congressId);
  const term = await db.selectFrom('terms').select('id').where('congress_id', '=', congressId).orderBy('number', 'desc').executeTakeFirst();
  const presentOpt = opts.present ?? 'fixture';
  const presentNames = new Set(
    presentOpt === 'fixture' ? FIXTURE.meeting.attendance.present : typeof presentOpt === 'number' ? members.slice(0, presentOpt).map((m) => m.name) : presentOpt,
  );
  const presiding = opts.presiding === undefined ? '尚欣' : opts.presiding;
  const presidingId = presiding ? (members.find((m) => m.name === presiding)?.personId ?? null) : null;
  const id = newId();
  const at = nowIso();
  meetingNo += 1;
  await db
    .insertInto('meetings')
    .values({
      id,
      congress_id: congressId,
      term_id: term?.id ?? null,
      body_id: null,
      kind: 'regular',
      number: meetingNo,
      title: `测试会议${meetingNo}`,
      date: '2023-08-24',
      place: null,
      state: opts.state ?? 'in_session',
      presiding_person_id: presidingId,
      council_date: null,
      notified_at: null,
      opened_at: at,
      closed_at: null,
      video_allowed: 1,
      checkin_code: null,
      current_agenda_item_id: null,
      created_at: at,
      series: 'standing',
      end_date: null,
      is_public: opts.isPublic === false ? 0 : 1,
      schedule: '[]',
      attendee_scope: null,
      observer_seats: 0,
      agenda_adopted_at: at,
      groups_state: 'none',
      groups_approved_by: null,
      groups_approved_at: null,
    })
    .execute();
  const itemsIn = opts.items ?? [
    { kind: 'resolution' as const, title: '关于批准2022年市级财政决算的决议（草案）' },
    { kind: 'personnel' as const, title: '人事任免事项' },
  ];
  const items = itemsIn.map((it, i) => ({ id: newId(), position: i + 1, kind: it.kind, title: it.title, isPublic: it.isPublic ?? true }));
  for (const it of items) {
    await db
      .insertInto('agenda_items')
      .values({
        id: it.id,
        congress_id: congressId,
        meeting_id: id,
        position: it.position,
        kind: it.kind,
        title: it.title,
        proposer: null,
        presenter: null,
        presenter_post: null,
        is_public: it.isPublic ? 1 : 0,
        status: 'adopted',
        outcome: 'pending',
        details: '{}',
        created_at: at,
      })
      .execute();
  }
  const video = new Set(opts.video ?? []);
  const present: Member[] = [];
  const absent: Member[] = [];
  for (const m of members) {
    const here = presentNames.has(m.name);
    (here ? present : absent).push(m);
    await db
      .insertInto('attendance')
      .values({ congress_id: congressId, meeting_id: id, person_id: m.personId, status: here ? 'present' : 'leave', mode: here ? (video.has(m.name) ? 'video' : 'onsite') : null, reason: null, recorded_at: at, recorded_by: null })
      .execute();
  }
  return { meetingId: id, congressId, items: items.map(({ isPublic: _p, ...rest }) => rest), members, present, absent };
}

export async function setAttendance(db: Db, meetingId: string, personId: string, status: 'present' | 'leave' | 'absent'): Promise<void> {
  await db.updateTable('attendance').set({ status, mode: status === 'present' ? 'onsite' : null }).where('meeting_id', '=', meetingId).where('person_id', '=', personId).execute();
}

/** Row counts of what a refused command must leave unchanged. */
export async function pollCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['polls', 'poll_candidates', 'poll_voters', 'poll_tallies', 'poll_named_choices', 'audit_log', 'outbox', 'people'] as const) {
    out[t] = (await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  }
  const sums = await db.selectFrom('poll_tallies').select((eb) => eb.fn.sum<number>('n').as('s')).executeTakeFirstOrThrow();
  out.tallySum = sums.s ?? 0;
  return out;
}

// ------------------------------------------------------------------ a real server process

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

/** A fresh PostgreSQL database on the same server, for a server process of its own; dropped afterwards. */
export async function freshPgDatabase(databaseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `yishi_polls_${randomBytes(5).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database "${name}"`);
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  /** Everything the process wrote to stdout and stderr. */
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `node --import tsx server/main.ts` and resolves once it listens. */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((res) => proc.once('exit', (code) => res(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, proc, output: () => out, exited };
}

export interface HttpRes {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field
}

export async function http(base: string, method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<HttpRes> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${base}${path}`, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep the text */
  }
  return { status: r.status, body };
}

// ------------------------------------------------------------------ the secrecy scan

const CHOICE_WORDS = new Set(['yes', 'no', 'abstain', '赞成', '反对', '弃权']);
const CHOICE_KEYS = new Set(['choice', 'choices']);

/** Every base table of the database, from its catalog. */
export async function allTables(db: Db, kind: 'sqlite' | 'postgres'): Promise<string[]> {
  if (kind === 'sqlite') {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return r.rows.map((x) => x.name);
}

export async function allRows(db: Db, table: string): Promise<Record<string, unknown>[]> {
  return (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
}

/** The strings a value holds: the value itself, or every key and leaf of the JSON it contains. */
function strings(v: unknown, out: { leaves: string[]; keys: string[] }): void {
  if (typeof v === 'string') {
    out.leaves.push(v);
    const s = v.trim();
    if (s.startsWith('{') || s.startsWith('[')) {
      try {
        strings(JSON.parse(s) as unknown, out);
      } catch {
        /* not JSON */
      }
    }
  } else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.keys.push(k);
      strings(x, out);
    }
  } else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') out.leaves.push(String(v));
}

/** Whether a row (or a log line's JSON) holds a choice: a value "yes"/"no"/"abstain" (or 赞成…) or a key "choice(s)". */
export function holdsChoice(values: unknown[]): boolean {
  const s = { leaves: [] as string[], keys: [] as string[] };
  for (const v of values) strings(v, s);
  return s.leaves.some((x) => CHOICE_WORDS.has(x)) || s.keys.some((k) => CHOICE_KEYS.has(k));
}

/** Whether it names one of the voters: a person or user id anywhere in it, or a username or name as a whole value. */
export function namesVoter(values: unknown[], ids: ReadonlySet<string>, names: ReadonlySet<string>): string | null {
  const s = { leaves: [] as string[], keys: [] as string[] };
  for (const v of values) strings(v, s);
  for (const x of [...s.leaves, ...s.keys]) {
    if (names.has(x)) return x;
    for (const id of ids) if (x.includes(id)) return id;
  }
  return null;
}

export interface ScanReport {
  tables: number;
  rows: number;
  /** Rows that name a voter and hold a choice: must be empty. */
  links: string[];
  /** Tables other than poll_tallies with rows holding a choice. */
  choiceTables: string[];
}

/** Scans every row of every table for a record that links a voter to a choice (R-V8). */
export async function scanDatabase(db: Db, kind: 'sqlite' | 'postgres', voters: readonly Member[]): Promise<ScanReport> {
  const ids = new Set(voters.flatMap((v) => [v.personId, ...(v.userId ? [v.userId] : [])]));
  const names = new Set(voters.flatMap((v) => [v.name, ...(v.username ? [v.username] : [])]));
  const report: ScanReport = { tables: 0, rows: 0, links: [], choiceTables: [] };
  for (const table of await allTables(db, kind)) {
    report.tables++;
    for (const row of await allRows(db, table)) {
      report.rows++;
      const values = Object.values(row);
      if (!holdsChoice(values)) continue;
      if (table !== 'poll_tallies' && !report.choiceTables.includes(table)) report.choiceTables.push(table);
      const who = namesVoter(values, ids, names);
      if (who) report.links.push(`${table}: ${JSON.stringify(row)} names ${who}`);
    }
  }
  return report;
}

/** Scans log text line by line: no line may hold a choice, or name a voter. */
export function scanLogs(text: string, voters: readonly Member[]): string[] {
  const ids = new Set(voters.flatMap((v) => [v.personId, ...(v.userId ? [v.userId] : [])]));
  const names = new Set(voters.flatMap((v) => [v.name, ...(v.username ? [v.username] : [])]));
  const bad: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let parsed: unknown = line;
    try {
      parsed = JSON.parse(line) as unknown;
    } catch {
      /* plain text line */
    }
    if (holdsChoice([parsed]) || /"(yes|no|abstain)"/.test(line) || namesVoter([parsed, line], ids, names)) bad.push(line);
  }
  return bad;
}

// ------------------------------------------------------------------ meetings through the meetings API

/** Any way of calling the API: the in-process harness or a real server over HTTP. */
export type Call = (method: string, url: string, token: string, body?: unknown) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are read by field

async function must(call: Call, method: string, url: string, token: string, body?: unknown) {
  const r = await call(method, url, token, body);
  if (r.status >= 300) throw new Error(`${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

/**
 * A meeting run through the meetings API as the office would: created (a special meeting, so the
 * 7-day rules do not apply), given agenda items and its presiding person, scheduled, notified,
 * attendance recorded for every member, then opened (and closed) as asked.
 */
export async function meetingViaApi(
  call: Call,
  db: Db,
  office: string,
  congressId: string,
  opts: {
    present?: 'fixture' | number | string[];
    video?: string[];
    state?: 'notified' | 'in_session' | 'closed';
    presiding?: string;
    items?: { kind: AgendaItemKind; title: string; isPublic?: boolean }[];
  } = {},
): Promise<SeededMeeting> {
  const members = await scMembers(db, congressId);
  const presentOpt = opts.present ?? 'fixture';
  const presentNames = new Set(
    presentOpt === 'fixture' ? FIXTURE.meeting.attendance.present : typeof presentOpt === 'number' ? members.slice(0, presentOpt).map((m) => m.name) : presentOpt,
  );
  const video = new Set(opts.video ?? []);
  const m = await must(call, 'POST', '/api/v1/meetings', office, { congressId, kind: 'special', date: '2023-08-24', videoAllowed: true });
  const id = m.id as string;
  const itemsIn = opts.items ?? [
    { kind: 'resolution' as const, title: '关于批准2022年市级财政决算的决议（草案）' },
    { kind: 'personnel' as const, title: '人事任免事项' },
  ];
  const items: SeededMeeting['items'] = [];
  for (const it of itemsIn) {
    const r = await must(call, 'POST', `/api/v1/meetings/${id}/agenda-items`, office, { kind: it.kind, title: it.title, isPublic: it.isPublic ?? true });
    items.push({ id: r.id as string, position: r.position as number, kind: it.kind, title: it.title });
  }
  const presiding = members.find((x) => x.name === (opts.presiding ?? '尚欣'));
  if (presiding) await must(call, 'PUT', `/api/v1/meetings/${id}/presiding`, office, { personId: presiding.personId });
  await must(call, 'POST', `/api/v1/meetings/${id}/schedule`, office, { councilDate: '2023-08-20', videoAllowed: true });
  await must(call, 'POST', `/api/v1/meetings/${id}/notify`, office);
  const present: Member[] = [];
  const absent: Member[] = [];
  for (const x of members) {
    const here = presentNames.has(x.name);
    (here ? present : absent).push(x);
    await must(call, 'POST', `/api/v1/meetings/${id}/attendance`, office, here ? { personId: x.personId, status: 'present', mode: video.has(x.name) ? 'video' : 'onsite' } : { personId: x.personId, status: 'leave', reason: '因公请假' });
  }
  const state = opts.state ?? 'in_session';
  if (state !== 'notified') await must(call, 'POST', `/api/v1/meetings/${id}/open`, office);
  if (state === 'closed') await must(call, 'POST', `/api/v1/meetings/${id}/close`, office);
  return { meetingId: id, congressId, items, members, present, absent };
}

/** recordAttendance through the API: a member leaves, or signs in late. */
export async function attendanceViaApi(call: Call, office: string, meetingId: string, personId: string, status: 'present' | 'leave' | 'absent'): Promise<void> {
  await must(call, 'POST', `/api/v1/meetings/${meetingId}/attendance`, office, status === 'present' ? { personId, status, mode: 'onsite' } : { personId, status, reason: '临时离会' });
}

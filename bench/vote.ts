// A hall votes: N members cast a secret ballot over HTTP while M screens watch over WebSocket.
//
//   npm run bench:vote -- [--voters 3000] [--watchers 10000] [--db sqlite|postgres] [--window 10]
//                         [--watcher-procs 2] [--refetch 0.01] [--no-warmup] [--cpu-prof <dir>]
//
// One server process (`node --import tsx server/main.ts`) on a fresh database: a temporary SQLite
// file, or a PostgreSQL database created for the run and dropped afterwards (DATABASE_URL names
// the server to use, default postgres://postgres@127.0.0.1:5432/test). REDIS_URL in the
// environment makes the server share events through Redis, as in production with several processes.
//
// Setup writes the congress, N members with accounts and sessions, and a meeting in session with
// everyone present straight into the database (fast); the poll is created, opened, voted and closed
// through the real HTTP API. Each voter casts one ballot at a random moment within the window (a
// hall votes over several seconds), on keep-alive connections. Watchers are WebSocket clients
// (member sessions) in child processes, subscribed to the meeting; they record when the poll's
// "changed" notice arrives after the close, and a share of them refetch the result.
//
// File descriptors: the server holds one per watcher plus the HTTP connections. The server and
// the watcher processes are started through `sh -c 'ulimit -n <hard limit>'`, which raises their
// soft limit as far as the hard limit allows; if the hard limit is below what the run needs, the
// script says so (raise it with `ulimit -Hn` as root or in limits.conf).
import { type ChildProcess, execSync, fork, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { DEFAULT_PROFILE } from '../server/modules/congress/profile.presets.ts';
import { newId, nowIso } from '../server/platform/clock.ts';
import { openDb } from '../server/platform/db.ts';
import { migrateToLatest } from '../server/platform/migrate.ts';

const now = (): number => performance.timeOrigin + performance.now(); // wall clock in ms, sub-ms, same base in every process
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

// ---- watcher child process ---------------------------------------------------------------------

interface WatcherInit {
  url: string;
  tokens: string[];
  congressId: string;
  meetingId: string;
  refetchEvery: number; // every k-th socket refetches the result after the notice (0: none)
  httpBase: string;
}
type ToWatcher = { cmd: 'init'; init: WatcherInit } | { cmd: 'arm'; pollId: string } | { cmd: 'collect'; timeoutMs: number } | { cmd: 'exit' };
type FromWatcher =
  | { type: 'ready'; connected: number; failed: number; ms: number }
  | { type: 'armed' }
  | { type: 'result'; arrivals: number[]; missing: number; noticesBeforeArm: number; refetchMs: number[]; refetchBad: number; closedEarly: number };

async function watcherProcess(): Promise<void> {
  const send = (m: FromWatcher): void => {
    process.send?.(m);
  };
  const init = await new Promise<WatcherInit>((resolve) => {
    process.once('message', (m: ToWatcher) => {
      if (m.cmd === 'init') resolve(m.init);
    });
  });
  const n = init.tokens.length;
  const arrivals = new Float64Array(n).fill(Number.NaN);
  const refetchMs: number[] = [];
  let refetchBad = 0;
  let armedFor: string | null = null;
  let noticesBeforeArm = 0;
  let closedEarly = 0;
  const sockets: WebSocket[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let pendingRefetch = 0;

  const refetch = (i: number, pollId: string): void => {
    pendingRefetch++;
    const t0 = now();
    const req = http.get(`${init.httpBase}/api/v1/polls/${pollId}/result`, { agent, headers: { authorization: `Bearer ${init.tokens[i]}` } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        refetchMs.push(now() - t0);
        if (res.statusCode !== 200 || (JSON.parse(body) as { status?: string }).status !== 'closed') refetchBad++;
        pendingRefetch--;
      });
    });
    req.on('error', () => {
      refetchBad++;
      pendingRefetch--;
    });
  };

  const t0 = now();
  let failed = 0;
  let next = 0;
  const connectOne = (i: number): Promise<void> =>
    new Promise((resolve) => {
      const ws = new WebSocket(`${init.url}?token=${init.tokens[i]}&congressId=${init.congressId}&meetingId=${init.meetingId}`, { perMessageDeflate: false });
      ws.on('message', (data) => {
        const m = JSON.parse((data as Buffer).toString('utf8')) as { type: string; topic?: string; id?: string };
        if (m.type === 'hello') resolve();
        if (m.type !== 'changed' || m.topic !== 'poll') return;
        if (armedFor === null || m.id !== armedFor) {
          noticesBeforeArm++;
          return;
        }
        if (Number.isNaN(arrivals[i])) {
          arrivals[i] = now();
          if (init.refetchEvery > 0 && i % init.refetchEvery === 0) refetch(i, armedFor);
        }
      });
      ws.on('close', () => {
        if (armedFor !== null && Number.isNaN(arrivals[i])) closedEarly++;
      });
      ws.on('error', () => {
        failed++;
        resolve();
      });
      sockets.push(ws);
    });
  const worker = async (): Promise<void> => {
    while (next < n) await connectOne(next++);
  };
  await Promise.all(Array.from({ length: 100 }, worker));
  send({ type: 'ready', connected: sockets.length - failed, failed, ms: now() - t0 });

  process.on('message', (m: ToWatcher) => {
    switch (m.cmd) {
      case 'init':
        return;
      case 'arm':
        armedFor = m.pollId;
        send({ type: 'armed' });
        return;
      case 'collect': {
        const deadline = now() + m.timeoutMs;
        const poll = (): void => {
          const missing = arrivals.filter((x) => Number.isNaN(x)).length;
          if ((missing > 0 || pendingRefetch > 0) && now() < deadline) {
            setTimeout(poll, 20);
            return;
          }
          send({ type: 'result', arrivals: [...arrivals].filter((x) => !Number.isNaN(x)), missing, noticesBeforeArm, refetchMs, refetchBad, closedEarly });
        };
        poll();
        return;
      }
      case 'exit':
        for (const ws of sockets) ws.terminate();
        agent.destroy();
        setTimeout(() => process.exit(0), 50);
        return;
    }
  });
}

// ---- the run ------------------------------------------------------------------------------------

interface Options {
  voters: number;
  watchers: number;
  db: 'sqlite' | 'postgres';
  window: number;
  watcherProcs: number;
  refetch: number;
  warmup: boolean;
  /** Write a CPU profile of the server into this directory (node --cpu-prof). */
  cpuProf: string | undefined;
  /** Print ballot acknowledgement times per second of the window. */
  timeline: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      voters: { type: 'string', default: '3000' },
      watchers: { type: 'string', default: '10000' },
      db: { type: 'string', default: 'sqlite' },
      window: { type: 'string', default: '10' },
      'watcher-procs': { type: 'string', default: '2' },
      refetch: { type: 'string', default: '0.01' },
      'no-warmup': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      timeline: { type: 'boolean', default: false },
      role: { type: 'string' },
    },
  });
  const db = values.db === 'postgres' || values.db === 'pg' ? 'postgres' : 'sqlite';
  return {
    voters: Number(values.voters),
    watchers: Number(values.watchers),
    db,
    window: Number(values.window),
    watcherProcs: Math.max(1, Number(values['watcher-procs'])),
    refetch: Number(values.refetch),
    warmup: !values['no-warmup'],
    cpuProf: values['cpu-prof'],
    timeline: values.timeline,
  };
}

const pct = (sorted: number[], p: number): number => (sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN));
const fmt = (ms: number): string => (Number.isNaN(ms) ? '—' : `${ms.toFixed(1)} ms`);
const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function hardFdLimit(): number {
  try {
    const v = execSync('ulimit -Hn', { shell: '/bin/sh', encoding: 'utf8' }).trim();
    return v === 'unlimited' ? 1_048_576 : Number(v);
  } catch {
    return 0;
  }
}

function rss(pid: number): { rssMb: number; hwmMb: number } {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: Number.NaN, hwmMb: Number.NaN };
  }
}

/** CPU seconds the process has used (user + system), from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return Number.NaN;
  }
}

interface Fixture {
  congressId: string;
  meetingId: string;
  officeToken: string;
  memberTokens: string[];
}

/** Writes a congress with `n` members (accounts, sessions) and a meeting in session with all present. */
async function seed(dbUrl: string | undefined, sqlitePath: string, n: number): Promise<Fixture> {
  const handle = openDb({ databaseUrl: dbUrl, sqlitePath });
  const db = handle.db;
  try {
    await migrateToLatest(db);
    const at = nowIso();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const expires = new Date(Date.now() + 24 * 3600_000).toISOString();
    const congressId = newId();
    const termId = newId();
    const bodyId = newId();
    const meetingId = newId();
    await db
      .insertInto('congresses')
      .values({ id: congressId, parent_id: null, level: 'city', name: '基准测试市人民代表大会', name_en: 'Bench City', standing_committee_name: null, short_name: '基准', region: null, slug: `bench-${randomBytes(3).toString('hex')}`, created_at: at })
      .execute();
    await db.insertInto('rules_profiles').values({ congress_id: congressId, data: JSON.stringify(DEFAULT_PROFILE), updated_at: at, updated_by: null }).execute();
    await db.insertInto('terms').values({ id: termId, congress_id: congressId, number: 1, start_date: '2020-01-01', end_date: null }).execute();
    await db.insertInto('bodies').values({ id: bodyId, congress_id: congressId, term_id: termId, kind: 'standing_committee', name: '常务委员会', parent_body_id: null, sort_order: 0, created_at: at }).execute();

    const memberTokens: string[] = [];
    const chunk = 200;
    for (let from = 0; from < n; from += chunk) {
      const people = [];
      const memberships = [];
      const users = [];
      const grants = [];
      const sessions = [];
      const attendance = [];
      for (let i = from; i < Math.min(n, from + chunk); i++) {
        const personId = newId();
        const userId = newId();
        const token = randomBytes(32).toString('base64url');
        memberTokens.push(token);
        people.push({ id: personId, congress_id: congressId, name: `委员${i + 1}`, gender: null, note: null, created_at: at });
        memberships.push({ id: newId(), congress_id: congressId, body_id: bodyId, person_id: personId, role: 'member' as const, rank: i + 1, post: null, start_date: null, end_date: null });
        users.push({ id: userId, username: `bench-m${i + 1}`, person_id: personId, home_congress_id: congressId, display_name: `委员${i + 1}`, password_hash: '!', is_superadmin: 0, locked: 0, totp_secret: null, totp_enabled: 0, created_at: at, password_changed_at: at });
        grants.push({ user_id: userId, congress_id: congressId, role: 'member', granted_at: at });
        sessions.push({ id: tokenHash(token), user_id: userId, kind: 'bearer' as const, csrf_token: randomBytes(12).toString('base64url'), created_at: at, expires_at: expires, totp_enrollment_only: 0, ip: null });
        attendance.push({ congress_id: congressId, meeting_id: meetingId, person_id: personId, status: 'present' as const, mode: 'onsite' as const, reason: null, recorded_at: at, recorded_by: null });
      }
      await db.insertInto('people').values(people).execute();
      await db.insertInto('memberships').values(memberships).execute();
      await db.insertInto('users').values(users).execute();
      await db.insertInto('role_grants').values(grants).execute();
      await db.insertInto('sessions').values(sessions).execute();
      if (from === 0) {
        await db
          .insertInto('meetings')
          .values({
            id: meetingId,
            congress_id: congressId,
            term_id: termId,
            body_id: null,
            kind: 'regular',
            number: 1,
            title: '基准测试第一次会议',
            date: today,
            place: null,
            state: 'in_session',
            presiding_person_id: null,
            council_date: null,
            notified_at: at,
            opened_at: at,
            closed_at: null,
            video_allowed: 0,
            checkin_code: null,
            current_agenda_item_id: null,
            created_at: at,
            series: 'standing',
            end_date: null,
            is_public: 1,
            schedule: '[]',
            attendee_scope: null,
            observer_seats: 0,
            agenda_adopted_at: at,
            groups_state: 'none',
            groups_approved_by: null,
            groups_approved_at: null,
          })
          .execute();
      }
      await db.insertInto('attendance').values(attendance).execute();
    }
    const officeId = newId();
    const officeToken = randomBytes(32).toString('base64url');
    await db
      .insertInto('users')
      .values({ id: officeId, username: 'bench-office', person_id: null, home_congress_id: congressId, display_name: '办公厅', password_hash: '!', is_superadmin: 0, locked: 0, totp_secret: null, totp_enabled: 0, created_at: at, password_changed_at: at })
      .execute();
    await db.insertInto('role_grants').values({ user_id: officeId, congress_id: congressId, role: 'office', granted_at: at }).execute();
    await db.insertInto('sessions').values({ id: tokenHash(officeToken), user_id: officeId, kind: 'bearer', csrf_token: 'x', created_at: at, expires_at: expires, totp_enrollment_only: 0, ip: null }).execute();
    return { congressId, meetingId, officeToken, memberTokens };
  } finally {
    await handle.close();
  }
}

interface HttpResult {
  status: number;
  ms: number;
  body: string;
}

function request(agent: http.Agent, port: number, method: string, path: string, token: string, body?: unknown): Promise<HttpResult> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const t0 = now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: now() - t0, body: text }));
      },
    );
    req.on('error', (err) => resolve({ status: 0, ms: now() - t0, body: String(err) }));
    req.end(payload);
  });
}

async function expectOk(r: Promise<HttpResult>, what: string): Promise<Record<string, unknown>> {
  const res = await r;
  if (res.status < 200 || res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${res.body}`);
  return JSON.parse(res.body) as Record<string, unknown>;
}

function startServer(env: NodeJS.ProcessEnv, fdLimit: number, nodeArgs: string[]): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  return freePort().then(
    (port) =>
      new Promise((resolve, reject) => {
        const cmd = `${fdLimit > 0 ? `ulimit -n ${fdLimit} 2>/dev/null; ` : ''}exec "${process.execPath}" ${nodeArgs.join(' ')} --import tsx server/main.ts`;
        const child = spawn('/bin/sh', ['-c', cmd], { cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
        const onData = (d: Buffer): void => {
          out += d.toString();
          if (out.includes('ready on')) {
            clearTimeout(timer);
            resolve({ child, port, output: () => out });
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`server exited (${code}):\n${out}`));
        });
      }),
  );
}

class Watchers {
  private readonly procs: ChildProcess[] = [];
  private constructor() {}

  static async start(count: number, procs: number, init: Omit<WatcherInit, 'tokens'>, tokens: string[], fdLimit: number): Promise<{ w: Watchers; connected: number; failed: number; ms: number }> {
    const w = new Watchers();
    const per = Math.ceil(count / procs);
    const ready: Promise<FromWatcher>[] = [];
    for (let p = 0; p < procs; p++) {
      const mine = Array.from({ length: Math.max(0, Math.min(per, count - p * per)) }, (_, i) => tokens[(p * per + i) % tokens.length] ?? '');
      if (mine.length === 0) continue;
      const child = fork(SELF, ['--role', 'watcher'], {
        execPath: '/bin/sh',
        execArgv: ['-c', `${fdLimit > 0 ? `ulimit -n ${fdLimit} 2>/dev/null; ` : ''}exec "${process.execPath}" --import tsx "$0" "$@"`],
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      w.procs.push(child);
      ready.push(w.next(child, 'ready', 300_000));
      child.send({ cmd: 'init', init: { ...init, tokens: mine } } satisfies ToWatcher);
    }
    const rs = (await Promise.all(ready)) as Extract<FromWatcher, { type: 'ready' }>[];
    return { w, connected: rs.reduce((a, r) => a + r.connected, 0), failed: rs.reduce((a, r) => a + r.failed, 0), ms: Math.max(...rs.map((r) => r.ms)) };
  }

  private next(child: ChildProcess, type: FromWatcher['type'], timeoutMs: number): Promise<FromWatcher> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`watcher: no ${type} within ${timeoutMs} ms`)), timeoutMs);
      const on = (m: FromWatcher): void => {
        if (m.type !== type) return;
        clearTimeout(timer);
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
      child.once('exit', (code) => reject(new Error(`watcher exited (${code})`)));
    });
  }

  async arm(pollId: string): Promise<void> {
    await Promise.all(
      this.procs.map((c) => {
        const p = this.next(c, 'armed', 10_000);
        c.send({ cmd: 'arm', pollId } satisfies ToWatcher);
        return p;
      }),
    );
  }

  async collect(timeoutMs: number): Promise<Extract<FromWatcher, { type: 'result' }>[]> {
    return (await Promise.all(
      this.procs.map((c) => {
        const p = this.next(c, 'result', timeoutMs + 10_000);
        c.send({ cmd: 'collect', timeoutMs } satisfies ToWatcher);
        return p;
      }),
    )) as Extract<FromWatcher, { type: 'result' }>[];
  }

  stop(): void {
    for (const c of this.procs) {
      if (c.connected) c.send({ cmd: 'exit' } satisfies ToWatcher);
      setTimeout(() => c.kill('SIGKILL'), 2000).unref();
    }
  }
}

/** Every voter casts one ballot at a random moment within the window; returns the acknowledgement times. */
async function vote(agent: http.Agent, port: number, pollId: string, tokens: string[], windowS: number): Promise<{ ms: number[]; failures: string[]; wallS: number; timeline: [number, number][] }> {
  const ms: number[] = [];
  const timeline: [number, number][] = []; // [sent at (s from start), ack ms]
  const failures: string[] = [];
  const t0 = now();
  await Promise.all(
    tokens.map(
      (token) =>
        new Promise<void>((resolve) => {
          setTimeout(
            () => {
              const r = Math.random();
              const choice = r < 0.8 ? 'yes' : r < 0.9 ? 'no' : 'abstain';
              const at = (now() - t0) / 1000;
              void request(agent, port, 'POST', `/api/v1/polls/${pollId}/ballots`, token, { choice }).then((res) => {
                timeline.push([at, res.ms]);
                if (res.status === 201) ms.push(res.ms);
                else failures.push(`${res.status} ${res.body.slice(0, 120)}`);
                resolve();
              });
            },
            Math.random() * windowS * 1000,
          );
        }),
    ),
  );
  return { ms: ms.sort((a, b) => a - b), failures, wallS: (now() - t0) / 1000, timeline };
}

async function main(): Promise<void> {
  const o = options();
  const work = mkdtempSync(join(tmpdir(), 'yishi-bench-'));
  const sqlitePath = join(work, 'bench.sqlite');
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const pgDb = `yishi_bench_${randomBytes(4).toString('hex')}`;
  let dbUrl: string | undefined;
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(work, { recursive: true, force: true })];
  const cleanup = async (): Promise<void> => {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (err) {
        console.error('cleanup:', err);
      }
    }
  };
  process.once('SIGINT', () => {
    void cleanup().then(() => process.exit(130));
  });

  const hard = hardFdLimit();
  const needServer = o.watchers + 600 + 100;
  const needWatcher = Math.ceil(o.watchers / o.watcherProcs) + 200;
  if (hard > 0 && (hard < needServer || hard < needWatcher)) {
    console.warn(`warning: the hard limit on open files is ${hard}; the server needs about ${needServer}. Raise it (ulimit -Hn, limits.conf) or use fewer watchers.`);
  }

  try {
    if (o.db === 'postgres') {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`create database ${pgDb}`);
      await c.end();
      const u = new URL(adminUrl);
      u.pathname = `/${pgDb}`;
      dbUrl = u.toString();
      cleanups.push(async () => {
        const d = new pg.Client({ connectionString: adminUrl });
        await d.connect();
        await d.query(`drop database if exists ${pgDb} with (force)`);
        await d.end();
      });
    }

    let t = now();
    const fx = await seed(dbUrl, sqlitePath, o.voters);
    const seedS = (now() - t) / 1000;

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      YISHI_SQLITE_PATH: sqlitePath,
      YISHI_FIELD_KEY_FILE: join(work, 'field.key'),
      DATABASE_URL: dbUrl ?? '',
    };
    const server = await startServer(env, hard, o.cpuProf ? ['--cpu-prof', `--cpu-prof-dir="${o.cpuProf}"`] : []);
    cleanups.push(async () => {
      if (server.child.exitCode !== null || server.child.signalCode !== null) return;
      const exited = new Promise((r) => server.child.once('exit', r));
      server.child.kill('SIGTERM');
      const k = setTimeout(() => server.child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(k);
    });
    const pid = server.child.pid ?? 0;
    const port = server.port;
    const idle = rss(pid);
    // Ballots travel on keep-alive connections opened beforehand, as a hall's devices (or a load
    // balancer) hold theirs: a burst of new connections to a busy server would measure TCP's SYN
    // retries, not the server.
    const poolSize = Math.min(256, o.voters);
    const agent = new http.Agent({ keepAlive: true, maxSockets: poolSize, maxFreeSockets: poolSize, keepAliveMsecs: 10_000 });
    cleanups.push(() => agent.destroy());
    const hub = process.env.REDIS_URL ? 'Redis' : o.db === 'postgres' ? 'PostgreSQL LISTEN/NOTIFY' : 'in-process';

    console.log(`bench:vote — ${o.voters} voters, ${o.watchers} watchers, ${o.db === 'postgres' ? 'PostgreSQL' : 'SQLite'} (hub: ${hub}), voting window ${o.window} s`);
    console.log(`  seeded in ${seedS.toFixed(1)} s; server pid ${pid}, RSS idle ${idle.rssMb.toFixed(0)} MB`);

    t = now();
    const watchers = await Watchers.start(
      o.watchers,
      o.watcherProcs,
      { url: `ws://127.0.0.1:${port}/api/v1/live`, congressId: fx.congressId, meetingId: fx.meetingId, refetchEvery: o.refetch > 0 ? Math.max(1, Math.round(1 / o.refetch)) : 0, httpBase: `http://127.0.0.1:${port}` },
      fx.memberTokens,
      hard,
    );
    cleanups.push(() => watchers.w.stop());
    const withWatchers = rss(pid);
    console.log(`  ${watchers.connected} watchers connected in ${(watchers.ms / 1000).toFixed(1)} s (${watchers.failed} failed); server RSS ${withWatchers.rssMb.toFixed(0)} MB`);

    const office = fx.officeToken;
    const createPoll = (subject: string) => expectOk(request(agent, port, 'POST', '/api/v1/polls', office, { meetingId: fx.meetingId, subject, kind: 'secret' }), 'createPoll');

    if (o.warmup) {
      // A short first vote by a tenth of the hall, so the measured one does not pay for start-up (JIT, caches).
      const warm = await createPoll('预备表决（热身）');
      const warmId = String(warm.id);
      await expectOk(request(agent, port, 'POST', `/api/v1/polls/${warmId}/open`, office), 'openPoll (warm-up)');
      await vote(agent, port, warmId, fx.memberTokens.slice(0, Math.max(1, Math.floor(o.voters / 10))), 2);
      await expectOk(request(agent, port, 'POST', `/api/v1/polls/${warmId}/close`, office), 'closePoll (warm-up)');
      await sleep(1000);
    }

    for (let k = 32; k < poolSize + 32; k += 32) {
      // k requests at once: the connections of the previous round are reused, 32 new ones are opened
      await Promise.all(Array.from({ length: Math.min(k, poolSize) }, () => request(agent, port, 'GET', '/api/v1/rules-presets', office)));
    }

    const poll = await createPoll('关于基准测试的决定（草案）');
    const pollId = String(poll.id);
    await expectOk(request(agent, port, 'POST', `/api/v1/polls/${pollId}/open`, office), 'openPoll');
    await sleep(1000);

    const cpu0 = cpuSeconds(pid);
    const ballots = await vote(agent, port, pollId, fx.memberTokens, o.window);
    const cpuVoting = cpuSeconds(pid) - cpu0;
    const during = rss(pid);
    await sleep(1500); // longer than the notice-merging window: the close is not merged with a ballot's notice

    await watchers.w.arm(pollId);
    const tClose = now();
    const closeRes = await request(agent, port, 'POST', `/api/v1/polls/${pollId}/close`, office);
    if (closeRes.status !== 200) throw new Error(`closePoll: HTTP ${closeRes.status} ${closeRes.body}`);
    const results = await watchers.w.collect(10_000);
    const after = rss(pid);
    const arrivals = results.flatMap((r) => r.arrivals.map((x) => x - tClose)).sort((a, b) => a - b);
    const missing = results.reduce((a, r) => a + r.missing, 0);
    const refetch = results.flatMap((r) => r.refetchMs).sort((a, b) => a - b);
    const refetchBad = results.reduce((a, r) => a + r.refetchBad, 0);
    const noticesDuringVoting = results.reduce((a, r) => a + r.noticesBeforeArm, 0) / Math.max(1, watchers.connected);
    const result = JSON.parse(closeRes.body) as { yes: number; no: number; abstain: number; passed: boolean };
    const counted = result.yes + result.no + result.abstain;

    const ackP99 = pct(ballots.ms, 99);
    const allMax = arrivals.at(-1) ?? Number.NaN;
    const rows: [string, string, string][] = [
      ['ballots acknowledged', `${ballots.ms.length} of ${o.voters} (${ballots.failures.length} refused) in ${ballots.wallS.toFixed(1)} s`, ''],
      ['ballot ack p50', fmt(pct(ballots.ms, 50)), ''],
      ['ballot ack p99', fmt(ackP99), `target ≤ 50 ms: ${ackP99 <= 50 ? 'met' : 'MISSED'}`],
      ['ballot ack max', fmt(ballots.ms.at(-1) ?? Number.NaN), ''],
      ['server CPU while voting', `${cpuVoting.toFixed(1)} s (${((cpuVoting * 1000) / Math.max(1, ballots.ms.length)).toFixed(2)} ms per ballot)`, `load average ${loadavg()[0]?.toFixed(1) ?? '?'} on ${cpus().length} CPUs`],
      ['counted at close', `${counted} (yes ${result.yes}, no ${result.no}, abstain ${result.abstain})`, counted === ballots.ms.length ? 'matches the acks' : 'DOES NOT MATCH'],
      ['close request → response', fmt(closeRes.ms), ''],
      ['close → result notice, p50', fmt(pct(arrivals, 50)), ''],
      ['close → result notice, p99', fmt(pct(arrivals, 99)), ''],
      ['close → result notice, all (max)', fmt(allMax), `target ≤ 500 ms: ${allMax <= 500 && missing === 0 ? 'met' : 'MISSED'}`],
      ['watchers reached', `${arrivals.length} of ${watchers.connected}${missing ? ` (${missing} missing)` : ''}`, ''],
      ['poll notices per watcher before the close', noticesDuringVoting.toFixed(1), 'warm-up and vote; repeats merged by the server'],
      [`result refetch (${refetch.length} watchers) p50 / max`, `${fmt(pct(refetch, 50))} / ${fmt(refetch.at(-1) ?? Number.NaN)}`, refetchBad ? `${refetchBad} failed` : ''],
      ['server RSS: idle / watchers connected / after voting / after close', `${idle.rssMb.toFixed(0)} / ${withWatchers.rssMb.toFixed(0)} / ${during.rssMb.toFixed(0)} / ${after.rssMb.toFixed(0)} MB`, `peak ${after.hwmMb.toFixed(0)} MB`],
    ];
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    console.log('');
    for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
    if (o.timeline) {
      console.log('\n  second  ballots  ack p50  ack p99  ack max');
      for (let sec = 0; sec < Math.ceil(o.window); sec++) {
        const xs = ballots.timeline.filter(([at]) => at >= sec && at < sec + 1).map(([, v]) => v).sort((a, b) => a - b);
        console.log(`  ${String(sec).padStart(6)}  ${String(xs.length).padStart(7)}  ${fmt(pct(xs, 50)).padStart(7)}  ${fmt(pct(xs, 99)).padStart(7)}  ${fmt(xs.at(-1) ?? Number.NaN).padStart(7)}`);
      }
    }
    if (ballots.failures.length > 0) console.log(`\n  first refusals: ${[...new Set(ballots.failures)].slice(0, 3).join(' | ')}`);
    console.log('');
  } finally {
    await cleanup();
  }
}

if (process.argv.includes('--role') && process.argv[process.argv.indexOf('--role') + 1] === 'watcher') {
  await watcherProcess();
} else {
  await main();
  process.exit(0);
}

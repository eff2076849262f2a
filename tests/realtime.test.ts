// The live layer: GET /api/v1/live over a real socket, in one process (any database) and across two
// server processes sharing events through PostgreSQL LISTEN/NOTIFY or Redis.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createSession } from '../server/platform/auth/sessions.ts';
import { newId, nowIso } from '../server/platform/clock.ts';
import type { ClientMessage, ServerMessage } from '../server/platform/realtime/protocol.ts';
import type { LiveClientMessage, LiveServerMessage } from '../web/src/live/protocol.ts';
import { type TestApp, DEMO_PASSWORD, dbKind, startTestApp } from './harness.ts';
import { LiveTestClient } from './realtime-client.ts';

const quiet = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// Compile time: the browser's copy of the protocol (web/src/live/protocol.ts) says what the server does.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const protocolsAgree: [Same<ServerMessage, LiveServerMessage>, Same<ClientMessage, LiveClientMessage>] = [true, true];

describe('live updates in one process', () => {
  let t: TestApp;
  let base: string;
  let admin: string;
  let member: string;
  let meeting1: string;
  let meeting2: string;
  let outsiderToken: string;
  const clients: LiveTestClient[] = [];
  const open = async (query: string, opts: { headers?: Record<string, string> } = {}): Promise<LiveTestClient> => {
    const c = await LiveTestClient.connect(`${base}/api/v1/live${query}`, opts);
    clients.push(c);
    return c;
  };

  before(async () => {
    t = await startTestApp();
    await t.yishi.app.listen({ port: 0, host: '127.0.0.1' });
    base = `ws://127.0.0.1:${(t.yishi.app.server.address() as AddressInfo).port}`;
    admin = await t.login('admin');
    member = await t.login('m01');
    const db = t.yishi.handle.db;
    const row = (title: string) => ({ id: newId(), congress_id: t.hebiId, kind: 'regular' as const, title, date: '2026-03-01', state: 'draft' as const, video_allowed: 0, created_at: nowIso(), series: 'standing', is_public: 1, schedule: '[]', observer_seats: 0, groups_state: 'none' as const });
    const [m1, m2] = [row('第一次会议'), row('第二次会议')];
    await db.insertInto('meetings').values([m1, m2]).execute();
    meeting1 = m1.id;
    meeting2 = m2.id;
    // A user of another congress: an outsider to Hebi.
    const userId = newId();
    await db
      .insertInto('users')
      .values({ id: userId, username: 'henan-admin', person_id: null, home_congress_id: t.henanId, display_name: '省人大管理员', password_hash: 'x', is_superadmin: 0, locked: 0, totp_secret: null, totp_enabled: 0, created_at: nowIso(), password_changed_at: nowIso() })
      .execute();
    await db.insertInto('role_grants').values({ user_id: userId, congress_id: t.henanId, role: 'admin', granted_at: nowIso() }).execute();
    outsiderToken = (await createSession(db, userId, 'bearer', null, false)).token;
  });
  after(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  test('a watcher gets a "changed" notice, ids only, after a command commits', async () => {
    const c = await open(`?token=${admin}&congressId=${t.hebiId}`);
    const hello = await c.type('hello');
    assert.equal(typeof hello.serverTime, 'string');
    assert.equal(typeof hello.epoch, 'string');
    assert.deepEqual(hello.channel, { congressId: t.hebiId });
    const r = await t.request('PATCH', `/api/v1/congresses/${t.hebiId}`, { token: admin, body: { shortName: '鹤壁人大' } });
    assert.equal(r.status, 200);
    const m = await c.type('changed');
    assert.deepEqual(Object.keys(m).sort(), ['congressId', 'id', 'topic', 'type', 'v']);
    assert.equal(m.topic, 'congress');
    assert.equal(m.congressId, t.hebiId);
    assert.equal(m.id, t.hebiId);
  });

  test('a refused command announces nothing', async () => {
    const c = await open(`?token=${admin}&congressId=${t.hebiId}`);
    await c.type('hello');
    const r = await t.request('PATCH', `/api/v1/congresses/${t.hebiId}`, { token: member, body: { shortName: '改不了' } });
    assert.equal(r.status, 403);
    assert.deepEqual(await c.drain('changed', 300), []);
  });

  test('the public and other congresses hear public notices only; the congress hears its internal ones', async () => {
    const anon = await open('');
    const outsider = await open(`?token=${outsiderToken}`);
    const insider = await open('', { headers: { authorization: `Bearer ${member}` } });
    for (const c of [anon, outsider, insider]) {
      await c.type('hello');
      c.send({ type: 'subscribe', congressId: t.hebiId });
      await c.type('subscribed');
    }
    await t.yishi.hub.publish({ topic: 'attendance', congressId: t.hebiId, id: meeting1 });
    const got = await insider.type('changed');
    assert.equal(got.topic, 'attendance');
    assert.equal(got.meetingId, meeting1, 'meeting topics carry their meeting');
    assert.deepEqual(await anon.drain('changed', 300), []);
    assert.deepEqual(await outsider.drain('changed', 0), []);

    await t.yishi.hub.publish({ topic: 'quorum', congressId: t.hebiId, id: meeting1, audience: 'public' });
    for (const c of [anon, outsider, insider]) assert.equal((await c.type('changed')).topic, 'quorum');

    // Another congress's notices reach nobody watching Hebi.
    await t.yishi.hub.publish({ topic: 'congress', congressId: t.henanId, id: t.henanId });
    await t.yishi.hub.publish({ topic: 'system', congressId: null });
    for (const c of [anon, outsider, insider]) assert.deepEqual(await c.drain('changed', 200), []);
  });

  test("a meeting's channel hears that meeting and the congress, not other meetings", async () => {
    const c = await open(`?token=${member}&congressId=${t.hebiId}&meetingId=${meeting1}`);
    assert.deepEqual((await c.type('hello')).channel, { congressId: t.hebiId, meetingId: meeting1 });
    await t.yishi.hub.publish({ topic: 'speakers', congressId: t.hebiId, id: meeting2 });
    await t.yishi.hub.publish({ topic: 'poll', congressId: t.hebiId, id: 'p1', meetingId: meeting2 });
    await t.yishi.hub.publish({ topic: 'speakers', congressId: t.hebiId, id: meeting1 });
    await t.yishi.hub.publish({ topic: 'poll', congressId: t.hebiId, id: 'p2' }); // not tied to a meeting: everyone watching Hebi
    const got = [await c.type('changed'), await c.type('changed')];
    assert.deepEqual(
      got.map((m) => [m.topic, m.id]),
      [
        ['speakers', meeting1],
        ['poll', 'p2'],
      ],
    );
    assert.deepEqual(await c.drain('changed', 200), []);

    c.send({ type: 'subscribe', congressId: t.henanId, meetingId: meeting1 });
    const err = await c.type('error');
    assert.equal(err.code, 'NOT_FOUND', "another congress's meeting is not found");
    c.send({ type: 'subscribe', congressId: 'no-such-congress' });
    assert.equal((await c.type('error')).code, 'NOT_FOUND');
  });

  test('hello carries the current versions, so a reconnecting client knows what to refetch', async () => {
    const seen: string[] = [];
    const off = t.yishi.hub.subscribe((e, meta) => {
      if (e.topic === 'attendance') seen.push(meta.v);
    });
    await t.yishi.hub.publish({ topic: 'attendance', congressId: t.hebiId, id: meeting1 });
    off();
    const c = await open(`?token=${member}&congressId=${t.hebiId}&meetingId=${meeting1}`);
    const hello = await c.type('hello');
    const versions = hello.versions as Record<string, string>;
    assert.equal(versions.attendance, seen.at(-1));
    const other = await open(`?token=${member}&congressId=${t.hebiId}&meetingId=${meeting2}`);
    assert.equal(((await other.type('hello')).versions as Record<string, string>).attendance, undefined);
    // Outsiders see the versions of public notices only.
    const anon = await open(`?congressId=${t.hebiId}&meetingId=${meeting1}`);
    const anonVersions = (await anon.type('hello')).versions as Record<string, string>;
    assert.equal(anonVersions.attendance, undefined);
    assert.equal(typeof anonVersions.quorum, 'string');
  });

  test('repeats of a notice in a burst are merged; the last version always arrives', async () => {
    const c = await open(`?token=${member}&congressId=${t.hebiId}`);
    await c.type('hello');
    let last = '';
    const off = t.yishi.hub.subscribe((e, meta) => {
      if (e.topic === 'poll' && e.id === 'burst') last = meta.v;
    });
    for (let i = 0; i < 100; i++) await t.yishi.hub.publish({ topic: 'poll', congressId: t.hebiId, id: 'burst' });
    off();
    const got = await c.drain('changed', t.config.live.coalesceMs + 300);
    assert.ok(got.length >= 1 && got.length <= 3, `merged into ${got.length}`);
    assert.equal(got.at(-1)?.v, last);
  });

  test('a state change is not held back behind merged counter ticks', async () => {
    const c = await open(`?token=${member}&congressId=${t.hebiId}`);
    await c.type('hello');
    for (let i = 0; i < 20; i++) await t.yishi.hub.publish({ topic: 'poll', congressId: t.hebiId, id: 'ticks', tally: true });
    assert.equal((await c.type('changed')).id, 'ticks', 'the first tick goes out at once');
    const t0 = Date.now();
    await t.yishi.hub.publish({ topic: 'poll', congressId: t.hebiId, id: 'ticks' }); // e.g. the poll closed
    await c.type('changed', 5000);
    // Merged with the ticks it would wait for their window (2 × coalesceMs from the first tick).
    assert.ok(Date.now() - t0 < t.config.live.coalesceMs * 1.6, `not merged into the ticks (${Date.now() - t0} ms)`);
    const rest = await c.drain('changed', t.config.live.coalesceMs * 2 + 300);
    assert.equal(rest.length, 1, 'the ticks of the burst arrive once more, merged');
  });

  test('refused before the upgrade: bad token, cross-site cookie, malformed query', async () => {
    await assert.rejects(LiveTestClient.connect(`${base}/api/v1/live?token=nope`), /HTTP 401/);
    await assert.rejects(LiveTestClient.connect(`${base}/api/v1/live`, { headers: { authorization: 'Bearer nope' } }), /HTTP 401/);
    await assert.rejects(LiveTestClient.connect(`${base}/api/v1/live?meetingId=${meeting1}`), /HTTP 400/);
    await assert.rejects(LiveTestClient.connect(`${base}/api/v1/live?what=1`), /HTTP 400/);
    const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'm02', password: DEMO_PASSWORD, mode: 'cookie' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    await assert.rejects(LiveTestClient.connect(`${base}/api/v1/live`, { headers: { cookie, origin: 'https://evil.example' } }), /HTTP 403/);
    const ok = await open('', { headers: { cookie, origin: base.replace('ws:', 'http:') } });
    assert.deepEqual(((await ok.type('hello')).user as { name: string }).name.length > 0, true);
  });

  test('malformed messages get an error; ping gets pong', async () => {
    const c = await open('');
    await c.type('hello');
    c.ws.send('not json');
    assert.equal((await c.type('error')).code, 'BAD_MESSAGE');
    c.send({ type: 'subscribe', congressId: t.hebiId, extra: 1 });
    assert.equal((await c.type('error')).code, 'BAD_MESSAGE');
    c.send({ type: 'ping' });
    assert.equal(typeof (await c.type('pong')).serverTime, 'string');
  });

  test('logging out closes the live socket at the next session check', async () => {
    const token = await t.login('m03');
    const c = await open(`?token=${token}&congressId=${t.hebiId}`);
    await c.type('hello');
    assert.equal((await t.request('POST', '/api/v1/auth/logout', { token })).status, 204);
    await t.yishi.app.live.checkSessions();
    assert.equal(await c.closed(), 4401);
  });

  test('losing a role moves the socket out of the internal notices', async () => {
    const c = await open(`?token=${member}&congressId=${t.hebiId}`);
    await c.type('hello');
    const me = await t.request('GET', '/api/v1/auth/me', { token: member });
    const db = t.yishi.handle.db;
    const grants = await db.selectFrom('role_grants').selectAll().where('user_id', '=', me.body.id).execute();
    await db.deleteFrom('role_grants').where('user_id', '=', me.body.id).execute();
    try {
      await t.yishi.app.live.checkSessions();
      await t.yishi.hub.publish({ topic: 'attendance', congressId: t.hebiId, id: meeting2 });
      assert.deepEqual(await c.drain('changed', 300), []);
    } finally {
      await db.insertInto('role_grants').values(grants).execute();
    }
    await t.yishi.app.live.checkSessions();
    await t.yishi.hub.publish({ topic: 'attendance', congressId: t.hebiId, id: meeting2 });
    assert.equal((await c.type('changed')).topic, 'attendance');
  });

  test('PostgreSQL: the LISTEN connection comes back after it is cut, and clients are told to refetch', { skip: dbKind !== 'postgres' && 'needs DATABASE_URL (PostgreSQL)' }, async () => {
    if (t.yishi.hub.kind !== 'postgres') return;
    const c = await open(`?token=${member}&congressId=${t.hebiId}`);
    const hello = await c.type('hello');
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const r = await admin.query<{ n: number }>(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where query = $1`, [`LISTEN "${t.config.hubChannel}_${t.yishi.handle.location.split('#')[1] ?? ''}"`]);
      assert.equal(r.rows[0]?.n, 1);
    } finally {
      await admin.end();
    }
    const resync = await c.type('resync', 10_000);
    assert.notEqual(resync.epoch, hello.epoch);
  });
});

// ---- two server processes ------------------------------------------------------------------------

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

interface Proc {
  child: ChildProcess;
  port: number;
  output: string;
}

/** `node --import tsx server/main.ts` on a port, resolved once it says it is ready. */
async function startServer(env: NodeJS.ProcessEnv): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: Proc = { child, port, output: '' };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${proc.output}`)), 90_000);
    const onData = (d: Buffer): void => {
      proc.output += d.toString();
      if (proc.output.includes('ready on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${proc.output}`));
    });
  });
  return proc;
}

async function stopServer(p: Proc | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function redisReachable(url: string): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MULTI_SKIP = dbKind !== 'postgres' && 'several processes need PostgreSQL (DATABASE_URL) or Redis with PostgreSQL; SQLite is one process';

describe('live updates across two server processes', { skip: MULTI_SKIP }, () => {
  const dbName = `yishi_rt_${randomBytes(5).toString('hex')}`;
  let dbUrl = '';
  const channel = `yishi_rt_${randomBytes(4).toString('hex')}`;

  before(async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`create database ${dbName}`);
    await c.end();
    const u = new URL(process.env.DATABASE_URL ?? '');
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
  });
  after(async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
  });

  /** Starts A then B (A imports the demo data), writes through A, expects the notice on a socket of B. */
  async function writeOnAReadOnB(env: NodeJS.ProcessEnv, watchHubChannel: (seen: string[]) => Promise<() => Promise<void>>): Promise<void> {
    const common = { ...env, DATABASE_URL: dbUrl, YISHI_DEMO_PASSWORD: DEMO_PASSWORD, YISHI_HUB_CHANNEL: channel };
    let a: Proc | undefined;
    let b: Proc | undefined;
    let client: LiveTestClient | undefined;
    const seen: string[] = [];
    const stopWatching = await watchHubChannel(seen);
    try {
      a = await startServer(common);
      b = await startServer(common);
      const http = (p: Proc, path: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${p.port}${path}`, init);
      const login = await http(a, '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
      assert.equal(login.status, 200);
      const { token } = (await login.json()) as { token: string };
      const congresses = (await (await http(a, '/api/v1/congresses', { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string; slug: string }[];
      const hebi = congresses.find((x) => x.slug === 'hebi') ?? congresses[0]!;

      client = await LiveTestClient.connect(`ws://127.0.0.1:${b.port}/api/v1/live?token=${token}&congressId=${hebi.id}`);
      await client.type('hello', 10_000);
      const patch = await http(a, `/api/v1/congresses/${hebi.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ shortName: `鹤壁${Date.now() % 1000}` }),
      });
      assert.equal(patch.status, 200);
      const m = await client.type('changed', 10_000);
      assert.equal(m.topic, 'congress');
      assert.equal(m.id, hebi.id);
      await quiet(200);
      assert.ok(
        seen.some((s) => s.includes(hebi.id)),
        'the notice travelled through the shared channel',
      );
    } finally {
      client?.close();
      await stopWatching();
      await Promise.all([stopServer(a), stopServer(b)]);
    }
  }

  test('PostgreSQL LISTEN/NOTIFY: a write through process A reaches a WebSocket client of process B', async () => {
    await writeOnAReadOnB({ REDIS_URL: '', YISHI_HUB: 'auto' }, async (seen) => {
      const l = new pg.Client({ connectionString: dbUrl });
      await l.connect();
      l.on('notification', (n) => seen.push(n.payload ?? ''));
      await l.query(`LISTEN "${channel}"`);
      return () => l.end();
    });
  });

  test('Redis pub/sub: a write through process A reaches a WebSocket client of process B', async (ctx) => {
    if (!(await redisReachable(REDIS_URL))) {
      ctx.skip(`Redis is not reachable at ${REDIS_URL}`);
      return;
    }
    // Fresh database for this pair too: the first process imports the demo data.
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`drop database ${dbName} with (force)`);
    await c.query(`create database ${dbName}`);
    await c.end();
    await writeOnAReadOnB({ REDIS_URL, YISHI_HUB: 'auto' }, async (seen) => {
      const sub = new Redis(REDIS_URL);
      sub.on('message', (_ch: string, msg: string) => seen.push(msg));
      await sub.subscribe(channel);
      return async () => {
        sub.disconnect();
        return Promise.resolve();
      };
    });
  });
});

// The citizens' opinions loop at scale: intake rate and latency through the HTTP API of a real server
// (a child process, as an operator runs it), and the overdue-by-unit dashboard on a large dataset.
// Usage: npm run bench:opinions [-- --count 1000000] [--sample 5000] [--concurrency 32] [--queries 200] [--keep] [--profile DIR]
//
// SQLite by default (a fresh file in the temp directory). With DATABASE_URL, PostgreSQL: the URL must
// name an EMPTY database made for the purpose (10 million opinions are possible there, slowly).
// The bulk is generated with direct inserts (personal data encrypted as the API would); intake is
// measured over HTTP on a sample; the dashboard is GET …/opinions/overdue-by-unit as the office.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createYishi } from '../server/bootstrap.ts';
import { SYSTEM_ACTOR, importFixture, readFixture } from '../server/modules/imports/import-fixture.ts';
import { piiContext } from '../server/modules/opinions/opinions.repo.ts';
import { trackingCodeFrom } from '../server/modules/opinions/opinions.rules.ts';
import { NATIONAL_CALENDAR as cal, addDays, localDateOf } from '../server/platform/calendar/calendar.rules.ts';
import { loadConfig } from '../server/platform/config.ts';
import { createFieldCrypto, generateFieldKey, parseFieldKey } from '../server/platform/crypto/field-crypto.ts';

const TARGET_RATE = 1000;
const TARGET_P99_MS = 100;
const TARGET_DASH_P95_MS = 100;

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    sample: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '32' },
    queries: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'string' }, // a directory for the server's CPU profile (node --cpu-prof)
  },
});
const COUNT = Number(values.count);
const SAMPLE = Number(values.sample);
const CONCURRENCY = Number(values.concurrency);
const QUERIES = Number(values.queries);
for (const [k, v] of Object.entries({ count: COUNT, sample: SAMPLE, concurrency: CONCURRENCY, queries: QUERIES })) {
  if (!Number.isInteger(v) || v < 1) {
    console.error(`--${k} must be a positive integer`);
    process.exit(2);
  }
}

const ROOT = resolve(import.meta.dirname, '..');
const PASSWORD = 'bench-pass-2026';
const pgUrl = process.env.DATABASE_URL || undefined;
const dir = mkdtempSync(join(tmpdir(), 'yishi-bench-opinions-'));
const sqlitePath = join(dir, 'yishi.sqlite');
const fieldKey = generateFieldKey(); // a throwaway key for this run, shared with the child server
const fc = createFieldCrypto(parseFieldKey(fieldKey));
const today = localDateOf(new Date().toISOString());
const ms = (t0: number): number => performance.now() - t0;
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

console.log(`bench:opinions — ${pgUrl ? 'PostgreSQL' : `SQLite (${sqlitePath})`}; ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(2)}`);

// ---- 1. schema and the demo congress (Hebi, its 20 handling units, the office account) -------------
const config = { ...loadConfig({ ...process.env, YISHI_FIELD_KEY: fieldKey }), sqlitePath };
if (pgUrl) {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  const n = await c.query<{ n: string }>("select count(*) as n from information_schema.tables where table_schema = 'public'");
  await c.end();
  if (Number(n.rows[0]?.n ?? 0) > 0) {
    console.error('DATABASE_URL must name an empty database made for the benchmark (it has tables).');
    process.exit(2);
  }
}
const setup = await createYishi(config);
const imported = await importFixture({ db: setup.handle.db, hub: setup.hub, actor: SYSTEM_ACTOR }, readFixture(config.fixturePath), PASSWORD);
const congressId = imported.congressId;
const units = (await setup.handle.db.selectFrom('bodies').select('id').where('congress_id', '=', congressId).where('kind', '=', 'handling_unit').execute()).map((u) => u.id);
// Intake limits are per source; the sample comes from one address, so they are lifted for the run.
await setup.handle.db.insertInto('intake_settings').values({ congress_id: congressId, per_ip_per_hour: 100_000_000, per_phone_per_day: 100_000_000, retention_years: 5, updated_at: new Date().toISOString() }).execute();
await setup.close();

// ---- 2. the bulk: COUNT opinions over two years, by direct inserts ---------------------------------
// 2% just received, 12% in handling (assigned within the last four months), 3% replied awaiting
// feedback, 83% closed; 30% of routed items also have a co-handling unit.
interface Row {
  o: unknown[];
  a: unknown[][];
}
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
// Deadlines depend only on the day of assignment (730 distinct days): computed once per day.
const memo = new Map<string, { decline: string; due: string; coDue: string }>();
const datesOf = (d: string) => {
  let m = memo.get(d);
  if (!m) memo.set(d, (m = { decline: cal.addWorkingDays(d, 10), due: cal.addMonths(d, 3), coDue: cal.addMonths(d, 2) }));
  return m;
};
const feedbackDue = cal.addWorkingDays(today, 5);
function makeRow(i: number): Row {
  const id = randomUUID();
  const r = Math.random();
  const status = r < 0.02 ? 'received' : r < 0.14 ? 'assigned' : r < 0.17 ? 'replied' : 'closed';
  const age = status === 'assigned' ? Math.floor(Math.random() * 120) : status === 'received' ? Math.floor(Math.random() * 5) : Math.floor(Math.random() * 730);
  const received = addDays(today, -age);
  const at = `${received}T0${i % 10}:00:00.000Z`;
  const phone = `13${String(100_000_000 + (i % 900_000_000)).padStart(9, '0')}`;
  const routed = status !== 'received';
  const o = [
    id, congressId, null, trackingCodeFrom(randomBytes(8)), 'online',
    fc.encrypt(`市民${i}`, piiContext('name', id)), fc.encrypt(phone, piiContext('phone', id)), null, fc.blindIndex('phone', phone), null,
    `第${i}条意见：道路、路灯、物业、供暖等民生问题。`, pick(['市政设施', '物业', '交通', '教育', '医疗']),
    routed ? 'mass_opinion' : null, routed ? 'forward' : null, null, null, status, 1, 0, null, null, received,
    routed ? received : null, null, status === 'replied' || status === 'closed' ? received : null, status === 'replied' ? feedbackDue : null,
    status === 'closed' ? at : null, status === 'closed' ? 'satisfied' : null, null, null, at, at,
  ];
  const a: unknown[][] = [];
  if (routed) {
    const lead = pick(units);
    const d = datesOf(received);
    const state = status === 'assigned' ? 'active' : 'replied';
    a.push([randomUUID(), congressId, id, lead, 'lead', 1, received, d.decline, d.due, state, null, null, state === 'replied' ? received : null, 0, null, at]);
    if (Math.random() < 0.3) {
      let co = pick(units);
      while (co === lead) co = pick(units);
      a.push([randomUUID(), congressId, id, co, 'co', 1, received, d.decline, d.coDue, state, null, null, state === 'replied' ? received : null, 0, null, at]);
    }
  }
  return { o, a };
}
const O_COLS = 'id, congress_id, station_id, tracking_code, channel, name_enc, phone_enc, id_number_enc, phone_index, source_index, content, category, class, disposition, route, answer, status, round, is_key, entered_by, deputy_id, received_on, routed_on, route_due, replied_on, feedback_due, closed_at, closure, relayed_at, anonymized_at, created_at, updated_at';
const A_COLS = 'id, congress_id, opinion_id, unit_id, role, round, assigned_on, decline_by, due_date, state, declined_on, decline_reason, replied_on, extended, extension_note, created_at';
const holes = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

const tGen = performance.now();
let assignments = 0;
const BATCH = 20_000;
if (!pgUrl) {
  const db = new SQLite(sqlitePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insO = db.prepare(`insert into opinions (${O_COLS}) values (${holes(32)})`);
  const insA = db.prepare(`insert into opinion_assignments (${A_COLS}) values (${holes(16)})`);
  const batch = db.transaction((rows: Row[]) => {
    for (const r of rows) {
      insO.run(...r.o);
      for (const a of r.a) insA.run(...a);
    }
  });
  for (let i = 0; i < COUNT; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, COUNT - i) }, (_, k) => makeRow(i + k));
    assignments += rows.reduce((n, r) => n + r.a.length, 0);
    batch(rows);
    if ((i / BATCH) % 10 === 0) process.stdout.write(`\r  generating… ${(i + rows.length).toLocaleString()} / ${COUNT.toLocaleString()}`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('analyze');
  db.close();
} else {
  const pool = new pg.Pool({ connectionString: pgUrl, max: 2 });
  const values = (rows: unknown[][], params: unknown[]): string =>
    rows
      .map((r) => {
        const cells = r.map((v) => {
          params.push(v);
          return `$${String(params.length)}`;
        });
        return `(${cells.join(', ')})`;
      })
      .join(', ');
  for (let i = 0; i < COUNT; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, COUNT - i) }, (_, k) => makeRow(i + k));
    const p1: unknown[] = [];
    await pool.query(`insert into opinions (${O_COLS}) values ${values(rows.map((r) => r.o), p1)}`, p1);
    const as = rows.flatMap((r) => r.a);
    assignments += as.length;
    for (let j = 0; j < as.length; j += 1000) {
      const p2: unknown[] = [];
      await pool.query(`insert into opinion_assignments (${A_COLS}) values ${values(as.slice(j, j + 1000), p2)}`, p2);
    }
    if ((i / 1000) % 20 === 0) process.stdout.write(`\r  generating… ${(i + rows.length).toLocaleString()} / ${COUNT.toLocaleString()}`);
  }
  await pool.query('vacuum analyze');
  await pool.end();
}
console.log(`\r  dataset: ${COUNT.toLocaleString()} opinions, ${assignments.toLocaleString()} assignments in ${(ms(tGen) / 1000).toFixed(1)} s`);

// ---- 3. a child server, as an operator starts it -------------------------------------------------
function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => done(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}
const port = await freePort();
const child: ChildProcess = spawn(process.execPath, [...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []), '--import', 'tsx', 'server/main.ts'], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: pgUrl ?? '', YISHI_SQLITE_PATH: sqlitePath, YISHI_FIELD_KEY: fieldKey, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stop = (): void => {
  if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('exit', stop);
await new Promise<void>((done, reject) => {
  let out = '';
  child.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
    if (out.includes('ready on')) done();
  });
  child.once('exit', (code) => reject(new Error(`server exited (${String(code)}) before it was ready:\n${out}`)));
});
const base = `http://127.0.0.1:${port}`;

// ---- 4. intake over HTTP --------------------------------------------------------------------------
// A keep-alive client on node:http (lighter than fetch, so the client takes less of the CPU it shares).
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function post(path: string, payload: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((done, reject) => {
    const data = Buffer.from(JSON.stringify(payload));
    const req = request({ agent, host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(data.length), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(data);
  });
}
async function submit(i: number): Promise<number> {
  const t0 = performance.now();
  const r = await post('/api/v1/opinions', { congressId, name: `压测市民${i}`, phone: `15${String(100_000_000 + i).slice(-9)}`, content: `压测意见${i}：小区路灯损坏，请尽快维修。`, category: '市政设施' });
  if (r.status !== 201 || !r.body.includes('trackingCode')) throw new Error(`submit ${i}: ${r.status} ${r.body}`);
  return ms(t0);
}
/** CPU time (user + system, ms) the server process has used so far, from /proc. */
function serverCpuMs(): number {
  const f = readFileSync(`/proc/${String(child.pid)}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks (USER_HZ = 100)
}
for (let i = 0; i < 100; i++) await submit(COUNT + i); // warm-up (JIT, connections, caches)
const lat: number[] = [];
let next = 0;
const cpu0 = serverCpuMs();
const tIntake = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < SAMPLE) {
      const i = next++;
      lat.push(await submit(COUNT + 1000 + i));
    }
  }),
);
const intakeSeconds = ms(tIntake) / 1000;
const cpuPerSubmit = (serverCpuMs() - cpu0) / SAMPLE;
lat.sort((a, b) => a - b);
const rate = SAMPLE / intakeSeconds;

// ---- 5. the dashboard as the office ---------------------------------------------------------------
const login = await post('/api/v1/auth/login', { username: 'office', password: PASSWORD });
const { token } = JSON.parse(login.body) as { token: string };
const auth = { authorization: `Bearer ${token}` };
async function timed(url: string): Promise<{ ms: number; body: unknown }> {
  const t0 = performance.now();
  const r = await fetch(`${base}${url}`, { headers: auth });
  const body: unknown = await r.json();
  if (r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(body)}`);
  return { ms: ms(t0), body };
}
const dashUrl = `/api/v1/congresses/${congressId}/opinions/overdue-by-unit`;
const first = (await timed(dashUrl)).body as { units: { unitName: string; open: number; overdue: number }[] };
const dash: number[] = [];
for (let i = 0; i < QUERIES; i++) dash.push((await timed(dashUrl)).ms);
dash.sort((a, b) => a - b);
const list: number[] = [];
for (let i = 0; i < Math.min(QUERIES, 100); i++) list.push((await timed(`/api/v1/congresses/${congressId}/opinions/overdue?limit=50`)).ms);
list.sort((a, b) => a - b);
agent.destroy();
stop();

// ---- 6. figures -----------------------------------------------------------------------------------
const mark = (okay: boolean): string => (okay ? 'meets target' : 'MISSES target');
const open = first.units.reduce((n, u) => n + u.open, 0);
const overdue = first.units.reduce((n, u) => n + u.overdue, 0);
console.log(`\nintake over HTTP: ${SAMPLE.toLocaleString()} submissions, ${CONCURRENCY} concurrent clients, on top of ${COUNT.toLocaleString()} opinions`);
console.log(`  rate ${rate.toFixed(0)}/s (target ≥ ${TARGET_RATE}/s: ${mark(rate >= TARGET_RATE)})`);
console.log(`  server CPU per submission ${cpuPerSubmit.toFixed(2)} ms: about ${(1000 / cpuPerSubmit).toFixed(0)}/s on one free core (this machine's load average was ${loadavg()[0]?.toFixed(1) ?? '?'} on ${cpus().length} CPUs)`);
console.log(`  latency p50 ${pct(lat, 50).toFixed(1)} ms, p95 ${pct(lat, 95).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, max ${(lat.at(-1) ?? 0).toFixed(1)} ms (target p99 ≤ ${TARGET_P99_MS} ms: ${mark(pct(lat, 99) <= TARGET_P99_MS)})`);
console.log(`overdue-by-unit dashboard (${first.units.length} units, ${open.toLocaleString()} open assignments, ${overdue.toLocaleString()} overdue): ${QUERIES} requests`);
console.log(`  p50 ${pct(dash, 50).toFixed(1)} ms, p95 ${pct(dash, 95).toFixed(1)} ms, max ${(dash.at(-1) ?? 0).toFixed(1)} ms (target p95 ≤ ${TARGET_DASH_P95_MS} ms: ${mark(pct(dash, 95) <= TARGET_DASH_P95_MS)})`);
console.log(`overdue list, first page of 50 (with total): p50 ${pct(list, 50).toFixed(1)} ms, p95 ${pct(list, 95).toFixed(1)} ms`);
for (const u of first.units.slice(0, 3)) console.log(`  e.g. ${u.unitName}: ${u.open.toLocaleString()} open, ${u.overdue.toLocaleString()} overdue`);

await new Promise((done) => child.once('exit', done));
if (values.keep) console.log(`kept: ${dir}`);
else rmSync(dir, { recursive: true, force: true });

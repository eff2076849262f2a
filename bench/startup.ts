// Start-up time and idle memory of the server, as `npm start` runs it: the bundled server
// (`dist/server/main.js`, built first with `npm run build:server`) on plain Node.
// Usage: npm run bench:startup [-- --runs N] [--fresh]
//
// Prepares a SQLite database with the demo data once (kept in the system's temp directory), then
// starts the server N times on a free port: the time is from spawn until GET /api/v1/health
// answers 200; the memory is the process's resident set (VmRSS) after a second of idleness.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const TARGET_MS = 2000;
const TARGET_MB = 200;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, fresh: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs must be a positive integer');
  process.exit(2);
}

const ROOT = resolve(import.meta.dirname, '..');
const dataDir = join(tmpdir(), 'yishi-bench-startup');
const dbPath = join(dataDir, 'yishi.sqlite');
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', YISHI_SQLITE_PATH: dbPath, YISHI_DEMO_PASSWORD: 'bench-pass-2026', HOST: '127.0.0.1' };

function cli(...args: string[]): { ok: boolean; output: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

function createDatabase(): void {
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
  const r = cli('init', '--demo');
  if (!r.ok) throw new Error(`yishi init --demo failed:\n${r.output}`);
}

// The database is prepared outside the measurement: created with the demo data on the first run
// (or with --fresh), and brought to the latest migration on later ones so the server never
// migrates while timed. One the migrations no longer fit is made again.
mkdirSync(dataDir, { recursive: true });
if (values.fresh || !existsSync(dbPath)) {
  createDatabase();
  console.log(`database: ${dbPath} (created with the demo data)`);
} else if (cli('migrate').ok) {
  console.log(`database: ${dbPath} (reused)`);
} else {
  createDatabase();
  console.log(`database: ${dbPath} (made again: the kept one no longer migrated)`);
}

function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => done(port));
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) / 1024;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
}

async function healthy(port: number): Promise<boolean> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
    await r.arrayBuffer();
    return r.status === 200;
  } catch {
    return false;
  }
}

async function once(): Promise<{ ms: number; mb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/server/main.js'], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
      if (performance.now() - started > 60_000) throw new Error(`no healthy answer within 60 s:\n${output}`);
      if (await healthy(port)) break;
      await sleep(10);
    }
    const ms = performance.now() - started;
    await sleep(1000);
    if (child.pid === undefined) throw new Error('no pid');
    return { ms, mb: rssMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
}

// Measure what `npm start` runs: build the bundled server first.
const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
if (build.status !== 0) {
  console.error(build.stderr || build.stdout);
  process.exit(1);
}
const results: { ms: number; mb: number }[] = [];
for (let i = 1; i <= runs; i++) {
  const r = await once();
  results.push(r);
  console.log(`run ${i}/${runs}: ready in ${r.ms.toFixed(0)} ms, idle RSS ${r.mb.toFixed(1)} MB`);
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { min: s[0]!, median, max: s.at(-1)! };
};
const t = stats(results.map((r) => r.ms));
const m = stats(results.map((r) => r.mb));
const table = [
  ['', 'min', 'median', 'max', 'target', 'median within target'],
  ['start-up until health 200', `${t.min.toFixed(0)} ms`, `${t.median.toFixed(0)} ms`, `${t.max.toFixed(0)} ms`, `≤ ${TARGET_MS} ms`, t.median <= TARGET_MS ? 'yes' : 'NO'],
  ['idle RSS (after 1 s)', `${m.min.toFixed(1)} MB`, `${m.median.toFixed(1)} MB`, `${m.max.toFixed(1)} MB`, `≤ ${TARGET_MB} MB`, m.median <= TARGET_MB ? 'yes' : 'NO'],
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log();
console.log(line(table[0]!));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of table.slice(1)) console.log(line(r));
const load = loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`\n${runs} runs, Node ${process.version}, bundled server on plain Node; ${cpus().length} CPUs, load average ${load}.`);

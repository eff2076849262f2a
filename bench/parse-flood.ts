// The health check while the legislation parser is flooded: a real server (a child process, as an
// operator runs it) gets N parallel requests to parse a long text (about 290,000 characters), in
// rounds, while a probe polls GET /api/v1/health one request after another. Prints the probe's
// latency p50/p99/max before and during the flood, against the target p99 ≤ 100 ms.
// Usage: npm run bench:parse-flood [-- --parallel 20] [--rounds 3] [--bundled]
//   --bundled  run dist/server/main.js (build it first: npm run build:server) instead of the sources
// SQLite in a fresh temporary file; with DATABASE_URL the server uses that PostgreSQL database.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const TARGET_P99_MS = 100;
const { values } = parseArgs({
  options: { parallel: { type: 'string', default: '20' }, rounds: { type: 'string', default: '3' }, bundled: { type: 'boolean', default: false } },
});
const PARALLEL = Number(values.parallel);
const ROUNDS = Number(values.rounds);
const ROOT = resolve(import.meta.dirname, '..');
const PASSWORD = 'bench-pass-2026';

const law = readFileSync(resolve(ROOT, '../shared/reference/laws/地方各级人民代表大会和地方各级人民政府组织法(2022-03-11).md'), 'utf8');
let text = law;
while (text.length < 290_000) text += `\n${law}`;
const body = JSON.stringify({ text, format: 'markdown' });

const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? ok(a.port) : fail(new Error('no port'))));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'yishi-bench-parse-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  YISHI_SQLITE_PATH: join(dir, 'yishi.sqlite'),
  YISHI_FIELD_KEY_FILE: join(dir, 'field.key'),
  YISHI_FILES_DIR: join(dir, 'files'),
  YISHI_OPENDATA_DIR: join(dir, 'opendata'),
  YISHI_DEMO: '1',
  YISHI_DEMO_PASSWORD: PASSWORD,
};
const server: ChildProcess = values.bundled
  ? spawn(process.execPath, [resolve(ROOT, 'dist/server/main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] })
  : spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'server/main.ts')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};

try {
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error('the server did not start');
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'office', password: PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

  const probe = async (): Promise<number> => {
    const t0 = performance.now();
    const r = await fetch(`${base}/api/v1/health`);
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`health ${r.status}`);
    return performance.now() - t0;
  };
  const pct = (xs: number[], p: number): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
  };
  const line = (label: string, xs: number[]) =>
    `${label}: ${xs.length} probes, p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;

  // Warm up: the pool's first worker starts on first use.
  await (await fetch(`${base}/api/v1/legislation/parse`, { method: 'POST', headers, body })).arrayBuffer();
  const idle: number[] = [];
  for (let i = 0; i < 200; i++) idle.push(await probe());

  const during: number[] = [];
  const parseMs: number[] = [];
  const statuses = new Map<number, number>();
  const t0 = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    let pending = PARALLEL;
    const flood = Array.from({ length: PARALLEL }, async () => {
      const s = performance.now();
      const r = await fetch(`${base}/api/v1/legislation/parse`, { method: 'POST', headers, body });
      await r.arrayBuffer();
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      parseMs.push(performance.now() - s);
      pending--;
    });
    const polling = (async () => {
      while (pending > 0) during.push(await probe());
    })();
    await Promise.all([...flood, polling]);
  }
  const wall = (performance.now() - t0) / 1000;

  console.log(`parse flood: ${ROUNDS} rounds × ${PARALLEL} parallel parses of ${text.length} characters (${(Buffer.byteLength(body) / 1024).toFixed(0)} kB), ${values.bundled ? 'bundled server' : 'server from the sources'}`);
  console.log(`machine: ${availableParallelism()} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`parse answers: ${[...statuses].map(([s, n]) => `${n} × ${s}`).join(', ')}; ${(parseMs.length / wall).toFixed(1)} parses/s; parse latency p50 ${pct(parseMs, 50).toFixed(0)} ms, p99 ${pct(parseMs, 99).toFixed(0)} ms`);
  console.log(line('health, idle', idle));
  console.log(line('health, during the flood', during));
  const p99 = pct(during, 99);
  console.log(`target: health p99 ≤ ${TARGET_P99_MS} ms during the flood — ${p99 <= TARGET_P99_MS ? 'met' : 'NOT met'} (${p99.toFixed(1)} ms)`);
} finally {
  stop();
}

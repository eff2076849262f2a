// A pool of worker threads (piscina) for CPU-heavy work, so that parsing a long text or rendering a
// gazette never holds up other requests: the event loop keeps answering (health, votes, pages)
// while the workers run. The tasks are the exports of offload.worker.ts.
//
// Size (Config.work): one worker per core but one, leaving a core to the event loop. The queue is
// bounded: when it is full the request is refused at once with 503 and Retry-After, instead of
// piling up memory and latency. A task that runs too long is stopped (its worker is replaced) and
// answered 503. One pool serves the process; idle workers end by themselves.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Transferable } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type * as Tasks from './offload.worker.ts';
import { type WorkSettings, loadConfig } from './platform/config.ts';
import { DomainError } from './platform/errors.ts';

type TaskName = Exclude<keyof typeof Tasks, 'Outcome' | 'Refusal'>;
type In<K extends TaskName> = Parameters<(typeof Tasks)[K]>[0];
type Out<K extends TaskName> = Awaited<ReturnType<(typeof Tasks)[K]>> extends Tasks.Outcome<infer T> ? T : never;

let settings: WorkSettings = loadConfig().work;

// From the sources (tsx) this file is server/offload.ts beside server/offload.worker.ts; bundled,
// esbuild writes both entries and every shared chunk flat into dist/server (package.json
// build:server), so the same relative name with this file's own extension finds the worker.
const ext = extname(fileURLToPath(import.meta.url));
const workerFile = fileURLToPath(new URL(`./offload.worker${ext}`, import.meta.url));
// Node 20 does not hand the main thread's TypeScript loader (tsx) on to worker threads: run from
// the sources, each worker registers it before loading the tasks.
const tsxInWorkers = (): string[] => ['--import', `data:text/javascript,${encodeURIComponent(`import{register}from${JSON.stringify(import.meta.resolve('tsx/esm/api'))};register();`)}`];

let pool: Piscina | null = null;
const poolOf = (): Piscina =>
  (pool ??= new Piscina({
    filename: workerFile,
    ...(ext === '.ts' ? { execArgv: [...process.execArgv, ...tsxInWorkers()] } : {}),
    minThreads: 0,
    maxThreads: settings.threads,
    maxQueue: settings.queue, // see offload(): checked there as well
    idleTimeout: 30_000, // idle workers are unref'd and end after this: nothing keeps a process alive
    niceIncrement: 5, // when the cores are contended, requests on the event loop go first (Linux)
  }));

/** Sizes the pool from the configuration (createYishi); a pool of another size is replaced. */
export function configureOffload(work: WorkSettings): void {
  if (work.threads === settings.threads && work.queue === settings.queue && work.timeoutMs === settings.timeoutMs) return;
  settings = work;
  const old = pool;
  pool = null;
  void old?.close(); // tasks already queued there still finish
}

const busy = (): DomainError =>
  new DomainError(503, 'BUSY', '服务器正忙于处理其他文档，请稍后再试', 'The server is busy processing other documents; try again shortly');
const timedOut = (): DomainError =>
  new DomainError(503, 'WORK_TIMEOUT', `处理时间超过${settings.timeoutMs / 1000}秒，已停止，请缩小文档后重试`, `Processing took longer than ${settings.timeoutMs / 1000} s and was stopped; try a smaller document`);

/** Runs a task on the pool; a refusal in the worker is thrown here as the same DomainError. */
export async function offload<K extends TaskName>(name: K, input: In<K>, transferList?: Transferable[]): Promise<Out<K>> {
  const p = poolOf();
  // Piscina's own maxQueue is not enforced for tasks that carry an abort signal (they wait in its
  // skip queue), so the bound is checked here against its queue size, which counts both.
  if (p.queueSize >= settings.queue) throw busy();
  let outcome: Tasks.Outcome<Out<K>>;
  try {
    outcome = (await p.run(input, { name, signal: AbortSignal.timeout(settings.timeoutMs), ...(transferList ? { transferList } : {}) })) as Tasks.Outcome<Out<K>>;
  } catch (e) {
    if (e instanceof Error && e.message === 'Task queue is at limit') throw busy();
    if (e instanceof Error && e.name === 'AbortError') throw timedOut();
    throw e;
  }
  if ('refused' in outcome) {
    const r = outcome.refused;
    throw new DomainError(r.status, r.code, r.messageZh, r.messageEn, r.rule, r.details);
  }
  return outcome.ok;
}

/** Bytes back from a worker arrive as a plain Uint8Array: the same memory as a Buffer. */
export const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

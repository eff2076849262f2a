// Gazette build time for the seed meeting (issue 7 benchmark): the 6th meeting's gazette assembled
// from the imported record, then rendered as DOCX (target ≤ 2 s) and PDF (target ≤ 10 s).
// Run alone (npx tsx bench/publish-gazette.ts) or as a step of `npm run bench:publish`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createYishi } from '../server/bootstrap.ts';
import { SYSTEM_ACTOR, importFixture, readFixture } from '../server/modules/imports/import-fixture.ts';
import { getPublishedGazette } from '../server/modules/publication/publication.queries.ts';
import { toDocx, toPdf } from '../server/modules/publication/publication.render.ts';
import { loadConfig } from '../server/platform/config.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'yishi-bench-gazette-'));
const config = { ...loadConfig({ ...process.env, DATABASE_URL: '' }), databaseUrl: undefined, sqlitePath: join(dir, 'bench.sqlite') };
const y = await createYishi(config);
try {
  const ctx = { db: y.handle.db, hub: y.hub, actor: SYSTEM_ACTOR };
  await importFixture(ctx, readFixture(config.fixturePath), 'bench-pass-2026');
  const sixth = await y.handle.db.selectFrom('meetings').select('id').where('number', '=', 6).executeTakeFirstOrThrow();
  const { content } = await getPublishedGazette(ctx, sixth.id);
  const chars = content.sections.reduce((n, s) => n + s.paragraphs.join('').length, 0);
  console.log(`gazette: ${content.sections.length} sections, ${chars} characters (${content.issue.label})`);

  const time = async (fn: () => Promise<Buffer>) => {
    const ms: number[] = [];
    let size = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      size = (await fn()).length;
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    return { median: ms[Math.floor(ms.length / 2)] ?? 0, best: ms[0] ?? 0, size };
  };
  const docx = await time(() => toDocx(content));
  const pdf = await time(() => toPdf(content));
  const row = (name: string, r: { median: number; best: number; size: number }, target: number) =>
    `${name.padEnd(5)} median ${(r.median / 1000).toFixed(2)} s  best ${(r.best / 1000).toFixed(2)} s  ${(r.size / 1024).toFixed(0)} KiB  target ≤ ${target} s  ${r.median / 1000 <= target ? 'OK' : 'MISSED'}`;
  console.log(row('DOCX', docx, 2));
  console.log(row('PDF', pdf, 10));
} finally {
  await y.close();
  rmSync(dir, { recursive: true, force: true });
}

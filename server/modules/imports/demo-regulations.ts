// Demo content for search and the portal: the Hebi regulations of the reference corpus and the
// 卫河保护条例 as printed in the 6th meeting's gazette, imported as regulations in force through the
// legislation module's own commands (createWork, createExpression: parsed, audited), then indexed
// with the gazette's documents. Idempotent: a work whose title exists is left alone.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Ctx } from '../../platform/command.ts';
import { createExpression, createWork } from '../legislation/legislation.commands.ts';
import { indexSeedDocuments, reindexCongress } from '../search/search.sources.ts';
import { demoAdminCtx, weiheText } from './demo-seed.ts';
import { seedPath } from './import-meeting-texts.ts';

export interface DemoPaths {
  fixturePath: string;
  /** The gazette seed text; default: ../seed/000_5afcf154fdbded78.txt next to the fixtures. */
  seedPath?: string;
  /** The Markdown corpus; default: ../reference/corpus-hebi next to the fixtures. */
  corpusDir?: string;
}

export const seedPathOf = (p: DemoPaths): string => p.seedPath ?? seedPath();
export const corpusDirOf = (p: DemoPaths): string => p.corpusDir ?? join(dirname(p.fixturePath), '../reference/corpus-hebi');

export async function importDemoRegulations(ctx: Pick<Ctx, 'db' | 'hub'>, congressId: string, paths: DemoPaths): Promise<{ works: number; indexed: number }> {
  const c = await demoAdminCtx(ctx);
  if (!c) return { works: 0, indexed: 0 };
  const texts: { title: string; text: string; format: 'text' | 'markdown'; fileName: string }[] = [];
  const seedPath = seedPathOf(paths);
  const seed = readFileSync(seedPath, 'utf8');
  const weihe = weiheText(seed);
  if (weihe) texts.push({ title: '鹤壁市卫河保护条例', text: weihe, format: 'text', fileName: 'gazette-12-6.txt' });
  const dir = corpusDirOf(paths);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
    texts.push({ title: f.replace(/\(.*$/, '').replace(/\.md$/, ''), text: readFileSync(join(dir, f), 'utf8'), format: 'markdown', fileName: f });
  }
  const existing = new Set((await ctx.db.selectFrom('legislation_works').select('title').where('congress_id', '=', congressId).execute()).map((w) => w.title));
  let works = 0;
  for (const t of texts) {
    if (existing.has(t.title)) continue;
    const w = await createWork(c, congressId, { title: t.title, kind: 'regulation' });
    await createExpression(c, congressId, w.id, { stage: 'published', format: t.format, text: t.text, fileName: t.fileName });
    works++;
  }
  const r = await reindexCongress(ctx.db, congressId);
  const seedDocs = await indexSeedDocuments(ctx.db, congressId, paths.fixturePath, seedPath);
  return { works, indexed: r.regulations + r.meetings + r.documents + r.opinions + seedDocs };
}

// Parses and checks every seed and reference text; prints texts per second and the slowest texts.
// Usage: npm run bench:legislation [-- rounds]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeText } from '../server/modules/legislation/analyze.rules.ts';
import { countsOf } from '../server/modules/legislation/legislation.model.ts';

const SHARED = resolve(import.meta.dirname, '../../shared');
const seed = readFileSync(join(SHARED, 'seed/000_5afcf154fdbded78.txt'), 'utf8').split('\n');
const slice = (a: number, b: number): string => seed.slice(a - 1, b).join('\n');

interface Text {
  name: string;
  src: string;
  format: 'text' | 'markdown';
  explanation?: string;
}
const texts: Text[] = [
  { name: 'seed L93–L288 卫河保护条例（草案）', src: slice(93, 288), format: 'text', explanation: slice(60, 91) },
  { name: 'seed L1043–L1289 议事规则', src: slice(1043, 1289), format: 'text', explanation: slice(1291, 1338) },
  { name: 'seed L1340–L1468 公园管理条例（草案修改稿）', src: slice(1340, 1468), format: 'text', explanation: slice(1470, 1500) },
  { name: 'seed L1596–L1704 示范点管理办法（草案）', src: slice(1596, 1704), format: 'text', explanation: slice(1706, 1760) },
];
for (const dir of ['reference/corpus-hebi', 'reference/laws', 'reference/rules-of-procedure']) {
  for (const f of readdirSync(join(SHARED, dir)).sort()) {
    if (f.endsWith('.md')) texts.push({ name: `${dir.split('/')[1]}/${f}`, src: readFileSync(join(SHARED, dir, f), 'utf8'), format: 'markdown' });
  }
}

const rounds = Number(process.argv[2] ?? 20);
// Warm up once (JIT, the segmenter, regexes) and print the structure found.
let chars = 0;
for (const t of texts) {
  const { doc, findings } = analyzeText(t.src, { format: t.format, explanation: t.explanation ?? null });
  const c = countsOf(doc);
  chars += t.src.length;
  console.log(`${t.name}: ${c.chapters} chapters, ${c.sections} sections, ${c.articles} articles, ${c.paragraphs} paragraphs, ${c.items} items; ${findings.length} findings`);
}

const perText = new Map<string, number>();
const start = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (const t of texts) {
    const t0 = process.hrtime.bigint();
    analyzeText(t.src, { format: t.format, explanation: t.explanation ?? null });
    perText.set(t.name, (perText.get(t.name) ?? 0) + Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const n = texts.length * rounds;
console.log(`\n${texts.length} texts (${(chars / 1000).toFixed(0)}k characters) × ${rounds} rounds: ${n} parses+checks in ${ms.toFixed(0)} ms`);
console.log(`texts per second: ${((n / ms) * 1000).toFixed(1)}; mean ${(ms / n).toFixed(2)} ms per text`);
console.log('slowest (mean ms per parse+check):');
for (const [name, total] of [...perText].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${(total / rounds).toFixed(2)} ms  ${name}`);

// Every seed text and every file of the Hebi corpus, exported to Akoma Ntoso 3.0 as a bill (drafts)
// and as an act (texts in force), validates against the OASIS schema (tests/fixtures/akn/) with
// xmllint; and a text written back from its tree parses to the same structure (the drafter's edits
// are stored that way).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { analyzeText } from '../server/modules/legislation/analyze.rules.ts';
import { toAkomaNtoso } from '../server/modules/legislation/export-markup.rules.ts';
import { countsOf } from '../server/modules/legislation/legislation.model.ts';
import { toPlainText } from '../server/modules/legislation/serialize.rules.ts';

const ROOT = resolve(import.meta.dirname, '..');
const XSD = resolve(ROOT, 'tests/fixtures/akn/akomantoso30.xsd');
const seed = readFileSync(resolve(ROOT, '../shared/seed/000_5afcf154fdbded78.txt'), 'utf8').split('\n');
const slice = (a: number, b: number): string => seed.slice(a - 1, b).join('\n');
const corpusDir = resolve(ROOT, '../shared/reference/corpus-hebi');

const texts: { name: string; text: string; format: 'text' | 'markdown' }[] = [
  { name: 'Wei River draft (L93–L288)', text: slice(93, 288), format: 'text' },
  { name: 'park regulation (L1340–L1468)', text: slice(1340, 1468), format: 'text' },
  { name: 'rules of procedure (L1043–L1289)', text: slice(1043, 1289), format: 'text' },
  { name: 'station measures (L1596–L1704)', text: slice(1596, 1704), format: 'text' },
  ...readdirSync(corpusDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(corpusDir, f), 'utf8'), format: 'markdown' as const })),
];

const has = (cmd: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

void test('the export of every seed and corpus text validates against the OASIS Akoma Ntoso 3.0 schema', { skip: has('xmllint') || process.env.CI ? false : 'xmllint is not installed' }, () => {
  assert.equal(texts.length, 12);
  const dir = mkdtempSync(join(tmpdir(), 'yishi-akn-all-'));
  try {
    const files: string[] = [];
    texts.forEach(({ text, format }, k) => {
      const { doc } = analyzeText(text, { format });
      for (const stage of ['draft', 'published'] as const) {
        const f = join(dir, `${k}-${stage}.xml`);
        writeFileSync(f, toAkomaNtoso(doc, { workId: `w${k}`, expressionId: `e${k}`, stage, date: '2026-11-28', congressName: '鹤壁市人民代表大会常务委员会', congressSlug: 'hebi' }));
        files.push(f);
      }
    });
    // One xmllint run for all 24 documents; it exits non-zero and names the file when one fails.
    let out = '';
    try {
      execFileSync('xmllint', ['--noout', '--schema', XSD, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = String((e as { stderr?: string }).stderr ?? e);
    }
    assert.equal(out, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a text written back from its tree parses to the same structure, title and stage', () => {
  for (const { name, text, format } of texts) {
    const a = analyzeText(text, { format });
    const b = analyzeText(toPlainText(a.doc), { format: 'text' });
    assert.deepEqual(countsOf(b.doc), countsOf(a.doc), name);
    assert.equal(b.doc.title, a.doc.title, name);
    assert.equal(b.doc.stageLabel, a.doc.stageLabel, name);
    assert.deepEqual(
      b.findings.filter((f) => f.kind === 'unplaced'),
      [],
      name,
    );
  }
});

// Search quality on the judged query set (tests/fixtures/search/judged.json, ≥ 50 queries with
// graded relevance), over the demo index: nDCG@10, and the target unit first for most queries.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { importDemoRegulations } from '../server/modules/imports/demo-regulations.ts';
import { evaluate, readJudged } from '../server/modules/search/search.eval.ts';
import { ndcgAt } from '../server/modules/search/search.rules.ts';
import { type TestApp, dbKind, startTestApp } from './harness.ts';

let t: TestApp;
const judged = readJudged(resolve(import.meta.dirname, 'fixtures/search/judged.json'));

before(async () => {
  t = await startTestApp();
  await importDemoRegulations({ db: t.yishi.handle.db, hub: t.yishi.hub }, t.hebiId, { fixturePath: t.config.fixturePath });
});
after(async () => t.close());

test('nDCG@10: a perfect ranking scores 1, a ranking without the relevant unit 0, order matters', () => {
  const j = { a: 3, b: 1 };
  assert.equal(ndcgAt(10, ['a', 'b', 'c'], j), 1);
  assert.equal(ndcgAt(10, ['c', 'd'], j), 0);
  assert.ok(ndcgAt(10, ['b', 'a'], j) < 1);
  assert.ok(ndcgAt(10, ['c', 'a', 'b'], j) < ndcgAt(10, ['a', 'c', 'b'], j));
});

test(`the judged set has at least 50 queries with graded relevance, and search scores nDCG@10 ≥ 0.8 on it (${dbKind})`, async () => {
  assert.ok(judged.length >= 50);
  assert.ok(judged.every((q) => Object.values(q.judgments).includes(3)));
  const r = await evaluate(t.yishi.handle.db, t.hebiId, judged);
  const worst = [...r.per].sort((a, b) => a.ndcg - b.ndcg).slice(0, 5);
  console.log(`# nDCG@10 (${dbKind}, words+bigrams) = ${r.mean.toFixed(3)} over ${String(judged.length)} queries; lowest: ${worst.map((w) => `${w.q}=${w.ndcg.toFixed(2)}`).join('; ')}`);
  assert.ok(r.mean >= 0.8, `mean nDCG@10 ${r.mean.toFixed(3)}`);
  const firstRight = judged.filter((j, i) => j.judgments[r.per[i]?.top ?? ''] === 3).length;
  assert.ok(firstRight / judged.length >= 0.75, `target first for ${String(firstRight)} of ${String(judged.length)}`);
});

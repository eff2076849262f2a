// The index follows the records without the reindex route: publishing a regulation's expression
// makes its articles searchable, and a public answer to a citizen's opinion is found by its words.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, dbKind, startTestApp } from './harness.ts';

let t: TestApp;
let admin: string;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
after(async () => t.close());

const q = (params: Record<string, string>) => `/api/v1/search?${new URLSearchParams(params).toString()}`;

/** Polls the search API until the predicate holds, or fails after the timeout. */
async function eventually(url: string, ok: (body: { total: number; hits: { type: string; title: string; articleNum?: string }[] }) => boolean, timeoutMs = 15_000) {
  const start = Date.now();
  let last: unknown;
  while (Date.now() - start < timeoutMs) {
    const r = await t.request('GET', url);
    assert.equal(r.status, 200);
    last = r.body;
    if (ok(r.body)) return r.body;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.fail(`not found within ${String(timeoutMs)} ms: ${JSON.stringify(last).slice(0, 300)}`);
}

test(`a published regulation expression is searchable without a reindex (${dbKind})`, async () => {
  const leg = `/api/v1/congresses/${t.hebiId}/legislation`;
  const w = await t.request('POST', `${leg}/works`, { token: admin, body: { title: '鹤壁市琉璃瓦保护条例' } });
  assert.equal(w.status, 201);
  const url = q({ q: '琉璃瓦 窑址', congressId: t.hebiId, type: 'regulation' });
  assert.equal((await t.request('GET', url)).body.total, 0);
  const e = await t.request('POST', `${leg}/works/${w.body.id}/expressions`, {
    token: admin,
    body: { stage: 'published', format: 'text', text: '鹤壁市琉璃瓦保护条例\n第一条 为了保护琉璃瓦传统技艺，制定本条例。\n第二条 古窑址由文物主管部门登记保护。' },
  });
  assert.equal(e.status, 201);
  const body = await eventually(url, (b) => b.total > 0);
  assert.equal(body.hits[0]?.articleNum, '第二条');
  assert.match(body.hits[0]?.title ?? '', /琉璃瓦保护条例 第二条/);
  // No whole-congress rebuild happened: the demo regulations were never indexed here.
  assert.equal((await t.request('GET', q({ q: '卫河流域管理机构', congressId: t.hebiId, type: 'regulation' }))).body.total, 0);
});

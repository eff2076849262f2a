// Search through HTTP: the demo regulations and the 6th meeting's gazette documents indexed from
// the records; a hit at 卫河保护条例 第四十二条 by words from it; facets, highlighting, hostile queries.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { importDemoRegulations } from '../server/modules/imports/demo-regulations.ts';
import { type TestApp, dbKind, startTestApp, tableCounts } from './harness.ts';

let t: TestApp;

before(async () => {
  t = await startTestApp();
  const r = await importDemoRegulations({ db: t.yishi.handle.db, hub: t.yishi.hub }, t.hebiId, { fixturePath: t.config.fixturePath });
  assert.ok(r.works >= 9, `demo works imported: ${String(r.works)}`);
});
after(async () => t.close());

const q = (params: Record<string, string | number>) => `/api/v1/search?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;

test(`search finds 卫河保护条例 第四十二条 at that article by words from it (${dbKind})`, async () => {
  const r = await t.request('GET', q({ q: '卫河流域管理机构 限期拆除违法建筑物', congressId: t.hebiId }));
  assert.equal(r.status, 200);
  const top = r.body.hits[0];
  assert.equal(top.type, 'regulation');
  assert.equal(top.articleNum, '第四十二条');
  assert.match(top.title, /鹤壁市卫河保护条例 第四十二条/);
  assert.match(top.url, /^\/p\/hebi\/regulations\/[\w-]+#art_42$/);
  assert.ok(top.snippet.includes('拆除违法建筑物'), top.snippet);
  // The highlighted ranges cover the query's words.
  const marked = top.highlights.map(([a, b]: [number, number]) => top.snippet.slice(a, b)).join('|');
  assert.match(marked, /卫河流域管理机构/);
  assert.equal(r.headers['access-control-allow-origin'], '*');
});

test('every article of a corpus regulation is found at its number (淇河保护条例)', async () => {
  const r = await t.request('GET', q({ q: '淇河 绿线 规划控制区域', congressId: t.hebiId, type: 'regulation' }));
  assert.equal(r.status, 200);
  assert.ok(r.body.total > 0);
  assert.equal(r.body.hits[0].articleNum, '第二条');
  assert.match(r.body.hits[0].title, /淇河保护条例/);
});

test('gazette documents of the 6th meeting are searchable with facets by type, year and meeting', async () => {
  const r = await t.request('GET', q({ q: '民事检察', congressId: t.hebiId, limit: 5 }));
  assert.equal(r.status, 200);
  assert.ok(r.body.hits.some((h: { type: string; title: string }) => h.type === 'gazette' && h.title.includes('民事检察')));
  const types = new Map(r.body.facets.type.map((f: { value: string; count: number }) => [f.value, f.count]));
  assert.ok((types.get('gazette') as number) > 0);
  assert.ok(r.body.facets.year.some((f: { value: string }) => f.value === '2023'));
  assert.ok(r.body.facets.meeting.some((f: { label: string }) => f.label.includes('第六次会议')));
  // Filtering by a facet keeps only that type.
  const only = await t.request('GET', q({ q: '民事检察', congressId: t.hebiId, type: 'gazette' }));
  assert.ok(only.body.hits.length > 0);
  assert.ok(only.body.hits.every((h: { type: string }) => h.type === 'gazette'));
  // The reader returns the unit's text (the meeting's document; the published gazette prints it too).
  const urls = (only.body.hits as { url: string }[]).map((h) => h.url);
  const m = urls.map((u) => /\/read\/seed_gazette\/seed\?part=(.+)$/.exec(u)).find((x) => x !== null);
  assert.ok(m, urls.join(' '));
  const unit = await t.request('GET', `/api/v1/congresses/${t.hebiId}/search/units/seed_gazette/seed?part=${m[1] ?? ''}`);
  assert.equal(unit.status, 200);
  assert.ok(unit.body.body.includes('民事检察'));
});

test('another congress finds nothing of Hebi; an unknown congress is no error', async () => {
  const r = await t.request('GET', q({ q: '卫河', congressId: t.henanId }));
  assert.equal(r.status, 200);
  assert.equal(r.body.total, 0);
  const u = await t.request('GET', q({ q: '卫河', congressId: 'no-such-congress' }));
  assert.equal(u.status, 200);
  assert.equal(u.body.total, 0);
});

test('hostile queries answer clearly or find nothing, never a 500, and change nothing', async () => {
  const before = await tableCounts(t);
  const hostile = ['', '   ', '"', '*', 'NEAR(', '卫河" OR "', "'; drop table search_documents; --", '<script>alert(1)</script>', '卫河 AND NOT', '\\', '%_%', 'x'.repeat(10_000), '卫'.repeat(10_000), '第四十二条 ^ $ : ( ) { } -'];
  for (const s of hostile) {
    const r = await t.request('GET', q({ q: s, congressId: t.hebiId }));
    assert.equal(r.status, 200, `${s.slice(0, 20)} → ${String(r.status)} ${JSON.stringify(r.body).slice(0, 200)}`);
    assert.ok(Array.isArray(r.body.hits));
    for (const h of r.body.hits) assert.ok(!String(h.snippet).includes('<script>'));
  }
  const empty = await t.request('GET', q({ q: '' }));
  assert.equal(empty.body.matched, 'none');
  assert.match(empty.body.notice.zh, /请输入/);
  const long = await t.request('GET', q({ q: `卫河${'保护'.repeat(3000)}` }));
  assert.match(long.body.notice.en, /too long/);
  // Syntax is searched as text, not obeyed: the index is still there.
  const still = await t.request('GET', q({ q: '卫河', congressId: t.hebiId }));
  assert.ok(still.body.total > 0);
  // Bad parameters are a 400 with both languages.
  const bad = await t.request('GET', q({ q: '卫河', limit: 1000 }));
  assert.equal(bad.status, 400);
  assert.ok(bad.body.message_zh && bad.body.message_en);
  assert.deepEqual(await tableCounts(t), before);
});

test('reindex is for the office: the public gets 401, a member 403, the office a count', async () => {
  const url = `/api/v1/congresses/${t.hebiId}/search/reindex`;
  assert.equal((await t.request('POST', url)).status, 401);
  const member = await t.login('m05');
  assert.equal((await t.request('POST', url, { token: member })).status, 403);
  const office = await t.login('office');
  const r = await t.request('POST', url, { token: office });
  assert.equal(r.status, 200);
  assert.ok(r.body.regulations > 300, JSON.stringify(r.body)); // every article of the nine regulations
  // Authenticated writes never carry CORS.
  assert.equal(r.headers['access-control-allow-origin'], undefined);
  const again = await t.request('GET', q({ q: '卫河流域管理机构 限期拆除违法建筑物', congressId: t.hebiId }));
  assert.equal(again.body.hits[0].articleNum, '第四十二条');
});

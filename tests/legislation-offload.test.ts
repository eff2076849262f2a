// Parsing off the event loop (issue 11, finding 6): a flood of long texts to the legislation parser
// does not hold up other requests, anonymous callers get a small body, and a full queue is refused
// with 503. Timing targets are in bench/parse-flood.ts; here only the order of answers is asserted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..');
const law = readFileSync(resolve(ROOT, '../shared/reference/laws/地方各级人民代表大会和地方各级人民政府组织法(2022-03-11).md'), 'utf8');
/** A long text (about 290,000 characters, 850 kB): what takes a parser tens of milliseconds. */
export const longText = (): string => {
  let s = law;
  while (s.length < 290_000) s += `\n${law}`;
  return s;
};

let t: TestApp;
let office: string;
before(async () => {
  t = await startTestApp({ env: { YISHI_WORKERS: '1', YISHI_WORK_QUEUE: '64' } });
  office = await t.login('office');
});
after(() => t.close());

void test('a flood of 20 long parses: the health check keeps answering while the parses are in flight', async () => {
  // Over real HTTP on the loopback, as a monitoring probe and 20 drafters' browsers would call.
  const base = await t.yishi.app.listen({ port: 0, host: '127.0.0.1' });
  const body = JSON.stringify({ text: longText(), format: 'markdown' });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${office}` };
  // Warm the pool (a worker starts on first use) so the flood measures parsing, not start-up.
  assert.equal((await t.request('POST', '/api/v1/legislation/parse', { token: office, body: { text: '第一条 本条例自公布之日起施行。' } })).status, 200);

  const timeline: ('health' | 'parse')[] = [];
  let pending = 20;
  const parses = Array.from({ length: 20 }, async () => {
    const r = await fetch(`${base}/api/v1/legislation/parse`, { method: 'POST', body, headers });
    const json = (await r.json()) as { articles: unknown[] };
    pending--;
    timeline.push('parse');
    return { status: r.status, articles: json.articles.length };
  });
  const healthStatuses: number[] = [];
  const poll = (async () => {
    while (pending > 0) {
      const r = await fetch(`${base}/api/v1/health`);
      await r.arrayBuffer();
      healthStatuses.push(r.status);
      if (pending > 0) timeline.push('health');
    }
  })();
  const results = await Promise.all(parses);
  await poll;

  assert.deepEqual(
    results.map((r) => r.status),
    Array.from({ length: 20 }, () => 200),
  );
  assert.ok(results.every((r) => r.articles > 100));
  assert.ok(healthStatuses.length > 0 && healthStatuses.every((s) => s === 200));
  // Health answers came back while the parses were in flight. On the event loop each long parse
  // holds up every other request, so at most a health answer or two fits between two parse
  // answers; with the pool they keep coming: at least ten before the first parse is answered or
  // between two parse answers.
  const runs = timeline
    .join(' ')
    .split('parse')
    .map((seg) => seg.split(' ').filter((x) => x === 'health').length);
  assert.ok(Math.max(...runs) >= 10, `health answers between parse answers: ${runs.join(',')}`);
});

void test('an anonymous body over the limit is refused with a bilingual 413 naming the limit; signed in, the large limit holds', async () => {
  const text = '第一条 内容。'.repeat(8_000); // 8 × 8,000 = 64,000 characters, about 190 kB
  const expect413 = (r: { status: number; body: { code: string; message_zh: string; message_en: string } }) => {
    assert.equal(r.status, 413, JSON.stringify(r.body).slice(0, 200));
    assert.equal(r.body.code, 'PARSE_LOGIN_REQUIRED');
    assert.match(r.body.message_zh, /64 KB/);
    assert.match(r.body.message_zh, /登录/);
    assert.match(r.body.message_en, /64 KB/);
    assert.match(r.body.message_en, /log in/);
  };
  expect413(await t.request('POST', '/api/v1/legislation/parse', { body: { text } }));
  // Without a Content-Length (chunked), the body is counted as it arrives.
  const chunked = await t.yishi.app.inject({
    method: 'POST',
    url: '/api/v1/legislation/parse',
    headers: { 'content-type': 'application/json' },
    payload: Readable.from([Buffer.from(JSON.stringify({ text }))]),
  });
  assert.equal(chunked.headers['content-length'] === undefined || chunked.statusCode === 413, true);
  expect413({ status: chunked.statusCode, body: chunked.json() });
  // A regulation of ordinary length is checked without an account.
  const small = await t.request('POST', '/api/v1/legislation/parse', { body: { text: '第一条 内容。'.repeat(2_000) } });
  assert.equal(small.status, 200);
  assert.equal(small.body.articles.length, 1);
  // Signed in, the same long text is parsed.
  const signedIn = await t.request('POST', '/api/v1/legislation/parse', { token: office, body: { text } });
  assert.equal(signedIn.status, 200);
});

void test('a full work queue is refused at once with 503, Retry-After and both languages', async () => {
  const busyApp = await startTestApp({ demo: false, env: { YISHI_WORKERS: '1', YISHI_WORK_QUEUE: '2' } });
  try {
    // Anonymous parses within the small limit still take a worker: 12 at once overflow one worker
    // with a queue of 2.
    const text = law.slice(0, 20_000);
    const rs = await Promise.all(Array.from({ length: 12 }, () => busyApp.request('POST', '/api/v1/legislation/parse', { body: { text, format: 'markdown' } })));
    const refused = rs.filter((r) => r.status === 503);
    const done = rs.filter((r) => r.status === 200);
    assert.ok(refused.length > 0 && done.length > 0, rs.map((r) => r.status).join(','));
    assert.equal(refused.length + done.length, 12);
    assert.equal(refused[0]!.body.code, 'BUSY');
    assert.match(refused[0]!.body.message_zh, /正忙/);
    assert.match(refused[0]!.body.message_en, /busy/);
    assert.equal(refused[0]!.headers['retry-after'], '5');
  } finally {
    await busyApp.close();
  }
});

void test('a task running past the time limit is stopped and answered 503; the pool goes on working', async () => {
  const slow = await startTestApp({ env: { YISHI_WORKERS: '1', YISHI_WORK_QUEUE: '64', YISHI_WORK_TIMEOUT_MS: '10000' } });
  /** A small parse until one answers 200: a worker's start-up counts against the limit, and a busy machine starts it slowly. */
  const warm = async () => {
    for (let i = 0; i < 6; i++) if ((await slow.request('POST', '/api/v1/legislation/parse', { body: { text: '第一条 内容。' } })).status === 200) return true;
    return false;
  };
  try {
    const token = await slow.login('office');
    assert.ok(await warm(), 'a worker starts');
    const base = `/api/v1/congresses/${slow.hebiId}/legislation`;
    // Two long texts of different works: compared article by article without stable ids, far more than ten seconds' work.
    const text = longText();
    const ids: string[] = [];
    for (const [k, src] of [text, text.replace(/人民/g, '公民')].entries()) {
      const w = await slow.request('POST', `${base}/works`, { token, body: { title: `长文本${k}` } });
      assert.equal(w.status, 201, JSON.stringify(w.body));
      const e = await slow.request('POST', `${base}/works/${w.body.id}/expressions`, { token, body: { format: 'markdown', stage: 'draft', text: src } });
      assert.equal(e.status, 201, JSON.stringify(e.body).slice(0, 300));
      ids.push(e.body.id as string);
    }
    const r = await slow.request('GET', `${base}/compare?from=${ids[0]}&to=${ids[1]}`, { token });
    assert.equal(r.status, 503, JSON.stringify(r.body).slice(0, 300));
    assert.equal(r.body.code, 'WORK_TIMEOUT');
    assert.match(r.body.message_zh, /10秒/);
    assert.match(r.body.message_en, /10 s/);
    // The stopped worker is replaced: the next task runs.
    assert.ok(await warm(), 'the pool goes on working');
  } finally {
    await slow.close();
  }
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('a script logs in with a bearer token and lists the 41 members', async () => {
  const token = await t.login('m01');
  const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/members`, { token });
  assert.equal(r.status, 200);
  assert.equal(r.body.length, 41);
  assert.deepEqual(r.body[0], { id: r.body[0].id, name: '史全新', role: 'chair', roleZh: '主任', rank: 1, post: null });
});

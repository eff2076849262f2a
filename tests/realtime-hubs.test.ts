// The hubs that carry change events between processes: which one is chosen, and that a pair on
// one channel delivers each event once everywhere, with the same version stamp.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import type { ChangeEvent, EventMeta, Hub } from '../server/platform/hub.ts';
import { LocalHub } from '../server/platform/hub.ts';
import { parseEnvelope } from '../server/platform/realtime/envelope.ts';
import { chooseHub } from '../server/platform/realtime/hubs.ts';
import { PgHub } from '../server/platform/realtime/pg-hub.ts';
import { RedisHub } from '../server/platform/realtime/redis-hub.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const hubs: Hub[] = [];
after(async () => {
  for (const h of hubs) await h.close();
});

const silent = { warn: () => undefined };

test('hub choice: Redis when REDIS_URL is set, else PostgreSQL, else in-process; YISHI_HUB forces one', () => {
  const pgUrl = 'postgres://x/y';
  assert.equal(chooseHub({ hub: 'auto', redisUrl: 'redis://r', databaseUrl: pgUrl }), 'redis');
  assert.equal(chooseHub({ hub: 'auto', redisUrl: undefined, databaseUrl: pgUrl }), 'postgres');
  assert.equal(chooseHub({ hub: 'auto', redisUrl: undefined, databaseUrl: undefined }), 'local');
  assert.equal(chooseHub({ hub: 'postgres', redisUrl: 'redis://r', databaseUrl: pgUrl }), 'postgres');
  assert.equal(chooseHub({ hub: 'local', redisUrl: 'redis://r', databaseUrl: pgUrl }), 'local');
});

test('envelopes from the wire are checked', () => {
  const e = { topic: 'poll', congressId: 'c', id: 'p', meetingId: 'm', audience: 'public', tally: true };
  assert.deepEqual(parseEnvelope(JSON.stringify({ o: 'a', v: 'v1', e })), { o: 'a', v: 'v1', e });
  assert.deepEqual(parseEnvelope(JSON.stringify({ o: 'a', v: 'v1', e: { ...e, body: 'secret' } }))?.e, e, 'unknown fields are dropped');
  for (const bad of ['nope', '{}', JSON.stringify({ o: 'a', v: 'v', e: { topic: 1, congressId: 'c' } }), JSON.stringify({ o: 'a', v: 'v', e: { ...e, audience: 'all' } })]) {
    assert.equal(parseEnvelope(bad), null, bad);
  }
});

test('LocalHub: delivers in process with a fresh version per event; a failing listener does not stop the others', async () => {
  const h = new LocalHub();
  hubs.push(h);
  const seen: EventMeta[] = [];
  h.subscribe(() => {
    throw new Error('listener bug');
  });
  h.subscribe((_e, m) => seen.push(m));
  const err = console.error;
  console.error = () => undefined;
  try {
    await h.publish({ topic: 't', congressId: 'c' });
    await h.publish({ topic: 't', congressId: 'c' });
  } finally {
    console.error = err;
  }
  assert.equal(seen.length, 2);
  assert.notEqual(seen[0]?.v, seen[1]?.v);
  assert.equal(seen[0]?.origin, 'local');
});

async function pairDeliversOnce(a: Hub, b: Hub): Promise<void> {
  const got = { a: [] as [ChangeEvent, EventMeta][], b: [] as [ChangeEvent, EventMeta][] };
  a.subscribe((e, m) => got.a.push([e, m]));
  b.subscribe((e, m) => got.b.push([e, m]));
  const e: ChangeEvent = { topic: 'poll', congressId: 'c1', id: 'p1', meetingId: 'm1' };
  await a.publish(e);
  await b.publish({ topic: 'quorum', congressId: 'c1', id: 'm1' });
  const deadline = Date.now() + 5000;
  while ((got.a.length < 2 || got.b.length < 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 100)); // anything echoed back would arrive by now
  assert.equal(got.a.length, 2, 'each event once on A');
  assert.equal(got.b.length, 2, 'each event once on B');
  assert.deepEqual(got.a[0], [e, { v: got.a[0]![1].v, origin: 'local' }]);
  assert.deepEqual(got.b.find(([x]) => x.topic === 'poll'), [e, { v: got.a[0]?.[1].v, origin: 'remote' }], 'same version on both processes');
  assert.equal(got.a.find(([x]) => x.topic === 'quorum')?.[1].origin, 'remote');
}

test('PgHub: two hubs on one channel deliver each event once on both, with the same version', { skip: !process.env.DATABASE_URL && 'needs DATABASE_URL (PostgreSQL)' }, async () => {
  const channel = `yishi_t_${randomBytes(4).toString('hex')}`;
  const url = process.env.DATABASE_URL!;
  const a = await PgHub.open({ url, channel, log: silent });
  const b = await PgHub.open({ url, channel, log: silent });
  hubs.push(a, b);
  await pairDeliversOnce(a, b);
});

test('PgHub: refuses a channel name that is not a plain identifier', { skip: !process.env.DATABASE_URL && 'needs DATABASE_URL (PostgreSQL)' }, async () => {
  await assert.rejects(PgHub.open({ url: process.env.DATABASE_URL!, channel: 'x"; drop table users; --', log: silent }), /invalid LISTEN channel/);
});

test('RedisHub: two hubs on one channel deliver each event once on both; the subscription comes back after a cut', async (ctx) => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
  } catch {
    ctx.skip(`Redis is not reachable at ${REDIS_URL}`);
    return;
  }
  const channel = `yishi_t_${randomBytes(4).toString('hex')}`;
  const a = await RedisHub.open({ url: REDIS_URL, channel, log: silent });
  const b = await RedisHub.open({ url: REDIS_URL, channel, log: silent, name: channel });
  hubs.push(a, b);
  await pairDeliversOnce(a, b);

  // Cut B's subscriber connection: it reconnects, re-subscribes and reports a gap.
  let gaps = 0;
  b.onGap(() => gaps++);
  const list = String(await probe.client('LIST'));
  const line = list.split('\n').find((l) => l.includes(`name=yishi-hub-sub-${channel} `));
  const id = line ? /\bid=(\d+)/.exec(line)?.[1] : undefined;
  assert.ok(id, "B's subscriber is listed");
  await probe.client('KILL', 'ID', id);
  const deadline = Date.now() + 5000;
  while (gaps === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(gaps >= 1, 'gap reported');
  const seen: string[] = [];
  b.subscribe((e) => seen.push(e.topic));
  await a.publish({ topic: 'after-cut', congressId: 'c1' });
  while (!seen.includes('after-cut') && Date.now() < deadline + 5000) await new Promise((r) => setTimeout(r, 20));
  assert.ok(seen.includes('after-cut'), 'events flow again');
  probe.disconnect();
});

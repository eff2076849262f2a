// Ballots fired at once: 100 members voting simultaneously, each also sending duplicate ballots
// concurrently; and a close racing the ballots. Exactly one ballot per member counts, and the
// totals at close are exactly the acknowledged ballots (R-V3, R-V8).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Db } from '../server/platform/db.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { FIXTURE, type Member, type SeededMeeting, addMembers, meetingViaApi, tokenFor } from './polls.helpers.ts';

let t: TestApp;
let db: Db;
let office: string;
let extra: Member[];
let mtg: SeededMeeting;
const tokens = new Map<string, string>();
const CHOICES = ['yes', 'no', 'abstain'] as const;

before(async () => {
  t = await startTestApp();
  db = t.yishi.handle.db;
  office = await tokenFor(db, 'office');
  extra = await addMembers(db, t.hebiId, 110, 'cc');
  for (const m of extra) tokens.set(m.personId, await tokenFor(db, m.username!));
  mtg = await meetingViaApi((method, url, token, body) => t.request(method, url, { token, body }), db, office, t.hebiId, {
    present: [...FIXTURE.meeting.attendance.present, ...extra.map((m) => m.name)],
  });
});
after(() => t.close());

async function openPoll(subject: string) {
  const p = await t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, subject, kind: 'secret' } });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const o = await t.request('POST', `/api/v1/polls/${p.body.id}/open`, { token: office });
  assert.equal(o.status, 200, JSON.stringify(o.body));
  return p.body.id as string;
}

const ballot = (pollId: string, m: Member, choice: string) => t.request('POST', `/api/v1/polls/${pollId}/ballots`, { token: tokens.get(m.personId)!, body: { choice } });

void test('100 simultaneous ballots with concurrent double submits: one per member, totals exact', async () => {
  const pollId = await openPoll('并发表决');
  const voters = extra.slice(0, 100);
  // Every member sends three ballots at once, with different choices; all 300 are in flight together.
  const fired = voters.flatMap((m, i) => [0, 1, 2].map((k) => ({ m, choice: CHOICES[(i + k) % 3]! })));
  const results = await Promise.all(fired.map(async (f) => ({ ...f, res: await ballot(pollId, f.m, f.choice) })));

  const accepted = new Map<string, string>();
  for (const r of results) {
    if (r.res.status === 201) {
      assert.equal(accepted.has(r.m.personId), false, `${r.m.name} accepted twice`);
      accepted.set(r.m.personId, r.choice);
    } else {
      assert.equal(r.res.status, 409, JSON.stringify(r.res.body));
      assert.equal(r.res.body.code, 'ALREADY_VOTED');
    }
  }
  assert.equal(accepted.size, 100, 'every member got exactly one ballot in');

  const poll = (await t.request('GET', `/api/v1/polls/${pollId}`, { token: office })).body;
  assert.equal(poll.votedCount, 100);
  const expected = { yes: 0, no: 0, abstain: 0 };
  for (const c of accepted.values()) expected[c as keyof typeof expected]++;
  const r = await t.request('POST', `/api/v1/polls/${pollId}/close`, { token: office });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual({ yes: r.body.yes, no: r.body.no, abstain: r.body.abstain }, expected);
  assert.equal(r.body.members, 151);
  assert.equal(r.body.present, 140);
  assert.equal(r.body.required, 76);
  assert.equal(r.body.votedCount, 100);
  assert.equal(r.body.notVoted, 51);
  const voters2 = await db.selectFrom('poll_voters').select((eb) => eb.fn.countAll<number>().as('n')).where('poll_id', '=', pollId).executeTakeFirstOrThrow();
  assert.equal(voters2.n, 100);
});

void test('a close racing the ballots: every acknowledged ballot is counted, every other one refused', async () => {
  const pollId = await openPoll('结束与投票竞争');
  const voters = extra.slice(0, 100);
  // Ballots leave one every 2 ms; the close goes out once 20 have been acknowledged (or 60 have
  // been sent, and at least one acknowledged), while the rest are still being sent. The last ten
  // leave only after the close has answered, so on a slow machine too the close falls among them.
  let acks = 0;
  let firstAck: () => void = () => undefined;
  let enough: () => void = () => undefined;
  const gotFirst = new Promise<void>((r) => (firstAck = r));
  const gotEnough = new Promise<void>((r) => (enough = r));
  const closing = gotEnough.then(() => gotFirst).then(() => t.request('POST', `/api/v1/polls/${pollId}/close`, { token: office }));
  const inflight: Promise<{ choice: (typeof CHOICES)[number]; res: Awaited<ReturnType<typeof ballot>> }>[] = [];
  const send = (i: number, m: Member) => {
    const choice = CHOICES[i % 3]!;
    inflight.push(
      ballot(pollId, m, choice).then((res) => {
        if (res.status === 201) {
          if (++acks === 1) firstAck();
          if (acks === 20) enough();
        }
        return { choice, res };
      }),
    );
  };
  for (const [i, m] of voters.slice(0, 90).entries()) {
    send(i, m);
    await new Promise((r) => setTimeout(r, 2));
    if (i === 60) enough();
  }
  const closed = await closing;
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  for (const [i, m] of voters.slice(90).entries()) send(90 + i, m);
  const results = await Promise.all(inflight);
  const expected = { yes: 0, no: 0, abstain: 0 };
  let acked = 0;
  for (const r of results) {
    if (r.res.status === 201) {
      acked++;
      expected[r.choice]++;
    } else {
      assert.equal(r.res.status, 409, JSON.stringify(r.res.body));
      assert.equal(r.res.body.code, 'POLL_NOT_OPEN');
    }
  }
  assert.deepEqual({ yes: closed.body.yes, no: closed.body.no, abstain: closed.body.abstain }, expected);
  assert.equal(closed.body.votedCount, acked);
  assert.ok(acked > 0 && acked <= 90, `${acked} of 100 acknowledged: the close fell among the ballots`);
  const stored = (await t.request('GET', `/api/v1/polls/${pollId}/result`, { token: office })).body as { yes: number; no: number; abstain: number };
  assert.equal(stored.yes + stored.no + stored.abstain, acked);
});

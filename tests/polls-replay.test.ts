// The 6th meeting's votes, replayed through the API (scripts/replay.ts), seen from the polls side:
// every item the gazette lists as passed is voted by the real rule (21 yes of ALL 41 members,
// R-V6), the personnel list person by person (R-V5), each result announced; then the appointees'
// constitutional oaths are recorded (R-V7) and nothing else takes one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ApiClient, replay } from '../scripts/replay.ts';
import { DEMO_PASSWORD, type TestApp, startTestApp } from './harness.ts';
import { FIXTURE, tokenFor } from './polls.helpers.ts';

let t: TestApp;
let office: string;
let meetingId: string;

before(async () => {
  t = await startTestApp();
  const client: ApiClient = { request: (method, path, body, token) => t.request(method, path, { body, token }) };
  meetingId = (await replay(client, { password: DEMO_PASSWORD })).meetingId;
  office = await tokenFor(t.yishi.handle.db, 'office');
});
after(() => t.close());

const OATH_ACTS = new Set(['appoint', 'decide_appoint', 'decide_acting']);

void test('R-V5, R-V6: the replayed polls — every passed item and every personnel act on its own, 30 yes of 41, 21 needed', async () => {
  const polls = (await t.request('GET', `/api/v1/meetings/${meetingId}/polls`, { token: office })).body as { id: string; status: string; agendaItemId: string; candidates: { act: string; name: string }[]; votedCount: number }[];
  const passedItems = FIXTURE.meeting.agenda.filter((a) => a.outcome === 'passed');
  const personnel = polls.filter((p) => p.candidates.length > 0);
  assert.equal(personnel.length, FIXTURE.meeting.personnel.list.length + 2, 'the list, then the resignation and the acting appointment');
  assert.equal(polls.length - personnel.length, passedItems.length - 1);
  for (const p of polls) {
    assert.equal(p.status, 'announced');
    assert.equal(p.votedCount, 30);
    const r = (await t.request('GET', `/api/v1/polls/${p.id}/result`)).body;
    assert.deepEqual({ yes: r.yes, no: r.no, abstain: r.abstain, notVoted: r.notVoted, members: r.members, required: r.required, passed: r.passed }, { yes: 30, no: 0, abstain: 0, notVoted: 11, members: 41, required: 21, passed: true });
  }
  const listed = personnel.slice(0, FIXTURE.meeting.personnel.list.length).map((p) => p.candidates[0]!.name);
  assert.deepEqual(listed, FIXTURE.meeting.personnel.list.map((l) => l.person), 'in the gazette’s order, 牛海民 twice');
});

void test('R-V7: the appointees take the oath once their appointment is announced; removals take none', async () => {
  const polls = (await t.request('GET', `/api/v1/meetings/${meetingId}/polls`, { token: office })).body as { id: string; candidates: { id: string; act: string; name: string }[] }[];
  const sworn: string[] = [];
  for (const p of polls.filter((x) => x.candidates.length === 1)) {
    const c = p.candidates[0]!;
    const r = await t.request('POST', `/api/v1/polls/${p.id}/oaths`, { token: office, body: { candidateId: c.id, date: '2023-08-24' } });
    if (OATH_ACTS.has(c.act)) {
      assert.equal(r.status, 201, JSON.stringify(r.body));
      sworn.push(c.name);
    } else {
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'NOT_AN_APPOINTMENT');
    }
  }
  // 决定任命 ×3, 任命 ×2, and 苏康健 again as acting chief procurator (决定代理).
  assert.deepEqual(sworn, ['牛海民', '胡万军', '赵丽洁', '李晓晔', '苏康健', '苏康健']);
  const statements = new Set(FIXTURE.meeting.personnel.list.filter((l) => ['任命', '决定任命'].includes(l.act)).map((l) => l.person));
  for (const name of statements) assert.ok(sworn.includes(name), name);
});

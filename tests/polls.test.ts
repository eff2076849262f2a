// The polls API through HTTP, on SQLite or (with DATABASE_URL) PostgreSQL: every operation, every
// refusal with its rule, and "nothing changed" after each refusal (议事规则 art. 42–44, R-V3…R-V8).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChangeEvent } from '../server/platform/hub.ts';
import type { Db } from '../server/platform/db.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { type Call, type Member, type SeededMeeting, attendanceViaApi, meetingViaApi, pollCounts, tokenFor } from './polls.helpers.ts';

let t: TestApp;
let db: Db;
let office: string;
let admin: string;
let presiding: string; // 尚欣 presided over the 6th meeting (the chair was on leave)
let chairOnLeave: string; // 史全新, chair role, not presiding
let mtg: SeededMeeting;
const tok = new Map<string, string>(); // member name → token
const events: ChangeEvent[] = [];
const call: Call = (method, url, token, body) => t.request(method, url, { token, body });
/** A meeting in session through the meetings API (the fixture's 30 present unless said otherwise). */
const meeting = (opts: Parameters<typeof meetingViaApi>[4] = {}) => meetingViaApi(call, db, office, t.hebiId, opts);
const setAttendance = (meetingId: string, personId: string, status: 'present' | 'leave') => attendanceViaApi(call, office, meetingId, personId, status);

const byName = (name: string): Member => {
  const m = mtg.members.find((x) => x.name === name);
  if (!m) throw new Error(`no member ${name}`);
  return m;
};
const tokenOf = (name: string): string => {
  const v = tok.get(name);
  if (!v) throw new Error(`no token for ${name}`);
  return v;
};

async function ok(method: string, url: string, token: string, body?: unknown) {
  const r = await t.request(method, url, { token, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function newPoll(body: Record<string, unknown>, meeting: SeededMeeting = mtg) {
  return ok('POST', '/api/v1/polls', office, { meetingId: meeting.meetingId, ...body });
}
async function openedPoll(body: Record<string, unknown>, meeting: SeededMeeting = mtg) {
  const p = await newPoll(body, meeting);
  await ok('POST', `/api/v1/polls/${p.id}/open`, office);
  return p;
}
const vote = (pollId: string, name: string, body: unknown) => t.request('POST', `/api/v1/polls/${pollId}/ballots`, { token: tokenOf(name), body });
const close = (pollId: string) => ok('POST', `/api/v1/polls/${pollId}/close`, presiding);
let officeUserId: string;
/** The office's account is designated as this poll's teller (R-V4). */
const officeTells = (pollId: string) => ok('PUT', `/api/v1/polls/${pollId}/tellers`, office, { userIds: [officeUserId] });

/** A refusal: the status, code and rule, and nothing written. */
async function refused(run: () => Promise<{ status: number; body: { code: string; rule?: string; message_zh: string; message_en: string; details?: unknown } }>, status: number, code: string, rule?: string) {
  const before = await pollCounts(db);
  const r = await run();
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.code, code);
  assert.ok(r.body.message_zh && r.body.message_en, 'both languages');
  if (rule) assert.ok(r.body.rule?.startsWith(rule), `rule ${String(r.body.rule)} cites ${rule}`);
  assert.deepEqual(await pollCounts(db), before, 'nothing changed');
  return r.body;
}

before(async () => {
  t = await startTestApp();
  db = t.yishi.handle.db;
  t.yishi.hub.subscribe((e) => events.push(e));
  office = await t.login('office'); // one real login; the rest skip the password hash
  admin = await tokenFor(db, 'admin');
  mtg = await meeting();
  for (const m of mtg.members) if (m.username) tok.set(m.name, await tokenFor(db, m.username));
  presiding = tokenOf('尚欣');
  chairOnLeave = tokenOf('史全新');
  officeUserId = (await db.selectFrom('users').select('id').where('username', '=', 'office').executeTakeFirstOrThrow()).id;
});
after(() => t.close());

const presentNames = () => mtg.present.map((m) => m.name).filter((n) => n !== '尚欣');

void describe('a secret poll from draft to announcement', () => {
  let poll: { id: string };
  void test('createPoll: the office prepares a poll on an agenda item', async () => {
    const item = mtg.items[0]!;
    const r = await t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, agendaItemId: item.id, subject: '关于批准2022年市级财政决算的决议', kind: 'secret' } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.status, 'draft');
    assert.equal(r.body.kind, 'secret');
    assert.equal(r.body.agendaItemId, item.id);
    assert.equal(r.body.perPerson, false);
    assert.deepEqual(r.body.candidates, []);
    poll = r.body;
  });

  void test('ballots before opening are refused (POLL_NOT_OPEN)', async () => {
    await refused(() => vote(poll.id, '王海涛', { choice: 'yes' }), 409, 'POLL_NOT_OPEN');
  });

  void test('openPoll: the chair-role member who is not presiding may not open it; the presiding person may', async () => {
    await refused(() => t.request('POST', `/api/v1/polls/${poll.id}/open`, { token: chairOnLeave }), 403, 'FORBIDDEN');
    await refused(() => t.request('POST', `/api/v1/polls/${poll.id}/open`, { token: tokenOf('王小强') }), 403, 'FORBIDDEN');
    const r = await t.request('POST', `/api/v1/polls/${poll.id}/open`, { token: presiding, body: { pollId: poll.id } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'open');
    assert.equal(r.body.votedCount, 0);
    await refused(() => t.request('POST', `/api/v1/polls/${poll.id}/open`, { token: presiding }), 409, 'POLL_STATE');
  });

  void test('castBallot: present members vote once each; the ack says nothing about the count', async () => {
    const names = presentNames();
    // 20 yes, 5 no, 4 abstain (29 of the 30 present; the presiding person does not vote).
    for (const [i, name] of names.entries()) {
      const choice = i < 20 ? 'yes' : i < 25 ? 'no' : 'abstain';
      const r = await vote(poll.id, name, { pollId: poll.id, choice });
      assert.equal(r.status, 201, `${name}: ${JSON.stringify(r.body)}`);
      assert.deepEqual(r.body, { pollId: poll.id, accepted: true, channel: 'device' });
    }
  });

  void test('voting twice is refused (R-V3), whatever the choice', async () => {
    await refused(() => vote(poll.id, '王海涛', { choice: 'no' }), 409, 'ALREADY_VOTED', 'R-V3');
  });

  void test('a member on leave may not vote (R-V3)', async () => {
    await refused(() => vote(poll.id, '郑辉', { choice: 'yes' }), 403, 'NOT_PRESENT', 'R-V3');
  });

  void test('a user without a member seat may not vote (R-V3): the office, a deputy of this congress', async () => {
    await refused(() => t.request('POST', `/api/v1/polls/${poll.id}/ballots`, { token: office, body: { choice: 'yes' } }), 403, 'NOT_A_MEMBER', 'R-V3');
    const person = await ok('POST', `/api/v1/congresses/${t.hebiId}/people`, admin, { name: '某代表' });
    await ok('POST', `/api/v1/congresses/${t.hebiId}/users`, admin, { username: 'deputy.one', displayName: '某代表', personId: person.id, password: 'Passw0rd-deputy', roles: ['deputy'] });
    const deputy = await tokenFor(db, 'deputy.one');
    await refused(() => t.request('POST', `/api/v1/polls/${poll.id}/ballots`, { token: deputy, body: { choice: 'yes' } }), 403, 'NOT_A_MEMBER', 'R-V3');
  });

  void test('malformed ballots: an unknown choice, two fields, a body naming another poll', async () => {
    await refused(() => vote(poll.id, '尚欣', { choice: 'maybe' }), 400, 'VALIDATION');
    await refused(() => vote(poll.id, '尚欣', { choice: 'yes', extra: 1 }), 400, 'VALIDATION');
    await refused(() => vote(poll.id, '尚欣', { choice: 'yes', choices: [{ personId: 'x', choice: 'yes' }] }), 422, 'INVALID_BALLOT');
    await refused(() => vote(poll.id, '尚欣', { pollId: 'another', choice: 'yes' }), 400, 'BAD_REQUEST');
    await refused(() => t.request('POST', `/api/v1/polls/${poll.id}/ballots`, { body: { choice: 'yes' } }), 401, 'UNAUTHENTICATED');
  });

  void test('while open, nobody sees a count of choices — office, presiding person, admin, installation admin (R-V8)', async () => {
    for (const token of [office, presiding, admin, tokenOf('王海涛')]) {
      const r = await ok('GET', `/api/v1/polls/${poll.id}/result`, token);
      assert.equal(r.status, 'open');
      for (const k of ['yes', 'no', 'abstain', 'notVoted', 'passed', 'candidates', 'ballots', 'announcementZh']) assert.equal(k in r, false, `${k} hidden`);
      assert.equal(r.members, 41);
      assert.equal(r.present, 30);
      assert.equal(r.required, 21);
      assert.equal(r.votedCount, 29);
    }
    const p = await ok('GET', `/api/v1/polls/${poll.id}`, tokenOf('王海涛'));
    assert.equal(p.votedCount, 29);
    assert.equal(p.hasVoted, true);
    assert.equal((await ok('GET', `/api/v1/polls/${poll.id}`, presiding)).hasVoted, false);
    assert.equal((await ok('GET', `/api/v1/polls/${poll.id}`, office)).hasVoted, null);
    const voters = await ok('GET', `/api/v1/polls/${poll.id}/voters`, presiding);
    assert.equal(voters.length, 29);
    assert.deepEqual(Object.keys(voters[0]).sort(), ['channel', 'enteredByUserId', 'name', 'personId']);
    const audit = await ok('GET', `/api/v1/congresses/${t.hebiId}/audit?action=poll.&limit=500`, admin);
    const casts = audit.rows.filter((r: { action: string }) => r.action === 'poll.ballot_cast');
    assert.equal(casts.length, 29);
    for (const row of casts) assert.deepEqual(row.data, { channel: 'device' });
  });

  void test('closePoll: 20 yes of 41 members is not a majority of ALL members (R-V6), though 29 voted', async () => {
    await refused(() => t.request('POST', `/api/v1/polls/${poll.id}/close`, { token: tokenOf('王小强') }), 403, 'FORBIDDEN');
    const r = await close(poll.id);
    assert.equal(r.status, 'closed');
    assert.deepEqual(
      { yes: r.yes, no: r.no, abstain: r.abstain, notVoted: r.notVoted, members: r.members, present: r.present, required: r.required, passed: r.passed, votedCount: r.votedCount },
      { yes: 20, no: 5, abstain: 4, notVoted: 12, members: 41, present: 30, required: 21, passed: false, votedCount: 29 },
    );
    assert.match(r.rule, /R-V6/);
    assert.deepEqual(r.basis, { base: 'all_members', num: 1, den: 2, strict: true });
    assert.equal(r.announcementZh, '表决结果：赞成20票，反对5票，弃权4票，未通过。');
    assert.equal('ballots' in r, false, 'a secret poll lists no ballots');
    await refused(() => vote(poll.id, '尚欣', { choice: 'yes' }), 409, 'POLL_NOT_OPEN', 'R-V6');
    await refused(() => t.request('POST', `/api/v1/polls/${poll.id}/close`, { token: presiding }), 409, 'POLL_STATE');
  });

  void test('the stored result does not move when attendance changes later', async () => {
    await setAttendance(mtg.meetingId, byName('王小强').personId, 'leave');
    const r = await ok('GET', `/api/v1/polls/${poll.id}/result`, tokenOf('王海涛'));
    assert.equal(r.present, 30);
    assert.equal(r.yes, 20);
    await setAttendance(mtg.meetingId, byName('王小强').personId, 'present');
  });

  void test('the public sees a result only once announced, and announcePoll is the presiding person’s', async () => {
    assert.equal((await t.request('GET', `/api/v1/polls/${poll.id}/result`)).status, 404);
    await refused(() => t.request('POST', `/api/v1/polls/${poll.id}/announce`, { token: tokenOf('王小强') }), 403, 'FORBIDDEN');
    const r = await ok('POST', `/api/v1/polls/${poll.id}/announce`, presiding);
    assert.equal(r.status, 'announced');
    assert.ok(r.announcedAt);
    const pub = await t.request('GET', `/api/v1/polls/${poll.id}/result`);
    assert.equal(pub.status, 200);
    assert.equal(pub.body.yes, 20);
    assert.equal((await t.request('GET', `/api/v1/polls/${poll.id}`)).body.hasVoted, null);
    await refused(() => t.request('POST', `/api/v1/polls/${poll.id}/announce`, { token: presiding }), 409, 'POLL_STATE', 'R-V7');
  });

  void test('change events on create, open, each ballot, close and announce carry ids only; ballots are counter ticks; the announcement of a public item is public', () => {
    const mine = events.filter((e) => e.topic === 'poll' && e.id === poll.id);
    assert.equal(mine.length, 1 + 1 + 29 + 1 + 1);
    const base = { topic: 'poll', congressId: t.hebiId, id: poll.id, meetingId: mtg.meetingId };
    for (const e of [...mine.slice(0, 2), mine.at(-2)]) assert.deepEqual(e, base);
    for (const e of mine.slice(2, -2)) assert.deepEqual(e, { ...base, tally: true });
    assert.deepEqual(mine.at(-1), { ...base, audience: 'public' });
  });
});

void describe('the passing rule at the edges (R-V6)', () => {
  void test('21 yes of 41 passes with only 21 present; abstentions are not yes', async () => {
    const small = await meeting({ present: 21 });
    const p = await openedPoll({ subject: '21人出席', kind: 'secret' }, small);
    for (const m of small.present) assert.equal((await vote(p.id, m.name, { choice: 'yes' })).status, 201);
    const r = await close(p.id);
    assert.deepEqual([r.yes, r.present, r.required, r.passed], [21, 21, 21, true]);
  });

  void test('20 yes and 10 abstentions of 30 present fail', async () => {
    const p = await openedPoll({ subject: '弃权不是赞成', kind: 'secret' });
    const names = mtg.present.map((m) => m.name);
    for (const [i, name] of names.entries()) assert.equal((await vote(p.id, name, { choice: i < 20 ? 'yes' : 'abstain' })).status, 201);
    const r = await close(p.id);
    assert.deepEqual([r.yes, r.abstain, r.notVoted, r.passed], [20, 10, 11, false]);
  });

  void test('opening without quorum is refused (R-M3): 20 of 41 present; 21 is enough', async () => {
    const thin = await meeting({ present: 21 });
    const leaving = thin.present[20]!;
    await setAttendance(thin.meetingId, leaving.personId, 'leave'); // the meeting opened with 21; one has left
    const p = await newPoll({ subject: '不足法定人数', kind: 'secret' }, thin);
    const body = await refused(() => t.request('POST', `/api/v1/polls/${p.id}/open`, { token: office }), 409, 'NO_QUORUM', 'R-M3');
    assert.deepEqual(body.details, { members: 41, present: 20, required: 21 });
    assert.equal((await ok('GET', `/api/v1/polls/${p.id}`, office)).status, 'draft');
    await setAttendance(thin.meetingId, thin.absent[0]!.personId, 'present');
    assert.equal((await ok('POST', `/api/v1/polls/${p.id}/open`, office)).status, 'open');
  });

  void test('a profile counting present members changes the rule, and the result says which rule it used', async () => {
    const prof = await ok('GET', `/api/v1/congresses/${t.hebiId}/rules-profile`, admin);
    await ok('PUT', `/api/v1/congresses/${t.hebiId}/rules-profile`, admin, { ...prof, preset: 'custom', passing: { base: 'present_members', num: 1, den: 2, strict: true } });
    try {
      const p = await openedPoll({ subject: '出席过半', kind: 'secret' });
      const names = mtg.present.map((m) => m.name);
      for (const [i, name] of names.entries()) assert.equal((await vote(p.id, name, { choice: i < 16 ? 'yes' : 'no' })).status, 201);
      const r = await close(p.id);
      assert.deepEqual([r.yes, r.required, r.passed, r.basis.base], [16, 16, true, 'present_members']);
    } finally {
      await ok('PUT', `/api/v1/congresses/${t.hebiId}/rules-profile`, admin, prof);
    }
  });
});

void describe('meeting and poll state guards', () => {
  void test('a poll cannot be opened while the meeting is not in session, nor created once it is closed', async () => {
    const notified = await meeting({ state: 'notified' });
    const p = await newPoll({ subject: '会前', kind: 'secret' }, notified);
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/open`, { token: office }), 409, 'MEETING_NOT_IN_SESSION');
    const closed = await meeting({ state: 'closed' });
    await refused(() => t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: closed.meetingId, subject: '闭会后', kind: 'secret' } }), 409, 'MEETING_CLOSED');
  });

  void test('once the meeting closes, an open poll takes no more ballots, and can still be closed', async () => {
    const m = await meeting();
    const p = await openedPoll({ subject: '闭会前未结束的表决', kind: 'secret' }, m);
    assert.equal((await vote(p.id, '王海涛', { choice: 'yes' })).status, 201);
    await ok('POST', `/api/v1/meetings/${m.meetingId}/close`, office);
    await refused(() => vote(p.id, '李杰', { choice: 'yes' }), 409, 'MEETING_NOT_IN_SESSION');
    const r = await close(p.id);
    assert.deepEqual([r.yes, r.votedCount, r.passed], [1, 1, false]);
  });

  void test('one open poll per meeting at a time', async () => {
    const m = await meeting();
    await openedPoll({ subject: '第一项', kind: 'secret' }, m);
    const second = await newPoll({ subject: '第二项', kind: 'secret' }, m);
    await refused(() => t.request('POST', `/api/v1/polls/${second.id}/open`, { token: office }), 409, 'ANOTHER_POLL_OPEN');
  });

  void test('a member who leaves during the vote can no longer vote; one who signs in late can', async () => {
    const m = await meeting();
    const p = await openedPoll({ subject: '中途离场', kind: 'secret' }, m);
    await setAttendance(m.meetingId, byName('王旭东').personId, 'leave');
    await refused(() => vote(p.id, '王旭东', { choice: 'yes' }), 403, 'NOT_PRESENT', 'R-V3');
    await setAttendance(m.meetingId, byName('郑辉').personId, 'present');
    assert.equal((await vote(p.id, '郑辉', { choice: 'yes' })).status, 201);
  });

  void test('validation: unknown kind, agenda item of another meeting, unknown meeting', async () => {
    await refused(() => t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, subject: 'x', kind: 'open-ballot' } }), 400, 'VALIDATION');
    const other = await meeting();
    await refused(() => t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, agendaItemId: other.items[0]!.id, subject: 'x', kind: 'secret' } }), 404, 'NOT_FOUND');
    await refused(() => t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: 'no-such-meeting', subject: 'x', kind: 'secret' } }), 404, 'NOT_FOUND');
    await refused(() => t.request('POST', '/api/v1/polls', { token: tokenOf('王小强'), body: { meetingId: mtg.meetingId, subject: 'x', kind: 'secret' } }), 403, 'FORBIDDEN');
    await refused(() => t.request('POST', '/api/v1/polls', { body: { meetingId: mtg.meetingId, subject: 'x', kind: 'secret' } }), 401, 'UNAUTHENTICATED');
  });
});

void describe('named polls (roll call)', () => {
  void test('each member’s choice is listed after the close, not before', async () => {
    const p = await openedPoll({ subject: '记名表决', kind: 'named' });
    const names = mtg.present.map((m) => m.name);
    for (const [i, name] of names.entries()) assert.equal((await vote(p.id, name, { choice: i % 3 === 0 ? 'no' : 'yes' })).status, 201);
    const open = await ok('GET', `/api/v1/polls/${p.id}/result`, office);
    assert.equal('ballots' in open, false);
    const r = await close(p.id);
    assert.equal(r.ballots.length, 30);
    const wang = r.ballots.find((b: { name: string }) => b.name === names[0]);
    assert.deepEqual(wang, { personId: byName(names[0]!).personId, name: names[0], channel: 'device', choice: 'no' });
    assert.equal(r.yes, 20);
    assert.equal(r.no, 10);
    assert.equal(r.passed, false);
  });
});

void describe('analog polls (tellers enter totals when devices fail, R-V4)', () => {
  void test('totals replace each other until the close, cannot exceed those present, and are hidden until the close', async () => {
    const p = await openedPoll({ subject: '举手表决', kind: 'analog' });
    await refused(() => vote(p.id, '王海涛', { choice: 'yes' }), 409, 'WRONG_CHANNEL', 'R-V4');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/close`, { token: presiding }), 409, 'TOTALS_MISSING', 'R-V4');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: office, body: { totals: { yes: 10, no: 0, abstain: 0 } } }), 403, 'NOT_TELLER', 'R-V4');
    await officeTells(p.id);
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: office, body: { totals: { yes: 25, no: 5, abstain: 1 } } }), 422, 'TOO_MANY_VOTES', 'R-V3');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: tokenOf('王小强'), body: { totals: { yes: 1, no: 0, abstain: 0 } } }), 403, 'NOT_TELLER', 'R-V4');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: office, body: { entries: [{ memberId: byName('王小强').personId, choice: 'yes' }] } }), 409, 'WRONG_CHANNEL');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: office, body: {} }), 400, 'BAD_REQUEST');
    await ok('POST', `/api/v1/polls/${p.id}/analog-result`, office, { totals: { yes: 10, no: 0, abstain: 0 } });
    const entered = await ok('POST', `/api/v1/polls/${p.id}/analog-result`, presiding, { totals: { yes: 26, no: 3, abstain: 1 } });
    assert.equal(entered.votedCount, null);
    const open = await ok('GET', `/api/v1/polls/${p.id}/result`, admin);
    assert.equal('yes' in open, false);
    const audit = await ok('GET', `/api/v1/congresses/${t.hebiId}/audit?action=poll.totals_entered`, admin);
    assert.ok(audit.rows.every((r: { data: unknown }) => !JSON.stringify(r.data).includes('26')), 'the audit trail does not leak running totals');
    const r = await close(p.id);
    assert.deepEqual([r.yes, r.no, r.abstain, r.notVoted, r.passed, r.votedCount], [26, 3, 1, 11, true, null]);
  });
});

void describe('mixed polls: devices and tellers in one poll, nobody counted twice (R-V4)', () => {
  void test('video attendees are entered by tellers; a device voter cannot be entered, nor the other way round', async () => {
    const video = ['王学德', '王烁', '王景娟'];
    const m = await meeting({ video });
    const p = await openedPoll({ subject: '混合表决', kind: 'mixed' }, m);
    await officeTells(p.id);
    const onsite = m.present.map((x) => x.name).filter((n) => !video.includes(n));
    for (const name of onsite) assert.equal((await vote(p.id, name, { choice: 'yes' })).status, 201);
    const entry = (name: string, choice: string) => ({ memberId: byName(name).personId, choice });
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: office, body: { entries: [entry('王学德', 'no'), entry(onsite[0]!, 'no')] } }), 409, 'ALREADY_VOTED', 'R-V4');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: office, body: { entries: [entry('王学德', 'no'), entry('王学德', 'yes')] } }), 422, 'DUPLICATE_ENTRY', 'R-V4');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: office, body: { entries: [entry('郑辉', 'no')] } }), 403, 'NOT_PRESENT', 'R-V3');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: office, body: { totals: { yes: 1, no: 0, abstain: 0 } } }), 409, 'WRONG_CHANNEL');
    const after = await ok('POST', `/api/v1/polls/${p.id}/analog-result`, office, { entries: [entry('王学德', 'no'), entry('王烁', 'abstain')] });
    assert.equal(after.votedCount, onsite.length + 2);
    const again = await refused(() => vote(p.id, '王学德', { choice: 'yes' }), 409, 'ALREADY_VOTED', 'R-V4');
    assert.match(again.message_zh, /计票人/);
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: office, body: { entries: [entry('王烁', 'yes')] } }), 409, 'ALREADY_VOTED', 'R-V4');
    assert.equal((await vote(p.id, '王景娟', { choice: 'yes' })).status, 201, 'a video attendee may still use e-vote');
    const voters = await ok('GET', `/api/v1/polls/${p.id}/voters`, office);
    assert.deepEqual(
      voters.filter((v: { channel: string }) => v.channel === 'teller').map((v: { name: string }) => v.name).sort(),
      ['王学德', '王烁'].sort(),
    );
    const r = await close(p.id);
    assert.deepEqual([r.yes, r.no, r.abstain, r.votedCount], [onsite.length + 1, 1, 1, 30]);
  });
});

void describe('teller entries only where the rules allow them (R-V4, 议事规则 art. 43)', () => {
  void test('no entry in the name of a member in the hall: not by a vice-chair who does not preside, not by the office unless designated, not for a working device', async () => {
    const video = ['王学德'];
    const m = await meeting({ video });
    const p = await openedPoll({ subject: '计票人录入的限制', kind: 'mixed' }, m);
    const target = m.present.find((x) => !video.includes(x.name) && x.name !== '尚欣')!;
    const entry = { entries: [{ memberId: target.personId, choice: 'no' }] };
    // The forged entries of the finding: a chair-role member who does not preside, and the office.
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: chairOnLeave, body: entry }), 403, 'NOT_TELLER', 'R-V4');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: office, body: entry }), 403, 'NOT_TELLER', 'R-V4');
    // Designated, the office still cannot vote for a member whose device works; nor can the presiding person.
    await officeTells(p.id);
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: office, body: entry }), 422, 'TELLER_ENTRY_NOT_ALLOWED', 'R-V4');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/analog-result`, { token: presiding, body: entry }), 422, 'TELLER_ENTRY_NOT_ALLOWED', 'R-V4');
    // The member's own ballot is untouched by those attempts.
    const mine = await t.request('GET', `/api/v1/polls/${p.id}`, { token: tokenOf(target.name) });
    assert.deepEqual([mine.body.hasVoted, mine.body.myVote], [false, null]);
    assert.equal((await vote(p.id, target.name, { choice: 'yes' })).status, 201);
    // A video attendee is entered by the designated teller, and sees on the phone who entered it.
    await ok('POST', `/api/v1/polls/${p.id}/analog-result`, office, { entries: [{ memberId: byName('王学德').personId, choice: 'abstain' }] });
    const seen = await ok('GET', `/api/v1/polls/${p.id}`, tokenOf('王学德'));
    assert.equal(seen.hasVoted, true);
    assert.equal(seen.myVote.channel, 'teller');
    assert.ok(seen.myVote.enteredBy, 'the teller is named to the member');
    assert.equal(JSON.stringify(seen).includes('abstain'), false, 'never what was entered');
    await close(p.id);
  });

  void test('a device failure recorded by the presiding person lets a teller enter that member, once', async () => {
    const m = await meeting();
    const p = await openedPoll({ subject: '表决器故障', kind: 'mixed' }, m);
    await officeTells(p.id);
    const [broken, voted] = m.present.filter((x) => x.name !== '尚欣');
    const fail = (token: string, memberId: string) => t.request('POST', `/api/v1/polls/${p.id}/device-failures`, { token, body: { memberId, note: '表决器无响应' } });
    await refused(() => fail(office, broken!.personId), 403, 'NOT_PRESIDING', 'R-V4');
    await refused(() => fail(chairOnLeave, broken!.personId), 403, 'NOT_PRESIDING', 'R-V4');
    assert.equal((await vote(p.id, voted!.name, { choice: 'yes' })).status, 201);
    await refused(() => fail(presiding, voted!.personId), 409, 'ALREADY_VOTED', 'R-V4');
    const rec = await fail(presiding, broken!.personId);
    assert.equal(rec.status, 201, JSON.stringify(rec.body));
    await refused(() => fail(presiding, broken!.personId), 409, 'DEVICE_FAILURE_RECORDED', 'R-V4');
    const listed = await ok('GET', `/api/v1/polls/${p.id}`, office);
    assert.deepEqual(listed.deviceFailures, [broken!.personId]);
    assert.deepEqual(listed.tellers.map((x: { userId: string }) => x.userId), [officeUserId]);
    await ok('POST', `/api/v1/polls/${p.id}/analog-result`, office, { entries: [{ memberId: broken!.personId, choice: 'no' }] });
    await refused(() => vote(p.id, broken!.name, { choice: 'yes' }), 409, 'ALREADY_VOTED', 'R-V4');
    const audit = await ok('GET', `/api/v1/congresses/${t.hebiId}/audit?action=poll.device_failure_recorded`, admin);
    assert.ok(audit.rows.some((r: { targetId: string }) => r.targetId === p.id));
    const r = await close(p.id);
    assert.deepEqual([r.yes, r.no, r.votedCount], [1, 1, 2]);
  });

  void test('tellers are accounts of this congress, designated by the office or the presiding person while the poll runs', async () => {
    const p = await openedPoll({ subject: '指定计票人', kind: 'analog' });
    const memberUser = (await db.selectFrom('users').select('id').where('username', '=', 'm05').executeTakeFirstOrThrow()).id;
    await refused(() => t.request('PUT', `/api/v1/polls/${p.id}/tellers`, { token: tokenOf('王小强'), body: { userIds: [memberUser] } }), 403, 'FORBIDDEN');
    await refused(() => t.request('PUT', `/api/v1/polls/${p.id}/tellers`, { token: office, body: { userIds: ['00000000-0000-4000-8000-000000000000'] } }), 422, 'TELLER_NOT_OF_CONGRESS', 'R-V4');
    const set = await ok('PUT', `/api/v1/polls/${p.id}/tellers`, presiding, { userIds: [memberUser] });
    assert.equal(set.tellers.length, 1);
    const m05 = await tokenFor(db, 'm05');
    await ok('POST', `/api/v1/polls/${p.id}/analog-result`, m05, { totals: { yes: 21, no: 0, abstain: 0 } });
    await close(p.id);
    await refused(() => t.request('PUT', `/api/v1/polls/${p.id}/tellers`, { token: office, body: { userIds: [] } }), 409, 'POLL_NOT_OPEN');
  });
});

void describe('personnel acts, person by person (R-V5) and the oath (R-V7)', () => {
  const group1 = [
    { name: '牛海民', act: 'decide_appoint', post: '鹤壁市发展和改革委员会主任' },
    { name: '胡万军', act: 'decide_appoint', post: '鹤壁市市场监督管理局局长' },
    { name: '马海澎', act: 'decide_remove', post: '鹤壁市发展和改革委员会主任' },
    { name: '牛海民', act: 'decide_remove', post: '鹤壁市市场监督管理局局长' },
  ];

  void test('a personnel item needs its nominees (R-V5); Hebi votes every act person by person, so no en bloc', async () => {
    const item = mtg.items[1]!;
    await refused(() => t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, agendaItemId: item.id, subject: '人事任免', kind: 'secret' } }), 422, 'PER_PERSON_REQUIRED', 'R-V5');
    await refused(() => t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, agendaItemId: item.id, subject: '合并', kind: 'secret', candidates: group1, enBloc: true } }), 422, 'EN_BLOC_NOT_ALLOWED', 'R-V5');
    await refused(() => t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, subject: 'x', kind: 'secret', candidates: [{ act: 'appoint', post: '某职务' }] } }), 400, 'VALIDATION');
  });

  void test('one ballot, a choice per nominee: each nominee has their own result and passed flag', async () => {
    const item = mtg.items[1]!;
    const p = await newPoll({ agendaItemId: item.id, subject: '任免名单（一）', kind: 'secret', candidates: group1 });
    assert.equal(p.perPerson, true);
    assert.equal(p.candidates.length, 4);
    assert.equal(p.candidates[0].personId, p.candidates[3].personId, 'one person, two acts');
    assert.equal(p.candidates[0].actZh, '决定任命');
    await ok('POST', `/api/v1/polls/${p.id}/open`, presiding);
    const [niuA, hu, ma, niuR] = p.candidates as { id: string; personId: string }[];
    const names = mtg.present.map((m) => m.name);
    await refused(() => vote(p.id, names[0]!, { choice: 'yes' }), 422, 'INVALID_BALLOT', 'R-V5');
    await refused(() => vote(p.id, names[0]!, { choices: [{ personId: niuA!.personId, choice: 'yes' }] }), 422, 'INVALID_BALLOT', 'R-V5');
    await refused(() => vote(p.id, names[0]!, { choices: [{ candidateId: niuA!.id, choice: 'yes' }, { candidateId: hu!.id, choice: 'yes' }] }), 422, 'INVALID_BALLOT', 'R-V5');
    await refused(
      () => vote(p.id, names[0]!, { choices: [niuA, hu, ma, niuR, niuA].map((c) => ({ candidateId: c!.id, choice: 'yes' })) }),
      422,
      'INVALID_BALLOT',
      'R-V5',
    );
    for (const [i, name] of names.entries()) {
      const r = await vote(p.id, name, {
        choices: [
          { candidateId: niuA!.id, choice: 'yes' },
          { personId: hu!.personId, choice: i < 15 ? 'yes' : 'no' }, // 胡万军 gets 15: fails
          { candidateId: ma!.id, choice: i < 25 ? 'yes' : 'abstain' },
          { candidateId: niuR!.id, choice: 'yes' },
        ],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const r = await close(p.id);
    assert.equal('yes' in r, false, 'several nominees: counts per nominee only');
    const got = r.candidates.map((c: { name: string; act: string; yes: number; no: number; abstain: number; passed: boolean }) => [c.name, c.act, c.yes, c.no, c.abstain, c.passed]);
    assert.deepEqual(got, [
      ['牛海民', 'decide_appoint', 30, 0, 0, true],
      ['胡万军', 'decide_appoint', 15, 15, 0, false],
      ['马海澎', 'decide_remove', 25, 0, 5, true],
      ['牛海民', 'decide_remove', 30, 0, 0, true],
    ]);
    assert.match(r.announcementZh, /胡万军（决定任命鹤壁市市场监督管理局局长）：赞成15票，反对15票，弃权0票，未通过。/);

    // R-V7: the oath after the announcement, for passed appointments only, once.
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/oaths`, { token: office, body: { candidateId: niuA!.id } }), 409, 'NOT_ANNOUNCED', 'R-V7');
    await ok('POST', `/api/v1/polls/${p.id}/announce`, presiding);
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/oaths`, { token: office, body: { candidateId: hu!.id } }), 409, 'NOT_PASSED', 'R-V7');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/oaths`, { token: office, body: { candidateId: ma!.id } }), 422, 'NOT_AN_APPOINTMENT', 'R-V7');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/oaths`, { token: office, body: { personId: niuA!.personId } }), 422, 'INVALID_BALLOT');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/oaths`, { token: tokenOf('王小强'), body: { candidateId: niuA!.id } }), 403, 'FORBIDDEN');
    const oath = await t.request('POST', `/api/v1/polls/${p.id}/oaths`, { token: office, body: { candidateId: niuA!.id, date: '2023-08-24' } });
    assert.equal(oath.status, 201, JSON.stringify(oath.body));
    assert.equal(oath.body.oath.date, '2023-08-24');
    await refused(() => t.request('POST', `/api/v1/polls/${p.id}/oaths`, { token: office, body: { candidateId: niuA!.id } }), 409, 'OATH_RECORDED', 'R-V7');
    const res = await ok('GET', `/api/v1/polls/${p.id}/result`, tokenOf('王海涛'));
    assert.equal(res.candidates[0].oath.date, '2023-08-24');
    assert.equal(res.candidates[1].oath, null);
  });

  void test('one poll per nominee: a single choice suffices, and the top-level result is that nominee’s', async () => {
    const p = await openedPoll({ subject: '任命李晓晔为鹤壁市中级人民法院副院长', kind: 'secret', candidates: [{ name: '李晓晔', act: 'appoint', post: '鹤壁市中级人民法院副院长' }] });
    for (const m of mtg.present) assert.equal((await vote(p.id, m.name, { choice: 'yes' })).status, 201);
    const r = await close(p.id);
    assert.deepEqual([r.yes, r.passed, r.candidates.length, r.candidates[0].passed], [30, true, 1, true]);
    await ok('POST', `/api/v1/polls/${p.id}/announce`, presiding);
    const oath = await ok('POST', `/api/v1/polls/${p.id}/oaths`, office, {});
    assert.equal(oath.name, '李晓晔');
    assert.match(oath.oath.date, /^\d{4}-\d{2}-\d{2}$/);
  });

  void test('the same person, act and post twice on one ballot is refused (R-V5)', async () => {
    const twice = [group1[0]!, { ...group1[0]! }];
    await refused(() => t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, subject: 'x', kind: 'secret', candidates: twice } }), 422, 'DUPLICATE_CANDIDATE', 'R-V5');
  });

  void test('nominees by name: an existing person is reused, a new name creates one, two people of one name are refused', async () => {
    const p = await newPoll({ subject: '按姓名', kind: 'secret', candidates: [{ name: '尚欣', act: 'appoint', post: '甲' }, { name: '新人甲', act: 'appoint', post: '乙' }] });
    assert.equal(p.candidates[0].personId, byName('尚欣').personId);
    const again = await newPoll({ subject: '按姓名2', kind: 'secret', candidates: [{ name: '新人甲', act: 'appoint', post: '乙' }] });
    assert.equal(again.candidates[0].personId, p.candidates[1].personId);
    await ok('POST', `/api/v1/congresses/${t.hebiId}/people`, admin, { name: '新人甲' });
    await refused(() => t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, subject: 'x', kind: 'secret', candidates: [{ name: '新人甲', act: 'appoint', post: '乙' }] } }), 422, 'AMBIGUOUS_NAME');
    await refused(() => t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, subject: 'x', kind: 'secret', candidates: [{ personId: 'nobody', act: 'appoint', post: '乙' }] } }), 404, 'NOT_FOUND');
  });

  void test('a profile that does not require some acts person by person allows voting them together', async () => {
    const prof = await ok('GET', `/api/v1/congresses/${t.hebiId}/rules-profile`, admin);
    const beijing = (await ok('GET', '/api/v1/rules-presets', admin)).beijing;
    await ok('PUT', `/api/v1/congresses/${t.hebiId}/rules-profile`, admin, beijing);
    try {
      const together = [
        { name: '甲某', act: 'accept_resignation', post: '某职务一' },
        { name: '乙某', act: 'accept_resignation', post: '某职务二' },
      ];
      const p = await openedPoll({ subject: '接受辞职', kind: 'secret', candidates: together, enBloc: true });
      assert.equal(p.enBloc, true);
      assert.equal(p.perPerson, false);
      for (const m of mtg.present) assert.equal((await vote(p.id, m.name, { choice: 'yes' })).status, 201);
      const r = await close(p.id);
      assert.deepEqual([r.yes, r.passed, r.candidates.map((c: { passed: boolean }) => c.passed)], [30, true, [true, true]]);
      await refused(
        () => t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, subject: 'x', kind: 'secret', enBloc: true, candidates: [...together, { name: '丙某', act: 'appoint', post: '三' }] } }),
        422,
        'EN_BLOC_NOT_ALLOWED',
        'R-V5',
      );
    } finally {
      await ok('PUT', `/api/v1/congresses/${t.hebiId}/rules-profile`, admin, prof);
    }
  });

  void test('per-person analog and mixed polls: totals per nominee, teller entries with choices', async () => {
    const cands = [
      { name: '卢国平', act: 'remove', post: '鹤壁市中级人民法院金融审判庭庭长' },
      { name: '王宏春', act: 'remove', post: '鹤壁市中级人民法院审判员' },
    ];
    const a = await openedPoll({ subject: '免职（举手）', kind: 'analog', candidates: cands });
    await officeTells(a.id);
    await refused(() => t.request('POST', `/api/v1/polls/${a.id}/analog-result`, { token: office, body: { totals: { yes: 1, no: 0, abstain: 0 } } }), 422, 'INVALID_BALLOT');
    await refused(() => t.request('POST', `/api/v1/polls/${a.id}/analog-result`, { token: office, body: { candidates: [{ candidateId: a.candidates[0].id, yes: 30, no: 0, abstain: 0 }] } }), 422, 'INVALID_BALLOT');
    await ok('POST', `/api/v1/polls/${a.id}/analog-result`, office, {
      candidates: [
        { candidateId: a.candidates[0].id, yes: 30, no: 0, abstain: 0 },
        { personId: a.candidates[1].personId, yes: 18, no: 2, abstain: 0 },
      ],
    });
    const ra = await close(a.id);
    assert.deepEqual(ra.candidates.map((c: { yes: number; passed: boolean }) => [c.yes, c.passed]), [[30, true], [18, false]]);

    const video = ['王学德'];
    const m = await meeting({ video });
    const x = await openedPoll({ subject: '免职（混合）', kind: 'mixed', candidates: cands }, m);
    await officeTells(x.id);
    const choices = (c: string) => x.candidates.map((k: { id: string }) => ({ candidateId: k.id, choice: c }));
    for (const who of m.present.filter((p) => !video.includes(p.name))) assert.equal((await vote(x.id, who.name, { choices: choices('yes') })).status, 201);
    await ok('POST', `/api/v1/polls/${x.id}/analog-result`, office, { entries: [{ memberId: byName('王学德').personId, choices: choices('no') }] });
    const rx = await close(x.id);
    assert.deepEqual(rx.candidates.map((c: { yes: number; no: number }) => [c.yes, c.no]), [[29, 1], [29, 1]]);
  });
});

void describe('scoping and listing', () => {
  let henan: string;
  let poll: { id: string };
  before(async () => {
    await ok('POST', `/api/v1/congresses/${t.henanId}/users`, admin, { username: 'henan.office', displayName: '省办公厅', password: 'Passw0rd-henan', roles: ['office', 'chair', 'member'] });
    henan = await tokenFor(db, 'henan.office');
    poll = await openedPoll({ subject: '跨级访问', kind: 'secret' }, await meeting());
  });

  void test('another congress’s poll and meeting are not found (404, never 403), for every operation', async () => {
    const id = poll.id;
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/polls/${id}`],
      ['GET', `/api/v1/polls/${id}/result`],
      ['GET', `/api/v1/polls/${id}/voters`],
      ['POST', `/api/v1/polls/${id}/open`],
      ['POST', `/api/v1/polls/${id}/ballots`, { choice: 'yes' }],
      ['POST', `/api/v1/polls/${id}/analog-result`, { totals: { yes: 1, no: 0, abstain: 0 } }],
      ['POST', `/api/v1/polls/${id}/close`],
      ['POST', `/api/v1/polls/${id}/announce`],
      ['POST', `/api/v1/polls/${id}/oaths`, {}],
      ['GET', `/api/v1/meetings/${mtg.meetingId}/polls`],
      ['POST', '/api/v1/polls', { meetingId: mtg.meetingId, subject: 'x', kind: 'secret' }],
    ];
    for (const [method, url, body] of calls) await refused(() => t.request(method, url, { token: henan, body }), 404, 'NOT_FOUND');
  });

  void test('listPolls gives a meeting’s polls with how many voted and whether I did', async () => {
    const list = await ok('GET', `/api/v1/meetings/${mtg.meetingId}/polls`, tokenOf('王海涛'));
    assert.ok(list.length >= 5);
    const first = list[0];
    assert.equal(first.subject, '关于批准2022年市级财政决算的决议');
    assert.equal(first.votedCount, 29);
    assert.equal(first.hasVoted, true);
    assert.equal((await t.request('GET', `/api/v1/meetings/${mtg.meetingId}/polls`)).status, 401);
  });

  void test('the OpenAPI document names every poll operation', async () => {
    const doc = (await t.request('GET', '/api/v1/openapi.json')).body;
    const ids = new Set<string>();
    for (const methods of Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>)) for (const s of Object.values(methods)) ids.add(s.operationId);
    for (const id of ['createPoll', 'openPoll', 'castBallot', 'closePoll', 'getPollResult', 'enterAnalogResult', 'announcePoll', 'recordOath', 'listPolls', 'getPoll', 'listPollVoters']) {
      assert.ok(ids.has(id), id);
    }
  });
});

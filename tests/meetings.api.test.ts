// The meetings API through HTTP: lifecycle (R-M5), presiding (R-M2), agenda, attendance and quorum
// (R-M3, R-M4), leave (R-M6), visibility (R-M10) and the other congress's 404.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';
import { Actors, type MemberRef, expectOk, expectRefusal, localToday, meetingIn, members, shiftDays, signIn, username } from './meetings.helpers.ts';

let t: TestApp;
let who: Actors;
let office: string;
let roster: MemberRef[];
let otherCongressId: string;
let outsider: string; // office of another congress, no role in Hebi
let sixthId: string;

const byName = (name: string): MemberRef => {
  const m = roster.find((x) => x.name === name);
  assert.ok(m, name);
  return m;
};
const tokenOf = (name: string) => who.token(username(byName(name).rank));
const counts = async () => {
  const db = t.yishi.handle.db;
  const out: Record<string, number> = {};
  for (const table of ['meetings', 'agenda_items', 'attendance', 'leave_requests', 'agenda_adjustments', 'audit_log'] as const) {
    out[table] = (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  }
  return out;
};

before(async () => {
  t = await startTestApp();
  who = new Actors(t);
  office = await who.token('office');
  roster = await members(t);
  const admin = await who.token('admin');
  const other = await t.request('POST', '/api/v1/congresses', { token: admin, body: { parentId: t.hebiId, level: 'county', name: '淇滨区人民代表大会', slug: 'qibin-m' } });
  expectOk(other, 201);
  otherCongressId = other.body.id;
  expectOk(await t.request('POST', `/api/v1/congresses/${otherCongressId}/terms`, { token: admin, body: { number: 7 } }), 201);
  expectOk(
    await t.request('POST', `/api/v1/congresses/${otherCongressId}/users`, { token: admin, body: { username: 'qibin.office', displayName: '淇滨办公室', password: 'Passw0rd-qibin', roles: ['office'] } }),
    201,
  );
  outsider = await who.token('qibin.office', 'Passw0rd-qibin');
  const list = await t.request('GET', `/api/v1/congresses/${t.hebiId}/meetings`);
  sixthId = list.body.find((m: { number: number }) => m.number === 6).id;
});
after(() => t.close());

void describe('createMeeting', () => {
  void test('the office creates a regular meeting: next number in the term, the gazette-style title, the chair presiding (R-M1, R-M2)', async () => {
    const date = shiftDays(localToday(), 30);
    const r = await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', date } });
    expectOk(r, 201);
    assert.equal(r.body.state, 'draft');
    assert.ok(r.body.number >= 7);
    assert.match(r.body.title, /^鹤壁市第十二届人民代表大会常务委员会第.+次会议$/);
    assert.equal(r.body.presidingPersonName, '史全新');
    assert.equal(r.body.isPublic, true);
    assert.deepEqual(r.body.agendaItems, []);
  });

  void test('given number and title are kept; a taken number is refused citing R-M1', async () => {
    const r = await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'special', number: 40, date: '2030-01-05', title: '临时会议' } });
    expectOk(r, 201);
    assert.equal(r.body.number, 40);
    assert.equal(r.body.title, '临时会议');
    const before = await counts();
    expectRefusal(await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', number: 6, date: '2030-01-06', title: 'x' } }), 409, 'R-M1', 'MEETING_NUMBER_TAKEN');
    assert.deepEqual(await counts(), before);
  });

  void test('bad input: invalid date, unknown kind, missing fields, extra fields, end before start', async () => {
    expectRefusal(await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', date: '2023-02-30' } }), 422, undefined, 'INVALID_DATE');
    expectRefusal(await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'plenum', date: '2030-01-01' } }), 400);
    expectRefusal(await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, date: '2030-01-01' } }), 400);
    expectRefusal(await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', date: '2030-01-01', colour: 'red' } }), 400);
    expectRefusal(await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', date: '2030-01-02', endDate: '2030-01-01' } }), 422);
    expectRefusal(await t.request('POST', '/api/v1/meetings', { token: office, rawBody: '{"congressId":', headers: { 'content-type': 'application/json' } }), 400);
    expectRefusal(await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'committee', date: '2030-01-01' } }), 422, undefined, 'BODY_REQUIRED');
  });

  void test('who may create: the public must log in, a member is forbidden, another congress’s office gets 404', async () => {
    const body = { congressId: t.hebiId, kind: 'regular', date: '2030-02-01' };
    expectRefusal(await t.request('POST', '/api/v1/meetings', { body }), 401);
    expectRefusal(await t.request('POST', '/api/v1/meetings', { token: await who.token('m08'), body }), 403);
    expectRefusal(await t.request('POST', '/api/v1/meetings', { token: outsider, body }), 404);
    expectRefusal(await t.request('POST', '/api/v1/meetings', { token: office, body: { ...body, congressId: 'no-such-congress' } }), 404);
  });
});

void describe('listMeetings and getMeeting', () => {
  void test('the public sees announced public meetings only; the office sees drafts too', async () => {
    const draft = await meetingIn(t, office, 'draft', { date: '2030-03-01' });
    const pub = await t.request('GET', `/api/v1/congresses/${t.hebiId}/meetings`);
    expectOk(pub);
    assert.ok(pub.body.some((m: { id: string }) => m.id === sixthId));
    assert.ok(!pub.body.some((m: { id: string }) => m.id === draft.id));
    const internal = await t.request('GET', `/api/v1/congresses/${t.hebiId}/meetings`, { token: office });
    assert.ok(internal.body.some((m: { id: string }) => m.id === draft.id));
    expectRefusal(await t.request('GET', `/api/v1/meetings/${draft.id}`), 404);
    expectRefusal(await t.request('GET', `/api/v1/meetings/${draft.id}`, { token: outsider }), 404);
    expectOk(await t.request('GET', `/api/v1/meetings/${draft.id}`, { token: await who.token('m08') }));
    const filtered = await t.request('GET', `/api/v1/congresses/${t.hebiId}/meetings?state=draft`, { token: office });
    assert.ok(filtered.body.every((m: { state: string }) => m.state === 'draft'));
    expectRefusal(await t.request('GET', `/api/v1/congresses/${t.hebiId}/meetings?state=bogus`), 400);
  });

  void test('getMeeting gives the agenda in order; an item closed to the public is hidden from the public (R-M10)', async () => {
    const m = await meetingIn(t, office, 'notified', { date: shiftDays(localToday(), 40) });
    const closed = await t.request('PATCH', `/api/v1/meetings/${m.id}/agenda-items/${m.items[1]}`, { token: office, body: { isPublic: false } });
    expectOk(closed);
    assert.equal(closed.body.isPublic, false);
    const pub = await t.request('GET', `/api/v1/meetings/${m.id}`);
    expectOk(pub);
    assert.deepEqual(
      pub.body.agendaItems.map((i: { id: string }) => i.id),
      [m.items[0]],
    );
    assert.deepEqual(pub.body.warnings, []);
    const inside = await t.request('GET', `/api/v1/meetings/${m.id}`, { token: await who.token('m09') });
    assert.deepEqual(
      inside.body.agendaItems.map((i: { id: string; position: number }) => [i.id, i.position]),
      [
        [m.items[0], 1],
        [m.items[1], 2],
      ],
    );
    // The other congress's office reads the public meeting as the public does.
    const foreign = await t.request('GET', `/api/v1/meetings/${m.id}`, { token: outsider });
    expectOk(foreign);
    assert.equal(foreign.body.agendaItems.length, 1);
    expectRefusal(await t.request('GET', '/api/v1/meetings/no-such-meeting'), 404);
  });

  void test('a council meeting is internal: 404 for the public and for another congress', async () => {
    const r = await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'chairpersons_council', date: '2030-04-01' } });
    expectOk(r, 201);
    assert.equal(r.body.isPublic, false);
    assert.match(r.body.title, /主任会议$/);
    expectRefusal(await t.request('GET', `/api/v1/meetings/${r.body.id}`), 404);
    expectRefusal(await t.request('GET', `/api/v1/meetings/${r.body.id}/quorum`, { token: outsider }), 404);
  });
});

void describe('lifecycle (R-M5) and warnings', () => {
  void test('scheduling needs a draft agenda (R-M5); steps out of order are refused', async () => {
    const r = await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', date: shiftDays(localToday(), 50) } });
    const id = r.body.id as string;
    expectRefusal(await t.request('POST', `/api/v1/meetings/${id}/schedule`, { token: office, body: { councilDate: shiftDays(localToday(), 40) } }), 422, 'R-M5', 'AGENDA_EMPTY');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${id}/notify`, { token: office }), 409, 'R-M5', 'INVALID_TRANSITION');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${id}/open`, { token: office }), 409, 'R-M5', 'INVALID_TRANSITION');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${id}/schedule`, { token: office, body: { councilDate: '2030-13-01' } }), 422, undefined, 'INVALID_DATE');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${id}/schedule`, { token: await who.token('m08'), body: { councilDate: localToday() } }), 403);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${id}/schedule`, { token: outsider, body: { councilDate: localToday() } }), 404);
  });

  void test('R-M5: a regular meeting whose council and notice fall inside seven days warns, citing the rule', async () => {
    const date = shiftDays(localToday(), 3);
    const r = await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', date } });
    const id = r.body.id as string;
    expectOk(await t.request('POST', `/api/v1/meetings/${id}/agenda-items`, { token: office, body: { kind: 'report', title: '报告' } }), 201);
    const s = await t.request('POST', `/api/v1/meetings/${id}/schedule`, { token: office, body: { councilDate: localToday(), schedule: [{ date, time: '09:00', text: '全体会议' }], attendeeScope: '市政府及有关部门负责人' } });
    expectOk(s);
    assert.equal(s.body.meeting.state, 'scheduled');
    assert.deepEqual(s.body.meeting.schedule, [{ date, time: '09:00', text: '全体会议' }]);
    assert.ok(s.body.warnings.some((w: { code: string; rule: string }) => w.code === 'COUNCIL_LATE' && w.rule === 'R-M5 议事规则第九条'));
    const n = await t.request('POST', `/api/v1/meetings/${id}/notify`, { token: office });
    expectOk(n);
    assert.equal(n.body.meeting.state, 'notified');
    assert.ok(n.body.warnings.some((w: { code: string }) => w.code === 'NOTICE_LATE'));
    const g = await t.request('GET', `/api/v1/meetings/${id}`, { token: office });
    assert.deepEqual(g.body.warnings.map((w: { code: string }) => w.code).filter((c: string) => c !== 'REGULAR_INTERVAL'), ['COUNCIL_LATE', 'NOTICE_LATE']);
  });

  void test('R-M5: a special meeting called at short notice is exempt', async () => {
    const date = shiftDays(localToday(), 1);
    const m = await meetingIn(t, office, 'notified', { kind: 'special', date });
    const g = await t.request('GET', `/api/v1/meetings/${m.id}`, { token: office });
    assert.deepEqual(g.body.warnings, []);
  });

  void test('R-M5: council and notice seven days ahead give no warning', async () => {
    const date = shiftDays(localToday(), 8);
    const m = await meetingIn(t, office, 'notified', { date, councilDate: localToday() });
    const g = await t.request('GET', `/api/v1/meetings/${m.id}`, { token: office });
    assert.deepEqual(g.body.warnings.filter((w: { rule: string }) => w.rule.startsWith('R-M5')), []);
  });

  void test('R-M1: the calendar warns when a term goes longer than the interval without a regular meeting', async () => {
    const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/meeting-warnings`, { token: office });
    expectOk(r);
    assert.ok(r.body.warnings.some((w: { rule: string }) => w.rule === 'R-M1 议事规则第七条'), JSON.stringify(r.body));
  });
});

void describe('attendance, quorum and opening (R-M3, R-M4)', () => {
  let meetingId: string;
  before(async () => {
    meetingId = (await meetingIn(t, office, 'notified', { date: localToday() })).id;
  });

  void test('getQuorum before anyone signs in: 0 of 41, 21 required', async () => {
    const q = await t.request('GET', `/api/v1/meetings/${meetingId}/quorum`);
    expectOk(q);
    assert.deepEqual({ members: q.body.members, present: q.body.present, required: q.body.required, met: q.body.met }, { members: 41, present: 0, required: 21, met: false });
  });

  void test('recordAttendance: bad input and the wrong people are refused, nothing changes', async () => {
    const p = roster[10]!;
    const m08 = await who.token('m08');
    const before = await counts();
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: office, body: { personId: p.id, status: 'maybe' } }), 400);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: office, body: { personId: p.id } }), 400);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: office, body: { meetingId: sixthId, personId: p.id, status: 'present' } }), 400);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: office, body: { personId: 'nobody', status: 'present' } }), 404);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: office, body: { personId: p.id, status: 'present', mode: 'video' } }), 422, 'R-M4', 'VIDEO_NOT_ALLOWED');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: m08, body: { personId: p.id, status: 'present' } }), 403);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: outsider, body: { personId: p.id, status: 'present' } }), 404);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { body: { personId: p.id, status: 'present' } }), 401);
    // A person of the congress who is not a member (a nominee in the register) cannot be signed in as one.
    const nominee = await t.yishi.handle.db.selectFrom('people').select('id').where('congress_id', '=', t.hebiId).where('name', '=', '胡万军').executeTakeFirstOrThrow();
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: office, body: { personId: nominee.id, status: 'present' } }), 422, undefined, 'NOT_A_MEMBER');
    assert.deepEqual(await counts(), before);
  });

  void test('R-M3: opening with 20 of 41 present is refused citing 议事规则第八条; nothing changes', async () => {
    await signIn(t, office, meetingId, roster.slice(1, 21));
    const q = await t.request('GET', `/api/v1/meetings/${meetingId}/quorum`);
    assert.deepEqual({ present: q.body.present, met: q.body.met }, { present: 20, met: false });
    const before = await counts();
    const r = await t.request('POST', `/api/v1/meetings/${meetingId}/open`, { token: office });
    expectRefusal(r, 409, 'R-M3', 'QUORUM_NOT_MET');
    assert.equal(r.body.rule, 'R-M3 议事规则第八条');
    assert.deepEqual(r.body.details, { members: 41, present: 20, required: 21 });
    assert.deepEqual(await counts(), before);
    assert.equal((await t.request('GET', `/api/v1/meetings/${meetingId}`, { token: office })).body.state, 'notified');
  });

  void test('a member signs in with the meeting code on their phone; a wrong code is refused', async () => {
    const me = roster[21]!;
    const token = await who.token(username(me.rank));
    expectRefusal(await t.request('GET', `/api/v1/meetings/${meetingId}/check-in-code`, { token }), 403);
    const code = await t.request('GET', `/api/v1/meetings/${meetingId}/check-in-code`, { token: office });
    expectOk(code);
    assert.match(code.body.code, /^[A-Z2-9]{8}$/);
    assert.match(code.body.qrSvg, /^<svg/);
    assert.match(code.body.qrDataUrl, /^data:image\/png;base64,/);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/check-in`, { token, body: { code: 'WRONGCOD' } }), 422, undefined, 'CHECKIN_CODE');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/check-in`, { token: office, body: { code: code.body.code } }), 403);
    const r = await t.request('POST', `/api/v1/meetings/${meetingId}/check-in`, { token, body: { code: code.body.code.toLowerCase() } });
    expectOk(r);
    assert.equal(r.body.attendance.status, 'present');
    assert.equal(r.body.attendance.mode, 'onsite');
    assert.deepEqual({ present: r.body.quorum.present, required: r.body.quorum.required, met: r.body.quorum.met }, { present: 21, required: 21, met: true });
    // recordAttendance with the code works for oneself, but not for someone else.
    const other = roster[22]!;
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token, body: { personId: other.id, status: 'present', code: code.body.code } }), 403);
  });

  void test('R-M3: with 21 of 41 the meeting opens; getQuorum {members: 41, present: 21, required: 21, met: true}', async () => {
    const r = await t.request('POST', `/api/v1/meetings/${meetingId}/open`, { token: office });
    expectOk(r);
    assert.equal(r.body.meeting.state, 'in_session');
    const q = await t.request('GET', `/api/v1/meetings/${meetingId}/quorum`);
    assert.deepEqual({ members: q.body.members, present: q.body.present, required: q.body.required, met: q.body.met }, { members: 41, present: 21, required: 21, met: true });
  });

  void test('R-M10: a public meeting’s details and quorum are public notices (a logged-out hall screen follows live); attendance stays internal', () => {
    const mine = t.events.filter((e) => e.id === meetingId);
    assert.ok(mine.some((e) => e.topic === 'quorum' && e.audience === 'public'));
    assert.ok(mine.some((e) => e.topic === 'meeting' && e.audience === 'public'));
    const attendance = mine.filter((e) => e.topic === 'attendance');
    assert.ok(attendance.length > 0);
    assert.ok(attendance.every((e) => e.audience === undefined));
  });

  void test('R-M4: video attendance once the meeting allows it', async () => {
    const p = roster[30]!;
    expectOk(await t.request('PATCH', `/api/v1/meetings/${meetingId}`, { token: office, body: { videoAllowed: true } }));
    const r = await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: office, body: { meetingId, personId: p.id, status: 'present', mode: 'video' } });
    expectOk(r);
    assert.equal(r.body.quorum.video, 1);
    assert.equal(r.body.quorum.present, 22);
    expectRefusal(await t.request('PATCH', `/api/v1/meetings/${meetingId}`, { token: office, body: { videoAllowed: false } }), 409, 'R-M4');
  });

  void test('the attendance report and the gazette-form list', async () => {
    const absentee = roster[35]!;
    expectOk(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: office, body: { personId: absentee.id, status: 'absent' } }));
    const rep = await t.request('GET', `/api/v1/meetings/${meetingId}/attendance-report`, { token: await tokenOf('史全新') });
    expectOk(rep);
    assert.equal(rep.body.present, 22);
    assert.equal(rep.body.absent, 1);
    assert.match(rep.body.summary_zh, /^应到41人，实到22人，其中视频出席1人，缺席1人，未报到18人，符合法定人数$/);
    expectRefusal(await t.request('GET', `/api/v1/meetings/${meetingId}/attendance-report`, { token: await who.token('m08') }), 403);
    expectRefusal(await t.request('GET', `/api/v1/meetings/${meetingId}/attendance-report`), 401);
    const list = await t.request('GET', `/api/v1/meetings/${meetingId}/attendance-list`);
    expectOk(list);
    assert.match(list.body.title, /^鹤壁市十二届人大常委会第.+次会议出缺席人员名单$/);
    assert.ok(list.body.absent.includes(absentee.name));
    const all = await t.request('GET', `/api/v1/meetings/${meetingId}/attendance`);
    expectOk(all);
    assert.equal(all.body.length, 41);
  });

  void test('closing; attendance is then the record and cannot change', async () => {
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/close`, { token: await who.token('m08') }), 403);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/close`, { token: await tokenOf('王海涛') }), 403, 'R-M2');
    const c = await t.request('POST', `/api/v1/meetings/${meetingId}/close`, { token: await tokenOf('史全新') });
    expectOk(c);
    assert.equal(c.body.meeting.state, 'closed');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/attendance`, { token: office, body: { personId: roster[39]!.id, status: 'present' } }), 409, undefined, 'MEETING_CLOSED');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/close`, { token: office }), 409, 'R-M5');
  });
});

void describe('presiding person (R-M2) and leave (R-M6)', () => {
  let meetingId: string;
  let requestId: string;
  before(async () => {
    meetingId = (await meetingIn(t, office, 'notified', { date: localToday() })).id;
  });

  void test('R-M2: the chair entrusts a vice-chair; a member cannot preside; a vice-chair cannot set it', async () => {
    expectRefusal(await t.request('PUT', `/api/v1/meetings/${meetingId}/presiding`, { token: office, body: { personId: byName('王士洁').id } }), 422, 'R-M2', 'NOT_ELIGIBLE_TO_PRESIDE');
    expectRefusal(await t.request('PUT', `/api/v1/meetings/${meetingId}/presiding`, { token: await tokenOf('王海涛'), body: { personId: byName('王海涛').id } }), 403, 'R-M2');
    const r = await t.request('PUT', `/api/v1/meetings/${meetingId}/presiding`, { token: await tokenOf('史全新'), body: { personId: byName('尚欣').id } });
    expectOk(r);
    assert.equal(r.body.presidingPersonName, '尚欣');
  });

  void test('a member asks leave before the meeting; only their own', async () => {
    const me = await tokenOf('王小强');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests`, { token: me, body: { personId: byName('王旭东').id, reason: '出差' } }), 403);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests`, { token: me, body: { reason: '' } }), 400);
    const r = await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests`, { token: me, body: { reason: '因公出差' } });
    expectOk(r, 201);
    assert.equal(r.body.phase, 'before');
    assert.equal(r.body.status, 'pending');
    requestId = r.body.id;
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests`, { token: me, body: { reason: '再次' } }), 409, 'R-M6');
    const mine = await t.request('GET', `/api/v1/meetings/${meetingId}/leave-requests`, { token: me });
    assert.equal(mine.body.length, 1);
  });

  void test('R-M6: before the meeting, a leave decision by anyone but the presiding person is refused', async () => {
    const deciders = [office, await tokenOf('史全新'), await tokenOf('方在敏'), await tokenOf('王士洁')];
    const before = await counts();
    for (const tok of deciders) {
      const r = await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests/${requestId}/decision`, { token: tok, body: { approve: true } });
      expectRefusal(r, 403, 'R-M6', 'LEAVE_DECIDER');
    }
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests/${requestId}/decision`, { token: outsider, body: { approve: true } }), 404);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests/${requestId}/decision`, { body: { approve: true } }), 401);
    assert.deepEqual(await counts(), before);
  });

  void test('R-M6: the presiding person approves; the member is on leave with the reason', async () => {
    const r = await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests/${requestId}/decision`, { token: await tokenOf('尚欣'), body: { approve: true, note: '同意' } });
    expectOk(r);
    assert.equal(r.body.status, 'approved');
    assert.equal(r.body.decidedByName, '尚欣');
    const rep = await t.request('GET', `/api/v1/meetings/${meetingId}/attendance-report`, { token: office });
    assert.deepEqual(rep.body.leave, [{ personId: byName('王小强').id, name: '王小强', reason: '因公出差' }]);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests/${requestId}/decision`, { token: await tokenOf('尚欣'), body: { approve: false } }), 409, 'R-M6');
  });

  void test('R-M6: during the meeting the secretary-general decides, not the presiding person', async () => {
    await signIn(t, office, meetingId, roster.filter((m) => m.name !== '王小强').slice(0, 25));
    expectOk(await t.request('POST', `/api/v1/meetings/${meetingId}/open`, { token: await tokenOf('尚欣') }));
    const filed = await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests`, { token: office, body: { personId: byName('王学德').id, reason: '身体不适' } });
    expectOk(filed, 201);
    assert.equal(filed.body.phase, 'during');
    const url = `/api/v1/meetings/${meetingId}/leave-requests/${filed.body.id}/decision`;
    expectRefusal(await t.request('POST', url, { token: await tokenOf('尚欣'), body: { approve: true } }), 403, 'R-M6', 'LEAVE_DECIDER');
    const ok = await t.request('POST', url, { token: await tokenOf('方在敏'), body: { approve: true } });
    expectOk(ok);
    const q = await t.request('GET', `/api/v1/meetings/${meetingId}/quorum`);
    assert.equal(q.body.present, 24);
    assert.equal(q.body.onLeave, 2);
  });

  void test('a pending request can be withdrawn by its member', async () => {
    const me = await tokenOf('王景娟');
    const r = await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests`, { token: me, body: { reason: '家中有事' } });
    expectOk(r, 201);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests/${r.body.id}/withdraw`, { token: await tokenOf('艾振军') }), 403);
    const w = await t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests/${r.body.id}/withdraw`, { token: me });
    expectOk(w);
    assert.equal(w.body.status, 'withdrawn');
  });
});

void describe('agenda: adoption, adjustments, current item (R-M5)', () => {
  let meetingId: string;
  let items: string[];
  before(async () => {
    const m = await meetingIn(t, office, 'notified', { date: localToday(), items: 3 });
    meetingId = m.id;
    items = m.items;
    await signIn(t, office, meetingId, roster.slice(0, 25));
  });

  void test('the draft agenda can be edited and reordered before adoption', async () => {
    const r = await t.request('PATCH', `/api/v1/meetings/${meetingId}/agenda-items/${items[2]}`, { token: office, body: { position: 1, title: '听取报告', presenter: '李可', presenterPost: '常务副市长' } });
    expectOk(r);
    assert.equal(r.body.position, 1);
    const g = await t.request('GET', `/api/v1/meetings/${meetingId}`, { token: office });
    assert.deepEqual(
      g.body.agendaItems.map((i: { id: string }) => i.id),
      [items[2], items[0], items[1]],
    );
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/agenda-items`, { token: office, body: { kind: 'speech', title: 'x' } }), 400);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/agenda-items`, { token: await who.token('m08'), body: { kind: 'other', title: 'x' } }), 403);
  });

  void test('the plenary adopts the agenda; the current item moves only among adopted items', async () => {
    expectRefusal(await t.request('PUT', `/api/v1/meetings/${meetingId}/current-item`, { token: office, body: { agendaItemId: items[0] } }), 409);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adopt`, { token: office }), 409);
    expectOk(await t.request('POST', `/api/v1/meetings/${meetingId}/open`, { token: office }));
    const a = await t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adopt`, { token: office });
    expectOk(a);
    assert.ok(a.body.agendaAdoptedAt);
    assert.ok(a.body.agendaItems.every((i: { status: string }) => i.status === 'adopted'));
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adopt`, { token: office }), 409, 'R-M5');
    const cur = await t.request('PUT', `/api/v1/meetings/${meetingId}/current-item`, { token: office, body: { agendaItemId: items[2] } });
    expectOk(cur);
    assert.equal(cur.body.currentAgendaItemId, items[2]);
  });

  void test('after adoption the agenda changes only by a council proposal the plenary approves', async () => {
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/agenda-items`, { token: office, body: { kind: 'other', title: '新增' } }), 409, 'R-M5', 'AGENDA_ADOPTED');
    expectRefusal(await t.request('DELETE', `/api/v1/meetings/${meetingId}/agenda-items/${items[1]}`, { token: office }), 409, 'R-M5');
    const p = await t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adjustments`, {
      token: office,
      body: { action: 'add', item: { kind: 'resolution', title: '关于补充议程的决定（草案）' }, position: 2, councilDate: localToday(), reason: '主任会议建议增加' },
    });
    expectOk(p, 201);
    assert.equal(p.body.status, 'proposed');
    const mv = await t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adjustments`, { token: office, body: { action: 'remove', agendaItemId: items[1], councilDate: localToday() } });
    expectOk(mv, 201);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adjustments`, { token: office, body: { action: 'move', agendaItemId: items[1], councilDate: localToday() } }), 400);
    // The plenary decides: the office records it (a member cannot).
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adjustments/${p.body.id}/decision`, { token: await who.token('m08'), body: { approved: true } }), 403);
    const ok = await t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adjustments/${p.body.id}/decision`, { token: office, body: { approved: true } });
    expectOk(ok);
    assert.equal(ok.body.agendaItems.length, 4);
    assert.equal(ok.body.agendaItems[1].title, '关于补充议程的决定（草案）');
    assert.equal(ok.body.agendaItems[1].status, 'adopted');
    const no = await t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adjustments/${mv.body.id}/decision`, { token: office, body: { approved: false } });
    expectOk(no);
    assert.equal(no.body.agendaItems.length, 4);
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adjustments/${mv.body.id}/decision`, { token: office, body: { approved: true } }), 409, 'R-M5');
    const list = await t.request('GET', `/api/v1/meetings/${meetingId}/agenda/adjustments`, { token: office });
    assert.deepEqual(
      list.body.map((a: { status: string }) => a.status),
      ['approved', 'rejected'],
    );
  });

  void test('outcomes are recorded on adopted items', async () => {
    const r = await t.request('POST', `/api/v1/meetings/${meetingId}/agenda-items/${items[0]}/outcome`, { token: office, body: { outcome: 'deliberated' } });
    expectOk(r);
    assert.equal(r.body.outcome, 'deliberated');
    expectRefusal(await t.request('POST', `/api/v1/meetings/${meetingId}/agenda-items/${items[0]}/outcome`, { token: office, body: { outcome: 'maybe' } }), 400);
  });
});

void describe('the imported 6th meeting', () => {
  void test('getQuorum shows {members: 41, present: 30, required: 21, met: true}', async () => {
    const q = await t.request('GET', `/api/v1/meetings/${sixthId}/quorum`);
    expectOk(q);
    assert.deepEqual({ members: q.body.members, present: q.body.present, required: q.body.required, met: q.body.met }, { members: 41, present: 30, required: 21, met: true });
  });

  void test('another congress’s office cannot write to it: 404, never 403', async () => {
    expectRefusal(await t.request('POST', `/api/v1/meetings/${sixthId}/open`, { token: outsider }), 404);
    expectRefusal(await t.request('PATCH', `/api/v1/meetings/${sixthId}`, { token: outsider, body: { place: 'x' } }), 404);
    expectRefusal(await t.request('GET', `/api/v1/meetings/${sixthId}/attendance-report`, { token: outsider }), 404);
    expectRefusal(await t.request('GET', `/api/v1/meetings/${sixthId}/leave-requests`, { token: outsider }), 404);
  });

  void test('every write left an audit entry and change events', async () => {
    const db = t.yishi.handle.db;
    const audit = await db.selectFrom('audit_log').select('action').where('congress_id', '=', t.hebiId).where('action', 'like', 'meeting.%').execute();
    assert.ok(audit.some((a) => a.action === 'meeting.opened'));
    const topics = new Set(t.events.filter((e) => e.congressId === t.hebiId).map((e) => e.topic));
    for (const topic of ['meeting', 'attendance', 'quorum']) assert.ok(topics.has(topic), topic);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RulesProfile } from '../../../contracts/profile.ts';
import { DomainError } from '../../platform/errors.ts';
import { PRESETS } from '../congress/profile.presets.ts';
import { attendanceSummary, checkCheckIn, checkLeaveDecider, checkVideoAllowed, gazetteAttendanceList, leavePhase, padName, wrapNames } from './attendance.rules.ts';
import { checkDocumentSize, checkDocumentType, cleanFilename } from './documents.rules.ts';
import {
  addDays,
  addMonths,
  assertAgendaEditable,
  checkAdoptAgenda,
  checkOpen,
  checkPresidingEligible,
  checkSchedule,
  intervalWarning,
  isValidDate,
  localDateOf,
  meetingShortTitle,
  meetingTitle,
  nextNumber,
  nextState,
  publiclyVisible,
  quorumOf,
  regularIntervalWarnings,
  reorder,
  seriesOf,
  timelinessWarnings,
  zhDate,
} from './meetings.rules.ts';
import {
  checkGroupDraft,
  checkGroupsApprover,
  checkObserverApproval,
  checkObserverRegistration,
  checkPresidingActor,
  checkQueueOrder,
  nextConvener,
  normaliseIdNumber,
  normalisePhone,
  speakerKind,
  speechLimitSeconds,
  speechTimer,
} from './participation.rules.ts';

const hebi: RulesProfile = PRESETS.hebi;

/** Runs fn, expecting a DomainError citing `rule` (and, when given, the status). */
function refuses(fn: () => unknown, rule: string | null, status?: number): DomainError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    if (rule !== null) assert.ok(e.rule?.startsWith(rule), `expected rule ${rule}, got ${e.rule ?? 'none'}`);
    if (status !== undefined) assert.equal(e.status, status);
    assert.ok(e.messageZh.length > 0 && e.messageEn.length > 0);
    return e;
  }
  assert.fail('expected a refusal');
}

const counts = (present: number, members = 41, extra: Partial<{ video: number; onLeave: number; absent: number }> = {}) => ({
  members,
  present,
  video: extra.video ?? 0,
  onLeave: extra.onLeave ?? members - present,
  absent: extra.absent ?? 0,
});

// ---------------------------------------------------------------- R-M3 quorum

void test('R-M3: 20 present of 41 is no quorum (21 required)', () => {
  const q = quorumOf(hebi, counts(20));
  assert.deepEqual({ members: q.members, present: q.present, required: q.required, met: q.met }, { members: 41, present: 20, required: 21, met: false });
});

void test('R-M3: 21 present of 41 is a quorum', () => {
  const q = quorumOf(hebi, counts(21));
  assert.deepEqual({ members: q.members, present: q.present, required: q.required, met: q.met }, { members: 41, present: 21, required: 21, met: true });
});

void test('R-M3: the 6th meeting — 30 present of 41, 21 required, met', () => {
  const q = quorumOf(hebi, counts(30));
  assert.equal(q.required, 21);
  assert.equal(q.met, true);
  assert.equal(q.onLeave, 11);
  assert.equal(q.rule, 'R-M3 议事规则第八条');
});

void test('R-M3: more than half of ALL members — 40 members need 21, and leave does not lower the bar', () => {
  assert.equal(quorumOf(hebi, counts(20, 40)).met, false);
  assert.equal(quorumOf(hebi, counts(21, 40)).required, 21);
  assert.equal(quorumOf(hebi, counts(21, 41, { onLeave: 20 })).met, true);
  assert.equal(quorumOf(hebi, counts(0, 0)).met, false, 'a body without members never has a quorum');
});

void test('R-M4: members attending by video count as present', () => {
  const q = quorumOf(hebi, counts(21, 41, { video: 5 }));
  assert.equal(q.met, true);
  assert.equal(q.video, 5);
});

void test('R-M3: opening a regular meeting without quorum is refused citing 议事规则第八条', () => {
  const e = refuses(() => checkOpen({ kind: 'regular', quorum: quorumOf(hebi, counts(20)), presidingPersonId: 'p' }), 'R-M3', 409);
  assert.equal(e.rule, 'R-M3 议事规则第八条');
  assert.equal(e.code, 'QUORUM_NOT_MET');
  checkOpen({ kind: 'regular', quorum: quorumOf(hebi, counts(21)), presidingPersonId: 'p' });
  refuses(() => checkOpen({ kind: 'special', quorum: quorumOf(hebi, counts(3)), presidingPersonId: 'p' }), 'R-M3');
});

void test('R-M2: a standing committee meeting opens only with a presiding person', () => {
  refuses(() => checkOpen({ kind: 'regular', quorum: quorumOf(hebi, counts(30)), presidingPersonId: null }), 'R-M2', 409);
});

void test('R-M2: the chair or a vice-chair presides; a member or the secretary-general does not', () => {
  checkPresidingEligible('chair', '史全新');
  checkPresidingEligible('vice_chair', '尚欣');
  refuses(() => checkPresidingEligible('secretary_general', '方在敏'), 'R-M2', 422);
  refuses(() => checkPresidingEligible('member', '王士洁'), 'R-M2', 422);
});

// ---------------------------------------------------------------- lifecycle

void test('R-M5: state machine draft → scheduled → notified → in_session → closed', () => {
  assert.equal(nextState('draft', 'schedule'), 'scheduled');
  assert.equal(nextState('scheduled', 'notify'), 'notified');
  assert.equal(nextState('notified', 'open'), 'in_session');
  assert.equal(nextState('in_session', 'close'), 'closed');
});

void test('R-M5: no step is skipped and none goes back', () => {
  refuses(() => nextState('draft', 'notify'), 'R-M5', 409);
  refuses(() => nextState('draft', 'open'), 'R-M5', 409);
  refuses(() => nextState('scheduled', 'open'), 'R-M5', 409);
  refuses(() => nextState('notified', 'schedule'), 'R-M5', 409);
  refuses(() => nextState('closed', 'open'), 'R-M5', 409);
  refuses(() => nextState('in_session', 'open'), 'R-M5', 409);
  refuses(() => nextState('closed', 'close'), 'R-M5', 409);
});

void test('R-M5: scheduling needs the council before the meeting and a draft agenda', () => {
  refuses(() => checkSchedule({ kind: 'regular', date: '2023-08-24', councilDate: '2023-08-25', agendaItems: 3, endDate: null }), 'R-M5', 422);
  refuses(() => checkSchedule({ kind: 'regular', date: '2023-08-24', councilDate: '2023-08-17', agendaItems: 0, endDate: null }), 'R-M5', 422);
  checkSchedule({ kind: 'regular', date: '2023-08-24', councilDate: '2023-08-17', agendaItems: 15, endDate: null });
  checkSchedule({ kind: 'chairpersons_council', date: '2023-08-17', councilDate: '2023-08-17', agendaItems: 0, endDate: null });
});

// ---------------------------------------------------------------- R-M5 seven-day warnings

const timely = (over: Partial<Parameters<typeof timelinessWarnings>[0]>) =>
  timelinessWarnings({ kind: 'regular', state: 'notified', date: '2023-08-24', councilDate: '2023-08-17', notifiedOn: '2023-08-17', today: '2023-08-20', ...over }, hebi);

void test('R-M5: council and notice on D − 7 are on time (N日前: on or before D − N)', () => {
  assert.deepEqual(timely({}), []);
});

void test('R-M5: council on D − 6 warns, citing the rule and the latest date', () => {
  const w = timely({ councilDate: '2023-08-18' });
  assert.equal(w.length, 1);
  assert.equal(w[0]?.code, 'COUNCIL_LATE');
  assert.equal(w[0]?.rule, 'R-M5 议事规则第九条');
  assert.match(w[0]?.message_zh ?? '', /七日前.*2023年8月17日/);
});

void test('R-M5: notice on D − 6 warns', () => {
  const w = timely({ notifiedOn: '2023-08-18' });
  assert.deepEqual(
    w.map((x) => x.code),
    ['NOTICE_LATE'],
  );
});

void test('R-M5: a draft past the council deadline and a schedule past the notice deadline warn', () => {
  assert.deepEqual(
    timely({ state: 'draft', councilDate: null, notifiedOn: null, today: '2023-08-18' }).map((x) => x.code),
    ['COUNCIL_OVERDUE', 'NOTICE_OVERDUE'],
  );
  assert.deepEqual(
    timely({ state: 'scheduled', notifiedOn: null, today: '2023-08-18' }).map((x) => x.code),
    ['NOTICE_OVERDUE'],
  );
  assert.deepEqual(timely({ state: 'draft', councilDate: null, notifiedOn: null, today: '2023-08-17' }), []);
});

void test('R-M5: special meetings are exempt from the seven-day rules', () => {
  assert.deepEqual(timely({ kind: 'special', councilDate: '2023-08-24', notifiedOn: '2023-08-24' }), []);
  const strict: RulesProfile = { ...hebi, meetings: { ...hebi.meetings, specialMeetingsExempt: false } };
  const w = timelinessWarnings({ kind: 'special', state: 'notified', date: '2023-08-24', councilDate: '2023-08-24', notifiedOn: '2023-08-24', today: '2023-08-24' }, strict);
  assert.deepEqual(
    w.map((x) => x.code),
    ['COUNCIL_LATE', 'NOTICE_LATE'],
  );
});

void test('R-M5: the day counts come from the profile', () => {
  const ten: RulesProfile = { ...hebi, meetings: { ...hebi.meetings, councilDaysBefore: 10, noticeDaysBefore: 10 } };
  const w = timelinessWarnings({ kind: 'regular', state: 'notified', date: '2023-08-24', councilDate: '2023-08-17', notifiedOn: '2023-08-17', today: '2023-08-20' }, ten);
  assert.deepEqual(
    w.map((x) => x.code),
    ['COUNCIL_LATE', 'NOTICE_LATE'],
  );
  assert.match(w[0]?.message_zh ?? '', /十日前/);
});

// ---------------------------------------------------------------- R-M1 interval

void test('R-M1: more than two months without a regular meeting warns; exactly two months does not', () => {
  assert.equal(intervalWarning('2023-04-18', '2023-06-18', 2), null);
  const w = intervalWarning('2023-04-18', '2023-06-19', 2);
  assert.equal(w?.rule, 'R-M1 议事规则第七条');
  assert.equal(w?.code, 'REGULAR_INTERVAL');
});

void test('R-M1: over a term, each gap and the time since the last meeting are checked', () => {
  const w = regularIntervalWarnings({ termStart: '2023-01-10', regularDates: ['2023-06-20', '2023-02-20', '2023-04-18', '2023-08-24'], today: '2023-12-01', months: 2 });
  assert.deepEqual(
    w.map((x) => x.code),
    ['REGULAR_INTERVAL', 'REGULAR_INTERVAL', 'REGULAR_OVERDUE'],
  );
  assert.ok(w.every((x) => x.rule.startsWith('R-M1')));
  assert.deepEqual(regularIntervalWarnings({ termStart: null, regularDates: ['2023-08-24'], today: '2023-09-01', months: 2 }), []);
});

void test('R-M1: month arithmetic clamps to the month end', () => {
  assert.equal(addMonths('2023-12-31', 2), '2024-02-29');
  assert.equal(addMonths('2023-01-31', 1), '2023-02-28');
  assert.equal(addMonths('2023-11-15', 2), '2024-01-15');
  assert.equal(addDays('2023-08-24', -7), '2023-08-17');
  assert.equal(isValidDate('2023-02-29'), false);
  assert.equal(isValidDate('2024-02-29'), true);
  assert.equal(localDateOf('2023-08-23T16:30:00.000Z'), '2023-08-24');
  assert.equal(zhDate('2023-08-24'), '2023年8月24日');
});

// ---------------------------------------------------------------- titles and numbering (R-M1)

const hebiTitle = { congressName: '鹤壁市人民代表大会', standingCommitteeName: '鹤壁市人民代表大会常务委员会', region: '鹤壁市', termNumber: 12 } as const;

void test('R-M1: meetings are numbered within a term and titled as the gazette titles them', () => {
  assert.equal(meetingTitle({ ...hebiTitle, kind: 'regular', number: 6 }), '鹤壁市第十二届人民代表大会常务委员会第六次会议');
  assert.equal(meetingShortTitle({ ...hebiTitle, kind: 'regular', number: 6 }), '鹤壁市十二届人大常委会第六次会议');
  assert.equal(meetingTitle({ ...hebiTitle, kind: 'special', number: 21 }), '鹤壁市第十二届人民代表大会常务委员会第二十一次会议');
  assert.equal(meetingTitle({ ...hebiTitle, kind: 'chairpersons_council', number: 10 }), '鹤壁市第十二届人民代表大会常务委员会第十次主任会议');
  assert.equal(meetingTitle({ ...hebiTitle, kind: 'committee', number: 3, bodyName: '法制委员会' }), '鹤壁市第十二届人民代表大会法制委员会第三次会议');
  assert.equal(seriesOf('regular', null), seriesOf('special', null), 'regular and special meetings share one sequence');
  assert.notEqual(seriesOf('chairpersons_council', null), seriesOf('regular', null));
  assert.equal(nextNumber([]), 1);
  assert.equal(nextNumber([1, 2, 6]), 7);
});

// ---------------------------------------------------------------- agenda (R-M5, R-M10)

void test('R-M5: after the plenary adopts the agenda, only an adjustment changes it', () => {
  assertAgendaEditable(null, 'notified');
  refuses(() => assertAgendaEditable('2023-08-24T01:00:00Z', 'in_session'), 'R-M5', 409);
  refuses(() => checkAdoptAgenda('notified', null, 3), null, 409);
  refuses(() => checkAdoptAgenda('in_session', '2023-08-24T01:00:00Z', 3), 'R-M5', 409);
  checkAdoptAgenda('in_session', null, 3);
});

void test('agenda positions stay 1…n after a move or a removal', () => {
  const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  assert.deepEqual(
    reorder(items, { id: 'c', to: 1 }, null).map((x) => x.id),
    ['c', 'a', 'b'],
  );
  assert.deepEqual(reorder(items, null, 'b'), [
    { id: 'a', position: 1 },
    { id: 'c', position: 2 },
  ]);
  assert.deepEqual(
    reorder(items, { id: 'a', to: 99 }, null).map((x) => x.id),
    ['b', 'c', 'a'],
  );
});

void test('R-M10: the public sees announced public meetings only', () => {
  assert.equal(publiclyVisible({ is_public: 1, state: 'draft' }), false);
  assert.equal(publiclyVisible({ is_public: 1, state: 'scheduled' }), false);
  assert.equal(publiclyVisible({ is_public: 1, state: 'notified' }), true);
  assert.equal(publiclyVisible({ is_public: 0, state: 'in_session' }), false);
});

// ---------------------------------------------------------------- attendance and leave (R-M4, R-M6)

void test('R-M4: video attendance only where the council allowed it and the rules provide for it', () => {
  checkVideoAllowed('video', true, hebi);
  checkVideoAllowed('onsite', false, hebi);
  refuses(() => checkVideoAllowed('video', false, hebi), 'R-M4', 422);
  refuses(() => checkVideoAllowed('video', true, PRESETS.beijing), 'R-M4', 422);
});

void test('R-M6: before the meeting the presiding person decides leave; anyone else is refused', () => {
  const base = { actorPersonId: 'shangxin', requesterPersonId: 'm10', presidingPersonId: 'shangxin', secretaryGeneralIds: ['fangzaimin'] };
  assert.equal(checkLeaveDecider({ ...base, state: 'notified' }), 'before');
  const e = refuses(() => checkLeaveDecider({ ...base, state: 'notified', actorPersonId: 'fangzaimin' }), 'R-M6', 403);
  assert.equal(e.code, 'LEAVE_DECIDER');
  refuses(() => checkLeaveDecider({ ...base, state: 'scheduled', actorPersonId: null }), 'R-M6', 403);
  refuses(() => checkLeaveDecider({ ...base, state: 'notified', presidingPersonId: null }), 'R-M6', 409);
  refuses(() => checkLeaveDecider({ ...base, state: 'notified', requesterPersonId: 'shangxin' }), 'R-M6', 403);
});

void test('R-M6: during the meeting the secretary-general decides leave; the presiding person does not', () => {
  const base = { requesterPersonId: 'm10', presidingPersonId: 'shangxin', secretaryGeneralIds: ['fangzaimin'], state: 'in_session' as const };
  assert.equal(checkLeaveDecider({ ...base, actorPersonId: 'fangzaimin' }), 'during');
  refuses(() => checkLeaveDecider({ ...base, actorPersonId: 'shangxin' }), 'R-M6', 403);
  assert.equal(leavePhase('in_session'), 'during');
  assert.equal(leavePhase('notified'), 'before');
  refuses(() => checkLeaveDecider({ ...base, state: 'closed', actorPersonId: 'fangzaimin' }), null, 409);
});

void test('sign-in with the code: on a meeting day, once notified, with the right code', () => {
  const ok = { state: 'in_session' as const, date: '2023-08-24', endDate: null, today: '2023-08-24', codeMatches: true };
  checkCheckIn(ok);
  checkCheckIn({ ...ok, date: '2023-08-23', endDate: '2023-08-25' });
  refuses(() => checkCheckIn({ ...ok, today: '2023-08-23' }), null, 409);
  refuses(() => checkCheckIn({ ...ok, state: 'scheduled' }), null, 409);
  refuses(() => checkCheckIn({ ...ok, codeMatches: false }), null, 422);
});

void test('R-M6: the attendance report reads 应到41人，实到30人，请假11人，符合法定人数', () => {
  assert.equal(attendanceSummary(quorumOf(hebi, counts(30))).zh, '应到41人，实到30人，请假11人，符合法定人数');
  assert.match(attendanceSummary(quorumOf(hebi, counts(20))).zh, /不足法定人数（至少21人）$/);
});

void test("the attendance list prints as the gazette's lines 2332–2352", () => {
  const m = (name: string, role: string, status: 'present' | 'leave') => ({ name, role, status });
  const list = gazetteAttendanceList('鹤壁市十二届人大常委会第六次会议', [
    m('史全新', 'chair', 'leave'),
    m('尚欣', 'vice_chair', 'present'),
    m('王海涛', 'vice_chair', 'present'),
    m('郑辉', 'vice_chair', 'leave'),
    m('方在敏', 'secretary_general', 'present'),
    ...['王士洁', '王小强', '王旭东', '王学德', '王烁', '王景娟'].map((n) => m(n, 'member', 'present')),
    ...['蔺其军', '田锋', '吕民民', '刘文合', '刘砚娟'].map((n) => m(n, 'member', 'leave')),
  ]);
  assert.equal(
    list.text,
    [
      '鹤壁市十二届人大常委会第六次会议出缺席人员名单',
      '副主任：尚欣 王海涛',
      '秘书长：方在敏',
      '委员（以姓名笔画为序）：',
      '王士洁 王小强 王旭东 王学德 王烁',
      '王景娟',
      '请假：史全新 郑辉 蔺其军 田锋 吕民民 刘文合',
      '刘砚娟',
    ].join('\n'),
  );
  assert.deepEqual(list.present[0], { label: '副主任', names: ['尚欣', '王海涛'] });
  assert.deepEqual(wrapNames('请假：', ['a'], 24), ['请假：a']);
  assert.equal(padName('王伟'), '王 伟');
  assert.equal(padName('王海涛'), '王海涛');
});

// ---------------------------------------------------------------- observers (R-M8)

void test('R-M8: identity numbers are checked (GB 11643 check character) and phones normalised', () => {
  assert.equal(normaliseIdNumber('11010519491231002x'), '11010519491231002X');
  refuses(() => normaliseIdNumber('110105194912310021'), 'R-M8', 422);
  refuses(() => normaliseIdNumber('11010519491331002X'), 'R-M8', 422);
  refuses(() => normaliseIdNumber('1234'), 'R-M8', 422);
  assert.equal(normalisePhone('+86 138-0000-0000'), '13800000000');
  refuses(() => normalisePhone('12345'), 'R-M8', 422);
});

void test('R-M8: registration needs an announced public meeting with a free seat; approval never exceeds the seats', () => {
  checkObserverRegistration({ isPublic: true, state: 'notified', seats: 10, approved: 9 });
  refuses(() => checkObserverRegistration({ isPublic: true, state: 'notified', seats: 10, approved: 10 }), 'R-M8', 409);
  refuses(() => checkObserverRegistration({ isPublic: false, state: 'notified', seats: 10, approved: 0 }), 'R-M8', 409);
  refuses(() => checkObserverRegistration({ isPublic: true, state: 'in_session', seats: 10, approved: 0 }), 'R-M8', 409);
  refuses(() => checkObserverApproval(2, 2), 'R-M8', 409);
  checkObserverApproval(2, 1);
});

// ---------------------------------------------------------------- groups (R-M9)

void test('R-M9: group lists: members only, each once; the secretary-general approves', () => {
  const members = new Set(['a', 'b', 'c']);
  checkGroupDraft([{ name: '第一组', memberIds: ['a', 'b'] }, { name: '第二组', memberIds: ['c'] }], members);
  refuses(() => checkGroupDraft([{ name: '第一组', memberIds: ['a'] }, { name: '第二组', memberIds: ['a'] }], members), 'R-M9', 422);
  refuses(() => checkGroupDraft([{ name: '第一组', memberIds: ['x'] }], members), 'R-M9', 422);
  checkGroupsApprover('sg', ['sg'], 'draft');
  refuses(() => checkGroupsApprover('chair', ['sg'], 'draft'), 'R-M9', 403);
  refuses(() => checkGroupsApprover('sg', ['sg'], 'approved'), 'R-M9', 409);
});

void test('R-M9: conveners rotate — least turns first, then the longest ago, then the group order', () => {
  const g = ['a', 'b', 'c'];
  assert.equal(nextConvener(g, []), 'a');
  assert.equal(nextConvener(g, ['a']), 'b');
  assert.equal(nextConvener(g, ['a', 'b']), 'c');
  assert.equal(nextConvener(g, ['a', 'b', 'c']), 'a');
  assert.equal(nextConvener(g, ['c', 'a', 'b']), 'c');
  assert.equal(nextConvener([], ['a']), null);
});

// ---------------------------------------------------------------- speakers (R-V1)

void test('R-V1: registered beforehand joins the queue; during the item a request is ad hoc', () => {
  assert.equal(speakerKind('notified', false), 'registered');
  assert.equal(speakerKind('in_session', false), 'registered');
  assert.equal(speakerKind('in_session', true), 'adhoc');
});

void test('R-V1: only the presiding person orders the queue or consents; the order lists exactly the queue', () => {
  checkPresidingActor('p', 'p', { zh: '发言顺序', en: 'order' });
  refuses(() => checkPresidingActor('q', 'p', { zh: '发言顺序', en: 'order' }), 'R-V1', 403);
  refuses(() => checkPresidingActor(null, null, { zh: '发言顺序', en: 'order' }), 'R-V1', 403);
  checkQueueOrder(['a', 'b'], ['b', 'a']);
  refuses(() => checkQueueOrder(['a', 'b'], ['a']), 'R-V1', 422);
  refuses(() => checkQueueOrder(['a', 'b'], ['a', 'a']), 'R-V1', 422);
});

void test('speech limits come from the profile; the timer reports overrun', () => {
  assert.equal(speechLimitSeconds(hebi.speech, 1), null);
  assert.equal(speechLimitSeconds(PRESETS.beijing.speech, 1), 600);
  assert.equal(speechLimitSeconds(PRESETS.beijing.speech, 2), 300);
  assert.deepEqual(speechTimer('2023-08-24T01:00:00.000Z', '2023-08-24T01:10:01.000Z', 600, '2023-08-24T02:00:00.000Z'), { elapsedSeconds: 601, overrun: true });
  assert.deepEqual(speechTimer('2023-08-24T01:00:00.000Z', null, 600, '2023-08-24T01:05:00.000Z'), { elapsedSeconds: 300, overrun: false });
  assert.deepEqual(speechTimer(null, null, 600, '2023-08-24T01:05:00.000Z'), { elapsedSeconds: null, overrun: false });
});

// ---------------------------------------------------------------- documents

void test('documents: PDF, DOCX and images by their bytes; anything else is refused; the size is limited', () => {
  assert.deepEqual(checkDocumentType({ mime: 'application/pdf' }), { mime: 'application/pdf', ext: 'pdf' });
  refuses(() => checkDocumentType(undefined), null, 415);
  refuses(() => checkDocumentType({ mime: 'application/x-msdownload' }), null, 415);
  refuses(() => checkDocumentSize(0, 100), null, 422);
  refuses(() => checkDocumentSize(101, 100), null, 413);
  assert.equal(cleanFilename('../../etc/议程.PDF', 'pdf'), '议程.PDF');
  assert.equal(cleanFilename('报告.exe', 'pdf'), '报告.pdf');
  assert.equal(cleanFilename('', 'png'), 'document.png');
});

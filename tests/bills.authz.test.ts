// Every role × every operation of bills, oversight and personnel × own and other congress, through
// HTTP. Allowed → 2xx; a role of this congress without the right → 403; the public → 401; any role
// of ANOTHER congress → 404 (never 403: records are not disclosed).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROLES, type Role } from '../server/platform/access.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { localToday, shiftDays } from './meetings.helpers.ts';

let t: TestApp;
let root: string;
let otherId: string;
let hebiSigners: string[] = [];
let hebiUnit = '';
const tokens = new Map<Role, string>();
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

async function ok(method: string, url: string, body?: unknown) {
  const r = await t.request(method, url, { token: root, body });
  assert.ok(r.status < 300, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

before(async () => {
  t = await startTestApp();
  root = await t.login('admin');
  const other = await ok('POST', '/api/v1/congresses', { parentId: t.hebiId, level: 'county', name: '淇滨区人民代表大会', slug: 'qibin' });
  otherId = other.id;
  await ok('POST', `/api/v1/congresses/${otherId}/terms`, { number: 7 });
  for (const role of ROLES) {
    const username = `role.${role.replace('_', '-')}`;
    await ok('POST', `/api/v1/congresses/${t.hebiId}/users`, { username, displayName: role, password: 'Passw0rd-matrix', roles: [role] });
    tokens.set(role, await t.login(username, 'Passw0rd-matrix'));
  }
  // The handling unit's user works for one unit; letters to that unit are theirs to read and answer.
  const unitUser = await t.yishi.handle.db.selectFrom('users').select('id').where('username', '=', 'role.handling-unit').executeTakeFirstOrThrow();
  hebiUnit = (await t.yishi.handle.db.selectFrom('bodies').select('id').where('congress_id', '=', t.hebiId).where('kind', '=', 'handling_unit').orderBy('name').executeTakeFirstOrThrow()).id;
  await ok('PUT', `/api/v1/congresses/${t.hebiId}/units/${hebiUnit}/users/${unitUser.id}`, { isHead: false });
  hebiSigners = ((await t.request('GET', `/api/v1/congresses/${t.hebiId}/members`)).body as { id: string }[]).slice(8, 13).map((m) => m.id);
});
after(() => t.close());

type Prepared = { url: string; body?: unknown };
type Prep = (cid: string) => Promise<Prepared> | Prepared;
interface Op {
  id: string;
  method: 'GET' | 'POST' | 'PATCH';
  prep: Prep;
  allowed: Role[];
  /** What an allowed role gets when the request passes authorization but a rule refuses it (default: 2xx). */
  allowedStatus?: number;
}

const READ: Role[] = ['admin', 'office', 'chair', 'member', 'committee'];
const STAFF: Role[] = ['admin', 'office'];
const COUNCIL: Role[] = ['admin', 'office', 'chair'];

const newBill = async (c: string, proposer: unknown = { type: 'council' }) => (await ok('POST', '/api/v1/bills', { congressId: c, kind: 'decision', title: `议案${uniq()}`, proposer })).id as string;
/** A bill of this congress in a given state, written straight into the table (the matrix tests access, not the workflow). */
const billIn = async (c: string, kind: string, state: string, persons: unknown[] = []) => {
  const id = await newBill(c);
  await t.yishi.handle.db.updateTable('bills').set({ kind, state, materials: JSON.stringify(persons) }).where('id', '=', id).execute();
  return id;
};
const itemIn = async (c: string) => {
  const m = await ok('POST', '/api/v1/meetings', { congressId: c, kind: 'regular', date: shiftDays(localToday(), 30) });
  return (await ok('POST', `/api/v1/meetings/${m.id}/agenda-items`, { kind: 'bill', title: `议题${uniq()}` })).id as string;
};
const inquiry = async (c: string, state?: 'held' | 'opinions_sent') => {
  const id = (await ok('POST', `/api/v1/congresses/${c}/special-inquiries`, { kind: 'inquiry', topic: `询问${uniq()}`, proposer: { type: 'council' } })).id as string;
  if (state) await t.yishi.handle.db.updateTable('special_inquiries').set({ state }).where('id', '=', id).execute();
  return id;
};
const investigation = async (c: string, state?: 'reported') => {
  const p = (await ok('POST', `/api/v1/congresses/${c}/people`, { name: `调查${uniq()}` })).id as string;
  const id = (await ok('POST', `/api/v1/congresses/${c}/investigations`, { question: '问题', mandate: '调查', establishedOn: localToday(), chairId: p, memberIds: [p] })).id as string;
  if (state) await t.yishi.handle.db.updateTable('investigation_committees').set({ state }).where('id', '=', id).execute();
  return id;
};
const person = async (c: string) => (await ok('POST', `/api/v1/congresses/${c}/people`, { name: `测试${uniq()}` })).id as string;
const meetingInSession = async (c: string) => {
  const m = await ok('POST', '/api/v1/meetings', { congressId: c, kind: 'regular', date: localToday() });
  await t.yishi.handle.db.updateTable('meetings').set({ state: 'in_session' }).where('id', '=', m.id).execute();
  return m.id as string;
};
const interpellation = async (c: string) => {
  // Another congress's record is made in the database directly: its members are not set up here.
  const meetingId = await meetingInSession(c);
  if (c === t.hebiId) return (await ok('POST', '/api/v1/interpellations', { meetingId, target: 'court', question: '问题', content: '内容', signers: hebiSigners })).id as string;
  const id = `ip-${uniq()}`;
  await t.yishi.handle.db
    .insertInto('interpellations')
    .values({ id, congress_id: c, meeting_id: meetingId, target: 'court', target_name: null, question: 'q', content: 'c', state: 'submitted', route: null, committee: null, answer_mode: null, answer_text: null, answer_signed_by: null, answered_on: null, created_at: new Date().toISOString() })
    .execute();
  return id;
};
const routed = async (c: string) => {
  const id = await interpellation(c);
  await t.yishi.handle.db.updateTable('interpellations').set({ state: 'routed', route: 'plenary', unit_id: c === t.hebiId ? hebiUnit : null }).where('id', '=', id).execute();
  return id;
};

const OPS: Op[] = [
  { id: 'createBill', method: 'POST', prep: (c) => ({ url: '/api/v1/bills', body: { congressId: c, kind: 'other', title: '议案', proposer: { type: 'organ', organ: 'government' } } }), allowed: STAFF },
  { id: 'listBills', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/bills` }), allowed: READ },
  { id: 'getBill', method: 'GET', prep: async (c) => ({ url: `/api/v1/bills/${await newBill(c)}` }), allowed: READ },
  { id: 'getBillHistory', method: 'GET', prep: async (c) => ({ url: `/api/v1/bills/${await newBill(c)}/history` }), allowed: READ },
  { id: 'confirmCosign', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await newBill(c)}/cosign` }), allowed: [] },
  {
    id: 'submitBill',
    method: 'POST',
    prep: async (c) => {
      const id = c === t.hebiId ? await newBill(c, { type: 'members', cosigners: hebiSigners }) : await newBill(c);
      await t.yishi.handle.db.updateTable('bill_cosigners').set({ confirmed_at: new Date().toISOString() }).where('bill_id', '=', id).execute();
      return { url: `/api/v1/bills/${id}/submit`, body: {} };
    },
    allowed: STAFF,
  },
  { id: 'decideBill', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await newBill(c, { type: 'organ', organ: 'court' })}/decision`, body: { decision: 'place' } }), allowed: COUNCIL },
  { id: 'withdrawBill', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await newBill(c)}/withdraw`, body: { councilConsentDate: localToday() } }), allowed: COUNCIL },
  { id: 'holdBill', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await newBill(c)}/hold`, body: { councilDate: localToday(), reason: '重大问题', committee: '法制委员会' } }), allowed: COUNCIL },
  {
    id: 'recordBillVote',
    method: 'POST',
    prep: async (c) => {
      const id = await newBill(c);
      await t.yishi.handle.db.updateTable('bills').set({ agenda_item_id: await itemIn(c) }).where('id', '=', id).execute();
      return { url: `/api/v1/bills/${id}/vote`, body: {} };
    },
    allowed: COUNCIL,
    allowedStatus: 409, // no poll on the item has closed: refused by the rule, after authorization
  },
  { id: 'sendBackBill', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await billIn(c, 'decision', 'held')}/send-back`, body: { councilDate: localToday() } }), allowed: COUNCIL },
  { id: 'linkBillAgendaItem', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await newBill(c)}/agenda-item`, body: { agendaItemId: await itemIn(c) } }), allowed: COUNCIL },
  { id: 'setBillPresenter', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await newBill(c)}/presenter`, body: { name: '某某', role: 'council_member' } }), allowed: STAFF },
  { id: 'recordBillReading', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await newBill(c)}/readings`, body: { stage: 'first_deliberation', date: localToday() } }), allowed: COUNCIL },
  {
    id: 'recordAppointmentStatement',
    method: 'POST',
    prep: async (c) => ({ url: `/api/v1/bills/${await billIn(c, 'personnel', 'placed', [{ name: '某某', post: '副市长', particulars: '男', reasons: '需要' }])}/statements`, body: { name: '某某', date: localToday() } }),
    allowed: STAFF,
  },
  { id: 'issueOutcomeDocument', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await billIn(c, 'decision', 'passed')}/outcomes`, body: { kind: 'decision', series: '鹤常', date: localToday() } }), allowed: STAFF },
  { id: 'reportBillForApproval', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await billIn(c, 'regulation', 'passed')}/approval-request`, body: { date: localToday() } }), allowed: STAFF },
  { id: 'recordBillApproval', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await billIn(c, 'regulation', 'awaiting_approval')}/approval`, body: { date: localToday(), body: '河南省人大常委会' } }), allowed: STAFF },
  { id: 'promulgateBill', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await billIn(c, 'regulation', 'approved')}/promulgation`, body: { date: localToday(), announcementNo: '第1号' } }), allowed: STAFF },
  {
    id: 'createInterpellation',
    method: 'POST',
    prep: async (c) => ({ url: '/api/v1/interpellations', body: { meetingId: await meetingInSession(c), target: 'government', question: '问题', content: '内容', signers: hebiSigners } }),
    allowed: STAFF,
  },
  { id: 'getInterpellation', method: 'GET', prep: async (c) => ({ url: `/api/v1/interpellations/${await routed(c)}` }), allowed: [...READ, 'handling_unit'] },
  { id: 'routeInterpellation', method: 'POST', prep: async (c) => ({ url: `/api/v1/interpellations/${await interpellation(c)}/route`, body: { route: 'plenary' } }), allowed: COUNCIL },
  { id: 'answerInterpellation', method: 'POST', prep: async (c) => ({ url: `/api/v1/interpellations/${await routed(c)}/answer`, body: { mode: 'oral', text: '口头答复' } }), allowed: [...STAFF, 'handling_unit'] },
  { id: 'listInterpellations', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/interpellations` }), allowed: [...READ, 'handling_unit'] },
  {
    id: 'createRectificationItems',
    method: 'POST',
    prep: (c) => ({ url: `/api/v1/congresses/${c}/rectification-items`, body: { items: [{ title: '问题', dueDate: shiftDays(localToday(), 30) }] } }),
    allowed: STAFF,
  },
  { id: 'listRectificationItems', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/rectification-items` }), allowed: READ },
  {
    id: 'updateRectificationItem',
    method: 'PATCH',
    prep: async (c) => {
      await ok('POST', `/api/v1/congresses/${c}/rectification-items`, { reportId: `r${uniq()}`, items: [{ title: '问题', dueDate: localToday() }] });
      const items = await ok('GET', `/api/v1/congresses/${c}/rectification-items`);
      return { url: `/api/v1/congresses/${c}/rectification-items/${items[0].id}`, body: { status: 'rectified' } };
    },
    allowed: STAFF,
  },
  { id: 'getRectificationSummary', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/rectification-summary` }), allowed: READ },
  {
    id: 'createReport',
    method: 'POST',
    prep: (c) => ({ url: `/api/v1/congresses/${c}/reports`, body: { kind: 'environment', title: '环境状况报告', organ: '市人民政府' } }),
    allowed: STAFF,
  },
  { id: 'listReports', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/reports` }), allowed: READ },
  {
    id: 'recordReportOutcome',
    method: 'POST',
    prep: async (c) => {
      const meetingId = (await ok('POST', '/api/v1/meetings', { congressId: c, kind: 'regular', date: localToday() })).id as string;
      const r = await ok('POST', `/api/v1/congresses/${c}/reports`, { kind: 'environment', title: '环境状况报告', organ: '市人民政府', meetingId });
      return { url: `/api/v1/congresses/${c}/reports/${r.id as string}/outcome`, body: { outcome: 'heard' } };
    },
    allowed: STAFF,
  },
  {
    id: 'createOpinionLetter',
    method: 'POST',
    prep: (c) => ({ url: `/api/v1/congresses/${c}/opinion-letters`, body: { organ: '市财政局', opinions: ['意见'], dueDate: shiftDays(localToday(), 30) } }),
    allowed: STAFF,
  },
  { id: 'listOpinionLetters', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/opinion-letters` }), allowed: [...READ, 'handling_unit'] },
  {
    id: 'answerOpinionLetter',
    method: 'POST',
    prep: async (c) => {
      const to = c === t.hebiId ? { unitId: hebiUnit } : { organ: '市财政局' };
      const id = (await ok('POST', `/api/v1/congresses/${c}/opinion-letters`, { ...to, opinions: ['意见'], dueDate: shiftDays(localToday(), 30) })).id as string;
      return { url: `/api/v1/congresses/${c}/opinion-letters/${id}/answer`, body: { text: '已办理' } };
    },
    allowed: [...STAFF, 'handling_unit'],
  },
  { id: 'createFollowupResult', method: 'POST', prep: (c) => ({ url: `/api/v1/congresses/${c}/followup-results`, body: { title: '落实事项' } }), allowed: STAFF },
  { id: 'getFollowupTree', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/followup-results` }), allowed: READ },
  {
    id: 'updateFollowupProgress',
    method: 'PATCH',
    prep: async (c) => ({ url: `/api/v1/congresses/${c}/followup-results/${(await ok('POST', `/api/v1/congresses/${c}/followup-results`, { title: '落实事项' })).id}`, body: { progress: 50 } }),
    allowed: STAFF,
  },
  { id: 'getOverdueDashboard', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/overdue-dashboard` }), allowed: READ },
  { id: 'listFollowupReminders', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/followup-reminders` }), allowed: [...READ, 'handling_unit'] },
  { id: 'runFollowups', method: 'POST', prep: (c) => ({ url: `/api/v1/congresses/${c}/followup-run`, body: {} }), allowed: STAFF },
  { id: 'createSpecialInquiry', method: 'POST', prep: (c) => ({ url: `/api/v1/congresses/${c}/special-inquiries`, body: { kind: 'inquiry', topic: '专题询问', proposer: { type: 'council' } } }), allowed: STAFF },
  { id: 'listSpecialInquiries', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/special-inquiries` }), allowed: READ },
  {
    id: 'recordInquiryQa',
    method: 'POST',
    prep: async (c) => ({ url: `/api/v1/congresses/${c}/special-inquiries/${await inquiry(c)}/qa`, body: { askedBy: '委员', question: '问', answeredBy: '局长', answer: '答' } }),
    allowed: STAFF,
  },
  {
    id: 'sendInquiryOpinions',
    method: 'POST',
    prep: async (c) => ({ url: `/api/v1/congresses/${c}/special-inquiries/${await inquiry(c, 'held')}/opinions`, body: { opinions: ['意见'], sentOn: localToday(), dueDate: shiftDays(localToday(), 30) } }),
    allowed: STAFF,
  },
  { id: 'reportInquiry', method: 'POST', prep: async (c) => ({ url: `/api/v1/congresses/${c}/special-inquiries/${await inquiry(c, 'opinions_sent')}/report`, body: { text: '报告', reportedOn: localToday() } }), allowed: STAFF },
  {
    id: 'createInvestigation',
    method: 'POST',
    prep: async (c) => {
      const p = await person(c);
      return { url: `/api/v1/congresses/${c}/investigations`, body: { question: '问题', mandate: '调查', establishedOn: localToday(), chairId: p, memberIds: [p] } };
    },
    allowed: STAFF,
  },
  { id: 'listInvestigations', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/investigations` }), allowed: READ },
  { id: 'reportInvestigation', method: 'POST', prep: async (c) => ({ url: `/api/v1/congresses/${c}/investigations/${await investigation(c)}/report`, body: { text: '报告', reportedOn: localToday() } }), allowed: STAFF },
  {
    id: 'concludeInvestigation',
    method: 'POST',
    prep: async (c) => ({ url: `/api/v1/congresses/${c}/investigations/${await investigation(c, 'reported')}/conclusion`, body: { resolutionBillId: await newBill(c) } }),
    allowed: STAFF,
  },
  { id: 'listPosts', method: 'GET', prep: (c) => ({ url: `/api/v1/congresses/${c}/posts` }), allowed: READ },
  { id: 'createPost', method: 'POST', prep: (c) => ({ url: `/api/v1/congresses/${c}/posts`, body: { organ: '市人民政府', title: `职务${uniq()}` } }), allowed: STAFF },
  {
    id: 'recordPersonnelActs',
    method: 'POST',
    prep: async (c) => {
      const postId = (await ok('POST', `/api/v1/congresses/${c}/posts`, { organ: '市人民政府', title: `职务${uniq()}` })).id as string;
      return { url: `/api/v1/congresses/${c}/personnel-acts`, body: { date: localToday(), acts: [{ act: 'decide_appoint', personId: await person(c), postId }] } };
    },
    allowed: STAFF,
  },
];

for (const op of OPS) {
  test(`authorization matrix: ${op.id}`, async () => {
    const failures: string[] = [];
    const check = async (who: string, token: string | undefined, cid: string, expected: number | 'ok') => {
      const { url, body: b } = await op.prep(cid);
      const r = await t.request(op.method, url, { token, body: b });
      const good = expected === 'ok' ? r.status >= 200 && r.status < 300 : r.status === expected;
      if (!good) failures.push(`${who} on ${cid === otherId ? 'other' : 'own'} congress: expected ${expected}, got ${r.status} ${JSON.stringify(r.body)}`);
    };
    await check('public', undefined, t.hebiId, 401);
    for (const role of ROLES) {
      const token = tokens.get(role)!;
      await check(role, token, t.hebiId, op.allowed.includes(role) ? (op.allowedStatus ?? 'ok') : 403);
      await check(role, token, otherId, 404);
    }
    assert.deepEqual(failures, []);
  });
}

test('getPersonnelList reads with the meeting: internal roles see it, another congress’s meeting is not disclosed', async () => {
  const sixth = ((await t.request('GET', `/api/v1/congresses/${t.hebiId}/meetings`)).body as { id: string; number: number }[]).find((m) => m.number === 6)!.id;
  for (const role of READ) assert.equal((await t.request('GET', `/api/v1/meetings/${sixth}/personnel-list`, { token: tokens.get(role) })).status, 200, role);
  const draft = (await ok('POST', '/api/v1/meetings', { congressId: otherId, kind: 'regular', date: localToday() })).id as string;
  for (const role of ROLES) assert.equal((await t.request('GET', `/api/v1/meetings/${draft}/personnel-list`, { token: tokens.get(role) })).status, 404, role);
});

test('the matrix covers every operation tagged bills, oversight or personnel', async () => {
  const doc = (await t.request('GET', '/api/v1/openapi.json')).body;
  const covered = new Set([...OPS.map((o) => o.id), 'getPersonnelList']);
  const missing: string[] = [];
  for (const methods of Object.values(doc.paths as Record<string, Record<string, { operationId: string; tags?: string[] }>>)) {
    for (const spec of Object.values(methods)) {
      if (!spec.tags?.some((tag) => ['bills', 'oversight', 'personnel'].includes(tag))) continue;
      if (!covered.has(spec.operationId)) missing.push(spec.operationId);
    }
  }
  assert.deepEqual(missing, []);
});

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
}

const READ: Role[] = ['admin', 'office', 'chair', 'member', 'committee'];
const STAFF: Role[] = ['admin', 'office'];
const COUNCIL: Role[] = ['admin', 'office', 'chair'];

const newBill = async (c: string, proposer: unknown = { type: 'council' }) => (await ok('POST', '/api/v1/bills', { congressId: c, kind: 'decision', title: `议案${uniq()}`, proposer })).id as string;
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
  await t.yishi.handle.db.updateTable('interpellations').set({ state: 'routed', route: 'plenary' }).where('id', '=', id).execute();
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
  { id: 'recordBillVote', method: 'POST', prep: async (c) => ({ url: `/api/v1/bills/${await newBill(c)}/vote`, body: { date: localToday(), result: 'passed' } }), allowed: COUNCIL },
  {
    id: 'createInterpellation',
    method: 'POST',
    prep: async (c) => ({ url: '/api/v1/interpellations', body: { meetingId: await meetingInSession(c), target: 'government', question: '问题', content: '内容', signers: hebiSigners } }),
    allowed: STAFF,
  },
  { id: 'getInterpellation', method: 'GET', prep: async (c) => ({ url: `/api/v1/interpellations/${await interpellation(c)}` }), allowed: READ },
  { id: 'routeInterpellation', method: 'POST', prep: async (c) => ({ url: `/api/v1/interpellations/${await interpellation(c)}/route`, body: { route: 'plenary' } }), allowed: COUNCIL },
  { id: 'answerInterpellation', method: 'POST', prep: async (c) => ({ url: `/api/v1/interpellations/${await routed(c)}/answer`, body: { mode: 'oral', text: '口头答复' } }), allowed: STAFF },
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
      const id = (await ok('POST', `/api/v1/congresses/${c}/opinion-letters`, { organ: '市财政局', opinions: ['意见'], dueDate: shiftDays(localToday(), 30) })).id as string;
      return { url: `/api/v1/congresses/${c}/opinion-letters/${id}/answer`, body: { text: '已办理' } };
    },
    allowed: [...STAFF, 'handling_unit'],
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
      await check(role, token, t.hebiId, op.allowed.includes(role) ? 'ok' : 403);
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

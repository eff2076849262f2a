// Every role × every operation of the foundation × own and other congress, through HTTP.
// Allowed → 2xx; a role of this congress without the right → 403; the public → 401 on
// non-public operations; any role of ANOTHER congress → 404 (never 403: records are not disclosed).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import { ROLES, type Role } from '../server/platform/access.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { seedMeeting } from './polls.helpers.ts';

let t: TestApp;
let root: string; // the installation admin's token
let otherId: string; // a county congress where the role users hold no role
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
});
after(() => t.close());

type Prep = (cid: string) => Promise<{ url: string; body?: unknown }>;
interface Op {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  prep: Prep;
  allowed: Role[] | 'public';
}

const person = async (cid: string) => (await ok('POST', `/api/v1/congresses/${cid}/people`, { name: `测试${uniq()}` })).id as string;
const body = async (cid: string) => (await ok('POST', `/api/v1/congresses/${cid}/bodies`, { kind: 'working_organ', name: `机构${uniq()}` })).id as string;
const user = async (cid: string) => (await ok('POST', `/api/v1/congresses/${cid}/users`, { username: `u${uniq()}`, displayName: 'x', password: 'Passw0rd-target', roles: ['member'] })).id as string;
/** A login lockout of a new account of the congress: five wrong passwords from one address, then a sixth attempt. */
const loginLock = async (cid: string) => {
  const id = await user(cid);
  const { username } = await t.yishi.handle.db.selectFrom('users').select('username').where('id', '=', id).executeTakeFirstOrThrow();
  const ip = `10.77.${seq++ % 250}.${seq++ % 250}`;
  for (let i = 0; i < 6; i++) await t.request('POST', '/api/v1/auth/login', { body: { username, password: 'wrong-password' }, ip });
  return (await t.yishi.handle.db.selectFrom('login_locks').select('id').where('user_id', '=', id).executeTakeFirstOrThrow()).id;
};

const OPS: Op[] = [
  { id: 'getCongress', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}` }), allowed: 'public' },
  { id: 'updateCongress', method: 'PATCH', prep: async (c) => ({ url: `/api/v1/congresses/${c}`, body: { region: '鹤壁' } }), allowed: ['admin'] },
  { id: 'createCongress', method: 'POST', prep: async (c) => ({ url: '/api/v1/congresses', body: { parentId: c, level: 'township', name: `乡人大${uniq()}`, slug: `t${uniq()}` } }), allowed: ['admin'] },
  { id: 'listTerms', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}/terms` }), allowed: 'public' },
  { id: 'createTerm', method: 'POST', prep: async (c) => ({ url: `/api/v1/congresses/${c}/terms`, body: { number: 20 + seq++ } }), allowed: ['admin', 'office'] },
  { id: 'listBodies', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}/bodies` }), allowed: 'public' },
  { id: 'createBody', method: 'POST', prep: async (c) => ({ url: `/api/v1/congresses/${c}/bodies`, body: { kind: 'special_committee', name: `委员会${uniq()}` } }), allowed: ['admin', 'office'] },
  { id: 'updateBody', method: 'PATCH', prep: async (c) => ({ url: `/api/v1/congresses/${c}/bodies/${await body(c)}`, body: { sortOrder: 3 } }), allowed: ['admin', 'office'] },
  { id: 'getRulesProfile', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}/rules-profile` }), allowed: 'public' },
  {
    id: 'updateRulesProfile',
    method: 'PUT',
    prep: async (c) => ({ url: `/api/v1/congresses/${c}/rules-profile`, body: (await t.request('GET', `/api/v1/congresses/${c}/rules-profile`)).body }),
    allowed: ['admin'],
  },
  { id: 'listMembers', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}/members` }), allowed: 'public' },
  { id: 'listMemberships', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}/memberships` }), allowed: 'public' },
  { id: 'listPeople', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}/people` }), allowed: ['admin', 'office', 'chair'] },
  { id: 'getPerson', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}/people/${await person(c)}` }), allowed: ['admin', 'office', 'chair'] },
  { id: 'createPerson', method: 'POST', prep: async (c) => ({ url: `/api/v1/congresses/${c}/people`, body: { name: '新人员' } }), allowed: ['admin', 'office'] },
  { id: 'updatePerson', method: 'PATCH', prep: async (c) => ({ url: `/api/v1/congresses/${c}/people/${await person(c)}`, body: { note: '备注' } }), allowed: ['admin', 'office'] },
  {
    id: 'createMembership',
    method: 'POST',
    prep: async (c) => ({ url: `/api/v1/congresses/${c}/memberships`, body: { bodyId: await body(c), personId: await person(c), role: 'member' } }),
    allowed: ['admin', 'office'],
  },
  {
    id: 'endMembership',
    method: 'POST',
    prep: async (c) => {
      const m = await ok('POST', `/api/v1/congresses/${c}/memberships`, { bodyId: await body(c), personId: await person(c), role: 'member' });
      return { url: `/api/v1/congresses/${c}/memberships/${m.id}/end`, body: { endDate: '2030-01-01' } };
    },
    allowed: ['admin', 'office'],
  },
  { id: 'listUsers', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}/users` }), allowed: ['admin'] },
  {
    id: 'createUser',
    method: 'POST',
    prep: async (c) => ({ url: `/api/v1/congresses/${c}/users`, body: { username: `n${uniq()}`, displayName: 'n', password: 'Passw0rd-new', roles: ['deputy'] } }),
    allowed: ['admin'],
  },
  { id: 'updateUser', method: 'PATCH', prep: async (c) => ({ url: `/api/v1/congresses/${c}/users/${await user(c)}`, body: { email: 'x@example.cn' } }), allowed: ['admin'] },
  { id: 'lockUser', method: 'POST', prep: async (c) => ({ url: `/api/v1/congresses/${c}/users/${await user(c)}/lock` }), allowed: ['admin'] },
  { id: 'unlockUser', method: 'POST', prep: async (c) => ({ url: `/api/v1/congresses/${c}/users/${await user(c)}/unlock` }), allowed: ['admin'] },
  { id: 'listLoginLocks', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}/login-locks` }), allowed: ['admin', 'office'] },
  { id: 'clearLoginLock', method: 'POST', prep: async (c) => ({ url: `/api/v1/congresses/${c}/login-locks/${await loginLock(c)}/clear` }), allowed: ['admin'] },
  { id: 'setUserRoles', method: 'PUT', prep: async (c) => ({ url: `/api/v1/congresses/${c}/users/${await user(c)}/roles`, body: { roles: ['deputy'] } }), allowed: ['admin'] },
  { id: 'listAudit', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}/audit` }), allowed: ['admin'] },
  { id: 'listAuditCheckpoints', method: 'GET', prep: async (c) => ({ url: `/api/v1/congresses/${c}/audit/checkpoints` }), allowed: ['admin'] },
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
    // The public, without an account.
    await check('public', undefined, t.hebiId, op.allowed === 'public' ? 'ok' : 401);
    for (const role of ROLES) {
      const token = tokens.get(role)!;
      const own = op.allowed === 'public' || op.allowed.includes(role) ? 'ok' : 403;
      await check(role, token, t.hebiId, own);
      await check(role, token, otherId, op.allowed === 'public' ? 'ok' : 404);
    }
    assert.deepEqual(failures, []);
  });
}

test('the matrix covers every write operation in the OpenAPI document', async () => {
  const doc = (await t.request('GET', '/api/v1/openapi.json')).body;
  const covered = new Set(OPS.map((o) => o.id));
  // Operations about one's own account or the installation are tested in foundation.api.test.ts.
  const selfService = new Set(['login', 'logout', 'getCurrentUser', 'changePassword', 'startTotpSetup', 'confirmTotpSetup', 'getHealth', 'listCongresses', 'listRulesPresets', 'verifyAudit']);
  const foundation = ['congresses', 'people', 'accounts', 'audit', 'system'];
  const missing: string[] = [];
  for (const methods of Object.values(doc.paths as Record<string, Record<string, { operationId: string; tags?: string[] }>>)) {
    for (const spec of Object.values(methods)) {
      if (!spec.tags?.some((tag) => foundation.includes(tag))) continue;
      if (!covered.has(spec.operationId) && !selfService.has(spec.operationId)) missing.push(spec.operationId);
    }
  }
  assert.deepEqual(missing, []);
});

// Handling units (承办单位) are outside bodies with an account in the congress: the congress's internal
// records refuse them (403; the congress's own people read them), and they see their own queue.
test('authorization matrix: a handling unit reads none of the internal records, and its own queue', async () => {
  const db = t.yishi.handle.db;
  const unit = tokens.get('handling_unit')!;
  const office = tokens.get('office')!;
  const member = tokens.get('member')!;
  // An internal (non-public) meeting in session with a poll and a distributed document.
  const seeded = await seedMeeting(db, t.hebiId, { isPublic: false, state: 'in_session', present: 'fixture' });
  const meetingId = seeded.meetingId;
  const created = await t.request('POST', '/api/v1/polls', { token: office, body: { meetingId, subject: '关于某事项的决定（草案）', kind: 'secret' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const poll = created.body as { id: string };
  const boundary = `----yishi${uniq()}`;
  const form = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n会议文件\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.docx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n`),
    await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('会议文件正文')] }] })),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = await t.yishi.app.inject({ method: 'POST', url: `/api/v1/meetings/${meetingId}/documents`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${root}` }, payload: form });
  assert.equal(up.statusCode, 201, up.body);
  const documentId = (JSON.parse(up.body) as { id: string }).id;
  await ok('POST', `/api/v1/meetings/${meetingId}/documents/distribute`, { documentIds: [documentId] });
  // The gazette being prepared for the demo's 6th meeting; a legislation draft.
  const sixth = (await db.selectFrom('gazettes').select('meeting_id').where('congress_id', '=', t.hebiId).executeTakeFirstOrThrow()).meeting_id;
  const work = await ok('POST', `/api/v1/congresses/${t.hebiId}/legislation/works`, { title: `测试条例${uniq()}` });
  const draft = await ok('POST', `/api/v1/congresses/${t.hebiId}/legislation/works/${work.id}/expressions`, { format: 'text', stage: 'draft', text: '第一条 为了测试，制定本条例。\n第二条 本条例自公布之日起施行。' });

  const internalReads: { id: string; url: string; notFoundForUnit?: true }[] = [
    { id: 'listPolls', url: `/api/v1/meetings/${meetingId}/polls` },
    { id: 'getPoll', url: `/api/v1/polls/${poll.id}` },
    { id: 'getPollResult', url: `/api/v1/polls/${poll.id}/result` },
    { id: 'listPollVoters', url: `/api/v1/polls/${poll.id}/voters` },
    { id: 'getMeeting', url: `/api/v1/meetings/${meetingId}` },
    { id: 'listDocuments', url: `/api/v1/meetings/${meetingId}/documents` },
    { id: 'downloadDocument', url: `/api/v1/meetings/${meetingId}/documents/${documentId}/content` },
    { id: 'getGazetteDraft', url: `/api/v1/meetings/${sixth}/gazette/draft` },
    { id: 'listPeople', url: `/api/v1/congresses/${t.hebiId}/people` },
    { id: 'listAudit', url: `/api/v1/congresses/${t.hebiId}/audit` },
    { id: 'listUsers', url: `/api/v1/congresses/${t.hebiId}/users` },
    // A draft text is not disclosed to those who may not read it: not found, as for the public.
    { id: 'getExpression (draft)', url: `/api/v1/congresses/${t.hebiId}/legislation/expressions/${draft.id}`, notFoundForUnit: true },
    { id: 'workHistory', url: `/api/v1/congresses/${t.hebiId}/legislation/works/${work.id}/history`, notFoundForUnit: true },
  ];
  const failures: string[] = [];
  for (const op of internalReads) {
    const asUnit = await t.request('GET', op.url, { token: unit });
    const expected = op.notFoundForUnit ? 404 : 403;
    if (asUnit.status !== expected) failures.push(`${op.id}: handling unit expected ${expected}, got ${asUnit.status} ${JSON.stringify(asUnit.body).slice(0, 200)}`);
    // The congress's own people read them (the office; the people register, audit log and accounts only their keepers).
    const insider = ['listPeople', 'listAudit', 'listUsers'].includes(op.id) ? root : office;
    const asInsider = await t.request('GET', op.url, { token: insider });
    if (asInsider.status !== 200) failures.push(`${op.id}: insider expected 200, got ${asInsider.status} ${JSON.stringify(asInsider.body).slice(0, 200)}`);
  }
  // A member reads the meeting's polls and documents; so does every insider role but the unit.
  assert.equal((await t.request('GET', `/api/v1/meetings/${meetingId}/polls`, { token: member })).status, 200);
  assert.deepEqual(failures, []);
  // The works list shows the unit published texts only, never the draft.
  const works = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/legislation/works`, { token: unit })).body as { id: string }[];
  assert.ok(!works.some((w) => w.id === work.id));
  // A deputy's private contact is not the unit's to read.
  const dep = await ok('POST', `/api/v1/congresses/${t.hebiId}/deputies`, { name: `代表${uniq()}`, level: 'city', contact: { phone: '13900000000' } });
  const seen = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/deputies/${dep.id}`, { token: unit })).body as Record<string, unknown>;
  assert.ok(!JSON.stringify(seen).includes('13900000000'), JSON.stringify(seen));
  assert.ok(JSON.stringify((await t.request('GET', `/api/v1/congresses/${t.hebiId}/deputies/${dep.id}`, { token: office })).body).includes('13900000000'));

  // Its own queue: an opinion routed to its unit is there; another unit's queue is refused.
  const unitUser = (await db.selectFrom('users').select('id').where('username', '=', 'role.handling-unit').executeTakeFirstOrThrow()).id;
  const mine = (await ok('POST', `/api/v1/congresses/${t.hebiId}/bodies`, { kind: 'handling_unit', name: `承办单位${uniq()}` })).id as string;
  const theirs = (await ok('POST', `/api/v1/congresses/${t.hebiId}/bodies`, { kind: 'handling_unit', name: `承办单位${uniq()}` })).id as string;
  await ok('PUT', `/api/v1/congresses/${t.hebiId}/units/${mine}/users/${unitUser}`, { isHead: true });
  await ok('PUT', `/api/v1/congresses/${t.hebiId}/intake-settings`, { perIpPerHour: 1_000_000, perPhonePerDay: 1_000_000, retentionYears: 5 });
  const submitted = await t.request('POST', '/api/v1/opinions', { body: { congressId: t.hebiId, name: '张三', phone: '13912345678', content: '请修缮社区道路' } });
  assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
  const opinionId = (await db.selectFrom('opinions').select('id').where('tracking_code', '=', String(submitted.body.trackingCode).replace(/-/g, '')).executeTakeFirstOrThrow()).id;
  await ok('POST', `/api/v1/congresses/${t.hebiId}/opinions/${opinionId}/classify`, { class: 'mass_opinion', disposition: 'forward' });
  await ok('POST', `/api/v1/congresses/${t.hebiId}/opinions/${opinionId}/route`, { mode: 'lead', leadUnitId: mine });
  const queue = await t.request('GET', `/api/v1/congresses/${t.hebiId}/units/${mine}/opinions`, { token: unit });
  assert.equal(queue.status, 200, JSON.stringify(queue.body));
  assert.ok(JSON.stringify(queue.body).includes(opinionId));
  assert.equal((await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinions/${opinionId}`, { token: unit })).status, 200);
  assert.equal((await t.request('GET', `/api/v1/congresses/${t.hebiId}/units/${theirs}/opinions`, { token: unit })).status, 403);
  const desk = await t.request('GET', `/api/v1/congresses/${t.hebiId}/my-desk`, { token: unit });
  assert.equal(desk.status, 200);
  assert.ok(JSON.stringify(desk.body).includes(mine));
});

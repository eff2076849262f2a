// Every role × every operation of the foundation × own and other congress, through HTTP.
// Allowed → 2xx; a role of this congress without the right → 403; the public → 401 on
// non-public operations; any role of ANOTHER congress → 404 (never 403: records are not disclosed).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROLES, type Role } from '../server/platform/access.ts';
import { type TestApp, startTestApp } from './harness.ts';

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

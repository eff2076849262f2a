// The OpenAPI document declares each operation's security and the enums the server enforces, and the
// declaration matches what the server does: a public operation answers without a login, a private
// one never does.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';

interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  enum?: string[];
}

let t: TestApp;
let ops: { method: string; path: string; op: Operation }[];
let meetingId: string;
before(async () => {
  t = await startTestApp();
  const doc = (await t.request('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };
  assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['bearer', 'cookie', 'csrf']);
  ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
  meetingId = (await t.yishi.handle.db.selectFrom('meetings').select('id').where('congress_id', '=', t.hebiId).executeTakeFirstOrThrow()).id;
});
after(() => t.close());

const isPublic = (op: Operation): boolean => op.security?.some((s) => Object.keys(s).length === 0) ?? false;
/** The path with the demo congress, its (public) meeting, and random ids for everything else. */
const urlOf = (path: string): string =>
  path.replace(/\{([a-zA-Z]+)\}/g, (_, k: string) => ({ congressId: t.hebiId, slug: 'hebi', meetingId, format: 'rss' })[k] ?? randomUUID());

void test('every operation declares its security: none or a session for public ones; bearer, or the cookie with CSRF on writes', () => {
  assert.ok(ops.length > 200);
  const wrong: string[] = [];
  for (const { method, op } of ops) {
    const s = op.security;
    if (!s || s.length === 0) {
      wrong.push(`${op.operationId}: no security`);
      continue;
    }
    const sessions = s.filter((x) => Object.keys(x).length > 0).map((x) => Object.keys(x).sort().join('+'));
    const write = method !== 'GET' && method !== 'HEAD';
    const expected = ['bearer', write ? 'cookie+csrf' : 'cookie'];
    if (JSON.stringify(sessions) !== JSON.stringify(expected)) wrong.push(`${op.operationId}: ${JSON.stringify(s)}`);
  }
  assert.deepEqual(wrong, []);
  const publicIds = ops.filter((o) => isPublic(o.op)).map((o) => o.op.operationId);
  for (const id of ['getHealth', 'login', 'parseLegislation', 'submitOpinion', 'getMeeting', 'search']) assert.ok(publicIds.includes(id), id);
  for (const id of ['listPeople', 'createMeeting', 'castBallot', 'getGazetteDraft', 'listAudit', 'getCurrentUser']) assert.ok(!publicIds.includes(id), id);
});

void test('a public operation answers without a login; a private one never does (401 where nothing else refuses first)', async () => {
  const mismatches: string[] = [];
  let unauthenticated = 0;
  for (const { method, path, op } of ops) {
    const r = await t.request(method, urlOf(path), method === 'GET' || method === 'DELETE' ? {} : { body: {} });
    if (isPublic(op)) {
      if (r.status === 401) mismatches.push(`${op.operationId} is declared public but answered 401`);
    } else {
      if (r.status < 300) mismatches.push(`${op.operationId} is declared private but answered ${r.status} without a login`);
      if (r.status === 401) unauthenticated++;
    }
  }
  assert.deepEqual(mismatches, []);
  assert.ok(unauthenticated > 60, `${unauthenticated} private operations answered 401`);
  // A private write with a valid body: 401 without a login; with the session cookie but no CSRF token: 403.
  const body = { congressId: t.hebiId, kind: 'special', date: '2030-01-10' };
  assert.equal((await t.request('POST', '/api/v1/meetings', { body })).status, 401);
  const login = await t.yishi.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'office', password: 'demo-pass-2026', mode: 'cookie' } });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const noCsrf = await t.request('POST', '/api/v1/meetings', { body, headers: { cookie } });
  assert.equal(noCsrf.status, 403);
  assert.equal(noCsrf.body.code, 'CSRF');
  assert.equal((await t.request('POST', '/api/v1/meetings', { body, headers: { cookie, 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken } })).status, 201);
});

void test('the enums the server enforces are in the contract: proposing organs (R-B1), interpellation targets (R-O6)', () => {
  const bodyOf = (id: string): JsonSchema => {
    const o = ops.find((x) => x.op.operationId === id);
    const schema = o?.op.requestBody?.content['application/json']?.schema;
    assert.ok(schema, id);
    return schema;
  };
  assert.deepEqual(bodyOf('createBill').properties?.proposer?.properties?.organ?.enum, ['government', 'supervision_commission', 'court', 'procuratorate', 'special_committee']);
  assert.deepEqual(bodyOf('createInterpellation').properties?.target?.enum, ['government', 'government_department', 'supervision_commission', 'court', 'procuratorate']);
});

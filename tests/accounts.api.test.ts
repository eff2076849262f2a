// An account's email address and mobile number (where reminders go) through HTTP: set when the
// account is created or later, validated, cleared with null, audited with before and after.
// SQLite or PostgreSQL (DATABASE_URL).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';
import { expectOk, expectRefusal } from './meetings.helpers.ts';

interface UserOut {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  mobile: string | null;
}

let t: TestApp;
let admin: string;
const U = () => `/api/v1/congresses/${t.hebiId}/users`;
const listed = async (id: string): Promise<UserOut> => {
  const r = await t.request('GET', U(), { token: admin });
  expectOk(r);
  const u = (r.body as UserOut[]).find((x) => x.id === id);
  assert.ok(u);
  return u;
};
const create = (body: Record<string, unknown>) => t.request('POST', U(), { token: admin, body: { displayName: '承办人', password: 'Passw0rd-contact', roles: ['handling_unit'], ...body } });

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
after(() => t.close());

test('a new account takes an email address and a mobile number; both are validated', async () => {
  const r = await create({ username: 'contact.one', email: 'Zhang.San@Example.CN', mobile: '+86 138 1234 5678' });
  expectOk(r, 201);
  assert.deepEqual([r.body.email, r.body.mobile], ['Zhang.San@example.cn', '13812345678']);
  assert.deepEqual(await listed(r.body.id as string), { ...(await listed(r.body.id as string)), email: 'Zhang.San@example.cn', mobile: '13812345678' });
  const audit = await t.yishi.handle.db.selectFrom('audit_log').select('data').where('action', '=', 'user.created').where('target_id', '=', r.body.id as string).executeTakeFirstOrThrow();
  assert.match(audit.data, /"email":"Zhang\.San@example\.cn"/);

  assert.equal((await create({ username: 'contact.bad', email: 'not-an-address' })).status, 400);
  expectRefusal(await create({ username: 'contact.bad', mobile: '0392-1234567' }), 422, undefined, 'INVALID_MOBILE');
  expectRefusal(await create({ username: 'contact.bad', mobile: '1381234567' }), 422, undefined, 'INVALID_MOBILE');
  const none = await t.yishi.handle.db.selectFrom('users').select('id').where('username', '=', 'contact.bad').executeTakeFirst();
  assert.equal(none, undefined, 'a refused account is not created');
  // Without them, an account has neither.
  const plain = await create({ username: 'contact.plain' });
  expectOk(plain, 201);
  assert.deepEqual([plain.body.email, plain.body.mobile], [null, null]);
});

test('the address and number are changed and cleared later; each change is audited with before and after', async () => {
  const r = await create({ username: 'contact.two' });
  expectOk(r, 201);
  const id = r.body.id as string;
  const patch = (body: Record<string, unknown>) => t.request('PATCH', `${U()}/${id}`, { token: admin, body });

  expectOk(await patch({ email: 'li.si@example.cn', mobile: '139-0000-0001' }), 204);
  assert.deepEqual([(await listed(id)).email, (await listed(id)).mobile], ['li.si@example.cn', '13900000001']);
  expectOk(await patch({ displayName: '李四' }), 204);
  assert.deepEqual([(await listed(id)).displayName, (await listed(id)).email], ['李四', 'li.si@example.cn'], 'a field left out is kept');
  expectOk(await patch({ email: null }), 204);
  assert.deepEqual([(await listed(id)).email, (await listed(id)).mobile], [null, '13900000001']);

  assert.equal((await patch({ email: 'bad@' })).status, 400);
  assert.equal((await patch({})).status, 400);
  expectRefusal(await patch({ mobile: '12345' }), 422, undefined, 'INVALID_MOBILE');
  assert.equal((await listed(id)).mobile, '13900000001', 'a refused change changes nothing');

  const audit = await t.yishi.handle.db.selectFrom('audit_log').select('data').where('action', '=', 'user.updated').where('target_id', '=', id).orderBy('seq').execute();
  assert.equal(audit.length, 3);
  assert.match(String(audit[0]?.data), /"before":\{"displayName":"承办人","email":null,"mobile":null\},"after":\{"displayName":"承办人","email":"li\.si@example\.cn","mobile":"13900000001"\}/);
  assert.match(String(audit[2]?.data), /"after":\{"displayName":"李四","email":null,"mobile":"13900000001"\}/);

  // Only an administrator changes accounts; an unknown account is not found.
  const office = await t.login('office');
  expectRefusal(await t.request('PATCH', `${U()}/${id}`, { token: office, body: { email: 'x@example.cn' } }), 403);
  expectRefusal(await t.request('PATCH', `${U()}/00000000-0000-4000-8000-000000000000`, { token: admin, body: { email: 'x@example.cn' } }), 404);
});

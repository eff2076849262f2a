// The login throttle through HTTP (server/platform/auth/throttle.ts): attempts are counted before
// the password is looked at, so a burst of guesses gets at most the limit evaluated; a flood from
// one address does not lock the member out elsewhere; a guess spread over many addresses cannot
// lock out the browser the member already uses; lockouts are audited, shown to the office and
// lifted by an administrator. SQLite or PostgreSQL (DATABASE_URL).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD, type Res, type TestApp, dbKind, startTestApp } from './harness.ts';

let t: TestApp;
let admin: string;
let office: string;
let member: string;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
  member = await t.login('m02');
});
after(() => t.close());

const login = (username: string, password: string, ip: string, headers: Record<string, string> = {}): Promise<Res> =>
  t.request('POST', '/api/v1/auth/login', { body: { username, password }, ip, headers });

const userId = async (username: string): Promise<string> => (await t.yishi.handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

/** Password evaluations of an account: each one leaves an audit entry (failed or successful login); a refused attempt leaves none. */
async function evaluations(username: string): Promise<number> {
  const id = await userId(username);
  const r = await t.yishi.handle.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('target_id', '=', id)
    .where('action', 'in', ['session.login_failed', 'session.login'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Lockouts recorded in the audit trail, with their data. */
async function lockEntries(): Promise<{ kind: string; username: string | null; address: string | null }[]> {
  const rows = await t.yishi.handle.db.selectFrom('audit_log').select('data').where('action', '=', 'session.login_throttled').orderBy('seq').execute();
  return rows.map((r) => JSON.parse(r.data) as { kind: string; username: string | null; address: string | null });
}

const locksUrl = () => `/api/v1/congresses/${t.hebiId}/login-locks`;
interface Lock {
  id: string;
  kind: string;
  username: string | null;
  displayName: string | null;
  address: string | null;
  active: boolean;
  allowedActions: string[];
}

void describe(`login throttle on ${dbKind}`, () => {
  void test('40 concurrent wrong passwords for one account from one address: at most 5 are evaluated; the member still logs in from another address', async () => {
    const before = await evaluations('m21');
    const answers = await Promise.all(Array.from({ length: 40 }, () => login('m21', 'wrong-password-1', '10.20.0.1')));
    const statuses = answers.map((a) => a.status);
    const refused = answers.filter((a) => a.status === 429);
    const failed = statuses.filter((s) => s === 401).length;
    assert.equal(failed + refused.length, 40, `only 401 and 429: ${statuses.join(',')}`);
    assert.ok(failed <= 5, `at most 5 answered "wrong password", got ${failed}`);
    // The proof is the evaluations, not the status split: each evaluation is audited, a refusal is not.
    assert.equal((await evaluations('m21')) - before, failed);
    assert.ok(failed >= 1);
    assert.equal(refused[0]?.body.code, 'TOO_MANY_ATTEMPTS');
    assert.match(refused[0]?.body.message_zh, /登录尝试次数过多/);
    assert.match(refused[0]?.body.message_en, /Too many login attempts/);

    // Even the right password waits at that address, and is not evaluated there.
    const stillThere = await login('m21', DEMO_PASSWORD, '10.20.0.1');
    assert.equal(stillThere.status, 429);
    // The flood did not lock the member out: from another address the right password works.
    const elsewhere = await login('m21', DEMO_PASSWORD, '10.20.0.2');
    assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.body));

    // The lockout is audited once, when the limit was reached, and the office sees it.
    const entries = (await lockEntries()).filter((e) => e.username === 'm21');
    assert.deepEqual(entries.map((e) => [e.kind, e.address]), [['account_address', '10.20.0.1']]);
    const locks = (await t.request('GET', locksUrl(), { token: office })).body as Lock[];
    const mine = locks.find((l) => l.username === 'm21' && l.kind === 'account_address');
    assert.ok(mine, 'the office lists the lockout');
    assert.equal(mine.address, '10.20.0.1');
    assert.equal(mine.active, true);
    assert.ok(mine.displayName);
  });

  void test('a successful login starts its own count afresh; mistakes from one address then count from zero', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await login('m25', 'wrong-password-2', '10.21.0.1')).status, 401);
    assert.equal((await login('m25', DEMO_PASSWORD, '10.21.0.1')).status, 200);
    for (let i = 0; i < 5; i++) assert.equal((await login('m25', 'wrong-password-2', '10.21.0.1')).status, 401, `mistake ${i + 1} after the success is evaluated`);
    assert.equal((await login('m25', 'wrong-password-2', '10.21.0.1')).status, 429);
  });

  void test('one address trying many accounts is held back after 30 attempts, for every account; logins that succeed are given back', async () => {
    const ip = '10.40.0.1';
    // A hall of members behind one address: successful logins do not use up the address's allowance.
    for (let i = 0; i < 35; i++) assert.equal((await login(`m${String(10 + (i % 5)).padStart(2, '0')}`, DEMO_PASSWORD, ip)).status, 200);
    const answers: number[] = [];
    for (let i = 0; i < 30; i++) answers.push((await login(`nobody${i}`, 'guess', ip)).status);
    assert.deepEqual([...new Set(answers)], [401]);
    const before = await evaluations('m23');
    const held = await login('m23', DEMO_PASSWORD, ip);
    assert.equal(held.status, 429);
    assert.equal(await evaluations('m23'), before, 'refused without looking at the password');
    assert.equal((await login('m23', DEMO_PASSWORD, '10.40.0.2')).status, 200);
    // The address lockout names no account; it was reached trying a Hebi account, so Hebi's office sees it.
    const lock = ((await t.request('GET', locksUrl(), { token: office })).body as Lock[]).find((l) => l.kind === 'address' && l.address === ip);
    assert.ok(lock);
    assert.equal(lock.username, null);
  });

  void test('a guess spread over many addresses holds back new browsers only: the browser the member uses still logs in; an administrator lifts the lockout', async () => {
    // The member's own browser: a cookie login leaves a device cookie for the login route.
    const first = await t.request('POST', '/api/v1/auth/login', { body: { username: 'm22', password: DEMO_PASSWORD, mode: 'cookie' }, ip: '10.30.0.1' });
    assert.equal(first.status, 200);
    const setCookie = [first.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('yishi_device='));
    assert.ok(setCookie, 'a device cookie is set');
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /Path=\/api\/v1\/auth\/login/);
    const device = setCookie.split(';')[0] ?? '';

    // 30 guesses, each from its own address: every one is evaluated (no address sees more than one).
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => login('m22', 'wrong-password-3', `10.31.${i}.1`)));
    assert.deepEqual([...new Set(guesses.map((g) => g.status))], [401]);
    // The account is now closed to browsers it does not know, wherever they are…
    const stranger = await login('m22', DEMO_PASSWORD, '10.32.0.1');
    assert.equal(stranger.status, 429);
    // …but not to the member's own browser, from any address.
    const own = await login('m22', DEMO_PASSWORD, '10.33.0.1', { cookie: device });
    assert.equal(own.status, 200, JSON.stringify(own.body));
    // Another account's device cookie does not help.
    const other = await login('m22', DEMO_PASSWORD, '10.32.0.2', { cookie: 'yishi_device=not-a-known-device' });
    assert.equal(other.status, 429);

    const entry = (await lockEntries()).find((e) => e.username === 'm22');
    assert.deepEqual(entry && [entry.kind, entry.address], ['account', null]);

    // The office sees the lockout but may not lift it; the administrator may.
    const seenByOffice = ((await t.request('GET', locksUrl(), { token: office })).body as Lock[]).find((l) => l.username === 'm22' && l.kind === 'account');
    assert.ok(seenByOffice);
    assert.deepEqual(seenByOffice.allowedActions, []);
    const seenByAdmin = ((await t.request('GET', locksUrl(), { token: admin })).body as Lock[]).find((l) => l.id === seenByOffice.id);
    assert.deepEqual(seenByAdmin?.allowedActions, ['clear']);
    const clearUrl = `${locksUrl()}/${seenByOffice.id}/clear`;
    assert.equal((await t.request('POST', clearUrl, { token: office })).status, 403);
    assert.equal((await t.request('POST', clearUrl, { token: admin })).status, 204);
    const cleared = await t.yishi.handle.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'session.login_lock_cleared').executeTakeFirst();
    assert.equal(cleared?.target_id, seenByOffice.id);
    const again = await t.request('POST', clearUrl, { token: admin });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'LOCK_NOT_ACTIVE');
    assert.equal((await login('m22', DEMO_PASSWORD, '10.32.0.3')).status, 200, 'lifted: a new browser logs in again');
    const afterClear = ((await t.request('GET', locksUrl(), { token: office })).body as Lock[]).find((l) => l.id === seenByOffice.id);
    assert.equal(afterClear?.active, false);
  });

  void test('only the office and the administrators see lockouts; another congress is not told they exist', async () => {
    assert.equal((await t.request('GET', locksUrl(), { token: member })).status, 403);
    assert.equal((await t.request('GET', locksUrl())).status, 401);
    const henan = await t.request('GET', `/api/v1/congresses/${t.henanId}/login-locks`, { token: office });
    assert.equal(henan.status, 404);
    const spec = (await t.request('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { operationId?: string }>> };
    assert.equal(spec.paths['/api/v1/congresses/{congressId}/login-locks']?.get?.operationId, 'listLoginLocks');
    assert.equal(spec.paths['/api/v1/congresses/{congressId}/login-locks/{lockId}/clear']?.post?.operationId, 'clearLoginLock');
  });
});

void describe(`which address a limit counts on ${dbKind}`, () => {
  const env = { NODE_ENV: 'production', YISHI_FIELD_KEY: 'ab'.repeat(32) };
  const submit = (p: TestApp, i: number, headers: Record<string, string>) =>
    p.request('POST', '/api/v1/opinions', { body: { congressId: p.hebiId, name: '周一', phone: `139${String(30_000_000 + i).slice(-8)}`, content: '路灯不亮' }, headers });

  void test('in production without YISHI_TRUST_PROXY a forged X-Forwarded-For changes nothing: per-address limits and the audit see the real peer', async () => {
    const p = await startTestApp({ env: { ...env, YISHI_TRUST_PROXY: '' } });
    try {
      // Opinion intake: 60 an hour per address (the default); every request claims another address.
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) statuses.push((await submit(p, i, { 'x-forwarded-for': `203.0.113.${i}` })).status);
      assert.deepEqual(statuses.slice(0, 60), Array(60).fill(201));
      assert.equal(statuses[60], 429, 'the 61st from the same peer is refused, whatever it claims');

      // Logins: 5 per account and address; rotating the header does not buy more guesses.
      const guesses: number[] = [];
      for (let i = 0; i < 6; i++) guesses.push((await p.request('POST', '/api/v1/auth/login', { body: { username: 'm24', password: 'wrong-password-4' }, headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status);
      assert.deepEqual(guesses, [401, 401, 401, 401, 401, 429]);
      const logged = await p.yishi.handle.db.selectFrom('audit_log').select('data').where('action', '=', 'session.login_failed').execute();
      assert.ok(logged.length >= 5);
      assert.ok(logged.every((r) => (JSON.parse(r.data) as { ip: string }).ip === '127.0.0.1'), 'the audit keeps the real peer');
    } finally {
      await p.close();
    }
  });

  void test('with YISHI_TRUST_PROXY naming the proxy, its X-Forwarded-For is the client; a peer not named is not believed', async () => {
    const p = await startTestApp({ env: { ...env, YISHI_TRUST_PROXY: '127.0.0.1' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) statuses.push((await submit(p, i, { 'x-forwarded-for': `203.0.113.${i}` })).status);
      assert.deepEqual(statuses, Array(61).fill(201), 'each client behind the proxy has its own allowance');

      const guesses: number[] = [];
      for (let i = 0; i < 6; i++) guesses.push((await p.request('POST', '/api/v1/auth/login', { body: { username: 'm24', password: 'wrong-password-4' }, headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status);
      assert.deepEqual(guesses, [401, 401, 401, 401, 401, 401]);
      const ips = (await p.yishi.handle.db.selectFrom('audit_log').select('data').where('action', '=', 'session.login_failed').execute()).map((r) => (JSON.parse(r.data) as { ip: string }).ip);
      assert.ok(ips.includes('198.51.100.5'));

      // A request that does not come through the named proxy: its header is ignored.
      const direct = await p.request('POST', '/api/v1/auth/login', { body: { username: 'm26', password: 'wrong-password-5' }, headers: { 'x-forwarded-for': '192.0.2.99' }, ip: '10.50.0.1' });
      assert.equal(direct.status, 401);
      const last = await p.yishi.handle.db.selectFrom('audit_log').select('data').where('action', '=', 'session.login_failed').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal((JSON.parse(last.data) as { ip: string }).ip, '10.50.0.1');
    } finally {
      await p.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { currentTotp } from '../server/platform/auth/totp.ts';
import { DEMO_PASSWORD, type TestApp, dbKind, startTestApp, tableCounts } from './harness.ts';
import { SYSTEM_ACTOR, importFixture, readFixture } from '../server/modules/imports/import-fixture.ts';

let t: TestApp;
let admin: string;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
after(() => t.close());

describe('health and the demo congress', () => {
  test('health reports the database kind and the migration level', async () => {
    const r = await t.request('GET', '/api/v1/health');
    assert.equal(r.status, 200);
    assert.equal(r.body.database, dbKind);
    assert.equal(r.body.migrationsPending, false);
    assert.match(r.body.migration, /^\d{4}_/);
  });

  test('the imported congress sits in a tree: Hebi (city) under Henan (province), 12th term', async () => {
    const r = await t.request('GET', '/api/v1/congresses');
    const hebi = r.body.find((c: { slug: string }) => c.slug === 'hebi');
    assert.equal(hebi.parentId, t.henanId);
    assert.equal(hebi.level, 'city');
    assert.equal(hebi.currentTerm, 12);
    assert.equal((await t.request('GET', '/api/v1/congresses/hebi')).body.id, t.hebiId, 'a congress can be named by slug');
  });

  test('listMembers returns the 41 members in the gazette order with their roles', async () => {
    const token = await t.login('m07');
    const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/members`, { token });
    assert.equal(r.body.length, 41);
    const roles = r.body.map((m: { role: string }) => m.role);
    assert.deepEqual(roles.slice(0, 8), ['chair', 'vice_chair', 'vice_chair', 'vice_chair', 'vice_chair', 'vice_chair', 'secretary_general', 'member']);
    assert.equal(r.body[6].name, '方在敏');
    assert.equal(r.body[40].name, '郭得岁');
    assert.equal(r.body.find((m: { name: string }) => m.name === '张尚东').post, '市人大常委会副秘书长、市人大常委会办公室主任');
  });

  test('bodies include the standing committee, the council, committees, organs and handling units', async () => {
    const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/bodies`);
    const kinds = (k: string) => r.body.filter((b: { kind: string }) => b.kind === k).map((b: { name: string }) => b.name);
    assert.deepEqual(kinds('standing_committee'), ['鹤壁市人民代表大会常务委员会']);
    assert.deepEqual(kinds('chairpersons_council'), ['主任会议']);
    assert.equal(kinds('special_committee').length, 3);
    assert.equal(kinds('handling_unit').length, 20);
    assert.ok(kinds('external_organ').includes('市工信局'));
  });

  test('a second import changes nothing, audit log included', async () => {
    const before = await tableCounts(t);
    const res = await importFixture({ db: t.yishi.handle.db, hub: t.yishi.hub, actor: SYSTEM_ACTOR }, readFixture(t.config.fixturePath), DEMO_PASSWORD);
    assert.equal(res.created, 0);
    assert.equal(res.demoPassword, null);
    assert.deepEqual(await tableCounts(t), before);
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, { rawBody?: string; body?: unknown }, number, string][] = [
    ['malformed JSON', { rawBody: '{"name": ' }, 400, 'MALFORMED_JSON'],
    ['an unknown field', { body: { name: '张三', shoeSize: 42 } }, 400, 'VALIDATION'],
    ['an over-long field', { body: { name: '张'.repeat(51) } }, 400, 'VALIDATION'],
    ['a wrong type', { body: { name: 12 } }, 400, 'VALIDATION'],
    ['an empty name', { body: { name: '   ' } }, 400, 'VALIDATION'],
  ];
  for (const [what, input, status, code] of cases) {
    test(`createPerson with ${what}: ${status} ${code}, both languages, no rows`, async () => {
      const before = await tableCounts(t);
      const r = await t.request('POST', `/api/v1/congresses/${t.hebiId}/people`, { token: admin, ...input });
      assert.equal(r.status, status);
      assert.equal(r.body.code, code);
      assert.ok(r.body.message_zh && r.body.message_en);
      assert.deepEqual(await tableCounts(t), before);
    });
  }

  test('an invalid rules profile is refused with the field named, and the profile is unchanged', async () => {
    const url = `/api/v1/congresses/${t.hebiId}/rules-profile`;
    const current = (await t.request('GET', url)).body;
    const bad = { ...current, quorum: { ...current.quorum, base: 'present_members' } };
    const r = await t.request('PUT', url, { token: admin, body: bad });
    assert.equal(r.status, 422);
    assert.equal(r.body.code, 'INVALID_PROFILE');
    assert.match(r.body.message_en, /quorum\.base/);
    assert.deepEqual((await t.request('GET', url)).body, current);
  });

  test('a membership cannot name a person of another congress (404, nothing written)', async () => {
    const qibin = (await t.request('POST', '/api/v1/congresses', { token: admin, body: { parentId: t.hebiId, level: 'county', name: '浚县人民代表大会', slug: 'xunxian' } })).body;
    const body = (await t.request('POST', `/api/v1/congresses/${qibin.id}/bodies`, { token: admin, body: { kind: 'standing_committee', name: '浚县人大常委会' } })).body;
    const hebiPerson = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/members`)).body[0].id;
    const before = await tableCounts(t);
    const r = await t.request('POST', `/api/v1/congresses/${qibin.id}/memberships`, { token: admin, body: { bodyId: body.id, personId: hebiPerson, role: 'member' } });
    assert.equal(r.status, 404);
    assert.deepEqual(await tableCounts(t), before);
    // Nor can the other congress's path read Hebi's person.
    assert.equal((await t.request('GET', `/api/v1/congresses/${qibin.id}/people/${hebiPerson}`, { token: admin })).status, 404);
  });

  test('a child congress must sit below its parent', async () => {
    const r = await t.request('POST', '/api/v1/congresses', { token: admin, body: { parentId: t.hebiId, level: 'province', name: '错误', slug: 'wrong-level' } });
    assert.equal(r.status, 422);
    assert.equal(r.body.code, 'LEVEL_ORDER');
  });

  test('an unknown congress is a 404 in both languages', async () => {
    const r = await t.request('GET', '/api/v1/congresses/nowhere/members');
    assert.equal(r.status, 404);
    assert.equal(r.body.message_zh, '未找到该人大');
  });
});

describe('rules profiles are configuration', () => {
  test('switching to the Chongqing preset changes the deadlines; the audit entry keeps before and after', async () => {
    const presets = (await t.request('GET', '/api/v1/rules-presets')).body;
    const url = `/api/v1/congresses/${t.hebiId}/rules-profile`;
    const before = (await t.request('GET', url)).body;
    assert.equal(before.deadlines.billDaysBefore, 7);
    const r = await t.request('PUT', url, { token: admin, body: presets.chongqing });
    assert.equal(r.status, 200);
    const after = (await t.request('GET', url)).body;
    assert.equal(after.deadlines.billDaysBefore, 20);
    assert.equal(after.deadlines.reportDaysBefore, 10);
    const audit = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/audit?action=rules_profile`, { token: admin })).body.rows[0];
    assert.equal(audit.action, 'rules_profile.updated');
    assert.equal(audit.data.before.deadlines.billDaysBefore, 7);
    assert.equal(audit.data.after.deadlines.billDaysBefore, 20);
    assert.equal(audit.actorUsername, 'admin');
    await t.request('PUT', url, { token: admin, body: presets.hebi });
  });
});

describe('accounts and sessions', () => {
  test('wrong passwords are refused; after 5 for one account from one address that address waits, the member elsewhere does not', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.request('POST', '/api/v1/auth/login', { body: { username: 'm30', password: 'wrong-password' }, ip: '10.0.0.1' });
      assert.equal(r.status, 401);
      assert.equal(r.body.code, 'LOGIN_FAILED');
    }
    const r = await t.request('POST', '/api/v1/auth/login', { body: { username: 'm30', password: DEMO_PASSWORD }, ip: '10.0.0.1' });
    assert.equal(r.status, 429, 'even the right password waits at that address');
    assert.ok(r.body.message_zh.includes('登录尝试次数过多'));
    assert.equal((await t.request('POST', '/api/v1/auth/login', { body: { username: 'm30', password: DEMO_PASSWORD }, ip: '10.0.1.1' })).status, 200);
  });

  test('after 30 attempts from one address, that address is throttled for every account', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 30; i++) await t.request('POST', '/api/v1/auth/login', { body: { username: `nobody${i}`, password: 'x' }, ip });
    assert.equal((await t.request('POST', '/api/v1/auth/login', { body: { username: 'm31', password: DEMO_PASSWORD }, ip })).status, 429);
    assert.equal((await t.request('POST', '/api/v1/auth/login', { body: { username: 'm31', password: DEMO_PASSWORD }, ip: '10.9.9.10' })).status, 200);
  });

  test('logout ends the session', async () => {
    const token = await t.login('m02');
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token })).status, 200);
    assert.equal((await t.request('POST', '/api/v1/auth/logout', { token })).status, 204);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token })).status, 401);
  });

  test('cookie sessions are HttpOnly and every write must carry the CSRF token', async () => {
    const r = await t.request('POST', '/api/v1/auth/login', { body: { username: 'office', password: DEMO_PASSWORD, mode: 'cookie' } });
    assert.equal(r.status, 200);
    assert.equal(r.body.token, undefined, 'the token never reaches page scripts');
    const setCookie = String(r.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    const cookie = setCookie.split(';')[0]!;
    const url = `/api/v1/congresses/${t.hebiId}/people`;
    const noCsrf = await t.request('POST', url, { headers: { cookie }, body: { name: '无令牌' } });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.body.code, 'CSRF');
    const withCsrf = await t.request('POST', url, { headers: { cookie, 'x-csrf-token': r.body.csrfToken }, body: { name: '有令牌' } });
    assert.equal(withCsrf.status, 201);
  });

  test('security headers are set', async () => {
    const r = await t.request('GET', '/api/v1/health');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(r.headers['x-frame-options'], 'SAMEORIGIN');
  });

  test('a locked account cannot log in and its sessions end; unlocking restores it', async () => {
    const token = await t.login('m05');
    const users = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/users`, { token: admin })).body;
    const m05 = users.find((u: { username: string }) => u.username === 'm05');
    assert.equal((await t.request('POST', `/api/v1/congresses/${t.hebiId}/users/${m05.id}/lock`, { token: admin })).status, 204);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token })).status, 401);
    const r = await t.request('POST', '/api/v1/auth/login', { body: { username: 'm05', password: DEMO_PASSWORD }, ip: '10.1.0.5' });
    assert.equal(r.status, 403);
    assert.equal(r.body.code, 'ACCOUNT_LOCKED');
    assert.equal((await t.request('POST', `/api/v1/congresses/${t.hebiId}/users/${m05.id}/unlock`, { token: admin })).status, 204);
    assert.equal((await t.request('POST', '/api/v1/auth/login', { body: { username: 'm05', password: DEMO_PASSWORD }, ip: '10.1.0.6' })).status, 200);
  });

  test('changing a password checks the old one and the policy, and ends other sessions', async () => {
    const a = await t.login('m06');
    const b = await t.login('m06');
    const wrong = await t.request('POST', '/api/v1/auth/password', { token: a, body: { currentPassword: 'nope', newPassword: 'NewPassw0rd-6' } });
    assert.equal(wrong.status, 403);
    const weak = await t.request('POST', '/api/v1/auth/password', { token: a, body: { currentPassword: DEMO_PASSWORD, newPassword: 'short' } });
    assert.equal(weak.status, 422);
    assert.equal((await t.request('POST', '/api/v1/auth/password', { token: a, body: { currentPassword: DEMO_PASSWORD, newPassword: 'NewPassw0rd-6' } })).status, 204);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: a })).status, 200);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: b })).status, 401);
    assert.equal((await t.request('POST', '/api/v1/auth/login', { body: { username: 'm06', password: DEMO_PASSWORD }, ip: '10.2.0.1' })).status, 401);
    assert.equal((await t.request('POST', '/api/v1/auth/login', { body: { username: 'm06', password: 'NewPassw0rd-6' }, ip: '10.2.0.2' })).status, 200);
  });

  test('TOTP: enrol, then the one-time code is required at login', async () => {
    const token = await t.login('m08');
    const setup = (await t.request('POST', '/api/v1/auth/totp/setup', { token })).body;
    assert.match(setup.uri, /^otpauth:\/\/totp\//);
    assert.equal((await t.request('POST', '/api/v1/auth/totp/confirm', { token, body: { code: '000000' === currentTotp(setup.secret) ? '111111' : '000000' } })).status, 422);
    assert.equal((await t.request('POST', '/api/v1/auth/totp/confirm', { token, body: { code: currentTotp(setup.secret) } })).status, 204);
    const noCode = await t.request('POST', '/api/v1/auth/login', { body: { username: 'm08', password: DEMO_PASSWORD }, ip: '10.3.0.1' });
    assert.equal(noCode.status, 401);
    assert.equal(noCode.body.code, 'TOTP_REQUIRED');
    const withCode = await t.request('POST', '/api/v1/auth/login', { body: { username: 'm08', password: DEMO_PASSWORD, totp: currentTotp(setup.secret) }, ip: '10.3.0.2' });
    assert.equal(withCode.status, 200);
    assert.equal(withCode.body.user.totpEnabled, true);
  });

  test('the audit viewer filters by action and actor, newest first, with paging', async () => {
    const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/audit?actor=admin&limit=2`, { token: admin });
    assert.equal(r.status, 200);
    assert.equal(r.body.rows.length, 2);
    assert.ok(r.body.rows[0].seq > r.body.rows[1].seq);
    assert.ok(r.body.rows.every((row: { actorUsername: string }) => row.actorUsername === 'admin'));
    const next = await t.request('GET', `/api/v1/congresses/${t.hebiId}/audit?actor=admin&limit=2&before=${r.body.nextBefore}`, { token: admin });
    assert.ok(next.body.rows[0].seq < r.body.rows[1].seq);
  });
});

describe('production requires a second factor for staff', () => {
  let p: TestApp;
  before(async () => {
    p = await startTestApp({ env: { NODE_ENV: 'production' } });
  });
  after(() => p.close());

  test('an office account without TOTP may only enrol one; afterwards it works', async () => {
    const login = await p.request('POST', '/api/v1/auth/login', { body: { username: 'office', password: DEMO_PASSWORD } });
    assert.equal(login.body.user.totpEnrollmentRequired, true);
    const token = login.body.token;
    const blocked = await p.request('GET', `/api/v1/congresses/${p.hebiId}/people`, { token });
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.code, 'TOTP_ENROLLMENT_REQUIRED');
    const setup = (await p.request('POST', '/api/v1/auth/totp/setup', { token })).body;
    assert.equal((await p.request('POST', '/api/v1/auth/totp/confirm', { token, body: { code: currentTotp(setup.secret) } })).status, 204);
    assert.equal((await p.request('GET', `/api/v1/congresses/${p.hebiId}/people`, { token })).status, 200);
  });

  test('a member (not staff) needs no second factor', async () => {
    const login = await p.request('POST', '/api/v1/auth/login', { body: { username: 'm20', password: DEMO_PASSWORD } });
    assert.equal(login.body.user.totpEnrollmentRequired, false);
  });
});

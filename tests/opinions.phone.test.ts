// Phone verification for online submissions (PV-1) through HTTP, with the default office adapter and
// with an SMS gateway (a real local HTTP server standing in for the provider); and the deputy's
// feedback to the citizen as its own audited record (H-22). SQLite or PostgreSQL (DATABASE_URL).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, localDateOf } from '../server/platform/calendar/calendar.rules.ts';
import { type TestApp, dbKind, startTestApp } from './harness.ts';
import { type SmsGateway, startSmsGateway } from './sms-gateway.ts';

let t: TestApp;
let admin: string;
let office: string;
let seq = 0;
const phone = () => `138${String(20_000_000 + seq++).slice(-8)}`;
const C = () => `/api/v1/congresses/${t.hebiId}`;
const today = () => localDateOf(new Date().toISOString());

async function ok(method: string, url: string, token: string | undefined, body?: unknown, ip?: string) {
  const r = await t.request(method, url, { token, body, ...(ip ? { ip } : {}) });
  assert.ok(r.status < 300, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const count = async (table: 'opinions' | 'phone_verifications' | 'opinion_feedbacks') =>
  Number((await t.yishi.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

// A stand-in SMS gateway (tests/sms-gateway.ts): records what it is asked to send, or refuses.
let gateway: SmsGateway;

before(async () => {
  gateway = await startSmsGateway();
  t = await startTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
});
after(async () => {
  delete process.env.YISHI_SMS_URL;
  delete process.env.YISHI_SMS_TOKEN;
  await t.close();
  await gateway.close();
});

void describe(`phone verification and feedback on ${dbKind}`, () => {
  void test('PV-1: without an SMS gateway the office sees the code; a submission needs it once required', async () => {
    delete process.env.YISHI_SMS_URL;
    const settings = await ok('GET', `${C()}/intake-settings`, office);
    assert.equal(settings.requirePhoneVerification, false);
    // Not required: submitting without a code works.
    assert.equal((await t.request('POST', '/api/v1/opinions', { body: { congressId: t.hebiId, name: '赵一', phone: phone(), content: '路灯不亮' } })).status, 201);

    await ok('PUT', `${C()}/intake-settings`, office, { perIpPerHour: 1000, perPhonePerDay: 1000, retentionYears: 5, requirePhoneVerification: true });
    // Leaving the switch out keeps it.
    const kept = await ok('PUT', `${C()}/intake-settings`, office, { perIpPerHour: 1000, perPhonePerDay: 1000, retentionYears: 5 });
    assert.equal(kept.requirePhoneVerification, true);

    const p = phone();
    const before = await count('opinions');
    const missing = await t.request('POST', '/api/v1/opinions', { body: { congressId: t.hebiId, name: '赵二', phone: p, content: '路灯不亮' } });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.code, 'PHONE_CODE_REQUIRED');
    assert.match(missing.body.rule, /PV-1/);
    assert.equal(await count('opinions'), before);

    const issued = await t.request('POST', '/api/v1/opinions/phone-codes', { body: { congressId: t.hebiId, phone: p } });
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    assert.equal(issued.body.via, 'office', 'no SMS claimed when none was sent');
    const pending = await ok('GET', `${C()}/phone-codes`, office);
    const mine = pending.find((x: { phone: string }) => x.phone === `${p.slice(0, 3)}****${p.slice(-4)}`);
    assert.ok(mine, 'the office sees the pending code with the phone masked');
    assert.match(mine.code, /^\d{6}$/);
    assert.equal((await t.request('GET', `${C()}/phone-codes`, { token: admin })).status, 200);
    assert.equal((await t.request('GET', `${C()}/phone-codes`)).status, 401);
    // The code is not stored in the clear.
    const raw = await t.yishi.handle.db.selectFrom('phone_verifications').selectAll().where('id', '=', mine.id).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(raw).includes(mine.code));

    const wrong = String((Number(mine.code) + 1) % 1_000_000).padStart(6, '0');
    const bad = await t.request('POST', '/api/v1/opinions', { body: { congressId: t.hebiId, name: '赵二', phone: p, content: '路灯不亮', verificationCode: wrong } });
    assert.equal(bad.body.code, 'PHONE_CODE_WRONG');
    assert.equal(await count('opinions'), before);
    const good = await t.request('POST', '/api/v1/opinions', { body: { congressId: t.hebiId, name: '赵二', phone: p, content: '路灯不亮', verificationCode: mine.code } });
    assert.equal(good.status, 201, JSON.stringify(good.body));
    // A code serves once.
    const again = await t.request('POST', '/api/v1/opinions', { body: { congressId: t.hebiId, name: '赵二', phone: p, content: '路灯还是不亮', verificationCode: mine.code } });
    assert.equal(again.body.code, 'PHONE_CODE_EXPIRED');
    // Staff at a station desk are not asked for a code.
    await ok('POST', '/api/v1/opinions', office, { congressId: t.hebiId, name: '赵三', phone: phone(), content: '当面反映' });
  });

  void test('PV-1: wrong codes lock the code after five tries; at most five codes a day per number', async () => {
    delete process.env.YISHI_SMS_URL;
    const p = phone();
    const ip = '198.51.100.21'; // codes are also limited per address (5 an hour): this citizen's own
    await ok('POST', '/api/v1/opinions/phone-codes', undefined, { congressId: t.hebiId, phone: p }, ip);
    const code = (await ok('GET', `${C()}/phone-codes`, office)).find((x: { phone: string }) => x.phone.endsWith(p.slice(-4))).code as string;
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const r = await t.request('POST', '/api/v1/opinions', { body: { congressId: t.hebiId, name: '钱一', phone: p, content: '内容', verificationCode: wrong } });
      assert.equal(r.body.code, 'PHONE_CODE_WRONG');
    }
    const locked = await t.request('POST', '/api/v1/opinions', { body: { congressId: t.hebiId, name: '钱一', phone: p, content: '内容', verificationCode: code } });
    assert.equal(locked.body.code, 'PHONE_CODE_LOCKED', 'even the right code is refused after five wrong ones');
    for (let i = 0; i < 4; i++) await ok('POST', '/api/v1/opinions/phone-codes', undefined, { congressId: t.hebiId, phone: p }, `198.51.100.${30 + i}`);
    const sixth = await t.request('POST', '/api/v1/opinions/phone-codes', { body: { congressId: t.hebiId, phone: p }, ip: '198.51.100.40' });
    assert.equal(sixth.status, 429);
    assert.match(sixth.body.message_zh, /该号码今天/);
    assert.equal((await t.request('POST', '/api/v1/opinions/phone-codes', { body: { congressId: t.hebiId, phone: '12345' } })).status, 422);
  });

  void test('PV-1: with YISHI_SMS_URL the gateway gets the code; a refusing gateway is a 502 and keeps nothing', async () => {
    process.env.YISHI_SMS_URL = gateway.url;
    process.env.YISHI_SMS_TOKEN = 'gw-secret';
    try {
      const p = phone();
      const r = await ok('POST', '/api/v1/opinions/phone-codes', undefined, { congressId: t.hebiId, phone: p }, '198.51.100.50');
      assert.equal(r.via, 'sms');
      const msg = gateway.sent.at(-1);
      assert.equal(msg?.body.to, p);
      assert.equal(msg?.auth, 'Bearer gw-secret');
      const code = /验证码是(\d{6})/.exec(msg?.body.text ?? '')?.[1];
      assert.ok(code);
      // SMS codes are not shown to the office.
      assert.ok(!(await ok('GET', `${C()}/phone-codes`, office)).some((x: { phone: string }) => x.phone.endsWith(p.slice(-4))));
      assert.equal((await t.request('POST', '/api/v1/opinions', { body: { congressId: t.hebiId, name: '孙一', phone: p, content: '路灯', verificationCode: code } })).status, 201);

      gateway.refuse = true;
      const before = await count('phone_verifications');
      const failed = await t.request('POST', '/api/v1/opinions/phone-codes', { body: { congressId: t.hebiId, phone: phone() }, ip: '198.51.100.50' });
      assert.equal(failed.status, 502);
      assert.equal(failed.body.code, 'SMS_UNAVAILABLE');
      assert.ok(failed.body.message_zh.includes('短信发送失败'));
      assert.equal(await count('phone_verifications'), before, 'no code kept that nobody received');
    } finally {
      gateway.refuse = false;
      delete process.env.YISHI_SMS_URL;
      delete process.env.YISHI_SMS_TOKEN;
      await ok('PUT', `${C()}/intake-settings`, office, { perIpPerHour: 1000, perPhonePerDay: 1000, retentionYears: 5, requirePhoneVerification: false });
    }
  });

  void test('SMS codes: at most 5 an hour per network address and a daily ceiling per congress, counted at once however many arrive', async () => {
    delete process.env.YISHI_SMS_URL;
    const codesTo = (ip: string, p = phone()) => t.request('POST', '/api/v1/opinions/phone-codes', { body: { congressId: t.hebiId, phone: p }, ip });
    // 30 requests at once from one address, each for another number: 5 are served.
    const issuedBefore = await count('phone_verifications');
    const burst = await Promise.all(Array.from({ length: 30 }, () => codesTo('198.51.100.60')));
    assert.equal(burst.filter((r) => r.status === 201).length, 5);
    const refused = burst.filter((r) => r.status === 429);
    assert.equal(refused.length, 25);
    assert.ok(refused.every((r) => r.body.code === 'TOO_MANY_CODES' && r.body.message_zh.includes('网络') && r.body.message_en.includes('network')));
    assert.equal((await count('phone_verifications')) - issuedBefore, 5);
    const settings = await ok('GET', `${C()}/intake-settings`, office);
    assert.equal(settings.codesPerIpPerHour, 5);
    assert.equal(settings.codesPerDay, 1000);

    // Requests refused at an address do not use up the congress's day.
    const congressCount = async () =>
      (await t.yishi.handle.db.selectFrom('rate_counters').select('n').where('key', '=', `sms:congress:${t.hebiId}`).executeTakeFirst())?.n ?? 0;
    const dayBefore = await congressCount();
    const second = await Promise.all(Array.from({ length: 12 }, () => codesTo('198.51.100.61')));
    assert.equal(second.filter((r) => r.status === 201).length, 5, 'another address is served');
    assert.equal((await congressCount()) - dayBefore, 5);

    // One number asked for from ten addresses at once: still 5 a day.
    const p = phone();
    const same = await Promise.all(Array.from({ length: 10 }, (_, i) => codesTo(`198.51.100.${70 + i}`, p)));
    assert.equal(same.filter((r) => r.status === 201).length, 5);

    // The congress's daily ceiling, set by the office.
    const limits = { perIpPerHour: 1000, perPhonePerDay: 1000, retentionYears: 5 };
    assert.equal((await t.request('PUT', `${C()}/intake-settings`, { token: office, body: { ...limits, codesPerDay: 0 } })).status, 400);
    await ok('PUT', `${C()}/intake-settings`, office, { ...limits, codesPerDay: 1 });
    try {
      const full = await codesTo('198.51.100.90');
      assert.equal(full.status, 429);
      assert.equal(full.body.code, 'TOO_MANY_CODES');
      assert.match(full.body.message_zh, /今天的验证码发送量已达上限/);
      assert.match(full.body.message_en, /used up/);
    } finally {
      const back = await ok('PUT', `${C()}/intake-settings`, office, { ...limits, codesPerDay: 1000 });
      assert.equal(back.codesPerIpPerHour, 5, 'left out, the address limit is kept');
    }
  });

  void test('H-22: the deputy relays the reply; the feedback is its own audited record', async () => {
    const unit = (await ok('GET', `${C()}/bodies`, undefined)).find((b: { kind: string }) => b.kind === 'handling_unit').id as string;
    const head = await ok('POST', `${C()}/users`, admin, { username: 'fb.head', displayName: 'fb.head', password: 'Passw0rd-unit', roles: ['handling_unit'] });
    await t.request('PUT', `${C()}/units/${unit}/users/${head.id}`, { token: office, body: { isHead: true } });
    const headTok = await t.login('fb.head', 'Passw0rd-unit');
    const dep = await ok('POST', `${C()}/deputies`, office, { name: '反馈代表', level: 'city' });
    await ok('POST', `${C()}/users`, admin, { username: 'fb.deputy', displayName: '反馈代表', password: 'Passw0rd-dep', roles: ['deputy'], personId: dep.personId });
    const depTok = await t.login('fb.deputy', 'Passw0rd-dep');

    const code = (await ok('POST', '/api/v1/opinions', depTok, { congressId: t.hebiId, name: '周一', phone: phone(), content: '村口路灯坏了' })).trackingCode as string;
    const id = (await t.yishi.handle.db.selectFrom('opinions').select('id').where('tracking_code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow()).id;
    await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    // Not yet replied: nothing to relay.
    assert.equal((await t.request('POST', `${C()}/opinions/${id}/relay`, { token: depTok, body: { method: 'phone' } })).status, 409);
    await ok('POST', `${C()}/opinions/${id}/route`, office, { mode: 'lead', leadUnitId: unit });
    await ok('POST', `${C()}/opinions/${id}/replies`, headTok, { text: '已修复', grade: 'A' });

    const before = await count('opinion_feedbacks');
    const future = await t.request('POST', `${C()}/opinions/${id}/relay`, { token: depTok, body: { method: 'visit', contactedOn: addDays(today(), 1) } });
    assert.equal(future.status, 422);
    assert.equal(future.body.code, 'FEEDBACK_IN_FUTURE');
    assert.equal((await t.request('POST', `${C()}/opinions/${id}/relay`, { token: depTok, body: { method: 'pigeon' } })).status, 400);
    assert.equal(await count('opinion_feedbacks'), before);

    await ok('POST', `${C()}/opinions/${id}/relay`, depTok, { method: 'visit', note: '上门告知，群众表示认可' });
    const detail = await ok('GET', `${C()}/opinions/${id}`, depTok);
    assert.equal(detail.feedbacks.length, 1);
    assert.deepEqual(
      { method: detail.feedbacks[0].method, deputy: detail.feedbacks[0].deputyName, on: detail.feedbacks[0].contactedOn, round: detail.feedbacks[0].round, note: detail.feedbacks[0].note },
      { method: 'visit', deputy: '反馈代表', on: today(), round: 1, note: '上门告知，群众表示认可' },
    );
    assert.ok(detail.relayedAt);
    const audit = await t.yishi.handle.db.selectFrom('audit_log').select(['action', 'data']).where('target_id', '=', id).where('action', '=', 'opinion.relayed').execute();
    assert.equal(audit.length, 1);
    assert.ok(String(audit[0]?.data).includes(detail.feedbacks[0].id));
    // The citizen sees it on the status page.
    const status = await ok('GET', `/api/v1/opinions/status/${code}`, undefined);
    assert.ok(status.history.some((h: { kind: string }) => h.kind === 'relayed'));
  });
});

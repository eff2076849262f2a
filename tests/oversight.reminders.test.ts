// Reminders (督办): "due soon" counted in working days on the congress's calendar, in the app always;
// by email only when a mail transport is configured — here nodemailer's stream transport writing to
// a buffer — to the unit's users with an address, each once; by SMS only when a gateway is
// configured — here a local HTTP server standing in for it — to the unit's users with a mobile
// number, each once. The address and the number are set through the accounts API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import nodemailer from 'nodemailer';
import { runFollowups } from '../server/modules/oversight/followup.commands.ts';
import type { MailMessage, ReminderMailer } from '../server/modules/oversight/reminders.notify.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { expectOk } from './meetings.helpers.ts';
import { type SmsGateway, startSmsGateway } from './sms-gateway.ts';

let t: TestApp;
let office: string;
let unit: { id: string; name: string };
let letterId: string;

const deliveries = async () => t.yishi.handle.db.selectFrom('reminder_deliveries').selectAll().execute();
const remindersOf = async (id: string) => {
  const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/followup-reminders`, { token: office });
  expectOk(r);
  return (r.body as { targetKey: string; kind: string }[]).filter((x) => x.targetKey === `opinion_letter:${id}`);
};

before(async () => {
  t = await startTestApp({ env: { YISHI_SMTP_URL: '' } });
  office = await t.login('office');
  const admin = await t.login('admin');
  const units = await t.yishi.handle.db.selectFrom('bodies').select(['id', 'name']).where('congress_id', '=', t.hebiId).where('kind', '=', 'handling_unit').orderBy('name').limit(1).execute();
  unit = units[0]!;
  const u = await t.request('POST', `/api/v1/congresses/${t.hebiId}/users`, { token: admin, body: { username: 'unit.mail', displayName: '承办人', password: 'Passw0rd-unit-mail', roles: ['handling_unit'] } });
  expectOk(u, 201);
  expectOk(await t.request('PUT', `/api/v1/congresses/${t.hebiId}/units/${unit.id}/users/${u.body.id}`, { token: admin, body: { isHead: false } }), 204);
  expectOk(await t.request('PATCH', `/api/v1/congresses/${t.hebiId}/users/${u.body.id as string}`, { token: admin, body: { email: 'chengban@example.cn' } }), 204);
  // A second user of the unit with a mobile number and no address: reminders reach them by SMS only.
  const m = await t.request('POST', `/api/v1/congresses/${t.hebiId}/users`, {
    token: admin,
    body: { username: 'unit.sms', displayName: '承办人乙', password: 'Passw0rd-unit-sms', roles: ['handling_unit'], mobile: '+86 139-0000-1234' },
  });
  expectOk(m, 201);
  assert.equal(m.body.mobile, '13900001234');
  expectOk(await t.request('PUT', `/api/v1/congresses/${t.hebiId}/units/${unit.id}/users/${m.body.id}`, { token: admin, body: { isHead: false } }), 204);
  const letter = await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { unitId: unit.id, opinions: ['加快整改进度'], sentOn: '2024-09-02', dueDate: '2024-10-09' } });
  expectOk(letter, 201);
  letterId = letter.body.id as string;
});
after(async () => {
  delete process.env.YISHI_SMS_URL;
  delete process.env.YISHI_SMS_TOKEN;
  await t.close();
  await gateway.close();
});

// A stand-in SMS gateway (tests/sms-gateway.ts): records what it is asked to send, or refuses.
let gateway: SmsGateway;
before(async () => {
  gateway = await startSmsGateway();
});

test('R-O4: "due soon" opens five working days before the due date, across the National Day holiday; without SMTP nothing is emailed', async () => {
  const early = await t.request('POST', `/api/v1/congresses/${t.hebiId}/followup-run`, { token: office, body: { asOf: '2024-09-25' } });
  expectOk(early);
  assert.deepEqual(await remindersOf(letterId), []);
  const run = await t.request('POST', `/api/v1/congresses/${t.hebiId}/followup-run`, { token: office, body: { asOf: '2024-09-26' } });
  expectOk(run);
  assert.deepEqual((await remindersOf(letterId)).map((r) => r.kind), ['due_soon']);
  assert.equal(run.body.emailsSent, 0);
  assert.deepEqual(await deliveries(), [], 'nothing is recorded as emailed when no mail transport is configured');
});

test('with a mail transport, the new reminder is emailed to the unit’s user once', async () => {
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const sent: string[] = [];
  const mailer: ReminderMailer = {
    async sendMail(m: MailMessage) {
      const info = await stream.sendMail(m);
      sent.push(Buffer.isBuffer(info.message) ? info.message.toString('utf8') : '');
      return info;
    },
  };
  const ctx = { db: t.yishi.handle.db, hub: t.yishi.hub };
  const r = await runFollowups(ctx, { congressId: t.hebiId, asOf: '2024-10-10', mailer });
  assert.equal(r.emailsSent, 1);
  assert.equal(sent.length, 1);
  assert.match(sent[0] ?? '', /^To: chengban@example\.cn$/m);
  assert.match(sent[0] ?? '', /Subject: =\?UTF-8\?/); // the Chinese subject, encoded
  const d = await deliveries();
  assert.deepEqual(d.map((x) => [x.channel, x.recipient, x.status]), [['email', 'chengban@example.cn', 'sent']]);
  const again = await runFollowups(ctx, { congressId: t.hebiId, asOf: '2024-10-10', mailer });
  assert.equal(again.emailsSent, 0);
  assert.equal(sent.length, 1);
});

test('a transport that fails is recorded as failed, not as sent', async () => {
  const mailer: ReminderMailer = { sendMail: () => Promise.reject(new Error('connection refused')) };
  const letter = await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { unitId: unit.id, opinions: ['完善制度'], sentOn: '2024-09-02', dueDate: '2024-10-15' } });
  expectOk(letter, 201);
  const r = await runFollowups({ db: t.yishi.handle.db, hub: t.yishi.hub }, { congressId: t.hebiId, asOf: '2024-10-16', mailer });
  assert.equal(r.emailsSent, 0);
  const failed = (await deliveries()).filter((x) => x.status === 'failed');
  assert.equal(failed.length, 1);
  assert.match(failed[0]?.detail ?? '', /connection refused/);
});

test('R-O4: a letter’s due date given in working days is counted past the National Day holiday', async () => {
  const r = await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { unitId: unit.id, opinions: ['按期报告'], sentOn: '2024-09-30', dueInWorkingDays: 3 } });
  expectOk(r, 201);
  const letters = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office })).body as { id: string; dueDate: string }[];
  assert.equal(letters.find((l) => l.id === r.body.id)?.dueDate, '2024-10-10');
  const both = await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { unitId: unit.id, opinions: ['x'], sentOn: '2024-09-30', dueDate: '2024-10-31', dueInWorkingDays: 3 } });
  assert.equal(both.status, 400);
});

test('R-O4: with an SMS gateway the new reminder is texted to the unit’s user with a mobile number, once; a refusing gateway is recorded as failed', async () => {
  const letter = await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { unitId: unit.id, opinions: ['按期报送整改情况'], sentOn: '2024-10-08', dueDate: '2024-11-15' } });
  expectOk(letter, 201);
  process.env.YISHI_SMS_URL = gateway.url;
  process.env.YISHI_SMS_TOKEN = 'gw-secret';
  try {
    const run = await t.request('POST', `/api/v1/congresses/${t.hebiId}/followup-run`, { token: office, body: { asOf: '2024-11-18' } });
    expectOk(run);
    // This letter's reminder, and the one the earlier letter due 10-10 earned since (no run saw it overdue before).
    assert.equal(run.body.smsSent, gateway.sent.length);
    assert.ok(gateway.sent.every((x) => x.body.to === '13900001234'));
    assert.equal(run.body.emailsSent, 0, 'no SMTP configured: nothing emailed');
    const mine = gateway.sent.filter((x) => x.body.text.includes(`审议意见（${unit.name}）`) && x.body.text.includes('2024-11-15'));
    assert.equal(mine.length, 1);
    assert.equal(mine[0]?.body.to, '13900001234');
    assert.equal(mine[0]?.auth, 'Bearer gw-secret');
    assert.match(mine[0]?.body.text ?? '', /^【鹤壁市人民代表大会】督办提醒：.*已逾期/);
    const sms = (await deliveries()).filter((d) => d.channel === 'sms' && d.status === 'sent');
    assert.equal(sms.length, gateway.sent.length);
    assert.ok(sms.every((d) => d.recipient === '13900001234' && (d.detail ?? '').includes('sms-1')), 'the gateway’s answer is kept');

    const again = await t.request('POST', `/api/v1/congresses/${t.hebiId}/followup-run`, { token: office, body: { asOf: '2024-11-18' } });
    assert.equal(again.body.smsSent, 0);
    assert.equal(gateway.sent.filter((x) => x.body.text.includes('2024-11-15')).length, 1, 'never texted twice');

    gateway.refuse = true;
    expectOk(await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { unitId: unit.id, opinions: ['补充材料'], sentOn: '2024-10-08', dueDate: '2024-11-20' } }), 201);
    const failedRun = await t.request('POST', `/api/v1/congresses/${t.hebiId}/followup-run`, { token: office, body: { asOf: '2024-11-21' } });
    expectOk(failedRun);
    assert.equal(failedRun.body.smsSent, 0);
    const failed = (await deliveries()).filter((d) => d.channel === 'sms' && d.status === 'failed');
    assert.equal(failed.length, 1);
    assert.match(failed[0]?.detail ?? '', /503/);
  } finally {
    gateway.refuse = false;
    delete process.env.YISHI_SMS_URL;
    delete process.env.YISHI_SMS_TOKEN;
  }
});

test('R-O4: the overdue dashboard counts "due soon" in working days across the National Day holiday', async () => {
  const letter = await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { organ: '国庆测试局', opinions: ['节前交办'], sentOn: '2024-09-02', dueDate: '2024-10-09' } });
  expectOk(letter, 201);
  const soon = async (asOf: string) => {
    const d = await t.request('GET', `/api/v1/congresses/${t.hebiId}/overdue-dashboard?asOf=${asOf}`, { token: office });
    expectOk(d);
    return (d.body.organs as { organ: string; dueSoon: number }[]).find((o) => o.organ === '国庆测试局')?.dueSoon ?? 0;
  };
  // Due Wed 10-09: five working days before are 10-08, 09-30, Sun 09-29 (调休), 09-27 and 09-26; 10-01…10-07 are the holiday.
  assert.equal(await soon('2024-09-25'), 0);
  assert.equal(await soon('2024-09-26'), 1, 'thirteen calendar days ahead, yet due soon: the holiday is not counted');
  assert.equal(await soon('2024-10-09'), 1);
  assert.equal(await soon('2024-10-10'), 0, 'overdue from the day after');
});

// Reminders (督办): "due soon" counted in working days on the congress's calendar, in the app always;
// by email only when a mail transport is configured — here nodemailer's stream transport writing to
// a buffer — to the unit's users with an address, each once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import nodemailer from 'nodemailer';
import { runFollowups } from '../server/modules/oversight/followup.commands.ts';
import type { MailMessage, ReminderMailer } from '../server/modules/oversight/reminders.notify.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { expectOk } from './meetings.helpers.ts';

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
  await t.yishi.handle.db.updateTable('users').set({ email: 'chengban@example.cn' }).where('id', '=', u.body.id as string).execute();
  const letter = await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { unitId: unit.id, opinions: ['加快整改进度'], sentOn: '2024-09-02', dueDate: '2024-10-09' } });
  expectOk(letter, 201);
  letterId = letter.body.id as string;
});
after(() => t.close());

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

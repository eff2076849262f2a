// Feeds and alerts through HTTP: RSS and Atom per congress, per body and per saved search, read
// back with a real feed parser; the iCalendar of meetings; email subscriptions with double opt-in,
// an alert for new content and the unsubscribe link (mail kept in mail_outbox, no SMTP configured);
// addresses are stored field-encrypted, found again by a blind index.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import Parser from 'rss-parser';
import { importDemoRegulations } from '../server/modules/imports/demo-regulations.ts';
import { SYSTEM_ACTOR } from '../server/modules/imports/import-fixture.ts';
import { outboxContext } from '../server/modules/publicdata/mail.ts';
import { emailContext, runFeedAlerts } from '../server/modules/publicdata/subscriptions.commands.ts';
import { fieldCryptoFor } from '../server/platform/crypto/keys.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { seedMeeting } from './polls.helpers.ts';

let t: TestApp;
const parser = new Parser();
const feedUrl = (format: 'rss' | 'atom', qs = '') => `/api/v1/congresses/${t.hebiId}/feed.${format}${qs}`;
const outbox = async () => t.yishi.handle.db.selectFrom('mail_outbox').selectAll().orderBy('created_at').execute();
const linkIn = (text: string, kind: 'confirm' | 'unsubscribe'): string => {
  const m = new RegExp(`(/api/v1/subscriptions/${kind}\\?token=[\\w-]+)`).exec(text);
  assert.ok(m, text);
  return m[1] ?? '';
};

before(async () => {
  t = await startTestApp();
  await importDemoRegulations({ db: t.yishi.handle.db, hub: t.yishi.hub }, t.hebiId, { fixturePath: t.config.fixturePath });
});
after(async () => t.close());

test('the congress feed in RSS and Atom parses and lists the 6th meeting and the regulations', async () => {
  for (const format of ['rss', 'atom'] as const) {
    const r = await t.yishi.app.inject({ method: 'GET', url: feedUrl(format) });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), format === 'rss' ? /rss\+xml/ : /atom\+xml/);
    assert.equal(r.headers['access-control-allow-origin'], '*');
    const feed = await parser.parseString(r.body);
    assert.match(feed.title ?? '', /鹤壁市人民代表大会/);
    const titles = feed.items.map((i) => i.title ?? '');
    assert.ok(titles.some((x) => x.includes('第六次会议')), titles.join('|'));
    assert.ok(titles.includes('鹤壁市卫河保护条例'));
    assert.ok(feed.items.every((i) => /^https?:\/\//.test(i.link ?? '')));
  }
});

test('a body feed lists that body’s meetings only; an unknown body is a 404', async () => {
  const db = t.yishi.handle.db;
  const sc = await db.selectFrom('bodies').select('id').where('congress_id', '=', t.hebiId).where('kind', '=', 'standing_committee').executeTakeFirstOrThrow();
  const council = await db.selectFrom('bodies').select('id').where('congress_id', '=', t.hebiId).where('kind', '=', 'chairpersons_council').executeTakeFirstOrThrow();
  // The 6th meeting is the standing committee's; a council meeting is the council's.
  await db.updateTable('meetings').set({ body_id: sc.id }).where('congress_id', '=', t.hebiId).where('number', '=', 6).execute();
  const cm = await seedMeeting(db, t.hebiId, { state: 'scheduled' });
  await db.updateTable('meetings').set({ body_id: council.id, title: '主任会议第十次会议' }).where('id', '=', cm.meetingId).execute();
  const r = await t.yishi.app.inject({ method: 'GET', url: feedUrl('rss', `?bodyId=${sc.id}`) });
  const feed = await parser.parseString(r.body);
  assert.match(feed.title ?? '', /常务委员会$/);
  assert.ok(feed.items.some((i) => (i.title ?? '').includes('第六次会议')));
  assert.ok(!feed.items.some((i) => i.title === '鹤壁市卫河保护条例' || i.title === '主任会议第十次会议'));
  const other = await t.yishi.app.inject({ method: 'GET', url: feedUrl('atom', `?bodyId=${council.id}`) });
  assert.equal(other.statusCode, 200);
  assert.deepEqual(
    (await parser.parseString(other.body)).items.map((i) => i.title),
    ['主任会议第十次会议'],
  );
  const none = await t.request('GET', feedUrl('rss', '?bodyId=no-such-body'));
  assert.equal(none.status, 404);
});

test('a saved search feed carries the hits, the article first', async () => {
  const r = await t.yishi.app.inject({ method: 'GET', url: feedUrl('rss', `?q=${encodeURIComponent('卫河流域管理机构 限期拆除违法建筑物')}`) });
  assert.equal(r.statusCode, 200);
  const feed = await parser.parseString(r.body);
  assert.match(feed.items[0]?.title ?? '', /卫河保护条例 第四十二条/);
  assert.match(feed.items[0]?.link ?? '', /#art_42$/);
  const hostile = await t.yishi.app.inject({ method: 'GET', url: feedUrl('atom', `?q=${encodeURIComponent('"]]></title><script>')}`) });
  assert.equal(hostile.statusCode, 200);
  assert.ok(!hostile.body.includes('<script>'));
  await parser.parseString(hostile.body);
});

test('the iCalendar lists public meetings as all-day events', async () => {
  const r = await t.yishi.app.inject({ method: 'GET', url: `/api/v1/congresses/${t.hebiId}/meetings.ics` });
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-type']), /text\/calendar/);
  const text = r.body.replace(/\r\n[ \t]/g, ''); // unfold lines (RFC 5545 §3.1)
  assert.match(text, /^BEGIN:VCALENDAR/);
  const events = text.split('BEGIN:VEVENT').slice(1);
  const sixth = events.find((e) => /SUMMARY:.*第六次会议/.test(e));
  assert.ok(sixth, text.slice(0, 500));
  assert.match(sixth, /DTSTART;VALUE=DATE:20230824/);
});

test('email subscription: double opt-in, an alert for new content, unsubscribe', async () => {
  const url = `/api/v1/congresses/${t.hebiId}/subscriptions`;
  const bad = await t.request('POST', url, { body: { email: 'not-an-address', kind: 'congress' } });
  assert.equal(bad.status, 400);
  const noQ = await t.request('POST', url, { body: { email: 'reader@example.org', kind: 'search' } });
  assert.equal(noQ.status, 422);
  assert.ok(noQ.body.message_zh && noQ.body.message_en);
  assert.equal((await outbox()).length, 0);

  const r = await t.request('POST', url, { body: { email: 'Reader@Example.org', kind: 'congress' } });
  assert.equal(r.status, 202);
  assert.equal(r.body.state, 'pending');
  const mails = await outbox();
  assert.equal(mails.length, 1);
  const fc = fieldCryptoFor(t.config);
  const mail0 = mails[0];
  assert.ok(mail0);
  assert.equal(mail0.transport, 'json');
  // No clear address at rest: neither the outbox (recipient, rendering) nor the subscription row.
  const subs = await t.yishi.handle.db.selectFrom('feed_subscriptions').selectAll().execute();
  assert.equal(subs.length, 1);
  for (const raw of [...mails.map((x) => JSON.stringify(x)), ...subs.map((x) => JSON.stringify(x))]) assert.ok(!/example\.org/i.test(raw), raw);
  assert.equal(fc.decrypt(mail0.to_enc, outboxContext('to', mail0.id)), 'reader@example.org');
  assert.equal(fc.decrypt(subs[0]?.email_enc ?? '', emailContext(subs[0]?.id ?? '')), 'reader@example.org');
  const rendered = JSON.parse(fc.decrypt(mail0.message_enc, outboxContext('message', mail0.id))) as { subject?: string };
  assert.match(rendered.subject ?? '', /请确认订阅/);
  // Asking again with the same address (other spelling) finds the pending subscription by its blind index.
  assert.equal((await t.request('POST', url, { body: { email: 'READER@example.org', kind: 'congress' } })).status, 202);
  assert.equal((await t.yishi.handle.db.selectFrom('feed_subscriptions').select('id').execute()).length, 1);
  mails.push(...(await outbox()).slice(1));
  const latest = mails.at(-1);
  assert.ok(latest && latest.id !== mail0.id);
  assert.equal(fc.decrypt(latest.to_enc, outboxContext('to', latest.id)), 'reader@example.org');
  mails.splice(0, mails.length, latest);

  // Not confirmed yet: no alert.
  const ctx = { db: t.yishi.handle.db, hub: t.yishi.hub, actor: SYSTEM_ACTOR, fc };
  assert.equal(await runFeedAlerts(ctx), 0);
  const confirm = linkIn(mails[0]?.text ?? '', 'confirm');
  const c = await t.request('GET', confirm);
  assert.equal(c.status, 200);
  assert.equal(c.body.state, 'active');
  assert.equal((await t.request('GET', '/api/v1/subscriptions/confirm?token=forged-token-123')).status, 404);
  // Nothing new since confirming: no mail.
  assert.equal(await runFeedAlerts(ctx), 0);

  await sleep(5);
  const m = await seedMeeting(t.yishi.handle.db, t.hebiId, { state: 'scheduled' });
  assert.equal(await runFeedAlerts(ctx), 1);
  const alert = (await outbox()).at(-1);
  const title = (await t.yishi.handle.db.selectFrom('meetings').select('title').where('id', '=', m.meetingId).executeTakeFirstOrThrow()).title;
  assert.ok(alert?.text.includes(title), alert?.text);
  assert.equal(fc.decrypt(alert?.to_enc ?? '', outboxContext('to', alert?.id ?? '')), 'reader@example.org');
  // Sent once: a second run finds nothing new.
  assert.equal(await runFeedAlerts(ctx), 0);

  const u = await t.request('GET', linkIn(alert?.text ?? '', 'unsubscribe'));
  assert.equal(u.status, 200);
  assert.equal(u.body.state, 'ended');
  await sleep(5);
  await seedMeeting(t.yishi.handle.db, t.hebiId, { state: 'scheduled' });
  assert.equal(await runFeedAlerts(ctx), 0);
});

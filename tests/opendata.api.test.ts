// Open data through HTTP: public meetings, agenda items, named polls with their roll call (never a
// secret poll), bills with actions, regulations with their structure; CORS on public reads only;
// the endpoints in the OpenAPI document; the bulk export as JSON and CSV.
import assert from 'node:assert/strict';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { importDemoRegulations } from '../server/modules/imports/demo-regulations.ts';
import { exportOpenData } from '../server/modules/publicdata/opendata.export.ts';
import { latestCheckpoint } from '../server/platform/audit-anchor.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { type SeededMeeting, seedMeeting, tokenFor } from './polls.helpers.ts';

let t: TestApp;
let mtg: SeededMeeting;
let hidden: SeededMeeting;
let namedId = '';
let secretId = '';
const open = (path: string) => `/api/v1/open/congresses/${t.hebiId}${path}`;

async function runPoll(kind: 'named' | 'secret', subject: string, itemId: string): Promise<string> {
  const office = await tokenFor(t.yishi.handle.db, 'office');
  const presiding = await tokenFor(t.yishi.handle.db, 'm02');
  const p = await t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, agendaItemId: itemId, subject, kind } });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const chair = (await t.yishi.handle.db.selectFrom('meetings').select('presiding_person_id').where('id', '=', mtg.meetingId).executeTakeFirstOrThrow()).presiding_person_id;
  const presider = mtg.members.find((m) => m.personId === chair);
  const pt = presider?.username ? await tokenFor(t.yishi.handle.db, presider.username) : presiding;
  assert.equal((await t.request('POST', `/api/v1/polls/${String(p.body.id)}/open`, { token: pt, body: { pollId: p.body.id } })).status, 200);
  const voters = mtg.present.filter((m) => m.personId !== chair && m.username).slice(0, 12);
  for (const [i, m] of voters.entries()) {
    const r = await t.request('POST', `/api/v1/polls/${String(p.body.id)}/ballots`, { token: await tokenFor(t.yishi.handle.db, m.username ?? ''), body: { choice: i < 10 ? 'yes' : 'no' } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  assert.equal((await t.request('POST', `/api/v1/polls/${String(p.body.id)}/close`, { token: pt })).status, 200);
  assert.equal((await t.request('POST', `/api/v1/polls/${String(p.body.id)}/announce`, { token: pt })).status, 200);
  return p.body.id as string;
}

before(async () => {
  t = await startTestApp();
  await importDemoRegulations({ db: t.yishi.handle.db, hub: t.yishi.hub }, t.hebiId, { fixturePath: t.config.fixturePath });
  mtg = await seedMeeting(t.yishi.handle.db, t.hebiId, {
    items: [
      { kind: 'resolution', title: '关于批准2022年市级财政决算的决议（草案）' },
      { kind: 'resolution', title: '关于批准2023年市级第一次预算调整方案的决议（草案）' },
      { kind: 'other', title: '不公开的议题', isPublic: false },
    ],
  });
  hidden = await seedMeeting(t.yishi.handle.db, t.hebiId, { isPublic: false });
  namedId = await runPoll('named', '关于批准2022年市级财政决算的决议', mtg.items[0]?.id ?? '');
  secretId = await runPoll('secret', '预算调整方案（无记名）', mtg.items[1]?.id ?? '');
});
after(async () => t.close());

test('meetings: the public ones, with CORS and a cache header; a closed-door meeting is absent', async () => {
  const r = await t.request('GET', open('/meetings'), { headers: { origin: 'https://data.example.org' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['access-control-allow-origin'], '*');
  assert.match(String(r.headers['cache-control']), /public/);
  const ids = r.body.items.map((m: { id: string }) => m.id);
  assert.ok(ids.includes(mtg.meetingId));
  assert.ok(!ids.includes(hidden.meetingId));
  assert.ok(r.body.items.some((m: { title: string }) => m.title.includes('第六次会议')));
  // By slug too; an unknown congress is a 404 with both languages.
  const bySlug = await t.request('GET', '/api/v1/open/congresses/hebi/meetings');
  assert.equal(bySlug.body.items.length, r.body.items.length);
  const none = await t.request('GET', '/api/v1/open/congresses/nowhere/meetings');
  assert.equal(none.status, 404);
  assert.ok(none.body.message_zh && none.body.message_en);
  assert.equal((await t.request('GET', open(`/meetings/${hidden.meetingId}/agenda`))).status, 404);
});

test('agenda items: public items only', async () => {
  const r = await t.request('GET', open(`/meetings/${mtg.meetingId}/agenda`));
  assert.equal(r.status, 200);
  const titles = r.body.items.map((i: { title: string }) => i.title);
  assert.deepEqual(titles, ['关于批准2022年市级财政决算的决议（草案）', '关于批准2023年市级第一次预算调整方案的决议（草案）']);
});

test('named polls carry the roll call; a secret poll is never listed', async () => {
  const r = await t.request('GET', open('/polls'));
  assert.equal(r.status, 200);
  const ids = r.body.items.map((p: { id: string }) => p.id);
  assert.ok(ids.includes(namedId));
  assert.ok(!ids.includes(secretId));
  const named = r.body.items.find((p: { id: string }) => p.id === namedId);
  assert.equal(named.yes, 10);
  assert.equal(named.no, 2);
  assert.equal(named.ballots.length, 12);
  assert.ok(named.ballots.every((b: { name: string; choice: string }) => b.name && ['yes', 'no'].includes(b.choice)));
  assert.ok(!JSON.stringify(r.body).includes('无记名'));
});

test('bills with their actions, and regulations with their structure', async () => {
  const bills = await t.request('GET', open('/bills'));
  assert.equal(bills.status, 200);
  assert.ok(Array.isArray(bills.body.items));
  const regs = await t.request('GET', open('/regulations'));
  assert.equal(regs.status, 200);
  const weihe = regs.body.items.find((x: { title: string }) => x.title === '鹤壁市卫河保护条例');
  assert.ok(weihe, JSON.stringify(regs.body.items.map((x: { title: string }) => x.title)));
  assert.equal(weihe.articles, 45);
  const one = await t.request('GET', open(`/regulations/${String(weihe.workId)}`));
  assert.equal(one.status, 200);
  const art42 = one.body.articleList.find((a: { num: number }) => a.num === 42);
  assert.equal(art42.numText, '第四十二条');
  assert.match(art42.text, /限期拆除违法建筑物/);
  assert.ok(one.body.divisions.some((d: { kind: string; heading: string }) => d.kind === 'chapter' && d.heading.includes('附')));
  const chapterOf42 = one.body.divisions.find((d: { eId: string }) => d.eId === art42.divisionEId);
  assert.match(chapterOf42.heading, /法律责任/);
});

test('gazettes: the published issues the public may read, as JSON', async () => {
  const r = await t.request('GET', open('/gazettes'));
  assert.equal(r.status, 200);
  assert.equal(r.headers['access-control-allow-origin'], '*');
  assert.ok(Array.isArray(r.body.items));
  for (const g of r.body.items) assert.ok(g.meetingId && g.title && g.issue);
});

test('CORS only on public reads: an authenticated endpoint and a write carry none', async () => {
  const token = await t.login('office');
  const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/meetings`, { token, headers: { origin: 'https://evil.example' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['access-control-allow-origin'], undefined);
  const w = await t.request('POST', `/api/v1/congresses/${t.hebiId}/subscriptions`, { body: { email: 'a@example.org', kind: 'congress' }, headers: { origin: 'https://evil.example' } });
  assert.equal(w.status, 202);
  assert.equal(w.headers['access-control-allow-origin'], undefined);
});

test('the open data endpoints are in the OpenAPI document', async () => {
  const doc = await t.request('GET', '/api/v1/openapi.json');
  const ops = new Set<string>();
  for (const p of Object.values(doc.body.paths as Record<string, Record<string, { operationId?: string }>>)) for (const o of Object.values(p)) if (o.operationId) ops.add(o.operationId);
  for (const id of ['openListMeetings', 'openListAgendaItems', 'openListNamedPolls', 'openListBills', 'openListRegulations', 'openGetRegulation', 'openListGazettes', 'search', 'getFeed', 'getMeetingsCalendar', 'subscribeFeed']) assert.ok(ops.has(id), id);
});

test('bulk export: JSON and CSV with the same facts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-open-'));
  try {
    const r = await exportOpenData(t.yishi.handle.db, t.hebiId, dir, t.yishi.anchors);
    for (const f of ['meetings.json', 'meetings.csv', 'agenda_items.csv', 'named_polls.json', 'named_poll_ballots.csv', 'bills.json', 'bill_actions.csv', 'regulations.json', 'regulation_articles.csv', 'manifest.json']) {
      assert.ok(existsSync(join(r.dir, f)), f);
    }
    const meetingsJson = JSON.parse(readFileSync(join(r.dir, 'meetings.json'), 'utf8')) as { items: { id: string }[] };
    const meetingsCsv = parse<{ id: string; title: string }>(readFileSync(join(r.dir, 'meetings.csv'), 'utf8'), { columns: true, bom: true });
    assert.deepEqual(
      meetingsCsv.map((m) => m.id),
      meetingsJson.items.map((m) => m.id),
    );
    const arts = parse<{ title: string; numText: string; text: string }>(readFileSync(join(r.dir, 'regulation_articles.csv'), 'utf8'), { columns: true, bom: true });
    const a42 = arts.find((a) => a.title === '鹤壁市卫河保护条例' && a.numText === '第四十二条');
    assert.ok(a42 && a42.text.includes('限期拆除违法建筑物'));
    const ballots = parse<{ pollId: string }>(readFileSync(join(r.dir, 'named_poll_ballots.csv'), 'utf8'), { columns: true, bom: true });
    assert.ok(ballots.length >= 12);
    assert.ok(ballots.every((b) => b.pollId !== secretId));
    // The manifest carries the audit chain's checkpoint signed for this export, and the key that verifies it.
    const manifest = JSON.parse(readFileSync(join(r.dir, 'manifest.json'), 'utf8')) as {
      auditCheckpoint: { seq: number; hash: string; at: string; keyId: string; signature: string };
      auditKey: { keyId: string; publicKey: string };
    };
    const cp = manifest.auditCheckpoint;
    const head = await t.yishi.handle.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    assert.deepEqual({ seq: cp.seq, hash: cp.hash }, head, 'the head as it was at the export');
    assert.deepEqual(await latestCheckpoint(t.yishi.handle.db), cp, 'the same checkpoint is on record');
    assert.equal(manifest.auditKey.keyId, cp.keyId);
    const statement = Buffer.from(JSON.stringify(['yishi-audit-checkpoint/1', cp.seq, cp.hash, cp.at, cp.keyId]));
    assert.ok(verifySignature(null, statement, createPublicKey(manifest.auditKey.publicKey), Buffer.from(cp.signature, 'base64url')));
    // Open data is public: readable by all, whatever the process umask.
    assert.equal(statSync(join(r.dir, 'manifest.json')).mode & 0o777, 0o644);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

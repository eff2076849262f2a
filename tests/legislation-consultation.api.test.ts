// Public consultation on the Wei River draft through HTTP: the demo puts the draft out for comment;
// citizens comment on an article without an account (identity check, throttling, abuse list); the
// drafters moderate, answer and close; counts per article; the link from a work to its bill.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { importDemoConsultation } from '../server/modules/legislation/consultation.demo.ts';
import { COMMENT_LIMITS } from '../server/modules/legislation/consultation.rules.ts';
import { addDays, localDateOf } from '../server/platform/calendar/calendar.rules.ts';
import { type TestApp, startTestApp } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SEED = resolve(ROOT, '../shared/seed/000_5afcf154fdbded78.txt');

let t: TestApp;
let admin: string;
let member: string;
let consultationId: string;
let art26: string;
const pub = (): string => `/api/v1/congresses/${t.hebiId}/consultations`;
const leg = (): string => `/api/v1/congresses/${t.hebiId}/legislation`;
const comment = (body: Record<string, unknown>, ip = '10.0.0.1') => t.request('POST', `${pub()}/${consultationId}/comments`, { body, ip });
const commentCount = async (): Promise<number> =>
  Number((await t.yishi.handle.db.selectFrom('legislation_comments').select((e) => e.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  member = await t.login('m30');
  const r = await importDemoConsultation({ db: t.yishi.handle.db, hub: t.yishi.hub }, t.hebiId, SEED);
  assert.ok(r.consultationId);
  consultationId = r.consultationId;
  // Idempotent: a second run adds nothing.
  assert.equal((await importDemoConsultation({ db: t.yishi.handle.db, hub: t.yishi.hub }, t.hebiId, SEED)).consultationId, consultationId);
});
after(async () => t.close());

void test('the demo puts the Wei River draft out for comment: public list and the draft article by article', async () => {
  const list = await t.request('GET', pub());
  assert.equal(list.status, 200);
  assert.equal(list.body.length, 1);
  assert.equal(list.body[0].state, 'open');
  assert.match(list.body[0].title, /卫河保护条例/);
  const v = await t.request('GET', `${pub()}/${consultationId}`);
  assert.equal(v.status, 200);
  assert.equal(v.body.documentTitle, '鹤壁市卫河保护条例');
  assert.equal(v.body.stageLabel, '草案');
  assert.equal(v.body.articles.length, 45);
  const a = v.body.articles.find((x: { numText: string }) => x.numText === '第二十六条');
  assert.equal(a.heading, '汛前准备');
  assert.match(a.paragraphs[0].text, /汛前组织河道安全/);
  art26 = a.eId;
  assert.equal(a.comments, 0);
});

void test('a citizen comments on article 26 without an account; the name is masked and the count goes up', async () => {
  const r = await comment({ anchorEId: art26, name: '王小明', phone: '13912345678', text: '建议在汛前检查中增加对沿河村庄排涝设施的检查。' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.anchorCite, '第二十六条');
  assert.equal(r.body.status, 'published');
  const v = await t.request('GET', `${pub()}/${consultationId}`);
  assert.equal(v.body.articles.find((x: { eId: string }) => x.eId === art26).comments, 1);
  assert.equal(v.body.comments, 1);
  assert.equal(v.body.published[0].displayName, '王**');
  assert.doesNotMatch(JSON.stringify(v.body), /13912345678|王小明/);
  // Nothing personal in the stored row or the audit trail.
  const row = await t.yishi.handle.db.selectFrom('legislation_comments').selectAll().executeTakeFirstOrThrow();
  assert.doesNotMatch(JSON.stringify(row), /13912345678|王小明/);
  const audit = await t.yishi.handle.db.selectFrom('audit_log').select('data').where('action', '=', 'legislation.comment.submitted').execute();
  assert.equal(audit.length, 1);
  assert.doesNotMatch(JSON.stringify(audit), /13912345678/);
});

void test('bad input: a clear 4xx citing the problem, and nothing stored', async () => {
  const n = await commentCount();
  const badPhone = await comment({ anchorEId: art26, name: '李四', phone: '12345', text: '这是一条足够长的意见内容。' });
  assert.equal(badPhone.status, 422);
  assert.equal(badPhone.body.code, 'INVALID_PHONE');
  assert.ok(badPhone.body.message_zh && badPhone.body.message_en);
  const badAnchor = await comment({ anchorEId: 'art_999', name: '李四', phone: '13812345678', text: '这是一条足够长的意见内容。' });
  assert.equal(badAnchor.status, 422);
  assert.equal(badAnchor.body.code, 'ANCHOR_NOT_FOUND');
  const short = await comment({ anchorEId: art26, name: '李四', phone: '13812345678', text: '好' });
  assert.equal(short.status, 400);
  const extra = await comment({ anchorEId: art26, name: '李四', phone: '13812345678', text: '这是一条足够长的意见内容。', admin: true });
  assert.equal(extra.status, 400);
  const other = await t.request('POST', `/api/v1/congresses/${t.henanId}/consultations/${consultationId}/comments`, { body: { anchorEId: art26, name: '李四', phone: '13812345678', text: '这是一条足够长的意见内容。' } });
  assert.equal(other.status, 404);
  assert.equal(await commentCount(), n);
});

void test('C-4 throttling: a phone number may comment 5 times a day, then 429 naming the rule', async () => {
  const phone = '13700001111';
  for (let i = 0; i < COMMENT_LIMITS.perPhonePerDay; i++) {
    const r = await comment({ anchorEId: art26, name: '赵六', phone, text: `第${i + 1}条意见：建议明确汛前检查的时限。` }, `10.1.0.${i}`);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const n = await commentCount();
  const r = await comment({ anchorEId: art26, name: '赵六', phone, text: '再提一条意见：建议明确责任主体。' }, '10.1.1.1');
  assert.equal(r.status, 429);
  assert.equal(r.body.code, 'TOO_MANY_COMMENTS');
  assert.equal(r.body.rule, 'C-4');
  assert.equal(await commentCount(), n);
});

let abusiveId: string;
void test('C-5 the abuse list: the comment is kept hidden, the public never sees it, the drafters see why', async () => {
  const r = await comment({ anchorEId: art26, name: '钱七', phone: '13600002222', text: '加微信了解代开发票业务' }, '10.2.0.1');
  assert.equal(r.status, 201);
  assert.equal(r.body.status, 'hidden');
  abusiveId = r.body.id;
  const v = await t.request('GET', `${pub()}/${consultationId}`);
  assert.ok(!v.body.published.some((c: { id: string }) => c.id === abusiveId));
  const staff = await t.request('GET', `${leg()}/consultations/${consultationId}/comments`, { token: member });
  assert.equal(staff.status, 200);
  const hidden = staff.body.comments.find((c: { id: string }) => c.id === abusiveId);
  assert.equal(hidden.status, 'hidden');
  assert.match(hidden.hiddenReason, /禁用词“代开发票”/);
  assert.equal(staff.body.perArticle[0].eId, art26);
  assert.equal(staff.body.perArticle[0].comments, 7);
  // The public may not read the staff list.
  assert.equal((await t.request('GET', `${leg()}/consultations/${consultationId}/comments`)).status, 404);
});

void test('moderation and answers: only the drafters; hiding needs a reason (C-6); the answer is public', async () => {
  const v = await t.request('GET', `${pub()}/${consultationId}`);
  const first = v.body.published[0].id as string;
  const byMember = await t.request('POST', `${leg()}/comments/${first}/moderation`, { token: member, body: { action: 'hide', reason: '重复' } });
  assert.equal(byMember.status, 403);
  const noReason = await t.request('POST', `${leg()}/comments/${first}/moderation`, { token: admin, body: { action: 'hide' } });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.body.rule, 'C-6');
  const hide = await t.request('POST', `${leg()}/comments/${first}/moderation`, { token: admin, body: { action: 'hide', reason: '与其他意见重复' } });
  assert.equal(hide.status, 200);
  assert.equal(hide.body.status, 'hidden');
  const after1 = await t.request('GET', `${pub()}/${consultationId}`);
  assert.equal(after1.body.articles.find((x: { eId: string }) => x.eId === art26).comments, 5);
  const show = await t.request('POST', `${leg()}/comments/${first}/moderation`, { token: admin, body: { action: 'show' } });
  assert.equal(show.body.status, 'published');
  assert.equal(show.body.hiddenReason, null);
  const answer = await t.request('POST', `${leg()}/comments/${first}/reply`, { token: admin, body: { text: '感谢您的意见，已在修改稿中增加排涝设施检查。' } });
  assert.equal(answer.status, 200);
  const after2 = await t.request('GET', `${pub()}/${consultationId}`);
  assert.equal(after2.body.published.find((c: { id: string }) => c.id === first).reply, '感谢您的意见，已在修改稿中增加排涝设施检查。');
  const audit = await t.yishi.handle.db.selectFrom('audit_log').select('action').where('action', 'like', 'legislation.comment.%').execute();
  assert.deepEqual(new Set(audit.map((a) => a.action)), new Set(['legislation.comment.submitted', 'legislation.comment.moderated', 'legislation.comment.replied']));
});

void test('opening rules: drafts only, one open consultation per draft, the period runs forward; upcoming is not public', async () => {
  const works = await t.request('GET', `${leg()}/works`, { token: admin });
  const weihe = works.body.find((w: { title: string }) => w.title === '鹤壁市卫河保护条例');
  const draft = weihe.expressions.find((e: { stage: string }) => e.stage === 'draft');
  const again = await t.request('POST', `${leg()}/expressions/${draft.id}/consultations`, { token: admin, body: { opensOn: localDateOf(new Date()), closesOn: addDays(localDateOf(new Date()), 10) } });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'CONSULTATION_EXISTS');
  const reversed = await t.request('POST', `${leg()}/expressions/${draft.id}/consultations`, { token: admin, body: { opensOn: '2099-02-01', closesOn: '2099-01-01' } });
  assert.equal(reversed.status, 422);
  assert.equal(reversed.body.rule, 'C-2');
  const byMember = await t.request('POST', `${leg()}/expressions/${draft.id}/consultations`, { token: member, body: { opensOn: '2099-01-01', closesOn: '2099-02-01' } });
  assert.equal(byMember.status, 403);
  // A second draft, put out later: upcoming, not public.
  const w = await t.request('POST', `${leg()}/works`, { token: admin, body: { title: '测试条例' } });
  const e = await t.request('POST', `${leg()}/works/${w.body.id}/expressions`, { token: admin, body: { stage: 'draft', format: 'text', text: '测试条例\n第一条 为了测试，制定本条例。\n第二条 本条例自公布之日起施行。' } });
  const up = await t.request('POST', `${leg()}/expressions/${e.body.id}/consultations`, { token: admin, body: { opensOn: '2099-01-01', closesOn: '2099-02-01' } });
  assert.equal(up.status, 201);
  assert.equal(up.body.state, 'upcoming');
  assert.equal((await t.request('GET', pub())).body.length, 1);
  assert.equal((await t.request('GET', pub(), { token: member })).body.length, 2);
  assert.equal((await t.request('GET', `${pub()}/${up.body.id}`)).status, 404);
  const early = await t.request('POST', `${pub()}/${up.body.id}/comments`, { token: member, body: { anchorEId: 'art_1', name: '周八', phone: '13500003333', text: '这是一条足够长的意见内容。' } });
  assert.equal(early.status, 409);
  assert.equal(early.body.rule, 'C-3');
  // The text in force is not consulted on.
  const pubE = await t.request('POST', `${leg()}/works/${w.body.id}/expressions`, { token: admin, body: { stage: 'published', format: 'text', text: '测试条例\n第一条 为了测试，制定本条例。\n第二条 本条例自公布之日起施行。' } });
  const notDraft = await t.request('POST', `${leg()}/expressions/${pubE.body.id}/consultations`, { token: admin, body: { opensOn: '2099-01-01', closesOn: '2099-02-01' } });
  assert.equal(notDraft.status, 409);
  assert.equal(notDraft.body.code, 'NOT_A_DRAFT');
});

void test('C-1 the consultation closes at its end date or when the drafters close it; then comments are refused', async () => {
  // Past its closing day (moved back in the database), the consultation is closed by itself.
  const db = t.yishi.handle.db;
  const before = await db.selectFrom('legislation_consultations').select(['opens_on', 'closes_on']).where('id', '=', consultationId).executeTakeFirstOrThrow();
  await db.updateTable('legislation_consultations').set({ opens_on: '2026-01-01', closes_on: '2026-01-31' }).where('id', '=', consultationId).execute();
  const late = await comment({ anchorEId: art26, name: '孙九', phone: '13400004444', text: '截止后提交的意见内容。' }, '10.3.0.1');
  assert.equal(late.status, 409);
  assert.equal(late.body.code, 'CONSULTATION_CLOSED');
  assert.equal((await t.request('GET', pub())).body[0].state, 'closed');
  await db.updateTable('legislation_consultations').set(before).where('id', '=', consultationId).execute();
  const byMember = await t.request('POST', `${leg()}/consultations/${consultationId}/close`, { token: member });
  assert.equal(byMember.status, 403);
  const close = await t.request('POST', `${leg()}/consultations/${consultationId}/close`, { token: admin });
  assert.equal(close.status, 200);
  assert.equal(close.body.state, 'closed');
  const twice = await t.request('POST', `${leg()}/consultations/${consultationId}/close`, { token: admin });
  assert.equal(twice.status, 409);
  const r = await comment({ anchorEId: art26, name: '孙九', phone: '13400004444', text: '关闭后提交的意见内容。' }, '10.3.0.2');
  assert.equal(r.status, 409);
  // The comments stay readable after the close.
  assert.equal((await t.request('GET', `${pub()}/${consultationId}`)).body.published.length, 6);
});

void test('a work links to its bill: unknown or another congress\'s bill is 404, unlinking is allowed', async () => {
  const works = await t.request('GET', `${leg()}/works`, { token: admin });
  const weihe = works.body.find((w: { title: string }) => w.title === '鹤壁市卫河保护条例');
  assert.equal(weihe.billId, null);
  const none = await t.request('PUT', `${leg()}/works/${weihe.id}/bill`, { token: admin, body: { billId: 'no-such-bill' } });
  assert.equal(none.status, 404);
  const byMember = await t.request('PUT', `${leg()}/works/${weihe.id}/bill`, { token: member, body: { billId: null } });
  assert.equal(byMember.status, 403);
  const unlink = await t.request('PUT', `${leg()}/works/${weihe.id}/bill`, { token: admin, body: { billId: null } });
  assert.equal(unlink.status, 200);
  assert.deepEqual(unlink.body, { workId: weihe.id, billId: null, billTitle: null });
});

void test('L-7 the drafter inserts an article: the following ones are renumbered, the revision compares article by article and exports', async () => {
  const works = await t.request('GET', `${leg()}/works`, { token: admin });
  const weihe = works.body.find((w: { title: string }) => w.title === '鹤壁市卫河保护条例');
  const draft = weihe.expressions.find((e: { stage: string }) => e.stage === 'draft');
  const byMember = await t.request('POST', `${leg()}/expressions/${draft.id}/revisions`, { token: member, body: { op: 'delete', eId: 'art_45' } });
  assert.equal(byMember.status, 403);
  const bad = await t.request('POST', `${leg()}/expressions/${draft.id}/revisions`, { token: admin, body: { op: 'delete', eId: 'art_99' } });
  assert.equal(bad.status, 422);
  const r = await t.request('POST', `${leg()}/expressions/${draft.id}/revisions`, {
    token: admin,
    body: { op: 'insert', afterEId: 'art_25', heading: '防汛物资', paragraphs: ['市、卫河流域县级人民政府应当储备防汛物资。'] },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.expression.stage, 'revised_draft');
  assert.equal(r.body.expression.label, '草案修改稿');
  assert.equal(r.body.expression.counts.articles, 46);
  assert.ok(r.body.renumbered.some((x: { from: string; to: string }) => x.from === '第二十六条' && x.to === '第二十七条'));
  const rev = await t.request('GET', `${leg()}/expressions/${r.body.expression.id}`, { token: admin });
  const a26 = rev.body.document.articles.find((a: { numText: string }) => a.numText === '第二十六条');
  assert.equal(a26.heading, '防汛物资');
  assert.equal(rev.body.document.articles.find((a: { numText: string }) => a.numText === '第二十七条').heading, '汛前准备');
  const cmp = await t.request('GET', `${leg()}/compare?from=${draft.id}&to=${r.body.expression.id}`, { token: admin });
  assert.equal(cmp.status, 200);
  assert.equal(cmp.body.summary.inserted, 1);
  assert.ok(cmp.body.summary.renumbered >= 20);
  // An article changes only where a reference to a renumbered article was rewritten.
  assert.equal(cmp.body.summary.changed, new Set(r.body.rewritten.map((w: { eId: string }) => w.eId.split('__')[0])).size);
  // Only the latest text is revised.
  const stale = await t.request('POST', `${leg()}/expressions/${draft.id}/revisions`, { token: admin, body: { op: 'delete', eId: 'art_45' } });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.code, 'NOT_LATEST');
  const docx = await t.request('GET', `${leg()}/expressions/${r.body.expression.id}/export?format=docx`, { token: admin });
  assert.equal(docx.status, 200);
  assert.match(String(docx.headers['content-type']), /wordprocessingml/);
});

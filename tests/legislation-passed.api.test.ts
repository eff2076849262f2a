// The drafter moves articles (to the start of a chapter, or after another article) with renumbering
// and references following (L-7); and when a regulation's bill is voted through, the text on the
// table becomes the work's passed text and the meeting's record — so the gazette — takes it (§9,
// R-P2). Through HTTP, SQLite or PostgreSQL.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';
import { expectOk, expectRefusal } from './meetings.helpers.ts';
import { type Call, type SeededMeeting, meetingViaApi, tokenFor } from './polls.helpers.ts';

const TEXT = `鹤壁市河道巡查管理条例（草案）
第一章　总则
第一条 为了加强河道巡查，制定本条例。
第二条 本条例适用于本市行政区域内的河道巡查。
第二章　巡查
第三条 河道管理单位应当依照本条例第五条的规定建立巡查制度。
第四条 巡查人员应当如实记录巡查情况。
第五条 巡查中发现的问题应当及时处理。
第六条 本条例自公布之日起施行。`;

let t: TestApp;
let admin: string;
let office: string;
let presiding: string;
let mtg: SeededMeeting;
const call: Call = (method, url, token, body) => t.request(method, url, { token, body });
const leg = (): string => `/api/v1/congresses/${t.hebiId}/legislation`;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
  mtg = await meetingViaApi(call, t.yishi.handle.db, office, t.hebiId, { state: 'notified', items: [{ kind: 'report', title: '听取和审议某项工作的报告' }] });
  presiding = await tokenFor(t.yishi.handle.db, mtg.members.find((m) => m.name === '尚欣')!.username!);
});
after(() => t.close());

async function newDraft(title: string): Promise<{ workId: string; expressionId: string }> {
  const w = await t.request('POST', `${leg()}/works`, { token: admin, body: { title } });
  expectOk(w, 201);
  const e = await t.request('POST', `${leg()}/works/${w.body.id}/expressions`, { token: admin, body: { stage: 'draft', format: 'text', text: TEXT.replace('鹤壁市河道巡查管理条例', title) } });
  expectOk(e, 201);
  return { workId: w.body.id as string, expressionId: e.body.id as string };
}

const revise = (expressionId: string, body: Record<string, unknown>) => t.request('POST', `${leg()}/expressions/${expressionId}/revisions`, { token: admin, body });
const articleTexts = async (expressionId: string): Promise<string[]> => {
  const e = await t.request('GET', `${leg()}/expressions/${expressionId}`, { token: admin });
  expectOk(e);
  return (e.body.document.chapters as { articles: { numText: string; paragraphs: { text: string }[] }[] }[]).flatMap((c) => c.articles.map((a) => `${a.numText} ${a.paragraphs.map((p) => p.text).join('')}`));
};

describe('L-7: moving an article', () => {
  test('to the start of another chapter: numbers follow the new order and references are rewritten', async () => {
    const { expressionId } = await newDraft('鹤壁市河道巡查管理条例');
    // Article 5 goes to the start of chapter 2; article 3 cited it as 第五条 and must now cite 第三条.
    const r = await revise(expressionId, { op: 'move', eId: 'art_5', afterEId: null, divisionEId: 'chp_2' });
    expectOk(r, 201);
    assert.deepEqual(r.body.renumbered, [
      { from: '第五条', to: '第三条' },
      { from: '第三条', to: '第四条' },
      { from: '第四条', to: '第五条' },
    ]);
    const texts = await articleTexts(r.body.expression.id as string);
    assert.equal(texts[2], '第三条 巡查中发现的问题应当及时处理。');
    assert.equal(texts[3], '第四条 河道管理单位应当依照本条例第三条的规定建立巡查制度。');
    assert.equal(r.body.expression.stage, 'revised_draft');
  });

  test('after another article, and to the start of the text', async () => {
    const { expressionId } = await newDraft('鹤壁市河道巡查管理条例（二）');
    const r = await revise(expressionId, { op: 'move', eId: 'art_1', afterEId: 'art_4' });
    expectOk(r, 201);
    const texts = await articleTexts(r.body.expression.id as string);
    assert.equal(texts[3], '第四条 为了加强河道巡查，制定本条例。');
    const back = await revise(r.body.expression.id as string, { op: 'move', eId: 'art_4', afterEId: null });
    expectOk(back, 201);
    assert.equal((await articleTexts(back.body.expression.id as string))[0], '第一条 为了加强河道巡查，制定本条例。');
  });

  test('a move to a place that is not in the text, or after itself, is refused and stores nothing', async () => {
    const { workId, expressionId } = await newDraft('鹤壁市河道巡查管理条例（三）');
    expectRefusal(await revise(expressionId, { op: 'move', eId: 'art_2', afterEId: null, divisionEId: 'chp_9' }), 422, 'L-7', 'DIVISION_NOT_FOUND');
    expectRefusal(await revise(expressionId, { op: 'move', eId: 'art_2', afterEId: null, divisionEId: 'art_3' }), 422, 'L-7', 'DIVISION_NOT_FOUND');
    expectRefusal(await revise(expressionId, { op: 'move', eId: 'art_2', afterEId: 'art_2' }), 422, 'L-7', 'MOVE_ONTO_ITSELF');
    expectRefusal(await revise(expressionId, { op: 'move', eId: 'art_2', afterEId: 'art_1' }), 422, 'L-7', 'MOVE_NO_CHANGE');
    expectRefusal(await revise(expressionId, { op: 'move', eId: 'art_3', afterEId: null, divisionEId: 'chp_2' }), 422, 'L-7', 'MOVE_NO_CHANGE');
    expectRefusal(await revise(expressionId, { op: 'move', eId: 'art_9', afterEId: null }), 422, 'L-7', 'ARTICLE_NOT_FOUND');
    const works = (await t.request('GET', `${leg()}/works`, { token: admin })).body as { id: string; expressions: unknown[] }[];
    assert.equal(works.find((w) => w.id === workId)?.expressions.length, 1);
  });
});

describe('§9: the passed text becomes the text the gazette prints', () => {
  let bill: { id: string; agendaItemId: string };
  let work: { workId: string; expressionId: string };
  let voted: string;

  before(async () => {
    const b = await t.request('POST', '/api/v1/bills', {
      token: office,
      body: { congressId: t.hebiId, targetMeetingId: mtg.meetingId, submittedOn: '2023-08-01', kind: 'regulation', title: '鹤壁市河道巡查管理条例（草案）', proposer: { type: 'council' } },
    });
    expectOk(b, 201);
    bill = { id: b.body.id as string, agendaItemId: b.body.agendaItemId as string };
    assert.ok(bill.agendaItemId);
    work = await newDraft('鹤壁市河道巡查管理条例');
    // The voted text is a later version: the revision after the committee's review.
    const r = await revise(work.expressionId, { op: 'replace', eId: 'art_6', heading: null, paragraphs: ['本条例自2024年1月1日起施行。'] });
    expectOk(r, 201);
    voted = r.body.expression.id as string;
    expectOk(await t.request('PUT', `${leg()}/works/${work.workId}/bill`, { token: admin, body: { billId: bill.id } }));
    for (const [stage, date] of [
      ['first_deliberation', '2023-04-18'],
      ['legal_review', '2023-08-15'],
      ['further_reading', '2023-08-24'],
    ] as const) {
      expectOk(await t.request('POST', `/api/v1/bills/${bill.id}/readings`, { token: office, body: { stage, date } }));
    }
    expectOk(await t.request('POST', `/api/v1/meetings/${mtg.meetingId}/open`, { token: office }));
  });

  test('the vote through the poll records the voted version as passed and puts it in the meeting’s record after the item', async () => {
    const textsBefore = (await t.request('GET', `/api/v1/meetings/${mtg.meetingId}/texts`, { token: office })).body as { key: string; title: string }[];
    const p = await t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, agendaItemId: bill.agendaItemId, subject: '表决', kind: 'analog' } });
    expectOk(p, 201);
    expectOk(await t.request('POST', `/api/v1/polls/${p.body.id}/open`, { token: presiding }));
    expectOk(await t.request('POST', `/api/v1/polls/${p.body.id}/analog-result`, { token: presiding, body: { totals: { yes: 27, no: 0, abstain: 2 } } }));
    expectOk(await t.request('POST', `/api/v1/polls/${p.body.id}/close`, { token: presiding }));
    let state = '';
    for (let i = 0; i < 150 && state !== 'passed'; i++) {
      state = (await t.request('GET', `/api/v1/bills/${bill.id}`, { token: office })).body.state as string;
      if (state !== 'passed') await sleep(20);
    }
    assert.equal(state, 'passed');

    const works = (await t.request('GET', `${leg()}/works`, { token: admin })).body as { id: string; passed: { expressionId: string; on: string; meetingId: string | null } | null }[];
    const w = works.find((x) => x.id === work.workId);
    assert.equal(w?.passed?.expressionId, voted);
    assert.equal(w?.passed?.meetingId, mtg.meetingId);
    assert.match(w?.passed?.on ?? '', /^\d{4}-\d{2}-\d{2}$/);

    const rows = await t.yishi.handle.db.selectFrom('meeting_texts').selectAll().where('meeting_id', '=', mtg.meetingId).orderBy('position').execute();
    const text = rows.find((r) => r.source === `legislation:${voted}`);
    assert.ok(text, 'the meeting’s record holds the passed text');
    assert.equal(text.kind, 'text');
    assert.equal(text.agenda_item_id, bill.agendaItemId);
    assert.equal(text.title, '鹤壁市河道巡查管理条例');
    assert.match(text.body, /^（草案修改稿）/);
    assert.match(text.body, /第六条　本条例自2024年1月1日起施行。/);
    assert.deepEqual(
      rows.map((r) => r.position),
      rows.map((_, i) => i + 1),
      'positions stay a sequence',
    );
    const textsAfter = (await t.request('GET', `/api/v1/meetings/${mtg.meetingId}/texts`, { token: office })).body as { key: string; title: string; kind: string }[];
    assert.equal(textsAfter.length, textsBefore.length + 1);
    // The gazette assembled from the record offers it as a section.
    const draft = (await t.request('GET', `/api/v1/meetings/${mtg.meetingId}/gazette/draft`, { token: office })).body as { sections: { key: string; kind: string; title: string }[] };
    assert.ok(draft.sections.some((s) => s.key === `t:${text.id}` && s.title === '鹤壁市河道巡查管理条例'));
    const audit = await t.yishi.handle.db.selectFrom('audit_log').select(['action', 'data']).where('action', '=', 'legislation.work.passed').execute();
    assert.equal(audit.length, 1);
  });

  test('recording the vote again changes nothing: one passed text, one record entry', async () => {
    expectRefusal(await t.request('POST', `/api/v1/bills/${bill.id}/vote`, { token: office, body: {} }), 409, 'R-V6', 'INVALID_TRANSITION');
    const rows = await t.yishi.handle.db.selectFrom('meeting_texts').select('id').where('meeting_id', '=', mtg.meetingId).where('source', 'like', 'legislation:%').execute();
    assert.equal(rows.length, 1);
  });
});

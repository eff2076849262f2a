// Journeys 2 and 4 in a real browser: a member votes from a 390×844 phone while the hall's screen
// follows live — how many have voted, then the result with 未通过 or 通过 — without a reload.
// The office runs the meeting through the API. Needs Debian's Chromium and the built web app.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../harness.ts';
import { type Session, button, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

const PHONE_SCREENSHOT = '/tmp/yishi-vote-phone.png';
const PROJECTOR_SCREENSHOT = '/tmp/yishi-projector.png';
const BALLOT_SCREENSHOT = '/tmp/yishi-vote-ballot.png';
const VOTING_SCREENSHOT = '/tmp/yishi-projector-voting.png';
const CONSOLE_SCREENSHOT = '/tmp/yishi-console.png';
const NOMINEES_SCREENSHOT = '/tmp/yishi-vote-nominees.png';

void describe('a member votes on a phone while the hall screen follows', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let office: string;
  let meetingId: string;
  let itemId: string;

  before(async () => {
    s = await startBrowserSession();
    office = await s.t.login('office');
    const list = await s.t.request('GET', `/api/v1/congresses/${s.t.hebiId}/meetings`, { token: office });
    assert.equal(list.status, 200);
    const sixth = (list.body as { id: string; date: string; state: string }[]).find((m) => m.date === '2023-08-24');
    assert.ok(sixth, 'the demo import has the 6th meeting');
    meetingId = sixth.id;
    // The vote needs the meeting in session; the import leaves it notified.
    if (sixth.state !== 'in_session') {
      const opened = await s.t.request('POST', `/api/v1/meetings/${meetingId}/open`, { token: office });
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
    }
    const detail = await s.t.request('GET', `/api/v1/meetings/${meetingId}`, { token: office });
    if ((detail.body as { agendaAdoptedAt: string | null }).agendaAdoptedAt === null) {
      const adopted = await s.t.request('POST', `/api/v1/meetings/${meetingId}/agenda/adopt`, { token: office });
      assert.equal(adopted.status, 200, JSON.stringify(adopted.body));
    }
    itemId = (detail.body as { agendaItems: { id: string; position: number }[] }).agendaItems.find((i) => i.position === 2)?.id ?? '';
    const current = await s.t.request('PUT', `/api/v1/meetings/${meetingId}/current-item`, { token: office, body: { agendaItemId: itemId } });
    assert.equal(current.status, 200, JSON.stringify(current.body));
  });
  after(() => s?.close());

  const createOpenPoll = async (subject: string): Promise<string> => {
    const created = await s.t.request('POST', '/api/v1/polls', { token: office, body: { meetingId, agendaItemId: itemId, subject, kind: 'secret' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = (created.body as { id: string }).id;
    const opened = await s.t.request('POST', `/api/v1/polls/${id}/open`, { token: office });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    return id;
  };

  const voteYesOnPhone = async (phone: Page, subject: string) => {
    await phone.getByTestId('vote-question').filter({ hasText: subject }).waitFor();
    await phone.getByTestId('vote-yes').click();
    await phone.getByTestId('vote-confirm').filter({ hasText: '赞成' }).waitFor();
    await phone.getByTestId('vote-confirm-button').click();
    await phone.getByTestId('vote-done').filter({ hasText: '已投票' }).waitFor();
  };

  void test('the anonymous hall screen shows a public meeting and its quorum', async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 1280, height: 720 });
    await page.goto(`${s.base}/screen/hebi/${meetingId}`);
    await page.getByTestId('projector-title').filter({ hasText: '第六次会议' }).waitFor();
    await page.getByTestId('projector-quorum').filter({ hasText: '30' }).waitFor();
    const quorum = await page.getByTestId('projector-quorum').innerText();
    assert.match(quorum, /应到\s*41/);
    assert.match(quorum, /实到\s*30/);
    assert.match(quorum, /法定人数\s*21/);
    await page.getByTestId('projector-item').filter({ hasText: '卫河保护条例' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  void test('the phone votes 赞成, the screen counts it live and shows 未通过 then 通过', async () => {
    const screen = await openPage(s.browser, { width: 1600, height: 900 });
    await signIn(screen.page, s.base, 'office', DEMO_PASSWORD);
    await screen.page.waitForURL(/\/app\/hebi\//);
    await screen.page.goto(`${s.base}/screen/hebi/${meetingId}`);
    await screen.page.getByTestId('projector-title').waitFor();

    const phone = await openPage(s.browser, { width: 390, height: 844 }, true);
    await signIn(phone.page, s.base, 'm03', DEMO_PASSWORD);
    await phone.page.waitForURL(/\/app\/hebi\//);
    await phone.page.goto(`${s.base}/app/hebi/meetings/${meetingId}/vote`);
    await phone.page.getByTestId('vote-idle').waitFor();
    await phone.page.getByTestId('agenda-current').filter({ hasText: '卫河保护条例' }).waitFor();

    // First vote: one yes of the 21 needed.
    const first = await createOpenPoll('表决《鹤壁市卫河保护条例》（第一次）');
    await screen.page.getByTestId('projector-voted').filter({ hasText: /^0$/ }).waitFor();
    await phone.page.getByTestId('vote-yes').waitFor();
    await phone.page.screenshot({ path: BALLOT_SCREENSHOT, animations: 'disabled' });
    await screen.page.screenshot({ path: VOTING_SCREENSHOT, animations: 'disabled' });
    await voteYesOnPhone(phone.page, '（第一次）');
    await screen.page.getByTestId('projector-voted').filter({ hasText: /^1$/ }).waitFor();
    // Nothing on the screen tells who voted or what.
    const during = await screen.page.getByTestId('projector').innerText();
    assert.doesNotMatch(during, /王海涛|赞成/);
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the phone page is ${width}px wide on a 390px screen`);
    await phone.page.screenshot({ path: PHONE_SCREENSHOT, animations: 'disabled' });

    const closed = await s.t.request('POST', `/api/v1/polls/${first}/close`, { token: office });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    await screen.page.getByTestId('projector-verdict').filter({ hasText: '未通过' }).waitFor();
    assert.equal(await screen.page.getByTestId('projector-yes').innerText(), '1');

    // Second vote: the phone and 20 more members through the API make 21 of 41: 通过.
    const second = await createOpenPoll('表决《鹤壁市卫河保护条例》（第二次）');
    await screen.page.getByTestId('projector-voted').filter({ hasText: /^0$/ }).waitFor();
    await voteYesOnPhone(phone.page, '（第二次）');
    let more = 0;
    for (let n = 4; n <= 41 && more < 20; n++) {
      const token = await s.t.login(`m${String(n).padStart(2, '0')}`);
      const r = await s.t.request('POST', `/api/v1/polls/${second}/ballots`, { token, body: { choice: 'yes' } });
      if (r.status === 201) more++;
    }
    assert.equal(more, 20);
    await screen.page.getByTestId('projector-voted').filter({ hasText: /^21$/ }).waitFor();
    assert.equal((await s.t.request('POST', `/api/v1/polls/${second}/close`, { token: office })).status, 200);
    await screen.page.getByTestId('projector-verdict').filter({ hasText: /^通过$/ }).waitFor();
    assert.equal(await screen.page.getByTestId('projector-yes').innerText(), '21');
    await screen.page.screenshot({ path: PROJECTOR_SCREENSHOT, animations: 'disabled' });

    // The presiding console (journey 3) announces it; the phone then shows the result.
    const consolePage = await screen.context.newPage();
    await consolePage.goto(`${s.base}/app/hebi/members`);
    await consolePage.getByRole('menuitem', { name: '会议' }).click();
    await consolePage.getByTestId('meetings-table').getByRole('link', { name: '鹤壁市第十二届人民代表大会常务委员会第六次会议' }).click();
    await consolePage.waitForURL(new RegExp(`/app/hebi/meetings/${meetingId}$`));
    await consolePage.getByTestId('quorum').filter({ hasText: '符合法定人数' }).waitFor();
    await consolePage.getByTestId('agenda-current').filter({ hasText: '卫河保护条例' }).waitFor();
    const secondCard = consolePage.getByTestId('poll-card').filter({ hasText: '（第二次）' });
    await secondCard.getByTestId('poll-voted').filter({ hasText: '已表决 21 人' }).waitFor();
    await secondCard.getByTestId('poll-result').filter({ hasText: '赞成 21' }).waitFor();
    await consolePage.getByTestId('poll-card').filter({ hasText: '（第一次）' }).getByTestId('poll-result').filter({ hasText: '未通过' }).waitFor();
    await button(secondCard, '宣布结果').click();
    await secondCard.getByText('已宣布').waitFor();
    await consolePage.screenshot({ path: CONSOLE_SCREENSHOT, fullPage: true });
    await phone.page.getByTestId('vote-result').filter({ hasText: '通过' }).waitFor();
    const announced = await s.t.request('GET', `/api/v1/polls/${second}/result`);
    assert.equal(announced.status, 200, 'an announced result of a public meeting is public');
    assert.equal(announced.body.passed, true);

    assert.deepEqual(screen.errors, []);
    assert.deepEqual(phone.errors, []);
    await screen.context.close();
    await phone.context.close();
  });

  void test('a per-person ballot: one row per nominee, each with its own choice', async () => {
    const created = await s.t.request('POST', '/api/v1/polls', {
      token: office,
      body: {
        meetingId,
        subject: '人事任免（逐人表决）',
        kind: 'secret',
        candidates: [
          { name: '甲某某', act: 'appoint', post: '市人大常委会办公室副主任' },
          { name: '乙某某', act: 'appoint', post: '市人大常委会研究室主任' },
        ],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const pollId = (created.body as { id: string }).id;
    assert.equal((await s.t.request('POST', `/api/v1/polls/${pollId}/open`, { token: office })).status, 200);

    const { context, page, errors } = await openPage(s.browser, { width: 390, height: 844 }, true);
    await signIn(page, s.base, 'm05', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/meetings/${meetingId}/vote`);
    const rows = page.getByTestId('nominee-row');
    await rows.nth(1).waitFor();
    assert.equal(await rows.count(), 2);
    await rows.nth(0).getByText('赞成').click();
    await rows.nth(1).getByText('反对').click();
    await page.screenshot({ path: NOMINEES_SCREENSHOT, animations: 'disabled' });
    await button(page, '提交表决').click();
    const confirm = page.getByTestId('vote-confirm');
    await confirm.waitFor();
    assert.match(await confirm.innerText(), /甲某某[\s\S]*赞成[\s\S]*乙某某[\s\S]*反对/);
    await page.getByTestId('vote-confirm-button').click();
    await page.getByTestId('vote-done').filter({ hasText: '已投票' }).waitFor();

    const closed = await s.t.request('POST', `/api/v1/polls/${pollId}/close`, { token: office });
    assert.equal(closed.status, 200);
    const byName = new Map((closed.body.candidates as { name: string; yes: number; no: number }[]).map((c) => [c.name, c]));
    assert.equal(byName.get('甲某某')?.yes, 1);
    assert.equal(byName.get('乙某某')?.no, 1);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

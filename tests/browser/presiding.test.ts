// Journey 3 in a real browser: the presiding person (尚欣, who presided over the 6th meeting) runs
// the meeting from one console — quorum in view, the presiding script with the live numbers, the
// agenda's current item, an ad-hoc speaker consented to and timed, a vote opened, closed and
// announced, an analog vote entered by the tellers, and the personnel list voted and announced
// person by person. Members vote through the API. Needs Debian's Chromium and the built web app.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../harness.ts';
import { type Session, button, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

const CONSOLE_SCREENSHOT = '/tmp/yishi-presiding-console.png';

void describe('journey 3: the presiding console', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let office: string;
  let meetingId: string;
  const person: Record<string, string> = {};
  const names: Record<string, string> = {};

  const api = (method: string, url: string, token: string, body?: unknown) => s.api(method, url, token, body);

  /** Members who are present vote `choice` until `count` ballots are accepted. */
  const voteYes = async (pollId: string, count: number, body: unknown = { choice: 'yes' }) => {
    let accepted = 0;
    for (let n = 3; n <= 41 && accepted < count; n++) {
      const token = await s.t.login(`m${String(n).padStart(2, '0')}`);
      const r = await s.t.request('POST', `/api/v1/polls/${pollId}/ballots`, { token, body });
      if (r.status === 201) accepted++;
    }
    assert.equal(accepted, count);
  };

  /** Presses 确定 in the open pop-up confirmation once its opening animation has ended (Ant Design ignores earlier presses). */
  const confirmPopup = async (page: Page) => {
    const pop = page.locator('.ant-popconfirm:not(.ant-popover-hidden)').last();
    await pop.waitFor();
    await page.waitForFunction((el) => el !== null && !/-(appear|enter)/.test(el.getAttribute('class') ?? ''), await pop.elementHandle());
    await button(pop, '确定').click();
    await pop.waitFor({ state: 'hidden' });
  };

  const pollCard = (page: Page, text: string): Locator => page.getByTestId('poll-card').filter({ hasText: text });

  before(async () => {
    s = await startBrowserSession();
    office = await s.t.login('office');
    const members = (await api('GET', `/api/v1/congresses/${s.t.hebiId}/members`, office)) as { id: string; name: string }[];
    for (const [i, m] of members.entries()) {
      const u = `m${String(i + 1).padStart(2, '0')}`;
      person[u] = m.id;
      names[u] = m.name;
    }
    const list = (await api('GET', `/api/v1/congresses/${s.t.hebiId}/meetings`, office)) as { id: string; date: string }[];
    const sixth = list.find((m) => m.date === '2023-08-24');
    assert.ok(sixth, 'the demo import has the 6th meeting');
    meetingId = sixth.id;
  });
  after(() => s?.close());

  void test('opens the meeting, consents to an ad-hoc speaker, runs a vote with the script reading the real numbers', async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 1440, height: 900 });
    await signIn(page, s.base, 'm02', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/meetings/${meetingId}`);
    await page.getByTestId('quorum').filter({ hasText: '符合法定人数' }).waitFor();
    // Before the opening the script reads the attendance: 应到41人，实到30人.
    await page.getByTestId('script-quorum').filter({ hasText: '本次会议应到41人，实到30人，符合法定人数，现在开会。' }).waitFor();

    await button(page, '宣布开会').click();
    await page.getByText('举行中').first().waitFor();
    await button(page, '通过会议议程').click();
    await button(page, '通过会议议程').waitFor({ state: 'detached' });
    await page.getByTestId('agenda').locator('li').filter({ hasText: '卫河保护条例' }).getByRole('button').click();
    await page.getByTestId('agenda-current').filter({ hasText: '卫河保护条例' }).waitFor();
    await page.getByTestId('script-item').filter({ hasText: /^现在进行会议第二项议程：.*卫河保护条例/ }).waitFor();

    // A member asks to speak on the current item: an ad-hoc request awaiting consent (R-V1).
    const m07 = await s.t.login('m07');
    const item = ((await api('GET', `/api/v1/meetings/${meetingId}`, office)) as { currentAgendaItemId: string }).currentAgendaItemId;
    await api('POST', `/api/v1/meetings/${meetingId}/speakers`, m07, { agendaItemId: item });
    const pending = page.getByTestId('speaker-pending').filter({ hasText: names.m07 ?? '' });
    await pending.waitFor();
    await button(pending, '同意').click();
    const queued = page.getByTestId('speaker-queued').filter({ hasText: names.m07 ?? '' });
    await queued.waitFor();
    await button(queued, '开始发言').click();
    const timer = page.getByTestId('speaker-timer');
    await timer.waitFor();
    await page.waitForFunction(() => /^00:0[1-9]/.test(document.querySelector('[data-testid="speaker-timer"]')?.textContent ?? ''));
    await button(page.getByTestId('speaker-speaking'), '结束发言').click();
    await page.getByTestId('speakers-card').getByText(`已发言：${names.m07 ?? ''}`).waitFor();

    // A vote: created, opened, counted live, closed, read from the script, announced.
    const subject = '表决：鹤壁市卫河保护条例';
    await page.getByLabel('表决事项').fill(subject);
    await button(page, '新建表决').click();
    const card = pollCard(page, subject);
    await button(card, '开始表决').click();
    await card.getByText('表决中').waitFor();
    const pollId = ((await api('GET', `/api/v1/meetings/${meetingId}/polls`, office)) as { id: string; subject: string }[]).find((p) => p.subject === subject)?.id ?? '';
    await voteYes(pollId, 21);
    await card.getByTestId('poll-voted').filter({ hasText: '已表决 21 人' }).waitFor();
    await page.getByTestId('script-vote_progress').filter({ hasText: '已表决21人。' }).waitFor();
    await button(card, '结束表决').click();
    await confirmPopup(page);
    await card.getByTestId('poll-result').filter({ hasText: '赞成 21' }).waitFor();
    await page.getByTestId('script-vote_result').filter({ hasText: '表决结果：赞成21票，反对0票，弃权0票。通过。' }).waitFor();
    await button(card, '宣布结果').click();
    await card.getByText('已宣布').waitFor();
    const result = (await api('GET', `/api/v1/polls/${pollId}/result`, office)) as { yes: number; passed: boolean; announcedAt: string | null };
    assert.equal(result.yes, 21);
    assert.equal(result.passed, true);
    assert.ok(result.announcedAt);

    // An analog vote: the tellers enter the totals (R-V4); the script reads them at the close.
    const analog = '表决：关于批准2023年市级预算调整方案的决议';
    await page.getByLabel('表决事项').fill(analog);
    await page.getByLabel('表决方式').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '计票员计票' }).click();
    await button(page, '新建表决').click();
    const analogCard = pollCard(page, analog);
    await button(analogCard, '开始表决').click();
    const teller = analogCard.getByTestId('teller-entry');
    await teller.waitFor();
    await teller.getByTestId('teller-yes').fill('26');
    await teller.getByTestId('teller-no').fill('1');
    await teller.getByTestId('teller-abstain').fill('2');
    await button(teller, '录入票数').click();
    await page.getByText('已录入').first().waitFor();
    await button(analogCard, '结束表决').click();
    await confirmPopup(page);
    await analogCard.getByTestId('poll-result').filter({ hasText: '赞成 26' }).waitFor();
    await page.getByTestId('script-vote_result').filter({ hasText: '表决结果：赞成26票，反对1票，弃权2票。通过。' }).waitFor();

    // A mixed vote: devices plus a teller's entry for a member whose device failed, as the presiding person records it; never counted twice (R-V4).
    const mixed = '表决：关于接受辞职的决定';
    await page.getByLabel('表决事项').fill(mixed);
    await page.getByLabel('表决方式').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '表决器与计票员' }).click();
    await button(page, '新建表决').click();
    const mixedCard = pollCard(page, mixed);
    await button(mixedCard, '开始表决').click();
    const mixedId = ((await api('GET', `/api/v1/meetings/${meetingId}/polls`, office)) as { id: string; subject: string }[]).find((p) => p.subject === mixed)?.id ?? '';
    await voteYes(mixedId, 20);
    const attendance = (await api('GET', `/api/v1/meetings/${meetingId}/attendance`, office)) as { personId: string; name: string; status: string }[];
    const voters = new Set(((await api('GET', `/api/v1/polls/${mixedId}/voters`, office)) as { personId: string }[]).map((v) => v.personId));
    const byTeller = attendance.find((r) => r.status === 'present' && !voters.has(r.personId) && r.personId !== person.m02);
    assert.ok(byTeller);
    const mixedTeller = mixedCard.getByTestId('teller-entry');
    // Nobody in the hall can be entered before a failure is recorded.
    await mixedTeller.getByRole('combobox', { name: '选择组成人员' }).click();
    await page.getByText('没有需要计票人录入的组成人员').waitFor();
    await page.keyboard.press('Escape');
    await mixedTeller.getByRole('combobox', { name: '表决器故障的组成人员' }).click();
    await page.keyboard.type(byTeller.name);
    await page.locator('.ant-select-item-option').filter({ hasText: byTeller.name }).click();
    await button(mixedTeller, '记录表决器故障').click();
    await confirmPopup(page);
    await page.getByText('已记录表决器故障').first().waitFor();
    await mixedTeller.getByRole('combobox', { name: '选择组成人员' }).click();
    await page.keyboard.type(byTeller.name);
    await page.locator('.ant-select-item-option').filter({ hasText: `${byTeller.name}（表决器故障）` }).click();
    await button(mixedTeller, '录入').click();
    await mixedCard.getByTestId('poll-voted').filter({ hasText: '已表决 21 人' }).waitFor();
    const after = (await api('GET', `/api/v1/polls/${mixedId}/voters`, office)) as { personId: string; channel: string }[];
    assert.equal(after.find((v) => v.personId === byTeller.personId)?.channel, 'teller');
    await button(mixedCard, '结束表决').click();
    await confirmPopup(page);
    await mixedCard.getByTestId('poll-result').filter({ hasText: '赞成 21' }).filter({ hasText: '通过' }).waitFor();

    await page.screenshot({ path: CONSOLE_SCREENSHOT, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  void test('the personnel list becomes one poll per nominee, announced person by person', async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 1440, height: 900 });
    await signIn(page, s.base, 'm02', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/meetings/${meetingId}`);
    const proposals = (await api('GET', `/api/v1/meetings/${meetingId}/personnel`, office)) as { personName: string; actZh: string; post: string; agendaItemId: string | null }[];
    assert.ok(proposals.length >= 2);
    const personnelCard = page.getByTestId('personnel-card');
    await personnelCard.getByText(`共 ${proposals.length} 人次，未建表决 ${proposals.length} 人次`).waitFor();
    await button(personnelCard, '按任免名单建立表决').click();
    await personnelCard.getByText(`未建表决 0 人次`).waitFor();
    const polls = (await api('GET', `/api/v1/meetings/${meetingId}/polls`, office)) as { id: string; candidates: { name: string; post: string }[] }[];
    const nomineePolls = polls.filter((p) => p.candidates.length === 1);
    assert.equal(nomineePolls.length, proposals.length, 'one poll per nominee (R-V5)');

    // The first two nominees: each voted, closed and announced on its own, the script reading each result.
    const presiding = await s.t.login('m02');
    // Nominee polls belong to the personnel item, not the current one: the whole script.
    await button(page.getByTestId('script-card'), '全部').click();
    for (const [i, p] of nomineePolls.slice(0, 2).entries()) {
      const nominee = p.candidates[0];
      assert.ok(nominee);
      await api('POST', `/api/v1/polls/${p.id}/open`, presiding);
      await voteYes(p.id, 22 + i);
      await api('POST', `/api/v1/polls/${p.id}/close`, presiding);
      const card = page.getByTestId('poll-card').filter({ hasText: nominee.post }).filter({ hasText: nominee.name });
      await card.getByTestId('poll-result').filter({ hasText: `赞成 ${22 + i}` }).waitFor();
      await button(card, '宣布结果').click();
      await card.getByText('已宣布').waitFor();
      await page.getByTestId('script-nominee_result').filter({ hasText: `${nominee.name}（` }).filter({ hasText: `表决结果：赞成${22 + i}票，反对0票，弃权0票。通过。` }).waitFor();
    }
    const announced = (await api('GET', `/api/v1/meetings/${meetingId}/polls`, office)) as { id: string; status: string }[];
    assert.deepEqual(
      nomineePolls.map((p) => announced.find((a) => a.id === p.id)?.status),
      nomineePolls.map((_, i) => (i < 2 ? 'announced' : 'draft')),
    );
    assert.deepEqual(errors, []);
    await context.close();
  });
});

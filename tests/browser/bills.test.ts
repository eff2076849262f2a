// A clerk's journey with a bill in a real browser: register the bill for a meeting, record the
// council's decision to place it on the agenda, and read its dated history — which, once the vote
// on its agenda item has closed, ends with the result read from the poll. Needs Chromium and web/dist.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../harness.ts';
import { type SeededMeeting, meetingViaApi, tokenFor } from '../polls.helpers.ts';
import { type Session, button, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

const SCREENSHOT = '/tmp/yishi-bill-detail.png';

void describe('the clerk registers a bill, the council places it, presenter and reading are recorded, the history shows it', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let office: string;
  let mtg: SeededMeeting;
  let meetingLabel: string;

  before(async () => {
    s = await startBrowserSession();
    office = await s.t.login('office');
    const call = (method: string, url: string, token: string, body?: unknown) => s.t.request(method, url, { token, body });
    mtg = await meetingViaApi(call, s.t.yishi.handle.db, office, s.t.hebiId, { state: 'notified', items: [{ kind: 'report', title: '听取和审议专项工作报告' }] });
    const m = await s.t.request('GET', `/api/v1/meetings/${mtg.meetingId}`, { token: office });
    meetingLabel = `${m.body.title as string}（${m.body.date as string}）`;
  });
  after(() => s?.close());

  test('register → place on the agenda → vote → history', async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 1280, height: 900 });
    await signIn(page, s.base, 'office', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/bills`);
    await page.getByTestId('bill-register').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('议案名称').fill('关于加强生态环境保护的决定（草案）');
    await dialog.getByLabel('拟提请的会议').click();
    await page.getByTitle(meetingLabel).click();
    await dialog.getByLabel('收到日期').fill('2023-08-10');
    await button(dialog, '保存').click();

    // The new bill's page: submitted by the city government, not yet on the agenda.
    await page.waitForURL(/\/app\/hebi\/bills\/[0-9a-f-]+$/);
    await page.getByTestId('bill-state').filter({ hasText: '已提出' }).waitFor();
    await page.getByTestId('bill-agenda').filter({ hasText: '尚未列为会议议题' }).waitFor();
    await page.getByTestId('bill-history').filter({ hasText: '市人民政府提出《关于加强生态环境保护的决定（草案）》' }).waitFor();

    // The council decides to place it: it goes on the meeting's agenda.
    await page.getByTestId('bill-action-place').click();
    await page.getByRole('dialog').getByLabel('主任会议日期').fill('2023-08-17');
    await button(page.getByRole('dialog'), '保存').click();
    await page.getByTestId('bill-state').filter({ hasText: '列入议程' }).waitFor();
    await page.getByTestId('bill-agenda').filter({ hasText: '已列为会议议题' }).waitFor();
    await page.getByTestId('bill-history').filter({ hasText: '2023-08-17 主任会议 主任会议决定列入会议议程' }).waitFor();

    // The office names the presenter (R-B5: the government's head for a government bill) and records the deliberation (R-B6).
    await page.getByTestId('bill-step-presenter').click();
    const pd = page.getByRole('dialog');
    await pd.getByLabel('说明人姓名').fill('李可');
    await pd.getByLabel('职务').fill('市委常委、常务副市长');
    await pd.getByLabel('说明人身份').click();
    await page.getByTitle('市人民政府负责人').click();
    await button(pd, '保存').click();
    await page.getByTestId('bill-presenter').filter({ hasText: '市委常委、常务副市长李可（市人民政府负责人，到会口头说明）' }).waitFor();
    await page.getByTestId('bill-step-reading').click();
    const rd = page.getByRole('dialog');
    await rd.getByLabel('日期').fill('2023-08-24');
    await button(rd, '保存').click();
    await page.getByTestId('bill-history').filter({ hasText: '2023-08-24 常委会全体会议 初次审议' }).waitFor();

    const billId = page.url().split('/').at(-1) ?? '';
    const bill = await s.t.request('GET', `/api/v1/bills/${billId}`, { token: office });
    const m = await s.t.request('GET', `/api/v1/meetings/${mtg.meetingId}`, { token: office });
    assert.ok((m.body.agendaItems as { id: string }[]).some((i) => i.id === bill.body.agendaItemId), 'the item is on the meeting’s agenda');

    // The meeting votes on the item (run through the API); the bill follows the poll.
    const presiding = await tokenFor(s.t.yishi.handle.db, mtg.members.find((x) => x.name === '尚欣')!.username!);
    assert.equal((await s.t.request('POST', `/api/v1/meetings/${mtg.meetingId}/open`, { token: office })).status, 200);
    const poll = await s.t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, agendaItemId: bill.body.agendaItemId, subject: '表决', kind: 'analog' } });
    assert.equal(poll.status, 201);
    assert.equal((await s.t.request('POST', `/api/v1/polls/${poll.body.id}/open`, { token: presiding })).status, 200);
    assert.equal((await s.t.request('POST', `/api/v1/polls/${poll.body.id}/analog-result`, { token: presiding, body: { totals: { yes: 27, no: 1, abstain: 1 } } })).status, 200);
    assert.equal((await s.t.request('POST', `/api/v1/polls/${poll.body.id}/close`, { token: presiding })).status, 200);
    for (let i = 0; i < 50 && (await s.t.request('GET', `/api/v1/bills/${billId}`, { token: office })).body.state !== 'passed'; i++) await sleep(50);

    await page.reload();
    await page.getByTestId('bill-state').filter({ hasText: '已通过' }).waitFor();
    await page.getByTestId('bill-history').filter({ hasText: '常委会全体会议 表决通过（赞成27票，反对1票，弃权1票）' }).waitFor();
    // The resolution is issued with its number in the series and year.
    await page.getByTestId('bill-action-outcome').click();
    const outcome = page.getByRole('dialog');
    await outcome.getByLabel('日期').fill('2023-08-24');
    await outcome.getByLabel('发文字号代字（首次必填）').fill('鹤常');
    await button(outcome, '保存').click();
    await page.getByTestId('bill-outcomes').getByRole('row').filter({ hasText: '鹤常〔2023〕1号' }).filter({ hasText: '关于加强生态环境保护的决定' }).waitFor();
    await page.getByTestId('bill-history').filter({ hasText: '印发决议《关于加强生态环境保护的决定》（鹤常〔2023〕1号）' }).waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // No further step is offered for a passed decision: the presenter and reading forms are gone.
    assert.equal(await page.getByTestId('bill-step-presenter').count(), 0);
    assert.equal(await page.getByTestId('bill-step-reading').count(), 0);

    // The register lists it with its state.
    await page.goto(`${s.base}/app/hebi/bills`);
    await page.getByTestId('bills-table').getByRole('row').filter({ hasText: '关于加强生态环境保护的决定（草案）' }).filter({ hasText: '已通过' }).waitFor();

    // Inquiries and investigation committees have their tab on the oversight page.
    await page.goto(`${s.base}/app/hebi/oversight`);
    await page.getByRole('tab', { name: '专题询问和调查' }).click();
    await page.getByTestId('inquiry-new').click();
    const iq = page.getByRole('dialog');
    await iq.getByLabel('议题').fill('淇河生态保护情况');
    await button(iq, '保存').click();
    await page.getByTestId('inquiries-table').getByRole('row').filter({ hasText: '淇河生态保护情况' }).filter({ hasText: '已提出' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('R-B5: two related bills explained together, shown on each bill; R-O4: the reports tab shows and records outcomes', async () => {
    const create = async (kind: string, title: string) => {
      const r = await s.t.request('POST', '/api/v1/bills', { token: office, body: { congressId: s.t.hebiId, kind, title, proposer: { type: 'organ', organ: 'government' }, targetMeetingId: mtg.meetingId } });
      assert.equal(r.status, 201);
      return r.body.id as string;
    };
    const accounts = await create('final_accounts', '关于批准2023年市级财政决算的议案');
    const budget = await create('budget_adjustment', '关于批准2024年市级第一次预算调整方案的议案');
    const { context, page, errors } = await openPage(s.browser, { width: 1280, height: 900 });
    await signIn(page, s.base, 'office', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/bills/${accounts}`);
    await page.getByTestId('bill-step-presenter').click();
    const pd = page.getByRole('dialog');
    await pd.getByLabel('合并说明的议案').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '关于批准2024年市级第一次预算调整方案的议案' }).click();
    await pd.getByLabel('说明人姓名').fill('王海军');
    await pd.getByLabel('职务').fill('市财政局局长');
    await pd.getByLabel('说明人身份').click();
    await page.getByTitle('受委托的政府部门负责人').click();
    await button(pd, '保存').click();
    await page.getByTestId('bill-presenter').filter({ hasText: '市财政局局长王海军' }).waitFor();
    await page.getByTestId('bill-joint').filter({ hasText: '《关于批准2024年市级第一次预算调整方案的议案》' }).waitFor();
    // The other bill shows the same presenter and the joint explanation the other way round.
    await page.getByTestId('bill-joint').getByRole('link').click();
    await page.waitForURL(new RegExp(`/bills/${budget}$`));
    await page.getByTestId('bill-presenter').filter({ hasText: '市财政局局长王海军' }).waitFor();
    await page.getByTestId('bill-joint').filter({ hasText: '《关于批准2023年市级财政决算的议案》' }).waitFor();

    // The reports tab: the 6th meeting's outcomes from the gazette, and the office records one.
    await page.goto(`${s.base}/app/hebi/oversight`);
    await page.getByRole('tab', { name: '工作报告' }).click();
    const reports = page.getByTestId('reports-table');
    await reports.getByRole('row').filter({ hasText: '关于2022年度市级预算执行和其他财政收支的审计工作报告' }).filter({ hasText: '已作出决议' }).waitFor();
    const row = reports.getByRole('row').filter({ hasText: '关于推进“专精特新”中小企业发展情况的专项工作报告' });
    await row.filter({ hasText: '已审议' }).waitFor();
    await row.getByTestId('report-record-outcome').click();
    const od = page.getByRole('dialog');
    await od.getByLabel('审议结果').click();
    await page.getByTitle('表决通过').click();
    await button(od, '保存').click();
    await row.filter({ hasText: '表决通过' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});

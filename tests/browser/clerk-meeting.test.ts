// Journey 1 in a real browser: the clerk creates a regular meeting, names the presiding person,
// drafts the agenda, records the chairperson's council (date, schedule, attendee scope), attaches a
// document to an item and distributes it, sends the notice (late: the seven-day warning, R-M5),
// records a leave request that the presiding person decides, and prints the attendance report
// 应到41人，实到30人，请假11人，符合法定人数. Needs Debian's Chromium and the built web app.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import PDFDocument from 'pdfkit';
import { DEMO_PASSWORD } from '../harness.ts';
import { type Session, button, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

const SCREENSHOT = '/tmp/yishi-clerk-prepare.png';
const REPORT_SCREENSHOT = '/tmp/yishi-attendance-report.png';

const localDate = (offsetDays: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetDays * 86_400_000));

async function pdfBytes(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const parts: Buffer[] = [];
  doc.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(14).text('Draft regulations (test document).');
  doc.end();
  await done;
  return Buffer.concat(parts);
}

void describe('journey 1: the clerk prepares a regular meeting', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let office: string;
  const person: Record<string, string> = {};
  const names: Record<string, string> = {};

  const api = (method: string, url: string, token: string, body?: unknown) => s.api(method, url, token, body);

  before(async () => {
    s = await startBrowserSession();
    office = await s.t.login('office');
    const members = (await api('GET', `/api/v1/congresses/${s.t.hebiId}/members`, office)) as { id: string; name: string }[];
    for (const [i, m] of members.entries()) {
      const u = `m${String(i + 1).padStart(2, '0')}`;
      person[u] = m.id;
      names[u] = m.name;
    }
  });
  after(() => s?.close());

  void test('creates, schedules, documents, notifies, records leave and prints the attendance report', async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 1440, height: 900 });
    await signIn(page, s.base, 'office', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\//);
    await page.getByRole('menuitem', { name: '会议' }).click();
    await button(page, '新建会议').click();

    // Five days ahead: too late for the seven-day notice (R-M5).
    const date = localDate(5);
    await page.getByLabel('地点').fill('市人大常委会机关会议室');
    // Enter in the date field picks the date and submits the form.
    await page.getByLabel('日期').fill(date);
    await page.getByLabel('日期').press('Enter');
    await page.waitForURL(/\/meetings\/[^/]+\/prepare$/);
    const meetingId = /\/meetings\/([^/]+)\/prepare$/.exec(page.url())?.[1] ?? '';
    await page.getByRole('heading', { name: /第七次会议$/ }).waitFor();

    await page.getByTestId('presiding-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: names.m02 ?? '' }).click();
    await page.getByText('已保存').first().waitFor();

    for (const title of ['审议《鹤壁市城市绿化条例（草案）》', '听取和审议市人民政府关于城市绿化工作情况的报告']) {
      await page.getByTestId('item-title').fill(title);
      await button(page, '添加议题').click();
      await page.getByTestId('prepare-agenda').getByText(title).waitFor();
    }

    // The chairperson's council fixes date, agenda, schedule and attendee scope (R-M5).
    const council = page.getByTestId('council-card');
    await page.getByTestId('schedule-text').fill(`${date} 08:30 第一次全体会议\n${date} 15:00 分组审议`);
    await page.getByTestId('attendee-scope').fill('市人民政府、市监察委员会、市中级人民法院、市人民检察院负责同志列席');
    await page.getByLabel('主任会议日期').fill(localDate(0));
    await page.getByLabel('主任会议日期').press('Enter');
    await council.getByText('分组审议').waitFor();
    await page.getByText('已定期').first().waitFor();

    // A document attached to the first item, then distributed.
    const docs = page.getByTestId('prepare-documents');
    await page.getByTestId('document-item').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '城市绿化条例' }).click();
    await page.getByTestId('document-file').setInputFiles({ name: '城市绿化条例草案.pdf', mimeType: 'application/pdf', buffer: await pdfBytes() });
    const doc = docs.getByTestId('prepare-document').filter({ hasText: '城市绿化条例草案' });
    await doc.getByText('第1项').waitFor();
    await doc.getByText('未分发').waitFor();
    await button(docs, '分发文件').click();
    await doc.getByText('已分发').waitFor();

    // The notice, late: sent, with the seven-day warning citing the rule.
    await page.getByTestId('send-notice').click();
    const notice = page.getByTestId('notice-result');
    await notice.filter({ hasText: '会议通知已发出' }).waitFor();
    assert.match(await notice.innerText(), /会议通知应于会议举行七日前发出[\s\S]*R-M5/);
    await page.getByText('已通知').first().waitFor();
    const meeting = (await api('GET', `/api/v1/meetings/${meetingId}`, office)) as { state: string; schedule: unknown[]; attendeeScope: string; councilDate: string; agendaItems: unknown[] };
    assert.equal(meeting.state, 'notified');
    assert.equal(meeting.schedule.length, 2);
    assert.equal(meeting.councilDate, localDate(0));
    assert.equal(meeting.agendaItems.length, 2);
    assert.match(meeting.attendeeScope, /市人民检察院/);

    // Leave recorded by the office, decided by the presiding person (R-M6).
    const leave = page.getByTestId('prepare-leave');
    await page.getByTestId('leave-member').click();
    await page.keyboard.type(names.m08 ?? '');
    await page.locator('.ant-select-item-option').filter({ hasText: names.m08 ?? '' }).click();
    await page.getByTestId('leave-reason-office').fill('因病住院');
    await button(leave, '登记请假').click();
    const row = leave.getByTestId('leave-row').filter({ hasText: names.m08 ?? '' });
    await row.filter({ hasText: '待批准' }).filter({ hasText: '由会议主持人决定' }).waitFor();
    const requests = (await api('GET', `/api/v1/meetings/${meetingId}/leave-requests`, office)) as { id: string; personId: string; reason: string }[];
    const request = requests.find((r) => r.personId === person.m08);
    assert.equal(request?.reason, '因病住院');
    // The office itself cannot decide it.
    const refused = await s.t.request('POST', `/api/v1/meetings/${meetingId}/leave-requests/${request.id}/decision`, { token: office, body: { approve: true } });
    assert.ok(refused.status === 403 || refused.status === 409, `office decision: ${refused.status}`);
    const presiding = await s.t.login('m02');
    await api('POST', `/api/v1/meetings/${meetingId}/leave-requests/${request.id}/decision`, presiding, { approve: true });
    await row.filter({ hasText: '已准假' }).filter({ hasText: names.m02 ?? '' }).waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // The rest of the attendance, as the office records it on the day: 30 present, 10 more on leave.
    for (let n = 1; n <= 41; n++) {
      const u = `m${String(n).padStart(2, '0')}`;
      if (u === 'm08') continue;
      const status = n >= 32 ? 'leave' : 'present';
      await api('POST', `/api/v1/meetings/${meetingId}/attendance`, office, { personId: person[u], status, ...(status === 'leave' ? { reason: '因公' } : {}) });
    }
    await button(page, '出缺席报告').first().click();
    await page.getByTestId('report-summary').filter({ hasText: '应到41人，实到30人，请假11人，符合法定人数' }).waitFor();
    await page.getByTestId('attendance-report').getByText(`${names.m08 ?? ''}（因病住院）`).waitFor();
    await button(page, '打印').waitFor();
    await page.screenshot({ path: REPORT_SCREENSHOT, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
});

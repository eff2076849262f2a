// Journey 2 in a real browser at 390×844: a member reads the meeting's documents on the phone (a
// DOCX as text, a PDF at the full width), signs in by opening the hall's QR address, another asks
// leave with a reason, registers to speak on the current item (an ad-hoc request the presiding
// person consents to, seen live), votes, and sees the result once announced. The office and the
// presiding person act through the API. Needs Debian's Chromium and the built web app.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';
import { notoFont } from '../../server/modules/legislation/export-office.ts';
import { DEMO_PASSWORD } from '../harness.ts';
import { type Session, button, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

const PHONE = { width: 390, height: 844 };
const DOC_SCREENSHOT = '/tmp/yishi-phone-document.png';
const MEETING_SCREENSHOT = '/tmp/yishi-phone-meeting.png';
const DOCX_TEXT = '第一条 为了加强卫河保护，改善生态环境，制定本条例。';
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
/** Long enough to wrap over several lines of an A4 page: the phone shows it as one paragraph. */
const PDF_TEXT = '关于《鹤壁市卫河保护条例（草案）》的说明：卫河是我市重要的生态屏障和水源通道，为加强卫河保护，推进生态文明建设，市人民政府起草了本条例草案，现提请常务委员会审议。';

/** The meeting's local date (Asia/Shanghai), as the server judges "the meeting day". */
const todayLocal = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

async function pdfBytes(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const parts: Buffer[] = [];
  doc.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('serif', notoFont('NotoSerifCJK-Regular.ttc'), 'NotoSerifCJKsc-Regular');
  doc.font('serif').fontSize(16).text(PDF_TEXT, { align: 'justify' });
  doc.end();
  await done;
  return Buffer.concat(parts);
}

async function docxBytes(): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: [new Paragraph('鹤壁市卫河保护条例（草案）'), new Paragraph(DOCX_TEXT)] }] });
  return Packer.toBuffer(doc);
}

void describe('journey 2: a member on a phone', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let office: string;
  let meetingId: string;
  let items: { id: string; position: number; title: string }[] = [];
  let checkInPath = '';
  const docIds: Record<string, string> = {};
  const person: Record<string, string> = {};

  const api = (method: string, url: string, token: string, body?: unknown) => s.api(method, url, token, body);

  const upload = async (token: string, filename: string, bytes: Buffer, agendaItemId: string): Promise<string> => {
    const form = new FormData();
    form.append('agendaItemId', agendaItemId);
    form.append('file', new Blob([new Uint8Array(bytes)]), filename);
    const r = await fetch(`${s.base}/api/v1/meetings/${meetingId}/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    const body = (await r.json()) as { id: string; mime: string };
    assert.equal(r.status, 201, JSON.stringify(body));
    return body.id;
  };

  before(async () => {
    s = await startBrowserSession();
    office = await s.t.login('office');
    const members = (await api('GET', `/api/v1/congresses/${s.t.hebiId}/members`, office)) as { id: string; name: string }[];
    for (const [i, m] of members.entries()) person[`m${String(i + 1).padStart(2, '0')}`] = m.id;
    // A meeting held today (sign-in is open only on the meeting day), presided over by 尚欣 (m02).
    const today = todayLocal();
    const created = (await api('POST', '/api/v1/meetings', office, { congressId: s.t.hebiId, kind: 'special', date: today, place: '市人大常委会会议室' })) as { id: string };
    meetingId = created.id;
    await api('PUT', `/api/v1/meetings/${meetingId}/presiding`, office, { personId: person.m02 });
    for (const title of ['审议《鹤壁市卫河保护条例（草案）》', '听取和审议市人民政府关于生态环境工作情况的报告']) {
      await api('POST', `/api/v1/meetings/${meetingId}/agenda-items`, office, { kind: title.startsWith('审议《') ? 'bill' : 'report', title });
    }
    await api('POST', `/api/v1/meetings/${meetingId}/schedule`, office, { councilDate: today, schedule: [{ date: today, time: '08:30', text: '第一次全体会议' }], attendeeScope: '市人民政府有关负责同志列席' });
    await api('POST', `/api/v1/meetings/${meetingId}/notify`, office);
    items = ((await api('GET', `/api/v1/meetings/${meetingId}`, office)) as { agendaItems: typeof items }).agendaItems;
    const [first, second] = items;
    assert.ok(first && second);
    docIds.docx = await upload(office, '条例草案.docx', await docxBytes(), first.id);
    docIds.pdf = await upload(office, '说明.pdf', await pdfBytes(), second.id);
    docIds.png = await upload(office, '会场座次图.png', Buffer.from(ONE_PIXEL_PNG, 'base64'), second.id);
    await api('POST', `/api/v1/meetings/${meetingId}/documents/distribute`, office, {});
    const link = (await api('GET', `/api/v1/meetings/${meetingId}/check-in-link`, office)) as { url: string; code: string; qrSvg: string };
    assert.match(link.qrSvg, /<svg/);
    const url = new URL(link.url);
    assert.equal(url.pathname, `/app/hebi/meetings/${meetingId}/check-in`);
    assert.equal(url.searchParams.get('code'), link.code);
    checkInPath = `${url.pathname}${url.search}`;
  });
  after(() => s?.close());

  void test('reads a DOCX as text and a PDF at the full width of the phone', async () => {
    const { context, page, errors } = await openPage(s.browser, PHONE, true);
    await signIn(page, s.base, 'm12', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/meetings/${meetingId}/vote`);
    await page.getByTestId('member-notice').filter({ hasText: '第一次全体会议' }).waitFor();
    const docs = page.getByTestId('member-document');
    await docs.nth(2).waitFor();
    assert.equal(await docs.count(), 3);
    await docs.filter({ hasText: '条例草案' }).getByText('未阅').waitFor();

    await page.getByRole('link', { name: '条例草案' }).click();
    await page.getByTestId('document-text').filter({ hasText: DOCX_TEXT }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the document page is ${width}px wide on a ${PHONE.width}px screen`);
    await page.screenshot({ path: DOC_SCREENSHOT, animations: 'disabled' });
    await button(page, '返回').click();
    await page.getByTestId('member-document').filter({ hasText: '条例草案' }).getByText('已阅').waitFor();

    await page.getByRole('link', { name: '说明' }).click();
    // The PDF is reflowed: its wrapped lines come back as one paragraph, Chinese intact, no pinching.
    const pdfText = page.getByTestId('document-text');
    await pdfText.filter({ hasText: PDF_TEXT }).waitFor();
    assert.equal(await pdfText.locator('p').count(), 1);
    const pdfWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pdfWidth <= PHONE.width, `the PDF page is ${pdfWidth}px wide on a ${PHONE.width}px screen`);
    // The original is one tap away and served to the signed-in member.
    const original = await page.getByRole('link', { name: '打开原文件' }).getAttribute('href');
    assert.ok(original?.startsWith(`/api/v1/meetings/${meetingId}/documents/${docIds.pdf}/content`), String(original));
    const pdf = await page.request.get(`${s.base}${original}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    // An image has no text view; a member (not a leader) gets neither the presiding script nor the sign-in link.
    const m10 = await s.t.login('m10');
    const notText = await s.t.request('GET', `/api/v1/meetings/${meetingId}/documents/${docIds.png}/text`, { token: m10 });
    assert.equal(notText.status, 415);
    assert.equal(notText.body.code, 'NOT_TEXT');
    assert.ok(notText.body.message_zh && notText.body.message_en);
    for (const path of ['presiding-script', 'check-in-link']) {
      const r = await s.t.request('GET', `/api/v1/meetings/${meetingId}/${path}`, { token: m10 });
      assert.equal(r.status, 403, `${path}: ${r.status}`);
    }
    const anonymous = await s.t.request('GET', `/api/v1/meetings/${meetingId}/documents/${docIds.docx}/text`);
    assert.ok(anonymous.status === 401 || anonymous.status === 404, `anonymous text: ${anonymous.status}`);
    // The office sees who has read what.
    const reads = (await api('GET', `/api/v1/meetings/${meetingId}/documents/${docIds.docx}/reads`, office)) as { personId: string | null; times: number }[];
    assert.ok(reads.some((r) => r.personId === person.m12 && r.times >= 1));
    assert.deepEqual(errors, []);
    await context.close();
  });

  void test('asks leave with a reason; signs in by opening the QR address', async () => {
    const leave = await openPage(s.browser, PHONE, true);
    await signIn(leave.page, s.base, 'm40', DEMO_PASSWORD);
    await leave.page.waitForURL(/\/app\/hebi\//);
    await leave.page.goto(`${s.base}/app/hebi/meetings/${meetingId}/vote`);
    await leave.page.getByTestId('leave-reason').fill('因公出差');
    await button(leave.page, '申请请假').click();
    await leave.page.getByTestId('my-leave').filter({ hasText: '因公出差' }).filter({ hasText: '待批准' }).waitFor();
    const requests = (await api('GET', `/api/v1/meetings/${meetingId}/leave-requests`, office)) as { personId: string; reason: string; status: string }[];
    assert.deepEqual(
      requests.filter((r) => r.personId === person.m40).map((r) => [r.reason, r.status]),
      [['因公出差', 'pending']],
    );
    // Decided by the presiding person (R-M6); the phone follows live.
    const presiding = await s.t.login('m02');
    const id = (requests.find((r) => r.personId === person.m40) as unknown as { id: string }).id;
    await api('POST', `/api/v1/meetings/${meetingId}/leave-requests/${id}/decision`, presiding, { approve: true });
    await leave.page.getByTestId('my-leave').filter({ hasText: '已准假' }).waitFor();
    await leave.page.getByTestId('my-attendance').filter({ hasText: '请假' }).waitFor();
    assert.deepEqual(leave.errors, []);
    await leave.context.close();

    // Scanning the hall's QR code opens its address; a member not yet signed in logs in first and lands back on it.
    const { context, page, errors } = await openPage(s.browser, PHONE, true);
    await page.goto(`${s.base}${checkInPath}`);
    await page.getByLabel('用户名').fill('m12');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('checked-in').waitFor();
    const attendance = (await api('GET', `/api/v1/meetings/${meetingId}/attendance`, office)) as { personId: string; status: string }[];
    assert.equal(attendance.find((r) => r.personId === person.m12)?.status, 'present');
    // A wrong code is refused with the reason.
    await page.goto(`${s.base}/app/hebi/meetings/${meetingId}/check-in?code=WRONG1`);
    await page.getByTestId('check-in-error').filter({ hasText: '签到码不正确' }).waitFor();
    await button(page, '进入会议').click();
    await page.getByTestId('my-attendance').filter({ hasText: '已签到' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  void test('registers to speak, votes and sees the announced result', async () => {
    // 23 more members present: the meeting opens with its quorum (R-M3).
    for (let n = 7; n <= 30; n++) {
      if (n === 12) continue;
      await api('POST', `/api/v1/meetings/${meetingId}/attendance`, office, { personId: person[`m${String(n).padStart(2, '0')}`], status: 'present' });
    }
    await api('POST', `/api/v1/meetings/${meetingId}/open`, office);
    await api('POST', `/api/v1/meetings/${meetingId}/agenda/adopt`, office);
    const first = items[0];
    assert.ok(first);
    await api('PUT', `/api/v1/meetings/${meetingId}/current-item`, office, { agendaItemId: first.id });

    const { context, page, errors } = await openPage(s.browser, PHONE, true);
    await signIn(page, s.base, 'm12', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/meetings/${meetingId}/vote`);
    await page.getByTestId('agenda-current').filter({ hasText: '卫河保护条例' }).waitFor();
    // The current item is preselected: a request during the meeting needs the presiding person's consent (R-V1).
    await button(page.getByTestId('member-speak'), '报名发言').click();
    await page.getByTestId('my-speech').filter({ hasText: '待主持人同意' }).waitFor();
    const queue = (await api('GET', `/api/v1/meetings/${meetingId}/speakers?agendaItemId=${first.id}`, office)) as { speakers: { id: string; personId: string; status: string; kind: string }[] };
    const mine = queue.speakers.find((x) => x.personId === person.m12);
    assert.equal(mine?.kind, 'adhoc');
    assert.equal(mine?.status, 'pending');
    const presiding = await s.t.login('m02');
    await api('POST', `/api/v1/meetings/${meetingId}/speakers/${mine.id}/decision`, presiding, { approve: true });
    await page.getByTestId('my-speech').filter({ hasText: '已排序' }).waitFor();

    const poll = (await api('POST', '/api/v1/polls', office, { meetingId, agendaItemId: first.id, subject: '表决：鹤壁市卫河保护条例', kind: 'secret' })) as { id: string };
    await api('POST', `/api/v1/polls/${poll.id}/open`, presiding);
    await page.getByTestId('vote-question').filter({ hasText: '卫河保护条例' }).waitFor();
    await page.getByTestId('vote-yes').click();
    await page.getByTestId('vote-confirm-button').click();
    await page.getByTestId('vote-done').filter({ hasText: '已投票' }).waitFor();
    for (let n = 7; n <= 27; n++) {
      if (n === 12) continue;
      const token = await s.t.login(`m${String(n).padStart(2, '0')}`);
      await api('POST', `/api/v1/polls/${poll.id}/ballots`, token, { choice: 'yes' });
    }
    await api('POST', `/api/v1/polls/${poll.id}/close`, presiding);
    // Closed but not announced: the phone waits for the presiding person.
    await page.getByText('表决已结束，等待主持人宣布结果。').waitFor();
    await api('POST', `/api/v1/polls/${poll.id}/announce`, presiding);
    const result = page.getByTestId('vote-result');
    await result.filter({ hasText: '赞成 21' }).waitFor();
    assert.match(await result.innerText(), /通过/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the phone page is ${width}px wide`);
    await page.screenshot({ path: MEETING_SCREENSHOT, fullPage: true, animations: 'disabled' });
    assert.deepEqual(errors, []);
    await context.close();
  });
  void test('a device failure recorded by the presiding person: the teller enters the vote, and the phone says who did (R-V4)', async () => {
    const presiding = await s.t.login('m02');
    const me = (await api('GET', '/api/v1/auth/me', office)) as { id: string };
    const poll = (await api('POST', '/api/v1/polls', office, { meetingId, agendaItemId: items[1]!.id, subject: '表决：关于生态环境工作情况的报告的决议', kind: 'mixed' })) as { id: string };
    await api('POST', `/api/v1/polls/${poll.id}/open`, presiding);
    await api('PUT', `/api/v1/polls/${poll.id}/tellers`, office, { userIds: [me.id] });

    const { context, page, errors } = await openPage(s.browser, PHONE, true);
    await signIn(page, s.base, 'm13', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/meetings/${meetingId}/vote`);
    await page.getByTestId('vote-question').filter({ hasText: '生态环境' }).waitFor();
    // The office cannot enter a vote for a member whose device works; after the presiding person records the failure it can.
    const early = await s.t.request('POST', `/api/v1/polls/${poll.id}/analog-result`, { token: office, body: { entries: [{ memberId: person.m13, choice: 'no' }] } });
    assert.equal(early.status, 422);
    assert.equal(early.body.code, 'TELLER_ENTRY_NOT_ALLOWED');
    await api('POST', `/api/v1/polls/${poll.id}/device-failures`, presiding, { memberId: person.m13, note: '表决器无响应' });
    await api('POST', `/api/v1/polls/${poll.id}/analog-result`, office, { entries: [{ memberId: person.m13, choice: 'no' }] });
    const notice = page.getByTestId('vote-teller-entry');
    await notice.filter({ hasText: '计票人' }).waitFor();
    assert.equal((await notice.innerText()).includes('反对'), false, 'the phone never shows what was entered');
    await page.getByTestId('vote-done').filter({ hasText: '已投票' }).waitFor();
    await page.screenshot({ path: '/tmp/yishi-phone-teller-entry.png', fullPage: true, animations: 'disabled' });
    await api('POST', `/api/v1/polls/${poll.id}/close`, presiding);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

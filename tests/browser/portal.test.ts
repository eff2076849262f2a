// A citizen on a phone (390×844), no login: opens the portal, finds the 6th meeting, reads its
// gazette and downloads the PDF. axe-core runs on the portal home, the meeting page and the
// gazette page with zero WCAG 2.1 AA violations. Needs Debian's Chromium and the built web app.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../harness.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { type Session, button, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

const PHONE = { width: 390, height: 844 };

void describe('portal: a citizen reads the 6th meeting’s gazette on a phone', { skip: skipWithoutChromium }, () => {
  let s: Session;
  before(async () => {
    s = await startBrowserSession();
  });
  after(() => s.close());

  test('home → congress → 6th meeting → gazette → PDF, with zero axe violations on the key pages', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await openPage(s.browser, PHONE, true);
    page.setDefaultTimeout(45_000); // two cores shared with the server: generous waits, real assertions
    try {
      await page.goto(`${s.base}/`);
      await page.getByTestId('portal-congress-hebi').waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.ok((await page.locator('meta[name="description"]').getAttribute('content'))?.length, 'the home page has a description');
      const home = await axeViolations(page);
      assert.deepEqual(home, [], `portal home:\n${describeViolations(home)}`);

      await page.getByTestId('portal-congress-hebi').click();
      await page.getByTestId('portal-meeting-6').click();
      await page.getByTestId('meeting-title').waitFor();
      assert.equal(await page.getByTestId('meeting-title').textContent(), '鹤壁市第十二届人民代表大会常务委员会第六次会议');
      assert.match(await page.title(), /第六次会议/);
      await page.getByText('关于《鹤壁市卫河保护条例（草案）》的说明').first().waitFor();
      await page.getByTestId('read-gazette').waitFor();
      const meeting = await axeViolations(page);
      assert.deepEqual(meeting, [], `meeting page:\n${describeViolations(meeting)}`);

      await page.getByTestId('read-gazette').click();
      await page.getByTestId('gazette-title').waitFor();
      assert.equal(await page.getByTestId('gazette-title').textContent(), '鹤壁市人民代表大会常务委员会公报');
      assert.match(await page.title(), /2023年第1期/);
      const toc = page.getByTestId('gazette-toc').getByRole('link');
      assert.ok((await toc.count()) >= 35, 'a table of contents with every section');
      await page.getByRole('heading', { name: '鹤壁市十二届人大常委会第六次会议出缺席人员名单' }).waitFor();
      // Phone first: nothing wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
      const gazette = await axeViolations(page);
      assert.deepEqual(gazette, [], `gazette page:\n${describeViolations(gazette)}`);

      // The first download renders the edition's PDF (a few seconds); later ones are served from memory.
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByTestId('download-pdf').click({ timeout: 90_000 })]);
      const path = await download.path();
      const bytes = readFileSync(path);
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.match(download.suggestedFilename(), /公报2023年第1期\.pdf$/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the office edits the gazette, builds a new edition and watches its progress', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 1280, height: 900 });
    page.setDefaultTimeout(45_000);
    try {
      const meetings = await s.t.request('GET', `/api/v1/congresses/${s.t.hebiId}/meetings`);
      const sixth = (meetings.body as { id: string; number: number }[]).find((m) => m.number === 6);
      assert.ok(sixth);
      await signIn(page, s.base, 'office', DEMO_PASSWORD);
      await page.waitForURL(/\/app\//);
      await page.goto(`${s.base}/app/hebi/meetings/${sixth.id}/gazette`);
      await page.getByLabel('副标题').fill('第六次会议专刊');
      await button(page, '保存为第2版').click();
      await button(page, '保存为第3版').waitFor();
      await page.getByTestId('gazette-build').click();
      await page.getByText('新版公报已发布').waitFor({ timeout: 90_000 });
      const published = await s.t.request('GET', `/api/v1/meetings/${sixth.id}/gazette/content`);
      assert.equal(published.body.frontMatter.subtitle, '第六次会议专刊');
      assert.equal(published.body.edition, 2);
      // The new edition prints the audit chain's checkpoint it was assembled under.
      const anchor = published.body.anchor as { seq: number; hash: string; keyId: string };
      await page.goto(`${s.base}/p/hebi/gazette/${sixth.id}`);
      await page.getByTestId('gazette-colophon').getByText(`审计链检查点：第${anchor.seq}条，哈希 ${anchor.hash.slice(0, 16)}…，签名密钥 ${anchor.keyId}`).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

// Journey 5, the consultation part: a citizen on a phone (390×844), no login, opens the Wei River
// draft under public consultation, reads article 26 and comments on it; the count on the article
// goes up and the comment appears under it with the name masked. axe-core finds no WCAG 2.1 AA
// violation on the consultation page. Needs Debian's Chromium and the built web app.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importDemoConsultation } from '../../server/modules/legislation/consultation.demo.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { type Session, openPage, skipWithoutChromium, startBrowserSession } from './browser.ts';

const PHONE = { width: 390, height: 844 };

const SEED = resolve(import.meta.dirname, '../../../shared/seed/000_5afcf154fdbded78.txt');

void describe('consultation: a citizen comments on article 26 of the Wei River draft on a phone', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let consultationId: string;
  before(async () => {
    s = await startBrowserSession();
    const r = await importDemoConsultation({ db: s.t.yishi.handle.db, hub: s.t.yishi.hub }, s.t.hebiId, SEED);
    assert.ok(r.consultationId);
    consultationId = r.consultationId;
  });
  after(() => s.close());

  test('list → draft → article 26 → comment, with zero axe violations', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await openPage(s.browser, PHONE, true);
    try {
      await page.goto(`${s.base}/p/hebi/consultations`);
      await page.getByTestId(`consultation-${consultationId}`).waitFor();
      assert.match(await page.getByTestId(`consultation-${consultationId}`).innerText(), /卫河保护条例[\s\S]*征求意见中/);
      const listViolations = await axeViolations(page);
      assert.deepEqual(listViolations, [], describeViolations(listViolations));
      await page.getByRole('link', { name: '阅读草案并提出意见' }).click();
      await page.waitForURL(new RegExp(`/p/hebi/consultations/${consultationId}$`));
      await page.getByTestId('consultation-title').filter({ hasText: '鹤壁市卫河保护条例（草案）' }).waitFor();

      const art = page.getByTestId('article-art_26');
      await art.scrollIntoViewIfNeeded();
      assert.match(await art.innerText(), /第二十六条【汛前准备】[\s\S]*汛前组织河道安全/);
      assert.equal((await page.getByTestId('comment-count-art_26').innerText()).trim(), '0 条意见');
      // No sideways scrolling on a phone.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
      const pageViolations = await axeViolations(page);
      assert.deepEqual(pageViolations, [], describeViolations(pageViolations));

      await page.getByTestId('comment-open-art_26').click();
      const form = art.getByTestId('comment-form');
      await form.waitFor();
      // A wrong phone number is refused in the reader's language, and nothing is kept.
      await form.getByLabel('意见内容').fill('建议在汛前检查中增加对沿河村庄排涝设施的检查。');
      await form.getByLabel('姓名').fill('王小明');
      await form.getByLabel('手机号码').fill('12345');
      await form.getByTestId('comment-submit').click();
      await art.getByTestId('comment-error').filter({ hasText: '请填写正确的手机号码' }).waitFor();
      const formViolations = await axeViolations(page);
      assert.deepEqual(formViolations, [], describeViolations(formViolations));
      await form.getByLabel('手机号码').fill('13912345678');
      await form.getByTestId('comment-submit').click();
      await art.getByTestId('comment-thanks').filter({ hasText: '第二十六条' }).waitFor();
      await page.getByTestId('comment-count-art_26').filter({ hasText: '1 条意见' }).waitFor();
      const shown = art.getByTestId('public-comment');
      await shown.waitFor();
      assert.match(await shown.innerText(), /王\*\*[\s\S]*排涝设施/);
      assert.doesNotMatch(await page.content(), /13912345678/);
      await art.screenshot({ path: '/tmp/yishi-consultation-phone.png' });
      const rows = await s.t.yishi.handle.db.selectFrom('legislation_comments').select(['anchor_cite', 'status']).execute();
      assert.deepEqual(rows, [{ anchor_cite: '第二十六条', status: 'published' }]);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
  test('select words in article 27 and comment on them: the quote goes with the comment', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await openPage(s.browser, PHONE, true);
    try {
      await page.goto(`${s.base}/p/hebi/consultations/${consultationId}`);
      const art = page.getByTestId('article-art_27');
      await art.waitFor();
      await art.scrollIntoViewIfNeeded();
      // The reader selects a few words of the first paragraph (as a long press or a drag would).
      const quote = await page.evaluate(() => {
        const el = document.querySelector('[data-span-eid^="art_27__"]');
        const node = el?.firstChild;
        if (!node) return '';
        const r = document.createRange();
        r.setStart(node, 2);
        r.setEnd(node, 8);
        const sel = document.getSelection();
        sel?.removeAllRanges();
        sel?.addRange(r);
        return r.toString();
      });
      assert.equal(quote.length, 6);
      await page.getByTestId('comment-span-art_27').click();
      const form = art.getByTestId('comment-form');
      await form.waitFor();
      assert.match(await form.getByTestId('comment-form-quote').innerText(), new RegExp(quote));
      await form.getByLabel('意见内容').fill('建议对所选文字作进一步说明。');
      await form.getByLabel('姓名').fill('李华');
      await form.getByLabel('手机号码').fill('13912345679');
      await form.getByTestId('comment-submit').click();
      await art.getByTestId('comment-thanks').filter({ hasText: '第二十七条' }).waitFor();
      await art.getByTestId('comment-quote').filter({ hasText: quote }).waitFor();
      const row = await s.t.yishi.handle.db.selectFrom('legislation_comments').select(['span_start', 'span_end', 'span_text']).where('article_eid', '=', 'art_27').executeTakeFirstOrThrow();
      assert.deepEqual(row, { span_start: 2, span_end: 8, span_text: quote });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

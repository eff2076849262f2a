// A citizen on a phone (390×844), no login: opens the congress page, goes to search, types words
// from 卫河保护条例 article 42 and lands on that article, marked and in view. axe-core reports zero
// WCAG 2.1 AA violations on the search page with its results and on the regulation page.
// Needs Debian's Chromium and the built web app.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { importDemoRegulations } from '../../server/modules/imports/demo-regulations.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { type Session, openPage, skipWithoutChromium, startBrowserSession } from './browser.ts';

const PHONE = { width: 390, height: 844 };

void describe('search: a citizen finds an article of a Hebi regulation by words from it, on a phone', { skip: skipWithoutChromium }, () => {
  let s: Session;
  before(async () => {
    s = await startBrowserSession();
    await importDemoRegulations({ db: s.t.yishi.handle.db, hub: s.t.yishi.hub }, s.t.hebiId, { fixturePath: s.t.config.fixturePath });
  });
  after(() => s.close());

  test('congress page → search → 卫河保护条例 第四十二条, with zero axe violations', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await openPage(s.browser, PHONE, true);
    try {
      await page.goto(`${s.base}/p/hebi`);
      await page.getByTestId('portal-search-link').click();
      await page.waitForURL(/\/p\/hebi\/search$/);
      await page.getByLabel('检索词').fill('卫河流域管理机构 限期拆除违法建筑物');
      await page.getByTestId('search-submit').click();
      const first = page.getByTestId('search-hits').locator('li').first();
      await first.waitFor();
      assert.match((await first.locator('a.ps-title').textContent()) ?? '', /鹤壁市卫河保护条例 第四十二条/);
      assert.match((await first.locator('mark').first().textContent()) ?? '', /卫河|拆除/);

      const onSearch = await axeViolations(page);
      assert.equal(onSearch.length, 0, describeViolations(onSearch));
      // Nothing overflows the phone's width.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));

      await first.locator('a.ps-title').click();
      await page.waitForURL(/\/p\/hebi\/regulations\/[\w-]+#art_42$/);
      const article = page.getByTestId('article-42');
      await article.waitFor();
      assert.match((await article.textContent()) ?? '', /第四十二条.*限期拆除违法建筑物/s);
      assert.match((await article.getAttribute('class')) ?? '', /ps-current/);
      const box = await article.boundingBox();
      assert.ok(box && box.y >= -2 && box.y < PHONE.height, `article 42 in view: ${JSON.stringify(box)}`);
      assert.equal(await page.getByTestId('regulation-title').textContent(), '鹤壁市卫河保护条例');
      const onRegulation = await axeViolations(page);
      assert.equal(onRegulation.length, 0, describeViolations(onRegulation));

      // Hostile input on the page: an answer, not an error page.
      await page.goto(`${s.base}/p/hebi/search?q=${encodeURIComponent('"; drop table x; <script>NEAR(')}`);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

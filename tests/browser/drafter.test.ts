// Journey 8 on a desktop: a drafter of the Legal Affairs Committee imports a draft from DOCX, sees
// its structure and the checks (a broken reference, a declared count that does not match), inserts
// an article (the following ones are renumbered), compares with the previous version article by
// article, attaches a review opinion and exports the revised draft as DOCX. Needs Debian's Chromium
// and the built web app.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import mammoth from 'mammoth';
import { DEMO_PASSWORD } from '../harness.ts';
import { type Session, button, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

const DRAFT = [
  '鹤壁市河道巡查管理条例',
  '（草案）',
  '第一章　总则',
  '第一条　为了加强河道巡查管理，保障防洪安全，制定本条例。',
  '第二条　本条例适用于本市行政区域内河道的巡查管理。',
  '第二章　巡查措施',
  '第三条　河道管理单位应当依照本条例第九十条的规定巡查河道。',
  '第四条　禁止在河道管理范围内倾倒垃圾、渣土。',
  '第五条　本条例自公布之日起施行。',
].join('\n');

void describe('drafter: import, check, edit, compare, review and export a draft', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let dir: string;
  before(async () => {
    s = await startBrowserSession();
    dir = mkdtempSync(join(tmpdir(), 'yishi-drafter-'));
    const d = new Document({ sections: [{ children: DRAFT.split('\n').map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
    writeFileSync(join(dir, 'draft.docx'), await Packer.toBuffer(d));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await s.close();
  });

  test('journey 8', { timeout: 240_000 }, async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 1280, height: 900 });
    try {
      await signIn(page, s.base, 'admin', DEMO_PASSWORD);
      await page.waitForURL(/\/app\/hebi\//);
      await page.getByRole('menuitem', { name: '法规起草' }).click();
      await page.waitForURL(/\/app\/hebi\/legislation$/);

      // Import from DOCX, with the explanation whose declared counts are checked.
      await page.getByTestId('import-docx').click();
      await page.getByTestId('import-title').fill('鹤壁市河道巡查管理条例');
      await page.getByTestId('import-file').setInputFiles(join(dir, 'draft.docx'));
      await page.getByTestId('import-explanation').fill('《条例（草案）》共三章十二条。');
      await page.getByTestId('import-submit').click();
      await page.waitForURL(/\/legislation\/expressions\/[^/]+$/);
      await page.getByTestId('expression-title').filter({ hasText: '鹤壁市河道巡查管理条例（草案）' }).waitFor();
      assert.match(await page.getByTestId('structure-counts').innerText(), /2章 5条/);

      // The checks: the broken reference and the declared count; a click goes to the place.
      await page.getByRole('tab', { name: /检查结果/ }).click();
      const reference = page.getByTestId('finding-reference');
      await reference.waitFor();
      assert.match(await reference.innerText(), /第九十条/);
      assert.match(await page.getByTestId('finding-declared-count').innerText(), /三章十二条|3/);
      await reference.getByRole('button').click();
      await page.getByTestId('draft-art_3').waitFor();
      assert.ok(await page.getByTestId('draft-art_3').isVisible());

      // Insert an article after article 2: articles 3–5 become 4–6; the revision is the next version.
      const firstUrl = page.url();
      await page.getByTestId('insert-art_2').click();
      await page.getByTestId('article-heading').fill('巡查制度');
      await page.getByTestId('article-text').fill('河道管理单位应当建立日常巡查制度。');
      // The server's answer first: a refusal would show here, not as a navigation timeout.
      const [saved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/revisions') && r.request().method() === 'POST'), page.getByTestId('article-save').click()]);
      assert.equal(saved.status(), 201, await saved.text());
      await page.waitForURL((u) => u.toString() !== firstUrl && /\/expressions\//.test(u.toString()));
      await page.getByTestId('expression-title').filter({ hasText: '草案修改稿' }).waitFor();
      assert.match(await page.getByTestId('draft-art_3').innerText(), /第三条【巡查制度】[\s\S]*日常巡查制度/);
      assert.match(await page.getByTestId('draft-art_4').innerText(), /第四条[\s\S]*依照本条例第九十条/);
      assert.match(await page.getByTestId('structure-counts').innerText(), /2章 6条/);

      // Compare with the previous version, article by article.
      await page.getByRole('tab', { name: '与上一版本比较' }).click();
      await page.getByTestId('compare-inserted').filter({ hasText: '新增 1' }).waitFor();
      assert.ok((await page.getByTestId('change-inserted').count()) === 1);
      assert.match(await page.getByTestId('compare-summary').innerText(), /重新编号 3/);

      // Who changed what: both versions with their author, the revision with the article it inserted.
      await page.getByRole('tab', { name: '修改记录' }).click();
      await page.getByTestId('history-change').filter({ hasText: '新增 第三条【巡查制度】' }).waitFor();
      assert.equal(await page.getByTestId('history-version').count(), 2);
      assert.ok((await page.getByTestId('history-author').allInnerTexts()).every((x) => x.trim().length > 0 && x !== '（未记录）'));

      // A review opinion on the new article.
      await page.getByRole('tab', { name: '结构' }).click();
      await page.getByTestId('opinion-art_3').click();
      await page.getByTestId('opinion-text').fill('建议明确巡查频次。');
      await page.getByTestId('opinion-save').click();
      await page.getByTestId('draft-art_3').getByTestId('opinion').filter({ hasText: '建议明确巡查频次' }).waitFor();

      // Export the revised draft as DOCX.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-docx').click()]);
      const file = join(dir, 'revised.docx');
      await download.saveAs(file);
      const bytes = readFileSync(file);
      assert.equal(bytes.subarray(0, 2).toString(), 'PK');
      const { value } = await mammoth.extractRawText({ buffer: bytes });
      assert.match(value, /草案修改稿/);
      assert.match(value, /第三条【巡查制度】/);
      assert.match(value, /第六条/);
      assert.equal(await button(page, '导出 DOCX').count(), 1);

      // The revised draft goes out for public comment; the drafter sees the comments per article and answers.
      await page.getByRole('tab', { name: '公开征求意见' }).click();
      await button(page, '发布征求意见').click();
      await page.getByText('征求意见中').waitFor();
      const list = await s.t.request('GET', `/api/v1/congresses/${s.t.hebiId}/consultations`);
      const k = (list.body as { id: string; title: string }[]).find((x) => x.title.includes('河道巡查'));
      assert.ok(k);
      const posted = await s.t.request('POST', `/api/v1/congresses/${s.t.hebiId}/consultations/${k.id}/comments`, {
        body: { anchorEId: 'art_3', name: '刘一', phone: '13800001234', text: '建议每周至少巡查一次。' },
      });
      assert.equal(posted.status, 201);
      // A second comment quotes words of the article's paragraph.
      const view = await s.t.request('GET', `/api/v1/congresses/${s.t.hebiId}/consultations/${k.id}`);
      const para = (view.body.articles as { eId: string; paragraphs: { eId: string; text: string }[] }[]).find((a) => a.eId === 'art_3')?.paragraphs[0];
      assert.ok(para);
      const quote = para.text.slice(0, 4);
      const quoted = await s.t.request('POST', `/api/v1/congresses/${s.t.hebiId}/consultations/${k.id}/comments`, {
        body: { anchorEId: para.eId, name: '陈二', phone: '13800001235', text: '这几个字的含义需要再明确一些。', span: { start: 0, end: 4, quote } },
        ip: '10.20.0.2',
      });
      assert.equal(quoted.status, 201, JSON.stringify(quoted.body));
      await page.reload();
      await page.getByRole('tab', { name: '公开征求意见' }).click();
      await page.getByTestId('per-article').filter({ hasText: '第三条 2' }).waitFor();
      await page.getByTestId('staff-comment-quote').filter({ hasText: quote }).waitFor();
      await page.getByTestId('comment-reply').first().click();
      await page.getByTestId('text-input').fill('已采纳，修改稿将明确巡查频次。');
      await page.getByTestId('text-save').click();
      await page.getByTestId('staff-comment').filter({ hasText: '已采纳，修改稿将明确巡查频次' }).waitFor();
      const pub = await s.t.request('GET', `/api/v1/congresses/${s.t.hebiId}/consultations/${k.id}`);
      assert.equal(pub.body.published[0].reply, '已采纳，修改稿将明确巡查频次。');
      // The drafter marks a representative comment and downloads the summary per article for the committee.
      await page.getByTestId('comment-representative').first().click();
      await page.locator('[data-testid="comment-representative"][aria-pressed="true"]').waitFor();
      const [summary] = await Promise.all([page.waitForEvent('download'), page.getByTestId('consultation-report').click()]);
      const summaryFile = join(dir, 'summary.docx');
      await summary.saveAs(summaryFile);
      const summaryText = (await mammoth.extractRawText({ buffer: readFileSync(summaryFile) })).value;
      assert.match(summaryText, /公开征求意见情况汇总/);
      assert.match(summaryText, /第三条【巡查制度】（2条意见）/);
      assert.match(summaryText, /代表性意见：/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the editor keeps unsaved text, and an article moves to the start of another chapter', { timeout: 120_000 }, async () => {
    const admin = await s.t.login('admin');
    const leg = `/api/v1/congresses/${s.t.hebiId}/legislation`;
    const work = (await s.api('POST', `${leg}/works`, admin, { title: '鹤壁市河道保洁管理条例' })) as { id: string };
    const text = DRAFT.replaceAll('巡查', '保洁').replace('第九十条', '第四条');
    const expr = (await s.api('POST', `${leg}/works/${work.id}/expressions`, admin, { stage: 'draft', format: 'text', text })) as { id: string };
    const { context, page, errors } = await openPage(s.browser, { width: 1280, height: 900 });
    try {
      await signIn(page, s.base, 'admin', DEMO_PASSWORD);
      await page.waitForURL(/\/app\/hebi\//);
      await page.goto(`${s.base}/app/hebi/legislation/expressions/${expr.id}`);
      await page.getByTestId('draft-art_4').waitFor();

      // Autosave: what was typed survives closing the editor (and the page); it can be discarded.
      await page.getByTestId('edit-art_2').click();
      await page.getByTestId('article-text').fill('本条例适用于本市行政区域内河道的保洁和监督管理。');
      await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.reload();
      await page.getByTestId('edit-art_2').click();
      await page.getByTestId('article-restored').waitFor();
      assert.equal(await page.getByTestId('article-text').inputValue(), '本条例适用于本市行政区域内河道的保洁和监督管理。');
      await page.getByTestId('article-discard').click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.getByTestId('edit-art_2').click();
      assert.equal(await page.getByTestId('article-restored').count(), 0);
      assert.match(await page.getByTestId('article-text').inputValue(), /本条例适用于本市行政区域内河道的保洁管理。/);
      await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });

      // Move: article 4 to the start of chapter 2; article 3 cited it as 第四条 and now cites 第三条.
      const firstUrl = page.url();
      await page.getByTestId('move-art_4').click();
      await page.getByTestId('move-target').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '本章开头' }).nth(1).click();
      const [moved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/revisions') && r.request().method() === 'POST'), page.getByTestId('move-save').click()]);
      assert.equal(moved.status(), 201, await moved.text());
      await page.waitForURL((u) => u.toString() !== firstUrl);
      await page.getByTestId('expression-title').filter({ hasText: '草案修改稿' }).waitFor();
      assert.match(await page.getByTestId('draft-art_3').innerText(), /第三条[\s\S]*禁止在河道管理范围内倾倒垃圾/);
      assert.match(await page.getByTestId('draft-art_4').innerText(), /第四条[\s\S]*依照本条例第三条的规定/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

// Public consultation through HTTP, continued: comments need the phone's one-time code when the
// congress requires phone verification (PV-1, the opinions module's adapter); comments on a selected
// span of a paragraph (C-7); the summary per article for the committee, as JSON and as a DOCX that
// LibreOffice converts to PDF with its Chinese text intact (C-8). SQLite or PostgreSQL (DATABASE_URL).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importDemoConsultation } from '../server/modules/legislation/consultation.demo.ts';
import { type TestApp, dbKind, startTestApp } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SEED = resolve(ROOT, '../shared/seed/000_5afcf154fdbded78.txt');

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const needTool = (cmd: string): string | false => (has(cmd) || process.env.CI ? false : `${cmd} is not installed`);

let t: TestApp;
let admin: string;
let office: string;
let consultationId: string;
let seq = 0;
const phone = (): string => `139${String(30_000_000 + seq++).slice(-8)}`;
const ip = (): string => `10.9.${String(Math.floor(seq / 200))}.${String(seq % 200)}`;
const C = (): string => `/api/v1/congresses/${t.hebiId}`;
const pub = (): string => `${C()}/consultations`;
const leg = (): string => `${C()}/legislation`;
const comment = (body: Record<string, unknown>) => t.request('POST', `${pub()}/${consultationId}/comments`, { body, ip: ip() });
const commentCount = async (): Promise<number> =>
  Number((await t.yishi.handle.db.selectFrom('legislation_comments').select((e) => e.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

interface Para {
  eId: string;
  text: string;
  items: { eId: string; text: string }[];
}
interface Art {
  eId: string;
  numText: string;
  paragraphs: Para[];
}
const article = async (numText: string): Promise<Art> => {
  const v = await t.request('GET', `${pub()}/${consultationId}`);
  return (v.body.articles as Art[]).find((a) => a.numText === numText) as Art;
};

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
  const r = await importDemoConsultation({ db: t.yishi.handle.db, hub: t.yishi.hub }, t.hebiId, SEED);
  assert.ok(r.consultationId);
  consultationId = r.consultationId;
});
after(async () => t.close());

void describe(`consultation comments on ${dbKind}`, () => {
  void test('PV-1 with phone verification on, a comment needs the phone\'s one-time code; off, it does not', async () => {
    const a26 = await article('第二十六条');
    const text = '建议在汛前检查中增加对排涝泵站的检查。';
    assert.equal((await t.request('GET', `${pub()}/${consultationId}`)).body.phoneVerification, false);
    assert.equal((await comment({ anchorEId: a26.eId, name: '王小明', phone: phone(), text })).status, 201);

    const on = await t.request('PUT', `${C()}/intake-settings`, { token: office, body: { perIpPerHour: 1000, perPhonePerDay: 1000, retentionYears: 5, requirePhoneVerification: true } });
    assert.equal(on.status, 200, JSON.stringify(on.body));
    assert.equal((await t.request('GET', `${pub()}/${consultationId}`)).body.phoneVerification, true);
    const p = phone();
    const n = await commentCount();
    const missing = await comment({ anchorEId: a26.eId, name: '李四', phone: p, text });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.code, 'PHONE_CODE_REQUIRED');
    // The citizen asks for a code through the opinions intake; without an SMS gateway the office reads it out.
    delete process.env.YISHI_SMS_URL;
    const issued = await t.request('POST', '/api/v1/opinions/phone-codes', { body: { congressId: t.hebiId, phone: p } });
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    assert.equal(issued.body.via, 'office');
    const pending = await t.request('GET', `${C()}/phone-codes`, { token: office });
    const code = (pending.body as { phone: string; code: string }[]).find((x) => x.phone.endsWith(p.slice(-4)))?.code ?? '';
    assert.match(code, /^\d{6}$/);
    const wrong = await comment({ anchorEId: a26.eId, name: '李四', phone: p, text, verificationCode: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.code, 'PHONE_CODE_WRONG');
    // Another phone's code does not do.
    const other = await comment({ anchorEId: a26.eId, name: '李四', phone: phone(), text, verificationCode: code });
    assert.equal(other.status, 422);
    assert.equal(await commentCount(), n);
    const ok = await comment({ anchorEId: a26.eId, name: '李四', phone: p, text, verificationCode: code });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    // A code is used once.
    const again = await comment({ anchorEId: a26.eId, name: '李四', phone: p, text, verificationCode: code });
    assert.equal(again.status, 422);
    assert.equal(again.body.code, 'PHONE_CODE_EXPIRED');
    assert.equal(await commentCount(), n + 1);

    const off = await t.request('PUT', `${C()}/intake-settings`, { token: office, body: { perIpPerHour: 1000, perPhonePerDay: 1000, retentionYears: 5, requirePhoneVerification: false } });
    assert.equal(off.status, 200);
    assert.equal((await comment({ anchorEId: a26.eId, name: '王小明', phone: phone(), text })).status, 201);
  });

  void test('C-7 a comment on a selected span of a paragraph: the quote is checked against the text and shown with the comment', async () => {
    const a26 = await article('第二十六条');
    const para = a26.paragraphs[0] as Para;
    const start = para.text.indexOf('汛前组织河道安全');
    assert.ok(start >= 0);
    const quote = '河道安全';
    const span = { start: start + 4, end: start + 8, quote };
    assert.equal(para.text.slice(span.start, span.end), quote);
    const text = '“河道安全”检查的范围应当写明，包括堤防和涵闸。';
    const r = await comment({ anchorEId: para.eId, name: '张三', phone: phone(), text, span });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(r.body.anchorCite, /^第二十六条/);
    const v = await t.request('GET', `${pub()}/${consultationId}`);
    const shown = (v.body.published as { id: string; span: unknown; articleEId: string }[]).find((c) => c.id === r.body.id);
    assert.deepEqual(shown?.span, span);
    assert.equal(shown?.articleEId, a26.eId);
    // The whole-article comment carries no span.
    assert.ok((v.body.published as { span: unknown }[]).some((c) => c.span === null));
    const staff = await t.request('GET', `${leg()}/consultations/${consultationId}/comments`, { token: admin });
    assert.deepEqual((staff.body.comments as { id: string; span: unknown }[]).find((c) => c.id === r.body.id)?.span, span);

    const n = await commentCount();
    const mismatch = await comment({ anchorEId: para.eId, name: '张三', phone: phone(), text, span: { ...span, quote: '河道管理' } });
    assert.equal(mismatch.status, 422);
    assert.equal(mismatch.body.code, 'SPAN_MISMATCH');
    assert.equal(mismatch.body.rule, 'C-7');
    const outside = await comment({ anchorEId: para.eId, name: '张三', phone: phone(), text, span: { start: para.text.length - 1, end: para.text.length + 3, quote: `${para.text.slice(-1)}abc` } });
    assert.equal(outside.status, 422);
    assert.equal(outside.body.code, 'SPAN_OUT_OF_RANGE');
    const onArticle = await comment({ anchorEId: a26.eId, name: '张三', phone: phone(), text, span });
    assert.equal(onArticle.status, 422);
    assert.equal(onArticle.body.code, 'SPAN_NEEDS_TEXT');
    const malformed = await comment({ anchorEId: para.eId, name: '张三', phone: phone(), text, span: { start: 1 } });
    assert.equal(malformed.status, 400);
    assert.equal(await commentCount(), n);
  });

  void test('C-8 the summary per article: count, themes, representative comments (marked, else the longest); only the drafters read it', async () => {
    const a27 = await article('第二十七条');
    const texts = ['建议明确防汛物资储备的标准和数量。', '防汛物资应当定期检查更新，防止过期失效。', '防汛物资的储备地点应当向社会公开。'];
    const ids: string[] = [];
    for (const text of texts) {
      const r = await comment({ anchorEId: a27.eId, name: '周八', phone: phone(), text });
      assert.equal(r.status, 201);
      ids.push(r.body.id as string);
    }
    const url = `${leg()}/consultations/${consultationId}/report`;
    assert.equal((await t.request('GET', url)).status, 404);
    const r = await t.request('GET', url, { token: admin });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.documentTitle, '鹤壁市卫河保护条例');
    const s27 = (r.body.articles as { eId: string; comments: number; themes: { word: string; count: number }[]; representative: { id: string; marked: boolean }[] }[]).find((a) => a.eId === a27.eId);
    assert.equal(s27?.comments, 3);
    assert.deepEqual(s27?.themes[0], { word: '防汛', count: 3 });
    // Nobody marked one: the longest three.
    assert.equal(s27?.representative.length, 3);
    assert.ok(s27?.representative.every((m) => !m.marked));
    const s26 = (r.body.articles as { eId: string; representative: { quote: string | null }[] }[]).find((a) => a.eId === (a27.eId === 'art_27' ? 'art_26' : ''));
    assert.ok(s26?.representative.some((m) => m.quote === '河道安全'));

    const mark = await t.request('POST', `${leg()}/comments/${ids[2] ?? ''}/representative`, { token: admin, body: { representative: true } });
    assert.equal(mark.status, 200, JSON.stringify(mark.body));
    assert.equal(mark.body.representative, true);
    const byMember = await t.request('POST', `${leg()}/comments/${ids[2] ?? ''}/representative`, { token: await t.login('m30'), body: { representative: false } });
    assert.equal(byMember.status, 403);
    const after2 = await t.request('GET', url, { token: admin });
    const m27 = (after2.body.articles as { eId: string; representative: { id: string; marked: boolean }[] }[]).find((a) => a.eId === a27.eId);
    assert.deepEqual(m27?.representative.map((m) => [m.id, m.marked]), [[ids[2], true]]);
    const audit = await t.yishi.handle.db.selectFrom('audit_log').select('action').where('action', '=', 'legislation.comment.representative').execute();
    assert.equal(audit.length, 1);
  });

  void test('C-8 the summary as DOCX opens in LibreOffice and converts to PDF with its Chinese text intact', { skip: needTool('soffice') || needTool('pdftotext') }, async () => {
    const r = await t.yishi.app.inject({ method: 'GET', url: `${leg()}/consultations/${consultationId}/report?format=docx`, headers: { authorization: `Bearer ${admin}` } });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /wordprocessingml/);
    const dir = mkdtempSync(join(tmpdir(), 'yishi-report-'));
    try {
      writeFileSync(join(dir, 'report.docx'), r.rawPayload);
      const env = { ...process.env, HOME: dir };
      execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { env, stdio: 'ignore', timeout: 180_000 });
      assert.equal(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString(), '%PDF-');
      execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'report.pdf'), join(dir, 'report.txt')], { timeout: 60_000 });
      const txt = readFileSync(join(dir, 'report.txt'), 'utf8').replace(/\s+/g, '');
      assert.match(txt, /《鹤壁市卫河保护条例》公开征求意见情况汇总/);
      assert.match(txt, /第二十七条【[^】]+】（3条意见）/);
      assert.match(txt, /主要关注：防汛（3）/);
      assert.match(txt, /防汛物资的储备地点应当向社会公开。（周\*）/);
      assert.match(txt, /针对“河道安全”：/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

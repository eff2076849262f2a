// Who changed what, and the Legal Committee's report, through HTTP: each version of a work with its
// author, time and changed articles (L-7); between two texts, each changed article with the review
// opinions anchored to it and their status, as JSON and as a DOCX (L-5). SQLite or PostgreSQL.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TestApp, dbKind, startTestApp } from './harness.ts';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const needTool = (cmd: string): string | false => (has(cmd) || process.env.CI ? false : `${cmd} is not installed`);

const TEXT = `鹤壁市测试管理条例（草案）
第一条 为了加强测试管理，制定本条例。
第二条 本条例适用于本市行政区域内的测试活动。
第三条 市人民政府负责测试工作的组织实施。
第四条 本条例自公布之日起施行。`;

let t: TestApp;
let admin: string;
let member: string;
let workId: string;
const ids: string[] = [];
const leg = (): string => `/api/v1/congresses/${t.hebiId}/legislation`;
async function ok(method: string, url: string, body?: unknown, token = admin) {
  const r = await t.request(method, url, { token, body });
  assert.ok(r.status < 300, `${method} ${url} → ${String(r.status)} ${JSON.stringify(r.body)}`);
  return r.body;
}

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  member = await t.login('m30');
  workId = (await ok('POST', `${leg()}/works`, { title: '鹤壁市测试管理条例' })).id as string;
  ids.push((await ok('POST', `${leg()}/works/${workId}/expressions`, { stage: 'draft', format: 'text', text: TEXT })).id as string);
  // Review opinions on the draft: one adopted (article 2 is rewritten), one not adopted (article 3 stays).
  const o2 = await ok('POST', `${leg()}/expressions/${ids[0] ?? ''}/opinions`, { anchorEId: 'art_2', text: '适用范围应当包括本市管理的测试设施。', bodyName: '法制委员会' });
  await ok('POST', `${leg()}/opinions/${o2.id as string}/decision`, { status: 'adopted' });
  const o3 = await ok('POST', `${leg()}/expressions/${ids[0] ?? ''}/opinions`, { anchorEId: 'art_3', text: '建议由市人大常委会负责组织实施。', bodyName: '农业与农村委员会' });
  await ok('POST', `${leg()}/opinions/${o3.id as string}/decision`, { status: 'not_adopted', reason: '组织实施属于政府职责' });
  const r1 = await ok('POST', `${leg()}/expressions/${ids[0] ?? ''}/revisions`, { op: 'replace', eId: 'art_2', paragraphs: ['本条例适用于本市行政区域内的测试活动和测试设施的管理。'] });
  ids.push(r1.expression.id as string);
  const r2 = await ok('POST', `${leg()}/expressions/${ids[1] ?? ''}/revisions`, { op: 'insert', afterEId: 'art_3', heading: null, paragraphs: ['测试单位应当建立安全制度。'] });
  ids.push(r2.expression.id as string);
});
after(async () => t.close());

void describe(`who changed what and the committee's report on ${dbKind}`, () => {
  void test('L-7 the history lists each version with its author, time and the articles changed', async () => {
    const h = (await ok('GET', `${leg()}/works/${workId}/history`)) as {
      expression: { id: string; label: string | null };
      author: string | null;
      at: string;
      previousId: string | null;
      changes: { status: string; from: string | null; to: string | null }[];
      renumbered: number;
    }[];
    assert.deepEqual(h.map((v) => v.expression.id), ids);
    const adminName = (await t.yishi.handle.db.selectFrom('users').select('display_name').where('username', '=', 'admin').executeTakeFirstOrThrow()).display_name;
    assert.ok(h.every((v) => v.author === adminName));
    assert.ok(h.every((v) => /^\d{4}-\d\d-\d\dT/.test(v.at)));
    assert.equal(h[0]?.previousId, null);
    assert.deepEqual(h[0]?.changes, []);
    assert.equal(h[1]?.previousId, ids[0]);
    assert.deepEqual(h[1]?.changes.map((c) => [c.status, c.from, c.to]), [['changed', '第二条', '第二条']]);
    assert.deepEqual(h[2]?.changes.map((c) => [c.status, c.from, c.to]), [['inserted', null, '第四条']]);
    assert.equal(h[2]?.renumbered, 1);
    // Drafts are internal: the public does not see the history.
    assert.equal((await t.request('GET', `${leg()}/works/${workId}/history`)).status, 404);
    assert.equal((await t.request('GET', `${leg()}/works/no-such-work/history`, { token: admin })).status, 404);
    assert.equal((await t.request('GET', `${leg()}/works/${workId}/history`, { token: member })).status, 200);
  });

  void test('L-5 the report lists each changed article with the opinions behind it and their status', async () => {
    const r = await ok('GET', `${leg()}/change-report?from=${ids[0] ?? ''}&to=${ids[2] ?? ''}`);
    const changes = r.changes as { status: string; from: string | null; to: string | null; opinions: { text: string; status: string; bodyName: string; reason: string | null }[] }[];
    assert.deepEqual(changes.map((c) => [c.status, c.from, c.to]), [
      ['changed', '第二条', '第二条'],
      ['inserted', null, '第四条'],
    ]);
    assert.deepEqual(changes[0]?.opinions.map((o) => [o.bodyName, o.status]), [['法制委员会', 'adopted']]);
    assert.deepEqual(changes[1]?.opinions, []);
    const kept = r.unchangedWithOpinions as { from: string; opinions: { status: string; reason: string | null }[] }[];
    assert.equal(kept.length, 1);
    assert.equal(kept[0]?.from, '第三条');
    assert.deepEqual(kept[0]?.opinions.map((o) => [o.status, o.reason]), [['not_adopted', '组织实施属于政府职责']]);
    const reversed = await t.request('GET', `${leg()}/change-report?from=${ids[2] ?? ''}&to=${ids[0] ?? ''}`, { token: admin });
    assert.equal(reversed.status, 422);
    assert.equal(reversed.body.code, 'NOT_LATER_VERSION');
    assert.equal((await t.request('GET', `${leg()}/change-report?from=${ids[0] ?? ''}&to=${ids[2] ?? ''}`)).status, 404);
  });

  void test('L-5 the report as DOCX opens in LibreOffice with its Chinese text intact', { skip: needTool('soffice') || needTool('pdftotext') }, async () => {
    const r = await t.yishi.app.inject({ method: 'GET', url: `${leg()}/change-report?from=${ids[0] ?? ''}&to=${ids[2] ?? ''}&format=docx`, headers: { authorization: `Bearer ${admin}` } });
    assert.equal(r.statusCode, 200);
    const dir = mkdtempSync(join(tmpdir(), 'yishi-changes-'));
    try {
      writeFileSync(join(dir, 'changes.docx'), r.rawPayload);
      execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'changes.docx')], { env: { ...process.env, HOME: dir }, stdio: 'ignore', timeout: 180_000 });
      execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'changes.pdf'), join(dir, 'changes.txt')], { timeout: 60_000 });
      const txt = readFileSync(join(dir, 'changes.txt'), 'utf8').replace(/\s+/g, '');
      assert.match(txt, /关于《鹤壁市测试管理条例》修改情况的报告/);
      assert.match(txt, /第二条：修改/);
      assert.match(txt, /法制委员会：适用范围应当包括本市管理的测试设施。（已采纳）/);
      assert.match(txt, /第四条：新增/);
      assert.match(txt, /未作修改的审议意见/);
      assert.match(txt, /（未采纳，理由：组织实施属于政府职责）/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

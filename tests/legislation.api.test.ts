// Legislation through HTTP: parse (public), works and expressions (text, Markdown, DOCX as base64 or
// multipart), review opinions on articles that follow them across drafts, comparison and exports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import mammoth from 'mammoth';
import { type TestApp, startTestApp } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..');
const seed = readFileSync(resolve(ROOT, '../shared/seed/000_5afcf154fdbded78.txt'), 'utf8').split('\n');
const slice = (a: number, b: number): string => seed.slice(a - 1, b).join('\n');
const draft1 = readFileSync(resolve(ROOT, 'tests/fixtures/legislation/park-draft-1.txt'), 'utf8');
const draft2 = readFileSync(resolve(ROOT, 'tests/fixtures/legislation/park-draft-2.txt'), 'utf8');
const XSD = resolve(ROOT, 'tests/fixtures/akn/akomantoso30.xsd');

const has = (cmd: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
/** External tools the export checks need; CI installs them (.ci/run) and must not skip. */
const needTool = (cmd: string): string | false => (has(cmd) || process.env.CI ? false : `${cmd} is not installed`);

let t: TestApp;
let admin: string;
let drafter: string; // committee role, member of 法制委员会
let reviewer: string; // committee role, member of 农业与农村委员会
let member: string;
let agricultureId: string;
const base = () => `/api/v1/congresses/${t.hebiId}/legislation`;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  member = await t.login('m30');
  const bodies = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/bodies`)).body as { id: string; name: string }[];
  const legal = bodies.find((b) => b.name === '法制委员会')!;
  agricultureId = bodies.find((b) => b.name === '农业与农村委员会')!.id;
  for (const [username, bodyId] of [
    ['drafter', legal.id],
    ['reviewer', agricultureId],
  ] as const) {
    const person = await t.request('POST', `/api/v1/congresses/${t.hebiId}/people`, { token: admin, body: { name: username === 'drafter' ? '起草人' : '审议人' } });
    assert.equal(person.status, 201, JSON.stringify(person.body));
    const m = await t.request('POST', `/api/v1/congresses/${t.hebiId}/memberships`, { token: admin, body: { bodyId, personId: person.body.id, role: 'member' } });
    assert.equal(m.status, 201, JSON.stringify(m.body));
    const u = await t.request('POST', `/api/v1/congresses/${t.hebiId}/users`, {
      token: admin,
      body: { username, displayName: username, personId: person.body.id, password: 'pass-for-tests-1', roles: ['committee'] },
    });
    assert.equal(u.status, 201, JSON.stringify(u.body));
  }
  drafter = await t.login('drafter', 'pass-for-tests-1');
  reviewer = await t.login('reviewer', 'pass-for-tests-1');
});
after(() => t.close());

async function rowCount(table: 'legislation_works' | 'legislation_expressions' | 'legislation_review_opinions'): Promise<number> {
  const r = await t.yishi.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return r.n;
}

async function raw(method: 'GET' | 'POST', url: string, token?: string, payload?: Buffer, headers: Record<string, string> = {}) {
  const r = await t.yishi.app.inject({ method, url, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(payload ? { payload } : {}) });
  return { status: r.statusCode, headers: r.headers, body: r.rawPayload };
}

/** One entry of a ZIP archive (a DOCX part), read through its central directory. */
function zipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(eocd + 16);
  for (let k = 0; k < zip.readUInt16LE(eocd + 10); k++) {
    const nameLen = zip.readUInt16LE(p + 28);
    const entry = zip.subarray(p + 46, p + 46 + nameLen).toString();
    if (entry === name) {
      const local = zip.readUInt32LE(p + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + zip.readUInt32LE(p + 20));
      return (zip.readUInt16LE(p + 10) === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  throw new Error(`${name} not in the archive`);
}

async function docxOf(text: string): Promise<Buffer> {
  const d = new Document({ sections: [{ children: text.split('\n').map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  return Packer.toBuffer(d);
}

void test('parseLegislation is public and returns the structure of the rules of procedure, with the declared-count finding', async () => {
  const r = await t.request('POST', '/api/v1/legislation/parse', { body: { text: slice(1043, 1289), explanation: slice(1291, 1338) } });
  assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
  assert.equal(r.body.title, '鹤壁市人民代表大会常务委员会议事规则');
  assert.equal(r.body.chapters.length, 8);
  assert.equal(r.body.articles.length, 47);
  assert.deepEqual(r.body.chapters.map((c: { articles: unknown[] }) => c.articles.length), [6, 10, 13, 5, 5, 5, 1, 2]);
  assert.equal(r.body.articles[29].paragraphs[1].items.length, 10);
  assert.deepEqual(r.body.articles[29].paragraphs[1].items[0], { num: 1, text: r.body.articles[29].paragraphs[1].items[0].text, eId: 'art_30__para_2__item_1' });
  const declared = r.body.findings.filter((f: { kind: string }) => f.kind === 'declared-count');
  assert.equal(declared.length, 1);
  assert.match(declared[0].message, /九章五十二条/);
  assert.match(declared[0].messageEn, /9 chapters/);
});

void test('parseLegislation: Markdown corpus file, 之一 as 20.1, headings before and after the number', async () => {
  const md = readFileSync(resolve(ROOT, '../shared/reference/corpus-hebi/鹤壁市大气污染防治条例(2019-02-01).md'), 'utf8');
  const r = await t.request('POST', '/api/v1/legislation/parse', { body: { text: md, format: 'markdown' } });
  assert.equal(r.status, 200);
  assert.deepEqual([r.body.chapters.length, r.body.articles.length, r.body.counts.sections, r.body.counts.paragraphs, r.body.counts.items], [6, 59, 5, 103, 15]);
  assert.equal(r.body.chapters[2].sections.length, 5);
  const s = await t.request('POST', '/api/v1/legislation/parse', { body: { text: '第二十条【甲】 甲。\n【乙】第二十条之一 乙。\n第二十一条 丙。' } });
  assert.deepEqual(
    s.body.articles.map((a: { num: number; heading?: string }) => [a.num, a.heading]),
    [
      [20, '甲'],
      [20.1, '乙'],
      [21, undefined],
    ],
  );
});

void test('parseLegislation refuses oversized input with 413 and a clear message', async () => {
  const big = await t.request('POST', '/api/v1/legislation/parse', { token: drafter, body: { text: '第一条 内容。'.repeat(50_000) } });
  assert.equal(big.status, 413);
  assert.equal(big.body.code, 'TEXT_TOO_LARGE');
  assert.match(big.body.message_zh, /文本过长/);
  const huge = await t.request('POST', '/api/v1/legislation/parse', { token: drafter, rawBody: JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) }) });
  assert.equal(huge.status, 413);
  const bad = await t.request('POST', '/api/v1/legislation/parse', { body: { text: '第一条 内容。', format: 'pdf' } });
  assert.equal(bad.status, 400);
});

let workId: string;
let d1: string;
let d2: string;

void test('works and expressions: the legal committee writes, members read, others are refused', async () => {
  assert.equal((await t.request('POST', `${base()}/works`, { body: { title: '鹤壁市公园管理条例' } })).status, 401);
  assert.equal((await t.request('POST', `${base()}/works`, { token: member, body: { title: '鹤壁市公园管理条例' } })).status, 403);
  assert.equal((await t.request('POST', `${base()}/works`, { token: reviewer, body: { title: '鹤壁市公园管理条例' } })).status, 403);
  const w = await t.request('POST', `${base()}/works`, { token: drafter, body: { title: '鹤壁市公园管理条例' } });
  assert.equal(w.status, 201, JSON.stringify(w.body));
  workId = w.body.id;
  const e1 = await t.request('POST', `${base()}/works/${workId}/expressions`, { token: drafter, body: { stage: 'draft', format: 'text', text: draft1 } });
  assert.equal(e1.status, 201, JSON.stringify(e1.body));
  assert.deepEqual([e1.body.seq, e1.body.title, e1.body.label, e1.body.counts.articles], [1, '鹤壁市城市公园管理条例', '草案', 28]);
  d1 = e1.body.id;
  const e2 = await t.request('POST', `${base()}/works/${workId}/expressions`, { token: admin, body: { stage: 'revised_draft', format: 'text', text: draft2, explanation: slice(1470, 1500) } });
  assert.equal(e2.status, 201);
  d2 = e2.body.id;
  assert.deepEqual([e2.body.seq, e2.body.stageZh, e2.body.counts.items], [2, '草案修改稿', 30]);

  const list = await t.request('GET', `${base()}/works`, { token: member });
  assert.equal(list.status, 200);
  assert.equal(list.body.length, 1);
  assert.equal(list.body[0].expressions.length, 2);
  // The public sees no drafts at all.
  assert.deepEqual((await t.request('GET', `${base()}/works`)).body, []);
  assert.equal((await t.request('GET', `${base()}/expressions/${d1}`)).status, 404);
  const g = await t.request('GET', `${base()}/expressions/${d2}`, { token: member });
  assert.equal(g.status, 200);
  assert.equal(g.body.document.articles.length, 28);
  assert.equal(g.body.document.articles[21].paragraphs[1].items[1].eId, 'art_22__para_2__item_2');
  // Stable ids: 行为规范 was 第二十一条 in the first draft and keeps that identity as 第二十二条.
  const a22 = (g.body.tree as { body: { wId: string; heading: string }[] }).body.find((a) => a.heading === '行为规范');
  assert.equal(a22?.wId, 'art_21');

  const audit = await t.yishi.handle.db.selectFrom('audit_log').select('action').where('action', 'like', 'legislation.%').execute();
  assert.deepEqual(audit.map((a) => a.action).sort(), ['legislation.expression.created', 'legislation.expression.created', 'legislation.work.created']);
});

let opinionId: string;

void test('review opinions are anchored to an article, follow it into the next draft, and are decided with reasons', async () => {
  // 服务监督 is 第二十条 in the first draft.
  const bad = await t.request('POST', `${base()}/expressions/${d1}/opinions`, { token: reviewer, body: { anchorEId: 'art_99', text: '建议修改。', bodyId: agricultureId } });
  assert.equal(bad.status, 422);
  assert.equal((await t.request('POST', `${base()}/expressions/${d1}/opinions`, { token: member, body: { anchorEId: 'art_20', text: '建议。', bodyName: '某委员' } })).status, 403);
  const o = await t.request('POST', `${base()}/expressions/${d1}/opinions`, {
    token: reviewer,
    body: { anchorEId: 'art_20', text: '建议公布服务监督电话的同时公布受理时限。', bodyId: agricultureId },
  });
  assert.equal(o.status, 201, JSON.stringify(o.body));
  assert.deepEqual([o.body.anchorCite, o.body.bodyName, o.body.status], ['第二十条', '农业与农村委员会', 'pending']);
  opinionId = o.body.id;
  const item = await t.request('POST', `${base()}/expressions/${d1}/opinions`, { token: reviewer, body: { anchorEId: 'art_21__para_2__item_2', text: '建议增加“擅自投喂”。', bodyId: agricultureId } });
  assert.equal(item.body.anchorCite, '第二十一条第二款第二项');

  assert.equal((await t.request('POST', `${base()}/opinions/${opinionId}/decision`, { token: reviewer, body: { status: 'adopted' } })).status, 403);
  const noReason = await t.request('POST', `${base()}/opinions/${opinionId}/decision`, { token: drafter, body: { status: 'not_adopted' } });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.body.code, 'REASON_REQUIRED');
  const decided = await t.request('POST', `${base()}/opinions/${opinionId}/decision`, { token: drafter, body: { status: 'not_adopted', reason: '受理时限由有关规定统一规定。' } });
  assert.equal(decided.status, 200);
  assert.deepEqual([decided.body.status, decided.body.reason], ['not_adopted', '受理时限由有关规定统一规定。']);

  // In the revised draft 服务监督 is 第二十一条: the opinion is found there.
  const g = await t.request('GET', `${base()}/expressions/${d2}`, { token: member });
  const mine = g.body.opinions.find((x: { id: string }) => x.id === opinionId);
  assert.equal(mine.currentEId, 'art_21');
  const other = g.body.opinions.find((x: { id: string }) => x.id !== opinionId);
  assert.equal(other.currentEId, 'art_22__para_2__item_2');
});

void test('compareExpressions: article by article, with the opinions behind the changes', async () => {
  const c = await t.request('GET', `${base()}/compare?from=${d1}&to=${d2}`, { token: member });
  assert.equal(c.status, 200, JSON.stringify(c.body).slice(0, 300));
  assert.deepEqual(c.body.summary, { unchanged: 23, changed: 4, inserted: 1, deleted: 1, renumbered: 5, moved: 1 });
  assert.equal(c.body.title.changed, true);
  const service = c.body.articles.find((a: { to: { heading: string } | null }) => a.to?.heading === '服务监督');
  assert.deepEqual([service.from.numText, service.to.numText, service.renumbered], ['第二十条', '第二十一条', true]);
  assert.equal(service.opinions[0].status, 'not_adopted');
  assert.equal((await t.request('GET', `${base()}/compare?from=${d1}&to=${d2}`)).status, 404);
});

void test('createExpression from DOCX (base64 and multipart); corrupt or huge files are refused and nothing is saved', async () => {
  const docx = await docxOf(draft2);
  const e = await t.request('POST', `${base()}/works/${workId}/expressions`, { token: drafter, body: { stage: 'voting_draft', format: 'docx', contentBase64: docx.toString('base64'), fileName: '公园条例.docx' } });
  assert.equal(e.status, 201, JSON.stringify(e.body));
  assert.deepEqual([e.body.counts.articles, e.body.counts.paragraphs, e.body.counts.items, e.body.sourceName], [28, 42, 30, '公园条例.docx']);

  const boundary = '----yishi-test-boundary';
  const parts = [
    `--${boundary}\r\nContent-Disposition: form-data; name="stage"\r\n\r\nvoting_draft\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="format"\r\n\r\ndocx\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="park.docx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n`,
  ];
  const payload = Buffer.concat([Buffer.from(parts.join('')), docx, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const mp = await raw('POST', `${base()}/works/${workId}/expressions`, drafter, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  assert.equal(mp.status, 201, mp.body.toString());
  assert.equal(JSON.parse(mp.body.toString()).counts.articles, 28);

  const before = await rowCount('legislation_expressions');
  const corrupt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]);
  const c = await t.request('POST', `${base()}/works/${workId}/expressions`, { token: drafter, body: { stage: 'draft', format: 'docx', contentBase64: corrupt.toString('base64') } });
  assert.equal(c.status, 422);
  assert.equal(c.body.code, 'DOCX_UNREADABLE');
  const truncated = docx.subarray(0, Math.floor(docx.length / 2));
  assert.equal((await t.request('POST', `${base()}/works/${workId}/expressions`, { token: drafter, body: { stage: 'draft', format: 'docx', contentBase64: truncated.toString('base64') } })).status, 422);
  // A zip whose directory claims a huge unpacked size (a zip bomb) is refused before unzipping.
  const bomb = Buffer.from(docx);
  const eocd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  bomb.writeUInt32LE(900 * 1024 * 1024, bomb.readUInt32LE(eocd + 16) + 24);
  const b = await t.request('POST', `${base()}/works/${workId}/expressions`, { token: drafter, body: { stage: 'draft', format: 'docx', contentBase64: bomb.toString('base64') } });
  assert.equal(b.status, 413);
  assert.equal(b.body.code, 'DOCX_TOO_LARGE');
  const huge = Buffer.concat([docx, Buffer.alloc(5 * 1024 * 1024 + 10)]);
  const h = await t.request('POST', `${base()}/works/${workId}/expressions`, { token: drafter, body: { stage: 'draft', format: 'docx', contentBase64: huge.toString('base64') } });
  assert.equal(h.status, 413);
  const notLaw = await t.request('POST', `${base()}/works/${workId}/expressions`, { token: drafter, body: { stage: 'draft', format: 'text', text: '这是一封信，不是法规。\n此致敬礼。' } });
  assert.equal(notLaw.status, 422);
  assert.equal(notLaw.body.code, 'NOT_LEGISLATION');
  assert.equal(await rowCount('legislation_expressions'), before);
});

let published: string;

void test('the public reads a published expression and its exports', async () => {
  const p = await t.request('POST', `${base()}/works/${workId}/expressions`, { token: drafter, body: { stage: 'published', format: 'text', text: draft2.replace('(草案修改稿)\n', '') } });
  assert.equal(p.status, 201);
  published = p.body.id;
  const list = await t.request('GET', `${base()}/works`);
  assert.equal(list.body.length, 1);
  assert.deepEqual(list.body[0].expressions.map((e: { id: string }) => e.id), [published]);
  const g = await t.request('GET', `${base()}/expressions/${published}`);
  assert.equal(g.status, 200);
  assert.deepEqual(g.body.opinions, []);
  const html = await raw('GET', `${base()}/expressions/${published}/export?format=html`);
  assert.equal(html.status, 200);
  assert.match(String(html.headers['content-type']), /text\/html/);
  const text = html.body.toString('utf8');
  assert.match(text, /<section class="article" id="art_1"/);
  assert.match(text, /鹤壁市公园管理条例/);
  assert.equal((await raw('GET', `${base()}/expressions/${d1}/export?format=html`)).status, 404);
});

void test('DOCX export in 公文 style: A4, GB/T 9704 margins, 2号 title, 3号 body, Noto CJK when the official fonts are missing', async () => {
  const r = await raw('GET', `${base()}/expressions/${d2}/export?format=docx`, member);
  assert.equal(r.status, 200);
  assert.equal(r.body.subarray(0, 2).toString(), 'PK');
  const { value } = await mammoth.extractRawText({ buffer: r.body });
  assert.match(value, /鹤壁市公园管理条例/);
  assert.match(value, /第二十二条【行为规范】/);
  assert.match(value, /（二）非法捕捉、伤害动物，擅自放生动物等；/);
  const xml = zipEntry(r.body, 'word/document.xml');
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/); // A4
  assert.match(xml, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/); // 37/26/35/28 mm
  assert.match(xml, /w:sz w:val="44"/); // 2号 = 22 pt title
  assert.match(xml, /w:sz w:val="32"/); // 3号 = 16 pt body
  assert.match(xml, /w:line="579" w:lineRule="exact"/); // 28.95 pt line pitch, 22 lines a page
  assert.match(xml, /w:eastAsia="(Noto Serif CJK SC|方正小标宋简体)"/);
  assert.match(zipEntry(r.body, 'word/footer1.xml') + zipEntry(r.body, 'word/footer2.xml'), /— /);
});

void test('the DOCX opens in LibreOffice and converts to PDF with its Chinese text intact', { skip: needTool('soffice') }, async () => {
  const r = await raw('GET', `${base()}/expressions/${d2}/export?format=docx`, member);
  const dir = mkdtempSync(join(tmpdir(), 'yishi-lo-'));
  try {
    writeFileSync(join(dir, 'park.docx'), r.body);
    const env = { ...process.env, HOME: dir };
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'park.docx')], { env, stdio: 'ignore', timeout: 180_000 });
    const pdf = readFileSync(join(dir, 'park.pdf'));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.toString('latin1'), /NotoSerifCJK|NotoSansCJK|FZXiaoBiaoSong|FangSong/);
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, join(dir, 'park.docx')], { env, stdio: 'ignore', timeout: 180_000 });
    const txt = readFileSync(join(dir, 'park.txt'), 'utf8');
    assert.match(txt, /鹤壁市公园管理条例/);
    assert.match(txt, /第一条【立法目的】　为了加强公园管理/);
    assert.match(txt, /携带未系犬绳的犬只入园/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('PDF export uses a Noto CJK font and carries the text', async () => {
  const r = await raw('GET', `${base()}/expressions/${d2}/export?format=pdf`, member);
  assert.equal(r.status, 200);
  assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
  assert.match(r.body.toString('latin1'), /NotoSerifCJKsc-Regular/);
  assert.ok(r.body.length > 10_000);
});

/** Validates with xmllint against the OASIS schema; returns xmllint's complaints ('' when valid). */
function validateAkn(xml: string): string {
  assert.ok(existsSync(XSD), 'the OASIS schema must be under tests/fixtures/akn/');
  const dir = mkdtempSync(join(tmpdir(), 'yishi-akn-'));
  try {
    writeFileSync(join(dir, 'doc.xml'), xml);
    try {
      execFileSync('xmllint', ['--noout', '--schema', XSD, join(dir, 'doc.xml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return '';
    } catch (e) {
      return String((e as { stderr?: string }).stderr ?? e);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void test('the schema check is real: a document the schema forbids is rejected', { skip: needTool('xmllint') }, () => {
  const bad = '<?xml version="1.0" encoding="UTF-8"?><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><bill name="draft"><body><article eId="art_1"><paragraph/></article></body></bill></akomaNtoso>';
  assert.match(validateAkn(bad), /fails to validate|not expected|Missing child element/);
});

void test('Akoma Ntoso 3.0 export validates against the OASIS schema (xmllint)', { skip: needTool('xmllint') }, async () => {
  const r = await raw('GET', `${base()}/expressions/${d2}/export?format=akn`, member);
  assert.equal(r.status, 200);
  const xml = r.body.toString('utf8');
  assert.match(xml, /<bill name="draft">/);
  assert.match(xml, /<article eId="art_22" wId="art_21"><num>第二十二条<\/num><heading>行为规范<\/heading>/);
  assert.equal(validateAkn(xml), '');
  const act = await raw('GET', `${base()}/expressions/${published}/export?format=akn`);
  const actXml = act.body.toString('utf8');
  assert.match(actXml, /<act name="regulation">/);
  assert.equal(validateAkn(actXml), '');
});

// Publication through HTTP (R-P1, R-P2): the 6th meeting's gazette assembled from the imported record
// in the seed's order with the seed's lists; rebuilt by the office with versions, a new order and a
// new edition; DOCX opened by LibreOffice and PDF text extracted with pdftotext, Chinese intact; a
// failed build leaves the previous edition published; announcements numbered within the term; who may do what.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { tidy } from '../server/modules/imports/import-meeting-texts.ts';
import { latestCheckpoint } from '../server/platform/audit-anchor.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { Actors, expectOk, expectRefusal } from './meetings.helpers.ts';

const SHARED = resolve(import.meta.dirname, '../../shared');
const seed = readFileSync(join(SHARED, 'seed/000_5afcf154fdbded78.txt'), 'utf8').split('\n');
const fixture = JSON.parse(readFileSync(join(SHARED, 'fixtures/hebi-12th-6th-meeting.json'), 'utf8')) as {
  meeting: { agenda: { seedLines?: [number, number]; textSeedLines?: [number, number]; reports?: { title: string; seedLines: [number, number] }[]; resolution?: { title: string; seedLines: [number, number] } }[]; personnel: { list: { person: string; post: string }[] } };
};
const squash = (s: string): string => s.replace(/\s+/g, '');

let t: TestApp;
let who: Actors;
let office: string;
let member: string;
let outsider: string;
let sixthId: string;
const G = () => `/api/v1/meetings/${sixthId}/gazette`;
const dir = mkdtempSync(join(tmpdir(), 'yishi-gazette-'));

interface Section {
  key: string;
  kind: string;
  title: string;
  paragraphs: string[];
}

before(async () => {
  t = await startTestApp();
  who = new Actors(t);
  office = await who.token('office');
  member = await who.token('m10');
  const admin = await who.token('admin');
  const other = await t.request('POST', '/api/v1/congresses', { token: admin, body: { parentId: t.hebiId, level: 'county', name: '淇滨区人民代表大会', slug: 'qibin-p' } });
  expectOk(other, 201);
  expectOk(await t.request('POST', `/api/v1/congresses/${other.body.id}/terms`, { token: admin, body: { number: 7 } }), 201);
  expectOk(
    await t.request('POST', `/api/v1/congresses/${other.body.id}/users`, { token: admin, body: { username: 'qibin.pub', displayName: '淇滨办公室', password: 'Passw0rd-qibin', roles: ['office'] } }),
    201,
  );
  outsider = await who.token('qibin.pub', 'Passw0rd-qibin');
  const list = await t.request('GET', `/api/v1/congresses/${t.hebiId}/meetings`);
  sixthId = list.body.find((m: { number: number }) => m.number === 6).id;
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function build(token: string): Promise<{ status: string; error_en: string | null; code?: string; editionId: string | null }> {
  const r = await t.request('POST', `${G()}/builds`, { token });
  expectOk(r, 202);
  assert.ok(['queued', 'running'].includes(r.body.status));
  for (let i = 0; i < 600; i++) {
    const b = await t.request('GET', `/api/v1/gazette-builds/${r.body.id}`, { token });
    expectOk(b);
    assert.ok(b.body.progress >= 0 && b.body.progress <= 100);
    if (b.body.status === 'done' || b.body.status === 'failed') return b.body;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('build did not finish');
}

function checkAgainstSeed(sections: Section[]): void {
  const titles = sections.map((s) => s.title);
  // R-P2: every document the fixture points at is a section, titled as the seed titles it, in the seed's order.
  const starts: number[] = [3, 13];
  for (const it of fixture.meeting.agenda) {
    for (const r of [it.textSeedLines, ...(it.reports ?? []).map((x) => x.seedLines), it.resolution?.seedLines]) if (r) starts.push(r[0]);
  }
  const expected = [...new Set(starts)].sort((a, b) => a - b).map((l) => tidy(seed[l - 1] ?? ''));
  let at = -1;
  for (const title of expected) {
    const i = titles.findIndex((x) => x.startsWith(title));
    assert.ok(i >= 0, `section for seed title ${title}`);
    assert.ok(i > at, `${title} comes after the one before it, as in the seed`);
    at = i;
  }
  assert.equal(sections[0]?.kind, 'news');
  assert.match(sections[1]?.title ?? '', /讲话$/);
  // The text of a report survives whole: its last paragraph is the seed's.
  const audit = sections.find((s) => s.title.startsWith('关于2022年度市级预算执行和其他财政收支的审计工作报告'));
  assert.ok(audit);
  assert.equal(audit.paragraphs.at(-1), '以上报告，请予审议。');
  assert.ok(audit.paragraphs.includes((seed[602] ?? '').trim()), 'the rectification figures of L603 are in the report');

  // The three lists, last, from the meeting's records, matching the seed's lists.
  assert.deepEqual(sections.slice(-3).map((s) => s.kind), ['personnel', 'attendance', 'attendees']);
  const [personnel, attendance, attendees] = sections.slice(-3) as [Section, Section, Section];
  assert.equal(personnel.title, tidy(seed[2287] ?? ''));
  for (const p of fixture.meeting.personnel.list) assert.ok(personnel.paragraphs.some((l) => l.startsWith(p.person) && l.includes(p.post)), `${p.person} ${p.post}`);
  assert.equal(attendance.title, tidy(seed[2331] ?? ''));
  assert.equal(squash(attendance.paragraphs.join('')), squash(seed.slice(2332, 2352).join('')));
  assert.equal(attendees.title, tidy(seed[2353] ?? ''));
  const seedAttendees = squash(seed.slice(2354).join(''));
  assert.equal(squash(attendees.paragraphs.join('')).replace(/　/g, ''), seedAttendees);
}

test('R-P2: the 6th meeting’s gazette is published from the imported record with the seed’s sections and lists', async () => {
  const r = await t.request('GET', `${G()}/content`);
  expectOk(r);
  assert.equal(r.body.issue.label, '2023年第1期（总第1期）');
  assert.equal(r.body.edition, 1);
  assert.equal(r.body.frontMatter.title, '鹤壁市人民代表大会常务委员会公报');
  assert.deepEqual(r.body.toc.map((e: { title: string }) => e.title), r.body.sections.map((s: Section) => s.title));
  checkAgainstSeed(r.body.sections);
  // Published sections are in the search index, each pointing at its anchor in the reader.
  const hits = await t.request('GET', `/api/v1/search?q=${encodeURIComponent('列席人员名单')}&type=gazette&meetingId=${sixthId}`);
  expectOk(hits);
  const idx = (r.body.sections as Section[]).findIndex((s) => s.kind === 'attendees');
  assert.ok(
    hits.body.hits.some((h: { url: string }) => h.url === `/p/hebi/gazette/${sixthId}#s${idx + 1}`),
    `a hit at the attendees list: ${JSON.stringify(hits.body.hits.map((h: { url: string }) => h.url))}`,
  );
  const docs = await t.request('GET', `/api/v1/meetings/${sixthId}/texts`);
  expectOk(docs);
  assert.ok(docs.body.length >= 30 && docs.body.every((d: { inGazette: boolean }) => d.inGazette));
});

test('R-P2: the portal HTML carries the table of contents, SEO tags and caching headers', async () => {
  const r = await t.request('GET', `${G()}?format=html`);
  expectOk(r);
  assert.match(String(r.headers['content-type']), /text\/html/);
  const html = r.body as string;
  assert.match(html, /<html lang="zh-CN">/);
  assert.match(html, /<title>鹤壁市人民代表大会常务委员会公报 2023年第1期（总第1期）<\/title>/);
  assert.match(html, /<meta name="description" content="[^"]+">/);
  assert.match(html, /<nav aria-labelledby="toc-h"><h2 id="toc-h">目录<\/h2><ol><li><a href="#s1">鹤壁市第十二届人民代表大会常务委员会举行第六次会议<\/a>/);
  assert.match(String(r.headers['cache-control']), /public/);
  const etag = String(r.headers.etag);
  const again = await t.request('GET', `${G()}?format=html`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  const spec = await t.request('GET', '/api/v1/openapi.json');
  const ops = new Set(Object.values(spec.body.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId)));
  for (const op of ['getGazette', 'listAnnouncements', 'getGazetteContent', 'buildGazette', 'listGazettes']) assert.ok(ops.has(op), op);
  const bad = await t.request('GET', `${G()}?format=rtf`);
  expectRefusal(bad, 400);
});

test('R-P2: the office edits the front matter in versions; the public keeps reading the published edition until a build', async () => {
  const draft = await t.request('GET', `${G()}/draft`, { token: office });
  expectOk(draft);
  const v = draft.body.version as number;
  assert.equal(v, 1);
  const fm = { title: '鹤壁市人民代表大会常务委员会公报', subtitle: '第十二届人民代表大会常务委员会第六次会议专刊', preface: '本期刊登第六次会议的文件。' };
  const order = [...(draft.body.order as string[])];
  [order[0], order[1]] = [order[1] as string, order[0] as string]; // the closing speech first
  expectOk(await t.request('PUT', `${G()}/draft`, { token: office, body: { baseVersion: v, frontMatter: fm, order } }));
  // Another editor still on version 1 is told to reload; nothing changes.
  expectRefusal(await t.request('PUT', `${G()}/draft`, { token: office, body: { baseVersion: v, frontMatter: { ...fm, subtitle: 'x' } } }), 409, undefined, 'GAZETTE_VERSION_CONFLICT');
  // An order that drops a document is refused (R-P2).
  expectRefusal(await t.request('PUT', `${G()}/draft`, { token: office, body: { baseVersion: v + 1, frontMatter: fm, order: order.slice(1) } }), 422, 'R-P2', 'GAZETTE_ORDER_INCOMPLETE');
  expectRefusal(await t.request('PUT', `${G()}/draft`, { token: office, body: { baseVersion: v + 1, frontMatter: fm, order: [...order, 'nope'] } }), 422, 'R-P2', 'GAZETTE_ORDER_UNKNOWN');
  const after1 = await t.request('GET', `${G()}/draft`, { token: office });
  assert.equal(after1.body.version, v + 1);
  assert.deepEqual(after1.body.versions.map((x: { version: number }) => x.version), [v + 1, v]);

  const published = await t.request('GET', `${G()}/content`);
  assert.equal(published.body.frontMatter.subtitle, '鹤壁市第十二届人民代表大会常务委员会第六次会议', 'the public sees the published edition only');

  const b = await build(office);
  assert.equal(b.status, 'done', String(b.error_en));
  const now = await t.request('GET', `${G()}/content`);
  assert.equal(now.body.edition, 2);
  assert.equal(now.body.issue.label, '2023年第1期（总第1期）', 'an issue keeps its number across editions');
  assert.equal(now.body.frontMatter.subtitle, fm.subtitle);
  assert.match(now.body.sections[0].title, /讲话$/);
  assert.equal(now.body.sections[1].kind, 'news');

  // The build signed the chain's head before assembling: the edition carries that checkpoint, and
  // the publication itself was anchored right after.
  const anchor = now.body.anchor as { seq: number; hash: string; at: string; keyId: string; signature: string };
  assert.ok(anchor, 'the edition carries a checkpoint');
  const publishedEntry = await t.yishi.handle.db.selectFrom('audit_log').select(['seq']).where('action', '=', 'gazette.published').orderBy('seq', 'desc').executeTakeFirstOrThrow();
  assert.ok(anchor.seq < publishedEntry.seq && anchor.seq > 0);
  const atSeq = await t.yishi.handle.db.selectFrom('audit_log').select('hash').where('seq', '=', anchor.seq).executeTakeFirstOrThrow();
  assert.equal(anchor.hash, atSeq.hash);
  const statement = Buffer.from(JSON.stringify(['yishi-audit-checkpoint/1', anchor.seq, anchor.hash, anchor.at, anchor.keyId]));
  assert.ok(verifySignature(null, statement, createPublicKey(t.yishi.anchors.signer.publicKeyPem), Buffer.from(anchor.signature, 'base64url')));
  await t.yishi.anchors.idle();
  assert.ok(((await latestCheckpoint(t.yishi.handle.db))?.seq ?? 0) >= publishedEntry.seq, 'the publication is anchored too');
  const colophon = `审计链检查点：第${anchor.seq}条，哈希 ${anchor.hash.slice(0, 16)}…，签名密钥 ${anchor.keyId}`;
  const html = await t.request('GET', `${G()}?format=html`);
  assert.ok(String(html.body).includes(`<footer class="colophon"><p>${colophon}</p></footer>`), 'the HTML prints the colophon');
});

test('R-P2: the DOCX opens in LibreOffice and the PDF’s text is extractable with the Chinese intact', { timeout: 240_000 }, async () => {
  const docx = await t.request('GET', `${G()}?format=docx`);
  expectOk(docx);
  assert.match(String(docx.headers['content-disposition']), /attachment; filename\*=UTF-8''/);
  const raw = await t.yishi.app.inject({ method: 'GET', url: `${G()}?format=docx` });
  writeFileSync(join(dir, 'gazette.docx'), raw.rawPayload);
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', join(dir, 'lo-out'), join(dir, 'gazette.docx')], { timeout: 200_000, stdio: 'ignore' });
  const converted = join(dir, 'lo-out', 'gazette.pdf');
  assert.ok(existsSync(converted), 'LibreOffice converted the DOCX');
  const fromDocx = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', converted, '-'], { encoding: 'utf8' }));
  assert.ok(fromDocx.includes('目录'));
  assert.ok(fromDocx.includes('鹤壁市卫河保护条例（草案）'));
  const content = (await t.request('GET', `${G()}/content`)).body as { anchor: { seq: number; hash: string; keyId: string } };
  const colophon = squash(`审计链检查点：第${content.anchor.seq}条，哈希 ${content.anchor.hash.slice(0, 16)}`);
  assert.ok(fromDocx.includes(colophon), 'the DOCX prints the colophon');

  const pdf = await t.yishi.app.inject({ method: 'GET', url: `${G()}?format=pdf` });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  writeFileSync(join(dir, 'gazette.pdf'), pdf.rawPayload);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'gazette.pdf'), '-'], { encoding: 'utf8' });
  const flat = squash(text);
  assert.ok(flat.includes('目录'));
  assert.ok(flat.includes('鹤壁市人民代表大会常务委员会关于批准2022年市级财政决算的决议'));
  assert.ok(flat.includes(squash(seed[114] ?? '').slice(0, 30)), 'article 2 of the Wei River draft reads as in the seed');
  assert.ok(flat.includes('请假：史全新郑辉'));
  assert.ok(flat.includes(colophon), 'the PDF prints the colophon');
});

test('R-P2: a failed build leaves the previous edition published', async () => {
  const before = await t.request('GET', `${G()}/content`);
  // The record changes after the editor saved an order: a document is withdrawn.
  const victim = before.body.sections.find((s: Section) => s.kind === 'explanation') as Section;
  await t.yishi.handle.db.deleteFrom('meeting_texts').where('id', '=', victim.key.slice(2)).execute();
  const b = await build(office);
  assert.equal(b.status, 'failed');
  assert.match(String(b.error_en), /record changed/);
  const still = await t.request('GET', `${G()}/content`);
  assert.equal(still.body.edition, before.body.edition);
  assert.ok(still.body.sections.some((s: Section) => s.key === victim.key));
});

test('authz: the public reads published only; outsiders get 404, non-editors 403', async () => {
  expectRefusal(await t.request('GET', `${G()}/draft`), 401);
  expectRefusal(await t.request('GET', `${G()}/draft`, { token: outsider }), 404);
  expectOk(await t.request('GET', `${G()}/draft`, { token: member }));
  const fm = { title: 'x', subtitle: '', preface: '' };
  expectRefusal(await t.request('PUT', `${G()}/draft`, { token: member, body: { baseVersion: 2, frontMatter: fm } }), 403);
  expectRefusal(await t.request('PUT', `${G()}/draft`, { token: outsider, body: { baseVersion: 2, frontMatter: fm } }), 404);
  expectRefusal(await t.request('POST', `${G()}/builds`, { token: member }), 403);
  expectRefusal(await t.request('POST', `${G()}/builds`, { token: outsider }), 404);
  expectRefusal(await t.request('POST', `${G()}/builds`), 401);
  const archive = await t.request('GET', `/api/v1/congresses/hebi/gazettes`);
  expectOk(archive);
  assert.equal(archive.body.length, 1);
  assert.equal(archive.body[0].meetingId, sixthId);
  const appointments = await t.request('GET', `/api/v1/congresses/hebi/appointments`);
  expectOk(appointments);
  assert.ok(appointments.body[0].lines.some((l: string) => l.startsWith('苏康健为鹤壁市人民检察院副检察长')));
});

test('R-P1: announcements are numbered within the term at publication; drafts are not public', async () => {
  const A = `/api/v1/congresses/${t.hebiId}/announcements`;
  const body = { kind: 'appointment', title: '关于任免名单的公告', body: '鹤壁市第十二届人民代表大会常务委员会第六次会议决定任命：牛海民为鹤壁市发展和改革委员会主任。', meetingId: sixthId };
  expectRefusal(await t.request('POST', A, { body }), 401);
  expectRefusal(await t.request('POST', A, { token: member, body }), 403);
  expectRefusal(await t.request('POST', A, { token: outsider, body }), 404);
  expectRefusal(await t.request('POST', A, { token: office, body: { ...body, title: '' } }), 400);
  const a1 = await t.request('POST', A, { token: office, body });
  expectOk(a1, 201);
  assert.equal(a1.body.state, 'draft');
  assert.equal(a1.body.number, null);
  const a2 = await t.request('POST', A, { token: office, body: { ...body, kind: 'resolution', title: '关于批准2022年市级财政决算的决议的公告' } });
  expectOk(a2, 201);
  assert.equal((await t.request('GET', A)).body.length, 0, 'the public sees no drafts');
  expectRefusal(await t.request('GET', `${A}?state=draft`), 401);
  assert.equal((await t.request('GET', `${A}?state=draft`, { token: member })).body.length, 2);

  expectRefusal(await t.request('POST', `${A}/${a2.body.id}/publish`, { token: member }), 403);
  const p2 = await t.request('POST', `${A}/${a2.body.id}/publish`, { token: office });
  expectOk(p2);
  assert.equal(p2.body.number, 1);
  assert.equal(p2.body.heading, '鹤壁市人民代表大会常务委员会公告（第十二届）第1号');
  const p1 = await t.request('POST', `${A}/${a1.body.id}/publish`, { token: office });
  assert.equal(p1.body.number, 2);
  expectRefusal(await t.request('POST', `${A}/${a1.body.id}/publish`, { token: office }), 409, 'R-P1');
  const pub = await t.request('GET', A);
  expectOk(pub);
  assert.deepEqual(pub.body.map((x: { number: number }) => x.number).sort(), [1, 2]);
  assert.ok(pub.headers.etag);
  const listed = await t.request('GET', `/api/v1/congresses/${t.hebiId}/announcements`, { token: outsider });
  assert.equal(listed.body.length, 2, 'published announcements are public to everyone');
});

test('R-P1, R-P2: the meeting’s published announcements go into its gazette once the editor reviews the order', async () => {
  const draft = await t.request('GET', `${G()}/draft`, { token: office });
  expectOk(draft);
  assert.equal(draft.body.orderStale, true, 'a document was withdrawn and two announcements added since the order was saved');
  const announcements = draft.body.order.filter((k: string) => k.startsWith('a:'));
  assert.equal(announcements.length, 2);
  expectOk(await t.request('PUT', `${G()}/draft`, { token: office, body: { baseVersion: draft.body.version, frontMatter: draft.body.frontMatter, order: draft.body.order } }));
  const b = await build(office);
  assert.equal(b.status, 'done', String(b.error_en));
  const now = await t.request('GET', `${G()}/content`);
  assert.equal(now.body.edition, 3);
  const printed = (now.body.sections as Section[]).filter((s) => s.kind === 'announcement');
  assert.deepEqual(printed.map((s) => s.title).sort(), ['鹤壁市人民代表大会常务委员会公告（第十二届）第1号 关于批准2022年市级财政决算的决议的公告', '鹤壁市人民代表大会常务委员会公告（第十二届）第2号 关于任免名单的公告']);
});

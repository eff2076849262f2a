// Feeds the index from the records: published regulations (one unit per article), public
// meetings with their agenda, the public meeting documents, and public summaries of citizens'
// opinions (category and the official answer only — never names, contacts or the citizen's text).
// Gazette sections are indexed by the publication module through search.index.ts.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Conn } from '../../platform/db.ts';
import type { LegalDoc, Paragraph } from '../legislation/legislation.model.ts';
import { articlesOf } from '../legislation/legislation.model.ts';
import { type SearchDocInput, indexSearchDocuments, removeSearchDocuments } from './search.index.ts';

const paragraphText = (p: Paragraph): string =>
  [p.text, ...p.items.flatMap((i) => [`${i.numText}${i.text}`, ...i.subitems.map((s) => `${s.numText}${s.text}`)])].filter(Boolean).join('\n');

/** The year a regulation was adopted, from its preface (2020年10月19日 … 通过), else the given fallback. */
function adoptedOn(doc: LegalDoc, fallback: string): string {
  for (const l of doc.preface) {
    const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(l.text);
    if (m) return `${m[1] ?? ''}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  }
  return fallback.slice(0, 10);
}

async function slugOf(conn: Conn, congressId: string): Promise<string> {
  const c = await conn.selectFrom('congresses').select('slug').where('id', '=', congressId).executeTakeFirstOrThrow();
  return c.slug;
}

async function scName(conn: Conn, congressId: string): Promise<string | null> {
  const c = await conn.selectFrom('congresses').select('standing_committee_name').where('id', '=', congressId).executeTakeFirstOrThrow();
  return c.standing_committee_name;
}

/** The units of one regulation text: its articles. */
export function regulationUnits(base: Omit<SearchDocInput, 'partKey' | 'title' | 'url' | 'ordinal' | 'body' | 'articleNum'>, doc: LegalDoc, title: string, urlBase: string): SearchDocInput[] {
  return articlesOf(doc).map((a, i) => ({
    ...base,
    partKey: a.eId,
    title: `${title} ${a.numText}${a.heading ? ` ${a.heading}` : ''}`,
    url: `${urlBase}#${a.eId}`,
    articleNum: a.numText,
    ordinal: i + 1,
    body: `${a.numText} ${a.paragraphs.map(paragraphText).join('\n')}`,
  }));
}

/** Regulations: the latest published expression of every work (of one work when workId is given). */
export async function indexRegulations(conn: Conn, congressId: string, workId?: string): Promise<number> {
  const slug = await slugOf(conn, congressId);
  const body = await scName(conn, congressId);
  let wq = conn.selectFrom('legislation_works').select(['id', 'title']).where('congress_id', '=', congressId);
  if (workId !== undefined) wq = wq.where('id', '=', workId);
  const works = await wq.execute();
  const docs: SearchDocInput[] = [];
  const unpublished: string[] = workId !== undefined && works.length === 0 ? [workId] : [];
  for (const w of works) {
    const e = await conn
      .selectFrom('legislation_expressions')
      .select(['id', 'title', 'tree', 'created_at'])
      .where('congress_id', '=', congressId)
      .where('work_id', '=', w.id)
      .where('stage', 'in', ['published', 'amendment'])
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    if (!e) {
      unpublished.push(w.id);
      continue;
    }
    const doc = JSON.parse(e.tree) as LegalDoc;
    const on = adoptedOn(doc, e.created_at);
    const base = { congressId, type: 'regulation' as const, sourceType: 'legislation_work', sourceId: w.id, bodyName: body, publishedOn: on };
    docs.push(...regulationUnits(base, doc, e.title || w.title, `/p/${slug}/regulations/${w.id}`));
  }
  await removeSearchDocuments(conn, { congressId, sourceType: 'legislation_work', sourceId: unpublished });
  return indexSearchDocuments(conn, docs);
}

/** One regulation: what a change to one of its expressions calls. */
export const indexRegulation = (conn: Conn, congressId: string, workId: string): Promise<number> => indexRegulations(conn, congressId, workId);

/** Public meetings (one unit each: title and agenda) and the documents of their public agenda items; one meeting when meetingId is given. */
export async function indexMeetings(conn: Conn, congressId: string, meetingId?: string): Promise<{ meetings: number; documents: number }> {
  const slug = await slugOf(conn, congressId);
  let mq = conn
    .selectFrom('meetings')
    .leftJoin('bodies', 'bodies.id', 'meetings.body_id')
    .select(['meetings.id', 'meetings.title', 'meetings.date', 'meetings.place', 'bodies.name as body_name'])
    .where('meetings.congress_id', '=', congressId)
    .where('meetings.is_public', '=', 1)
    .where('meetings.state', '!=', 'draft');
  if (meetingId !== undefined) mq = mq.where('meetings.id', '=', meetingId);
  const meetings = await mq.execute();
  const docs: SearchDocInput[] = [];
  const files: SearchDocInput[] = [];
  for (const m of meetings) {
    const items = await conn
      .selectFrom('agenda_items')
      .select(['id', 'title', 'position', 'proposer', 'presenter'])
      .where('congress_id', '=', congressId)
      .where('meeting_id', '=', m.id)
      .where('is_public', '=', 1)
      .where('status', '!=', 'removed')
      .orderBy('position')
      .execute();
    const common = { congressId, bodyName: m.body_name, meetingId: m.id, meetingTitle: m.title, publishedOn: m.date };
    docs.push({
      ...common,
      type: 'meeting',
      sourceType: 'meeting',
      sourceId: m.id,
      partKey: '',
      title: m.title,
      url: `/p/${slug}/meetings/${m.id}`,
      ordinal: 0,
      body: [m.place ?? '', ...items.map((i, n) => `${String(n + 1)}. ${i.title}${i.proposer ? `（${i.proposer}）` : ''}`)].join('\n'),
    });
    const publicItems = new Map(items.map((i) => [i.id, i.title]));
    const ds = await conn
      .selectFrom('meeting_documents')
      .select(['id', 'title', 'agenda_item_id', 'position'])
      .where('congress_id', '=', congressId)
      .where('meeting_id', '=', m.id)
      .where('removed_at', 'is', null)
      .where('distributed_at', 'is not', null)
      .execute();
    for (const d of ds) {
      if (!d.agenda_item_id || !publicItems.has(d.agenda_item_id)) continue;
      files.push({
        ...common,
        type: 'document',
        sourceType: 'meeting_document',
        sourceId: d.id,
        partKey: '',
        title: d.title,
        url: `/p/${slug}/meetings/${m.id}#doc-${d.id}`,
        ordinal: d.position,
        body: `${d.title}\n${publicItems.get(d.agenda_item_id) ?? ''}`,
      });
    }
  }
  if (meetingId === undefined) {
    await removeSearchDocuments(conn, { congressId, sourceType: 'meeting' });
    await removeSearchDocuments(conn, { congressId, sourceType: 'meeting_document' });
  } else {
    const old = await conn
      .selectFrom('search_documents')
      .select('source_id')
      .where('congress_id', '=', congressId)
      .where('source_type', '=', 'meeting_document')
      .where('meeting_id', '=', meetingId)
      .execute();
    await removeSearchDocuments(conn, { congressId, sourceType: 'meeting', sourceId: meetingId });
    await removeSearchDocuments(conn, { congressId, sourceType: 'meeting_document', sourceId: [...new Set(old.map((r) => r.source_id))] });
  }
  return { meetings: await indexSearchDocuments(conn, docs), documents: await indexSearchDocuments(conn, files) };
}

/** Public opinion summaries: closed items with an official answer; category and answer only (one item when opinionId is given). */
export async function indexOpinionSummaries(conn: Conn, congressId: string, opinionId?: string): Promise<number> {
  const slug = await slugOf(conn, congressId);
  let oq = conn
    .selectFrom('opinions')
    .select(['id', 'category', 'answer', 'received_on'])
    .where('congress_id', '=', congressId)
    .where('status', '=', 'closed')
    .where('answer', 'is not', null);
  if (opinionId !== undefined) oq = oq.where('id', '=', opinionId);
  const rows = await oq.execute();
  await removeSearchDocuments(conn, { congressId, sourceType: 'opinion_summary', ...(opinionId !== undefined ? { sourceId: opinionId } : {}) });
  return indexSearchDocuments(
    conn,
    rows.map((r) => ({
      congressId,
      type: 'opinion' as const,
      sourceType: 'opinion_summary',
      sourceId: r.id,
      partKey: '',
      title: `群众意见答复${r.category ? `：${r.category}` : ''}`,
      url: `/p/${slug}/search?q=${encodeURIComponent(r.category ?? '群众意见')}&type=opinion`,
      ordinal: 0,
      body: r.answer ?? '',
      publishedOn: r.received_on,
    })),
  );
}

export interface SeedSection {
  title: string;
  lines: [number, number];
}

/** The documents of the gazette fixture (those with seedLines and a title), cut from the seed text. */
export function seedDocuments(fixture: unknown, seedText: string): { title: string; text: string; key: string }[] {
  const lines = seedText.split(/\r?\n/);
  const out: { title: string; text: string; key: string }[] = [];
  const walk = (o: unknown, path: string): void => {
    if (Array.isArray(o)) {
      o.forEach((x, i) => walk(x, `${path}.${String(i)}`));
      return;
    }
    if (!o || typeof o !== 'object') return;
    const r = o as Record<string, unknown>;
    const sl = r.seedLines;
    if (typeof r.title === 'string' && Array.isArray(sl) && typeof sl[0] === 'number' && typeof sl[1] === 'number') {
      out.push({ title: r.title, text: lines.slice(sl[0] - 1, sl[1]).join('\n').trim(), key: path });
    }
    for (const [k, v] of Object.entries(r)) if (k !== 'seedLines') walk(v, `${path}.${k}`);
  };
  walk(fixture, '');
  return out;
}

/** The 6th meeting's documents as gazette text, from the seed, tied to the imported meeting. */
export async function indexSeedDocuments(conn: Conn, congressId: string, fixturePath: string, seedPath: string): Promise<number> {
  const slug = await slugOf(conn, congressId);
  const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as { meeting?: { title?: string; date?: string; number?: number } };
  const docs = seedDocuments(fixture, readFileSync(seedPath, 'utf8'));
  const meeting = fixture.meeting?.number
    ? await conn.selectFrom('meetings').select(['id', 'title']).where('congress_id', '=', congressId).where('number', '=', fixture.meeting.number).executeTakeFirst()
    : undefined;
  const body = await scName(conn, congressId);
  return indexSearchDocuments(
    conn,
    docs.map((d, i) => ({
      congressId,
      type: 'gazette' as const,
      sourceType: 'seed_gazette',
      sourceId: 'seed',
      partKey: d.key,
      title: d.title,
      url: `/p/${slug}/read/seed_gazette/seed?part=${encodeURIComponent(d.key)}`,
      ordinal: i,
      body: d.text,
      bodyName: body,
      meetingId: meeting?.id ?? null,
      meetingTitle: meeting?.title ?? fixture.meeting?.title ?? null,
      publishedOn: fixture.meeting?.date ?? null,
    })),
  );
}

/** Everything this module feeds, for one congress. */
export async function reindexCongress(conn: Conn, congressId: string): Promise<{ regulations: number; documents: number; opinions: number; meetings: number }> {
  const regulations = await indexRegulations(conn, congressId);
  const m = await indexMeetings(conn, congressId);
  const opinions = await indexOpinionSummaries(conn, congressId);
  await sql`analyze search_documents`.execute(conn); // fresh statistics after a bulk change, so the planner picks the text index
  return { regulations, documents: m.documents, opinions, meetings: m.meetings };
}

// The writing side of the search index. Modules that publish searchable text call these two
// functions (inside their command's transaction when they have one):
//
//   indexSearchDocuments(tx, docs)   replaces every indexed part of each source named in docs
//   removeSearchDocuments(tx, {congressId, sourceType, sourceId?})   drops a source (or all of a type)
//
// A "source" is one record (a regulation's published expression, a gazette section, a meeting
// document); its parts are the units a hit points at (an article, a section). Only public text
// belongs here: search is open to everyone.
import { sql } from 'kysely';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Conn, isPostgres } from '../../platform/db.ts';
import type { SearchDocType } from '../../platform/schema.ts';
import { type Segmentation, indexTokens } from './search.rules.ts';

export interface SearchDocInput {
  congressId: string;
  type: SearchDocType;
  /** The writer's record kind, e.g. legislation_expression, gazette_section, meeting_document. */
  sourceType: string;
  sourceId: string;
  /** The unit within the source ('art_42', 'sec_3'); '' when the source is one unit. */
  partKey: string;
  title: string;
  /** Where a reader lands: a portal path, with an anchor for a part. */
  url: string;
  /** 第四十二条, for a regulation's article. */
  articleNum?: string | null;
  ordinal: number;
  body: string;
  year?: number | null;
  bodyName?: string | null;
  meetingId?: string | null;
  meetingTitle?: string | null;
  /** YYYY-MM-DD */
  publishedOn?: string | null;
  /** Tokens already computed with indexTokens (bulk loads reuse them); computed here when absent. */
  tokens?: { title: string; body: string };
}

const CHUNK = 200;
/** PostgreSQL ranks by the title and this much of the body's tokens (tsv_head); matching uses the whole (tsv). */
const RANK_HEAD_CHARS = 3000;

async function deleteIds(conn: Conn, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    if (!isPostgres(conn)) await sql`delete from search_fts where doc_id in (${sql.join(part)})`.execute(conn);
    await conn.deleteFrom('search_documents').where('id', 'in', part).execute();
  }
}

export async function removeSearchDocuments(conn: Conn, where: { congressId: string; sourceType: string; sourceId?: string | readonly string[] }): Promise<number> {
  let q = conn.selectFrom('search_documents').select('id').where('congress_id', '=', where.congressId).where('source_type', '=', where.sourceType);
  if (typeof where.sourceId === 'string') q = q.where('source_id', '=', where.sourceId);
  else if (where.sourceId) {
    if (where.sourceId.length === 0) return 0;
    q = q.where('source_id', 'in', [...where.sourceId]);
  }
  const ids = (await q.execute()).map((r) => r.id);
  await deleteIds(conn, ids);
  return ids.length;
}

export async function indexSearchDocuments(conn: Conn, docs: readonly SearchDocInput[], opts: { segmentation?: Segmentation } = {}): Promise<number> {
  if (docs.length === 0) return 0;
  // Replacing a source is one unit of work: outside a caller's transaction, it runs in its own.
  if (!conn.isTransaction) return conn.transaction().execute((tx) => indexSearchDocuments(tx, docs, opts));
  const sources = new Map<string, { congressId: string; sourceType: string; ids: Set<string> }>();
  for (const d of docs) {
    const k = `${d.congressId}\u0000${d.sourceType}`;
    const s = sources.get(k) ?? { congressId: d.congressId, sourceType: d.sourceType, ids: new Set<string>() };
    s.ids.add(d.sourceId);
    sources.set(k, s);
  }
  const pg = isPostgres(conn);
  if (pg) {
    // Writers of the same source in concurrent transactions (a live reindex, a bulk import) take
    // turns: each deletes what the other committed before inserting, so the unique key holds.
    // Locks are taken in one sorted statement, so two bulk writers cannot deadlock.
    const keys = [...sources.values()].flatMap((s) => [...s.ids].map((id) => `${s.congressId}|${s.sourceType}|${id}`));
    await sql`select pg_advisory_xact_lock(k) from (select distinct hashtextextended(x, 0) as k from unnest(${keys}::text[]) as x order by 1) as s`.execute(conn);
  }
  for (const s of sources.values()) await removeSearchDocuments(conn, { congressId: s.congressId, sourceType: s.sourceType, sourceId: [...s.ids] });

  const at = nowIso();
  for (let i = 0; i < docs.length; i += CHUNK) {
    const rows = docs.slice(i, i + CHUNK).map((d) => ({
      id: newId(),
      congress_id: d.congressId,
      type: d.type,
      source_type: d.sourceType,
      source_id: d.sourceId,
      part_key: d.partKey,
      title: d.title,
      url: d.url,
      article_num: d.articleNum ?? null,
      ordinal: d.ordinal,
      body: d.body,
      title_tokens: d.tokens?.title ?? indexTokens(d.title, opts.segmentation),
      body_tokens: d.tokens?.body ?? indexTokens(d.body, opts.segmentation),
      year: d.year ?? (d.publishedOn ? Number(d.publishedOn.slice(0, 4)) : null),
      body_name: d.bodyName ?? null,
      meeting_id: d.meetingId ?? null,
      meeting_title: d.meetingTitle ?? null,
      published_on: d.publishedOn ?? null,
      updated_at: at,
    }));
    await conn.insertInto('search_documents').values(rows).execute();
    const ids = rows.map((r) => r.id);
    if (pg) {
      await sql`update search_documents set tsv = setweight(to_tsvector('simple', title_tokens), 'A') || to_tsvector('simple', body_tokens),
        tsv_head = setweight(to_tsvector('simple', title_tokens), 'A') || to_tsvector('simple', left(body_tokens, ${RANK_HEAD_CHARS}))
        where id in (${sql.join(ids)})`.execute(conn);
    } else {
      const values = rows.map((r) => sql`(${r.id}, ${r.title_tokens}, ${r.body_tokens})`);
      await sql`insert into search_fts (doc_id, title_tokens, body_tokens) values ${sql.join(values)}`.execute(conn);
    }
  }
  return docs.length;
}

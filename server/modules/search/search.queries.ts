import type { z } from 'zod';
import type { SearchQuery, SearchResult } from '../../../contracts/search.ts';
import type { Conn } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { type MatchRow, bodiesOf, matchDocuments } from './search.repo.ts';
import { MAX_QUERY_CHARS, type Segmentation, makeSnippet, queryTerms, words } from './search.rules.ts';

type Result = z.infer<typeof SearchResult>;
type Facet = Result['facets']['type'];

function facet(rows: readonly MatchRow[], key: (r: MatchRow) => [string, string] | null, max = 20): Facet {
  const counts = new Map<string, { label: string; count: number }>();
  for (const r of rows) {
    const kv = key(r);
    if (!kv) continue;
    const c = counts.get(kv[0]) ?? { label: kv[1], count: 0 };
    c.count++;
    counts.set(kv[0], c);
  }
  return [...counts.entries()]
    .map(([value, c]) => ({ value, label: c.label, count: c.count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, max);
}

const OR_CAP = 300;
const MAX_GROUPS = 8;

/** The query's words: its space-separated parts, or for one long part the segmenter's words. */
function queryGroups(q: string, mode: Segmentation | undefined): string[][] {
  const parts = q.slice(0, MAX_QUERY_CHARS).split(/\s+/).filter(Boolean);
  const pieces = parts.length > 1 ? parts : words(parts[0] ?? '');
  return pieces.map((p) => queryTerms(p, mode)).filter((g) => g.length > 0);
}

/**
 * When no unit has every word: the units that have all words but one, for each word left out,
 * ranked together (a unit missing a rare word still scores by the others). Each try is an AND
 * query, cheap where an OR over all bigrams is not.
 */
async function relaxed(conn: Conn, q: string, f: Parameters<typeof matchDocuments>[3], mode: Segmentation | undefined): Promise<MatchRow[]> {
  const groups = queryGroups(q, mode);
  if (groups.length < 2 || groups.length > MAX_GROUPS) return [];
  const merged = new Map<string, MatchRow>();
  for (let i = 0; i < groups.length; i++) {
    const sub = [...new Set(groups.filter((_, k) => k !== i).flat())];
    if (sub.length === 0) continue;
    for (const r of await matchDocuments(conn, sub, true, f)) {
      const prev = merged.get(r.id);
      if (!prev || prev.score < r.score) merged.set(r.id, r);
    }
  }
  return [...merged.values()].sort((a, b) => b.score - a.score);
}

const NOTHING = { zh: '请输入要检索的字词', en: 'Enter words to search for' };
const CUT = { zh: `检索词过长，只按前${MAX_QUERY_CHARS}个字检索`, en: `The query is too long; only its first ${MAX_QUERY_CHARS} characters were searched` };

/**
 * Public full-text search. Everything in the index is public, so no actor is needed; an unknown
 * congressId simply finds nothing. Words are matched by bigrams (search.rules.ts); when no unit
 * contains every word, units containing some are ranked instead (matched: 'any').
 */
export async function search(conn: Conn, input: z.infer<typeof SearchQuery>, opts: { segmentation?: Segmentation } = {}): Promise<Result> {
  const q = input.q.trim();
  const empty: Result = { q, hits: [], total: 0, matched: 'none', notice: NOTHING, facets: { type: [], year: [], body: [], meeting: [] } };
  const terms = queryTerms(q, opts.segmentation);
  if (terms.length === 0) return empty;
  const f = { congressId: input.congressId, type: input.type, year: input.year, bodyName: input.body, meetingId: input.meetingId };
  let matched: 'all' | 'any' = 'all';
  let rows = await matchDocuments(conn, terms, true, f);
  if (rows.length === 0 && terms.length > 1) {
    matched = 'any';
    rows = await relaxed(conn, q, f, opts.segmentation);
    // Last resort: any word at all, fewer ranked (an OR over common bigrams matches most of the index).
    if (rows.length === 0) rows = await matchDocuments(conn, terms, false, f, OR_CAP);
  }
  const page = rows.slice(input.offset, input.offset + input.limit);
  const bodies = await bodiesOf(
    conn,
    page.map((r) => r.id),
  );
  const hits = page.map((r) => {
    const s = makeSnippet(bodies.get(r.id) ?? '', q);
    return {
      type: r.type,
      title: r.title,
      url: r.url,
      ...(r.article_num ? { articleNum: r.article_num } : {}),
      snippet: s.text,
      highlights: s.highlights,
      congressId: r.congress_id,
      year: r.year,
      bodyName: r.body_name,
      meetingId: r.meeting_id,
      meetingTitle: r.meeting_title,
      publishedOn: r.published_on,
    };
  });
  return {
    q,
    hits,
    total: rows.length,
    matched,
    notice: q.length > MAX_QUERY_CHARS ? CUT : null,
    facets: {
      type: facet(rows, (r) => [r.type, r.type]),
      year: facet(rows, (r) => (r.year === null ? null : [String(r.year), String(r.year)]), 30),
      body: facet(rows, (r) => (r.body_name ? [r.body_name, r.body_name] : null)),
      meeting: facet(rows, (r) => (r.meeting_id ? [r.meeting_id, r.meeting_title ?? r.meeting_id] : null)),
    },
  };
}

/** One indexed unit (or, with part '', every part of the source in order) for the portal's reader. */
export async function readSearchUnit(conn: Conn, congressId: string, sourceType: string, sourceId: string, part: string) {
  let q = conn
    .selectFrom('search_documents')
    .select(['title', 'body', 'url', 'article_num', 'meeting_title', 'published_on'])
    .where('congress_id', '=', congressId)
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId);
  if (part) q = q.where('part_key', '=', part);
  const rows = await q.orderBy('ordinal').limit(2000).execute();
  const first = rows[0];
  if (!first) throw errors.notFound('Search unit', '该内容');
  return {
    title: part ? first.title : (first.meeting_title ?? first.title),
    body: rows.map((r) => r.body).join('\n\n'),
    url: first.url,
    articleNum: part ? first.article_num : null,
    meetingTitle: first.meeting_title,
    publishedOn: first.published_on,
  };
}

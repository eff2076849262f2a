// Measures search quality on a judged query set (tests/fixtures/search/judged.json): nDCG@10 of
// each query and the mean. A hit's key is '<regulation>#<article>' or 'doc:<title>', as judged.
import { readFileSync } from 'node:fs';
import type { Conn } from '../../platform/db.ts';
import { search } from './search.queries.ts';
import { type Segmentation, ndcgAt } from './search.rules.ts';

export interface JudgedQuery {
  q: string;
  judgments: Record<string, number>;
}

export const readJudged = (path: string): JudgedQuery[] => (JSON.parse(readFileSync(path, 'utf8')) as { queries: JudgedQuery[] }).queries;

export const hitKey = (h: { type: string; title: string; articleNum?: string | undefined }): string =>
  h.type === 'regulation' && h.articleNum ? `${h.title.split(' ')[0] ?? ''}#${h.articleNum}` : `doc:${h.title}`;

export async function evaluate(conn: Conn, congressId: string, judged: readonly JudgedQuery[], opts: { segmentation?: Segmentation } = {}) {
  const per: { q: string; ndcg: number; top: string | undefined }[] = [];
  for (const j of judged) {
    const r = await search(conn, { q: j.q, congressId, limit: 10, offset: 0 }, opts);
    const keys = r.hits.map(hitKey);
    per.push({ q: j.q, ndcg: ndcgAt(10, keys, j.judgments), top: keys[0] });
  }
  const mean = per.reduce((s, x) => s + x.ndcg, 0) / Math.max(1, per.length);
  return { mean, per };
}

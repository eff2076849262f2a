// The public search, reader and regulation endpoints as the portal reads them.
import type { z } from 'zod';
import type * as O from '../../../../contracts/publicdata.ts';
import type * as S from '../../../../contracts/search.ts';
import { request } from '../../api.ts';

export type SearchResult = z.infer<typeof S.SearchResult>;
export type SearchHit = z.infer<typeof S.SearchHit>;
export type SearchDocType = z.infer<typeof S.SearchDocType>;
export type OpenRegulation = z.infer<typeof O.OpenRegulation>;
export interface SearchUnit {
  title: string;
  body: string;
  url: string;
  articleNum: string | null;
  meetingTitle: string | null;
  publishedOn: string | null;
}

const id = encodeURIComponent;

export const searchApi = {
  search: (q: { q: string; congressId?: string | undefined; type?: string | undefined; year?: string | undefined; limit?: number }) =>
    request<SearchResult>('GET', '/search', undefined, { q: q.q, congressId: q.congressId, type: q.type, year: q.year, limit: q.limit ?? 20 }),
  regulation: (congress: string, workId: string) => request<OpenRegulation>('GET', `/open/congresses/${id(congress)}/regulations/${id(workId)}`),
  unit: (congressId: string, sourceType: string, sourceId: string, part: string) =>
    request<SearchUnit>('GET', `/congresses/${id(congressId)}/search/units/${id(sourceType)}/${id(sourceId)}`, undefined, { part }),
};

export const feedUrl = (congressId: string, format: 'rss' | 'atom', q?: string): string =>
  `/api/v1/congresses/${id(congressId)}/feed.${format}${q ? `?q=${id(q)}` : ''}`;

import { z } from 'zod';
import { Id } from './congress.ts';

export const SearchDocType = z.enum(['regulation', 'gazette', 'document', 'opinion', 'meeting']);
export type SearchDocType = z.infer<typeof SearchDocType>;

/** Long input is accepted and cut to the first 200 characters: a query is a few words. */
export const SearchQuery = z
  .object({
    q: z.string().max(20000).default(''),
    congressId: Id.optional(),
    type: SearchDocType.optional(),
    year: z.coerce.number().int().min(1949).max(2100).optional(),
    body: z.string().max(200).optional(),
    meetingId: Id.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    offset: z.coerce.number().int().min(0).max(1000).default(0),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchHit = z.object({
  type: SearchDocType,
  title: z.string(),
  url: z.string(),
  articleNum: z.string().optional(),
  snippet: z.string(),
  /** [start, end) offsets into snippet of the matched words. */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  congressId: Id,
  year: z.number().int().nullable(),
  bodyName: z.string().nullable(),
  meetingId: z.string().nullable(),
  meetingTitle: z.string().nullable(),
  publishedOn: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

const FacetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export const SearchResult = z.object({
  q: z.string(),
  hits: z.array(SearchHit),
  total: z.number().int(),
  /** all: every word matched; any: nothing matched every word, so hits match some; none: nothing to search for. */
  matched: z.enum(['all', 'any', 'none']),
  /** Set when the query was cut or had nothing searchable. */
  notice: z.object({ zh: z.string(), en: z.string() }).nullable(),
  facets: z.object({ type: z.array(FacetValue), year: z.array(FacetValue), body: z.array(FacetValue), meeting: z.array(FacetValue) }),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const ReindexResult = z.object({ regulations: z.number().int(), documents: z.number().int(), opinions: z.number().int(), meetings: z.number().int() });

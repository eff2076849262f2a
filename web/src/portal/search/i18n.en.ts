import type { searchZh } from './i18n.zh.ts';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const searchEn: Widen<typeof searchZh> = {
  title: 'Search',
  intro: 'Search regulations by article, gazettes and meeting documents, and answers to citizens’ opinions',
  label: 'Search words',
  placeholder: 'Type words, e.g. 卫河 拆除违法建筑物',
  submit: 'Search',
  total: '{{count}} results',
  none: 'Nothing found',
  partial: 'Nothing contains all the words; these results contain some of them',
  filters: 'Filters',
  type: 'Type',
  year: 'Year',
  all: 'All',
  types: { regulation: 'Regulation', gazette: 'Gazette', document: 'Meeting document', opinion: 'Citizens’ opinion', meeting: 'Meeting' },
  subscribe: 'Subscribe to this search (RSS)',
  feeds: 'Subscribe',
  rss: 'RSS feed',
  atom: 'Atom feed',
  calendar: 'Meeting calendar (iCal)',
  openData: 'Open data (JSON)',
  searchLink: 'Search regulations and gazettes',
  back: 'Back to search',
  loading: 'Loading…',
  regulation: 'Regulation',
  inForce: 'In force',
  articles: '{{count}} articles',
  notFound: 'Not found',
};

// The portal's search: words in, hits at the article or document with their number and the words
// marked, filters by type and year, and a feed of the same search. Phone first; plain elements.
import { Fragment, type ReactNode, type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useCongresses } from '../../congresses.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { currentLang } from '../../i18n/index.ts';
import { PortalFrame } from '../PortalFrame.tsx';
import { usePageMeta } from '../usePageMeta.ts';
import { type SearchDocType, type SearchHit, feedUrl, searchApi } from './searchApi.ts';
import './search.css';

function Snippet({ hit }: { hit: SearchHit }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [i, [a, b]] of hit.highlights.entries()) {
    if (a > at) parts.push(hit.snippet.slice(at, a));
    parts.push(<mark key={i}>{hit.snippet.slice(a, b)}</mark>);
    at = b;
  }
  parts.push(hit.snippet.slice(at));
  return <p className="ps-snippet">{parts}</p>;
}

export function SearchPage() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const [params, setParams] = useSearchParams();
  const congresses = useCongresses();
  const congress = congresses.data?.find((c) => c.slug === slug);
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const year = params.get('year') ?? '';
  const [draft, setDraft] = useState(q);
  usePageMeta(`${t('search.title')}${q ? `：${q}` : ''} · ${congress?.name ?? ''}`, t('search.intro'));
  const result = useLoader(
    () => (congress && q.trim() ? searchApi.search({ q, congressId: congress.id, type: type || undefined, year: year || undefined }) : Promise.resolve(null)),
    [congress?.id, q, type, year],
  );

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    setParams(draft.trim() ? { q: draft.trim() } : {});
  };
  const withParam = (k: string, v: string): string => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    return `?${next.toString()}`;
  };
  const r = result.data;

  return (
    <PortalFrame>
      {slug ? <Link to={`/p/${slug}`}>← {congress?.name ?? slug}</Link> : null}
      <h1 style={{ fontSize: 24, margin: '8px 0 0' }}>{t('search.title')}</h1>
      <p className="pp-muted">{t('search.intro')}</p>
      <form className="ps-form" role="search" onSubmit={submit}>
        <label htmlFor="ps-q">{t('search.label')}</label>
        <input id="ps-q" type="search" name="q" value={draft} placeholder={t('search.placeholder')} onChange={(e) => setDraft(e.target.value)} maxLength={200} autoComplete="off" />
        <button type="submit" className="pp-button" data-testid="search-submit">
          {t('search.submit')}
        </button>
      </form>
      {result.loading ? <p aria-live="polite">{t('search.loading')}</p> : null}
      {result.error ? <p role="alert">{t('search.notFound')}</p> : null}
      {r ? (
        <section aria-labelledby="ps-results">
          <h2 id="ps-results" style={{ fontSize: 16 }} aria-live="polite">
            {r.total > 0 ? t('search.total', { count: r.total }) : t('search.none')}
          </h2>
          {r.notice ? <p className="pp-muted">{currentLang() === 'en' ? r.notice.en : r.notice.zh}</p> : null}
          {r.matched === 'any' ? <p className="pp-muted">{t('search.partial')}</p> : null}
          {r.facets.type.length > 0 ? (
            <nav aria-label={t('search.filters')}>
              <ul className="ps-facets">
                <li>{t('search.type')}：</li>
                <li>
                  <Link to={withParam('type', '')} aria-current={type === '' ? 'true' : undefined}>
                    {t('search.all')}
                  </Link>
                </li>
                {r.facets.type.map((f) => (
                  <li key={f.value}>
                    <Link to={withParam('type', f.value)} aria-current={type === f.value ? 'true' : undefined}>
                      {t(`search.types.${f.value as SearchDocType}`)} ({f.count})
                    </Link>
                  </li>
                ))}
              </ul>
              <ul className="ps-facets">
                <li>{t('search.year')}：</li>
                <li>
                  <Link to={withParam('year', '')} aria-current={year === '' ? 'true' : undefined}>
                    {t('search.all')}
                  </Link>
                </li>
                {r.facets.year.map((f) => (
                  <li key={f.value}>
                    <Link to={withParam('year', f.value)} aria-current={year === f.value ? 'true' : undefined}>
                      {f.label} ({f.count})
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <ol className="ps-hits" data-testid="search-hits">
            {r.hits.map((h) => (
              <li key={h.url}>
                <Link className="ps-title" to={h.url}>
                  {h.title}
                </Link>
                <div className="ps-meta">
                  <span className="pp-badge">{t(`search.types.${h.type}`)}</span>{' '}
                  {[h.articleNum, h.meetingTitle, h.publishedOn].filter(Boolean).map((x, i) => (
                    <Fragment key={i}>{i > 0 ? ' · ' : ''}{x}</Fragment>
                  ))}
                </div>
                <Snippet hit={h} />
              </li>
            ))}
          </ol>
          {congress ? (
            <p>
              <a href={feedUrl(congress.id, 'rss', q)}>{t('search.subscribe')}</a>
            </p>
          ) : null}
        </section>
      ) : null}
    </PortalFrame>
  );
}

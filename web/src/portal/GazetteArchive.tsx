// The gazette archive of a congress: published issues by year, newest first.
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { LoadError } from '../components/Results.tsx';
import { useCongresses } from '../congresses.tsx';
import { useLoader } from '../hooks/useLoader.ts';
import { PortalFrame } from './PortalFrame.tsx';
import { type GazetteSummary, portalApi } from './portalApi.ts';
import './portal.css';
import { dateLabel, usePageMeta } from './usePageMeta.ts';

export function GazetteArchive() {
  const { t, i18n } = useTranslation();
  const { slug = '' } = useParams();
  const congress = useCongresses().data?.find((c) => c.slug === slug);
  const list = useLoader(() => portalApi.gazettes(slug), [slug]);
  usePageMeta(congress ? `${congress.name} · ${t('publication.gazetteArchive')}` : undefined, congress ? t('publication.metaHome', { name: congress.name }) : undefined);
  const years = new Map<number, GazetteSummary[]>();
  for (const g of list.data ?? []) years.set(g.issue.year, [...(years.get(g.issue.year) ?? []), g]);
  return (
    <PortalFrame>
      <p>
        <Link to={`/p/${slug}`}>{t('publication.backToCongress', { name: congress?.name ?? '' })}</Link>
      </p>
      <h1 style={{ fontSize: 24 }}>{t('publication.gazetteArchive')}</h1>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {!list.data && !list.error ? <Skeleton active /> : null}
      {list.data && list.data.length === 0 ? <p className="pp-muted">{t('publication.gazettesEmpty')}</p> : null}
      {[...years.entries()].map(([year, issues]) => (
        <section key={year} className="pp-section" aria-labelledby={`y${year}`}>
          <h2 id={`y${year}`}>{year}</h2>
          <GazetteList slug={slug} issues={issues} lang={i18n.language} />
        </section>
      ))}
    </PortalFrame>
  );
}

export function GazetteList({ slug, issues, lang }: { slug: string; issues: GazetteSummary[]; lang: string }) {
  const { t } = useTranslation();
  return (
    <ul className="pp-list">
      {issues.map((g) => (
        <li key={g.gazetteId}>
          <Link to={`/p/${slug}/gazette/${g.meetingId}`} data-testid={`gazette-${g.meetingId}`}>
            {g.title} {g.issue.label}
          </Link>
          <div className="pp-muted">
            {g.meetingTitle} · {dateLabel(g.meetingDate, lang)} · {t('publication.sections', { count: g.sections })}
          </div>
        </li>
      ))}
    </ul>
  );
}

// Appointments and removals as published in the gazette's personnel lists (R-P2).
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { LoadError } from '../components/Results.tsx';
import { useCongresses } from '../congresses.tsx';
import { useLoader } from '../hooks/useLoader.ts';
import { PortalFrame } from './PortalFrame.tsx';
import { portalApi } from './portalApi.ts';
import './portal.css';
import { dateLabel, usePageMeta } from './usePageMeta.ts';

export function Appointments() {
  const { t, i18n } = useTranslation();
  const { slug = '' } = useParams();
  const congress = useCongresses().data?.find((c) => c.slug === slug);
  const list = useLoader(() => portalApi.appointments(slug), [slug]);
  usePageMeta(congress ? `${congress.name} · ${t('publication.appointments')}` : undefined, congress ? t('publication.metaHome', { name: congress.name }) : undefined);
  return (
    <PortalFrame>
      <p>
        <Link to={`/p/${slug}`}>{t('publication.backToCongress', { name: congress?.name ?? '' })}</Link>
      </p>
      <h1 style={{ fontSize: 24 }}>{t('publication.appointments')}</h1>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {!list.data && !list.error ? <Skeleton active /> : null}
      {list.data && list.data.length === 0 ? <p className="pp-muted">{t('publication.appointmentsEmpty')}</p> : null}
      {(list.data ?? []).map((a) => (
        <section key={`${a.meetingId}-${a.title}`} className="pp-section gazette" aria-labelledby={`ap-${a.meetingId}`}>
          <h2 id={`ap-${a.meetingId}`}>{a.title}</h2>
          <p className="pp-muted" style={{ textIndent: 0 }}>
            <Link to={`/p/${slug}/meetings/${a.meetingId}`}>{a.meetingTitle}</Link> · {dateLabel(a.meetingDate, i18n.language)}
          </p>
          {a.lines.map((l, i) => (
            <p key={i} className="list">
              {l}
            </p>
          ))}
        </section>
      ))}
    </PortalFrame>
  );
}

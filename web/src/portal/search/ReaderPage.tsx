// An indexed unit that has no page of its own elsewhere (a document of a gazette imported as text).
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useCongresses } from '../../congresses.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { PortalFrame } from '../PortalFrame.tsx';
import { usePageMeta } from '../usePageMeta.ts';
import { searchApi } from './searchApi.ts';
import './search.css';

export function ReaderPage() {
  const { t } = useTranslation();
  const { slug = '', sourceType = '', sourceId = '' } = useParams();
  const [params] = useSearchParams();
  const part = params.get('part') ?? '';
  const congress = useCongresses().data?.find((c) => c.slug === slug);
  const unit = useLoader(() => (congress ? searchApi.unit(congress.id, sourceType, sourceId, part) : Promise.resolve(null)), [congress?.id, sourceType, sourceId, part]);
  const u = unit.data;
  usePageMeta(u?.title, u?.meetingTitle ?? undefined);
  return (
    <PortalFrame>
      <Link to={`/p/${slug}/search`}>← {t('search.back')}</Link>
      {unit.loading ? <p>{t('search.loading')}</p> : null}
      {unit.error ? <p role="alert">{t('search.notFound')}</p> : null}
      {u ? (
        <article>
          <h1 style={{ fontSize: 22, margin: '12px 0 4px' }}>{u.title}</h1>
          <p className="pp-muted">{[u.meetingTitle, u.publishedOn].filter(Boolean).join(' · ')}</p>
          {u.body
            .split(/\n+/)
            .filter((l) => l.trim())
            .map((l, i) => (
              <p key={i} style={{ lineHeight: 1.8 }}>
                {l}
              </p>
            ))}
        </article>
      ) : null}
    </PortalFrame>
  );
}

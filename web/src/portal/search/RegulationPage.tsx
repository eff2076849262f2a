// A regulation in force, article by article, each with an anchor (#art_42) that search hits link to;
// the linked article is scrolled to, marked and focused.
import { Fragment, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useLoader } from '../../hooks/useLoader.ts';
import { PortalFrame } from '../PortalFrame.tsx';
import { usePageMeta } from '../usePageMeta.ts';
import { searchApi } from './searchApi.ts';
import './search.css';

export function RegulationPage() {
  const { t } = useTranslation();
  const { slug = '', workId = '' } = useParams();
  const { hash } = useLocation();
  const reg = useLoader(() => searchApi.regulation(slug, workId), [slug, workId]);
  const r = reg.data;
  usePageMeta(r?.title, r ? `${r.title}（${t('search.articles', { count: r.articles })}）` : undefined);

  useEffect(() => {
    if (!r || !hash) return;
    const el = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!el) return;
    document.querySelectorAll('.ps-current').forEach((x) => x.classList.remove('ps-current'));
    el.classList.add('ps-current');
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
  }, [r, hash]);

  const divisions = new Map((r?.divisions ?? []).map((d) => [d.eId, d]));
  let lastDivision: string | null = null;
  return (
    <PortalFrame>
      <Link to={`/p/${slug}/search`}>← {t('search.back')}</Link>
      {reg.loading ? <p>{t('search.loading')}</p> : null}
      {reg.error ? <p role="alert">{t('search.notFound')}</p> : null}
      {r ? (
        <article>
          <h1 style={{ fontSize: 22, textAlign: 'center', margin: '12px 0 4px' }} data-testid="regulation-title">
            {r.title}
          </h1>
          <p className="pp-muted" style={{ textAlign: 'center' }}>
            <span className="pp-badge">{t('search.inForce')}</span> {t('search.articles', { count: r.articles })}
          </p>
          {r.preface.map((l, i) => (
            <p key={`pf${String(i)}`} className="pp-muted" style={{ textAlign: 'center', margin: 0 }}>
              {l}
            </p>
          ))}
          {r.preamble.map((l, i) => (
            <p key={`pa${String(i)}`}>{l}</p>
          ))}
          {r.articleList.map((a) => {
            const d = a.divisionEId ? divisions.get(a.divisionEId) : undefined;
            const head = a.divisionEId !== lastDivision && d ? <h2 className="ps-division">{`${d.numText ?? ''} ${d.heading}`.trim()}</h2> : null;
            lastDivision = a.divisionEId;
            return (
              <Fragment key={a.eId}>
                {head}
                <section id={a.eId} className="ps-article" tabIndex={-1} aria-labelledby={`${a.eId}-h`} data-testid={`article-${String(a.num)}`}>
                  <h3 id={`${a.eId}-h`}>
                    {a.numText}
                    {a.heading ? `【${a.heading}】` : ''}
                  </h3>
                  {a.paragraphs.map((p, i) => (
                    <p key={i}>{p}</p>
                  ))}
                </section>
              </Fragment>
            );
          })}
        </article>
      ) : null}
    </PortalFrame>
  );
}

// The gazette reader: one published edition with its table of contents, every section in print
// order, and the DOCX and PDF downloads. Phone first; anchors #s1… match the search index's links.
import { Skeleton } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { LoadError } from '../components/Results.tsx';
import { useLoader } from '../hooks/useLoader.ts';
import { PortalFrame } from './PortalFrame.tsx';
import { gazetteFileUrl, portalApi } from './portalApi.ts';
import './portal.css';
import { dateLabel, usePageMeta } from './usePageMeta.ts';

const LISTS = new Set(['personnel', 'attendance', 'attendees']);

export function GazetteReader() {
  const { t, i18n } = useTranslation();
  const { slug = '', meetingId = '' } = useParams();
  const { hash } = useLocation();
  const g = useLoader(() => portalApi.gazette(meetingId), [meetingId]);
  const c = g.data;
  usePageMeta(c ? `${c.frontMatter.title} ${c.issue.label}` : undefined, c ? `${c.frontMatter.title}${c.issue.label}：${c.frontMatter.subtitle || c.meetingTitle}（${dateLabel(c.meetingDate, 'zh-CN')}）。` : undefined);
  useEffect(() => {
    if (c && hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [c, hash]);

  return (
    <PortalFrame>
      <p>
        <Link to={`/p/${slug}/meetings/${meetingId}`}>{t('publication.backToMeeting')}</Link>
        {' · '}
        <Link to={`/p/${slug}/gazette`}>{t('publication.allGazettes')}</Link>
      </p>
      {g.error ? <LoadError error={g.error} onRetry={g.reload} /> : null}
      {!c && !g.error ? <Skeleton active /> : null}
      {c ? (
        <article className="gazette" lang="zh-CN">
          <header>
            <h1 data-testid="gazette-title">{c.frontMatter.title}</h1>
            <p style={{ textIndent: 0, textAlign: 'center' }}>{c.issue.label}</p>
            {c.frontMatter.subtitle ? <p style={{ textIndent: 0, textAlign: 'center' }}>{c.frontMatter.subtitle}</p> : null}
            <p className="pp-muted" style={{ textIndent: 0, textAlign: 'center' }}>
              {dateLabel(c.meetingDate, i18n.language)} · {t('publication.edition', { n: c.edition })}
            </p>
            <div className="pp-actions" style={{ justifyContent: 'center' }}>
              <a className="pp-button" href={gazetteFileUrl(c.meetingId, 'pdf')} download data-testid="download-pdf">
                {t('publication.downloadPdf')}
              </a>
              <a className="pp-button pp-button-ghost" href={gazetteFileUrl(c.meetingId, 'docx')} download data-testid="download-docx">
                {t('publication.downloadDocx')}
              </a>
            </div>
          </header>
          {c.frontMatter.preface
            ? c.frontMatter.preface
                .split('\n')
                .filter((l) => l.trim())
                .map((l, i) => <p key={i}>{l}</p>)
            : null}
          <nav aria-labelledby="toc-h" data-testid="gazette-toc">
            <h2 id="toc-h">{t('publication.toc')}</h2>
            <ol>
              {c.toc.map((e, i) => (
                <li key={e.key}>
                  <a href={`#s${i + 1}`}>{e.title}</a>
                </li>
              ))}
            </ol>
          </nav>
          {c.sections.map((s, i) => (
            <section key={s.key} id={`s${i + 1}`} aria-labelledby={`s${i + 1}-h`}>
              <h2 id={`s${i + 1}-h`}>{s.title}</h2>
              {s.paragraphs.map((p, k) => (
                <p key={k} className={LISTS.has(s.kind) ? 'list' : undefined}>
                  {p}
                </p>
              ))}
            </section>
          ))}
          {c.anchor ? (
            <footer className="pp-muted" style={{ marginTop: '3em', fontSize: '0.8em', wordBreak: 'break-all' }} data-testid="gazette-colophon">
              <p style={{ textIndent: 0 }}>{t('publication.colophon', { seq: c.anchor.seq, hash: c.anchor.hash.slice(0, 16), keyId: c.anchor.keyId })}</p>
            </footer>
          ) : null}
        </article>
      ) : null}
    </PortalFrame>
  );
}

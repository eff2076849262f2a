// A meeting on the portal: its agenda with outcomes, its public documents (each opening in the
// gazette), the announced results with named votes, and the way to its gazette.
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { LoadError } from '../components/Results.tsx';
import { useCongresses } from '../congresses.tsx';
import { useLoader } from '../hooks/useLoader.ts';
import { isInsider } from '../permissions.ts';
import { useSession } from '../session.tsx';
import { PortalFrame } from './PortalFrame.tsx';
import { portalApi } from './portalApi.ts';
import './portal.css';
import { dateLabel, usePageMeta } from './usePageMeta.ts';

export function PortalMeeting() {
  const { t, i18n } = useTranslation();
  const { slug = '', meetingId = '' } = useParams();
  const congress = useCongresses().data?.find((c) => c.slug === slug);
  const meeting = useLoader(() => portalApi.meeting(meetingId), [meetingId]);
  const texts = useLoader(() => portalApi.texts(meetingId), [meetingId]);
  const results = useLoader(() => portalApi.results(meetingId), [meetingId]);
  const gazette = useLoader(() => portalApi.gazette(meetingId).catch(() => null), [meetingId]);
  const m = meeting.data;
  const { user } = useSession();
  usePageMeta(m?.title, m ? t('publication.metaMeeting', { title: m.title, date: dateLabel(m.date, i18n.language) }) : undefined);

  const indexOf = new Map((gazette.data?.sections ?? []).map((s, i) => [s.key, i]));
  return (
    <PortalFrame>
      <p>
        <Link to={`/p/${slug}`}>{t('publication.backToCongress', { name: congress?.name ?? '' })}</Link>
      </p>
      {meeting.error ? <LoadError error={meeting.error} onRetry={meeting.reload} /> : null}
      {!m && !meeting.error ? <Skeleton active /> : null}
      {m ? (
        <article>
          <h1 style={{ fontSize: 24, margin: '8px 0' }} data-testid="meeting-title">
            {m.title}
          </h1>
          <p className="pp-muted">{dateLabel(m.date, i18n.language)}</p>
          <div className="pp-actions">
            {gazette.data ? (
              <Link className="pp-button" to={`/p/${slug}/gazette/${m.id}`} data-testid="read-gazette">
                {t('publication.readGazette')}
              </Link>
            ) : gazette.loading ? null : (
              <span className="pp-muted">{t('publication.noGazette')}</span>
            )}
            {user && congress && isInsider(user, congress.id) ? (
              <Link className="pp-button pp-button-ghost" to={`/app/${slug}/meetings/${m.id}/gazette`}>
                {t('publication.editor.open')}
              </Link>
            ) : null}
          </div>

          <section className="pp-section" aria-labelledby="agenda-h">
            <h2 id="agenda-h">{t('publication.agenda')}</h2>
            <ol className="pp-list">
              {m.agendaItems
                .filter((a) => a.status !== 'removed')
                .map((a) => (
                  <li key={a.id}>
                    <div>
                      <span className="pp-badge">{a.position}</span>
                      {a.title}
                    </div>
                    <div className="pp-muted">
                      {a.presenter ? `${t('publication.presenter', { name: a.presenter })} · ` : ''}
                      {t(`publication.outcome.${a.outcome}`)}
                    </div>
                  </li>
                ))}
            </ol>
          </section>

          <section className="pp-section" aria-labelledby="docs-h">
            <h2 id="docs-h">{t('publication.documents')}</h2>
            {texts.error ? <LoadError error={texts.error} onRetry={texts.reload} /> : null}
            {texts.data && texts.data.length === 0 ? <p className="pp-muted">{t('publication.documentsEmpty')}</p> : null}
            {texts.data && texts.data.length > 0 ? (
              <ul className="pp-list">
                {texts.data.map((d) => {
                  const i = indexOf.get(d.key);
                  return (
                    <li key={d.key}>
                      <span className="pp-badge">{t(`publication.kind.${d.kind}`)}</span>
                      {i === undefined ? d.title : <Link to={`/p/${slug}/gazette/${m.id}#s${i + 1}`}>{d.title}</Link>}
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </section>

          <section className="pp-section" aria-labelledby="results-h">
            <h2 id="results-h">{t('publication.results')}</h2>
            {results.data && results.data.length === 0 ? <p className="pp-muted">{t('publication.resultsEmpty')}</p> : null}
            {results.data && results.data.length > 0 ? (
              <ul className="pp-list">
                {results.data.map((r) => (
                  <li key={r.pollId}>
                    <div>{r.subject}</div>
                    <div>
                      {r.yes !== undefined ? t('publication.tally', { yes: r.yes, no: r.no ?? 0, abstain: r.abstain ?? 0 }) : null}{' '}
                      {r.passed === undefined ? null : <span className={r.passed ? 'pp-badge pp-badge-red' : 'pp-badge'}>{r.passed ? t('publication.passed') : t('publication.notPassed')}</span>}
                    </div>
                    {r.ballots && r.ballots.length > 0 ? (
                      <details>
                        <summary>{t('publication.namedVotes')}</summary>
                        <ul className="pp-votes">
                          {r.ballots.map((b) => (
                            <li key={b.personId}>
                              {b.name}：{b.choice ? t(`publication.choice.${b.choice}`) : t('publication.choice.none')}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        </article>
      ) : null}
    </PortalFrame>
  );
}

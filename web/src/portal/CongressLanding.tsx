// A congress's public home: its name, standing committee and current term; its public meetings, the
// latest gazette issues, announcements, a link to appointments; and the member roster.
import { Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type Congress, api } from '../api.ts';
import { MembersTable } from '../components/MembersTable.tsx';
import { LoadError } from '../components/Results.tsx';
import { useCongresses } from '../congresses.tsx';
import { useLoader } from '../hooks/useLoader.ts';
import { useTermLabel } from '../hooks/useTermLabel.ts';
import { GazetteList } from './GazetteArchive.tsx';
import { BackTo, PortalCongressPage } from './PortalCongressPage.tsx';
import { portalApi } from './portalApi.ts';
import './portal.css';
import { dateLabel, usePageMeta } from './usePageMeta.ts';

export function CongressLanding() {
  return <PortalCongressPage page={(congress) => <CongressHome congress={congress} />} />;
}

function CongressHome({ congress }: { congress: Congress }) {
  const { t, i18n } = useTranslation();
  const termLabel = useTermLabel();
  const congresses = useCongresses();
  const parent = congress.parentId ? congresses.data?.find((c) => c.id === congress.parentId) : undefined;
  const children = (congresses.data ?? []).filter((c) => c.parentId === congress.id);
  const members = useLoader(() => api.members.list(congress.id), [congress.id]);
  const meetings = useLoader(() => portalApi.meetings(congress.id), [congress.id]);
  const gazettes = useLoader(() => portalApi.gazettes(congress.id), [congress.id]);
  const announcements = useLoader(() => portalApi.announcements(congress.id), [congress.id]);
  usePageMeta(congress.name, t('publication.metaHome', { name: congress.name }));

  return (
    <>
      <BackTo to="/" label={t('portal.allCongresses')} />
      <div className="portal-hero" style={{ paddingTop: 8 }}>
        <Typography.Title level={2} style={{ marginBottom: 4 }} data-testid="landing-title">
          {congress.name}
        </Typography.Title>
        {congress.nameEn ? <Typography.Text type="secondary">{congress.nameEn}</Typography.Text> : null}
      </div>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('portal.standingCommittee')}>{congress.standingCommitteeName ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('portal.currentTerm')}>{termLabel(congress.currentTerm)}</Descriptions.Item>
            <Descriptions.Item label={t('congresses.level')}>{t(`levels.${congress.level}`)}</Descriptions.Item>
            {congress.region ? <Descriptions.Item label={t('congresses.region')}>{congress.region}</Descriptions.Item> : null}
            {parent ? (
              <Descriptions.Item label={t('congresses.parent')}>
                <Link to={`/p/${parent.slug}`}>{parent.name}</Link>
              </Descriptions.Item>
            ) : null}
            {children.length > 0 ? (
              <Descriptions.Item label={t('congresses.title')}>
                <Space wrap>
                  {children.map((c) => (
                    <Link key={c.id} to={`/p/${c.slug}`}>
                      {c.name}
                    </Link>
                  ))}
                </Space>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        <section className="pp-section" aria-labelledby="meetings-h">
          <h2 id="meetings-h">{t('publication.meetings')}</h2>
          {meetings.error ? <LoadError error={meetings.error} onRetry={meetings.reload} /> : null}
          {meetings.data && meetings.data.length === 0 ? <p className="pp-muted">{t('publication.meetingsEmpty')}</p> : null}
          {meetings.data && meetings.data.length > 0 ? (
            <ul className="pp-list">
              {[...meetings.data]
                .sort((a, b) => b.date.localeCompare(a.date))
                .slice(0, 10)
                .map((m) => (
                  <li key={m.id}>
                    <Link to={`/p/${congress.slug}/meetings/${m.id}`} data-testid={`portal-meeting-${m.number ?? m.id}`}>
                      {m.title}
                    </Link>
                    <div className="pp-muted">{dateLabel(m.date, i18n.language)}</div>
                  </li>
                ))}
            </ul>
          ) : null}
        </section>
        <section className="pp-section" aria-labelledby="gazettes-h">
          <h2 id="gazettes-h">{t('publication.gazettes')}</h2>
          {gazettes.data && gazettes.data.length === 0 ? <p className="pp-muted">{t('publication.gazettesEmpty')}</p> : null}
          {gazettes.data && gazettes.data.length > 0 ? <GazetteList slug={congress.slug} issues={gazettes.data.slice(0, 5)} lang={i18n.language} /> : null}
          <p>
            <Link to={`/p/${congress.slug}/gazette`}>{t('publication.gazetteArchive')}</Link>
            {' · '}
            <Link to={`/p/${congress.slug}/appointments`}>{t('publication.appointments')}</Link>
            {' · '}<Link to={`/p/${congress.slug}/search`} data-testid="portal-search-link">{t('search.searchLink')}</Link>
          </p>
        </section>
        <section className="pp-section" aria-labelledby="part-h">
          <h2 id="part-h">{t('publication.takePart')}</h2>
          <ul className="pp-list">
            <li>
              <Link to={`/p/${congress.slug}/consultations`}>{t('publication.consultations')}</Link>
            </li>
            <li>
              <Link to={`/p/${congress.slug}/stations`}>{t('publication.stations')}</Link>
            </li>
            <li>
              <Link to={`/p/${congress.slug}/opinions/new`}>{t('publication.submitOpinion')}</Link>
            </li>
            <li>
              <Link to={`/p/${congress.slug}/opinions/track`}>{t('publication.trackOpinion')}</Link>
            </li>
          </ul>
        </section>
        <section className="pp-section" aria-labelledby="ann-h">
          <h2 id="ann-h">{t('publication.announcements')}</h2>
          {announcements.data && announcements.data.length === 0 ? <p className="pp-muted">{t('publication.announcementsEmpty')}</p> : null}
          {announcements.data && announcements.data.length > 0 ? (
            <ul className="pp-list">
              {announcements.data.slice(0, 10).map((a) => (
                <li key={a.id}>
                  <details>
                    <summary>
                      {a.heading} {a.title}
                    </summary>
                    {a.body.split('\n').map((l, i) => (
                      <p key={i}>{l}</p>
                    ))}
                  </details>
                  {a.publishedAt ? <div className="pp-muted">{dateLabel(a.publishedAt, i18n.language)}</div> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <Card
          title={t('portal.roster')}
          extra={members.data ? <Typography.Text type="secondary">{t('portal.rosterCount', { count: members.data.length })}</Typography.Text> : null}
          styles={{ body: { padding: 0 } }}
        >
          {members.error ? <LoadError error={members.error} onRetry={members.reload} /> : <MembersTable members={members.data ?? []} loading={members.loading} />}
        </Card>
      </Space>
    </>
  );
}

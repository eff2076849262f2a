// A station's public page (measures art. 9): address and hours, staff and duties, the deputies,
// the coming receptions and service days with a calendar feed, the opinion process and the online channel.
import { CalendarOutlined, FormOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Congress } from '../../api.ts';
import { LoadError } from '../../components/Results.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { stationsApi } from '../../features/opinions/civicApi.ts';
import { BackTo, PortalCongressPage } from '../PortalCongressPage.tsx';
import { NextServiceDay } from './StationsFinderPage.tsx';

export function StationPublicPage() {
  return <PortalCongressPage page={(c) => <StationView congress={c} />} />;
}

function StationView({ congress }: { congress: Congress }) {
  const { t } = useTranslation();
  const { stationId = '' } = useParams();
  const page = useLoader(() => stationsApi.page(congress.id, stationId), [congress.id, stationId]);
  const back = <BackTo to={`/p/${congress.slug}/stations`} label={t('civic.portal.stations')} />;
  if (page.error) {
    return (
      <div className="civic-narrow">
        {back}
        <LoadError error={page.error} onRetry={page.reload} />
      </div>
    );
  }
  const s = page.data;
  if (!s) return <Skeleton active />;
  return (
    <div className="civic-narrow">
      {back}
      <Typography.Title level={3} data-testid="station-name">
        {s.name}
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('civic.station.kind')}>{t(`civic.stationKind.${s.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('civic.station.address')}>{s.address}</Descriptions.Item>
          {s.hours ? <Descriptions.Item label={t('civic.station.hours')}>{s.hours}</Descriptions.Item> : null}
          {s.phone ? (
            <Descriptions.Item label={t('civic.station.phone')}>
              <a href={`tel:${s.phone}`}>{s.phone}</a>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        <NextServiceDay days={s.nextServiceDays} />
        <div className="civic-two">
          <Link to={`/p/${congress.slug}/opinions/new?station=${encodeURIComponent(s.id)}`}>
            <Button type="primary" size="large" block icon={<FormOutlined />} data-testid="station-submit">
              {t('civic.portal.submit')}
            </Button>
          </Link>
          <a href={s.calendarUrl}>
            <Button size="large" block icon={<CalendarOutlined />}>
              {t('civic.station.calendar')}
            </Button>
          </a>
        </div>
        <Card size="small" title={t('civic.station.upcoming')}>
          {s.upcoming.length === 0 ? (
            <Empty description={t('civic.station.noEvents')} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }} data-testid="station-events">
              {s.upcoming.map((e) => (
                <div key={e.id} className="civic-row">
                  <Typography.Text strong>
                    {e.date} {e.startTime}–{e.endTime}
                  </Typography.Text>{' '}
                  <Tag color={e.kind === 'service_day' ? 'red' : 'blue'}>{t(`civic.eventKind.${e.kind}`)}</Tag>
                  {e.status === 'cancelled' ? <Tag>{t('civic.station.cancelled')}</Tag> : null}
                  <div>{e.theme}</div>
                  <Typography.Text type="secondary">{e.place}</Typography.Text>
                </div>
              ))}
            </Space>
          )}
        </Card>
        <Card size="small" title={t('civic.station.staff')}>
          {s.staff.length === 0 ? <Empty /> : s.staff.map((p) => <div key={p.id}>{`${p.roleZh}：${p.name}${p.duties ? `（${p.duties}）` : ''}`}</div>)}
        </Card>
        <Card size="small" title={t('civic.station.deputies')}>
          {s.deputies.length === 0 ? <Empty /> : <Space wrap>{s.deputies.map((d) => <Tag key={d.deputyId}>{`${d.name} · ${d.levelZh}`}</Tag>)}</Space>}
        </Card>
        <Card size="small" title={t('civic.station.process')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{s.process}</Typography.Paragraph>
        </Card>
        <Card size="small" title={t('civic.station.online')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{s.onlineGuide}</Typography.Paragraph>
        </Card>
        {s.rules ? (
          <Card size="small" title={t('civic.station.rules')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{s.rules}</Typography.Paragraph>
          </Card>
        ) : null}
        {s.annualPlan ? (
          <Card size="small" title={t('civic.station.plan')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{s.annualPlan}</Typography.Paragraph>
          </Card>
        ) : null}
      </Space>
    </div>
  );
}

// The public list of liaison stations: the nearest one by the phone's position (or a search by
// name, district or address), and the next service day (为民服务活动日).
import { AimOutlined, EnvironmentOutlined, FormOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Congress } from '../../api.ts';
import { LoadError } from '../../components/Results.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { type ServiceDay, type Station, addDaysLocal, distanceKm, stationsApi, todayLocal } from '../../features/opinions/civicApi.ts';
import { PortalCongressPage } from '../PortalCongressPage.tsx';

export function StationsFinderPage() {
  return <PortalCongressPage page={(c) => <StationsFinder congress={c} />} />;
}

/** The next service day from today on, with its weekday. */
export function NextServiceDay({ days }: { days: readonly ServiceDay[] | undefined }) {
  const { t } = useTranslation();
  const today = todayLocal();
  const next = (days ?? []).find((d) => d.date >= today);
  if (!next) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="next-service-day"
      title={t('civic.stations.nextServiceDay', { date: next.date })}
      description={next.working ? t('civic.stations.serviceDayRule') : t('civic.stations.serviceDayHoliday', { holiday: next.holiday ?? '' })}
    />
  );
}

function StationsFinder({ congress }: { congress: Congress }) {
  const { t } = useTranslation();
  const stations = useLoader(() => stationsApi.list(congress.id), [congress.id]);
  const today = todayLocal();
  const days = useLoader(() => stationsApi.serviceDays(congress.id, today, addDaysLocal(today, 70)).catch(() => []), [congress.id]);
  const [query, setQuery] = useState('');
  const [here, setHere] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeoError(t('civic.stations.noGeo'));
      return;
    }
    setLocating(true);
    setGeoError(null);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setHere({ lat: p.coords.latitude, lng: p.coords.longitude });
        setLocating(false);
      },
      () => {
        setGeoError(t('civic.stations.geoDenied'));
        setLocating(false);
      },
      { timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const shown = useMemo(() => {
    const q = query.trim();
    const list = (stations.data ?? []).filter((s) => !q || [s.name, s.district ?? '', s.township ?? '', s.address].some((f) => f.includes(q)));
    const withDistance = list.map((s) => ({ s, km: here && s.lat !== null && s.lng !== null ? distanceKm(here, { lat: s.lat, lng: s.lng }) : null }));
    if (here) withDistance.sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity));
    return withDistance;
  }, [stations.data, query, here]);

  return (
    <div className="civic-narrow">
      <Typography.Title level={3}>{t('civic.stations.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('civic.stations.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <NextServiceDay days={days.data} />
        <div className="civic-two">
          <Link to={`/p/${congress.slug}/opinions/new`}>
            <Button type="primary" size="large" block icon={<FormOutlined />} data-testid="go-submit">
              {t('civic.portal.submit')}
            </Button>
          </Link>
          <Link to={`/p/${congress.slug}/opinions/track`}>
            <Button size="large" block icon={<SearchOutlined />} data-testid="go-track">
              {t('civic.portal.track')}
            </Button>
          </Link>
        </div>
        <Button size="large" block icon={<AimOutlined />} loading={locating} onClick={locate} data-testid="find-nearest">
          {t('civic.stations.findNearest')}
        </Button>
        {geoError ? <Alert type="warning" showIcon title={geoError} /> : null}
        <Input allowClear size="large" prefix={<SearchOutlined />} placeholder={t('civic.stations.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        {stations.error ? <LoadError error={stations.error} onRetry={stations.reload} /> : null}
        {stations.loading ? <Skeleton active /> : null}
        {!stations.loading && shown.length === 0 ? <Empty description={t('civic.stations.none')} /> : null}
        {shown.slice(0, 50).map(({ s, km }, i) => (
          <StationCard key={s.id} congress={congress} station={s} km={km} nearest={here !== null && i === 0 && km !== null} />
        ))}
      </Space>
    </div>
  );
}

function StationCard({ congress, station: s, km, nearest }: { congress: Congress; station: Station; km: number | null; nearest: boolean }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid={nearest ? 'nearest-station' : 'station-card'}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap>
          <Link to={`/p/${congress.slug}/stations/${s.id}`}>
            <Typography.Text strong>{s.name}</Typography.Text>
          </Link>
          {nearest ? <Tag color="green">{t('civic.stations.nearest')}</Tag> : null}
          <Tag>{t(`civic.stationKind.${s.kind}`)}</Tag>
        </Space>
        <Typography.Text type="secondary">
          <EnvironmentOutlined /> {s.address}
          {km !== null ? ` · ${t('civic.stations.km', { km: km < 10 ? km.toFixed(1) : Math.round(km) })}` : ''}
        </Typography.Text>
        {s.hours ? <Typography.Text type="secondary">{t('civic.stations.hours', { hours: s.hours })}</Typography.Text> : null}
        {s.phone ? <a href={`tel:${s.phone}`}>{s.phone}</a> : null}
      </Space>
    </Card>
  );
}

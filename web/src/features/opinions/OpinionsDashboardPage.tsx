// The office's dashboard: what is overdue by unit, and the year's statistics — received, by class
// and status, each unit's on-time and satisfaction rates (ranked only above the minimum sample).
// Drawn with Ant Design's Progress and Statistic; no chart library. The reminders and escalations of
// the deadline job (督办, H-24) are listed for the office to acknowledge.
import { App, Button, Card, Col, Progress, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type OpinionAlert, type OpinionStatistics, type OpinionStatus, type OverdueByUnit, fmtCode, opinionsApi, todayLocal } from './civicApi.ts';

const ALERT_COLOR: Record<OpinionAlert['kind'], string> = { due_soon: 'gold', overdue: 'red', escalated: 'magenta', route_overdue: 'volcano' };

type UnitRow = OverdueByUnit['units'][number];
type UnitStat = OpinionStatistics['units'][number];
const pct = (r: number | null): number => (r === null ? 0 : Math.round(r * 1000) / 10);

export function OpinionsDashboardPage() {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const thisYear = Number(todayLocal().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const overdue = useLoader(() => opinionsApi.overdueByUnit(congress.id), [congress.id]);
  const stats = useLoader(() => opinionsApi.statistics(congress.id, year), [congress.id, year]);
  const maxOpen = Math.max(1, ...(overdue.data?.units ?? []).map((u) => u.open));
  const s = stats.data;
  return (
    <>
      <PageTitle
        title={t('civic.dash.title')}
        intro={t('civic.dash.intro')}
        extra={<Select value={year} onChange={setYear} options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))} />}
      />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Alerts />
        <Card title={t('civic.dash.overdue', { date: overdue.data?.asOf ?? '' })} size="small">
          {overdue.error ? <LoadError error={overdue.error} onRetry={overdue.reload} /> : null}
          <Table<UnitRow>
            rowKey={(u) => u.unitId ?? 'office'}
            size="small"
            loading={overdue.loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="overdue-by-unit"
            dataSource={[...(overdue.data?.units ?? [])].sort((a, b) => b.overdue - a.overdue || b.open - a.open)}
            locale={{ emptyText: t('civic.dash.nothingOpen') }}
            columns={[
              { key: 'unit', title: t('civic.dash.unit'), dataIndex: 'unitName' },
              { key: 'open', title: t('civic.dash.open'), dataIndex: 'open' },
              { key: 'overdue', title: t('civic.dash.overdueCount'), render: (_, u) => (u.overdue > 0 ? <Tag color="red">{u.overdue}</Tag> : 0) },
              {
                key: 'bar',
                title: '',
                width: 240,
                render: (_, u) => <Progress percent={Math.round((u.open / maxOpen) * 100)} success={{ percent: Math.round(((u.open - u.overdue) / maxOpen) * 100) }} showInfo={false} size="small" />,
              },
            ]}
          />
        </Card>
        {stats.error ? <LoadError error={stats.error} onRetry={stats.reload} /> : null}
        {s ? (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t('civic.dash.received')} value={s.received} data-testid="stat-received" />
                </Card>
              </Col>
              {(['suggestion', 'mass_opinion', 'petition'] as const).map((c) => (
                <Col xs={12} md={6} key={c}>
                  <Card size="small">
                    <Statistic title={t(`civic.class.${c}`)} value={s.byClass[c] ?? 0} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Card title={t('civic.dash.byStatus')} size="small">
              <Space orientation="vertical" style={{ width: '100%' }}>
                {Object.entries(s.byStatus).map(([k, n]) => (
                  <div key={k} className="civic-bar">
                    <span className="civic-bar-label">{t(`civic.status.${k as OpinionStatus}`)}</span>
                    <Progress percent={s.received > 0 ? Math.round((n / s.received) * 100) : 0} format={() => String(n)} />
                  </div>
                ))}
              </Space>
            </Card>
            <Card title={t('civic.dash.units')} size="small">
              <Typography.Paragraph type="secondary">{t('civic.dash.minimum', { n: s.minimumSample })}</Typography.Paragraph>
              <Table<UnitStat>
                rowKey="unitId"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="unit-stats"
                dataSource={s.units}
                columns={[
                  { key: 'unit', title: t('civic.dash.unit'), dataIndex: 'unitName' },
                  { key: 'replies', title: t('civic.dash.replies'), dataIndex: 'replies' },
                  { key: 'onTime', title: t('civic.dash.onTime'), width: 200, render: (_, u) => (u.onTimeRate === null ? '—' : <Progress percent={pct(u.onTimeRate)} size="small" />) },
                  { key: 'rank1', title: t('civic.dash.rank'), render: (_, u) => u.onTimeRank ?? '—' },
                  { key: 'sat', title: t('civic.dash.satisfaction'), width: 200, render: (_, u) => (u.satisfactionRate === null ? '—' : <Progress percent={pct(u.satisfactionRate)} size="small" status="normal" />) },
                  { key: 'rank2', title: t('civic.dash.rank'), render: (_, u) => u.satisfactionRank ?? '—' },
                ]}
              />
            </Card>
          </>
        ) : null}
      </Space>
    </>
  );
}

function Alerts() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress, roles, user } = useCurrent();
  const office = user.isSuperadmin || roles.includes('office') || roles.includes('admin');
  const [show, setShow] = useState<'open' | 'all'>('open');
  const alerts = useLoader(() => opinionsApi.alerts(congress.id, show === 'open' ? true : undefined), [congress.id, show]);
  const ack = async (a: OpinionAlert) => {
    try {
      await opinionsApi.acknowledge(congress.id, a.id);
      void message.success(t('civic.dash.acknowledged'));
      alerts.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <Card
      title={t('civic.dash.alerts')}
      size="small"
      extra={
        <Segmented<'open' | 'all'>
          value={show}
          onChange={setShow}
          options={[
            { value: 'open', label: t('civic.dash.alertsOpen') },
            { value: 'all', label: t('civic.dash.alertsAll') },
          ]}
        />
      }
    >
      {alerts.error ? <LoadError error={alerts.error} onRetry={alerts.reload} /> : null}
      <Table<OpinionAlert>
        rowKey="id"
        size="small"
        loading={alerts.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="opinion-alerts"
        dataSource={alerts.data ?? []}
        locale={{ emptyText: t('civic.dash.noAlerts') }}
        columns={[
          { key: 'kind', title: t('civic.dash.alertKind'), render: (_, a) => <Tag color={ALERT_COLOR[a.kind]}>{t(`civic.dash.alertKinds.${a.kind}`)}</Tag> },
          { key: 'code', title: t('civic.track.code'), render: (_, a) => fmtCode(a.trackingCode) },
          { key: 'unit', title: t('civic.dash.unit'), render: (_, a) => a.unitName ?? t('civic.dash.office') },
          { key: 'due', title: t('civic.unit.due'), dataIndex: 'dueDate' },
          { key: 'at', title: t('civic.dash.alertedOn'), render: (_, a) => a.createdAt.slice(0, 10) },
          {
            key: 'act',
            title: t('common.actions'),
            render: (_, a) =>
              a.acknowledgedAt ? (
                <Typography.Text type="secondary">{t('civic.dash.acknowledgedOn', { date: a.acknowledgedAt.slice(0, 10) })}</Typography.Text>
              ) : office ? (
                <Button size="small" onClick={() => void ack(a)} data-testid="ack-alert">
                  {t('civic.dash.acknowledge')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

// A deputy's phone page: the schedule of their stations with sign-up for the service day, citizens
// received at the station and their opinions, replies to relay to citizens (recorded), and the year's
// duty points with the four-visits rule. The office keeps the roster of deputies here.
import { Alert, Button, Card, Empty, Form, Input, Progress, Select, Skeleton, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { DeputyRoster } from './DeputyRoster.tsx';
import { type DeputyArchive, type FeedbackMethod, type OpinionDetail, type StationEvent, addDaysLocal, deputiesApi, opinionsApi, stationsApi, todayLocal, fmtCode } from '../opinions/civicApi.ts';

export function DeputyPage() {
  const { t } = useTranslation();
  const { congress, roles, user } = useCurrent();
  const office = user.isSuperadmin || roles.includes('office') || roles.includes('admin');
  const desk = useLoader(() => opinionsApi.myDesk(congress.id), [congress.id]);
  if (desk.error) return <LoadError error={desk.error} onRetry={desk.reload} />;
  if (!desk.data) return <Skeleton active />;
  const deputyId = desk.data.deputyId;
  if (office) {
    return (
      <>
        <PageTitle title={t('civic.roster.title')} intro={t('civic.roster.intro')} />
        <Tabs
          destroyOnHidden
          items={[
            { key: 'roster', label: t('civic.roster.tab'), children: <DeputyRoster /> },
            ...(deputyId ? [{ key: 'mine', label: t('civic.deputy.title'), children: <div className="civic-narrow"><DeputyDesk deputyId={deputyId} /></div> }] : []),
          ]}
        />
      </>
    );
  }
  return (
    <div className="civic-narrow">
      <PageTitle title={t('civic.deputy.title')} intro={t('civic.deputy.intro')} />
      {deputyId ? <DeputyDesk deputyId={deputyId} /> : <Alert type="info" showIcon title={t('civic.deputy.notDeputy')} />}
    </div>
  );
}

function DeputyDesk({ deputyId }: { deputyId: string }) {
  const { congress } = useCurrent();
  const year = Number(todayLocal().slice(0, 4));
  const archive = useLoader(() => deputiesApi.archive(congress.id, deputyId, year), [congress.id, deputyId]);
  if (archive.error) return <LoadError error={archive.error} onRetry={archive.reload} />;
  if (!archive.data) return <Skeleton active />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Schedule archive={archive.data} />
      <Receive archive={archive.data} />
      <Relay />
      <Duties archive={archive.data} />
    </Space>
  );
}

function Schedule({ archive }: { archive: DeputyArchive }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const today = todayLocal();
  const stations = archive.deputy.stations;
  const events = useLoader(
    async () => (await Promise.all(stations.map((s) => stationsApi.events(congress.id, s.stationId, today, addDaysLocal(today, 62))))).flat().sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime)),
    [congress.id, stations.map((s) => s.stationId).join()],
  );
  const signedUp = (e: StationEvent) => e.signups.some((s) => s.deputyId === archive.deputy.id);
  const signUp = async (e: StationEvent) => {
    try {
      await stationsApi.signUp(congress.id, e.id);
      void message.success(t('civic.deputy.signedUp'));
      events.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <Card title={t('civic.deputy.schedule')} size="small" data-testid="deputy-schedule">
      {stations.length === 0 ? <Empty description={t('civic.deputy.noStations')} /> : null}
      {events.error ? <LoadError error={events.error} onRetry={events.reload} /> : null}
      {(events.data ?? []).filter((e) => e.status !== 'cancelled').length === 0 && stations.length > 0 && !events.loading ? <Empty description={t('civic.station.noEvents')} /> : null}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {(events.data ?? [])
          .filter((e) => e.status !== 'cancelled')
          .map((e) => (
            <div key={e.id} className="civic-row" data-testid="deputy-event">
              <Space wrap size={4}>
                <Typography.Text strong>
                  {e.date} {e.startTime}
                </Typography.Text>
                <Tag color={e.kind === 'service_day' ? 'red' : 'blue'}>{t(`civic.eventKind.${e.kind}`)}</Tag>
              </Space>
              <div>{e.theme}</div>
              <Typography.Text type="secondary">{e.stationName}</Typography.Text>
              <div style={{ marginTop: 8 }}>
                {signedUp(e) ? (
                  <Tag color="green" data-testid="signed-up">
                    {t('civic.deputy.signedUpTag')}
                  </Tag>
                ) : (
                  <Button type="primary" block onClick={() => void signUp(e)} data-testid="sign-up">
                    {t('civic.deputy.signUp')}
                  </Button>
                )}
              </div>
            </div>
          ))}
      </Space>
    </Card>
  );
}

interface ReceiveValues {
  stationId?: string;
  name: string;
  phone: string;
  content: string;
}

function Receive({ archive }: { archive: DeputyArchive }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const [form] = Form.useForm<ReceiveValues>();
  const [codes, setCodes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: ReceiveValues) => {
    setBusy(true);
    setError(null);
    try {
      const r = await opinionsApi.submit({ congressId: congress.id, name: v.name, phone: v.phone, content: v.content, ...(v.stationId ? { stationId: v.stationId } : {}) });
      setCodes((c) => [r.trackingCode, ...c]);
      form.resetFields(['name', 'phone', 'content']);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('civic.deputy.receive')} size="small">
      <Typography.Paragraph type="secondary">{t('civic.deputy.receiveIntro')}</Typography.Paragraph>
      <Form<ReceiveValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ stationId: archive.deputy.stations[0]?.stationId }} data-testid="deputy-receive">
        <Form.Item name="stationId" label={t('civic.submit.station')}>
          <Select allowClear options={archive.deputy.stations.map((s) => ({ value: s.stationId, label: s.name }))} />
        </Form.Item>
        <Form.Item name="name" label={t('civic.submit.name')} rules={[{ required: true, whitespace: true, message: t('civic.submit.nameRequired') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('civic.submit.phone')} rules={[{ required: true, message: t('civic.submit.phoneRequired') }]}>
          <Input type="tel" inputMode="tel" maxLength={30} />
        </Form.Item>
        <Form.Item name="content" label={t('civic.submit.content')} rules={[{ required: true, whitespace: true, message: t('civic.submit.contentRequired') }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="deputy-receive-submit">
          {t('civic.deputy.log')}
        </Button>
      </Form>
      {codes.map((c) => (
        <Alert key={c} type="success" showIcon style={{ marginTop: 12 }} data-testid="deputy-received-code" title={t('civic.deputy.logged', { code: c })} />
      ))}
    </Card>
  );
}

const METHODS: FeedbackMethod[] = ['phone', 'visit', 'at_station', 'sms', 'letter'];

function Relay() {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const list = useLoader(() => opinionsApi.list(congress.id, { status: 'replied', limit: 50 }), [congress.id]);
  const [open, setOpen] = useState<OpinionDetail | null>(null);
  return (
    <Card title={t('civic.deputy.relay')} size="small" data-testid="deputy-relay">
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data?.items.length === 0 ? <Empty description={t('civic.deputy.nothingToRelay')} /> : null}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {(list.data?.items ?? []).map((o) => (
          <div key={o.id} className="civic-row" data-testid="relay-item">
            <Typography.Text strong>{fmtCode(o.trackingCode)}</Typography.Text> <Typography.Text type="secondary">{o.name}</Typography.Text>
            <div>{o.excerpt}</div>
            {open?.id === o.id ? (
              <RelayForm
                detail={open}
                onDone={() => {
                  setOpen(null);
                  list.reload();
                }}
              />
            ) : (
              <Button block style={{ marginTop: 8 }} onClick={() => void opinionsApi.get(congress.id, o.id).then(setOpen)} data-testid="relay-open">
                {t('civic.deputy.relayOpen')}
              </Button>
            )}
          </div>
        ))}
      </Space>
    </Card>
  );
}

function RelayForm({ detail, onDone }: { detail: OpinionDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const [method, setMethod] = useState<FeedbackMethod>('phone');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const replies = detail.replies.filter((r) => r.status === 'issued' && r.kind !== 'co_view');
  const done = detail.feedbacks.length > 0;
  const send = async () => {
    setBusy(true);
    try {
      await opinionsApi.relay(congress.id, detail.id, { method, ...(note.trim() ? { note: note.trim() } : {}) });
      void message.success(t('civic.deputy.relayed'));
      onDone();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
      {replies.map((r) => (
        <Alert key={r.id} type="info" title={`${r.unitName}${r.grade ? `（${r.grade}）` : ''}`} description={<span style={{ whiteSpace: 'pre-wrap' }}>{r.text}</span>} />
      ))}
      {done ? <Tag color="green">{t('civic.deputy.alreadyRelayed', { n: detail.feedbacks.length })}</Tag> : null}
      <Select<FeedbackMethod> value={method} onChange={setMethod} options={METHODS.map((m) => ({ value: m, label: t(`civic.method.${m}`) }))} data-testid="relay-method" />
      <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('civic.deputy.relayNote')} maxLength={1000} data-testid="relay-note" />
      <Button type="primary" block loading={busy} onClick={() => void send()} data-testid="relay-send">
        {t('civic.deputy.relaySend')}
      </Button>
    </Space>
  );
}

function Duties({ archive }: { archive: DeputyArchive }) {
  const { t } = useTranslation();
  const c = archive.compliance;
  return (
    <Card title={t('civic.deputy.duties', { year: archive.year })} size="small" data-testid="deputy-duties">
      <div className="civic-two">
        <Statistic title={t('civic.deputy.points')} value={archive.points} data-testid="duty-points" />
        <Statistic title={t('civic.deputy.visits')} value={c.visits} suffix={c.requiredVisits !== null ? `/ ${String(c.requiredVisits)}` : undefined} data-testid="duty-visits" />
      </div>
      {c.requiredVisits !== null ? (
        <>
          <Progress percent={Math.min(100, Math.round((c.visits / c.requiredVisits) * 100))} status={c.met ? 'success' : 'active'} />
          <Tag color={c.met ? 'green' : 'orange'} data-testid="four-visits">
            {c.met ? t('civic.deputy.ruleMet') : t('civic.deputy.ruleNotMet', { n: c.requiredVisits - c.visits })}
          </Tag>
        </>
      ) : (
        <Typography.Text type="secondary">{t('civic.deputy.noRule')}</Typography.Text>
      )}
      <div style={{ marginTop: 12 }}>
        {archive.activities.map((a) => (
          <div key={a.id} className="civic-row">
            <Typography.Text>{a.date}</Typography.Text> <Tag>{a.kindZh}</Tag> {a.title} <Typography.Text type="secondary">+{a.points}</Typography.Text>
          </div>
        ))}
      </div>
    </Card>
  );
}

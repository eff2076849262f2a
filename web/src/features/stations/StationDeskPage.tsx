// The station desk (often a tablet): receptions and service days with their outcome, citizens
// received and their opinions with a tracking code, the station's opinions to classify, and the
// deputies' duty register (履职登记表).
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { opinionColumns } from '../opinions/opinionColumns.tsx';
import { StationImportButton } from './StationImport.tsx';
import { type DutyKind, type OpinionSummary, type StationEvent, addDaysLocal, deputiesApi, opinionsApi, stationsApi, todayLocal } from '../opinions/civicApi.ts';

export function StationDeskPage() {
  const { t } = useTranslation();
  const { congress, roles } = useCurrent();
  const office = roles.includes('office') || roles.includes('admin');
  const desk = useLoader(() => opinionsApi.myDesk(congress.id), [congress.id]);
  const all = useLoader(() => (office ? stationsApi.list(congress.id) : Promise.resolve([])), [congress.id, office]);
  const options = office ? (all.data ?? []).map((s) => ({ value: s.id, label: s.name })) : (desk.data?.stations ?? []).map((s) => ({ value: s.stationId, label: s.name }));
  const [picked, setPicked] = useState<string | null>(null);
  const stationId = picked ?? options[0]?.value ?? null;
  if (desk.error) return <LoadError error={desk.error} onRetry={desk.reload} />;
  if (!desk.data || (office && !all.data)) return <Skeleton active />;
  return (
    <>
      <PageTitle
        title={t('civic.desk.title')}
        intro={t('civic.desk.intro')}
        extra={
          <Space wrap>
            {options.length > 1 ? <Select style={{ minWidth: 220 }} value={stationId} onChange={setPicked} options={options} showSearch={{ optionFilterProp: 'label' }} /> : null}
            {office ? <StationImportButton onImported={all.reload} /> : null}
          </Space>
        }
      />
      {stationId ? (
        <Tabs
          destroyOnHidden
          items={[
            { key: 'events', label: t('civic.desk.events'), children: <Events stationId={stationId} /> },
            { key: 'receive', label: t('civic.desk.receive'), children: <ReceiveCitizen stationId={stationId} /> },
            { key: 'opinions', label: t('civic.desk.opinions'), children: <StationOpinions stationId={stationId} /> },
            { key: 'duty', label: t('civic.desk.duty'), children: <DutyRegister stationId={stationId} /> },
          ]}
        />
      ) : (
        <Empty description={t('civic.desk.noStation')} />
      )}
    </>
  );
}

interface EventValues {
  kind: 'service_day' | 'themed_reception' | 'other';
  theme: string;
  date: string;
  startTime: string;
  endTime: string;
  place?: string;
}

function Events({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const today = todayLocal();
  const events = useLoader(() => stationsApi.events(congress.id, stationId, addDaysLocal(today, -60), addDaysLocal(today, 90)), [congress.id, stationId]);
  const [form] = Form.useForm<EventValues>();
  const [outcomeOf, setOutcomeOf] = useState<StationEvent | null>(null);
  const create = async (v: EventValues) => {
    try {
      await stationsApi.createEvent(congress.id, stationId, { kind: v.kind, theme: v.theme, date: v.date, startTime: v.startTime, endTime: v.endTime, ...(v.place ? { place: v.place } : {}) });
      void message.success(t('civic.desk.eventCreated'));
      form.resetFields();
      events.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('civic.desk.newEvent')}>
        <Form<EventValues> form={form} layout="vertical" initialValues={{ kind: 'themed_reception', startTime: '09:00', endTime: '11:30', date: addDaysLocal(today, 7) }} onFinish={(v) => void create(v)}>
          <div className="civic-grid">
            <Form.Item name="kind" label={t('civic.desk.kind')}>
              <Select options={(['themed_reception', 'service_day', 'other'] as const).map((k) => ({ value: k, label: t(`civic.eventKind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="theme" label={t('civic.desk.theme')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="date" label={t('civic.desk.date')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="startTime" label={t('civic.desk.start')} rules={[{ required: true }]}>
              <Input type="time" />
            </Form.Item>
            <Form.Item name="endTime" label={t('civic.desk.end')} rules={[{ required: true }]}>
              <Input type="time" />
            </Form.Item>
            <Form.Item name="place" label={t('civic.desk.place')}>
              <Input maxLength={200} />
            </Form.Item>
          </div>
          <Button type="primary" htmlType="submit">
            {t('civic.desk.announce')}
          </Button>
        </Form>
      </Card>
      {events.error ? <LoadError error={events.error} onRetry={events.reload} /> : null}
      <Table<StationEvent>
        rowKey="id"
        size="small"
        loading={events.loading}
        dataSource={events.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="desk-events"
        columns={[
          { key: 'date', title: t('civic.desk.date'), render: (_, e) => `${e.date} ${e.startTime}–${e.endTime}` },
          { key: 'kind', title: t('civic.desk.kind'), render: (_, e) => <Tag color={e.kind === 'service_day' ? 'red' : 'blue'}>{t(`civic.eventKind.${e.kind}`)}</Tag> },
          { key: 'theme', title: t('civic.desk.theme'), dataIndex: 'theme' },
          { key: 'signups', title: t('civic.desk.signups'), render: (_, e) => e.signups.map((s) => s.name).join('、') },
          { key: 'status', title: t('civic.desk.status'), render: (_, e) => t(`civic.eventStatus.${e.status}`) },
          {
            key: 'act',
            title: t('common.actions'),
            render: (_, e) =>
              e.status === 'planned' && e.date <= today ? (
                <Button size="small" onClick={() => setOutcomeOf(e)} data-testid="record-outcome">
                  {t('civic.desk.recordOutcome')}
                </Button>
              ) : e.status === 'held' ? (
                `${t('civic.desk.visitors')} ${String(e.visitors ?? 0)}`
              ) : null,
          },
        ]}
      />
      <OutcomeModal
        event={outcomeOf}
        onClose={(changed) => {
          setOutcomeOf(null);
          if (changed) events.reload();
        }}
      />
    </Space>
  );
}

function OutcomeModal({ event, onClose }: { event: StationEvent | null; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const [form] = Form.useForm<{ summary: string; visitors: number; attended: string[]; opinionsCollected?: number }>();
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!event) return;
    const v = await form.validateFields();
    try {
      await stationsApi.outcome(congress.id, event.id, { summary: v.summary, visitors: v.visitors, attendedDeputyIds: v.attended, ...(v.opinionsCollected !== undefined ? { opinionsCollected: v.opinionsCollected } : {}) });
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal open={event !== null} title={t('civic.desk.recordOutcome')} onCancel={() => onClose(false)} onOk={() => void save()} destroyOnHidden okText={t('common.save')}>
      <Form form={form} layout="vertical" initialValues={{ visitors: 0, attended: event?.signups.map((s) => s.deputyId) ?? [] }} preserve={false}>
        <Form.Item name="summary" label={t('civic.desk.summary')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="visitors" label={t('civic.desk.visitors')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} />
        </Form.Item>
        <Form.Item name="opinionsCollected" label={t('civic.desk.opinionsCollected')}>
          <InputNumber min={0} max={100000} />
        </Form.Item>
        <Form.Item name="attended" label={t('civic.desk.attended')}>
          <Select mode="multiple" options={(event?.signups ?? []).map((s) => ({ value: s.deputyId, label: s.name }))} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}

interface ReceiveValues {
  name: string;
  phone: string;
  content: string;
  category?: string;
}

function ReceiveCitizen({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const [form] = Form.useForm<ReceiveValues>();
  const [codes, setCodes] = useState<{ code: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: ReceiveValues) => {
    setError(null);
    try {
      const r = await opinionsApi.submit({ congressId: congress.id, stationId, name: v.name, phone: v.phone, content: v.content, ...(v.category ? { category: v.category } : {}) });
      setCodes((c) => [{ code: r.trackingCode, name: v.name }, ...c]);
      form.resetFields();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('civic.desk.receiveIntro')}</Typography.Paragraph>
      <Form<ReceiveValues> form={form} layout="vertical" size="large" onFinish={(v) => void submit(v)} data-testid="desk-receive">
        <div className="civic-grid">
          <Form.Item name="name" label={t('civic.submit.name')} rules={[{ required: true, whitespace: true, message: t('civic.submit.nameRequired') }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="phone" label={t('civic.submit.phone')} rules={[{ required: true, message: t('civic.submit.phoneRequired') }]}>
            <Input type="tel" maxLength={30} />
          </Form.Item>
          <Form.Item name="category" label={t('civic.submit.category')}>
            <Input maxLength={50} />
          </Form.Item>
        </div>
        <Form.Item name="content" label={t('civic.submit.content')} rules={[{ required: true, whitespace: true, message: t('civic.submit.contentRequired') }]}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" data-testid="desk-receive-submit">
          {t('civic.desk.register')}
        </Button>
      </Form>
      {codes.map((c) => (
        <Alert key={c.code} type="success" showIcon style={{ marginTop: 12 }} data-testid="desk-code" title={t('civic.desk.registered', { name: c.name, code: c.code })} />
      ))}
    </Card>
  );
}

function StationOpinions({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const list = useLoader(() => opinionsApi.list(congress.id, { stationId, limit: 100 }), [congress.id, stationId]);
  const col = opinionColumns(t);
  const [classifying, setClassifying] = useState<OpinionSummary | null>(null);
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  return (
    <>
      <Table<OpinionSummary>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="desk-opinions"
        columns={[
          col.code,
          col.receivedOn,
          col.who,
          col.text,
          col.status,
          {
            key: 'act',
            title: t('common.actions'),
            render: (_, o) =>
              o.status === 'received' ? (
                <Button size="small" onClick={() => setClassifying(o)} data-testid="classify">
                  {t('civic.desk.classify')}
                </Button>
              ) : null,
          },
        ]}
      />
      <ClassifyModal
        opinion={classifying}
        onClose={(changed) => {
          setClassifying(null);
          if (changed) list.reload();
        }}
      />
    </>
  );
}

export function ClassifyModal({ opinion, onClose }: { opinion: OpinionSummary | null; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const [form] = Form.useForm<{ class: 'suggestion' | 'mass_opinion' | 'petition'; disposition: 'answer_on_spot' | 'explain_route' | 'forward'; route?: 'litigation' | 'arbitration' | 'administrative_review' | 'petition'; answer?: string }>();
  const disposition = Form.useWatch('disposition', form);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!opinion) return;
    const v = await form.validateFields();
    try {
      await opinionsApi.classify(congress.id, opinion.id, { class: v.class, disposition: v.disposition, ...(v.route ? { route: v.route } : {}), ...(v.answer ? { answer: v.answer } : {}) });
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal open={opinion !== null} title={t('civic.desk.classify')} onCancel={() => onClose(false)} onOk={() => void save()} destroyOnHidden okText={t('common.save')}>
      <Typography.Paragraph>{opinion?.excerpt}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ class: 'mass_opinion', disposition: 'forward' }} preserve={false}>
        <Form.Item name="class" label={t('civic.desk.class')}>
          <Select options={(['suggestion', 'mass_opinion', 'petition'] as const).map((c) => ({ value: c, label: t(`civic.class.${c}`) }))} />
        </Form.Item>
        <Form.Item name="disposition" label={t('civic.desk.disposition')}>
          <Select options={(['answer_on_spot', 'explain_route', 'forward'] as const).map((c) => ({ value: c, label: t(`civic.disposition.${c}`) }))} />
        </Form.Item>
        {disposition === 'explain_route' ? (
          <Form.Item name="route" label={t('civic.desk.route')} rules={[{ required: true }]}>
            <Select options={(['litigation', 'arbitration', 'administrative_review', 'petition'] as const).map((c) => ({ value: c, label: t(`civic.legalRoute.${c}`) }))} />
          </Form.Item>
        ) : null}
        {disposition !== 'forward' ? (
          <Form.Item name="answer" label={t('civic.desk.answer')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        ) : null}
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}

const DUTY_KINDS: DutyKind[] = ['station_visit', 'reception', 'service_day', 'inspection', 'suggestion', 'meeting', 'report_back', 'training', 'other'];

function DutyRegister({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const deputies = useLoader(() => deputiesApi.list(congress.id, stationId), [congress.id, stationId]);
  const [form] = Form.useForm<{ deputyId: string; kind: DutyKind; date: string; title: string; evidence: string }>();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await deputiesApi.recordDuty(congress.id, { deputyId: v.deputyId, kind: v.kind, date: v.date, stationId, title: v.title, evidence: [{ kind: 'sign_in', note: v.evidence }] });
      void message.success(t('civic.desk.dutySaved'));
      form.resetFields(['title', 'evidence']);
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('civic.desk.dutyIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ kind: 'station_visit', date: todayLocal() }}>
        <div className="civic-grid">
          <Form.Item name="deputyId" label={t('civic.desk.deputy')} rules={[{ required: true }]}>
            <Select loading={deputies.loading} options={(deputies.data ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.levelZh}）` }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('civic.desk.dutyKind')}>
            <Select options={DUTY_KINDS.map((k) => ({ value: k, label: t(`civic.dutyKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="date" label={t('civic.desk.date')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        </div>
        <Form.Item name="title" label={t('civic.desk.dutyTitle')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="evidence" label={t('civic.desk.evidence')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={500} placeholder={t('civic.desk.evidenceHint')} />
        </Form.Item>
        <Button type="primary" onClick={() => void save()}>
          {t('civic.desk.dutySave')}
        </Button>
      </Form>
    </Card>
  );
}

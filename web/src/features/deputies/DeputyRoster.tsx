// The office's roster of deputies: per level, with constituency, term, occupation, private contact
// (office only), station assignments (a deputy may be at several) and the end of a mandate.
import { Alert, App, Button, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type Deputy, type DeputyLevel, deputiesApi, stationsApi, todayLocal } from '../opinions/civicApi.ts';

const LEVELS: DeputyLevel[] = ['national', 'province', 'city', 'county', 'township'];

interface DeputyValues {
  name?: string;
  gender?: 'male' | 'female' | null;
  level: DeputyLevel;
  termLabel?: string;
  constituency?: string;
  occupation?: string;
  startDate?: string;
  phone?: string;
  email?: string;
  address?: string;
}

const orNull = (v: string | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);

export function DeputyRoster() {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const [level, setLevel] = useState<DeputyLevel | undefined>(undefined);
  const [status, setStatus] = useState<'active' | 'ended' | undefined>('active');
  const list = useLoader(() => deputiesApi.roster(congress.id, { level, status }), [congress.id, level, status]);
  const [editing, setEditing] = useState<Deputy | 'new' | null>(null);
  const [ending, setEnding] = useState<Deputy | null>(null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select allowClear placeholder={t('civic.roster.allLevels')} style={{ minWidth: 180 }} value={level} onChange={setLevel} options={LEVELS.map((l) => ({ value: l, label: t(`civic.roster.levels.${l}`) }))} />
        <Select
          allowClear
          placeholder={t('civic.roster.allStatuses')}
          style={{ minWidth: 140 }}
          value={status}
          onChange={setStatus}
          options={(['active', 'ended'] as const).map((s) => ({ value: s, label: t(`civic.roster.status.${s}`) }))}
        />
        <Button type="primary" onClick={() => setEditing('new')} data-testid="deputy-add">
          {t('civic.roster.add')}
        </Button>
      </Space>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <Table<Deputy>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="deputy-roster"
        locale={{ emptyText: t('civic.roster.empty') }}
        columns={[
          { key: 'name', title: t('civic.roster.name'), dataIndex: 'name' },
          { key: 'level', title: t('civic.roster.level'), render: (_, d) => t(`civic.roster.levels.${d.level}`) },
          { key: 'constituency', title: t('civic.roster.constituency'), render: (_, d) => d.constituency ?? '—' },
          { key: 'group', title: t('civic.roster.group'), render: (_, d) => d.delegationGroupName ?? '—' },
          { key: 'term', title: t('civic.roster.term'), render: (_, d) => d.termLabel ?? '—' },
          { key: 'stations', title: t('civic.roster.stations'), render: (_, d) => d.stations.map((s) => s.name).join('、') || '—' },
          { key: 'phone', title: t('civic.roster.phone'), render: (_, d) => d.contact?.phone ?? '—' },
          { key: 'status', title: t('civic.roster.statusLabel'), render: (_, d) => (d.status === 'active' ? <Tag color="green">{t('civic.roster.status.active')}</Tag> : <Tag>{`${t('civic.roster.status.ended')} ${d.endDate ?? ''}`}</Tag>) },
          {
            key: 'act',
            title: t('common.actions'),
            render: (_, d) => (
              <Space size={4}>
                <Button size="small" onClick={() => setEditing(d)}>
                  {t('civic.office.edit')}
                </Button>
                {d.status === 'active' ? (
                  <Button size="small" danger onClick={() => setEnding(d)}>
                    {t('civic.roster.end')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <DeputyDrawer
        deputy={editing}
        onClose={(changed) => {
          setEditing(null);
          if (changed) list.reload();
        }}
      />
      <EndModal
        deputy={ending}
        onClose={(changed) => {
          setEnding(null);
          if (changed) list.reload();
        }}
      />
    </Space>
  );
}

function DeputyDrawer({ deputy, onClose }: { deputy: Deputy | 'new' | null; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const [form] = Form.useForm<DeputyValues>();
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<Deputy | null>(null);
  const [changed, setChanged] = useState(false);
  const existing = current ?? (deputy === 'new' ? null : deputy);
  const stations = useLoader(() => (deputy === null ? Promise.resolve([]) : stationsApi.list(congress.id)), [congress.id, deputy === null]);
  const [stationId, setStationId] = useState<string | undefined>(undefined);
  const close = () => {
    onClose(changed);
    setCurrent(null);
    setChanged(false);
    setError(null);
  };
  const save = async (v: DeputyValues) => {
    setError(null);
    const contact = { phone: orNull(v.phone), email: orNull(v.email), address: orNull(v.address) };
    const common = { level: v.level, termLabel: orNull(v.termLabel), constituency: orNull(v.constituency), occupation: orNull(v.occupation), contact };
    try {
      if (existing) {
        setCurrent(await deputiesApi.update(congress.id, existing.id, common));
      } else {
        setCurrent(await deputiesApi.create(congress.id, { name: v.name ?? '', gender: v.gender ?? null, startDate: orNull(v.startDate), ...common }));
      }
      setChanged(true);
      void message.success(t('civic.roster.saved'));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const assign = async () => {
    if (!existing || !stationId) return;
    try {
      setCurrent(await deputiesApi.assignStation(congress.id, existing.id, stationId));
      setStationId(undefined);
      setChanged(true);
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const unassign = async (sid: string) => {
    if (!existing) return;
    try {
      await deputiesApi.removeStation(congress.id, existing.id, sid);
      setCurrent({ ...existing, stations: existing.stations.filter((s) => s.stationId !== sid) });
      setChanged(true);
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const initial: Partial<DeputyValues> =
    existing === null
      ? { level: 'city', startDate: todayLocal() }
      : {
          level: existing.level,
          termLabel: existing.termLabel ?? '',
          constituency: existing.constituency ?? '',
          occupation: existing.occupation ?? '',
          phone: existing.contact?.phone ?? '',
          email: existing.contact?.email ?? '',
          address: existing.contact?.address ?? '',
        };
  return (
    <Drawer open={deputy !== null} onClose={close} title={existing ? existing.name : t('civic.roster.add')} size="large" destroyOnHidden>
      <Form<DeputyValues> key={existing?.id ?? 'new'} form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="deputy-form">
        {existing === null ? (
          <div className="civic-grid">
            <Form.Item name="name" label={t('civic.roster.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="gender" label={t('civic.roster.gender')}>
              <Select allowClear options={(['female', 'male'] as const).map((g) => ({ value: g, label: t(`civic.roster.genders.${g}`) }))} />
            </Form.Item>
            <Form.Item name="startDate" label={t('civic.roster.startDate')}>
              <Input type="date" />
            </Form.Item>
          </div>
        ) : null}
        <div className="civic-grid">
          <Form.Item name="level" label={t('civic.roster.level')} rules={[{ required: true }]}>
            <Select options={LEVELS.map((l) => ({ value: l, label: t(`civic.roster.levels.${l}`) }))} />
          </Form.Item>
          <Form.Item name="termLabel" label={t('civic.roster.term')}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="constituency" label={t('civic.roster.constituency')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="occupation" label={t('civic.roster.occupation')}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <Typography.Title level={5}>{t('civic.roster.contact')}</Typography.Title>
        <div className="civic-grid">
          <Form.Item name="phone" label={t('civic.roster.phone')} rules={[{ min: 5, max: 30 }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="email" label={t('civic.roster.email')} rules={[{ type: 'email' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="address" label={t('civic.roster.address')}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" data-testid="deputy-save">
          {t('common.save')}
        </Button>
        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
      </Form>
      {existing ? (
        <div style={{ marginTop: 24 }}>
          <Typography.Title level={5}>{t('civic.roster.stations')}</Typography.Title>
          <Space wrap style={{ marginBottom: 12 }}>
            {existing.stations.length === 0 ? <Typography.Text type="secondary">{t('civic.roster.noStations')}</Typography.Text> : null}
            {existing.stations.map((s) => (
              <Popconfirm key={s.stationId} title={t('civic.roster.removeStation', { station: s.name })} onConfirm={() => void unassign(s.stationId)}>
                <Tag closable onClose={(e) => e.preventDefault()} style={{ cursor: 'pointer' }}>
                  {s.name}
                </Tag>
              </Popconfirm>
            ))}
          </Space>
          <Space wrap>
            <Select
              style={{ minWidth: 260 }}
              showSearch={{ optionFilterProp: 'label' }}
              value={stationId}
              onChange={setStationId}
              placeholder={t('civic.roster.pickStation')}
              options={(stations.data ?? []).filter((s) => !existing.stations.some((x) => x.stationId === s.id)).map((s) => ({ value: s.id, label: s.name }))}
            />
            <Button disabled={!stationId} onClick={() => void assign()}>
              {t('civic.roster.assign')}
            </Button>
          </Space>
        </div>
      ) : null}
    </Drawer>
  );
}

function EndModal({ deputy, onClose }: { deputy: Deputy | null; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const [form] = Form.useForm<{ endDate: string; reason?: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!deputy) return;
    const v = await form.validateFields();
    try {
      await deputiesApi.end(congress.id, deputy.id, v.endDate, v.reason);
      setError(null);
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal open={deputy !== null} title={t('civic.roster.endTitle', { name: deputy?.name ?? '' })} onCancel={() => onClose(false)} onOk={() => void save()} destroyOnHidden okText={t('common.save')}>
      <Form form={form} layout="vertical" initialValues={{ endDate: todayLocal() }} preserve={false}>
        <Form.Item name="endDate" label={t('civic.roster.endDate')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label={t('civic.roster.endReason')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}

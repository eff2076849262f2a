// The deputy-affairs office's opinions: every item with its status and deadline, classification,
// routing to a lead unit with co-handlers (or several units separately), and the pending phone
// verification codes to read to citizens when no SMS gateway is configured. The office's tables
// (routing categories, intake limits and phone verification, blocked sources) are further tabs.
import { Alert, App, Button, Card, Form, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { ClassifyModal } from '../stations/StationDeskPage.tsx';
import { type OpinionStatus, type OpinionSummary, opinionsApi } from './civicApi.ts';
import { opinionColumns } from './opinionColumns.tsx';
import { OfficeOpinionDrawer } from './OfficeOpinionDrawer.tsx';
import { IntakeTab, RoutingCategoriesTab } from './OfficeSettings.tsx';

const STATUSES: OpinionStatus[] = ['received', 'to_route', 'assigned', 'replied', 'rehandling', 'evaluation', 'answered', 'explained', 'closed'];

export function OfficeOpinionsPage() {
  const { t } = useTranslation();
  const { roles, user } = useCurrent();
  const office = user.isSuperadmin || roles.includes('office') || roles.includes('admin');
  return (
    <>
      <PageTitle title={t('civic.office.title')} intro={t('civic.office.intro')} />
      {office ? (
        <Tabs
          destroyOnHidden
          items={[
            { key: 'opinions', label: t('civic.office.tabOpinions'), children: <OpinionList office /> },
            { key: 'categories', label: t('civic.office.tabCategories'), children: <RoutingCategoriesTab /> },
            { key: 'intake', label: t('civic.office.tabIntake'), children: <IntakeTab /> },
          ]}
        />
      ) : (
        <OpinionList office={false} />
      )}
    </>
  );
}

function OpinionList({ office }: { office: boolean }) {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const [viewing, setViewing] = useState<string | null>(null);
  const [status, setStatus] = useState<OpinionStatus | undefined>(undefined);
  const list = useLoader(() => opinionsApi.list(congress.id, { status, limit: 200 }), [congress.id, status]);
  const col = opinionColumns(t);
  const codes = useLoader(() => (office ? opinionsApi.phoneCodes(congress.id).catch(() => []) : Promise.resolve([])), [congress.id, office]);
  const [classifying, setClassifying] = useState<OpinionSummary | null>(null);
  const [routing, setRouting] = useState<OpinionSummary | null>(null);
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select allowClear placeholder={t('civic.office.allStatuses')} style={{ minWidth: 160 }} value={status} onChange={setStatus} options={STATUSES.map((s) => ({ value: s, label: t(`civic.status.${s}`) }))} />
      </Space>
      {(codes.data ?? []).length > 0 ? (
        <Card size="small" title={t('civic.office.codes')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('civic.office.codesIntro')}</Typography.Paragraph>
          <Space wrap>
            {(codes.data ?? []).map((c) => (
              <Tag key={c.id}>{`${c.phone}：${c.code}（${c.expiresAt.slice(11, 16)} UTC）`}</Tag>
            ))}
          </Space>
        </Card>
      ) : null}
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <Table<OpinionSummary>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="office-opinions"
        columns={[
          col.code,
          col.receivedOn,
          { key: 'channel', title: t('civic.office.channel'), render: (_, o) => t(`civic.channel.${o.channel}`) },
          col.who,
          col.text,
          { key: 'due', title: t('civic.unit.due'), render: (_, o) => o.dueDate ?? '—' },
          col.status,
          {
            key: 'act',
            title: t('common.actions'),
            render: (_, o) => (
              <Space size={4}>
                <Button size="small" onClick={() => setViewing(o.id)} data-testid="view-opinion">
                  {t('civic.office.view')}
                </Button>
                {office && o.status === 'received' ? (
                  <Button size="small" onClick={() => setClassifying(o)}>
                    {t('civic.desk.classify')}
                  </Button>
                ) : null}
                {office && o.status === 'to_route' ? (
                  <Button size="small" type="primary" onClick={() => setRouting(o)}>
                    {t('civic.office.route')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <OfficeOpinionDrawer
        opinionId={viewing}
        onClose={(changed) => {
          setViewing(null);
          if (changed) list.reload();
        }}
      />
      <ClassifyModal
        opinion={classifying}
        onClose={(changed) => {
          setClassifying(null);
          if (changed) list.reload();
        }}
      />
      <RouteModal
        opinion={routing}
        onClose={(changed) => {
          setRouting(null);
          if (changed) list.reload();
        }}
      />
    </>
  );
}

function RouteModal({ opinion, onClose }: { opinion: OpinionSummary | null; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const bodies = useLoader(() => api.bodies.list(congress.id), [congress.id]);
  const units = (bodies.data ?? []).filter((b) => b.kind === 'handling_unit').map((b) => ({ value: b.id, label: b.name }));
  const [form] = Form.useForm<{ mode: 'lead' | 'separate' | 'category'; leadUnitId?: string; coUnitIds?: string[]; unitIds?: string[] }>();
  const mode = Form.useWatch('mode', form);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!opinion) return;
    const v = await form.validateFields();
    try {
      await opinionsApi.route(congress.id, opinion.id, {
        mode: v.mode,
        ...(v.mode === 'lead' ? { leadUnitId: v.leadUnitId, coUnitIds: v.coUnitIds ?? [] } : {}),
        ...(v.mode === 'separate' ? { unitIds: v.unitIds ?? [] } : {}),
      });
      void message.success(t('civic.office.routed'));
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal open={opinion !== null} title={t('civic.office.route')} onCancel={() => onClose(false)} onOk={() => void save()} destroyOnHidden okText={t('common.save')}>
      <Typography.Paragraph>{opinion?.excerpt}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ mode: 'lead' }} preserve={false}>
        <Form.Item name="mode" label={t('civic.office.mode')}>
          <Select options={(['lead', 'separate', 'category'] as const).map((m) => ({ value: m, label: t(`civic.routeMode.${m}`) }))} />
        </Form.Item>
        {mode === 'lead' ? (
          <>
            <Form.Item name="leadUnitId" label={t('civic.office.lead')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={units} />
            </Form.Item>
            <Form.Item name="coUnitIds" label={t('civic.office.co')}>
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={units} />
            </Form.Item>
          </>
        ) : null}
        {mode === 'separate' ? (
          <Form.Item name="unitIds" label={t('civic.office.units')} rules={[{ required: true }]}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={units} />
          </Form.Item>
        ) : null}
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}

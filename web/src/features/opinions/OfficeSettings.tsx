// The office's tables for citizens' opinions: the routing category table (category → lead unit with
// co-handlers, used by routeOpinion mode "category"), the intake limits with phone verification
// (PV-1), and the abuse list of blocked phone numbers and IP addresses.
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type IntakeBlock, type IntakeSettings, type RoutingCategory, opinionsApi } from './civicApi.ts';

export function RoutingCategoriesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const list = useLoader(() => opinionsApi.categories(congress.id), [congress.id]);
  const bodies = useLoader(() => api.bodies.list(congress.id), [congress.id]);
  const unitList = (bodies.data ?? []).filter((b) => b.kind === 'handling_unit');
  const units = unitList.map((b) => ({ value: b.id, label: b.name }));
  const nameOf = (unitId: string): string => unitList.find((u) => u.id === unitId)?.name ?? unitId;
  const [form] = Form.useForm<{ category: string; leadUnitId: string; coUnitIds?: string[] }>();
  const save = async (v: { category: string; leadUnitId: string; coUnitIds?: string[] }) => {
    try {
      await opinionsApi.setCategory(congress.id, v.category.trim(), v.leadUnitId, v.coUnitIds ?? []);
      void message.success(t('civic.office.categorySaved'));
      form.resetFields();
      list.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const remove = async (c: RoutingCategory) => {
    try {
      await opinionsApi.deleteCategory(congress.id, c.category);
      void message.success(t('civic.office.categoryDeleted'));
      list.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const edit = (c: RoutingCategory) => form.setFieldsValue({ category: c.category, leadUnitId: c.leadUnitId, coUnitIds: c.coUnitIds });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('civic.office.categoryEdit')}>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <div className="civic-grid">
            <Form.Item name="category" label={t('civic.office.category')} rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input maxLength={50} data-testid="category-name" />
            </Form.Item>
            <Form.Item name="leadUnitId" label={t('civic.office.lead')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={units} data-testid="category-lead" />
            </Form.Item>
            <Form.Item name="coUnitIds" label={t('civic.office.co')}>
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={units} />
            </Form.Item>
          </div>
          <Button type="primary" htmlType="submit" data-testid="category-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <Table<RoutingCategory>
        rowKey="category"
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="routing-categories"
        locale={{ emptyText: t('civic.office.noCategories') }}
        columns={[
          { key: 'category', title: t('civic.office.category'), dataIndex: 'category' },
          { key: 'lead', title: t('civic.office.lead'), render: (_, c) => nameOf(c.leadUnitId) },
          { key: 'co', title: t('civic.office.co'), render: (_, c) => c.coUnitIds.map(nameOf).join('、') || '—' },
          { key: 'at', title: t('civic.office.updatedAt'), render: (_, c) => c.updatedAt.slice(0, 10) },
          {
            key: 'act',
            title: t('common.actions'),
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => edit(c)}>
                  {t('civic.office.edit')}
                </Button>
                <Popconfirm title={t('civic.office.deleteCategory', { category: c.category })} onConfirm={() => void remove(c)}>
                  <Button size="small" danger>
                    {t('civic.office.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

export function IntakeTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const settings = useLoader(() => opinionsApi.intakeSettings(congress.id), [congress.id]);
  const blocks = useLoader(() => opinionsApi.blocks(congress.id), [congress.id]);
  const [blockForm] = Form.useForm<{ kind: 'ip' | 'phone'; value: string; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = async (v: IntakeSettings) => {
    setError(null);
    try {
      settings.setData(await opinionsApi.setIntakeSettings(congress.id, v));
      void message.success(t('civic.office.settingsSaved'));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const block = async (v: { kind: 'ip' | 'phone'; value: string; note?: string }) => {
    try {
      await opinionsApi.block(congress.id, { kind: v.kind, value: v.value, ...(v.note ? { note: v.note } : {}) });
      void message.success(t('civic.office.blocked'));
      blockForm.resetFields();
      blocks.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const unblock = async (b: IntakeBlock) => {
    try {
      await opinionsApi.unblock(congress.id, b.id);
      void message.success(t('civic.office.unblocked'));
      blocks.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('civic.office.intakeSettings')}>
        {settings.error ? <LoadError error={settings.error} onRetry={settings.reload} /> : null}
        {settings.data ? (
          <Form<IntakeSettings> layout="vertical" initialValues={settings.data} onFinish={(v) => void save(v)}>
            <div className="civic-grid">
              <Form.Item name="perIpPerHour" label={t('civic.office.perIpPerHour')} rules={[{ required: true }]}>
                <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="perPhonePerDay" label={t('civic.office.perPhonePerDay')} rules={[{ required: true }]}>
                <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="retentionYears" label={t('civic.office.retentionYears')} rules={[{ required: true }]}>
                <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="codesPerIpPerHour" label={t('civic.office.codesPerIpPerHour')} rules={[{ required: true }]}>
                <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="codesPerDay" label={t('civic.office.codesPerDay')} extra={t('civic.office.codesPerDayHint')} rules={[{ required: true }]}>
                <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </div>
            <Form.Item name="requirePhoneVerification" label={t('civic.office.requirePhoneVerification')} valuePropName="checked" extra={t('civic.office.phoneVerificationHint')}>
              <Switch data-testid="phone-verification" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="settings-save">
              {t('common.save')}
            </Button>
          </Form>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
      </Card>
      <Card size="small" title={t('civic.office.blocks')}>
        <Form form={blockForm} layout="vertical" initialValues={{ kind: 'phone' }} onFinish={(v) => void block(v)}>
          <div className="civic-grid">
            <Form.Item name="kind" label={t('civic.office.blockKind')}>
              <Select options={(['phone', 'ip'] as const).map((k) => ({ value: k, label: t(`civic.office.blockKinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="value" label={t('civic.office.blockValue')} rules={[{ required: true, whitespace: true, min: 3, max: 64 }]}>
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item name="note" label={t('civic.office.blockNote')}>
              <Input maxLength={200} />
            </Form.Item>
          </div>
          <Button htmlType="submit" danger>
            {t('civic.office.block')}
          </Button>
        </Form>
        {blocks.error ? <LoadError error={blocks.error} onRetry={blocks.reload} /> : null}
        <Table<IntakeBlock>
          rowKey="id"
          size="small"
          style={{ marginTop: 16 }}
          loading={blocks.loading}
          dataSource={blocks.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="intake-blocks"
          locale={{ emptyText: t('civic.office.noBlocks') }}
          columns={[
            { key: 'kind', title: t('civic.office.blockKind'), render: (_, b) => <Tag>{t(`civic.office.blockKinds.${b.kind}`)}</Tag> },
            { key: 'masked', title: t('civic.office.blockValue'), dataIndex: 'masked' },
            { key: 'note', title: t('civic.office.blockNote'), render: (_, b) => b.note ?? '—' },
            { key: 'at', title: t('civic.office.blockedAt'), render: (_, b) => b.createdAt.slice(0, 10) },
            {
              key: 'act',
              title: t('common.actions'),
              render: (_, b) => (
                <Popconfirm title={t('civic.office.unblockConfirm')} onConfirm={() => void unblock(b)}>
                  <Button size="small">{t('civic.office.unblock')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

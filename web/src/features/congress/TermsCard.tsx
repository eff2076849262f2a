// The terms (届) of the congress being worked on; office staff and administrators add new ones.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, InputNumber, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Term, api } from '../../api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { useTermLabel } from '../../hooks/useTermLabel.ts';
import { useCurrent } from '../../shell/current.tsx';

interface Values {
  number: number;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
}

export function TermsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const termLabel = useTermLabel();
  const { congress, can, reloadCongresses } = useCurrent();
  const terms = useLoader(() => api.terms.list(congress.id), [congress.id]);
  const [open, setOpen] = useState(false);
  const next = Math.max(0, ...(terms.data ?? []).map((x) => x.number)) + 1;

  const create = async (v: Values) => {
    await api.terms.create(congress.id, {
      number: v.number,
      startDate: v.startDate ? v.startDate.format('YYYY-MM-DD') : null,
      endDate: v.endDate ? v.endDate.format('YYYY-MM-DD') : null,
    });
    void message.success(t('common.created'));
    terms.reload();
    reloadCongresses(); // the current term may have changed
  };

  return (
    <Card
      title={`${t('congresses.terms')} · ${congress.name}`}
      extra={
        can.manageBodies ? (
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('congresses.createTerm')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: 0 } }}
    >
      {terms.error ? (
        <LoadError error={terms.error} onRetry={terms.reload} />
      ) : (
        <Table<Term>
          rowKey="id"
          dataSource={terms.data ?? []}
          loading={terms.loading}
          pagination={false}
          locale={{ emptyText: t('congresses.noTerms') }}
          columns={[
            { title: t('congresses.terms'), key: 'number', render: (_, x) => termLabel(x.number) },
            { title: t('congresses.startDate'), dataIndex: 'startDate', key: 'start', render: (d: string | null) => d ?? t('common.none') },
            { title: t('congresses.endDate'), dataIndex: 'endDate', key: 'end', render: (d: string | null) => d ?? t('common.none') },
          ]}
        />
      )}
      <FormModal<Values> open={open} title={t('congresses.createTerm')} initialValues={{ number: next }} onClose={() => setOpen(false)} onSubmit={create} okText={t('common.create')}>
        <Form.Item name="number" label={t('congresses.termNumber')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1} max={100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="startDate" label={t('congresses.startDate')}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="endDate" label={t('congresses.endDate')}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

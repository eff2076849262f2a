// The bills register: every bill with its proposer, meeting and state; the office registers new ones.
import { Button, Form, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { meetingsApi } from '../meetings/meetingsApi.ts';
import { type Bill, type BillKind, type BillState, billsApi } from './billsApi.ts';

export const STATE_COLOR: Record<BillState, string> = {
  awaiting_cosigners: 'gold',
  submitted: 'blue',
  referred: 'purple',
  placed: 'cyan',
  not_placed: 'default',
  held: 'orange',
  withdrawn: 'default',
  passed: 'green',
  failed: 'red',
  awaiting_approval: 'geekblue',
  approved: 'green',
  promulgated: 'green',
};

const KINDS: BillKind[] = ['regulation', 'decision', 'personnel', 'plan_adjustment', 'budget_adjustment', 'final_accounts', 'other'];
const ORGANS = ['government', 'supervision_commission', 'court', 'procuratorate', 'special_committee'] as const;

interface RegisterValues {
  kind: BillKind;
  title: string;
  proposerType: 'council' | 'organ';
  organ?: (typeof ORGANS)[number];
  targetMeetingId?: string;
  submittedOn?: string;
}

export function BillsPage() {
  const { t } = useTranslation();
  const { congress, roles, user } = useCurrent();
  const navigate = useNavigate();
  const office = user.isSuperadmin || roles.includes('office') || roles.includes('admin');
  const bills = useLoader(() => billsApi.list(congress.id), [congress.id]);
  const meetings = useLoader(() => meetingsApi.list(congress.id), [congress.id]);
  const [open, setOpen] = useState(false);
  const [proposerType, setProposerType] = useState<'council' | 'organ'>('organ');
  const base = `/app/${congress.slug}/bills`;
  const meetingTitle = new Map((meetings.data ?? []).map((m) => [m.id, m.title]));

  const register = async (v: RegisterValues) => {
    const b = await billsApi.create({
      congressId: congress.id,
      kind: v.kind,
      title: v.title,
      proposer: v.proposerType === 'council' ? { type: 'council' } : { type: 'organ', ...(v.organ ? { organ: v.organ } : {}) },
      ...(v.targetMeetingId ? { targetMeetingId: v.targetMeetingId } : {}),
      ...(v.submittedOn?.trim() ? { submittedOn: v.submittedOn.trim() } : {}),
    });
    void navigate(`${base}/${b.id}`);
  };

  return (
    <>
      <PageTitle
        title={t('business.bills.title')}
        intro={t('business.bills.intro')}
        extra={
          office ? (
            <Button type="primary" onClick={() => setOpen(true)} data-testid="bill-register">
              {t('business.bills.register')}
            </Button>
          ) : null
        }
      />
      {bills.error ? (
        <LoadError error={bills.error} onRetry={bills.reload} />
      ) : (
        <Table<Bill>
          rowKey="id"
          data-testid="bills-table"
          loading={bills.loading}
          dataSource={bills.data ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('business.bills.empty') }}
          columns={[
            { key: 'title', title: t('business.bills.billTitle'), render: (_, b) => <Link to={`${base}/${b.id}`}>{b.title}</Link> },
            { key: 'kind', title: t('business.bills.kind'), render: (_, b) => t(`business.bills.kinds.${b.kind}`) },
            { key: 'proposer', title: t('business.bills.proposer'), render: (_, b) => b.proposer.name },
            { key: 'meeting', title: t('business.bills.meeting'), render: (_, b) => (b.targetMeetingId ? (meetingTitle.get(b.targetMeetingId) ?? '') : t('common.none')) },
            {
              key: 'state',
              title: t('business.bills.state'),
              render: (_, b) => (
                <>
                  <Tag color={STATE_COLOR[b.state]}>{t(`business.bills.states.${b.state}`)}</Tag>
                  {b.late ? <Tag color="red">{t('business.bills.late')}</Tag> : null}
                </>
              ),
            },
          ]}
        />
      )}
      <FormModal<RegisterValues>
        open={open}
        title={t('business.bills.register')}
        initialValues={{ kind: 'decision', proposerType: 'organ', organ: 'government' }}
        onClose={() => setOpen(false)}
        onSubmit={register}
      >
        <Form.Item name="title" label={t('business.bills.billTitle')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="kind" label={t('business.bills.kind')} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`business.bills.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="proposerType" label={t('business.bills.proposerType')}>
          <Select
            onChange={(v: 'council' | 'organ') => setProposerType(v)}
            options={(['organ', 'council'] as const).map((p) => ({ value: p, label: t(`business.bills.proposerTypes.${p}`) }))}
          />
        </Form.Item>
        {proposerType === 'organ' ? (
          <Form.Item name="organ" label={t('business.bills.organ')}>
            <Select options={ORGANS.map((o) => ({ value: o, label: t(`business.bills.organs.${o}`) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="targetMeetingId" label={t('business.bills.meeting')}>
          <Select allowClear options={(meetings.data ?? []).filter((m) => m.state !== 'closed').map((m) => ({ value: m.id, label: `${m.title}（${m.date}）` }))} />
        </Form.Item>
        <Form.Item name="submittedOn" label={t('business.bills.submittedOn')}>
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
      </FormModal>
    </>
  );
}

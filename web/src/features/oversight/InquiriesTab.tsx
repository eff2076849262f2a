// Special inquiries and work evaluations (R-O5) and investigation committees (R-B11): each listed with
// its state, and only the next steps its declared workflow allows offered to the office.
import { Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { todayLocal } from '../opinions/civicApi.ts';
import { type Investigation, type SpecialInquiry, billsApi, oversightApi } from '../bills/billsApi.ts';

type Step =
  | { kind: 'newInquiry' }
  | { kind: 'qa' | 'opinions' | 'inquiryReport'; id: string }
  | { kind: 'newInvestigation' }
  | { kind: 'investigationReport' | 'conclude'; id: string };

/** The inquiry workflow's next steps by state (recordQa: proposed/held; sendOpinions: held; report: opinions_sent). */
const INQUIRY_NEXT: Record<SpecialInquiry['state'], ('qa' | 'opinions' | 'inquiryReport')[]> = { proposed: ['qa'], held: ['qa', 'opinions'], opinions_sent: ['inquiryReport'], reported: [] };
const INVESTIGATION_NEXT: Record<Investigation['state'], ('investigationReport' | 'conclude')[]> = { established: ['investigationReport'], reported: ['conclude'], concluded: [] };

interface Values {
  kind?: 'inquiry' | 'evaluation';
  topic?: string;
  proposerType?: 'council' | 'committee';
  proposerName?: string;
  organs?: string;
  askedBy?: string;
  question?: string;
  answeredBy?: string;
  answer?: string;
  opinions?: string;
  date?: string;
  dueDate?: string;
  text?: string;
  mandate?: string;
  chairId?: string;
  memberIds?: string[];
  billId?: string;
}

const lines = (s: string | undefined): string[] => (s ?? '').split('\n').map((x) => x.trim()).filter((x) => x !== '');

export function InquiriesTab() {
  const { t } = useTranslation();
  const { congress, roles, user } = useCurrent();
  const office = user.isSuperadmin || roles.includes('office') || roles.includes('admin');
  const inquiries = useLoader(() => oversightApi.inquiries(congress.id), [congress.id]);
  const investigations = useLoader(() => oversightApi.investigations(congress.id), [congress.id]);
  const members = useLoader(() => (office ? api.members.list(congress.id) : Promise.resolve([])), [congress.id, office]);
  const bills = useLoader(() => (office ? billsApi.list(congress.id) : Promise.resolve([])), [congress.id, office]);
  const [step, setStep] = useState<Step | null>(null);
  const today = todayLocal();

  const submit = async (v: Values) => {
    if (!step) return;
    const date = v.date?.trim() || today;
    switch (step.kind) {
      case 'newInquiry':
        await oversightApi.createInquiry(congress.id, {
          kind: v.kind ?? 'inquiry',
          topic: v.topic ?? '',
          proposer: { type: v.proposerType ?? 'council', ...(v.proposerName?.trim() ? { name: v.proposerName.trim() } : {}) },
          organs: lines(v.organs),
        });
        break;
      case 'qa':
        await oversightApi.inquiryQa(congress.id, step.id, { askedBy: v.askedBy ?? '', question: v.question ?? '', answeredBy: v.answeredBy ?? '', answer: v.answer ?? '' });
        break;
      case 'opinions':
        await oversightApi.inquiryOpinions(congress.id, step.id, { opinions: lines(v.opinions), sentOn: date, dueDate: v.dueDate?.trim() ?? '' });
        break;
      case 'inquiryReport':
        await oversightApi.inquiryReport(congress.id, step.id, { text: v.text ?? '', reportedOn: date });
        break;
      case 'newInvestigation':
        await oversightApi.createInvestigation(congress.id, { question: v.question ?? '', mandate: v.mandate ?? '', establishedOn: date, chairId: v.chairId ?? '', memberIds: v.memberIds ?? [] });
        break;
      case 'investigationReport':
        await oversightApi.investigationReport(congress.id, step.id, { text: v.text ?? '', reportedOn: date });
        break;
      case 'conclude':
        await oversightApi.concludeInvestigation(congress.id, step.id, { resolutionBillId: v.billId ?? '' });
        break;
    }
    inquiries.reload();
    investigations.reload();
  };

  const required = [{ required: true, message: t('common.required') }];
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  const k = step?.kind;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {inquiries.error ? <LoadError error={inquiries.error} onRetry={inquiries.reload} /> : null}
      {office ? (
        <Button data-testid="inquiry-new" onClick={() => setStep({ kind: 'newInquiry' })}>
          {t('business.oversight.newInquiry')}
        </Button>
      ) : null}
      <Table<SpecialInquiry>
        rowKey="id"
        data-testid="inquiries-table"
        loading={inquiries.loading}
        dataSource={inquiries.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('business.oversight.nothing') }}
        columns={[
          { key: 'kind', title: t('business.oversight.inquiryKind'), render: (_, q) => t(`business.oversight.inquiryKinds.${q.kind}`) },
          { key: 'topic', title: t('business.oversight.topic'), dataIndex: 'topic' },
          { key: 'organs', title: t('business.oversight.organ'), render: (_, q) => q.organs.join('、') },
          { key: 'state', title: t('business.oversight.state'), render: (_, q) => <Tag>{t(`business.oversight.inquiryStates.${q.state}`)}</Tag> },
          { key: 'qa', title: t('business.oversight.qa'), render: (_, q) => q.qa.length },
          { key: 'due', title: t('business.oversight.dueDate'), render: (_, q) => q.dueDate ?? '' },
          {
            key: 'act',
            title: '',
            render: (_, q) =>
              office ? (
                <Space>
                  {INQUIRY_NEXT[q.state].map((s) => (
                    <Button key={s} size="small" data-testid={`inquiry-${s}-${q.id}`} onClick={() => setStep({ kind: s, id: q.id })}>
                      {t(`business.oversight.inquirySteps.${s}`)}
                    </Button>
                  ))}
                </Space>
              ) : null,
          },
        ]}
      />
      {investigations.error ? <LoadError error={investigations.error} onRetry={investigations.reload} /> : null}
      {office ? (
        <Button data-testid="investigation-new" onClick={() => setStep({ kind: 'newInvestigation' })}>
          {t('business.oversight.newInvestigation')}
        </Button>
      ) : null}
      <Table<Investigation>
        rowKey="id"
        data-testid="investigations-table"
        loading={investigations.loading}
        dataSource={investigations.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('business.oversight.nothing') }}
        columns={[
          { key: 'question', title: t('business.oversight.investigationQuestion'), dataIndex: 'question' },
          { key: 'established', title: t('business.oversight.establishedOn'), dataIndex: 'establishedOn' },
          { key: 'chair', title: t('business.oversight.chair'), render: (_, i) => i.chair.name },
          { key: 'members', title: t('business.oversight.investigators'), render: (_, i) => i.members.map((m) => m.name).join('、') },
          { key: 'state', title: t('business.oversight.state'), render: (_, i) => <Tag>{t(`business.oversight.investigationStates.${i.state}`)}</Tag> },
          {
            key: 'act',
            title: '',
            render: (_, i) =>
              office ? (
                <Space>
                  {INVESTIGATION_NEXT[i.state].map((s) => (
                    <Button key={s} size="small" data-testid={`investigation-${s}-${i.id}`} onClick={() => setStep({ kind: s, id: i.id })}>
                      {t(`business.oversight.investigationSteps.${s}`)}
                    </Button>
                  ))}
                </Space>
              ) : null,
          },
        ]}
      />
      <FormModal<Values>
        open={step !== null}
        title={k ? t(`business.oversight.stepTitles.${k}`) : ''}
        initialValues={{ date: today, kind: 'inquiry', proposerType: 'council' }}
        onClose={() => setStep(null)}
        onSubmit={submit}
      >
        {k === 'newInquiry' ? (
          <>
            <Form.Item name="kind" label={t('business.oversight.inquiryKind')}>
              <Select options={(['inquiry', 'evaluation'] as const).map((x) => ({ value: x, label: t(`business.oversight.inquiryKinds.${x}`) }))} />
            </Form.Item>
            <Form.Item name="topic" label={t('business.oversight.topic')} rules={required}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="proposerType" label={t('business.oversight.proposer')}>
              <Select options={(['council', 'committee'] as const).map((x) => ({ value: x, label: t(`business.oversight.proposerTypes.${x}`) }))} />
            </Form.Item>
            <Form.Item name="proposerName" label={t('business.oversight.proposerName')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="organs" label={t('business.oversight.organsOnePerLine')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        {k === 'qa' ? (
          <>
            <Form.Item name="askedBy" label={t('business.oversight.askedBy')} rules={required}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="question" label={t('business.oversight.question')} rules={required}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="answeredBy" label={t('business.oversight.answeredBy')} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="answer" label={t('business.oversight.answerText')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        ) : null}
        {k === 'opinions' || k === 'inquiryReport' || k === 'newInvestigation' || k === 'investigationReport' ? (
          <Form.Item name="date" label={t('business.oversight.date')}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        ) : null}
        {k === 'opinions' ? (
          <>
            <Form.Item name="opinions" label={t('business.oversight.opinionsOnePerLine')} rules={required}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="dueDate" label={t('business.oversight.dueDate')} rules={required}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </>
        ) : null}
        {k === 'inquiryReport' || k === 'investigationReport' ? (
          <Form.Item name="text" label={t('business.oversight.reportText')} rules={required}>
            <Input.TextArea rows={4} />
          </Form.Item>
        ) : null}
        {k === 'newInvestigation' ? (
          <>
            <Form.Item name="question" label={t('business.oversight.investigationQuestion')} rules={required}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="mandate" label={t('business.oversight.mandate')} rules={required}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="chairId" label={t('business.oversight.chair')} rules={required}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={memberOptions} />
            </Form.Item>
            <Form.Item name="memberIds" label={t('business.oversight.investigators')} rules={required}>
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={memberOptions} />
            </Form.Item>
          </>
        ) : null}
        {k === 'conclude' ? (
          <Form.Item name="billId" label={t('business.oversight.resolutionBill')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={(bills.data ?? []).filter((b) => b.kind === 'decision').map((b) => ({ value: b.id, label: b.title }))} />
          </Form.Item>
        ) : null}
      </FormModal>
    </Space>
  );
}

// One bill: its particulars, the next steps its state allows (the server's declared workflow), and its
// dated history of actions (date, acting body, what happened).
import { App, Button, Card, Checkbox, Descriptions, Form, Input, Select, Space, Table, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { todayLocal } from '../opinions/civicApi.ts';
import { STATE_COLOR } from './BillsPage.tsx';
import { type Bill, type BillActionName, billsApi } from './billsApi.ts';

/** The actions this page offers; the approval steps of regulations are recorded through the API. */
const OFFERED: BillActionName[] = ['submit', 'place', 'refer', 'notPlace', 'hold', 'sendBack', 'withdraw', 'recordVote'];
/** Actions that need a form; the others are one click. */
type FormAction = 'place' | 'refer' | 'notPlace' | 'hold' | 'sendBack' | 'withdraw' | 'outcome';
const PASSED: readonly string[] = ['passed', 'awaiting_approval', 'approved', 'promulgated'];

interface ActionValues {
  councilDate?: string;
  committee?: string;
  handling?: 'report' | 'explanation';
  note?: string;
  reason?: string;
  overrideLate?: boolean;
  outcomeKind?: 'resolution' | 'decision';
  series?: string;
}

export function BillDetailPage() {
  const { t } = useTranslation();
  const { billId = '' } = useParams();
  const { congress, roles, user } = useCurrent();
  const office = user.isSuperadmin || roles.includes('office') || roles.includes('admin');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const bill = useLoader(() => billsApi.get(billId), [billId]);
  const history = useLoader(() => billsApi.history(billId), [billId]);
  const [formAction, setFormAction] = useState<FormAction | null>(null);
  const [busy, setBusy] = useState(false);

  const done = (b: Bill) => {
    bill.setData(b);
    history.reload();
  };

  const oneClick = async (action: 'submit' | 'recordVote') => {
    setBusy(true);
    try {
      done(action === 'submit' ? await billsApi.submit(billId) : await billsApi.recordVote(billId));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const submitForm = async (v: ActionValues) => {
    const councilDate = v.councilDate?.trim() || todayLocal();
    switch (formAction) {
      case 'place':
        done(await billsApi.decide(billId, { decision: 'place', councilDate, ...(v.overrideLate ? { overrideLate: true } : {}) }));
        break;
      case 'refer':
        done(await billsApi.decide(billId, { decision: 'refer', councilDate, committee: v.committee ?? '' }));
        break;
      case 'notPlace':
        done(await billsApi.decide(billId, { decision: 'notPlace', councilDate, ...(v.handling ? { handling: v.handling } : {}), note: v.note ?? '' }));
        break;
      case 'hold':
        done(await billsApi.hold(billId, { councilDate, reason: v.reason ?? '', committee: v.committee ?? '' }));
        break;
      case 'sendBack':
        done(await billsApi.sendBack(billId, councilDate));
        break;
      case 'withdraw':
        done(await billsApi.withdraw(billId, councilDate));
        break;
      case 'outcome':
        done(await billsApi.issueOutcome(billId, { kind: v.outcomeKind ?? 'resolution', date: councilDate, ...(v.series?.trim() ? { series: v.series.trim() } : {}) }));
        break;
      case null:
        break;
    }
  };

  if (bill.error) return <LoadError error={bill.error} onRetry={bill.reload} />;
  const b = bill.data;
  const offered = (b?.allowedActions ?? []).filter((a) => OFFERED.includes(a));

  return (
    <>
      <PageTitle
        title={b?.title ?? ''}
        intro={b ? <Tag color={STATE_COLOR[b.state]} data-testid="bill-state">{t(`business.bills.states.${b.state}`)}</Tag> : null}
        extra={<Link to={`/app/${congress.slug}/bills`}>{t('common.back')}</Link>}
      />
      {b ? (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('business.bills.kind')}>{t(`business.bills.kinds.${b.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('business.bills.proposer')}>{b.proposer.name}</Descriptions.Item>
            <Descriptions.Item label={t('business.bills.submittedOn')}>{b.submittedOn ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('business.bills.deadline')}>
              {b.deadline ?? t('common.none')} {b.late ? <Tag color="red">{t('business.bills.late')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('business.bills.meeting')} span={2}>
              <span data-testid="bill-agenda">{b.agendaItemId ? t('business.bills.agendaItem') : t('business.bills.noAgendaItem')}</span>
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('business.bills.actions')}>
            {offered.length === 0 && !(office && PASSED.includes(b.state)) ? (
              t('business.bills.noActions')
            ) : (
              <Space wrap>
                {offered.map((a) => (
                  <Button
                    key={a}
                    data-testid={`bill-action-${a}`}
                    loading={busy}
                    type={a === 'place' || a === 'recordVote' ? 'primary' : 'default'}
                    onClick={() => (a === 'submit' || a === 'recordVote' ? void oneClick(a) : setFormAction(a as FormAction))}
                  >
                    {t(`business.bills.act.${a}`)}
                  </Button>
                ))}
                {office && PASSED.includes(b.state) ? (
                  <Button data-testid="bill-action-outcome" onClick={() => setFormAction('outcome')}>
                    {t('business.bills.issueOutcome')}
                  </Button>
                ) : null}
              </Space>
            )}
          </Card>
          {b.readings.length > 0 ? (
            <Card size="small" title={t('business.bills.readings')}>
              <Timeline items={b.readings.map((r) => ({ children: `${r.date} ${r.body}：${r.stageZh}` }))} />
            </Card>
          ) : null}
          {b.outcomes.length > 0 ? (
            <Card size="small" title={t('business.bills.outcomes')}>
              <Table rowKey="id" size="small" pagination={false} dataSource={b.outcomes} data-testid="bill-outcomes" columns={[
                  { key: 'no', title: t('business.bills.docNo'), dataIndex: 'docNo' },
                  { key: 'title', title: t('business.bills.billTitle'), dataIndex: 'title' },
                  { key: 'date', title: t('business.bills.outcomeDate'), dataIndex: 'date' },
                ]} />
            </Card>
          ) : null}
          <Card size="small" title={t('business.bills.history')}>
            <Timeline
              data-testid="bill-history"
              items={(history.data ?? []).map((h) => ({
                children: (
                  <span className="bill-history-entry">
                    {h.date} <strong>{h.organization}</strong> {h.description}
                  </span>
                ),
              }))}
            />
          </Card>
        </Space>
      ) : null}
      <FormModal<ActionValues>
        open={formAction !== null}
        title={formAction === 'outcome' ? t('business.bills.issueOutcome') : formAction ? t(`business.bills.act.${formAction}`) : ''}
        initialValues={{ councilDate: todayLocal() }}
        onClose={() => setFormAction(null)}
        onSubmit={submitForm}
      >
        <Form.Item name="councilDate" label={formAction === 'outcome' ? t('business.bills.outcomeDate') : t('business.bills.councilDate')}>
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
        {formAction === 'outcome' ? (
          <>
            <Form.Item name="outcomeKind" label={t('business.bills.outcomeKind')} initialValue="resolution">
              <Select
                options={[
                  { value: 'resolution', label: t('business.bills.resolution') },
                  { value: 'decision', label: t('business.bills.decision') },
                ]}
              />
            </Form.Item>
            <Form.Item name="series" label={t('business.bills.series')}>
              <Input maxLength={20} placeholder="鹤常" />
            </Form.Item>
          </>
        ) : null}
        {formAction === 'place' && b?.late && !b.lateOverride ? (
          <Form.Item name="overrideLate" valuePropName="checked">
            <Checkbox>{t('business.bills.overrideLate')}</Checkbox>
          </Form.Item>
        ) : null}
        {formAction === 'refer' || formAction === 'hold' ? (
          <Form.Item name="committee" label={t('business.bills.committee')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        {formAction === 'hold' ? (
          <Form.Item name="reason" label={t('business.bills.reason')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        ) : null}
        {formAction === 'notPlace' ? (
          <>
            <Form.Item name="handling" label={t('business.bills.handling')}>
              <Select
                allowClear
                options={[
                  { value: 'report', label: t('business.bills.handlingReport') },
                  { value: 'explanation', label: t('business.bills.handlingExplanation') },
                ]}
              />
            </Form.Item>
            <Form.Item name="note" label={t('business.bills.note')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
      </FormModal>
    </>
  );
}

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

/** The workflow actions this page offers, as the server declares them allowed for the bill's state. */
const OFFERED: BillActionName[] = ['submit', 'place', 'refer', 'notPlace', 'hold', 'sendBack', 'withdraw', 'recordVote', 'reportForApproval', 'recordApproval', 'promulgate'];
/** Actions that need a form; the others are one click. */
type FormAction = 'place' | 'refer' | 'notPlace' | 'hold' | 'sendBack' | 'withdraw' | 'outcome' | 'presenter' | 'reading' | 'statement' | 'reportForApproval' | 'recordApproval' | 'promulgate';
const PASSED: readonly string[] = ['passed', 'awaiting_approval', 'approved', 'promulgated'];
/** States in which the presenter may be named (R-B5) and readings recorded (R-B6), as the server allows. */
const PRESENTER_STATES: readonly string[] = ['awaiting_cosigners', 'submitted', 'referred', 'placed', 'held'];
const READING_STATES: readonly string[] = ['referred', 'placed', 'held'];
const PRESENTER_ROLES = ['council_member', 'committee_head', 'government_head', 'delegated_department_head', 'principal_head', 'lead_signer'] as const;
const READING_STAGES = ['first_deliberation', 'legal_review', 'further_reading'] as const;

interface ActionValues {
  councilDate?: string;
  committee?: string;
  handling?: 'report' | 'explanation';
  note?: string;
  reason?: string;
  overrideLate?: boolean;
  outcomeKind?: 'resolution' | 'decision';
  series?: string;
  name?: string;
  post?: string;
  role?: (typeof PRESENTER_ROLES)[number];
  mode?: 'oral' | 'written';
  stage?: (typeof READING_STAGES)[number];
  body?: string;
  summary?: string;
  approvalBody?: string;
  announcementNo?: string;
  jointWith?: string[];
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
  // Bills of the same meeting still under deliberation: those this one may be explained together with (R-B5).
  const meetingId = bill.data?.targetMeetingId ?? null;
  const presenting = formAction === 'presenter' && meetingId !== null;
  const related = useLoader(() => (presenting ? billsApi.listForMeeting(congress.id, meetingId) : Promise.resolve<Bill[]>([])), [presenting, congress.id, meetingId]);

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
      case 'presenter':
        done(
          await billsApi.setPresenter(billId, {
            name: v.name?.trim() ?? '',
            role: v.role ?? 'government_head',
            mode: v.mode ?? 'oral',
            ...(v.post?.trim() ? { post: v.post.trim() } : {}),
            ...(v.jointWith && v.jointWith.length > 0 ? { jointWith: v.jointWith } : {}),
          }),
        );
        break;
      case 'reading':
        done(await billsApi.recordReading(billId, { stage: v.stage ?? 'first_deliberation', date: councilDate, ...(v.body?.trim() ? { body: v.body.trim() } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}) }));
        break;
      case 'statement':
        done(await billsApi.recordStatement(billId, { name: v.name ?? '', date: councilDate, ...(v.summary?.trim() ? { summary: v.summary.trim() } : {}) }));
        break;
      case 'reportForApproval':
        done(await billsApi.reportForApproval(billId, { date: councilDate }));
        break;
      case 'recordApproval':
        done(await billsApi.recordApproval(billId, { date: councilDate, body: v.approvalBody?.trim() ?? '' }));
        break;
      case 'promulgate':
        done(await billsApi.promulgate(billId, { date: councilDate, announcementNo: v.announcementNo?.trim() ?? '' }));
        break;
      case null:
        break;
    }
  };

  if (bill.error) return <LoadError error={bill.error} onRetry={bill.reload} />;
  const b = bill.data;
  const offered = (b?.allowedActions ?? []).filter((a) => OFFERED.includes(a));
  // The steps after placement, offered only where the bill's state allows them.
  const steps: ('presenter' | 'reading' | 'statement')[] = b && office
    ? [
        ...(PRESENTER_STATES.includes(b.state) ? (['presenter'] as const) : []),
        ...(READING_STATES.includes(b.state) ? (['reading'] as const) : []),
        ...(b.kind === 'personnel' && b.statementsMissing.length > 0 && !PASSED.includes(b.state) ? (['statement'] as const) : []),
      ]
    : [];
  const dateLabel =
    formAction === 'outcome' || formAction === 'reading' || formAction === 'statement' || formAction === 'reportForApproval' || formAction === 'recordApproval' || formAction === 'promulgate'
      ? t('business.bills.outcomeDate')
      : t('business.bills.councilDate');

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
            <Descriptions.Item label={t('business.bills.presenter')} span={2}>
              <span data-testid="bill-presenter">
                {b.presenter ? `${b.presenter.post ?? ''}${b.presenter.name}（${t(`business.bills.roles.${b.presenter.role}`)}，${t(`business.bills.modes.${b.presenter.mode}`)}）` : t('common.none')}
              </span>
            </Descriptions.Item>
            {b.jointExplanation ? (
              <Descriptions.Item label={t('business.bills.jointExplanation')} span={2}>
                <span data-testid="bill-joint">
                  {t('business.bills.jointExplanationWith')}
                  {b.jointExplanation.bills.map((j, i) => (
                    <span key={j.id}>
                      {i > 0 ? '、' : ''}
                      <Link to={`/app/${congress.slug}/bills/${j.id}`}>《{j.title}》</Link>
                    </span>
                  ))}
                </span>
              </Descriptions.Item>
            ) : null}
            {b.approval.approvedOn || b.approval.promulgatedOn ? (
              <Descriptions.Item label={t('business.bills.approval')} span={2}>
                <span data-testid="bill-approval">
                  {b.approval.approvedOn ? `${b.approval.approvedOn} ${b.approval.body ?? ''}` : ''}
                  {b.approval.promulgatedOn ? ` · ${b.approval.promulgatedOn} ${b.approval.announcementNo ?? ''}` : ''}
                </span>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Card size="small" title={t('business.bills.actions')}>
            {offered.length === 0 && steps.length === 0 && !(office && PASSED.includes(b.state)) ? (
              t('business.bills.noActions')
            ) : (
              <Space wrap>
                {offered.map((a) => (
                  <Button
                    key={a}
                    data-testid={`bill-action-${a}`}
                    loading={busy}
                    type={a === 'place' || a === 'recordVote' ? 'primary' : 'default'}
                    onClick={() => (a === 'submit' || a === 'recordVote' ? void oneClick(a) : setFormAction(a))}
                  >
                    {t(`business.bills.act.${a}`)}
                  </Button>
                ))}
                {steps.map((a) => (
                  <Button key={a} data-testid={`bill-step-${a}`} onClick={() => setFormAction(a)}>
                    {t(`business.bills.step.${a}`)}
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
          {b.kind === 'personnel' ? (
            <Card size="small" title={t('business.bills.statements')}>
              <Timeline data-testid="bill-statements" items={b.statements.map((x) => ({ children: `${x.date} ${x.name}${x.summary ? `：${x.summary}` : ''}` }))} />
              {b.statementsMissing.length > 0 ? <Tag color="orange">{t('business.bills.statementsMissing', { names: b.statementsMissing.join('、') })}</Tag> : null}
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
        title={
          formAction === 'outcome'
            ? t('business.bills.issueOutcome')
            : formAction === 'presenter' || formAction === 'reading' || formAction === 'statement'
              ? t(`business.bills.step.${formAction}`)
              : formAction
                ? t(`business.bills.act.${formAction}`)
                : ''
        }
        initialValues={{ councilDate: todayLocal() }}
        onClose={() => setFormAction(null)}
        onSubmit={submitForm}
      >
        {formAction !== 'presenter' ? (
          <Form.Item name="councilDate" label={dateLabel}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        ) : null}
        {formAction === 'presenter' ? (
          <>
            <Form.Item name="name" label={t('business.bills.presenterName')} rules={[{ required: true, message: t('common.required') }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="post" label={t('business.bills.presenterPost')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="role" label={t('business.bills.presenterRole')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={PRESENTER_ROLES.map((r) => ({ value: r, label: t(`business.bills.roles.${r}`) }))} />
            </Form.Item>
            <Form.Item name="mode" label={t('business.bills.presenterMode')} initialValue="oral">
              <Select options={(['oral', 'written'] as const).map((m) => ({ value: m, label: t(`business.bills.modes.${m}`) }))} />
            </Form.Item>
            {meetingId ? (
              <Form.Item name="jointWith" label={t('business.bills.jointWith')} extra={t('business.bills.jointWithHelp')} initialValue={b?.jointExplanation?.bills.map((j) => j.id) ?? []}>
                <Select
                  mode="multiple"
                  allowClear
                  data-testid="bill-joint-with"
                  loading={related.loading}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(related.data ?? []).filter((x) => x.id !== billId && PRESENTER_STATES.includes(x.state)).map((x) => ({ value: x.id, label: x.title }))}
                />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {formAction === 'reading' ? (
          <>
            <Form.Item name="stage" label={t('business.bills.readingStage')} initialValue={b?.kind === 'regulation' ? READING_STAGES[Math.min(b.readings.length, 2)] : 'first_deliberation'}>
              <Select options={(b?.kind === 'regulation' ? READING_STAGES : (['first_deliberation'] as const)).map((x) => ({ value: x, label: t(`business.bills.stages.${x}`) }))} />
            </Form.Item>
            <Form.Item name="body" label={t('business.bills.readingBody')}>
              <Input maxLength={100} placeholder="常委会全体会议" />
            </Form.Item>
            <Form.Item name="note" label={t('business.bills.note')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        {formAction === 'statement' ? (
          <>
            <Form.Item name="name" label={t('business.bills.nominee')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={(b?.statementsMissing ?? []).map((n) => ({ value: n, label: n }))} />
            </Form.Item>
            <Form.Item name="summary" label={t('business.bills.statementSummary')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        ) : null}
        {formAction === 'recordApproval' ? (
          <Form.Item name="approvalBody" label={t('business.bills.approvalBody')} initialValue="河南省人民代表大会常务委员会" rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
        ) : null}
        {formAction === 'promulgate' ? (
          <Form.Item name="announcementNo" label={t('business.bills.announcementNo')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
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

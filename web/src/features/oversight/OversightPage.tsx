// Oversight follow-through: deliberation opinions and interpellations with their answers (a handling
// unit sees and answers only its own), reports, audit rectification computed from the records, and
// the overdue dashboard per organ.
import { App, Button, Card, Col, Form, Input, Progress, Row, Select, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { InquiriesTab } from './InquiriesTab.tsx';
import { type FollowupResult, type Interpellation, type OpinionLetter, type OverdueDashboard, type Report, type ReportOutcome, oversightApi } from '../bills/billsApi.ts';

type Answering = { kind: 'letter'; id: string } | { kind: 'interpellation'; id: string } | null;
interface AnswerValues {
  text: string;
  mode?: 'oral' | 'written';
  signedBy?: string;
}

export function OversightPage() {
  const { t } = useTranslation();
  const { congress, roles, user } = useCurrent();
  const { message } = App.useApp();
  const reader = user.isSuperadmin || roles.some((r) => r === 'admin' || r === 'office' || r === 'chair' || r === 'member' || r === 'committee');
  const answerer = user.isSuperadmin || roles.some((r) => r === 'admin' || r === 'office' || r === 'handling_unit');
  const letters = useLoader(() => oversightApi.letters(congress.id), [congress.id]);
  const interpellations = useLoader(() => oversightApi.interpellations(congress.id), [congress.id]);
  const [answering, setAnswering] = useState<Answering>(null);

  const answer = async (v: AnswerValues) => {
    if (!answering) return;
    if (answering.kind === 'letter') {
      await oversightApi.answerLetter(congress.id, answering.id, v.text);
      letters.reload();
    } else {
      await oversightApi.answerInterpellation(answering.id, { mode: v.mode ?? 'written', text: v.text, ...(v.signedBy?.trim() ? { signedBy: v.signedBy.trim() } : {}) });
      interpellations.reload();
    }
    void message.success(t('common.saved'));
  };

  const lettersTab = (
    <>
      {letters.error ? <LoadError error={letters.error} onRetry={letters.reload} /> : null}
      <Table<OpinionLetter>
        rowKey="id"
        data-testid="letters-table"
        loading={letters.loading}
        dataSource={letters.data ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: reader ? t('business.oversight.nothing') : t('business.oversight.noUnitLetters') }}
        columns={[
          { key: 'organ', title: t('business.oversight.organ'), dataIndex: 'organ' },
          { key: 'opinions', title: t('business.oversight.opinions'), render: (_, l) => l.opinions.join('；') },
          { key: 'due', title: t('business.oversight.dueDate'), render: (_, l) => <>{l.dueDate} {l.overdue ? <Tag color="red">{t('business.oversight.overdue')}</Tag> : null}</> },
          {
            key: 'state',
            title: t('business.oversight.state'),
            render: (_, l) => (l.state === 'answered' ? <Tag color="green">{t('business.oversight.answered')}</Tag> : <Tag color="gold">{t('business.oversight.sent')}</Tag>),
          },
          { key: 'answer', title: t('business.oversight.answerText'), render: (_, l) => l.answer ?? '' },
          {
            key: 'act',
            title: t('common.actions'),
            render: (_, l) =>
              answerer && l.state === 'sent' ? (
                <Button size="small" data-testid={`answer-letter-${l.id}`} onClick={() => setAnswering({ kind: 'letter', id: l.id })}>
                  {t('business.oversight.answer')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );

  const interpellationsTab = (
    <>
      {interpellations.error ? <LoadError error={interpellations.error} onRetry={interpellations.reload} /> : null}
      <Table<Interpellation>
        rowKey="id"
        data-testid="interpellations-table"
        loading={interpellations.loading}
        dataSource={interpellations.data ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'target', title: t('business.oversight.target'), render: (_, i) => i.targetName ?? i.target },
          { key: 'question', title: t('business.oversight.question'), dataIndex: 'question' },
          {
            key: 'state',
            title: t('business.oversight.state'),
            render: (_, i) => (i.answer ? <Tag color="green">{t('business.oversight.answered')}</Tag> : <Tag color="gold">{t('business.oversight.sent')}</Tag>),
          },
          { key: 'answer', title: t('business.oversight.answerText'), render: (_, i) => (i.answer ? `${i.answer.text}${i.answer.signedBy ? `（${i.answer.signedBy}）` : ''}` : '') },
          {
            key: 'act',
            title: t('common.actions'),
            render: (_, i) =>
              answerer && i.state === 'routed' ? (
                <Button size="small" data-testid={`answer-interpellation-${i.id}`} onClick={() => setAnswering({ kind: 'interpellation', id: i.id })}>
                  {t('business.oversight.answer')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );

  const items = [
    { key: 'letters', label: t('business.oversight.letters'), children: lettersTab },
    { key: 'interpellations', label: t('business.oversight.interpellations'), children: interpellationsTab },
    ...(reader
      ? [
          { key: 'reports', label: t('business.oversight.reports'), children: <ReportsTab /> },
          { key: 'rectification', label: t('business.oversight.rectification'), children: <RectificationTab /> },
          { key: 'followups', label: t('business.oversight.followups'), children: <FollowupTab /> },
          { key: 'dashboard', label: t('business.oversight.dashboard'), children: <DashboardTab /> },
          { key: 'inquiries', label: t('business.oversight.inquiries'), children: <InquiriesTab /> },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle title={t('business.oversight.title')} intro={t('business.oversight.intro')} />
      <Tabs items={items} />
      <FormModal<AnswerValues> open={answering !== null} title={t('business.oversight.answer')} initialValues={{ mode: 'written' }} onClose={() => setAnswering(null)} onSubmit={answer}>
        {answering?.kind === 'interpellation' ? (
          <Form.Item name="mode" label={t('business.oversight.mode')}>
            <Select
              options={[
                { value: 'written', label: t('business.oversight.written') },
                { value: 'oral', label: t('business.oversight.oral') },
              ]}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="text" label={t('business.oversight.answerText')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        {answering?.kind === 'interpellation' ? (
          <Form.Item name="signedBy" label={t('business.oversight.signedBy')}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
      </FormModal>
    </>
  );
}

const OUTCOME_COLORS: Record<ReportOutcome, string> = { heard: 'default', deliberated: 'blue', opinions_sent: 'orange', adopted: 'green', resolution_adopted: 'purple' };
const REPORT_OUTCOMES: ReportOutcome[] = ['heard', 'deliberated', 'opinions_sent', 'adopted', 'resolution_adopted'];

/** Reports with what the meeting did with each (R-O4); the office records the outcome of a report heard at a meeting. */
function ReportsTab() {
  const { t } = useTranslation();
  const { congress, roles, user } = useCurrent();
  const { message } = App.useApp();
  const office = user.isSuperadmin || roles.some((r) => r === 'admin' || r === 'office');
  const reports = useLoader(() => oversightApi.reports(congress.id), [congress.id]);
  const [recording, setRecording] = useState<Report | null>(null);
  if (reports.error) return <LoadError error={reports.error} onRetry={reports.reload} />;
  const save = async (v: { outcome: ReportOutcome; note?: string }) => {
    if (!recording) return;
    await oversightApi.recordOutcome(congress.id, recording.id, { outcome: v.outcome, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
    reports.reload();
    void message.success(t('common.saved'));
  };
  return (
    <>
      <Table<Report>
        rowKey="id"
        data-testid="reports-table"
        loading={reports.loading}
        dataSource={reports.data ?? []}
        // Long titles wrap, so the outcome stays in view on a desk screen; narrower screens scroll.
        scroll={{ x: 960 }}
        pagination={{ defaultPageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { key: 'title', title: t('business.oversight.reportTitle'), dataIndex: 'title', width: 300 },
          { key: 'organ', title: t('business.oversight.organ'), dataIndex: 'organ', width: 130 },
          { key: 'presenter', title: t('business.oversight.presenter'), width: 160, render: (_, r) => [r.presenter, r.presenterPost].filter(Boolean).join('，') },
          { key: 'submitted', title: t('business.bills.submittedOn'), width: 110, render: (_, r) => <>{r.submittedOn} {r.late ? <Tag color="red">{t('business.bills.late')}</Tag> : null}</> },
          {
            key: 'outcome',
            title: t('business.oversight.outcome'),
            width: 190,
            render: (_, r) => (
              <span data-testid="report-outcome">
                {r.outcome ? <Tag color={OUTCOME_COLORS[r.outcome]}>{t(`business.oversight.outcomes.${r.outcome}`)}</Tag> : <Tag>{t('business.oversight.outcomeNone')}</Tag>}
                {r.outcomeNote ? <Typography.Text>{r.outcomeNote}</Typography.Text> : null}
                {r.letters > 0 ? (
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {t('business.oversight.lettersSent', { count: r.letters })}
                  </Typography.Text>
                ) : null}
              </span>
            ),
          },
          ...(office
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, r: Report) =>
                    r.meetingId ? (
                      <Button size="small" data-testid="report-record-outcome" onClick={() => setRecording(r)}>
                        {t('business.oversight.recordOutcome')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <FormModal<{ outcome: ReportOutcome; note?: string }>
        open={recording !== null}
        title={`${t('business.oversight.recordOutcome')}：${recording?.title ?? ''}`}
        initialValues={{ outcome: recording?.outcome ?? 'deliberated', note: recording?.outcomeNote ?? '' }}
        onClose={() => setRecording(null)}
        onSubmit={save}
      >
        <Form.Item name="outcome" label={t('business.oversight.outcome')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            data-testid="report-outcome-select"
            options={REPORT_OUTCOMES.filter((o) => o !== 'opinions_sent' || (recording?.letters ?? 0) > 0).map((o) => ({ value: o, label: t(`business.oversight.outcomes.${o}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('business.oversight.outcomeNote')} extra={t('business.oversight.outcomeNoteHelp')}>
          <Input maxLength={300} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function RectificationTab() {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const summary = useLoader(() => oversightApi.rectificationSummary(congress.id), [congress.id]);
  if (summary.error) return <LoadError error={summary.error} onRetry={summary.reload} />;
  const s = summary.data;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={8}>
        <Card size="small">
          <Statistic title={t('business.oversight.due')} value={s?.due ?? 0} />
        </Card>
      </Col>
      <Col xs={8}>
        <Card size="small">
          <Statistic title={t('business.oversight.rectified')} value={s?.rectified ?? 0} />
        </Card>
      </Col>
      <Col xs={8}>
        <Card size="small">
          <Statistic title={t('business.oversight.rate')} value={s?.rate ?? 0} precision={2} suffix="%" data-testid="rectification-rate" />
        </Card>
      </Col>
    </Row>
  );
}

/** The progress tree: each task indented under its parent; a parent's bar is rolled up from its children. */
function FollowupTab() {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const tree = useLoader(() => oversightApi.followups(congress.id), [congress.id]);
  if (tree.error) return <LoadError error={tree.error} onRetry={tree.reload} />;
  return (
    <Table<FollowupResult>
      rowKey="id"
      data-testid="followup-tree"
      loading={tree.loading}
      pagination={false}
      dataSource={tree.data ?? []}
      locale={{ emptyText: t('business.oversight.nothing') }}
      columns={[
        { key: 'title', title: t('business.oversight.task'), render: (_, r) => <span style={{ paddingInlineStart: r.depth * 24, fontWeight: r.computed ? 600 : 400 }}>{r.title}</span> },
        { key: 'due', title: t('business.oversight.dueDate'), render: (_, r) => <>{r.dueDate ?? ''} {r.overdue ? <Tag color="red">{t('business.oversight.overdue')}</Tag> : null}</> },
        { key: 'progress', title: t('business.oversight.progress'), width: 240, render: (_, r) => <Progress percent={r.progress} size="small" /> },
      ]}
    />
  );
}

function DashboardTab() {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const dash = useLoader(() => oversightApi.dashboard(congress.id), [congress.id]);
  if (dash.error) return <LoadError error={dash.error} onRetry={dash.reload} />;
  return (
    <Table<OverdueDashboard['organs'][number]>
      rowKey="organ"
      loading={dash.loading}
      dataSource={dash.data?.organs ?? []}
      locale={{ emptyText: t('business.oversight.nothing') }}
      columns={[
        { key: 'organ', title: t('business.oversight.organ'), dataIndex: 'organ' },
        { key: 'overdue', title: t('business.oversight.overdueCount'), render: (_, o) => (o.overdue > 0 ? <Tag color="red">{o.overdue}</Tag> : 0) },
        { key: 'soon', title: t('business.oversight.dueSoon'), dataIndex: 'dueSoon' },
      ]}
    />
  );
}

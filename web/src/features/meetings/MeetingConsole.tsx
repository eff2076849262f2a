// The console of the office and the presiding person (journey 3): quorum always in view, the
// agenda with the current item, and the votes — create one for the current item, open, close,
// announce — with how many have voted so far (never what).
import { App, Alert, Button, Card, Col, Form, Input, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.tsx';
import { FullPageSpin, LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type MeetingDetail, type Poll, type PollKind, meetingsApi, pollsApi } from './meetingsApi.ts';
import { CheckInQr, PersonnelPolls, ScriptCard, SpeakersCard } from './ConsolePanels.tsx';
import { TellerPanel } from './TellerPanel.tsx';
import { AgendaList, QuorumBar, ResultSummary } from './parts.tsx';
import { useMeetingLive } from './useMeetingLive.ts';

const KINDS: PollKind[] = ['secret', 'named', 'analog', 'mixed'];

export function MeetingConsole() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { meetingId = '' } = useParams();
  const { congress } = useCurrent();
  const m = useMeetingLive(congress.id, meetingId);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<{ subject: string; kind: PollKind }>();

  const act = async (key: string, fn: () => Promise<unknown>, done?: string) => {
    setBusy(key);
    try {
      await fn();
      if (done) void message.success(done);
      m.reloadAll();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  if (m.meeting.error && !m.meeting.data) return <LoadError error={m.meeting.error} onRetry={m.meeting.reload} />;
  const meeting = m.meeting.data;
  if (!meeting) return <FullPageSpin />;
  const current = meeting.agendaItems.find((i) => i.id === meeting.currentAgendaItemId);
  const polls = m.polls.data ?? [];
  const scriptVersion = `${polls.map((p) => `${p.id}${p.status}${p.votedCount ?? ''}`).join()}|${m.quorum.data?.present ?? ''}|${meeting.currentAgendaItemId ?? ''}|${m.ticks.meeting}`;

  return (
    <>
      <PageTitle
        title={meeting.title}
        intro={
          <Space wrap size={4}>
            <Tag>{t(`meetings.states.${meeting.state}`)}</Tag>
            <span>{meeting.date}</span>
            {meeting.presidingPersonName ? <span>{meeting.presidingPersonName}</span> : null}
          </Space>
        }
        extra={
          <Space wrap>
            {meeting.state === 'notified' ? (
              <Button type="primary" loading={busy === 'open'} onClick={() => void act('open', () => meetingsApi.open(meeting.id), t('meetings.meetingOpened'))}>
                {t('meetings.openMeeting')}
              </Button>
            ) : null}
            {meeting.state === 'in_session' && meeting.agendaAdoptedAt === null ? (
              <Button loading={busy === 'adopt'} onClick={() => void act('adopt', () => meetingsApi.adoptAgenda(meeting.id))}>
                {t('meetings.adoptAgenda')}
              </Button>
            ) : null}
            <Link to="prepare">
              <Button>{t('meetingWork.prepare')}</Button>
            </Link>
            <Link to="report">
              <Button>{t('meetingWork.report')}</Button>
            </Link>
            <Link to="vote">
              <Button>{t('meetings.vote')}</Button>
            </Link>
            <a href={`/screen/${congress.slug}/${meeting.id}`} target="_blank" rel="noreferrer">
              <Button>{t('meetings.projector')}</Button>
            </a>
          </Space>
        }
      />
      {m.live === 'offline' ? <Alert type="warning" showIcon title={t('meetings.liveOffline')} style={{ marginBottom: 12 }} /> : null}
      <Card size="small" title={t('meetings.quorum')} style={{ marginBottom: 16, position: 'sticky', top: 0, zIndex: 2 }}>
        {m.quorum.data ? <QuorumBar quorum={m.quorum.data} /> : null}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('meetings.agenda')}
            extra={
              current ? (
                <Button size="small" onClick={() => void act('current', () => meetingsApi.setCurrentItem(meeting.id, null))}>
                  {t('meetings.clearCurrent')}
                </Button>
              ) : null
            }
          >
            <AgendaList
              items={meeting.agendaItems}
              currentId={meeting.currentAgendaItemId}
              action={(item) =>
                item.id === meeting.currentAgendaItemId || meeting.state !== 'in_session' ? null : (
                  <Button size="small" loading={busy === `item-${item.id}`} onClick={() => void act(`item-${item.id}`, () => meetingsApi.setCurrentItem(meeting.id, item.id))}>
                    {t('meetings.setCurrent')}
                  </Button>
                )
              }
            />
          </Card>
          <div style={{ marginTop: 16 }}>
            <SpeakersCard meeting={meeting} tick={m.ticks.speakers} act={act} busy={busy} />
            <ScriptCard meeting={meeting} version={scriptVersion} />
            <CheckInQr meeting={meeting} />
          </div>
        </Col>
        <Col xs={24} lg={12}>
          <PersonnelPolls meeting={meeting} polls={polls} act={act} busy={busy} />
          <Card size="small" title={t('meetings.polls')} style={{ marginBottom: 16 }}>
            <Form
              form={form}
              layout="vertical"
              initialValues={{ kind: 'secret' }}
              onFinish={(v) =>
                void act('create', async () => {
                  await pollsApi.create({ meetingId: meeting.id, agendaItemId: current?.id ?? null, subject: v.subject, kind: v.kind });
                  form.resetFields();
                })
              }
            >
              <Form.Item name="subject" label={t('meetings.subject')} rules={[{ required: true, message: t('common.required') }]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} placeholder={current ? t('meetings.subjectFor', { title: current.title }) : undefined} />
              </Form.Item>
              <Space wrap>
                <Form.Item name="kind" label={t('meetings.kind')} style={{ marginBottom: 0 }}>
                  <Select style={{ width: 200 }} options={KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))} />
                </Form.Item>
                {current ? (
                  <Button onClick={() => form.setFieldValue('subject', t('meetings.subjectFor', { title: current.title }))} style={{ marginTop: 30 }}>
                    {t('meetings.fillFromCurrent')}
                  </Button>
                ) : null}
                <Button type="primary" htmlType="submit" loading={busy === 'create'} style={{ marginTop: 30 }}>
                  {t('meetings.newPoll')}
                </Button>
              </Space>
            </Form>
          </Card>
          {polls.length === 0 ? <Typography.Text type="secondary">{t('meetings.noPolls')}</Typography.Text> : null}
          <Space orientation="vertical" style={{ width: '100%' }}>
            {[...polls].reverse().map((p) => (
              <PollCard key={p.id} poll={p} meeting={meeting} busy={busy} act={act} />
            ))}
          </Space>
        </Col>
      </Row>
    </>
  );
}

function PollCard({ poll, meeting, busy, act }: { poll: Poll; meeting: MeetingDetail; busy: string | null; act: (key: string, fn: () => Promise<unknown>, done?: string) => Promise<void> }) {
  const { t } = useTranslation();
  const counted = poll.status === 'closed' || poll.status === 'announced';
  // The numbers exist from the close on (R-V8); the presiding person reads them before announcing.
  const result = useLoader(() => (counted ? pollsApi.result(poll.id) : Promise.resolve(undefined)), [poll.id, poll.status]);
  const color = { draft: 'default', open: 'green', closed: 'orange', announced: 'blue' }[poll.status];
  return (
    <Card size="small" data-testid="poll-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag color={color}>{t(`meetings.pollStates.${poll.status}`)}</Tag>
          <Tag>{t(`meetings.kinds.${poll.kind}`)}</Tag>
          {poll.votedCount !== null && poll.status !== 'draft' ? <span data-testid="poll-voted">{t('meetings.votedCount', { count: poll.votedCount })}</span> : null}
        </Space>
        <Typography.Text strong>{poll.subject}</Typography.Text>
        {poll.candidates.length > 0 && !counted ? (
          <Typography.Text type="secondary">{poll.candidates.map((c) => `${c.name}（${c.actZh}${c.post}）`).join('；')}</Typography.Text>
        ) : null}
        <TellerPanel poll={poll} meeting={meeting} act={act} busy={busy} />
        {counted && result.data ? (
          <>
            <ResultSummary result={result.data} />
            <Typography.Text type="secondary">{t('meetings.needed', { count: result.data.required, members: result.data.members })}</Typography.Text>
          </>
        ) : null}
        <Space wrap>
          {poll.status === 'draft' ? (
            <Button type="primary" loading={busy === `open-${poll.id}`} onClick={() => void act(`open-${poll.id}`, () => pollsApi.open(poll.id))}>
              {t('meetings.openPoll')}
            </Button>
          ) : null}
          {poll.status === 'open' ? (
            <Popconfirm title={t('meetings.confirmClose')} onConfirm={() => void act(`close-${poll.id}`, () => pollsApi.close(poll.id))}>
              <Button danger loading={busy === `close-${poll.id}`}>
                {t('meetings.closePoll')}
              </Button>
            </Popconfirm>
          ) : null}
          {poll.status === 'closed' ? (
            <Button type="primary" loading={busy === `announce-${poll.id}`} onClick={() => void act(`announce-${poll.id}`, () => pollsApi.announce(poll.id))}>
              {t('meetings.announcePoll')}
            </Button>
          ) : null}
        </Space>
      </Space>
    </Card>
  );
}

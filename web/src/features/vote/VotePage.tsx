// A member on a phone (journey 2): the agenda with the current item, and when a poll opens one
// large question with 赞成 / 反对 / 弃权, a confirmation, then "已投票" — never what others chose.
// The result appears once the presiding person has announced it.
import { App, Alert, Button, Card, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { FullPageSpin, LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type Choice, type Poll, pollsApi } from '../meetings/meetingsApi.ts';
import { AgendaList, ResultSummary } from '../meetings/parts.tsx';
import { useMeetingLive } from '../meetings/useMeetingLive.ts';
import { MemberPanels } from './MemberPanels.tsx';

const CHOICES: Choice[] = ['yes', 'no', 'abstain'];

export function VotePage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const { congress } = useCurrent();
  const m = useMeetingLive(congress.id, meetingId);
  const [justVoted, setJustVoted] = useState<ReadonlySet<string>>(new Set());

  if (m.meeting.error && !m.meeting.data) return <LoadError error={m.meeting.error} onRetry={m.meeting.reload} />;
  const meeting = m.meeting.data;
  if (!meeting) return <FullPageSpin />;
  const current = meeting.agendaItems.find((i) => i.id === meeting.currentAgendaItemId);
  const poll = m.focus;
  const voted = poll ? poll.hasVoted === true || justVoted.has(poll.id) : false;

  return (
    <div className="vote-page" data-testid="vote-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {meeting.shortTitle || meeting.title}
      </Typography.Title>
      {m.live === 'offline' ? <Alert type="warning" showIcon title={t('meetings.liveOffline')} style={{ marginBottom: 12 }} /> : null}
      <Card size="small" style={{ marginBottom: 16 }} data-testid="vote-card">
        {poll?.status === 'open' ? (
          voted ? (
            <Voted enteredBy={poll.myVote?.channel === 'teller' ? (poll.myVote.enteredBy ?? '') : null} />
          ) : poll.hasVoted === null ? (
            <div data-testid="vote-not-member">
              <div className="vote-question">{poll.subject}</div>
              <Typography.Text type="secondary">{t('vote.notMember')}</Typography.Text>
            </div>
          ) : (
            <Ballot poll={poll} onVoted={() => {
              setJustVoted((s) => new Set([...s, poll.id]));
              m.polls.reload();
            }} />
          )
        ) : poll?.status === 'announced' && m.result ? (
          <div data-testid="vote-result">
            <Typography.Text type="secondary">{t('vote.result')}</Typography.Text>
            <div className="vote-question">{poll.subject}</div>
            <ResultSummary result={m.result} />
          </div>
        ) : poll?.status === 'closed' && voted ? (
          <Typography.Paragraph style={{ margin: 0 }}>{t('vote.closedWaiting')}</Typography.Paragraph>
        ) : (
          <div data-testid="vote-idle">
            <Typography.Text strong>{t('vote.noPoll')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('vote.waiting')}
            </Typography.Paragraph>
          </div>
        )}
      </Card>
      {current ? (
        <Typography.Paragraph>
          <Tag color="red">{t('vote.current')}</Tag>
          {current.title}
        </Typography.Paragraph>
      ) : null}
      <Typography.Title level={5}>{t('vote.agenda')}</Typography.Title>
      <AgendaList items={meeting.agendaItems} currentId={meeting.currentAgendaItemId} />
      <div style={{ marginTop: 16 }}>
        <MemberPanels meeting={meeting} m={m} />
      </div>
    </div>
  );
}

/** "已投票" — and, when a teller entered the vote in the member's name (R-V4), who did: the member can object at once. */
function Voted({ enteredBy }: { enteredBy: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="vote-done" data-testid="vote-done" role="status">
      <div className="vote-done-mark">{t('vote.voted')}</div>
      {enteredBy !== null ? (
        <Alert type="warning" showIcon data-testid="vote-teller-entry" style={{ margin: '8px 0' }} title={t('vote.enteredByTeller', { name: enteredBy })} />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('vote.votedHint')}
      </Typography.Paragraph>
    </div>
  );
}

/** One question (three large buttons) or a per-person ballot (a row of choices per nominee); then a confirmation. */
function Ballot({ poll, onVoted }: { poll: Poll; onVoted: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const perPerson = poll.perPerson && !poll.enBloc && poll.candidates.length > 0;
  const [single, setSingle] = useState<Choice | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const label = (c: Choice) => t(`meetings.${c}`);

  const submit = async () => {
    setBusy(true);
    try {
      if (perPerson) await pollsApi.cast(poll.id, { choices: poll.candidates.map((c) => ({ candidateId: c.id, choice: choices[c.id] ?? 'abstain' })) });
      else if (single) await pollsApi.cast(poll.id, { choice: single });
      onVoted();
    } catch (e) {
      void message.error(errorText(e));
      setConfirming(false);
      setSingle(null);
    } finally {
      setBusy(false);
    }
  };

  if (confirming) {
    return (
      <div data-testid="vote-confirm">
        <Typography.Text type="secondary">{t('vote.confirmTitle')}</Typography.Text>
        <div className="vote-question">{poll.subject}</div>
        {perPerson ? (
          <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
            {poll.candidates.map((c) => (
              <div key={c.id}>
                <Typography.Text strong>{c.name}</Typography.Text>
                {`（${c.actZh}${c.post}）：`}
                <Typography.Text strong>{label(choices[c.id] ?? 'abstain')}</Typography.Text>
              </div>
            ))}
          </Space>
        ) : (
          <div className="vote-confirm-choice">{single ? label(single) : null}</div>
        )}
        <div className="vote-buttons">
          <Button type="primary" size="large" loading={busy} onClick={() => void submit()} data-testid="vote-confirm-button">
            {t('vote.confirm')}
          </Button>
          <Button size="large" disabled={busy} onClick={() => setConfirming(false)}>
            {t('vote.change')}
          </Button>
        </div>
      </div>
    );
  }

  if (perPerson) {
    const complete = poll.candidates.every((c) => choices[c.id] !== undefined);
    return (
      <div data-testid="vote-ballot">
        <Typography.Text type="secondary">{t('vote.question')}</Typography.Text>
        <div className="vote-question">{poll.subject}</div>
        {poll.candidates.map((c) => (
          <div key={c.id} className="nominee-row" data-testid="nominee-row">
            <Typography.Text strong style={{ fontSize: 18 }}>
              {c.name}
            </Typography.Text>
            <Typography.Text type="secondary">{`　${c.actZh}${c.post}`}</Typography.Text>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={choices[c.id]}
              onChange={(e) => setChoices((s) => ({ ...s, [c.id]: e.target.value as Choice }))}
              options={CHOICES.map((x) => ({ value: x, label: label(x) }))}
            />
          </div>
        ))}
        <Button type="primary" size="large" block disabled={!complete} onClick={() => setConfirming(true)} style={{ marginTop: 16, height: 56, fontSize: 20 }}>
          {complete ? t('vote.submit') : t('vote.chooseAll')}
        </Button>
      </div>
    );
  }

  return (
    <div data-testid="vote-ballot">
      <Typography.Text type="secondary">{t('vote.question')}</Typography.Text>
      <div className="vote-question" data-testid="vote-question">
        {poll.subject}
      </div>
      <div className="vote-buttons">
        {CHOICES.map((c) => (
          <Button
            key={c}
            size="large"
            className={`vote-choice-${c}`}
            data-testid={`vote-${c}`}
            onClick={() => {
              setSingle(c);
              setConfirming(true);
            }}
          >
            {label(c)}
          </Button>
        ))}
      </div>
    </div>
  );
}

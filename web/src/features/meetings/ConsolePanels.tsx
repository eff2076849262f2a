// Panels of the presiding console (journey 3): the speaker queue with ad-hoc requests, order and a
// timer; personnel polls from the meeting's personnel list;
// the presiding script (主持词) with the live numbers; the hall's sign-in QR code.
import { App, Button, Card, Empty, Radio, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { type MeetingDetail, type Poll, type Speaker, meetingsApi, pollsApi } from './meetingsApi.ts';

type Act = (key: string, fn: () => Promise<unknown>, done?: string) => Promise<void>;

const mmss = (s: number): string => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

/** Elapsed seconds of a running speech, ticking on the client from the server's figure. */
function useElapsed(speaker: Speaker | undefined, fetchedAt: number): number | null {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (speaker?.status !== 'speaking') return;
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, [speaker?.status, speaker?.id]);
  if (!speaker || speaker.elapsedSeconds === null) return null;
  return speaker.status === 'speaking' ? speaker.elapsedSeconds + Math.max(0, Math.floor((now - fetchedAt) / 1000)) : speaker.elapsedSeconds;
}

export function SpeakersCard({ meeting, tick, act, busy }: { meeting: MeetingDetail; tick: number; act: Act; busy: string | null }) {
  const { t } = useTranslation();
  const itemId = meeting.currentAgendaItemId;
  const queue = useLoader(async () => ({ q: itemId ? await meetingsApi.speakers(meeting.id, itemId) : null, at: Date.now() }), [meeting.id, itemId, tick]);
  const speakers = queue.data?.q?.speakers ?? [];
  const pending = speakers.filter((s) => s.status === 'pending');
  const queued = speakers.filter((s) => s.status === 'queued').sort((a, b) => a.position - b.position);
  const speaking = speakers.find((s) => s.status === 'speaking');
  const done = speakers.filter((s) => s.status === 'done');
  const elapsed = useElapsed(speaking, queue.data?.at ?? Date.now());
  const run = (key: string, fn: () => Promise<unknown>) => void act(key, fn).then(queue.reload);

  const move = (index: number, by: number) => {
    const order = queued.map((s) => s.id);
    const [x] = order.splice(index, 1);
    if (x === undefined || !itemId) return;
    order.splice(index + by, 0, x);
    run(`order-${x}`, () => meetingsApi.orderSpeakers(meeting.id, itemId, order));
  };

  return (
    <Card size="small" title={t('meetingWork.speakers')} style={{ marginBottom: 16 }} data-testid="speakers-card">
      {!itemId ? (
        <Typography.Text type="secondary">{t('meetingWork.noCurrentItem')}</Typography.Text>
      ) : speakers.length === 0 ? (
        <Typography.Text type="secondary">{t('meetingWork.noSpeakers')}</Typography.Text>
      ) : null}
      {speaking ? (
        <div className="speaker-row" data-testid="speaker-speaking">
          <Tag color="green">{t('meetingWork.speakerStates.speaking')}</Tag>
          <b>{speaking.name}</b>
          <span className={`speaker-timer${speaking.limitSeconds !== null && (elapsed ?? 0) > speaking.limitSeconds ? ' overrun' : ''}`} data-testid="speaker-timer">
            {mmss(elapsed ?? 0)}
            {speaking.limitSeconds !== null ? ` / ${mmss(speaking.limitSeconds)}` : ''}
          </span>
          <Button size="small" danger loading={busy === `stop-${speaking.id}`} onClick={() => run(`stop-${speaking.id}`, () => meetingsApi.stopSpeech(meeting.id, speaking.id))}>
            {t('meetingWork.stopSpeech')}
          </Button>
        </div>
      ) : null}
      {pending.map((s) => (
        <div key={s.id} className="speaker-row" data-testid="speaker-pending">
          <Tag color="gold">{t('meetingWork.adhoc')}</Tag>
          <span>{s.name}</span>
          <Button size="small" type="primary" loading={busy === `approve-${s.id}`} onClick={() => run(`approve-${s.id}`, () => meetingsApi.decideSpeaker(meeting.id, s.id, true))}>
            {t('meetingWork.consent')}
          </Button>
          <Button size="small" loading={busy === `refuse-${s.id}`} onClick={() => run(`refuse-${s.id}`, () => meetingsApi.decideSpeaker(meeting.id, s.id, false))}>
            {t('meetingWork.refuse')}
          </Button>
        </div>
      ))}
      {queued.map((s, i) => (
        <div key={s.id} className="speaker-row" data-testid="speaker-queued">
          <span>{i + 1}.</span>
          <span>{s.name}</span>
          {s.kind === 'adhoc' ? <Tag>{t('meetingWork.adhoc')}</Tag> : null}
          <Button size="small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('meetingWork.up')}>
            ↑
          </Button>
          <Button size="small" disabled={i === queued.length - 1} onClick={() => move(i, 1)} aria-label={t('meetingWork.down')}>
            ↓
          </Button>
          {!speaking ? (
            <Button size="small" type="primary" loading={busy === `start-${s.id}`} onClick={() => run(`start-${s.id}`, () => meetingsApi.startSpeech(meeting.id, s.id))}>
              {t('meetingWork.startSpeech')}
            </Button>
          ) : null}
        </div>
      ))}
      {done.length > 0 ? (
        <Typography.Text type="secondary">{t('meetingWork.spoken', { names: done.map((s) => s.name).join('、') })}</Typography.Text>
      ) : null}
    </Card>
  );
}


/** Personnel votes from the meeting's personnel list: one poll per nominee, or one ballot with a choice per nominee (R-V5). */
export function PersonnelPolls({ meeting, polls, act, busy }: { meeting: MeetingDetail; polls: Poll[]; act: Act; busy: string | null }) {
  const { t } = useTranslation();
  const list = useLoader(() => meetingsApi.personnel(meeting.id), [meeting.id]);
  const [mode, setMode] = useState<'each' | 'ballot'>('each');
  const [itemId, setItemId] = useState<string | undefined>(undefined);
  const itemIds = [...new Set((list.data ?? []).map((p) => p.agendaItemId ?? ''))];
  const chosen = (list.data ?? []).filter((p) => (itemId === undefined ? true : (p.agendaItemId ?? '') === itemId));
  if (!list.data || list.data.length === 0) return null;
  const already = new Set(polls.flatMap((p) => p.candidates.map((c) => `${c.name}|${c.act}|${c.post}`)));
  const fresh = chosen.filter((p) => !already.has(`${p.personName}|${p.act}|${p.post}`));
  const titleOf = new Map(meeting.agendaItems.map((i) => [i.id, `${i.position}. ${i.title}`]));

  const create = () =>
    act(
      'personnel',
      async () => {
        const cand = (p: (typeof fresh)[number]) => (p.personId ? { personId: p.personId, act: p.act, post: p.post } : { name: p.personName, act: p.act, post: p.post });
        if (mode === 'each') {
          for (const p of fresh) {
            await pollsApi.create({ meetingId: meeting.id, agendaItemId: p.agendaItemId, subject: `${p.actZh}${p.personName}${p.post}`, kind: 'secret', candidates: [cand(p)] });
          }
        } else {
          await pollsApi.create({ meetingId: meeting.id, agendaItemId: fresh[0]?.agendaItemId ?? null, subject: t('meetingWork.personnelBallot'), kind: 'secret', candidates: fresh.map(cand) });
        }
      },
      t('meetingWork.personnelCreated', { count: mode === 'each' ? fresh.length : 1 }),
    );

  return (
    <Card size="small" title={t('meetingWork.personnel')} style={{ marginBottom: 16 }} data-testid="personnel-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('meetingWork.allPersonnel')}
          value={itemId}
          onChange={(v: string | undefined) => setItemId(v)}
          options={itemIds.map((id) => ({ value: id, label: titleOf.get(id) ?? t('meetingWork.noItem') }))}
        />
        <Typography.Text type="secondary">{t('meetingWork.personnelCount', { count: chosen.length, fresh: fresh.length })}</Typography.Text>
        <Radio.Group
          value={mode}
          onChange={(e) => setMode(e.target.value as 'each' | 'ballot')}
          options={[
            { value: 'each', label: t('meetingWork.pollPerNominee') },
            { value: 'ballot', label: t('meetingWork.ballotPerNominee') },
          ]}
        />
        <Button type="primary" disabled={fresh.length === 0} loading={busy === 'personnel'} onClick={() => void create()}>
          {t('meetingWork.createPersonnelPolls')}
        </Button>
      </Space>
    </Card>
  );
}

export function ScriptCard({ meeting, version }: { meeting: MeetingDetail; version: string }) {
  const { t } = useTranslation();
  const script = useLoader(() => meetingsApi.script(meeting.id), [meeting.id, version]);
  const [all, setAll] = useState(false);
  const lines = script.data?.lines ?? [];
  const hasCurrent = lines.some((l) => l.current);
  // By default: the address and the quorum, then what belongs to the current item.
  const shown = all || !hasCurrent ? lines : lines.filter((l, i) => i < 2 || l.current);
  return (
    <Card
      size="small"
      title={t('meetingWork.script')}
      style={{ marginBottom: 16 }}
      data-testid="script-card"
      extra={
        <Space>
          <Button size="small" onClick={() => setAll((x) => !x)}>
            {all ? t('meetingWork.scriptCurrent') : t('meetingWork.scriptAll')}
          </Button>
          <Button size="small" onClick={script.reload}>
            {t('meetingWork.refresh')}
          </Button>
        </Space>
      }
    >
      {lines.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      <ol className="script-lines" data-testid="script">
        {shown.map((l, i) => (
          <li key={i} className={`kind-${l.kind}${l.current ? ' is-current' : ''}`} data-testid={`script-${l.kind}`}>
            {l.text}
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function CheckInQr({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const link = useLoader(() => (shown ? meetingsApi.checkInLink(meeting.id) : Promise.resolve(null)), [meeting.id, shown]);
  const errorText = useErrorText();
  const { message } = App.useApp();
  useEffect(() => {
    if (link.error) void message.error(errorText(link.error));
  }, [link.error]);
  if (meeting.state !== 'notified' && meeting.state !== 'in_session') return null;
  return (
    <Card size="small" title={t('meetingWork.checkInQr')} style={{ marginBottom: 16 }}>
      {!shown ? (
        <Button onClick={() => setShown(true)}>{t('meetingWork.showQr')}</Button>
      ) : link.data ? (
        <Space orientation="vertical" align="center" style={{ width: '100%' }}>
          <img src={`data:image/svg+xml;utf8,${encodeURIComponent(link.data.qrSvg)}`} alt={link.data.url} width={240} height={240} data-testid="check-in-qr" />
          <Typography.Text copyable data-testid="check-in-url" style={{ wordBreak: 'break-all' }}>
            {link.data.url}
          </Typography.Text>
          <Typography.Text>
            {t('meetingWork.code')}：<b>{link.data.code}</b>
          </Typography.Text>
        </Space>
      ) : null}
    </Card>
  );
}

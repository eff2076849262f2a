// The rest of a member's phone (journey 2): the notice, the documents to read, signing in or asking
// leave, and registering to speak on an item. Each panel refetches when the live channel says its
// topic changed.
import { App, Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type MeetingDetail, meetingsApi } from '../meetings/meetingsApi.ts';
import type { MeetingLive } from '../meetings/useMeetingLive.ts';

const LEAVE_COLOR = { pending: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default' } as const;
const SPEAKER_COLOR = { queued: 'blue', pending: 'gold', rejected: 'red', speaking: 'green', done: 'default', withdrawn: 'default' } as const;

export function MemberPanels({ meeting, m }: { meeting: MeetingDetail; m: MeetingLive }) {
  return (
    <>
      <NoticeCard meeting={meeting} />
      <DocumentsCard meeting={meeting} tick={m.ticks.meeting} />
      <AttendanceCard meeting={meeting} tick={m.ticks.attendance} />
      <SpeakCard meeting={meeting} tick={m.ticks.speakers} />
    </>
  );
}

function NoticeCard({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('meetingWork.notice')} style={{ marginBottom: 16 }} data-testid="member-notice">
      <Space orientation="vertical" size={4}>
        <Typography.Text strong>{meeting.title}</Typography.Text>
        <span>
          {t('meetingWork.when')}：{meeting.date}
          {meeting.endDate && meeting.endDate !== meeting.date ? ` — ${meeting.endDate}` : ''}
        </span>
        {meeting.place ? (
          <span>
            {t('meetingWork.place')}：{meeting.place}
          </span>
        ) : null}
        {meeting.schedule.map((e, i) => (
          <span key={i} className="schedule-line">
            {e.date} {e.time ?? ''} {e.text}
          </span>
        ))}
        {meeting.attendeeScope ? <Typography.Text type="secondary">{meeting.attendeeScope}</Typography.Text> : null}
      </Space>
    </Card>
  );
}

function DocumentsCard({ meeting, tick }: { meeting: MeetingDetail; tick: number }) {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const docs = useLoader(() => meetingsApi.documents(meeting.id), [meeting.id, tick]);
  const items = new Map(meeting.agendaItems.map((i) => [i.id, i]));
  return (
    <Card size="small" title={t('meetingWork.documents')} style={{ marginBottom: 16 }} data-testid="member-documents">
      <List
        size="small"
        loading={docs.loading && !docs.data}
        dataSource={docs.data ?? []}
        locale={{ emptyText: t('meetingWork.noDocuments') }}
        renderItem={(d) => {
          const item = d.agendaItemId ? items.get(d.agendaItemId) : undefined;
          return (
            <List.Item data-testid="member-document">
              <Link to={`/app/${congress.slug}/meetings/${meeting.id}/documents/${d.id}`} style={{ fontSize: 16 }}>
                {d.title}
              </Link>
              <div>
                {item ? <Typography.Text type="secondary">{t('meetingWork.itemNo', { n: item.position })} </Typography.Text> : null}
                {d.opened ? <Tag>{t('meetingWork.read')}</Tag> : <Tag color="blue">{t('meetingWork.unread')}</Tag>}
              </div>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

function AttendanceCard({ meeting, tick }: { meeting: MeetingDetail; tick: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { user } = useCurrent();
  const mine = useLoader(async () => {
    const [rows, leave] = await Promise.all([meetingsApi.attendance(meeting.id), meetingsApi.leaveRequests(meeting.id)]);
    return { me: rows.find((r) => r.personId === user.personId), leave: leave.filter((l) => l.personId === user.personId) };
  }, [meeting.id, tick, user.personId]);
  const [busy, setBusy] = useState<string | null>(null);
  const [leaveForm] = Form.useForm<{ reason: string }>();
  const [codeForm] = Form.useForm<{ code: string }>();
  if (!user.personId) return null;
  const me = mine.data?.me;
  const pending = (mine.data?.leave ?? []).find((l) => l.status === 'pending');
  const open = meeting.state !== 'closed' && meeting.state !== 'draft';

  const run = async (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await fn();
      void message.success(done);
      mine.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('meetingWork.attendance')} style={{ marginBottom: 16 }} data-testid="member-attendance">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div data-testid="my-attendance">
          {t('meetingWork.myStatus')}：
          <Tag color={me?.status === 'present' ? 'green' : me?.status === 'leave' ? 'gold' : 'default'}>{t(`meetingWork.attendanceStates.${me?.status ?? 'not_recorded'}`)}</Tag>
        </div>
        {(mine.data?.leave ?? []).map((l) => (
          <div key={l.id} data-testid="my-leave">
            <Tag color={LEAVE_COLOR[l.status]}>{t(`meetingWork.leaveStates.${l.status}`)}</Tag>
            {l.reason}
            {l.decidedByName ? <Typography.Text type="secondary">{` （${l.decidedByName}）`}</Typography.Text> : null}
            {l.status === 'pending' ? (
              <Button size="small" type="link" loading={busy === 'withdraw'} onClick={() => void run('withdraw', () => meetingsApi.withdrawLeave(meeting.id, l.id), t('meetingWork.leaveWithdrawn'))}>
                {t('meetingWork.withdraw')}
              </Button>
            ) : null}
          </div>
        ))}
        {open && me?.status !== 'present' ? (
          <Form form={codeForm} layout="inline" onFinish={(v) => void run('checkin', () => meetingsApi.checkIn(meeting.id, v.code), t('meetingWork.checkedIn'))}>
            <Form.Item name="code" rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1, marginInlineEnd: 8 }}>
              <Input placeholder={t('meetingWork.codePlaceholder')} autoComplete="off" />
            </Form.Item>
            <Button htmlType="submit" loading={busy === 'checkin'}>
              {t('meetingWork.checkIn')}
            </Button>
          </Form>
        ) : null}
        {open && me?.status !== 'present' && me?.status !== 'leave' && !pending ? (
          <Form
            form={leaveForm}
            layout="vertical"
            onFinish={(v) =>
              void run(
                'leave',
                async () => {
                  await meetingsApi.requestLeave(meeting.id, { reason: v.reason });
                  leaveForm.resetFields();
                },
                t('meetingWork.leaveSent'),
              )
            }
          >
            <Form.Item name="reason" label={t('meetingWork.leaveReason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="leave-reason" />
            </Form.Item>
            <Button htmlType="submit" block loading={busy === 'leave'}>
              {t('meetingWork.askLeave')}
            </Button>
          </Form>
        ) : null}
      </Space>
    </Card>
  );
}

function SpeakCard({ meeting, tick }: { meeting: MeetingDetail; tick: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { user } = useCurrent();
  const queue = useLoader(() => meetingsApi.speakers(meeting.id), [meeting.id, tick]);
  const items = meeting.agendaItems.filter((i) => i.status !== 'removed');
  const [itemId, setItemId] = useState<string | undefined>(meeting.currentAgendaItemId ?? undefined);
  const [busy, setBusy] = useState<string | null>(null);
  if (!user.personId || meeting.state === 'closed') return null;
  const mine = (queue.data?.speakers ?? []).filter((s) => s.personId === user.personId && s.status !== 'withdrawn');
  const titleOf = new Map(items.map((i) => [i.id, `${i.position}. ${i.title}`]));

  const run = async (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await fn();
      void message.success(done);
      queue.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('meetingWork.speak')} style={{ marginBottom: 16 }} data-testid="member-speak">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          value={itemId}
          onChange={setItemId}
          placeholder={t('meetingWork.chooseItem')}
          style={{ width: '100%' }}
          data-testid="speak-item"
          options={items.map((i) => ({ value: i.id, label: `${i.position}. ${i.title}` }))}
          popupMatchSelectWidth
        />
        <Button block type="primary" disabled={!itemId} loading={busy === 'register'} onClick={() => itemId && void run('register', () => meetingsApi.registerSpeaker(meeting.id, itemId), t('meetingWork.speakSent'))}>
          {t('meetingWork.registerSpeak')}
        </Button>
        {mine.map((s) => (
          <div key={s.id} data-testid="my-speech">
            <Tag color={SPEAKER_COLOR[s.status]}>{t(`meetingWork.speakerStates.${s.status}`)}</Tag>
            {titleOf.get(s.agendaItemId) ?? ''}
            {s.status === 'queued' || s.status === 'pending' ? (
              <Button size="small" type="link" loading={busy === s.id} onClick={() => void run(s.id, () => meetingsApi.withdrawSpeaker(meeting.id, s.id), t('meetingWork.speakWithdrawn'))}>
                {t('meetingWork.withdraw')}
              </Button>
            ) : null}
          </div>
        ))}
      </Space>
    </Card>
  );
}

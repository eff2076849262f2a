// The clerk prepares a meeting (journey 1): create it; the chairperson's council fixes the date,
// agenda, schedule and attendee scope; documents attached per item; the notice sent (with the
// seven-day warning when late); leave requests recorded, each decided by the presiding person; then
// the attendance report. Each step is the API's; the page shows the rule-cited warnings it returns.
import { App, Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, List, Popconfirm, Row, Select, Space, Steps, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { FullPageSpin, LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type AgendaItemKind, type MeetingDetail, type MeetingKind, type RuleWarning, meetingsApi } from './meetingsApi.ts';
import { useMeetingLive } from './useMeetingLive.ts';

const ITEM_KINDS: AgendaItemKind[] = ['bill', 'report', 'briefing', 'resolution', 'personnel', 'other'];
const MEETING_KINDS: MeetingKind[] = ['regular', 'special', 'chairpersons_council', 'committee'];
const STEP: Record<MeetingDetail['state'], number> = { draft: 0, scheduled: 1, notified: 2, in_session: 3, closed: 4 };

function Warnings({ warnings }: { warnings: readonly RuleWarning[] }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <>
      {warnings.map((w) => (
        <Alert key={w.code} type="warning" showIcon style={{ marginBottom: 8 }} data-testid="rule-warning" title={`${en ? w.message_en : w.message_zh}（${w.rule}）`} />
      ))}
    </>
  );
}

/** /meetings/new: the first step. */
export function NewMeetingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  return (
    <>
      <PageTitle title={t('meetingWork.newMeeting')} />
      <Card style={{ maxWidth: 640 }}>
        <Form
          layout="vertical"
          initialValues={{ kind: 'regular' }}
          onFinish={(v: { kind: MeetingKind; date: dayjs.Dayjs; place?: string; title?: string }) => {
            setBusy(true);
            meetingsApi
              .create({ congressId: congress.id, kind: v.kind, date: v.date.format('YYYY-MM-DD'), ...(v.place ? { place: v.place } : {}), ...(v.title ? { title: v.title } : {}) })
              .then(
                (m) => {
                  void message.success(t('meetingWork.created', { title: m.title }));
                  void navigate(`/app/${congress.slug}/meetings/${m.id}/prepare`);
                },
                (e: unknown) => void message.error(errorText(e)),
              )
              .finally(() => setBusy(false));
          }}
        >
          <Form.Item name="kind" label={t('meetingWork.meetingKind')}>
            <Select options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetingWork.meetingKinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="date" label={t('meetings.date')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="meeting-date" />
          </Form.Item>
          <Form.Item name="place" label={t('meetingWork.place')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="title" label={t('meetingWork.titleOptional')} extra={t('meetingWork.titleHint')}>
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('meetingWork.create')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

/** /meetings/:meetingId/prepare */
export function MeetingPrepare() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { meetingId = '' } = useParams();
  const { congress, user, roles } = useCurrent();
  const m = useMeetingLive(congress.id, meetingId);
  const members = useLoader(() => api.members.list(congress.id), [congress.id]);
  const docs = useLoader(() => meetingsApi.documents(meetingId), [meetingId, m.ticks.meeting]);
  const leave = useLoader(() => meetingsApi.leaveRequests(meetingId), [meetingId, m.ticks.attendance]);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<RuleWarning[] | null>(null);
  const [itemForm] = Form.useForm();
  const [leaveForm] = Form.useForm<{ personId: string; reason: string }>();
  const [docItem, setDocItem] = useState<string | undefined>();
  const fileRef = useRef<HTMLInputElement>(null);

  const act = async (key: string, fn: () => Promise<unknown>, done?: string) => {
    setBusy(key);
    try {
      await fn();
      if (done) void message.success(done);
      m.reloadAll();
      docs.reload();
      leave.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  if (m.meeting.error && !m.meeting.data) return <LoadError error={m.meeting.error} onRetry={m.meeting.reload} />;
  const meeting = m.meeting.data;
  if (!meeting) return <FullPageSpin />;
  const items = meeting.agendaItems.filter((i) => i.status !== 'removed');
  const editable = meeting.state === 'draft' || meeting.state === 'scheduled';
  const memberOptions = (members.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.roleZh}）` }));
  // R-M6: before the meeting the presiding person decides leave, during it the secretary-general; the server checks which.
  const mayDecide = user.personId !== null && (meeting.state === 'in_session' ? roles.includes('chair') : user.personId === meeting.presidingPersonId);

  return (
    <>
      <PageTitle
        title={meeting.title}
        intro={
          <Space wrap size={4}>
            <Tag>{t(`meetings.states.${meeting.state}`)}</Tag>
            <span>{meeting.date}</span>
            {meeting.place ? <span>{meeting.place}</span> : null}
          </Space>
        }
        extra={
          <Space wrap>
            <Link to={`/app/${congress.slug}/meetings/${meeting.id}`}>
              <Button>{t('meetings.console')}</Button>
            </Link>
            <Link to={`/app/${congress.slug}/meetings/${meeting.id}/report`}>
              <Button>{t('meetingWork.report')}</Button>
            </Link>
          </Space>
        }
      />
      <Steps
        size="small"
        current={STEP[meeting.state]}
        style={{ marginBottom: 16 }}
        items={(['draft', 'scheduled', 'notified', 'in_session', 'closed'] as const).map((s) => ({ title: t(`meetings.states.${s}`) }))}
      />
      <Warnings warnings={meeting.warnings} />
      {notice ? (
        <Alert
          type={notice.length ? 'warning' : 'success'}
          showIcon
          closable={{ onClose: () => setNotice(null) }}
          style={{ marginBottom: 16 }}
          data-testid="notice-result"
          title={t('meetingWork.noticeSent')}
          description={notice.length ? <Warnings warnings={notice} /> : null}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('meetingWork.presiding')} style={{ marginBottom: 16 }}>
            <Select
              style={{ width: '100%' }}
              placeholder={t('meetingWork.choosePresiding')}
              value={meeting.presidingPersonId ?? undefined}
              options={memberOptions.filter((o) => (members.data ?? []).some((p) => p.id === o.value && p.role !== 'member'))}
              onChange={(v: string) => void act('presiding', () => meetingsApi.setPresiding(meeting.id, v), t('meetingWork.saved'))}
              data-testid="presiding-select"
            />
          </Card>
          <Card size="small" title={t('meetings.agenda')} style={{ marginBottom: 16 }} data-testid="prepare-agenda">
            <List
              size="small"
              dataSource={items}
              locale={{ emptyText: t('meetingWork.noItems') }}
              renderItem={(i) => (
                <List.Item
                  extra={
                    editable ? (
                      <Popconfirm title={t('meetingWork.confirmRemove')} onConfirm={() => void act(`rm-${i.id}`, () => meetingsApi.removeItem(meeting.id, i.id))}>
                        <Button size="small" type="link" danger>
                          {t('meetingWork.remove')}
                        </Button>
                      </Popconfirm>
                    ) : null
                  }
                >
                  <span>
                    {i.position}. {i.title} <Tag>{t(`meetingWork.itemKinds.${i.kind}`)}</Tag>
                    {i.presenter ? <Typography.Text type="secondary">{`${i.presenterPost ?? ''}${i.presenter}`}</Typography.Text> : null}
                  </span>
                </List.Item>
              )}
            />
            {editable ? (
              <Form
                form={itemForm}
                layout="vertical"
                initialValues={{ kind: 'bill', isPublic: true }}
                style={{ marginTop: 12 }}
                onFinish={(v: { kind: AgendaItemKind; title: string; presenter?: string; presenterPost?: string; isPublic: boolean }) =>
                  void act('item', async () => {
                    await meetingsApi.addItem(meeting.id, { kind: v.kind, title: v.title, isPublic: v.isPublic, ...(v.presenter ? { presenter: v.presenter } : {}), ...(v.presenterPost ? { presenterPost: v.presenterPost } : {}) });
                    itemForm.resetFields();
                  })
                }
              >
                <Form.Item name="title" label={t('meetingWork.itemTitle')} rules={[{ required: true, message: t('common.required') }]}>
                  <Input maxLength={300} data-testid="item-title" />
                </Form.Item>
                <Space wrap>
                  <Form.Item name="kind" label={t('meetings.kind')}>
                    <Select style={{ width: 140 }} options={ITEM_KINDS.map((k) => ({ value: k, label: t(`meetingWork.itemKinds.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name="presenterPost" label={t('meetingWork.presenterPost')}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item name="presenter" label={t('meetingWork.presenter')}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name="isPublic" valuePropName="checked" label=" ">
                    <Checkbox>{t('meetingWork.public')}</Checkbox>
                  </Form.Item>
                </Space>
                <Button htmlType="submit" loading={busy === 'item'}>
                  {t('meetingWork.addItem')}
                </Button>
              </Form>
            ) : null}
          </Card>
          <Card size="small" title={t('meetingWork.council')} style={{ marginBottom: 16 }} data-testid="council-card">
            {meeting.state === 'draft' ? (
              <Form
                layout="vertical"
                initialValues={{ videoAllowed: false }}
                onFinish={(v: { councilDate: dayjs.Dayjs; schedule?: string; attendeeScope?: string; videoAllowed: boolean }) =>
                  void act(
                    'schedule',
                    () =>
                      meetingsApi.schedule(meeting.id, {
                        councilDate: v.councilDate.format('YYYY-MM-DD'),
                        videoAllowed: v.videoAllowed,
                        ...(v.attendeeScope ? { attendeeScope: v.attendeeScope } : {}),
                        schedule: (v.schedule ?? '')
                          .split('\n')
                          .map((l) => l.trim())
                          .filter(Boolean)
                          .map((l) => {
                            const [date = '', time, ...rest] = l.split(/\s+/);
                            const hasTime = time !== undefined && /^\d{1,2}:\d{2}$/.test(time);
                            return { date, ...(hasTime ? { time: time.padStart(5, '0') } : {}), text: (hasTime ? rest : [time ?? '', ...rest]).join(' ').trim() || l };
                          }),
                      }),
                    t('meetingWork.scheduled'),
                  )
                }
              >
                <Form.Item name="councilDate" label={t('meetingWork.councilDate')} rules={[{ required: true, message: t('common.required') }]}>
                  <DatePicker style={{ width: '100%' }} data-testid="council-date" />
                </Form.Item>
                <Form.Item name="schedule" label={t('meetingWork.schedule')} extra={t('meetingWork.scheduleHint')}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="schedule-text" />
                </Form.Item>
                <Form.Item name="attendeeScope" label={t('meetingWork.attendeeScope')}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="attendee-scope" />
                </Form.Item>
                <Form.Item name="videoAllowed" valuePropName="checked">
                  <Checkbox>{t('meetingWork.videoAllowed')}</Checkbox>
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy === 'schedule'}>
                  {t('meetingWork.fixSchedule')}
                </Button>
              </Form>
            ) : (
              <Space orientation="vertical" size={2}>
                <span>
                  {t('meetingWork.councilDate')}：{meeting.councilDate ?? '—'}
                </span>
                {meeting.schedule.map((e, i) => (
                  <span key={i}>{`${e.date} ${e.time ?? ''} ${e.text}`}</span>
                ))}
                {meeting.attendeeScope ? <Typography.Text type="secondary">{meeting.attendeeScope}</Typography.Text> : null}
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('meetingWork.documents')} style={{ marginBottom: 16 }} data-testid="prepare-documents">
            <List
              size="small"
              dataSource={docs.data ?? []}
              locale={{ emptyText: t('meetingWork.noDocuments') }}
              renderItem={(d) => (
                <List.Item data-testid="prepare-document">
                  <span>
                    <a href={meetingsApi.documentUrl(meeting.id, d.id)} target="_blank" rel="noreferrer">
                      {d.title}
                    </a>{' '}
                    {d.agendaItemId ? <Tag>{t('meetingWork.itemNo', { n: items.find((i) => i.id === d.agendaItemId)?.position ?? '?' })}</Tag> : null}
                    {d.distributedAt ? <Tag color="green">{t('meetingWork.distributed')}</Tag> : <Tag>{t('meetingWork.notDistributed')}</Tag>}
                    {d.readers !== undefined ? <Typography.Text type="secondary">{t('meetingWork.readers', { count: d.readers })}</Typography.Text> : null}
                  </span>
                </List.Item>
              )}
            />
            {meeting.state !== 'closed' ? (
              <Space wrap style={{ marginTop: 8 }}>
                <Select allowClear style={{ width: 220 }} placeholder={t('meetingWork.forItem')} value={docItem} onChange={setDocItem} options={items.map((i) => ({ value: i.id, label: `${i.position}. ${i.title}` }))} data-testid="document-item" />
                <input
                  ref={fileRef}
                  type="file"
                  accept=".pdf,.docx,.png,.jpg,.jpeg,.webp"
                  data-testid="document-file"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (!file) return;
                    void act(
                      'upload',
                      async () => {
                        await meetingsApi.upload(meeting.id, file, { ...(docItem ? { agendaItemId: docItem } : {}) });
                        if (fileRef.current) fileRef.current.value = '';
                      },
                      t('meetingWork.uploaded'),
                    );
                  }}
                />
                <Button loading={busy === 'distribute'} onClick={() => void act('distribute', () => meetingsApi.distribute(meeting.id), t('meetingWork.distributedDone'))}>
                  {t('meetingWork.distribute')}
                </Button>
              </Space>
            ) : null}
          </Card>
          <Card size="small" title={t('meetingWork.sendNotice')} style={{ marginBottom: 16 }}>
            {meeting.state === 'scheduled' ? (
              <Button
                type="primary"
                loading={busy === 'notify'}
                data-testid="send-notice"
                onClick={() =>
                  void act('notify', async () => {
                    const r = await meetingsApi.notify(meeting.id);
                    setNotice(r.warnings);
                  })
                }
              >
                {t('meetingWork.sendNotice')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{meeting.notifiedAt ? t('meetingWork.noticeAt', { at: dayjs(meeting.notifiedAt).format('YYYY-MM-DD HH:mm') }) : t('meetingWork.noticeAfterCouncil')}</Typography.Text>
            )}
          </Card>
          <Card size="small" title={t('meetingWork.leaveRequests')} style={{ marginBottom: 16 }} data-testid="prepare-leave">
            <List
              size="small"
              dataSource={leave.data ?? []}
              locale={{ emptyText: t('meetingWork.noLeave') }}
              renderItem={(l) => (
                <List.Item data-testid="leave-row">
                  <Space wrap>
                    <b>{l.name}</b>
                    <span>{l.reason}</span>
                    <Tag color={l.status === 'approved' ? 'green' : l.status === 'rejected' ? 'red' : l.status === 'pending' ? 'gold' : 'default'}>{t(`meetingWork.leaveStates.${l.status}`)}</Tag>
                    {l.decidedByName ? <Typography.Text type="secondary">{l.decidedByName}</Typography.Text> : null}
                    {l.status === 'pending' && mayDecide ? (
                      <>
                        <Button size="small" type="primary" onClick={() => void act(`ok-${l.id}`, () => meetingsApi.decideLeave(meeting.id, l.id, true))}>
                          {t('meetingWork.approve')}
                        </Button>
                        <Button size="small" onClick={() => void act(`no-${l.id}`, () => meetingsApi.decideLeave(meeting.id, l.id, false))}>
                          {t('meetingWork.reject')}
                        </Button>
                      </>
                    ) : l.status === 'pending' ? (
                      <Typography.Text type="secondary">{meeting.state === 'in_session' ? t('meetingWork.decidedBySecretaryGeneral') : t('meetingWork.decidedByPresiding')}</Typography.Text>
                    ) : null}
                  </Space>
                </List.Item>
              )}
            />
            {meeting.state !== 'closed' ? (
              <Form
                form={leaveForm}
                layout="vertical"
                style={{ marginTop: 8 }}
                onFinish={(v) =>
                  void act(
                    'leave',
                    async () => {
                      await meetingsApi.requestLeave(meeting.id, { personId: v.personId, reason: v.reason });
                      leaveForm.resetFields();
                    },
                    t('meetingWork.leaveRecorded'),
                  )
                }
              >
                <Space wrap align="start">
                  <Form.Item name="personId" rules={[{ required: true, message: t('common.required') }]}>
                    <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: 180 }} placeholder={t('meetingWork.chooseMember')} options={memberOptions} data-testid="leave-member" />
                  </Form.Item>
                  <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                    <Input style={{ width: 220 }} maxLength={500} placeholder={t('meetingWork.leaveReason')} data-testid="leave-reason-office" />
                  </Form.Item>
                  <Button htmlType="submit" loading={busy === 'leave'}>
                    {t('meetingWork.recordLeave')}
                  </Button>
                </Space>
              </Form>
            ) : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** /meetings/:meetingId/report: the attendance report before opening, and the gazette's list; printable. */
export function AttendanceReportPage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const { congress } = useCurrent();
  const report = useLoader(() => meetingsApi.report(meetingId), [meetingId]);
  const list = useLoader(() => meetingsApi.attendanceList(meetingId), [meetingId]);
  if (report.error) return <LoadError error={report.error} onRetry={report.reload} />;
  if (!report.data) return <FullPageSpin />;
  const r = report.data;
  return (
    <div className="report-sheet" data-testid="attendance-report">
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Link to={`/app/${congress.slug}/meetings/${meetingId}/prepare`}>
          <Button>{t('meetingWork.back')}</Button>
        </Link>
        <Button type="primary" onClick={() => window.print()}>
          {t('meetingWork.print')}
        </Button>
      </Space>
      <Typography.Title level={3}>{t('meetingWork.reportTitle', { title: r.title })}</Typography.Title>
      <Typography.Paragraph strong style={{ fontSize: 20 }} data-testid="report-summary">
        {r.summary_zh}
      </Typography.Paragraph>
      {r.leave.length > 0 ? (
        <>
          <Typography.Title level={5}>{t('meetingWork.onLeaveList')}</Typography.Title>
          <ul>
            {r.leave.map((l) => (
              <li key={l.personId}>
                {l.name}
                {l.reason ? `（${l.reason}）` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.notRecordedList.length > 0 ? (
        <Typography.Paragraph type="secondary">{t('meetingWork.notRecorded', { names: r.notRecordedList.map((x) => x.name).join('、') })}</Typography.Paragraph>
      ) : null}
      {list.data ? (
        <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }} data-testid="attendance-list-text">
          {list.data.text}
        </pre>
      ) : null}
    </div>
  );
}

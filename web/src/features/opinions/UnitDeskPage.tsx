// A handling unit's desk: its queue sorted by deadline with the statutory dates (H-14 "not ours"
// within 10 working days, H-18 co-handlers 2 months, H-20 reply 3 months), "not ours" for
// reassignment, the reply in the standard format signed off by the head, and re-handling.
import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, Select, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useIsPhone } from '../../hooks/useIsPhone.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type MyDesk, type OpinionDetail, type QueueItem, fmtCode, opinionsApi, todayLocal } from './civicApi.ts';

export function UnitDeskPage() {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const desk = useLoader(() => opinionsApi.myDesk(congress.id), [congress.id]);
  const [picked, setPicked] = useState<string | null>(null);
  if (desk.error) return <LoadError error={desk.error} onRetry={desk.reload} />;
  if (!desk.data) return <Skeleton active />;
  const units = desk.data.units;
  const unit = units.find((u) => u.unitId === picked) ?? units[0];
  return (
    <>
      <PageTitle
        title={unit ? t('civic.unit.titleOf', { unit: unit.unitName }) : t('civic.unit.title')}
        intro={t('civic.unit.intro')}
        extra={units.length > 1 ? <Select style={{ minWidth: 220 }} value={unit?.unitId} onChange={setPicked} options={units.map((u) => ({ value: u.unitId, label: u.unitName }))} /> : null}
      />
      {unit ? <Queue unit={unit} /> : <Empty description={t('civic.unit.noUnit')} />}
    </>
  );
}

type Unit = MyDesk['units'][number];

function Queue({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const [state, setState] = useState<'active' | 'replied' | 'declined'>('active');
  const queue = useLoader(() => opinionsApi.queue(congress.id, unit.unitId, state), [congress.id, unit.unitId, state]);
  const [openId, setOpenId] = useState<string | null>(null);
  const today = todayLocal();
  const rows = [...(queue.data ?? [])].sort((a, b) => a.assignment.dueDate.localeCompare(b.assignment.dueDate) || a.trackingCode.localeCompare(b.trackingCode));
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          value={state}
          onChange={setState}
          style={{ minWidth: 140 }}
          options={(['active', 'replied', 'declined'] as const).map((s) => ({ value: s, label: t(`civic.unit.state.${s}`) }))}
        />
        <Typography.Text type="secondary">{t('civic.unit.sorted')}</Typography.Text>
      </Space>
      {queue.error ? <LoadError error={queue.error} onRetry={queue.reload} /> : null}
      <Table<QueueItem>
        rowKey={(q) => q.assignment.id}
        loading={queue.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="unit-queue"
        locale={{ emptyText: t('civic.unit.empty') }}
        onRow={(q) => ({ onClick: () => setOpenId(q.opinionId), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'code', title: t('civic.track.code'), render: (_, q) => <a data-testid="queue-code">{fmtCode(q.trackingCode)}</a> },
          { key: 'text', title: t('civic.submit.content'), render: (_, q) => <span className="civic-excerpt">{q.excerpt}</span> },
          { key: 'role', title: t('civic.unit.role'), render: (_, q) => <Tag>{t(`civic.role.${q.assignment.role}`)}</Tag> },
          { key: 'assigned', title: t('civic.unit.assignedOn'), render: (_, q) => q.assignment.assignedOn },
          {
            key: 'declineBy',
            title: t('civic.unit.declineBy'),
            render: (_, q) => (q.assignment.role === 'co' || q.assignment.round > 1 ? '—' : <span className={q.assignment.declineBy < today ? 'civic-past' : ''}>{q.assignment.declineBy}</span>),
          },
          {
            key: 'due',
            title: t('civic.unit.due'),
            render: (_, q) => (
              <Space size={4} data-testid="queue-due">
                <span>{q.assignment.dueDate}</span>
                {q.assignment.dueDate < today && q.assignment.state === 'active' ? <Tag color="red">{t('civic.unit.overdue')}</Tag> : null}
                {q.assignment.extended ? <Tag>{t('civic.unit.extended')}</Tag> : null}
              </Space>
            ),
          },
          {
            key: 'status',
            title: t('civic.desk.status'),
            render: (_, q) => (
              <Space size={4}>
                <Tag>{t(`civic.status.${q.status}`)}</Tag>
                {q.status === 'rehandling' ? <Tag color="orange">{t('civic.unit.rehandling')}</Tag> : null}
                {q.needsSignOff ? <Tag color="gold">{t('civic.unit.needsSignOff')}</Tag> : null}
                {q.isKey ? <Tag color="red">{t('civic.unit.key')}</Tag> : null}
              </Space>
            ),
          },
        ]}
      />
      <ItemDrawer
        unit={unit}
        opinionId={openId}
        onClose={(changed) => {
          setOpenId(null);
          if (changed) queue.reload();
        }}
      />
    </>
  );
}

/** The standard reply format (答复函): heading, body, the unit and the date; the head signs it off. */
const replyTemplate = (unitName: string, excerpt: string, today: string): string =>
  `关于“${excerpt.slice(0, 30)}”的答复\n\n经研究，现答复如下：\n\n（办理情况）\n\n感谢您对我们工作的关心和支持。\n\n${unitName}\n${today}`;

function ItemDrawer({ unit, opinionId, onClose }: { unit: Unit; opinionId: string | null; onClose: (changed: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const phone = useIsPhone();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const detail = useLoader(() => (opinionId ? opinionsApi.get(congress.id, opinionId) : Promise.resolve(null)), [congress.id, opinionId]);
  const [changed, setChanged] = useState(false);
  const [mode, setMode] = useState<'reply' | 'decline' | 'extend' | 'follow' | null>(null);
  const [text, setText] = useState('');
  const [grade, setGrade] = useState<'A' | 'B' | 'C' | 'D' | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const today = todayLocal();
  const d: OpinionDetail | null | undefined = detail.data;
  const mine = d?.assignments.find((a) => a.unitId === unit.unitId && a.state === 'active');
  const drafts = (d?.replies ?? []).filter((r) => r.unitId === unit.unitId && r.status === 'draft');
  // H-23: after replying, the unit reports how what it promised was carried out.
  const replied = d?.assignments.find((a) => a.unitId === unit.unitId && a.state === 'replied');

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      void message.success(done);
      setChanged(true);
      setMode(null);
      setText('');
      detail.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setMode(null);
    setText('');
    onClose(changed);
    setChanged(false);
  };

  return (
    <Drawer open={opinionId !== null} onClose={close} size={phone ? '100%' : 760} title={d ? fmtCode(d.trackingCode) : ''} destroyOnHidden>
      {detail.error ? <LoadError error={detail.error} onRetry={detail.reload} /> : null}
      {!d ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="unit-item">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.content}</Typography.Paragraph>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('civic.desk.status')}>{t(`civic.status.${d.status}`)}</Descriptions.Item>
            {d.class ? <Descriptions.Item label={t('civic.desk.class')}>{t(`civic.class.${d.class}`)}</Descriptions.Item> : null}
            {mine ? (
              <>
                <Descriptions.Item label={t('civic.unit.role')}>{t(`civic.role.${mine.role}`)}</Descriptions.Item>
                <Descriptions.Item label={t('civic.unit.assignedOn')}>{mine.assignedOn}</Descriptions.Item>
                {mine.role !== 'co' && mine.round === 1 ? <Descriptions.Item label={t('civic.unit.declineBy')}>{mine.declineBy}</Descriptions.Item> : null}
                <Descriptions.Item label={t('civic.unit.due')}>
                  <span data-testid="item-due">{mine.dueDate}</span>
                </Descriptions.Item>
              </>
            ) : null}
          </Descriptions>
          {d.calendarNotice ? <Alert type="warning" showIcon title={d.calendarNotice} /> : null}
          {d.ratings.some((r) => !r.satisfied) && d.status === 'rehandling' ? (
            <Alert type="warning" showIcon title={t('civic.unit.rehandlingNote')} description={d.ratings.filter((r) => !r.satisfied).map((r) => r.reason ?? '').join('；')} />
          ) : null}
          {drafts.map((r) => (
            <Alert
              key={r.id}
              type="info"
              data-testid="draft-reply"
              title={t('civic.unit.draft', { grade: r.grade ?? '—' })}
              description={<span style={{ whiteSpace: 'pre-wrap' }}>{r.text}</span>}
              action={
                unit.isHead ? (
                  <Button type="primary" size="small" loading={busy} onClick={() => void act(() => opinionsApi.signOff(congress.id, d.id, r.groupId), t('civic.unit.signedOff'))} data-testid="sign-off">
                    {t('civic.unit.signOff')}
                  </Button>
                ) : undefined
              }
            />
          ))}
          {mine && drafts.length === 0 ? (
            <Space wrap>
              <Button
                type="primary"
                onClick={() => {
                  setMode('reply');
                  setText(replyTemplate(unit.unitName, d.content, today));
                  setGrade(mine.role === 'co' ? undefined : 'A');
                }}
                data-testid="start-reply"
              >
                {mine.role === 'co' ? t('civic.unit.coView') : t('civic.unit.reply')}
              </Button>
              {mine.role !== 'co' && mine.round === 1 && today <= mine.declineBy ? (
                <Button danger onClick={() => setMode('decline')} data-testid="start-decline">
                  {t('civic.unit.notOurs')}
                </Button>
              ) : null}
              {mine.role !== 'co' && !mine.extended ? <Button onClick={() => setMode('extend')}>{t('civic.unit.extend')}</Button> : null}
            </Space>
          ) : null}
          {mode === 'reply' && mine ? (
            <Form layout="vertical" data-testid="reply-form">
              {mine.role !== 'co' ? (
                <Form.Item label={t('civic.unit.grade')} required>
                  <Select value={grade} onChange={setGrade} options={(['A', 'B', 'C', 'D'] as const).map((g) => ({ value: g, label: t(`civic.grade.${g}`) }))} data-testid="reply-grade" />
                </Form.Item>
              ) : null}
              <Form.Item label={t('civic.unit.replyText')} extra={unit.isHead ? t('civic.unit.headIssues') : t('civic.unit.staffDrafts')}>
                <Input.TextArea rows={10} value={text} onChange={(e) => setText(e.target.value)} data-testid="reply-text" />
              </Form.Item>
              <Button
                type="primary"
                loading={busy}
                disabled={!text.trim()}
                onClick={() => void act(() => opinionsApi.reply(congress.id, d.id, { unitId: unit.unitId, text, ...(grade && mine.role !== 'co' ? { grade } : {}) }), t('civic.unit.replySaved'))}
                data-testid="send-reply"
              >
                {unit.isHead ? t('civic.unit.issue') : t('civic.unit.saveDraft')}
              </Button>
            </Form>
          ) : null}
          {!mine && replied && mode === null ? (
            <Button onClick={() => setMode('follow')} data-testid="start-follow-through">
              {t('civic.unit.followThrough')}
            </Button>
          ) : null}
          {mode === 'follow' && replied ? (
            <Form layout="vertical">
              <Form.Item label={t('civic.unit.followThroughText')} required>
                <Input.TextArea rows={5} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} data-testid="follow-through-text" />
              </Form.Item>
              <Button
                type="primary"
                loading={busy}
                disabled={!text.trim()}
                onClick={() => void act(() => opinionsApi.followThrough(congress.id, d.id, unit.unitId, text), t('civic.unit.followThroughSaved'))}
                data-testid="send-follow-through"
              >
                {t('common.save')}
              </Button>
            </Form>
          ) : null}
          {mode === 'decline' || mode === 'extend' ? (
            <Form layout="vertical">
              <Form.Item label={mode === 'decline' ? t('civic.unit.declineReason') : t('civic.unit.extendReason')} required>
                <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} data-testid="reason-text" />
              </Form.Item>
              <Button
                type="primary"
                danger={mode === 'decline'}
                loading={busy}
                disabled={!text.trim()}
                onClick={() =>
                  void act(
                    () => (mode === 'decline' ? opinionsApi.decline(congress.id, d.id, unit.unitId, text) : opinionsApi.extend(congress.id, d.id, unit.unitId, text)),
                    mode === 'decline' ? t('civic.unit.declined') : t('civic.unit.extendedDone'),
                  )
                }
                data-testid="send-reason"
              >
                {t('common.save')}
              </Button>
            </Form>
          ) : null}
          <Typography.Title level={5}>{t('civic.unit.history')}</Typography.Title>
          <Timeline items={d.events.map((e) => ({ title: e.at.slice(0, 10), content: en ? e.text_en : e.text_zh }))} />
        </Space>
      )}
    </Drawer>
  );
}

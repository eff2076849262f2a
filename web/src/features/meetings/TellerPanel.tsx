// Tellers at the console (R-V4, 议事规则 art. 43): who is designated for the poll; the device
// failures the presiding person records; totals for polls counted by hand; and a member's vote
// entered for them — offered only for members attending by video or whose device failed, and only
// to those the server allows (the poll's allowedActions).
import { Button, Form, InputNumber, Popconfirm, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type Choice, type MeetingDetail, type Poll, meetingsApi, pollsApi } from './meetingsApi.ts';

type Act = (key: string, fn: () => Promise<unknown>, done?: string) => Promise<void>;

const CHOICES: Choice[] = ['yes', 'no', 'abstain'];

export function TellerPanel({ poll, meeting, act, busy }: { poll: Poll; meeting: MeetingDetail; act: Act; busy: string | null }) {
  if (poll.kind === 'secret' || (poll.status !== 'open' && poll.status !== 'draft')) return null;
  const can = new Set(poll.allowedActions);
  return (
    <div data-testid="teller-panel" style={{ marginTop: 8 }}>
      <Tellers poll={poll} act={act} busy={busy} mayDesignate={can.has('designateTellers')} />
      {poll.status === 'open' && poll.kind !== 'analog' ? <MemberEntries poll={poll} meeting={meeting} act={act} busy={busy} mayEnter={can.has('enterVotes')} mayRecordFailure={can.has('recordDeviceFailure')} /> : null}
      {poll.status === 'open' && poll.kind === 'analog' && can.has('enterVotes') ? <Totals poll={poll} act={act} busy={busy} /> : null}
    </div>
  );
}

/** The poll's tellers; the office or the presiding person may add themselves or remove one. */
function Tellers({ poll, act, busy, mayDesignate }: { poll: Poll; act: Act; busy: string | null; mayDesignate: boolean }) {
  const { t } = useTranslation();
  const { user } = useCurrent();
  const ids = poll.tellers.map((x) => x.userId);
  const designate = (userIds: string[]) => act(`tellers-${poll.id}`, () => pollsApi.designateTellers(poll.id, { userIds }), t('meetingWork.tellersSaved'));
  return (
    <Space wrap size={4} data-testid="tellers">
      <Typography.Text type="secondary">{t('meetingWork.tellers')}</Typography.Text>
      {poll.tellers.length === 0 ? <Typography.Text type="secondary">{t('meetingWork.noTellers')}</Typography.Text> : null}
      {poll.tellers.map((x) => (
        <Tag key={x.userId} closable={mayDesignate} onClose={(e) => {
          e.preventDefault();
          void designate(ids.filter((id) => id !== x.userId));
        }}>
          {x.name}
        </Tag>
      ))}
      {mayDesignate && !ids.includes(user.id) ? (
        <Button size="small" loading={busy === `tellers-${poll.id}`} onClick={() => void designate([...ids, user.id])}>
          {t('meetingWork.tellMyself')}
        </Button>
      ) : null}
    </Space>
  );
}

/** Per-member entries (mixed and roll-call polls): video attendees and recorded device failures, never a member who has voted. */
function MemberEntries({ poll, meeting, act, busy, mayEnter, mayRecordFailure }: { poll: Poll; meeting: MeetingDetail; act: Act; busy: string | null; mayEnter: boolean; mayRecordFailure: boolean }) {
  const { t } = useTranslation();
  const [memberId, setMemberId] = useState<string | undefined>();
  const [failedId, setFailedId] = useState<string | undefined>();
  const [choice, setChoice] = useState<Choice>('yes');
  const [perChoice, setPerChoice] = useState<Record<string, Choice>>({});
  const facts = useLoader(async () => ({ attendance: await meetingsApi.attendance(meeting.id), voters: await pollsApi.voters(poll.id) }), [meeting.id, poll.id, poll.votedCount, poll.deviceFailures.length]);
  if (!mayEnter && !mayRecordFailure) return null;
  const voted = new Set((facts.data?.voters ?? []).map((v) => v.personId));
  const present = (facts.data?.attendance ?? []).filter((r) => r.status === 'present' && !voted.has(r.personId));
  const failed = new Set(poll.deviceFailures);
  const eligible = present.filter((r) => r.mode === 'video' || failed.has(r.personId));
  const inHall = present.filter((r) => r.mode !== 'video' && !failed.has(r.personId));
  const perPerson = poll.perPerson && !poll.enBloc && poll.candidates.length > 0;
  const complete = !perPerson || poll.candidates.every((c) => perChoice[c.id] !== undefined);
  const choiceGroup = (value: Choice | undefined, onChange: (c: Choice) => void, label: string) => (
    <Radio.Group aria-label={label} optionType="button" value={value} onChange={(e) => onChange(e.target.value as Choice)} options={CHOICES.map((c) => ({ value: c, label: t(`meetings.${c}`) }))} />
  );
  return (
    <div data-testid="teller-entry" style={{ marginTop: 6 }}>
      {mayRecordFailure ? (
        <Space wrap style={{ marginBottom: 6 }}>
          <Select
            aria-label={t('meetingWork.deviceFailed')}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            placeholder={t('meetingWork.deviceFailed')}
            value={failedId}
            onChange={setFailedId}
            options={inHall.map((r) => ({ value: r.personId, label: r.name }))}
          />
          <Popconfirm
            title={t('meetingWork.deviceFailedConfirm', { name: inHall.find((r) => r.personId === failedId)?.name ?? '' })}
            onConfirm={() => failedId && void act(`fail-${poll.id}`, async () => {
              await pollsApi.recordDeviceFailure(poll.id, { memberId: failedId });
              setFailedId(undefined);
            }, t('meetingWork.deviceFailedRecorded'))}
          >
            <Button disabled={!failedId} loading={busy === `fail-${poll.id}`}>{t('meetingWork.recordDeviceFailure')}</Button>
          </Popconfirm>
        </Space>
      ) : null}
      {mayEnter ? (
        <>
          <Typography.Text type="secondary">{t('meetingWork.tellerMixed')}</Typography.Text>
          <Space wrap style={{ marginTop: 6 }}>
            <Select
              aria-label={t('meetingWork.chooseMember')}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200 }}
              placeholder={t('meetingWork.chooseMember')}
              value={memberId}
              onChange={setMemberId}
              notFoundContent={t('meetingWork.noneToEnter')}
              options={eligible.map((r) => ({ value: r.personId, label: `${r.name}（${r.mode === 'video' ? t('meetingWork.video') : t('meetingWork.deviceFailedShort')}）` }))}
            />
            {perPerson ? null : choiceGroup(choice, setChoice, t('vote.yourChoice'))}
          </Space>
          {perPerson
            ? poll.candidates.map((c) => (
                <div key={c.id} style={{ marginTop: 6 }}>
                  <span style={{ marginInlineEnd: 8 }}>{`${c.name}（${c.actZh}${c.post}）`}</span>
                  {choiceGroup(perChoice[c.id], (x) => setPerChoice((s) => ({ ...s, [c.id]: x })), c.name)}
                </div>
              ))
            : null}
          <Button
            style={{ marginTop: 6 }}
            disabled={!memberId || !complete}
            loading={busy === `tell-${poll.id}`}
            onClick={() =>
              memberId &&
              void act(
                `tell-${poll.id}`,
                async () => {
                  const entry = perPerson ? { memberId, choices: poll.candidates.map((c) => ({ candidateId: c.id, choice: perChoice[c.id] ?? 'abstain' })) } : { memberId, choice };
                  await pollsApi.enterAnalog(poll.id, { entries: [entry] });
                  setMemberId(undefined);
                  setPerChoice({});
                },
                t('meetingWork.entered'),
              )
            }
          >
            {t('meetingWork.enter')}
          </Button>
        </>
      ) : null}
    </div>
  );
}

/** Totals counted by hand (analog polls), per nominee on a per-person ballot. */
function Totals({ poll, act, busy }: { poll: Poll; act: Act; busy: string | null }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, number>>();
  const perPerson = poll.perPerson && !poll.enBloc && poll.candidates.length > 0;
  const lines = perPerson ? poll.candidates.map((c) => ({ key: c.id, label: `${c.name}（${c.actZh}${c.post}）` })) : [{ key: 'all', label: '' }];
  return (
    <Form
      form={form}
      data-testid="teller-entry"
      onFinish={(v) => {
        const num = (k: string): number => v[k] ?? 0;
        const body = perPerson
          ? { candidates: lines.map((l) => ({ candidateId: l.key, yes: num(`${l.key}.yes`), no: num(`${l.key}.no`), abstain: num(`${l.key}.abstain`) })) }
          : { totals: { yes: num('all.yes'), no: num('all.no'), abstain: num('all.abstain') } };
        void act(`tell-${poll.id}`, () => pollsApi.enterAnalog(poll.id, body), t('meetingWork.entered'));
      }}
    >
      <Typography.Text type="secondary">{t('meetingWork.tellerAnalog')}</Typography.Text>
      {lines.map((l) => (
        <div key={l.key} style={{ marginTop: 6 }}>
          {l.label ? <div>{l.label}</div> : null}
          <Space wrap>
            {CHOICES.map((c) => (
              <Form.Item key={c} name={`${l.key}.${c}`} label={t(`meetings.${c}`)} style={{ marginBottom: 4 }} initialValue={0}>
                <InputNumber min={0} max={1000} style={{ width: 80 }} data-testid={`teller-${c}`} />
              </Form.Item>
            ))}
          </Space>
        </div>
      ))}
      <Button htmlType="submit" loading={busy === `tell-${poll.id}`}>
        {t('meetingWork.enterTotals')}
      </Button>
    </Form>
  );
}

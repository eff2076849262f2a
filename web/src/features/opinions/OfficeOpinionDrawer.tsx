// One opinion as the office (or a member of the chairpersons' council) sees it: content, units and
// replies with the units' follow-through reports (H-23), marking a key suggestion (H-15), and the
// evaluation that closes an item after a second unsatisfied rating (H-22).
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Skeleton, Space, Switch, Tag, Timeline, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/Results.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type OpinionDetail, fmtCode, opinionsApi } from './civicApi.ts';

export function OfficeOpinionDrawer({ opinionId, onClose }: { opinionId: string | null; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  // The list behind the drawer is refreshed when the drawer closes after a change.
  const changed = useRef(false);
  const close = () => {
    onClose(changed.current);
    changed.current = false;
  };
  return (
    <Drawer open={opinionId !== null} onClose={close} title={t('civic.office.detail')} size="large" destroyOnHidden>
      {opinionId ? (
        <Detail
          opinionId={opinionId}
          onChanged={() => {
            changed.current = true;
          }}
        />
      ) : null}
    </Drawer>
  );
}

function Detail({ opinionId, onChanged }: { opinionId: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { congress, roles, user } = useCurrent();
  const office = user.isSuperadmin || roles.includes('office') || roles.includes('admin');
  const canMarkKey = office || roles.includes('chair');
  const item = useLoader(() => opinionsApi.get(congress.id, opinionId), [congress.id, opinionId]);
  const [form] = Form.useForm<{ conclusion: string }>();
  if (item.error) return <LoadError error={item.error} onRetry={item.reload} />;
  if (!item.data) return <Skeleton active />;
  const o: OpinionDetail = item.data;
  const en = i18n.language.startsWith('en');
  const followUps = o.replies.filter((r) => r.kind === 'follow_up');
  const replies = o.replies.filter((r) => r.kind !== 'follow_up');
  const markKey = async (isKey: boolean) => {
    try {
      item.setData(await opinionsApi.markKey(congress.id, o.id, isKey));
      void message.success(isKey ? t('civic.office.keyMarked') : t('civic.office.keyUnmarked'));
      onChanged();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const conclude = async (v: { conclusion: string }) => {
    try {
      item.setData(await opinionsApi.conclude(congress.id, o.id, v.conclusion));
      void message.success(t('civic.office.concluded'));
      onChanged();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="office-opinion">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('civic.track.code')}>{fmtCode(o.trackingCode)}</Descriptions.Item>
        <Descriptions.Item label={t('civic.desk.status')}>
          <Tag>{t(`civic.status.${o.status}`)}</Tag>
          {o.isKey ? <Tag color="red">{t('civic.unit.key')}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('civic.desk.receivedOn')}>{o.receivedOn}</Descriptions.Item>
        {o.class ? <Descriptions.Item label={t('civic.desk.class')}>{t(`civic.class.${o.class}`)}</Descriptions.Item> : null}
        {o.category ? <Descriptions.Item label={t('civic.office.category')}>{o.category}</Descriptions.Item> : null}
        <Descriptions.Item label={t('civic.unit.due')}>{o.dueDate ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{o.content}</Typography.Paragraph>
      {canMarkKey ? (
        <Space>
          <Switch checked={o.isKey} onChange={(v) => void markKey(v)} data-testid="mark-key" />
          <Typography.Text>{t('civic.office.markKey')}</Typography.Text>
        </Space>
      ) : null}
      {o.assignments.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t('civic.office.units')}</Typography.Title>
          {o.assignments.map((a) => (
            <div key={a.id} className="civic-row">
              <Space wrap size={4}>
                <Typography.Text strong>{a.unitName}</Typography.Text>
                <Tag>{t(`civic.role.${a.role}`)}</Tag>
                <Tag>{t(`civic.office.assignmentState.${a.state}`)}</Tag>
                <Typography.Text type="secondary">{`${t('civic.unit.due')}：${a.dueDate}`}</Typography.Text>
              </Space>
            </div>
          ))}
        </div>
      ) : null}
      {replies.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t('civic.office.replies')}</Typography.Title>
          {replies.map((r) => (
            <div key={r.id} className="civic-row">
              <Space wrap size={4}>
                <Typography.Text strong>{r.unitName}</Typography.Text>
                {r.grade ? <Tag>{r.grade}</Tag> : null}
                {r.status === 'draft' ? <Tag color="orange">{t('civic.unit.needsSignOff')}</Tag> : null}
              </Space>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.text}</Typography.Paragraph>
            </div>
          ))}
        </div>
      ) : null}
      <div data-testid="follow-through">
        <Typography.Title level={5}>{t('civic.office.followThrough')}</Typography.Title>
        {followUps.length === 0 ? (
          <Typography.Text type="secondary">{t('civic.office.noFollowThrough')}</Typography.Text>
        ) : (
          followUps.map((r) => (
            <div key={r.id} className="civic-row">
              <Typography.Text strong>{`${r.unitName} · ${r.draftedAt.slice(0, 10)}`}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.text}</Typography.Paragraph>
            </div>
          ))
        )}
      </div>
      {office && o.status === 'evaluation' ? (
        <div>
          <Typography.Title level={5}>{t('civic.office.evaluation')}</Typography.Title>
          <Alert type="info" showIcon title={t('civic.office.evaluationIntro')} style={{ marginBottom: 12 }} />
          <Form form={form} layout="vertical" onFinish={(v) => void conclude(v)}>
            <Form.Item name="conclusion" label={t('civic.office.conclusion')} rules={[{ required: true, whitespace: true, max: 5000 }]}>
              <Input.TextArea rows={4} maxLength={5000} data-testid="conclusion" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="conclude">
              {t('civic.office.conclude')}
            </Button>
          </Form>
        </div>
      ) : null}
      <div>
        <Typography.Title level={5}>{t('civic.unit.history')}</Typography.Title>
        <Timeline items={o.events.map((e) => ({ key: `${e.at}-${e.kind}`, title: e.at.slice(0, 10), content: en ? e.text_en : e.text_zh }))} />
      </div>
    </Space>
  );
}

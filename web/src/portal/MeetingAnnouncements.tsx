// The office's announcements (公告, R-P1) for one meeting: draft, then publish — publishing gives the
// next number within the term. Published announcements of the meeting go into its gazette at the next build.
import { App, Button, Card, Form, Input, List, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../components/Results.tsx';
import { useErrorText } from '../hooks/useErrorText.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { type CreateAnnouncementRequest, announcementApi } from './portalApi.ts';

const KINDS = ['appointment', 'resolution', 'decision', 'regulation', 'other'] as const;

export function MeetingAnnouncements({ congressId, meetingId }: { congressId: string; meetingId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const list = useLoader(() => announcementApi.list(congressId, meetingId), [congressId, meetingId]);
  const [form] = Form.useForm<{ kind: CreateAnnouncementRequest['kind']; title: string; body: string }>();
  const [busy, setBusy] = useState(false);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      void message.success(done);
      list.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const create = async () => {
    const v = await form.validateFields();
    await act(async () => {
      await announcementApi.create(congressId, { ...v, meetingId });
      form.resetFields();
    }, t('publication.editor.saved'));
  };

  return (
    <Card title={t('publication.announcements')}>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <List
        size="small"
        dataSource={list.data ?? []}
        loading={list.loading}
        locale={{ emptyText: t('publication.announcementsEmpty') }}
        renderItem={(a) => (
          <List.Item
            key={a.id}
            actions={
              a.state === 'draft'
                ? [
                    <Button key="pub" size="small" type="primary" loading={busy} onClick={() => void act(() => announcementApi.publish(congressId, a.id), t('publication.editor.published'))}>
                      {t('publication.editor.publishAnnouncement')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space wrap>
              <Tag>{t(`publication.announcementKind.${a.kind}`)}</Tag>
              {a.heading ? <strong>{a.heading}</strong> : <Tag color="orange">{t('publication.editor.draft')}</Tag>}
              <span>{a.title}</span>
            </Space>
          </List.Item>
        )}
      />
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} initialValues={{ kind: 'appointment' }}>
        <Form.Item name="kind" label={t('publication.editor.kind')} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`publication.announcementKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('publication.editor.fmTitle')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t('publication.editor.body')} rules={[{ required: true, max: 100000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Button onClick={() => void create()} loading={busy}>
          {t('publication.editor.newAnnouncement')}
        </Button>
      </Form>
    </Card>
  );
}

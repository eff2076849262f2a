// The office's gazette editor: front matter and the order of sections, saved as versions (R-P2);
// a build assembles the record, renders DOCX and PDF and publishes a new edition, its progress
// polled from the build job. A failed build leaves the published edition as it was.
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Form, Input, List, Progress, Skeleton, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { LoadError } from '../components/Results.tsx';
import { useErrorText } from '../hooks/useErrorText.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useCurrent } from '../shell/current.tsx';
import { MeetingAnnouncements } from './MeetingAnnouncements.tsx';
import { type GazetteBuild, gazetteEditorApi } from './portalApi.ts';

const STEPS = ['assemble', 'docx', 'pdf', 'publish', 'done', 'failed'] as const;

export function GazetteEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { slug = '', meetingId = '' } = useParams();
  const { congress } = useCurrent();
  const draft = useLoader(() => gazetteEditorApi.draft(meetingId), [meetingId]);
  const [order, setOrder] = useState<string[]>([]);
  const [form] = Form.useForm<{ title: string; subtitle: string; preface: string }>();
  const [saving, setSaving] = useState(false);
  const [build, setBuild] = useState<GazetteBuild | null>(null);
  const d = draft.data;

  useEffect(() => {
    if (!d) return;
    setOrder(d.order);
    form.setFieldsValue(d.frontMatter);
  }, [d, form]);

  // Poll the running build until it is done or failed.
  useEffect(() => {
    if (!build || build.status === 'done' || build.status === 'failed') return;
    const timer = setTimeout(() => {
      gazetteEditorApi.buildStatus(build.id).then(
        (b) => {
          setBuild(b);
          if (b.status === 'done') {
            void message.success(t('publication.editor.built'));
            draft.reload();
          }
        },
        (e: unknown) => void message.error(errorText(e)),
      );
    }, 700);
    return () => clearTimeout(timer);
  }, [build, draft, errorText, message, t]);

  if (draft.error) return <LoadError error={draft.error} onRetry={draft.reload} />;
  if (!d) return <Skeleton active />;
  const titleOf = new Map(d.sections.map((s) => [s.key, s]));
  const move = (i: number, by: number) => {
    const next = [...order];
    const [x] = next.splice(i, 1);
    if (x !== undefined) next.splice(i + by, 0, x);
    setOrder(next);
  };
  const save = async () => {
    const fm = await form.validateFields();
    setSaving(true);
    try {
      await gazetteEditorApi.save(meetingId, { baseVersion: d.version, frontMatter: { title: fm.title, subtitle: fm.subtitle || '', preface: fm.preface || '' }, order });
      void message.success(t('publication.editor.saved'));
      draft.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  const start = async () => {
    try {
      setBuild(await gazetteEditorApi.build(meetingId));
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const running = build !== null && (build.status === 'queued' || build.status === 'running');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('publication.editor.title')}
        extra={
          d.issue ? (
            <Link to={`/p/${slug}/gazette/${meetingId}`}>
              {d.issue.label} · {t('publication.editor.published')}
            </Link>
          ) : null
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('publication.editor.fmTitle')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="subtitle" label={t('publication.editor.fmSubtitle')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="preface" label={t('publication.editor.fmPreface')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
        <Space wrap>
          <Button type="primary" onClick={() => void save()} loading={saving} data-testid="gazette-save">
            {t('publication.editor.save', { v: d.version + 1 })}
          </Button>
          <Button onClick={() => void start()} loading={running} data-testid="gazette-build">
            {t('publication.editor.build')}
          </Button>
        </Space>
        {build ? (
          <div style={{ marginTop: 12 }} aria-live="polite">
            <Progress percent={build.progress} status={build.status === 'failed' ? 'exception' : build.status === 'done' ? 'success' : 'active'} />
            {build.status === 'failed' ? <Alert type="error" showIcon title={build.error_zh ?? ''} description={build.error_en ?? ''} /> : null}
            {running ? <span>{t(`publication.editor.step.${STEPS.find((x) => x === build.step) ?? 'assemble'}`)}</span> : null}
          </div>
        ) : null}
      </Card>
      <Card title={t('publication.editor.order')}>
        {d.orderStale ? <Alert type="warning" showIcon title={t('publication.editor.stale')} style={{ marginBottom: 12 }} /> : null}
        <List
          size="small"
          dataSource={order}
          renderItem={(key, i) => {
            const s = titleOf.get(key);
            return (
              <List.Item
                key={key}
                actions={[
                  <Button key="up" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('publication.editor.up')} />,
                  <Button key="down" size="small" icon={<ArrowDownOutlined />} disabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={t('publication.editor.down')} />,
                ]}
              >
                <span>
                  {i + 1}. <Tag>{s ? t(`publication.kind.${s.kind}`) : key}</Tag>
                  {s?.title ?? key}
                </span>
              </List.Item>
            );
          }}
        />
      </Card>
      <MeetingAnnouncements congressId={congress.id} meetingId={meetingId} />
      <Card title={t('publication.editor.history')}>
        <List
          size="small"
          dataSource={d.editions}
          locale={{ emptyText: t('publication.gazettesEmpty') }}
          renderItem={(e) => (
            <List.Item key={e.id}>
              {t('publication.edition', { n: e.edition })} · v{e.version} · {e.publishedAt.slice(0, 16).replace('T', ' ')} {e.current ? <Tag color="green">{t('publication.editor.current')}</Tag> : null}
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

// The drafter's desk: the congress's legislative texts with their versions, and the way in for a
// new draft from DOCX (the file is parsed on the server; the structure and the checks follow).
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { LoadError } from '../../components/Results.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type Stage, type Work, legislationApi } from './legislationApi.ts';

const toBase64 = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

export function WorksPage() {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const works = useLoader(() => legislationApi.works(congress.id), [congress.id]);
  const [importing, setImporting] = useState(false);
  if (works.error) return <LoadError error={works.error} onRetry={works.reload} />;
  return (
    <>
      <PageTitle
        title={t('legislation.works')}
        extra={
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="import-docx">
            {t('legislation.importDocx')}
          </Button>
        }
      />
      <Table<Work>
        rowKey="id"
        loading={works.loading}
        dataSource={works.data ?? []}
        pagination={false}
        locale={{ emptyText: t('legislation.worksEmpty') }}
        columns={[
          { title: t('legislation.importTitle'), dataIndex: 'title' },
          {
            title: t('legislation.versions'),
            render: (_: unknown, w) => (
              <Space wrap>
                {w.expressions.map((e) => (
                  <Link key={e.id} to={`/app/${congress.slug}/legislation/expressions/${e.id}`} data-testid={`expression-link-${e.seq}`}>
                    <Tag color={e.stage === 'published' ? 'green' : 'blue'}>
                      {e.seq}. {e.label ?? t(`legislation.stages.${e.stage}`)}
                    </Tag>
                  </Link>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}

interface Values {
  title: string;
  stage: Stage;
  explanation?: string;
}

function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: Values) => {
    if (!file) {
      setError(t('legislation.chooseFile'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const work = await legislationApi.createWork(congress.id, v.title);
      const e = await legislationApi.importDocx(congress.id, work.id, v.stage, file.name, await toBase64(file), v.explanation?.trim() || undefined);
      onClose();
      void navigate(`/app/${congress.slug}/legislation/expressions/${e.id}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('legislation.importDocx')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, 'data-testid': 'import-submit' }} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ stage: 'draft' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="title" label={t('legislation.importTitle')} rules={[{ required: true, message: t('common.required') }]}>
          <Input data-testid="import-title" />
        </Form.Item>
        <Form.Item name="stage" label={t('legislation.importStage')}>
          <Select options={(['draft', 'revised_draft', 'voting_draft', 'published'] as const).map((s) => ({ value: s, label: t(`legislation.stages.${s}`) }))} />
        </Form.Item>
        <Form.Item label={t('legislation.importFile')} required>
          <input
            type="file"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-label={t('legislation.chooseFile')}
            data-testid="import-file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </Form.Item>
        <Form.Item name="explanation" label={t('legislation.importExplanation')}>
          <Input.TextArea rows={3} data-testid="import-explanation" />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} data-testid="import-error" /> : null}
      </Form>
    </Modal>
  );
}

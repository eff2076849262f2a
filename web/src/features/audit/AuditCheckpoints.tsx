// The audit chain's signed checkpoints (newest first) and the public key that verifies them.
import { Card, Collapse, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type AuditCheckpoints as Checkpoints, api } from '../../api.ts';
import { LoadError } from '../../components/Results.tsx';
import { formatInstant } from '../../format.ts';
import { useLoader } from '../../hooks/useLoader.ts';

type Checkpoint = Checkpoints['checkpoints'][number];

export function AuditCheckpoints({ congressId }: { congressId: string }) {
  const { t } = useTranslation();
  const cps = useLoader(() => api.audit.checkpoints(congressId), [congressId]);
  return (
    <Card title={t('audit.checkpoints')} size="small" style={{ marginTop: 16 }} data-testid="audit-checkpoints">
      <Typography.Paragraph type="secondary">{t('audit.checkpointsIntro')}</Typography.Paragraph>
      {cps.error ? <LoadError error={cps.error} onRetry={cps.reload} /> : null}
      <Table<Checkpoint>
        rowKey="seq"
        size="small"
        loading={cps.loading}
        pagination={false}
        dataSource={cps.data?.checkpoints ?? []}
        locale={{ emptyText: t('audit.checkpointsEmpty') }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 90, align: 'right' },
          { title: t('audit.at'), key: 'at', width: 180, render: (_, c) => formatInstant(c.at) },
          { title: t('audit.hash'), key: 'hash', render: (_, c) => <Typography.Text className="mono" copyable={{ text: c.hash }}>{`${c.hash.slice(0, 16)}…`}</Typography.Text> },
          { title: t('audit.keyId'), dataIndex: 'keyId', key: 'keyId', width: 170, responsive: ['md'], render: (k: string) => <span className="mono">{k}</span> },
        ]}
      />
      {cps.data ? (
        <Collapse
          ghost
          size="small"
          items={[
            {
              key: 'key',
              label: `${t('audit.publicKey')} (${cps.data.keyId})`,
              children: (
                <Typography.Paragraph copyable={{ text: cps.data.publicKey }}>
                  <pre className="mono" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                    {cps.data.publicKey}
                  </pre>
                </Typography.Paragraph>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

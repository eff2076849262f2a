// Login lockouts of this congress's accounts (server/platform/auth/throttle.ts): which account or
// network address is held back, since and until when. The office watches them (a flood before a
// vote shows here); an administrator may lift one that is in force.
import { UnlockOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type LoginLock, api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { formatInstant } from '../../format.ts';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';

export function LoginLocksPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const { congress } = useCurrent();
  const locks = useLoader(() => api.loginLocks.list(congress.id), [congress.id]);

  const clear = (lock: LoginLock) => {
    modal.confirm({
      title: t('loginLocks.clear'),
      content: t('loginLocks.clearConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.loginLocks.clear(congress.id, lock.id);
          void message.success(t('loginLocks.clearedOk'));
        } catch (e) {
          void message.error(errorText(e));
        }
        locks.reload();
      },
    });
  };

  const columns: TableColumnsType<LoginLock> = [
    {
      title: t('loginLocks.account'),
      key: 'account',
      render: (_, l) =>
        l.username === null ? (
          <Typography.Text type="secondary">{t('loginLocks.anyAccount')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={0}>
            {l.displayName ? <Typography.Text strong>{l.displayName}</Typography.Text> : null}
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {l.username}
            </Typography.Text>
          </Space>
        ),
    },
    { title: t('loginLocks.kind'), key: 'kind', render: (_, l) => t(`loginLocks.kinds.${l.kind}`) },
    { title: t('loginLocks.address'), key: 'address', render: (_, l) => <span className="mono">{l.address ?? '—'}</span>, responsive: ['sm'] },
    { title: t('loginLocks.since'), key: 'since', render: (_, l) => formatInstant(l.since), responsive: ['md'] },
    { title: t('loginLocks.until'), key: 'until', render: (_, l) => formatInstant(l.until) },
    {
      title: t('loginLocks.state'),
      key: 'state',
      render: (_, l) =>
        l.active ? (
          <Tag color="#a8071a">{t('loginLocks.active')}</Tag>
        ) : l.clearedAt ? (
          <Tag>{t('loginLocks.cleared', { by: l.clearedBy ?? '' })}</Tag>
        ) : (
          <Tag>{t('loginLocks.expired')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, l) =>
        l.allowedActions.includes('clear') ? (
          <Button type="link" size="small" icon={<UnlockOutlined />} onClick={() => clear(l)}>
            {t('loginLocks.clear')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageTitle title={t('loginLocks.title')} intro={t('loginLocks.intro')} />
      {locks.error ? (
        <LoadError error={locks.error} onRetry={locks.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<LoginLock>
            rowKey="id"
            columns={columns}
            dataSource={locks.data ?? []}
            loading={locks.loading}
            locale={{ emptyText: t('loginLocks.none') }}
            pagination={{ defaultPageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            data-testid="login-locks"
          />
        </Card>
      )}
    </>
  );
}

// Accounts of this congress: create, lock or unlock, set roles, and the name, email address and
// mobile number (where reminders go).
import { ContactsOutlined, LockOutlined, PlusOutlined, TeamOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, type UserSummary, api } from '../../api.ts';
import { FormModal, orNull } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { ROLES } from '../../domain.ts';
import { useErrorText } from '../../hooks/useErrorText.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { CreateUserModal, EMAIL_PATTERN, MOBILE_PATTERN } from './CreateUserModal.tsx';

export function AccountsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const { congress, user: me } = useCurrent();
  const users = useLoader(() => api.users.list(congress.id), [congress.id]);
  const people = useLoader(() => api.people.list(congress.id), [congress.id]);
  const [creating, setCreating] = useState(false);
  const [editingRoles, setEditingRoles] = useState<UserSummary | null>(null);
  const [editingContact, setEditingContact] = useState<UserSummary | null>(null);

  const toggleLock = (u: UserSummary) => {
    modal.confirm({
      title: u.locked ? t('accounts.unlock') : t('accounts.lock'),
      content: u.locked ? t('accounts.unlockConfirm', { name: u.displayName }) : t('accounts.lockConfirm', { name: u.displayName }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: !u.locked },
      onOk: async () => {
        try {
          await (u.locked ? api.users.unlock(congress.id, u.id) : api.users.lock(congress.id, u.id));
          void message.success(u.locked ? t('accounts.unlockedOk') : t('accounts.lockedOk'));
          users.reload();
        } catch (e) {
          void message.error(errorText(e));
        }
      },
    });
  };

  const saveRoles = async (v: { roles: Role[] }) => {
    if (!editingRoles) return;
    await api.users.setRoles(congress.id, editingRoles.id, v.roles);
    void message.success(t('accounts.rolesSaved'));
    users.reload();
  };

  const saveContact = async (v: { displayName: string; email?: string; mobile?: string }) => {
    if (!editingContact) return;
    await api.users.update(congress.id, editingContact.id, { displayName: v.displayName.trim(), email: orNull(v.email), mobile: orNull(v.mobile) });
    void message.success(t('accounts.contactSaved'));
    users.reload();
  };

  const columns: TableColumnsType<UserSummary> = [
    {
      title: t('accounts.username'),
      key: 'username',
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>
            {u.displayName}
            {u.id === me.id ? <Typography.Text type="secondary">{t('accounts.you')}</Typography.Text> : null}
          </Typography.Text>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('accounts.roles'),
      key: 'roles',
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.roles.map((r) => (
            <Tag key={r} color={r === 'admin' ? 'red' : undefined}>
              {t(`roles.${r}`)}
            </Tag>
          ))}
        </Space>
      ),
      responsive: ['sm'],
    },
    {
      title: t('accounts.contact'),
      key: 'contact',
      render: (_, u) => (
        <Space orientation="vertical" size={0} data-testid="user-contact">
          {u.email ? <Typography.Text>{u.email}</Typography.Text> : null}
          {u.mobile ? <Typography.Text className="mono">{u.mobile}</Typography.Text> : null}
        </Space>
      ),
      responsive: ['md'],
    },
    { title: t('accounts.status'), key: 'locked', render: (_, u) => (u.locked ? <Tag color="volcano">{t('accounts.locked')}</Tag> : <Tag color="green">{t('accounts.active')}</Tag>) },
    { title: t('accounts.totp'), key: 'totp', width: 110, render: (_, u) => (u.totpEnabled ? t('accounts.totpOn') : t('accounts.totpOff')), responsive: ['md'] },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<TeamOutlined />} onClick={() => setEditingRoles(u)}>
            {t('accounts.setRoles')}
          </Button>
          <Button type="link" size="small" icon={<ContactsOutlined />} onClick={() => setEditingContact(u)} data-testid="user-edit-contact">
            {t('accounts.editContact')}
          </Button>
          {u.id === me.id ? null : (
            <Button type="link" size="small" danger={!u.locked} icon={u.locked ? <UnlockOutlined /> : <LockOutlined />} onClick={() => toggleLock(u)}>
              {u.locked ? t('accounts.unlock') : t('accounts.lock')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('accounts.title')}
        intro={t('accounts.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('accounts.createTitle')}
          </Button>
        }
      />
      {users.error ? (
        <LoadError error={users.error} onRetry={users.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<UserSummary>
            rowKey="id"
            columns={columns}
            dataSource={users.data ?? []}
            loading={users.loading}
            pagination={{ defaultPageSize: 50, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }), hideOnSinglePage: true }}
          />
        </Card>
      )}
      <CreateUserModal
        congressId={congress.id}
        people={people.data ?? []}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          void message.success(t('common.created'));
          users.reload();
        }}
      />
      <FormModal<{ roles: Role[] }>
        open={editingRoles !== null}
        title={t('accounts.setRolesTitle', { name: editingRoles?.displayName ?? '' })}
        initialValues={{ roles: editingRoles?.roles ?? [] }}
        onClose={() => setEditingRoles(null)}
        onSubmit={saveRoles}
      >
        <Form.Item name="roles" label={t('accounts.roles')}>
          <Checkbox.Group className="check-grid" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
      </FormModal>
      <FormModal<{ displayName: string; email?: string; mobile?: string }>
        open={editingContact !== null}
        title={t('accounts.editContactTitle', { name: editingContact?.displayName ?? '' })}
        initialValues={{ displayName: editingContact?.displayName ?? '', email: editingContact?.email ?? '', mobile: editingContact?.mobile ?? '' }}
        onClose={() => setEditingContact(null)}
        onSubmit={saveContact}
      >
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, whitespace: true, max: 50, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('accounts.email')} extra={t('accounts.emailHelp')} rules={[{ pattern: EMAIL_PATTERN, max: 254, message: t('accounts.emailFormat') }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="mobile" label={t('accounts.mobile')} extra={t('accounts.mobileHelp')} rules={[{ pattern: MOBILE_PATTERN, message: t('accounts.mobileFormat') }]}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
      </FormModal>
    </>
  );
}

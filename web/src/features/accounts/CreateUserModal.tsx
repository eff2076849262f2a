// A new account for this congress: username, name, optional person, initial password, roles.
import { Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Person, type Role, api } from '../../api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { ROLES } from '../../domain.ts';

interface Values {
  username: string;
  displayName: string;
  personId?: string | null;
  password: string;
  roles: Role[];
}

interface Props {
  congressId: string;
  people: Person[];
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

export function CreateUserModal({ congressId, people, open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const submit = async (v: Values) => {
    await api.users.create(congressId, {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      personId: v.personId ?? null,
      password: v.password,
      roles: v.roles,
    });
    onSaved();
  };

  return (
    <FormModal<Values> open={open} title={t('accounts.createTitle')} initialValues={{ roles: ['member'] }} onClose={onClose} onSubmit={submit} okText={t('common.create')} width={560}>
      <Form.Item name="username" label={t('accounts.username')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{1,31}$/, message: t('accounts.usernameFormat') }]}>
        <Input autoCapitalize="none" spellCheck={false} autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, whitespace: true, max: 50, message: t('common.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="personId" label={t('accounts.person')} extra={t('accounts.personHelp')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={people.map((p) => ({ value: p.id, label: p.name }))} />
      </Form.Item>
      <Form.Item name="password" label={t('accounts.password')} extra={t('accounts.passwordHelp')} rules={[{ required: true, min: 10, max: 200, message: t('accounts.passwordHelp') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="roles" label={t('accounts.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('accounts.rolesRequired') }]}>
        <Checkbox.Group className="check-grid" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      </Form.Item>
    </FormModal>
  );
}

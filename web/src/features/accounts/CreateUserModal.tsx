// A new account for this congress: username, name, optional person, initial password, roles, and
// optionally the email address and mobile number reminders go to.
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
  email?: string;
  mobile?: string;
}

/** Checks the form makes before the server's own: an address, and a mainland mobile number (+86, spaces and dashes allowed). */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MOBILE_PATTERN = /^(\+?86[\s-]?)?1[3-9](?:[\s-]?\d){9}$/;

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
      ...(v.email?.trim() ? { email: v.email.trim() } : {}),
      ...(v.mobile?.trim() ? { mobile: v.mobile.trim() } : {}),
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
      <Form.Item name="email" label={t('accounts.email')} extra={t('accounts.emailHelp')} rules={[{ pattern: EMAIL_PATTERN, max: 254, message: t('accounts.emailFormat') }]}>
        <Input type="email" autoComplete="off" data-testid="user-email" />
      </Form.Item>
      <Form.Item name="mobile" label={t('accounts.mobile')} extra={t('accounts.mobileHelp')} rules={[{ pattern: MOBILE_PATTERN, message: t('accounts.mobileFormat') }]}>
        <Input inputMode="tel" autoComplete="off" data-testid="user-mobile" />
      </Form.Item>
    </FormModal>
  );
}

// Giving a person a post in a body.
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type Body, type MembershipRole, type Person, api } from '../../api.ts';
import { bodyOptions } from '../../components/bodyOptions.ts';
import { FormModal, orNull } from '../../components/FormModal.tsx';
import { MEMBERSHIP_ROLES } from '../../domain.ts';

interface Values {
  bodyId: string;
  role: MembershipRole;
  rank?: number | null;
  post?: string;
  startDate?: Dayjs | null;
}

interface Props {
  congressId: string;
  person: Person;
  bodies: Body[];
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

export function MembershipFormModal({ congressId, person, bodies, open, onClose, onSaved }: Props) {
  const { t } = useTranslation();

  const submit = async (v: Values) => {
    await api.memberships.create(congressId, {
      bodyId: v.bodyId,
      personId: person.id,
      role: v.role,
      ...(v.rank !== undefined && v.rank !== null ? { rank: v.rank } : {}),
      post: orNull(v.post),
      startDate: v.startDate ? v.startDate.format('YYYY-MM-DD') : null,
    });
    onSaved();
  };

  return (
    <FormModal<Values> open={open} title={`${t('people.addMembership')} · ${person.name}`} initialValues={{ role: 'member' }} onClose={onClose} onSubmit={submit} okText={t('common.create')}>
      <Form.Item name="bodyId" label={t('people.body')} rules={[{ required: true, message: t('common.required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={bodyOptions(bodies, t)}
        />
      </Form.Item>
      <Form.Item name="role" label={t('people.role')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`membershipRoles.${r}`) }))} />
      </Form.Item>
      <Form.Item name="rank" label={t('people.rank')} extra={t('bodies.sortOrderHelp')}>
        <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="post" label={t('people.post')} rules={[{ max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="startDate" label={t('people.startDate')}>
        <DatePicker style={{ width: 200 }} />
      </Form.Item>
    </FormModal>
  );
}

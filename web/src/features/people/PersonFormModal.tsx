// Registering a person or correcting their particulars.
import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Person, api } from '../../api.ts';
import { FormModal, orNull } from '../../components/FormModal.tsx';

interface Values {
  name: string;
  gender?: 'male' | 'female' | 'unknown';
  note?: string;
}

export type PersonDialog = { mode: 'create' } | { mode: 'edit'; person: Person };

export function PersonFormModal({ congressId, dialog, onClose, onSaved }: { congressId: string; dialog: PersonDialog | null; onClose: () => void; onSaved: (p: Person) => void }) {
  const { t } = useTranslation();
  const editing = dialog?.mode === 'edit' ? dialog.person : null;
  const initialValues: Partial<Values> = editing ? { name: editing.name, gender: editing.gender ?? 'unknown', note: editing.note ?? '' } : { gender: 'unknown' };

  const submit = async (v: Values) => {
    const body = { name: v.name.trim(), gender: v.gender === 'male' || v.gender === 'female' ? v.gender : null, note: orNull(v.note) };
    onSaved(editing ? await api.people.update(congressId, editing.id, body) : await api.people.create(congressId, body));
  };

  return (
    <FormModal<Values>
      open={dialog !== null}
      title={editing ? t('people.editTitle') : t('people.createTitle')}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={submit}
      okText={editing ? t('common.save') : t('common.create')}
    >
      <Form.Item name="name" label={t('people.name')} rules={[{ required: true, whitespace: true, max: 50, message: t('common.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="gender" label={t('people.gender')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'male', label: t('gender.male') },
            { value: 'female', label: t('gender.female') },
            { value: 'unknown', label: t('gender.unknown') },
          ]}
        />
      </Form.Item>
      <Form.Item name="note" label={t('people.note')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={3} showCount maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

// Creating a body (kind, name, term, parent, order) or renaming and reordering one.
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Body, type BodyKind, type Term, api } from '../../api.ts';
import { bodyOptions } from '../../components/bodyOptions.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { BODY_KINDS } from '../../domain.ts';
import { useTermLabel } from '../../hooks/useTermLabel.ts';

interface Values {
  kind: BodyKind;
  name: string;
  termId?: string | null;
  parentBodyId?: string | null;
  sortOrder?: number | null;
}

export type BodyDialog = { mode: 'create'; kind: BodyKind } | { mode: 'edit'; body: Body };

interface Props {
  congressId: string;
  dialog: BodyDialog | null;
  bodies: Body[];
  terms: Term[];
  onClose: () => void;
  onSaved: () => void;
}

export function BodyFormModal({ congressId, dialog, bodies, terms, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const termLabel = useTermLabel();
  const editing = dialog?.mode === 'edit' ? dialog.body : null;

  const initialValues: Partial<Values> = editing
    ? { kind: editing.kind, name: editing.name, sortOrder: editing.sortOrder }
    : { kind: dialog?.mode === 'create' ? dialog.kind : 'special_committee', termId: terms.at(-1)?.id ?? null, parentBodyId: null, sortOrder: 0 };

  const submit = async (v: Values) => {
    if (editing) {
      await api.bodies.update(congressId, editing.id, { name: v.name.trim(), sortOrder: v.sortOrder ?? 0 });
    } else {
      await api.bodies.create(congressId, {
        kind: v.kind,
        name: v.name.trim(),
        termId: v.termId ?? null,
        parentBodyId: v.parentBodyId ?? null,
        sortOrder: v.sortOrder ?? 0,
      });
    }
    onSaved();
  };

  return (
    <FormModal<Values>
      open={dialog !== null}
      title={editing ? t('bodies.editTitle') : t('bodies.createTitle')}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={submit}
      okText={editing ? t('common.save') : t('common.create')}
    >
      <Form.Item name="kind" label={t('bodies.kind')} rules={[{ required: true, message: t('common.required') }]}>
        <Select disabled={editing !== null} options={BODY_KINDS.map((k) => ({ value: k, label: t(`bodyKinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('bodies.name')} rules={[{ required: true, whitespace: true, max: 100, message: t('common.required') }]}>
        <Input />
      </Form.Item>
      {editing ? null : (
        <>
          <Form.Item name="termId" label={t('bodies.term')}>
            <Select allowClear placeholder={t('bodies.noTerm')} options={terms.map((x) => ({ value: x.id, label: termLabel(x.number) }))} />
          </Form.Item>
          <Form.Item name="parentBodyId" label={t('bodies.parentBody')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.none')}
              options={bodyOptions(bodies, t)}
            />
          </Form.Item>
        </>
      )}
      <Form.Item name="sortOrder" label={t('bodies.sortOrder')} extra={t('bodies.sortOrderHelp')}>
        <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}

// Creating a congress (at the top or under a parent) or editing one's names.
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Congress, type CongressLevel, api } from '../../api.ts';
import { FormModal, orNull } from '../../components/FormModal.tsx';
import { LEVEL_DEPTH, LEVELS } from '../../domain.ts';

interface Values {
  name: string;
  nameEn?: string;
  standingCommitteeName?: string;
  shortName?: string;
  region?: string;
  level: CongressLevel;
  slug: string;
}

export type CongressDialog = { mode: 'create'; parent: Congress | null } | { mode: 'edit'; congress: Congress };

export function CongressFormModal({ dialog, onClose, onSaved }: { dialog: CongressDialog | null; onClose: () => void; onSaved: (c: Congress) => void }) {
  const { t } = useTranslation();
  const editing = dialog?.mode === 'edit' ? dialog.congress : null;
  const parent = dialog?.mode === 'create' ? dialog.parent : null;
  const levels = LEVELS.filter((l) => !parent || LEVEL_DEPTH[l] > LEVEL_DEPTH[parent.level]);

  const title = editing
    ? t('congresses.editTitle', { name: editing.name })
    : parent
      ? t('congresses.createChildTitle', { parent: parent.name })
      : t('congresses.createTitle');

  const initialValues: Partial<Values> = editing
    ? {
        name: editing.name,
        nameEn: editing.nameEn ?? '',
        standingCommitteeName: editing.standingCommitteeName ?? '',
        shortName: editing.shortName ?? '',
        region: editing.region ?? '',
      }
    : { level: levels[0] ?? 'city' };

  const submit = async (v: Values) => {
    const names = {
      name: v.name.trim(),
      nameEn: orNull(v.nameEn),
      standingCommitteeName: orNull(v.standingCommitteeName),
      shortName: orNull(v.shortName),
      region: orNull(v.region),
    };
    const saved = editing
      ? await api.congresses.update(editing.id, names)
      : await api.congresses.create({ ...names, parentId: parent?.id ?? null, level: v.level, slug: v.slug.trim() });
    onSaved(saved);
  };

  return (
    <FormModal<Values> open={dialog !== null} title={title} initialValues={initialValues} onClose={onClose} onSubmit={submit} okText={editing ? t('common.save') : t('common.create')}>
      <Form.Item name="name" label={t('congresses.name')} rules={[{ required: true, whitespace: true, max: 100, message: t('common.required') }]}>
        <Input placeholder={t('congresses.examples.name')} />
      </Form.Item>
      <Form.Item name="standingCommitteeName" label={t('congresses.standingCommitteeName')} rules={[{ max: 100 }]}>
        <Input placeholder={t('congresses.examples.standingCommitteeName')} />
      </Form.Item>
      <Form.Item name="shortName" label={t('congresses.shortName')} rules={[{ max: 50 }]}>
        <Input placeholder={t('congresses.examples.shortName')} />
      </Form.Item>
      <Form.Item name="region" label={t('congresses.region')} rules={[{ max: 50 }]}>
        <Input placeholder={t('congresses.examples.region')} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('congresses.nameEn')} rules={[{ max: 200 }]}>
        <Input placeholder={t('congresses.examples.nameEn')} />
      </Form.Item>
      {editing ? null : (
        <>
          <Form.Item name="level" label={t('congresses.level')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={levels.map((l) => ({ value: l, label: t(`levels.${l}`) }))} />
          </Form.Item>
          <Form.Item
            name="slug"
            label={t('congresses.slug')}
            extra={t('congresses.slugHelp')}
            rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{1,48}$/, message: t('congresses.slugFormat') }]}
          >
            <Input placeholder={t('congresses.examples.slug')} autoCapitalize="none" spellCheck={false} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

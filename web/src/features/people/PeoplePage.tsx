// The people register: find, register and edit people; open one to see and manage their posts.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Person, api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { PersonDrawer } from './PersonDrawer.tsx';
import { type PersonDialog, PersonFormModal } from './PersonFormModal.tsx';

export function PeoplePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { congress, can } = useCurrent();
  const [q, setQ] = useState('');
  const people = useLoader(() => api.people.list(congress.id, q || undefined), [congress.id, q]);
  const bodies = useLoader(() => api.bodies.list(congress.id), [congress.id]);
  const [selected, setSelected] = useState<Person | null>(null);
  const [dialog, setDialog] = useState<PersonDialog | null>(null);

  const columns: TableColumnsType<Person> = [
    {
      title: t('people.name'),
      key: 'name',
      width: 160,
      render: (_, p) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setSelected(p)}>
          {p.name}
        </Button>
      ),
    },
    { title: t('people.gender'), key: 'gender', width: 90, render: (_, p) => (p.gender ? t(`gender.${p.gender}`) : '') },
    { title: t('people.note'), dataIndex: 'note', key: 'note', ellipsis: true, responsive: ['md'], render: (n: string | null) => n ?? '' },
  ];

  const onSaved = (p: Person) => {
    void message.success(dialog?.mode === 'edit' ? t('common.saved') : t('common.created'));
    people.reload();
    setSelected(p);
  };

  return (
    <>
      <PageTitle
        title={t('people.title')}
        intro={t('people.intro')}
        extra={
          can.managePeople ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ mode: 'create' })}>
              {t('people.createTitle')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Input.Search placeholder={t('people.searchPlaceholder')} allowClear enterButton={t('common.search')} onSearch={(v) => setQ(v.trim())} style={{ maxWidth: 360, marginBottom: 16 }} maxLength={50} />
        {people.error ? (
          <LoadError error={people.error} onRetry={people.reload} />
        ) : (
          <Table<Person>
            rowKey="id"
            columns={columns}
            dataSource={people.data ?? []}
            loading={people.loading}
            pagination={{ defaultPageSize: 50, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }), hideOnSinglePage: true }}
            onRow={(p) => ({ onClick: () => setSelected(p), style: { cursor: 'pointer' } })}
          />
        )}
      </Card>
      <PersonDrawer
        congressId={congress.id}
        person={selected}
        bodies={bodies.data ?? []}
        canManage={can.managePeople}
        onClose={() => setSelected(null)}
        onEdit={(p) => setDialog({ mode: 'edit', person: p })}
      />
      <PersonFormModal congressId={congress.id} dialog={dialog} onClose={() => setDialog(null)} onSaved={onSaved} />
    </>
  );
}

// The standing committee's composition in the gazette's order: used in the workspace and the portal.
import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Member } from '../api.ts';

export function MembersTable({ members, loading = false }: { members: Member[]; loading?: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const columns: TableColumnsType<Member> = [
    { title: t('members.rank'), key: 'rank', width: 64, align: 'right', render: (_, _m, i) => i + 1, responsive: ['sm'] },
    { title: t('members.name'), dataIndex: 'name', key: 'name', width: 100, render: (name: string) => <strong>{name}</strong> },
    // The gazette's own wording in Chinese; the translated position in English.
    { title: t('members.role'), key: 'role', width: 110, render: (_, m) => (en ? t(`membershipRoles.${m.role}`) : m.roleZh) },
    { title: t('members.post'), dataIndex: 'post', key: 'post', render: (post: string | null) => post ?? '' },
  ];
  return (
    <Table<Member>
      rowKey="id"
      columns={columns}
      dataSource={members}
      loading={loading}
      pagination={false}
      size="middle"
      locale={{ emptyText: t('members.empty') }}
      data-testid="members-table"
    />
  );
}

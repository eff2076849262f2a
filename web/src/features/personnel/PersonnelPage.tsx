// The personnel register: posts with who held them, from when to when, and by which act.
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useLoader } from '../../hooks/useLoader.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type Post, personnelApi } from '../bills/billsApi.ts';

export function PersonnelPage() {
  const { t } = useTranslation();
  const { congress } = useCurrent();
  const posts = useLoader(() => personnelApi.posts(congress.id), [congress.id]);
  if (posts.error) return <LoadError error={posts.error} onRetry={posts.reload} />;
  return (
    <>
      <PageTitle title={t('business.personnel.title')} intro={t('business.personnel.intro')} />
      <Table<Post>
        rowKey="id"
        data-testid="posts-table"
        loading={posts.loading}
        dataSource={posts.data ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('business.personnel.empty') }}
        columns={[
          { key: 'organ', title: t('business.personnel.organ'), dataIndex: 'organ' },
          { key: 'title', title: t('business.personnel.post'), dataIndex: 'title' },
          {
            key: 'holders',
            title: t('business.personnel.holders'),
            render: (_, p) =>
              p.holdings.map((h) => (
                <div key={h.id}>
                  {h.name} {h.startDate} {t('business.personnel.since')}
                  {h.endDate ? ` — ${h.endDate} ${t('business.personnel.until')}` : ''} {h.acting ? <Tag>{t('business.personnel.acting')}</Tag> : null}
                </div>
              )),
          },
        ]}
      />
    </>
  );
}

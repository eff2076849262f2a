// The congress's bodies, one tab per kind.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Table, type TableColumnsType, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Body, type BodyKind, api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { BODY_KINDS } from '../../domain.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useTermLabel } from '../../hooks/useTermLabel.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type BodyDialog, BodyFormModal } from './BodyFormModal.tsx';

export function BodiesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const termLabel = useTermLabel();
  const { congress, can } = useCurrent();
  const data = useLoader(async () => {
    const [bodies, terms] = await Promise.all([api.bodies.list(congress.id), api.terms.list(congress.id)]);
    return { bodies, terms };
  }, [congress.id]);
  const [kind, setKind] = useState<BodyKind>('standing_committee');
  const [dialog, setDialog] = useState<BodyDialog | null>(null);

  const bodies = data.data?.bodies ?? [];
  const terms = data.data?.terms ?? [];
  const nameOf = new Map(bodies.map((b) => [b.id, b.name]));
  const termOf = new Map(terms.map((x) => [x.id, x.number]));

  const columns: TableColumnsType<Body> = [
    { title: t('bodies.name'), dataIndex: 'name', key: 'name' },
    { title: t('bodies.term'), key: 'term', width: 120, render: (_, b) => (b.termId ? termLabel(termOf.get(b.termId) ?? null) : t('bodies.noTerm')), responsive: ['sm'] },
    { title: t('bodies.parentBody'), key: 'parent', render: (_, b) => (b.parentBodyId ? (nameOf.get(b.parentBodyId) ?? '') : t('common.none')), responsive: ['md'] },
    { title: t('bodies.sortOrder'), dataIndex: 'sortOrder', key: 'sortOrder', width: 80, align: 'right', responsive: ['md'] },
    ...(can.manageBodies
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, b: Body) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDialog({ mode: 'edit', body: b })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle
        title={t('bodies.title')}
        intro={t('bodies.intro')}
        extra={
          can.manageBodies ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ mode: 'create', kind })}>
              {t('bodies.createTitle')}
            </Button>
          ) : null
        }
      />
      {data.error ? (
        <LoadError error={data.error} onRetry={data.reload} />
      ) : (
        <Card styles={{ body: { paddingTop: 0 } }}>
          <Tabs
            activeKey={kind}
            onChange={(k) => setKind(k as BodyKind)}
            items={BODY_KINDS.map((k) => ({
              key: k,
              label: (
                <span>
                  {t(`bodyKinds.${k}`)} <Badge count={bodies.filter((b) => b.kind === k).length} showZero color="#d9d9d9" style={{ color: '#595959' }} />
                </span>
              ),
            }))}
          />
          <Table<Body>
            rowKey="id"
            columns={columns}
            dataSource={bodies.filter((b) => b.kind === kind)}
            loading={data.loading}
            pagination={false}
            locale={{ emptyText: t('bodies.empty') }}
          />
        </Card>
      )}
      <BodyFormModal
        congressId={congress.id}
        dialog={dialog}
        bodies={bodies}
        terms={terms}
        onClose={() => setDialog(null)}
        onSaved={() => {
          void message.success(t('common.saved'));
          data.reload();
        }}
      />
    </>
  );
}

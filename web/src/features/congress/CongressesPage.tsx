// The tree of congresses: who sits under whom, with creation of child congresses and editing for
// their administrators; and the terms of the congress being worked on.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Congress } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { LoadError } from '../../components/Results.tsx';
import { useCongresses } from '../../congresses.tsx';
import { useTermLabel } from '../../hooks/useTermLabel.ts';
import { abilitiesIn, canCreateCongress } from '../../permissions.ts';
import { useCurrent } from '../../shell/current.tsx';
import { type CongressDialog, CongressFormModal } from './CongressFormModal.tsx';
import { TermsCard } from './TermsCard.tsx';

interface Row extends Congress {
  children?: Row[];
}

function toTree(list: Congress[]): Row[] {
  const ids = new Set(list.map((c) => c.id));
  const byParent = new Map<string | null, Row[]>();
  for (const c of list) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), { ...c }]);
  }
  const attach = (rows: Row[]): Row[] =>
    rows.map((r) => {
      const kids = byParent.get(r.id);
      return kids ? { ...r, children: attach(kids) } : r;
    });
  return attach(byParent.get(null) ?? []);
}

export function CongressesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const termLabel = useTermLabel();
  const { congress: current, user, reloadCongresses } = useCurrent();
  const { data, error, reload } = useCongresses();
  const [dialog, setDialog] = useState<CongressDialog | null>(null);
  const tree = useMemo(() => toTree(data ?? []), [data]);

  const onSaved = () => {
    void message.success(dialog?.mode === 'edit' ? t('common.saved') : t('common.created'));
    reloadCongresses();
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('congresses.name'),
      key: 'name',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong={c.id === current.id}>{c.name}</Typography.Text>
          {c.standingCommitteeName ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.standingCommitteeName}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('congresses.level'), key: 'level', width: 90, render: (_, c) => <Tag>{t(`levels.${c.level}`)}</Tag>, responsive: ['md'] },
    { title: t('congresses.currentTerm'), key: 'term', width: 110, render: (_, c) => termLabel(c.currentTerm), responsive: ['sm'] },
    { title: t('congresses.landing'), key: 'slug', width: 140, render: (_, c) => <Link to={`/p/${c.slug}`}>/p/{c.slug}</Link>, responsive: ['lg'] },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, c) => (
        <Space size={0} wrap>
          {abilitiesIn(user, c.id).administer ? (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDialog({ mode: 'edit', congress: c })}>
              {t('common.edit')}
            </Button>
          ) : null}
          {canCreateCongress(user, c.id) && c.level !== 'township' && c.level !== 'street' ? (
            <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setDialog({ mode: 'create', parent: c })}>
              {t('congresses.createChild')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('congresses.title')}
        intro={t('congresses.intro')}
        extra={
          canCreateCongress(user, null) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ mode: 'create', parent: null })}>
              {t('congresses.createTop')}
            </Button>
          ) : null
        }
      />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {error && !data ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Card styles={{ body: { padding: 0 } }}>
            <Table<Row> rowKey="id" columns={columns} dataSource={tree} pagination={false} expandable={{ defaultExpandAllRows: true }} loading={!data} />
          </Card>
        )}
        <TermsCard />
      </Space>
      <CongressFormModal dialog={dialog} onClose={() => setDialog(null)} onSaved={onSaved} />
    </>
  );
}

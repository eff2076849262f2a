// A congress's public page: its name, standing committee, current term and the member roster.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api.ts';
import { MembersTable } from '../components/MembersTable.tsx';
import { LoadError } from '../components/Results.tsx';
import { useCongresses } from '../congresses.tsx';
import { useLoader } from '../hooks/useLoader.ts';
import { useTermLabel } from '../hooks/useTermLabel.ts';
import { PortalFrame } from './PortalFrame.tsx';

export function CongressLanding() {
  const { t } = useTranslation();
  const termLabel = useTermLabel();
  const { slug } = useParams();
  const congresses = useCongresses();
  const congress = congresses.data?.find((c) => c.slug === slug);
  const parent = congress?.parentId ? congresses.data?.find((c) => c.id === congress.parentId) : undefined;
  const children = congress ? (congresses.data ?? []).filter((c) => c.parentId === congress.id) : [];
  const members = useLoader(() => (congress ? api.members.list(congress.id) : Promise.resolve([])), [congress?.id]);

  const back = (
    <Link to="/">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('portal.allCongresses')}
      </Button>
    </Link>
  );

  if (congresses.error) {
    return (
      <PortalFrame>
        <LoadError error={congresses.error} onRetry={congresses.reload} />
      </PortalFrame>
    );
  }
  if (!congresses.data) {
    return (
      <PortalFrame>
        <Skeleton active />
      </PortalFrame>
    );
  }
  if (!congress) {
    return (
      <PortalFrame>
        {back}
        <Alert type="warning" showIcon title={t('portal.notFound')} />
      </PortalFrame>
    );
  }

  return (
    <PortalFrame>
      {back}
      <div className="portal-hero" style={{ paddingTop: 8 }}>
        <Typography.Title level={2} style={{ marginBottom: 4 }} data-testid="landing-title">
          {congress.name}
        </Typography.Title>
        {congress.nameEn ? <Typography.Text type="secondary">{congress.nameEn}</Typography.Text> : null}
      </div>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('portal.standingCommittee')}>{congress.standingCommitteeName ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('portal.currentTerm')}>{termLabel(congress.currentTerm)}</Descriptions.Item>
            <Descriptions.Item label={t('congresses.level')}>{t(`levels.${congress.level}`)}</Descriptions.Item>
            {congress.region ? <Descriptions.Item label={t('congresses.region')}>{congress.region}</Descriptions.Item> : null}
            {parent ? (
              <Descriptions.Item label={t('congresses.parent')}>
                <Link to={`/p/${parent.slug}`}>{parent.name}</Link>
              </Descriptions.Item>
            ) : null}
            {children.length > 0 ? (
              <Descriptions.Item label={t('congresses.title')}>
                <Space wrap>
                  {children.map((c) => (
                    <Link key={c.id} to={`/p/${c.slug}`}>
                      {c.name}
                    </Link>
                  ))}
                </Space>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        <Card
          title={t('portal.roster')}
          extra={members.data ? <Typography.Text type="secondary">{t('portal.rosterCount', { count: members.data.length })}</Typography.Text> : null}
          styles={{ body: { padding: 0 } }}
        >
          {members.error ? <LoadError error={members.error} onRetry={members.reload} /> : <MembersTable members={members.data ?? []} loading={members.loading} />}
        </Card>
      </Space>
    </PortalFrame>
  );
}

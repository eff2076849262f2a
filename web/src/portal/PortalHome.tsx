// The public front page: every congress on the platform, each linking to its own page.
import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LoadError } from '../components/Results.tsx';
import { useCongresses } from '../congresses.tsx';
import { useTermLabel } from '../hooks/useTermLabel.ts';
import { PortalFrame } from './PortalFrame.tsx';
import './portal.css';
import { usePageMeta } from './usePageMeta.ts';
import { treeOrder } from './tree.ts';

export function PortalHome() {
  const { t } = useTranslation();
  const termLabel = useTermLabel();
  const { data, error, reload } = useCongresses();
  usePageMeta(t('portal.title'), t('portal.intro'));

  return (
    <PortalFrame>
      <div className="portal-hero">
        <Typography.Title level={2} style={{ marginBottom: 8 }}>
          {t('portal.title')}
        </Typography.Title>
        <p className="pp-muted">{t('portal.intro')}</p>
      </div>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {!data && !error ? <Skeleton active /> : null}
      {data && data.length === 0 ? <Empty description={t('portal.empty')} /> : null}
      {data && data.length > 0 ? (
        <Card styles={{ body: { padding: 0 } }}>
          <List
            dataSource={treeOrder(data)}
            renderItem={({ congress: c, depth }) => (
              <List.Item key={c.id} style={{ paddingInlineStart: 16 + depth * 24, paddingInlineEnd: 16 }} extra={<RightOutlined style={{ color: '#bfbfbf' }} />}>
                <Link to={`/p/${c.slug}`} style={{ display: 'block', flex: 1, color: 'inherit' }} data-testid={`portal-congress-${c.slug}`}>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {c.name}
                  </Typography.Text>
                  <div>
                    <Space size={4} wrap>
                      <Tag>{t(`levels.${c.level}`)}</Tag>
                      {c.currentTerm !== null ? <Tag color="red">{termLabel(c.currentTerm)}</Tag> : null}
                      {c.standingCommitteeName ? <span className="pp-muted">{c.standingCommitteeName}</span> : null}
                    </Space>
                  </div>
                </Link>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
    </PortalFrame>
  );
}

// The congress a public page belongs to (/p/:slug/…), with the frame's waiting and not-found states.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Congress } from '../api.ts';
import { LoadError } from '../components/Results.tsx';
import { useCongresses } from '../congresses.tsx';
import { PortalFrame } from './PortalFrame.tsx';

/** Renders `page` with the congress named in the address, or the frame's loading / error / not-found state. */
export function PortalCongressPage({ page }: { page: (congress: Congress) => ReactNode }) {
  const { t } = useTranslation();
  const { slug } = useParams();
  const congresses = useCongresses();
  const congress = congresses.data?.find((c) => c.slug === slug);
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
        <BackTo to="/" label={t('portal.allCongresses')} />
        <Alert type="warning" showIcon title={t('portal.notFound')} />
      </PortalFrame>
    );
  }
  return <PortalFrame>{page(congress)}</PortalFrame>;
}

export function BackTo({ to, label }: { to: string; label: string }) {
  return (
    <Link to={to}>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {label}
      </Button>
    </Link>
  );
}

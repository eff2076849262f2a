// The public site's frame: brand, language, and the way in for staff.
import { LoginOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Brand } from '../components/Brand.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useSession } from '../session.tsx';

export function PortalFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { status } = useSession();
  return (
    <div className="portal">
      <header className="portal-header">
        <Brand />
        <div className="shell-header-spacer" />
        <LanguageSwitch />
        <Link to={status === 'signed-in' ? '/app' : '/login'}>
          <Button type="primary" icon={<LoginOutlined />} data-testid="portal-login">
            {status === 'signed-in' ? t('portal.workspace') : t('portal.login')}
          </Button>
        </Link>
      </header>
      <main className="portal-main">{children}</main>
    </div>
  );
}

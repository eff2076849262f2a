// The public site's frame: a skip link, brand, language, and the way in for staff.
import { LoginOutlined, TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Brand } from '../components/Brand.tsx';
import { currentLang, setLang } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import './portal.css';

export function PortalFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { status } = useSession();
  return (
    <div className="portal">
      <a className="pp-skip" href="#portal-main">
        {t('publication.skip')}
      </a>
      <header className="portal-header">
        <Brand />
        <div className="shell-header-spacer" />
        {/* The visible text is the accessible name (WCAG 2.5.3); the target language is marked for screen readers. */}
        <Button type="text" icon={<TranslationOutlined aria-hidden />} onClick={() => void setLang(currentLang() === 'en' ? 'zh-CN' : 'en')} data-testid="language-switch" lang={currentLang() === 'en' ? 'zh-CN' : 'en'}>
          {t('common.switchLanguage')}
        </Button>
        <Link to={status === 'signed-in' ? '/app' : '/login'}>
          <Button type="primary" icon={<LoginOutlined />} data-testid="portal-login">
            {status === 'signed-in' ? t('portal.workspace') : t('portal.login')}
          </Button>
        </Link>
      </header>
      <main className="portal-main" id="portal-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

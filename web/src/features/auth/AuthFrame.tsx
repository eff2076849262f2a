// The frame of the sign-in and security pages: brand and language on top, one card in the middle.
import { Card } from 'antd';
import type { ReactNode } from 'react';
import { Brand } from '../../components/Brand.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

export function AuthFrame({ title, children, extra, wide = false }: { title: ReactNode; children: ReactNode; extra?: ReactNode; wide?: boolean }) {
  return (
    <div className="auth-page">
      <header className="portal-header">
        <Brand />
        <div className="shell-header-spacer" />
        {extra}
        <LanguageSwitch />
      </header>
      <main className="full-page-center" style={{ minHeight: 'auto', flex: 1, alignItems: 'flex-start', paddingTop: '6vh' }}>
        <Card title={title} className="auth-card" style={wide ? { maxWidth: 640 } : undefined}>
          {children}
        </Card>
      </main>
    </div>
  );
}

// The workspace frame: menu at the side (in a drawer on phones), the header with the congress,
// language and user, and the current page.
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Result, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useParams } from 'react-router-dom';
import { Brand } from '../components/Brand.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { FullPageSpin, LoadError } from '../components/Results.tsx';
import { rememberCongress, useCongresses } from '../congresses.tsx';
import { useIsPhone } from '../hooks/useIsPhone.ts';
import { abilitiesIn, rolesIn } from '../permissions.ts';
import { useUser } from '../session.tsx';
import { CongressSwitcher } from './CongressSwitcher.tsx';
import { type Current, CurrentContext } from './current.tsx';
import { NavMenu } from './NavMenu.tsx';
import { UserMenu } from './UserMenu.tsx';

export function AppShell() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const user = useUser();
  const congresses = useCongresses();
  const phone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const congress = congresses.data?.find((c) => c.slug === slug);

  const { pathname } = useLocation();

  useEffect(() => {
    if (congress) rememberCongress(congress.slug);
  }, [congress]);
  useEffect(() => setDrawerOpen(false), [pathname]);

  const current = useMemo<Current | null>(
    () => (congress ? { congress, user, roles: rolesIn(user, congress.id), can: abilitiesIn(user, congress.id), reloadCongresses: congresses.reload } : null),
    [congress, user, congresses.reload],
  );

  if (congresses.error && !congresses.data) {
    return (
      <div className="page-pad">
        <LoadError error={congresses.error} onRetry={congresses.reload} />
      </div>
    );
  }
  if (!congresses.data) return <FullPageSpin />;
  if (!current) {
    return (
      <div className="full-page-center">
        <Result
          status="404"
          title={t('errors.congressNotFoundTitle')}
          subTitle={t('errors.congressNotFoundText')}
          extra={
            <Link to="/app">
              <Button type="primary">{t('common.back')}</Button>
            </Link>
          }
        />
      </div>
    );
  }

  return (
    <CurrentContext.Provider value={current}>
      <Layout className="shell">
        {phone ? null : (
          <Layout.Sider width={224} breakpoint="lg" collapsible theme="light" className="shell-sider">
            <div className="shell-brand">
              <Brand to={`/app/${current.congress.slug}/members`} showTagline={false} />
            </div>
            <NavMenu />
          </Layout.Sider>
        )}
        <Layout>
          <Layout.Header className="shell-header">
            {phone ? (
              <>
                <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('shell.openMenu')} data-testid="open-menu" />
                <Typography.Text strong ellipsis className="shell-header-congress">
                  {current.congress.name}
                </Typography.Text>
              </>
            ) : (
              <CongressSwitcher />
            )}
            <div className="shell-header-spacer" />
            <LanguageSwitch compact={phone} />
            <UserMenu compact={phone} />
          </Layout.Header>
          <Layout.Content className="shell-content">
            {/* A page starts afresh when the congress changes: no filter or open record carries over. */}
            <Outlet key={current.congress.id} />
          </Layout.Content>
        </Layout>
        {phone ? (
          <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={288} title={<Brand showTagline={false} />} styles={{ body: { padding: 8 } }}>
            <div className="drawer-switcher">
              <Typography.Text type="secondary">{t('shell.congress')}</Typography.Text>
              <CongressSwitcher block />
            </div>
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        ) : null}
      </Layout>
    </CurrentContext.Provider>
  );
}

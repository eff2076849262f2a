// The signed-in user: roles in this congress, password, second factor, sign out.
import { DownOutlined, HomeOutlined, KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../session.tsx';
import { useCurrent } from './current.tsx';
import { TOTP_PATH } from './guards.tsx';

export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { logout } = useSession();
  const { user, roles, congress } = useCurrent();
  const navigate = useNavigate();

  const roleText = [user.isSuperadmin ? t('shell.superadmin') : null, ...roles.map((r) => t(`roles.${r}`))].filter(Boolean).join('、') || t('shell.noRoles');

  const items: MenuProps['items'] = [
    { key: 'roles', disabled: true, label: <div className="user-menu-roles">{`${t('shell.myRoles')}：${roleText}`}</div> },
    { type: 'divider' },
    { key: 'password', icon: <LockOutlined />, label: t('auth.changePassword') },
    { key: 'totp', icon: <KeyOutlined />, label: t('totp.menuItem') },
    { key: 'portal', icon: <HomeOutlined />, label: t('shell.portal') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') void navigate(`/app/${congress.slug}/password`);
    else if (key === 'totp') void navigate(TOTP_PATH);
    else if (key === 'portal') void navigate('/');
    else if (key === 'logout') {
      void logout().then(() => {
        void message.success(t('auth.loggedOut'));
        void navigate('/login', { replace: true });
      });
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" aria-label={user.displayName}>
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#a8071a' }} />
        {compact ? null : (
          <>
            <span className="user-name">{user.displayName}</span>
            <DownOutlined style={{ fontSize: 10 }} />
          </>
        )}
      </Button>
    </Dropdown>
  );
}

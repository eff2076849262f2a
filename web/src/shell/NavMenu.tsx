// The workspace's menu: daily work first, administration after; pages the user may not open are left out.
import { AuditOutlined, SafetyOutlined, ApartmentOutlined, FileTextOutlined, ClusterOutlined, ContactsOutlined, ScheduleOutlined, SettingOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { civicMenuItems } from '../features/opinions/civicMenu.tsx';
import { businessMenuItems } from '../features/bills/businessMenu.tsx';
import { useCurrent } from './current.tsx';

type Item = Required<MenuProps>['items'][number];

export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { congress, can, roles, user } = useCurrent();
  const navigate = useNavigate();
  const location = useLocation();
  const page = location.pathname.split('/')[3] ?? 'members';

  const work: Item[] = [
    { key: 'meetings', icon: <ScheduleOutlined />, label: t('nav.meetings') },
    { key: 'members', icon: <TeamOutlined />, label: t('nav.members') },
    { key: 'congresses', icon: <ApartmentOutlined />, label: t('nav.congresses') },
    { key: 'bodies', icon: <ClusterOutlined />, label: t('nav.bodies') },
    { key: 'legislation', icon: <FileTextOutlined />, label: t('legislation.nav') },
    ...(can.readPeople ? [{ key: 'people', icon: <ContactsOutlined />, label: t('nav.people') }] : []),
    ...civicMenuItems(roles, user.isSuperadmin, t),
    ...businessMenuItems(roles, user.isSuperadmin, t),
  ];
  const rules: Item = { key: 'rules', icon: <SettingOutlined />, label: t('nav.rules') };
  const loginLocks: Item = { key: 'login-locks', icon: <SafetyOutlined />, label: t('nav.loginLocks') };
  // Administrators get their own group; everyone else may read the rules profile among the daily pages.
  const items: Item[] = can.administer
    ? [
        { type: 'group', key: 'work', label: t('shell.work'), children: work },
        {
          type: 'group',
          key: 'admin',
          label: t('shell.admin'),
          children: [{ key: 'accounts', icon: <UserSwitchOutlined />, label: t('nav.accounts') }, loginLocks, rules, { key: 'audit', icon: <AuditOutlined />, label: t('nav.audit') }],
        },
      ]
    : [{ type: 'group', key: 'work', label: t('shell.work'), children: [...work, ...(can.watchLogins ? [loginLocks] : []), rules] }];

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[page]}
      onClick={({ key }) => {
        void navigate(`/app/${congress.slug}/${key}`);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );
}

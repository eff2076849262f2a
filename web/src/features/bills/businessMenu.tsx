// Menu entries for bills, oversight and personnel, by the user's roles in the congress.
import { AuditOutlined, FileTextOutlined, IdcardOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Role } from '../../api.ts';

type Item = Required<MenuProps>['items'][number];

export function businessMenuItems(roles: readonly Role[], isSuperadmin: boolean, t: TFunction): Item[] {
  const reader = isSuperadmin || roles.some((r) => r === 'admin' || r === 'office' || r === 'chair' || r === 'member' || r === 'committee');
  const items: Item[] = [];
  if (reader) items.push({ key: 'bills', icon: <FileTextOutlined />, label: t('business.nav.bills') });
  if (reader || roles.includes('handling_unit')) items.push({ key: 'oversight', icon: <AuditOutlined />, label: t('business.nav.oversight') });
  if (reader) items.push({ key: 'personnel', icon: <IdcardOutlined />, label: t('business.nav.personnel') });
  return items;
}

// Menu entries for citizens' opinions, liaison stations and deputies, by the user's roles in the congress.
import { BarChartOutlined, CommentOutlined, HomeOutlined, IdcardOutlined, SolutionOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Role } from '../../api.ts';

type Item = Required<MenuProps>['items'][number];

export function civicMenuItems(roles: readonly Role[], isSuperadmin: boolean, t: TFunction): Item[] {
  const office = isSuperadmin || roles.includes('office') || roles.includes('admin');
  const items: Item[] = [];
  if (office) items.push({ key: 'deputy', icon: <IdcardOutlined />, label: t('civic.nav.roster') });
  else if (roles.includes('deputy')) items.push({ key: 'deputy', icon: <IdcardOutlined />, label: t('civic.nav.deputy') });
  if (roles.includes('station_staff') || office) items.push({ key: 'station-desk', icon: <HomeOutlined />, label: t('civic.nav.station') });
  if (roles.includes('handling_unit')) items.push({ key: 'unit-desk', icon: <SolutionOutlined />, label: t('civic.nav.unit') });
  if (office || roles.includes('chair')) {
    items.push({ key: 'opinions', icon: <CommentOutlined />, label: t('civic.nav.opinions') });
    items.push({ key: 'opinions-dashboard', icon: <BarChartOutlined />, label: t('civic.nav.dashboard') });
  }
  return items;
}

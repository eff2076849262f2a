// Chooses the congress to work on; the page stays the same, the address changes.
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useCongresses, workspaceCongresses } from '../congresses.tsx';
import { useCurrent } from './current.tsx';

export function CongressSwitcher({ block = false }: { block?: boolean }) {
  const { t } = useTranslation();
  const { congress, user } = useCurrent();
  const { data } = useCongresses();
  const navigate = useNavigate();
  const location = useLocation();
  const options = workspaceCongresses(data ?? [congress], user).map((c) => ({ value: c.slug, label: c.name }));

  const choose = (slug: string) => {
    const page = location.pathname.split('/')[3] ?? 'members';
    void navigate(`/app/${slug}/${page}`);
  };

  return (
    <Select
      value={congress.slug}
      options={options}
      onChange={choose}
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={t('shell.selectCongress')}
      data-testid="congress-switcher"
      style={block ? { width: '100%' } : { width: 280 }}
      popupMatchSelectWidth={false}
    />
  );
}

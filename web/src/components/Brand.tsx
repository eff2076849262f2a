// The product's mark and name.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function Brand({ to = '/', showTagline = true }: { to?: string; showTagline?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="brand">
      <span className="brand-mark" aria-hidden>
        议
      </span>
      <span className="brand-name">{t('app.name')}</span>
      {showTagline ? <span className="brand-tagline">{t('app.tagline')}</span> : null}
    </Link>
  );
}

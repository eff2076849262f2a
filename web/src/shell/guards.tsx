// Route guards. They only decide what to show; the server enforces every permission itself.
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Forbidden, FullPageSpin, LoadError } from '../components/Results.tsx';
import { defaultCongress, useCongresses } from '../congresses.tsx';
import type { Abilities } from '../permissions.ts';
import { useSession, useUser } from '../session.tsx';
import { useCurrent } from './current.tsx';

export const TOTP_PATH = '/security/totp';

/** Signed-in users only; a user who must enrol a second factor is sent to do that first. */
export function RequireSession() {
  const { status, user } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'unreachable') {
    return (
      <div className="full-page-center">
        <Result status="warning" title={t('errors.network')} extra={<Button onClick={() => window.location.reload()}>{t('errors.retry')}</Button>} />
      </div>
    );
  }
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.totpEnrollmentRequired && location.pathname !== TOTP_PATH) return <Navigate to={TOTP_PATH} replace />;
  return <Outlet />;
}

/** /app: on to the congress the user works in. */
export function StartRedirect() {
  const user = useUser();
  const { data, error, reload } = useCongresses();
  if (error) {
    return (
      <div className="page-pad">
        <LoadError error={error} onRetry={reload} />
      </div>
    );
  }
  if (!data) return <FullPageSpin />;
  const target = defaultCongress(data, user);
  if (!target) return <Navigate to="/" replace />;
  return <Navigate to={`/app/${target.slug}/members`} replace />;
}

/** A page that needs an ability in the current congress. */
export function Guarded({ need, page }: { need: keyof Abilities; page: ReactNode }) {
  const { can } = useCurrent();
  return can[need] ? page : <Forbidden />;
}

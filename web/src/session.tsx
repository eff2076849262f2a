// Who is signed in. The session lives in an HttpOnly cookie; this context keeps the user the
// server reports and hands the CSRF token to the API client.
import { App } from 'antd';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type CurrentUser, type LoginRequest, type LoginResponse, api, setCsrfToken, setSessionListeners } from './api.ts';

export type SessionStatus = 'loading' | 'anonymous' | 'signed-in' | 'unreachable';

interface SessionValue {
  status: SessionStatus;
  user: CurrentUser | null;
  login: (input: Omit<LoginRequest, 'mode'>) => Promise<LoginResponse>;
  logout: () => Promise<void>;
  /** Asks the server again who is signed in (after enrolling a second factor, say). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUser] = useState<CurrentUser | null>(null);
  const statusRef = useRef<SessionStatus>('loading');
  statusRef.current = status;

  const signedOut = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
    setStatus('anonymous');
  }, []);

  const refresh = useCallback(async () => {
    try {
      const { csrfToken, ...me } = await api.auth.me();
      setCsrfToken(csrfToken);
      setUser(me);
      setStatus('signed-in');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) signedOut();
      else setStatus((s) => (s === 'loading' ? 'unreachable' : s));
    }
  }, [signedOut]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setSessionListeners({
      unauthenticated: () => {
        if (statusRef.current !== 'signed-in') return; // not signed in anyway: nothing has ended
        void message.warning(t('auth.sessionExpired'));
        setCsrfToken(null);
        setUser(null);
        setStatus('anonymous');
      },
      enrollmentRequired: () => setUser((u) => (u ? { ...u, totpEnrollmentRequired: true } : u)),
    });
    return () => setSessionListeners({});
  }, [message, t]);

  const login = useCallback(async (input: Omit<LoginRequest, 'mode'>) => {
    const res = await api.auth.login(input);
    setCsrfToken(res.csrfToken);
    setUser(res.user);
    setStatus('signed-in');
    return res;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.auth.logout();
    } finally {
      signedOut();
    }
  }, [signedOut]);

  const value = useMemo(() => ({ status, user, login, logout, refresh }), [status, user, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user; only for components under the session guard. */
export function useUser(): CurrentUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

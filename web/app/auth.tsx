import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Locale } from '../../contracts/locales';
import { isAbortError, setCsrfToken, setUnauthorizedHandler } from './api';
import { authApi, type Me, type Presence, type Session } from './auth.api';
import { changeLocale } from './i18n';

type AuthStatus = 'loading' | 'signedIn' | 'signedOut';
/** Why there is no session: never had one on this load, it expired under the user, or they logged out. */
type SignedOutReason = 'none' | 'expired' | 'loggedOut';

interface AuthContextValue {
  status: AuthStatus;
  user: Me | null;
  /** True when the session ended under the user (401 on some request), not by logging out. */
  isSessionExpired: boolean;
  /** After an explicit logout the next login starts from home, not from the page left behind. */
  hasLoggedOut: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<Me | null>;
  setLocale(locale: Locale): Promise<void>;
  setPresence(presence: Presence): Promise<void>;
  /** Called after a successful password change so the forced-change screen lets go. */
  markPasswordChanged(): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<Me | null>(null);
  const [signedOutReason, setSignedOutReason] = useState<SignedOutReason>('none');

  const applySession = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setUser(session.user);
    setStatus('signedIn');
    setSignedOutReason('none');
    void changeLocale(session.user.locale);
  }, []);

  const clearSession = useCallback((reason: SignedOutReason) => {
    setCsrfToken(null);
    setUser(null);
    setStatus('signedOut');
    setSignedOutReason(reason);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => clearSession('expired'));
    const controller = new AbortController();
    authApi
      .getMe(controller.signal)
      .then(applySession)
      .catch((error: unknown) => {
        if (!isAbortError(error)) clearSession('none');
      });
    return () => {
      controller.abort();
      setUnauthorizedHandler(null);
    };
  }, [applySession, clearSession]);

  const login = useCallback(
    async (username: string, password: string) => {
      const session = await authApi.login(username, password);
      applySession(session);
      return session.user;
    },
    [applySession],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      clearSession('loggedOut');
    }
  }, [clearSession]);

  const refresh = useCallback(async () => {
    try {
      const session = await authApi.getMe();
      applySession(session);
      return session.user;
    } catch {
      return null;
    }
  }, [applySession]);

  const setLocale = useCallback(
    async (locale: Locale) => {
      await changeLocale(locale);
      if (status !== 'signedIn') return;
      const result = await authApi.updatePreferences(locale);
      setUser(result.user);
    },
    [status],
  );

  const setPresence = useCallback(async (presence: Presence) => {
    const result = await authApi.updatePresence(presence);
    setUser(result.user);
  }, []);

  const markPasswordChanged = useCallback(() => {
    setUser((current) => (current ? { ...current, mustChangePassword: false } : current));
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      user,
      isSessionExpired: signedOutReason === 'expired',
      hasLoggedOut: signedOutReason === 'loggedOut',
      login,
      logout,
      refresh,
      setLocale,
      setPresence,
      markPasswordChanged,
    }),
    [status, user, signedOutReason, login, logout, refresh, setLocale, setPresence, markPasswordChanged],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** For pages behind the sign-in guard, where a user is always present. */
export function useCurrentUser(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser needs a signed-in user');
  return user;
}

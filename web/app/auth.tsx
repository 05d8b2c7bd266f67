import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Locale } from '../../contracts/locales';
import { isAbortError, setCsrfToken, setPendingStepHandler, setUnauthorizedHandler } from './api';
import { authApi, type Me, type Presence, type Session } from './auth.api';
import { queryClient } from './data/query-client';
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
  /** The second step of signing in; resolves with the user and whatever step they owe next. */
  verifySecondFactor(proof: { code: string } | { recoveryCode: string }): Promise<Me>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<Me | null>(null);
  const [signedOutReason, setSignedOutReason] = useState<SignedOutReason>('none');
  const signedInAs = useRef<string | null>(null);

  const applySession = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    if (signedInAs.current !== session.user.id) queryClient.clear();
    signedInAs.current = session.user.id;
    setUser(session.user);
    setStatus('signedIn');
    setSignedOutReason('none');
    void changeLocale(session.user.locale);
  }, []);

  const clearSession = useCallback((reason: SignedOutReason) => {
    setCsrfToken(null);
    // What one person read must never show to the next one signing in on this PC.
    queryClient.clear();
    signedInAs.current = null;
    setUser(null);
    setStatus('signedOut');
    setSignedOutReason(reason);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => clearSession('expired'));
    // The server held this session at a step (two-factor became required, say): learn which.
    setPendingStepHandler(() => {
      authApi
        .getMe()
        .then(applySession)
        .catch(() => undefined);
    });
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
      setPendingStepHandler(null);
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
      // A session that still owes a step may call nothing but that step; the choice stays in this browser.
      if (status !== 'signedIn' || user?.pendingStep) return;
      const result = await authApi.updatePreferences(locale);
      setUser(result.user);
    },
    [status, user?.pendingStep],
  );

  const setPresence = useCallback(async (presence: Presence) => {
    const result = await authApi.updatePresence(presence);
    setUser(result.user);
  }, []);

  const markPasswordChanged = useCallback(() => {
    setUser((current) =>
      current
        ? {
            ...current,
            mustChangePassword: false,
            pendingStep: current.pendingStep === 'change_password' ? null : current.pendingStep,
          }
        : current,
    );
    // Enrolment may be owed next; the server says.
    authApi
      .getMe()
      .then(applySession)
      .catch(() => undefined);
  }, [applySession]);

  const verifySecondFactor = useCallback(
    async (proof: { code: string } | { recoveryCode: string }) => {
      const session = await authApi.verifySecondFactor(proof);
      applySession(session);
      return session.user;
    },
    [applySession],
  );

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
      verifySecondFactor,
    }),
    [
      status,
      user,
      signedOutReason,
      login,
      logout,
      refresh,
      setLocale,
      setPresence,
      markPasswordChanged,
      verifySecondFactor,
    ],
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

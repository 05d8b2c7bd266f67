/** Paths the shell itself must know; the pages behind them are registered by the staff module. */
export const paths = {
  home: '/',
  login: '/login',
  /** Full-screen password change forced by `mustChangePassword`. */
  forcedPasswordChange: '/change-password',
  /** Voluntary password change from the user menu, inside the layout. */
  changePassword: '/account/password',
} as const;

/** Where to come back to after logging in; only same-site paths, never the login page itself. */
export function safeReturnPath(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith(paths.login)) {
    return paths.home;
  }
  return value;
}

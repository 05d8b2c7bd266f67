/** Paths the shell itself must know; the pages behind them are registered by the staff module. */
export const paths = {
  home: '/',
  login: '/login',
  /** Full-screen password change forced by `mustChangePassword`. */
  forcedPasswordChange: '/change-password',
  /** Voluntary password change from the user menu, inside the layout. */
  changePassword: '/account/password',
  /** The second step of signing in (code or recovery code), full screen. */
  secondFactor: '/login/verify',
  /** Two-step verification set-up forced by the company setting, full screen. */
  forcedTwoFactorEnrolment: '/two-factor/setup',
  /** The person's own two-step verification: set up, new recovery codes, turn off. */
  accountSecurity: '/account/security',
} as const;

/** Where a session that still owes a step is held (the server refuses everything else meanwhile). */
export function pathForPendingStep(
  step: 'second_factor' | 'change_password' | 'enrol_second_factor',
): string {
  if (step === 'second_factor') return paths.secondFactor;
  if (step === 'change_password') return paths.forcedPasswordChange;
  return paths.forcedTwoFactorEnrolment;
}

/** Where to come back to after logging in; only same-site paths, never the login page itself. */
export function safeReturnPath(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith(paths.login)) {
    return paths.home;
  }
  return value;
}

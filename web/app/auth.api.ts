import type { Locale } from '../../contracts/locales';
import type { RoleGrant } from './access';
import { api } from './api';

export const presences = ['at_desk', 'away', 'busy', 'off'] as const;
export type Presence = (typeof presences)[number];

/** What a session still owes before it is a full one (the server's access hook holds it there). */
export type PendingStep = 'second_factor' | 'change_password' | 'enrol_second_factor';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  locale: Locale;
  presence: Presence;
  companyId: string;
  companyName: string;
  mustChangePassword: boolean;
  pendingStep: PendingStep | null;
  roles: RoleGrant[];
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export const authApi = {
  login: (username: string, password: string) =>
    api.post<Session>('/auth/login', { username, password }, { ignoreUnauthorized: true }),
  logout: () => api.post<void>('/auth/logout'),
  getMe: (signal?: AbortSignal) => api.get<Session>('/auth/me', undefined, signal),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/auth/password', { currentPassword, newPassword }),
  updatePreferences: (locale: Locale) => api.put<{ user: Me }>('/auth/me/preferences', { locale }),
  updatePresence: (presence: Presence) => api.put<{ user: Me }>('/auth/me/presence', { presence }),
  verifySecondFactor: (proof: { code: string } | { recoveryCode: string }) =>
    api.post<Session>('/auth/two-factor/verify', proof),
};

export interface TwoFactorStatus {
  isEnabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  /** A role of this person is one the company requires two-step verification of. */
  isRequired: boolean;
}

export interface TwoFactorEnrolment {
  /** Base32, for typing into the authenticator by hand. */
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}

/** A current code or the password, to prove it is really the person before a change. */
export type IdentityProof = { code: string } | { password: string };

export const twoFactorApi = {
  getStatus: (signal?: AbortSignal) => api.get<TwoFactorStatus>('/auth/two-factor', undefined, signal),
  beginEnrolment: () => api.post<TwoFactorEnrolment>('/auth/two-factor/enrolment'),
  confirmEnrolment: (code: string) =>
    api.post<{ recoveryCodes: string[] }>('/auth/two-factor/enrolment/confirm', { code }),
  regenerateRecoveryCodes: (proof: IdentityProof) =>
    api.post<{ recoveryCodes: string[] }>('/auth/two-factor/recovery-codes', proof),
  disable: (proof: IdentityProof) => api.post<void>('/auth/two-factor/disable', proof),
};

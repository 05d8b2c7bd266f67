import type { Role } from '../../../contracts/roles.js';

export type Presence = 'at_desk' | 'away' | 'busy' | 'off';

export interface StaffTable {
  id: string;
  companyId: string;
  username: string;
  displayName: string;
  namePinyin: string;
  nameInitials: string;
  departmentId: string | null;
  title: string;
  officePhone: string;
  mobile: string;
  isMobileShareable: number;
  buildingId: string | null;
  doorId: string | null;
  presence: Presence;
  presenceChangedAt: string;
  passwordHash: string;
  mustChangePassword: number;
  locale: string;
  isDisabled: number;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StaffRolesTable {
  id: string;
  staffId: string;
  role: Role;
  projectId: string | null;
}

export interface SessionsTable {
  id: string;
  staffId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
  /** 1 from a password sign-in of someone with two-factor until their code is accepted. */
  isSecondFactorPending: number;
}

export interface StaffTwoFactorTable {
  staffId: string;
  /** The base32 TOTP secret, encrypted with platform/crypto (context: the staff id). */
  secretEncrypted: string;
  /** null while enrolment waits for its first code. */
  confirmedAt: string | null;
  lastTimeStep: number | null;
  createdAt: string;
}

export interface StaffRecoveryCodesTable {
  id: string;
  staffId: string;
  /** Keyed hash (platform/crypto lookupHash) of the normalised code; the code itself is never stored. */
  codeHash: string;
  usedAt: string | null;
  createdAt: string;
}

export interface LoginAttemptsTable {
  id: string;
  username: string;
  ip: string;
  at: string;
  isSuccess: number;
}

export interface StaffTables {
  staff: StaffTable;
  staffRoles: StaffRolesTable;
  sessions: SessionsTable;
  loginAttempts: LoginAttemptsTable;
  staffTwoFactor: StaffTwoFactorTable;
  staffRecoveryCodes: StaffRecoveryCodesTable;
}

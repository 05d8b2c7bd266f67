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
}

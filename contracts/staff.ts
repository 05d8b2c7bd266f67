/**
 * The staff directory as both sides see it (server/modules/staff answers, web/modules/staff reads).
 */
import type { Locale } from './locales.js';
import type { Role } from './roles.js';

export type Presence = 'at_desk' | 'away' | 'busy' | 'off';

export interface StaffRoleGrant {
  role: Role;
  projectId: string | null;
}

export interface Staff {
  id: string;
  username: string;
  displayName: string;
  namePinyin: string;
  nameInitials: string;
  departmentId: string | null;
  departmentName: string | null;
  /** Empty string when not set. */
  title: string;
  officePhone: string;
  /** Empty when not set; may come back masked, e.g. 138****5678, when the viewer may not see it. */
  mobile: string;
  isMobileShareable: boolean;
  presence: Presence;
  locale: Locale;
  isDisabled: boolean;
  mustChangePassword: boolean;
  /** Two-step verification set up and confirmed. */
  hasTwoFactor: boolean;
  roles: StaffRoleGrant[];
  createdAt: string;
}

export interface StaffPage {
  items: Staff[];
  total: number;
  page: number;
  pageSize: number;
}

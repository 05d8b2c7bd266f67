import type { Locale } from '../../../contracts/locales';
import type { Role } from '../../../contracts/roles';
import type { Staff } from '../../../contracts/staff';
import type { RoleGrant } from '../../app/access';
import { api, type PageResult } from '../../app/api';

export type { Staff };

export type StaffSort = 'displayName' | 'username' | 'createdAt' | 'departmentName';
export type StaffStatus = 'active' | 'disabled';

export interface StaffFilters {
  q?: string;
  departmentId?: string;
  role?: Role;
  projectId?: string;
  status?: StaffStatus;
}

export interface StaffListQuery extends StaffFilters {
  page: number;
  pageSize: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export interface StaffUpdateInput {
  displayName: string;
  departmentId: string | null;
  title: string;
  officePhone: string;
  /** Omitted when the user did not touch a masked number, so the stored one is kept. */
  mobile?: string;
  isMobileShareable: boolean;
  locale: Locale;
  roles: RoleGrant[];
}

export interface StaffCreateInput extends StaffUpdateInput {
  username: string;
  password: string;
}

export const staffApi = {
  findStaff: (query: StaffListQuery, signal?: AbortSignal) =>
    api.get<PageResult<Staff>>('/staff', { ...query }, signal),
  getStaffById: (id: string, signal?: AbortSignal) =>
    api.get<Staff>(`/staff/${encodeURIComponent(id)}`, undefined, signal),
  createStaff: (input: StaffCreateInput) => api.post<Staff>('/staff', input),
  updateStaff: (id: string, input: StaffUpdateInput) =>
    api.put<Staff>(`/staff/${encodeURIComponent(id)}`, input),
  disableStaff: (id: string) => api.post<Staff>(`/staff/${encodeURIComponent(id)}/disable`),
  enableStaff: (id: string) => api.post<Staff>(`/staff/${encodeURIComponent(id)}/enable`),
  resetPassword: (id: string, newPassword: string) =>
    api.post<void>(`/staff/${encodeURIComponent(id)}/reset-password`, { newPassword }),
  resetTwoFactor: (id: string) => api.post<void>(`/staff/${encodeURIComponent(id)}/reset-two-factor`),
};

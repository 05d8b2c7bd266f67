import type { Locale } from '../../contracts/locales';
import type { RoleGrant } from './access';
import { api } from './api';

export const presences = ['at_desk', 'away', 'busy', 'off'] as const;
export type Presence = (typeof presences)[number];

export interface Me {
  id: string;
  username: string;
  displayName: string;
  locale: Locale;
  presence: Presence;
  companyId: string;
  companyName: string;
  mustChangePassword: boolean;
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
};

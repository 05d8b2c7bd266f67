import { ApiError, api, type ListResult } from '../../app/api';

export type SettingScopeType = 'company' | 'project' | 'desk';
export type SettingSource = 'default' | SettingScopeType;
export type SettingValueType =
  | 'integer'
  | 'number'
  | 'boolean'
  | 'string'
  | 'enum'
  | 'integer_list'
  | 'time_range';

export interface SettingOption {
  value: string | number;
  label: string;
}

export interface SettingItem {
  key: string;
  group: string;
  /** Already in the user's language. */
  label: string;
  description: string;
  valueType: SettingValueType;
  options?: SettingOption[];
  min?: number;
  max?: number;
  unit?: string;
  value: unknown;
  defaultValue: unknown;
  source: SettingSource;
}

export interface SettingScope {
  scopeType: SettingScopeType;
  scopeId: string;
}

export const settingsApi = {
  findSettings: (scope: SettingScope, signal?: AbortSignal) =>
    api.get<ListResult<SettingItem>>('/settings', { ...scope }, signal),
  updateSetting: (key: string, scope: SettingScope, value: unknown) =>
    api.put<SettingItem>(`/settings/${encodeURIComponent(key)}`, { ...scope, value }),
  resetSetting: (key: string, scope: SettingScope) =>
    api.delete<SettingItem>(`/settings/${encodeURIComponent(key)}`, { ...scope }),
};

export type CalendarDayKind = 'rest' | 'work';

export interface CalendarDay {
  day: string;
  kind: CalendarDayKind;
  source: 'package' | 'administrator';
  name: string;
  isWeekend: boolean;
}

export interface CalendarYear {
  year: number;
  days: CalendarDay[];
  packageCoversYear: boolean;
}

async function uploadFile<T>(path: string, file: File): Promise<T> {
  // The session's CSRF token, as /auth/me gives it to every screen.
  const { csrfToken } = await api.get<{ csrfToken: string }>('/auth/me');
  const form = new FormData();
  form.append('file', file);
  // Multipart bodies cannot go through api.post (JSON); errors are decoded the same way.
  const response = await fetch(`/api${path}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok)
    throw new ApiError(
      response.status,
      body?.error?.code ?? `HTTP_${response.status}`,
      body?.error?.message ?? response.statusText,
      body?.error?.fields,
    );
  return body as T;
}

export const calendarApi = {
  findYear: (year: number, signal?: AbortSignal) =>
    api.get<CalendarYear>(`/calendar/years/${year}`, undefined, signal),
  saveYear: (year: number, text: string) =>
    api.put<CalendarYear & { saved: number }>(`/calendar/years/${year}`, { text }),
  readXlsx: (file: File) => uploadFile<{ text: string; rows: number }>('/calendar/xlsx-lines', file),
};

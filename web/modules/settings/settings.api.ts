import { api, type ListResult } from '../../app/api';

export type SettingScopeType = 'company' | 'project' | 'desk';
export type SettingSource = 'default' | SettingScopeType;
export type SettingValueType =
  | 'integer'
  | 'number'
  | 'boolean'
  | 'string'
  | 'enum'
  | 'integer_list'
  /** Several of `options` (e.g. the roles that must use two-step verification). */
  | 'enum_list'
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

export const calendarApi = {
  findYear: (year: number, signal?: AbortSignal) =>
    api.get<CalendarYear>(`/calendar/years/${year}`, undefined, signal),
  saveYear: (year: number, text: string) =>
    api.put<CalendarYear & { saved: number }>(`/calendar/years/${year}`, { text }),
  readXlsx: (file: File) => api.upload<{ text: string; rows: number }>('/calendar/xlsx-lines', file),
};

import type { CalendarLines, CalendarYear, SavedCalendarYear } from '../../../contracts/notify';
import type { SettingItem, SettingScope } from '../../../contracts/settings';
import { api, type ListResult } from '../../app/api';

export type {
  SettingItem,
  SettingOption,
  SettingScope,
  SettingScopeType,
  SettingSource,
  SettingValueType,
} from '../../../contracts/settings';

export const settingsApi = {
  findSettings: (scope: SettingScope, signal?: AbortSignal) =>
    api.get<ListResult<SettingItem>>('/settings', { ...scope }, signal),
  updateSetting: (key: string, scope: SettingScope, value: unknown) =>
    api.put<SettingItem>(`/settings/${encodeURIComponent(key)}`, { ...scope, value }),
  resetSetting: (key: string, scope: SettingScope) =>
    api.delete<SettingItem>(`/settings/${encodeURIComponent(key)}`, { ...scope }),
};

export type { CalendarDay, CalendarDayKind, CalendarYear } from '../../../contracts/notify';

export const calendarApi = {
  findYear: (year: number, signal?: AbortSignal) =>
    api.get<CalendarYear>(`/calendar/years/${year}`, undefined, signal),
  saveYear: (year: number, text: string) => api.put<SavedCalendarYear>(`/calendar/years/${year}`, { text }),
  readXlsx: (file: File) => api.upload<CalendarLines>('/calendar/xlsx-lines', file),
};

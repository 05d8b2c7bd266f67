/**
 * The settings page's answers as both sides see them: the server's response schemas
 * (server/modules/settings/settings.routes.ts) are checked against these at compile time, and the
 * web client (web/modules/settings/settings.api.ts) reads them.
 */

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
  value: string;
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

export interface SettingList {
  items: SettingItem[];
}

export interface SettingScope {
  scopeType: SettingScopeType;
  scopeId: string;
}

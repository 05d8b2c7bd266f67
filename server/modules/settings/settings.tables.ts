export type SettingScope = 'company' | 'project' | 'desk';

export interface SettingsTable {
  id: string;
  scopeType: SettingScope;
  scopeId: string;
  key: string;
  valueJson: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface SettingsTables {
  settings: SettingsTable;
}

export { type SettingKey, type SettingValue, settingDefinitions } from './settings.definitions.js';
export { settingsRoutes } from './settings.routes.js';
export { changeSetting, getSetting, resolveSetting, type SettingContext } from './settings.service.js';
export type { SettingsTables } from './settings.tables.js';

import { callRecordingsSettings } from './definitions/call-recordings.settings.js';
import { callsSettings } from './definitions/calls.settings.js';
import { conformanceSettings } from './definitions/conformance.settings.js';
import { dealsSettings } from './definitions/deals.settings.js';
import type { SettingDefinition } from './definitions/define.js';
import { notifySettings } from './definitions/notify.settings.js';
import { opsSettings } from './definitions/ops.settings.js';
import { privacySettings } from './definitions/privacy.settings.js';
import { reportsSettings } from './definitions/reports.settings.js';
import { salesSettings } from './definitions/sales.settings.js';
import { securitySettings } from './definitions/security.settings.js';
import { workordersSettings } from './definitions/workorders.settings.js';

export type { SettingDefinition, SettingValueType } from './definitions/define.js';

/**
 * Every number DOMAIN.md gives is the default of one of these settings (see each rule's ID in
 * its description); code reads them through getSetting, never as literals. One file per area.
 */
export const settingDefinitions = {
  ...callsSettings,
  ...callRecordingsSettings,
  ...salesSettings,
  ...dealsSettings,
  ...notifySettings,
  ...securitySettings,
  ...privacySettings,
  ...conformanceSettings,
  ...reportsSettings,
  ...opsSettings,
  ...workordersSettings,
} satisfies Record<string, SettingDefinition<never> | SettingDefinition<unknown>>;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = (typeof settingDefinitions)[K]['defaultValue'];

import type { z } from 'zod';
import type { Localized } from '../../../../contracts/locales.js';
import { localized } from '../../../platform/errors.js';
import type { SettingScope } from '../settings.tables.js';

export type SettingValueType =
  | 'integer'
  | 'number'
  | 'boolean'
  | 'string'
  | 'enum'
  | 'integer_list'
  | 'enum_list'
  | 'time_range';

export interface SettingDefinition<T = unknown> {
  group: string;
  label: Localized;
  description: Localized;
  valueType: SettingValueType;
  schema: z.ZodType<T>;
  defaultValue: T;
  /** Where an override may be stored; resolution is desk → project → company → default. */
  scopes: readonly SettingScope[];
  min?: number;
  max?: number;
  unit?: Localized;
  options?: ReadonlyArray<{ value: string; label: Localized }>;
}

export function define<T>(definition: SettingDefinition<T>): SettingDefinition<T> {
  return definition;
}

export const minutes = localized('分钟', '分鐘', 'minutes');
export const days = localized('天', '天', 'days');
export const rings = localized('声', '聲', 'rings');
export const seconds = localized('秒', '秒', 'seconds');

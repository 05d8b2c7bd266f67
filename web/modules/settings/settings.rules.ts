import type { SettingItem } from './settings.api';

export type TimePair = [string, string];

/**
 * Time ranges may arrive as "09:00-18:00", ["09:00","18:00"], {start,end} or {from,to}; read any of
 * them and write back in the shape the setting already uses, so the server gets what it sent.
 */
export function readTimeRange(value: unknown): TimePair | null {
  if (typeof value === 'string') {
    const match = /^\s*(\d{1,2}:\d{2})\s*[-–~至]\s*(\d{1,2}:\d{2})\s*$/.exec(value);
    return match ? [match[1], match[2]] : null;
  }
  if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
    return [value[0] as string, value[1] as string];
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const start = record.start ?? record.from;
    const end = record.end ?? record.to;
    if (typeof start === 'string' && typeof end === 'string') return [start, end];
  }
  return null;
}

export function writeTimeRange(pair: TimePair, template: unknown): unknown {
  if (Array.isArray(template)) return [...pair];
  if (template && typeof template === 'object') {
    return 'from' in (template as object) ? { from: pair[0], to: pair[1] } : { start: pair[0], end: pair[1] };
  }
  return `${pair[0]}-${pair[1]}`;
}

/** Client-side check mirroring the server's min/max so mistakes show before saving; null when valid. */
export function validateSettingValue(
  item: SettingItem,
  value: unknown,
  messages: { required: string; range: string; integer: string },
): string | null {
  switch (item.valueType) {
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || Number.isNaN(value)) return messages.required;
      if (item.valueType === 'integer' && !Number.isInteger(value)) return messages.integer;
      if ((item.min !== undefined && value < item.min) || (item.max !== undefined && value > item.max))
        return messages.range;
      return null;
    }
    case 'integer_list': {
      if (!Array.isArray(value)) return messages.required;
      for (const entry of value) {
        if (typeof entry !== 'number' || !Number.isInteger(entry)) return messages.integer;
        if ((item.min !== undefined && entry < item.min) || (item.max !== undefined && entry > item.max)) {
          return messages.range;
        }
      }
      return null;
    }
    case 'enum_list':
      return Array.isArray(value) ? null : messages.required;
    case 'enum':
      return value === undefined || value === null || value === '' ? messages.required : null;
    case 'time_range':
      return readTimeRange(value) ? null : messages.required;
    default:
      return null;
  }
}

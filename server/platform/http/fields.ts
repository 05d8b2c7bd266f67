import { z } from 'zod';
import { localizedIssue } from './validation.js';

/**
 * Field schemas every module shares, so a kind of input is checked the same way on every route.
 * The input layer (clean-input.ts) reads the multi-line mark from a route's schema.
 */

const multilineSchemas = new WeakSet<object>();

/**
 * Marks a text field that may hold line breaks and tabs (notes, addresses, message bodies): the
 * input layer refuses them everywhere else. Apply it to the finished string schema
 * (`multilineText(z.string().max(2000))`, then `.optional()`), because zod's `.max()` and the like
 * return a new schema without the mark.
 */
export function multilineText<T extends z.ZodType>(schema: T): T {
  multilineSchemas.add(schema);
  return schema;
}

export function isMultilineSchema(schema: object): boolean {
  return multilineSchemas.has(schema);
}

/**
 * Text that holds a phone, ID number or number: folded with NFKC before any other check, so
 * full-width digits and letters (１３８, Ｘ) and ideographic spaces typed by a Chinese IME read as
 * their ASCII forms. `overwrite` keeps it a plain string schema (OpenAPI, `.trim()`, `.max()`).
 */
export function nfkcText() {
  return z.string().overwrite((value) => value.normalize('NFKC'));
}

/** A calendar day that exists, 'YYYY-MM-DD' (zod's ISO date knows month lengths and leap years). */
export const calendarDay = z.iso.date(
  localizedIssue({
    'zh-CN': '请输入有效的日期(YYYY-MM-DD)',
    'zh-TW': '請輸入有效的日期(YYYY-MM-DD)',
    en: 'Enter a real date (YYYY-MM-DD)',
  }),
);

/**
 * An ISO-8601 date-time on a real calendar day, with `Z` or an offset (`+08:00`), handed on as UTC
 * of fixed width (`toISOString`), the form every time is stored and compared in.
 */
export const dateTime = z.iso
  .datetime({
    offset: true,
    ...localizedIssue({
      'zh-CN': '请输入有效的日期时间(ISO 8601,例如 2026-12-06T09:30:00+08:00)',
      'zh-TW': '請輸入有效的日期時間(ISO 8601,例如 2026-12-06T09:30:00+08:00)',
      en: 'Enter a real date and time (ISO 8601, e.g. 2026-12-06T09:30:00+08:00)',
    }),
  })
  .transform((value) => new Date(value).toISOString());

import type { FastifySchemaCompiler } from 'fastify';
import type { core } from 'zod';
import { type ZodType, z } from 'zod';
import type { Locale, Localized } from '../../../contracts/locales.js';
import type { FieldErrors } from '../errors.js';

type Issue = core.$ZodIssue & { input?: unknown };

/** Validation failure that keeps zod's issues, so the error handler can word them per language. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly issues: Issue[],
    readonly part: string,
  ) {
    super(
      `Invalid ${part}: ${issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.code}`).join(', ')}`,
    );
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    // reportInput only serves to tell "missing" from "wrong type"; the input never leaves this module.
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues as Issue[], httpPart ?? 'body') };
  };

const zodLocales = { 'zh-CN': z.locales.zhCN(), 'zh-TW': z.locales.zhTW(), en: z.locales.en() } as const;

const localizedPrefix = 'i18n:';

function describeIssue(issue: Issue, locale: Locale): string {
  const pick = (text: Localized) => text[locale];
  if (issue.message.startsWith(localizedPrefix))
    return (JSON.parse(issue.message.slice(localizedPrefix.length)) as Localized)[locale];
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null)
        return pick({ 'zh-CN': '必填', 'zh-TW': '必填', en: 'Required' });
      break;
    case 'too_small':
      if (issue.origin === 'string') {
        const min = Number(issue.minimum);
        if (min <= 1) return pick({ 'zh-CN': '不能为空', 'zh-TW': '不能為空', en: 'Must not be empty' });
        return pick({
          'zh-CN': `至少 ${min} 个字符`,
          'zh-TW': `至少 ${min} 個字元`,
          en: `At least ${min} characters`,
        });
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return pick({
          'zh-CN': `至少选择 ${issue.minimum} 项`,
          'zh-TW': `至少選擇 ${issue.minimum} 項`,
          en: `Choose at least ${issue.minimum}`,
        });
      return pick({
        'zh-CN': `不能小于 ${issue.minimum}`,
        'zh-TW': `不能小於 ${issue.minimum}`,
        en: `Must be at least ${issue.minimum}`,
      });
    case 'too_big':
      if (issue.origin === 'string')
        return pick({
          'zh-CN': `最多 ${issue.maximum} 个字符`,
          'zh-TW': `最多 ${issue.maximum} 個字元`,
          en: `At most ${issue.maximum} characters`,
        });
      if (issue.origin === 'array' || issue.origin === 'set')
        return pick({
          'zh-CN': `最多 ${issue.maximum} 项`,
          'zh-TW': `最多 ${issue.maximum} 項`,
          en: `At most ${issue.maximum} items`,
        });
      return pick({
        'zh-CN': `不能大于 ${issue.maximum}`,
        'zh-TW': `不能大於 ${issue.maximum}`,
        en: `Must be at most ${issue.maximum}`,
      });
    case 'unrecognized_keys':
      return pick({ 'zh-CN': '不允许的字段', 'zh-TW': '不允許的欄位', en: 'Field not allowed' });
    case 'invalid_value':
      return pick({
        'zh-CN': '不是允许的选项',
        'zh-TW': '不是允許的選項',
        en: 'Not one of the allowed options',
      });
    default:
      break;
  }
  const { input: _input, ...withoutInput } = issue;
  const worded = zodLocales[locale].localeError(withoutInput as never);
  if (typeof worded === 'string') return worded;
  return worded?.message ?? issue.message;
}

/** Field path → message per language; unknown keys are reported under their own names. */
export function issuesToFieldErrors(issues: Issue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const paths =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => [...issue.path, key].join('.'))
        : [issue.path.map(String).join('.') || '_'];
    for (const path of paths) {
      if (fields[path]) continue;
      fields[path] = {
        'zh-CN': describeIssue(issue, 'zh-CN'),
        'zh-TW': describeIssue(issue, 'zh-TW'),
        en: describeIssue(issue, 'en'),
      };
    }
  }
  return fields;
}

/** A check's message in all three languages, carried inside zod's message and read back by describeIssue. */
export function localizedIssue(text: Localized): { message: string } {
  return { message: `${localizedPrefix}${JSON.stringify(text)}` };
}

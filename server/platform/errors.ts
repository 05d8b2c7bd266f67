import type { Locale, Localized } from '../../contracts/locales.js';

/** What kind of failure a code is; the one switch below turns a kind into an HTTP status. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface ErrorDefinition {
  code: string;
  kind: ErrorKind;
  /** User-facing text per language; `{name}` placeholders are filled from the error's params. */
  message: Localized;
}

type DefinitionInput = Omit<ErrorDefinition, 'code'>;

/** Declares a module's error codes; the key becomes the code. */
export function defineErrors<const T extends Record<string, DefinitionInput>>(
  definitions: T,
): { [K in keyof T]: ErrorDefinition & { code: K } } {
  const result: Record<string, ErrorDefinition> = {};
  for (const [code, definition] of Object.entries(definitions)) result[code] = { code, ...definition };
  return result as { [K in keyof T]: ErrorDefinition & { code: K } };
}

export function statusForKind(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'too_large':
      return 413;
    case 'unprocessable':
      return 422;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
    default:
      return assertUnreachable(kind);
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}

export type FieldErrors = Record<string, Localized>;

/** A placeholder's value: plain, or per language (an entity's name, say). */
export type ErrorParam = string | number | Localized;
export type ErrorParams = Record<string, ErrorParam>;

export class AppError extends Error {
  readonly definition: ErrorDefinition;
  readonly params: ErrorParams;
  readonly fields?: FieldErrors;

  constructor(definition: ErrorDefinition, params: ErrorParams = {}, fields?: FieldErrors) {
    super(`${definition.code}: ${fillPlaceholders(definition.message.en, params, 'en')}`);
    this.name = 'AppError';
    this.definition = definition;
    this.params = params;
    this.fields = fields;
  }

  get code(): string {
    return this.definition.code;
  }

  get status(): number {
    return statusForKind(this.definition.kind);
  }

  userMessage(locale: Locale): string {
    return fillPlaceholders(this.definition.message[locale], this.params, locale);
  }
}

export function fillPlaceholders(template: string, params: ErrorParams, locale: Locale = 'zh-CN'): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'object' ? value[locale] : String(value);
  });
}

export function localized(zhCN: string, zhTW: string, en: string): Localized {
  return { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
}

/** Errors every module may raise; module-specific codes live in each module's <m>.errors.ts. */
export const commonErrors = defineErrors({
  VALIDATION_FAILED: {
    kind: 'invalid',
    message: localized(
      '提交的内容有误,请检查标出的字段。',
      '提交的內容有誤,請檢查標出的欄位。',
      'Some fields are invalid; please check them.',
    ),
  },
  UNAUTHENTICATED: {
    kind: 'unauthenticated',
    message: localized('请先登录。', '請先登入。', 'Please sign in.'),
  },
  SESSION_EXPIRED: {
    kind: 'unauthenticated',
    message: localized(
      '登录已过期,请重新登录。',
      '登入已過期,請重新登入。',
      'Your session has expired; please sign in again.',
    ),
  },
  FORBIDDEN: {
    kind: 'forbidden',
    message: localized(
      '您没有执行此操作的权限。',
      '您沒有執行此操作的權限。',
      'You are not allowed to do this.',
    ),
  },
  /** A session that gave the password but not yet the second factor calls anything but that step. */
  TWO_FACTOR_REQUIRED: {
    kind: 'forbidden',
    message: localized(
      '请先输入动态验证码完成登录。',
      '請先輸入動態驗證碼完成登入。',
      'Enter your authenticator code to finish signing in.',
    ),
  },
  /** Someone whose role requires two-factor and who has not set it up calls anything but enrolment. */
  TWO_FACTOR_ENROLMENT_REQUIRED: {
    kind: 'forbidden',
    message: localized(
      '您的角色要求启用两步验证,请先完成设置。',
      '您的角色要求啟用兩步驟驗證,請先完成設定。',
      'Your role requires two-step verification; set it up first.',
    ),
  },
  /** A person who must change their password (new account, reset) calls anything but the change. */
  PASSWORD_CHANGE_REQUIRED: {
    kind: 'forbidden',
    message: localized(
      '请先修改密码后再继续使用。',
      '請先修改密碼後再繼續使用。',
      'Change your password before you continue.',
    ),
  },
  CSRF_FAILED: {
    kind: 'forbidden',
    message: localized(
      '请求校验失败,请刷新页面后重试。',
      '請求校驗失敗,請重新整理頁面後重試。',
      'The request could not be verified; reload the page and try again.',
    ),
  },
  NOT_FOUND: {
    kind: 'not_found',
    message: localized('找不到{entity}。', '找不到{entity}。', '{entity} not found.'),
  },
  ROUTE_NOT_FOUND: {
    kind: 'not_found',
    message: localized('接口不存在。', '介面不存在。', 'No such API route.'),
  },
  PAYLOAD_TOO_LARGE: {
    kind: 'too_large',
    message: localized('提交的内容过大。', '提交的內容過大。', 'The request is too large.'),
  },
  RATE_LIMITED: {
    kind: 'rate_limited',
    message: localized(
      '操作过于频繁,请稍后再试。',
      '操作過於頻繁,請稍後再試。',
      'Too many requests; please try again later.',
    ),
  },
  CONCURRENT_CHANGE: {
    kind: 'conflict',
    message: localized(
      '数据已被他人修改,请刷新后重试。',
      '資料已被他人修改,請重新整理後重試。',
      'Someone else changed this; reload and try again.',
    ),
  },
  DUPLICATE: {
    kind: 'conflict',
    message: localized('{entity}已存在。', '{entity}已存在。', '{entity} already exists.'),
  },
  SERVICE_UNAVAILABLE: {
    kind: 'unavailable',
    message: localized(
      '服务暂时不可用,请稍后再试。',
      '服務暫時不可用,請稍後再試。',
      'The service is unavailable; please try again later.',
    ),
  },
  SCOPE_NOT_APPLIED: {
    kind: 'internal',
    message: localized(
      '系统内部错误:此接口未校验数据范围,已拒绝返回(编号 {requestId})。',
      '系統內部錯誤:此介面未校驗資料範圍,已拒絕返回(編號 {requestId})。',
      'Internal error: this route did not check which records you may see, so nothing was sent (reference {requestId}).',
    ),
  },
  INTERNAL: {
    kind: 'internal',
    message: localized(
      '系统内部错误,请稍后再试(编号 {requestId})。',
      '系統內部錯誤,請稍後再試(編號 {requestId})。',
      'Internal error; please try again later (reference {requestId}).',
    ),
  },
});

import { z } from 'zod';
import { locales } from '../../../contracts/locales.js';
import { roles } from '../../../contracts/roles.js';
import type * as contract from '../../../contracts/staff.js';
import { pendingSteps } from '../../platform/http/access.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { nfkcText } from '../../platform/http/fields.js';
import { sortQuery } from '../../platform/http/pagination.js';
import { localizedIssue } from '../../platform/http/validation.js';

export const roleSchema = z.enum(roles);
export const localeSchema = z.enum(locales);
export const presenceSchema = z.enum(['at_desk', 'away', 'busy', 'off']);
export const grantSchema = z.strictObject({
  role: roleSchema,
  projectId: z.string().min(1).max(64).nullable(),
});

const phone = nfkcText()
  .trim()
  .max(30)
  .regex(
    /^[0-9+\-() ]*$/,
    localizedIssue({
      'zh-CN': '只能包含数字和 + - ( )',
      'zh-TW': '只能包含數字和 + - ( )',
      en: 'Digits and + - ( ) only',
    }),
  );
const mobile = nfkcText()
  .trim()
  .regex(
    /^(1[3-9]\d{9})?$/,
    localizedIssue({
      'zh-CN': '请输入 11 位手机号',
      'zh-TW': '請輸入 11 位手機號',
      en: 'Enter an 11-digit mobile number',
    }),
  );

/**
 * Passwords are not folded with NFKC: the input layer stores them in NFC and refuses control
 * characters, as RFC 8265's OpaqueString profile does, so compatibility characters stay distinct.
 */
export const passwordSchema = z
  .string()
  .min(10)
  .max(128)
  .refine(
    (value) => /[A-Za-z]/.test(value) && /\d/.test(value),
    localizedIssue({
      'zh-CN': '需同时包含字母和数字',
      'zh-TW': '需同時包含字母和數字',
      en: 'Use both letters and digits',
    }),
  );

const profileFieldTypes = {
  displayName: z.string().trim().min(1).max(40),
  departmentId: z.string().min(1).max(64).nullable(),
  title: z.string().trim().max(40),
  officePhone: phone,
  mobile,
  isMobileShareable: z.boolean(),
  locale: localeSchema,
  roles: z.array(grantSchema).max(30),
};

const profileFields = {
  ...profileFieldTypes,
  departmentId: profileFieldTypes.departmentId.default(null),
  title: profileFieldTypes.title.default(''),
  officePhone: phone.default(''),
  mobile: mobile.default(''),
  isMobileShareable: profileFieldTypes.isMobileShareable.default(false),
  locale: localeSchema.default('zh-CN'),
  roles: profileFieldTypes.roles.default([]),
};

export const staffCreateBody = z.strictObject({
  username: z
    .string()
    .trim()
    .min(2)
    .max(32)
    .regex(
      /^[a-zA-Z0-9._-]+$/,
      localizedIssue({
        'zh-CN': '只能使用字母、数字和 . _ -',
        'zh-TW': '只能使用字母、數字和 . _ -',
        en: 'Letters, digits and . _ - only',
      }),
    ),
  password: passwordSchema,
  ...profileFields,
});

/** An update changes the fields it names; an omitted field keeps its value (never blanked). */
export const staffUpdateBody = z.strictObject(profileFieldTypes).partial();

export const staffSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  namePinyin: z.string(),
  nameInitials: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  title: z.string(),
  officePhone: z.string(),
  mobile: z.string(),
  isMobileShareable: z.boolean(),
  presence: presenceSchema,
  locale: z.string(),
  isDisabled: z.boolean(),
  mustChangePassword: z.boolean(),
  hasTwoFactor: z.boolean(),
  roles: z.array(z.object({ role: roleSchema, projectId: z.string().nullable() })),
  createdAt: z.string(),
});

export const staffPageSchema = z.object({
  items: z.array(staffSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

// The answers above are the shared contract (contracts/staff.ts): see platform/http/contract-check.ts.
export type ContractChecks = [
  Check<Agrees<contract.Staff, typeof staffSchema>>,
  Check<Agrees<contract.StaffPage, typeof staffPageSchema>>,
];

/** The staff list's filters and sort, shared by the list and its export. */
export const staffFilters = z.strictObject({
  q: z.string().trim().max(40).optional(),
  departmentId: z.string().max(64).optional(),
  role: roleSchema.optional(),
  projectId: z.string().max(64).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  ...sortQuery(['displayName', 'username', 'createdAt', 'departmentName']),
});

export const resetPasswordBody = z.strictObject({ newPassword: passwordSchema });

// --- auth ---

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  locale: localeSchema,
  presence: presenceSchema,
  companyId: z.string(),
  companyName: z.string(),
  mustChangePassword: z.boolean(),
  /** What this session still owes (second factor, password change, two-factor set-up); null if nothing. */
  pendingStep: z.enum(pendingSteps).nullable(),
  roles: z.array(z.object({ role: roleSchema, projectId: z.string().nullable() })),
});

export const sessionSchema = z.object({ user: meSchema, csrfToken: z.string() });
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});
export const preferencesBody = z.strictObject({ locale: localeSchema });
export const presenceBody = z.strictObject({ presence: presenceSchema });

// --- two-step verification ---

/** Full-width digits from a Chinese IME are folded; spaces inside ("123 456") are allowed. */
const totpCode = nfkcText().trim().min(1).max(16);
const recoveryCode = nfkcText().trim().min(1).max(32);

export const twoFactorCodeBody = z.strictObject({ code: totpCode });

const exactlyOne = (fields: string[], message: Parameters<typeof localizedIssue>[0]) =>
  [
    (value: Record<string, unknown>) => fields.filter((field) => value[field] !== undefined).length === 1,
    localizedIssue(message),
  ] as const;

export const secondFactorBody = z
  .strictObject({ code: totpCode.optional(), recoveryCode: recoveryCode.optional() })
  .refine(
    ...exactlyOne(['code', 'recoveryCode'], {
      'zh-CN': '请输入动态验证码或恢复码(二选一)',
      'zh-TW': '請輸入動態驗證碼或復原碼(二選一)',
      en: 'Enter either an authenticator code or a recovery code',
    }),
  );

export const identityProofBody = z
  .strictObject({ code: totpCode.optional(), password: z.string().min(1).max(128).optional() })
  .refine(
    ...exactlyOne(['code', 'password'], {
      'zh-CN': '请输入动态验证码或当前密码(二选一)',
      'zh-TW': '請輸入動態驗證碼或目前密碼(二選一)',
      en: 'Enter either an authenticator code or your current password',
    }),
  );

export const twoFactorStatusSchema = z.object({
  isEnabled: z.boolean(),
  enabledAt: z.string().nullable(),
  recoveryCodesLeft: z.number(),
  isRequired: z.boolean(),
});

export const enrolmentSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrCodeDataUrl: z.string(),
});

export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

import { z } from 'zod';
import { dateTime, multilineText, nfkcText } from '../../../platform/http/fields.js';
import { pageResult, sortQuery } from '../../../platform/http/pagination.js';
import { localizedIssue } from '../../../platform/http/validation.js';

export const id = z.string().min(1).max(64);
export const isoTime = dateTime;
export const projectQuery = { projectId: id };

export const genderSchema = z.enum(['male', 'female', 'unknown']);
export const keyKindSchema = z.enum(['developer', 'peer', 'media']);
export const purposeSchema = z.enum(['self_use', 'investment', 'upgrade', 'other', '']);
export const consentViaSchema = z.enum(['verbal', 'written', 'form', 'sms', 'import']);
export const channelSchema = z.enum(['phone', 'wechat', 'sms', 'visit']);
const area = z.number().int().min(1).max(10000).nullable().default(null);

export const customerInputFields = {
  name: z.string().trim().min(1).max(40),
  gender: genderSchema.default('unknown'),
  phones: z.array(nfkcText().trim().min(1).max(30)).max(5).default([]),
  isPhoneRefused: z.boolean().default(false),
  sourceChannelId: id.nullable().default(null),
  keyKind: keyKindSchema.nullable().default(null),
  intentLayout: z.string().trim().max(40).default(''),
  intentAreaMin: area,
  intentAreaMax: area,
  intentBudgetFen: z.number().int().min(0).max(1e13).nullable().default(null),
  intentPurpose: purposeSchema.default(''),
  notes: multilineText(z.string().trim().max(500)).default(''),
  hasContactConsent: z.boolean().default(false),
  hasMarketingConsent: z.boolean().default(false),
  consentVia: consentViaSchema.default('verbal'),
  locale: z.enum(['zh-CN', 'zh-TW', 'en']).default('zh-CN'),
};

export const areaOrder = (value: { intentAreaMin: number | null; intentAreaMax: number | null }) =>
  value.intentAreaMin === null || value.intentAreaMax === null || value.intentAreaMin <= value.intentAreaMax;
export const areaIssue = {
  path: ['intentAreaMax'],
  ...localizedIssue({
    'zh-CN': '最大面积不能小于最小面积',
    'zh-TW': '最大面積不能小於最小面積',
    en: 'Max area must not be below min area',
  }),
};

/** On update an absent `phones` keeps the stored numbers (the screen only ever holds masked ones). */
export const customerInput = z
  .strictObject({
    ...customerInputFields,
    phones: z.array(nfkcText().trim().min(1).max(30)).max(5).optional(),
  })
  .refine(areaOrder, areaIssue);
export const customerCreateBody = z
  .strictObject({ projectId: id, ...customerInputFields })
  .refine(areaOrder, areaIssue);

export const phoneDetailSchema = z.object({
  id: z.string(),
  phone: z.string(),
  kind: z.enum(['mobile', 'landline']),
  tail4: z.string(),
  isMasked: z.boolean(),
});

export const customerSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  gender: genderSchema,
  category: z.enum(['normal', 'key']),
  keyKind: keyKindSchema.nullable(),
  sourceChannelId: z.string().nullable(),
  intentLayout: z.string(),
  intentAreaMin: z.number().nullable(),
  intentAreaMax: z.number().nullable(),
  intentBudgetFen: z.number().nullable(),
  intentPurpose: purposeSchema,
  notes: z.string(),
  ownerStaffId: z.string().nullable(),
  ownerName: z.string().nullable(),
  ownedSince: z.string().nullable(),
  protectedUntil: z.string().nullable(),
  hasContactConsent: z.boolean(),
  contactConsentAt: z.string().nullable(),
  contactConsentVia: consentViaSchema.nullable(),
  hasMarketingConsent: z.boolean(),
  marketingConsentAt: z.string().nullable(),
  marketingConsentVia: consentViaSchema.nullable(),
  isPhoneRefused: z.boolean(),
  firstContact: z.string(),
  locale: z.string(),
  movedInAt: z.string().nullable(),
  isErased: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  phones: z.array(z.string()),
  phoneDetails: z.array(phoneDetailSchema),
  canRevealPhones: z.boolean(),
  canEdit: z.boolean(),
});

/** The customer book's filters and sort, shared by its list and its export. */
export const customerFilters = z.strictObject({
  projectId: id,
  scope: z.enum(['mine', 'all']).default('mine'),
  q: z.string().trim().max(40).optional(),
  ownerStaffId: id.optional(),
  category: z.enum(['normal', 'key']).optional(),
  sourceChannelId: id.optional(),
  createdFrom: isoTime.optional(),
  createdTo: isoTime.optional(),
  ...sortQuery(['createdAt', 'name', 'protectedUntil']),
});
export const registerResult = z.object({
  outcome: z.enum(['created', 'mine', 'taken_over']),
  customer: customerSchema,
});

export const phoneCheckBody = z.strictObject({ projectId: id, phone: nfkcText().trim().min(1).max(30) });
export const phoneCheckResult = z.object({
  status: z.enum(['invalid', 'free', 'mine', 'taken', 'lapsed']),
  ownerName: z.string().nullable().optional(),
  customerId: z.string().optional(),
  customerName: z.string().optional(),
});

export const revealResult = z.object({
  phones: z.array(z.object({ id: z.string(), phone: z.string(), kind: z.enum(['mobile', 'landline']) })),
});

export const timelineSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      refId: z.string().nullable(),
      summary: z.string(),
      actorName: z.string(),
      at: z.string(),
    }),
  ),
});

export const moveInBody = z.strictObject({ movedInAt: isoTime });
export const eraseBody = z.strictObject({ reason: multilineText(z.string().trim().min(1).max(200)) });

export function pageOf<T extends z.ZodType>(item: T) {
  return pageResult(item);
}

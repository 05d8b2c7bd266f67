import { z } from 'zod';
import type * as contract from '../../../contracts/customers.js';
import {
  type ErasureCategory,
  erasureRules,
  personalDataKinds,
  revealReasons,
} from '../../../contracts/personal-data.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { dateTime, multilineText, nfkcText } from '../../platform/http/fields.js';
import { pageQuery, pageResult } from '../../platform/http/pagination.js';
import { localizedIssue } from '../../platform/http/validation.js';

const id = z.string().min(1).max(64);
const isoTime = dateTime;
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

const areaOrder = (value: { intentAreaMin: number | null; intentAreaMax: number | null }) =>
  value.intentAreaMin === null || value.intentAreaMax === null || value.intentAreaMin <= value.intentAreaMax;
const areaIssue = {
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

export const customerListQuery = z.strictObject({
  projectId: id,
  scope: z.enum(['mine', 'all']).default('mine'),
  q: z.string().trim().max(40).optional(),
  ownerStaffId: id.optional(),
  category: z.enum(['normal', 'key']).optional(),
  sourceChannelId: id.optional(),
  createdFrom: isoTime.optional(),
  createdTo: isoTime.optional(),
  ...pageQuery(['createdAt', 'name', 'protectedUntil']),
});
export const customerExportQuery = customerListQuery.omit({ page: true, pageSize: true });

export const customerPage = pageResult(customerSchema);
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

export const reassignBody = z.strictObject({
  toStaffId: id,
  reason: multilineText(z.string().trim().max(200)).default(''),
});
export const requestReassignBody = z.strictObject({
  projectId: id,
  phone: nfkcText().trim().min(1).max(30),
  reason: multilineText(z.string().trim().min(1).max(200)),
});
export const resolveRequestBody = z.strictObject({
  isApproved: z.boolean(),
  note: multilineText(z.string().trim().max(200)).default(''),
});
export const conflictListQuery = z.strictObject({
  projectId: id,
  status: z.enum(['logged', 'requested', 'approved', 'rejected']).optional(),
  ...pageQuery(['at']),
});
export const conflictSchema = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  ownerStaffId: z.string().nullable(),
  ownerName: z.string().nullable(),
  status: z.string(),
  reason: z.string(),
  at: z.string(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolution: z.string(),
});

export const followUpBody = z.strictObject({
  plannedAt: isoTime,
  theme: z.string().trim().min(1).max(200),
  channel: channelSchema.default('phone'),
});
export const followUpOutcomeBody = z.strictObject({
  outcome: multilineText(z.string().trim().min(1).max(1000)),
});
export const followUpCancelBody = z.strictObject({
  reason: multilineText(z.string().trim().max(200)).default(''),
});
export const followUpListQuery = z.strictObject({
  projectId: id,
  scope: z.enum(['today', 'overdue', 'upcoming', 'done', 'all']).default('today'),
  staffId: id.optional(),
  customerId: id.optional(),
  kind: z.enum(['sales', 'after_sales']).optional(),
  ...pageQuery(['plannedAt']),
});
export const followUpSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  customerCategory: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  kind: z.enum(['sales', 'after_sales']),
  plannedAt: z.string(),
  theme: z.string(),
  channel: channelSchema,
  status: z.enum(['planned', 'done', 'cancelled']),
  outcome: z.string(),
  doneAt: z.string().nullable(),
  isOverdue: z.boolean(),
  createdAt: z.string(),
});

const bookCustomer = customerSchema.extend({ servedAt: z.string() });
export const bookSchema = z.object({
  day: z.string(),
  callers: z.array(bookCustomer),
  visitors: z.array(bookCustomer),
  dueFollowUps: z.array(followUpSchema),
});

export const moveInBody = z.strictObject({ movedInAt: isoTime });
export const eraseBody = z.strictObject({ reason: multilineText(z.string().trim().min(1).max(200)) });

export const sourceChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  sortOrder: z.number(),
  isArchived: z.boolean(),
});
export const sourceChannelBody = z.strictObject({
  projectId: id,
  name: z.string().trim().min(1).max(40),
  sortOrder: z.number().int().min(0).max(999).default(0),
});
export const sourceChannelUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(40),
  sortOrder: z.number().int().min(0).max(999),
  isArchived: z.boolean(),
});
export const sourceChannelQuery = z.strictObject({
  projectId: id,
  includeArchived: z.enum(['true', 'false']).optional(),
});

export const campaignBody = z.strictObject({
  projectId: id,
  title: z.string().trim().min(1).max(60),
  message: multilineText(z.string().trim().min(1).max(300)),
});
export const campaignSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  title: z.string(),
  message: z.string(),
  status: z.enum(['draft', 'sending', 'sent', 'cancelled']),
  recipientCount: z.number(),
  audienceCount: z.number(),
  processedCount: z.number(),
  isCancelRequested: z.boolean(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const campaignSendResultSchema = z.object({
  sent: z.number(),
  skipped: z.number(),
  cancelled: z.boolean(),
});
export const campaignListQuery = z.strictObject({ projectId: id, ...pageQuery(['createdAt']) });
export const pageOnlyQuery = z.strictObject({ ...pageQuery(['at']) });
export const recipientPreviewSchema = z.object({
  customerId: z.string(),
  name: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  phone: z.string(),
  marketingConsentAt: z.string().nullable(),
  willSend: z.boolean(),
});
export const sendLogSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  status: z.string(),
  reason: z.string(),
  at: z.string(),
});
export const unsubscribeBody = z.strictObject({ token: z.string().min(10).max(64) });

export const importPreviewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.string(),
  totalRows: z.number(),
  validRows: z.number(),
  errorRows: z.number(),
  duplicateRows: z.number(),
  ignoredColumns: z.array(z.string()),
  sheetsRead: z.number(),
  skippedSheets: z.array(z.object({ name: z.string(), reason: z.enum(['hidden', 'no_header']) })),
  newSourceChannels: z.array(z.string()),
  sample: z.array(
    z.object({
      sheetName: z.string(),
      rowNumber: z.number(),
      name: z.string(),
      phones: z.array(z.string()),
      sourceName: z.string(),
      consultantName: z.string(),
    }),
  ),
  consultantNames: z.array(
    z.object({
      name: z.string(),
      rows: z.number(),
      suggestions: z.array(z.object({ staffId: z.string(), displayName: z.string() })),
    }),
  ),
  consultants: z.array(z.object({ id: z.string(), displayName: z.string() })),
  importerIsConsultant: z.boolean(),
  keyCustomerRows: z.number(),
  phoneRefusedRows: z.number(),
  warningRows: z.number(),
  notices: z.array(
    z.object({
      sheetName: z.string(),
      rowNumber: z.number(),
      name: z.string(),
      keyKind: keyKindSchema.nullable(),
      isPhoneRefused: z.boolean(),
      warnings: z.array(z.string()),
    }),
  ),
});
export const importSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  fileName: z.string(),
  status: z.string(),
  mode: z.string().nullable(),
  totalRows: z.number(),
  validRows: z.number(),
  errorRows: z.number(),
  duplicateRows: z.number(),
  processedRows: z.number(),
  importedRows: z.number(),
  isCancelRequested: z.boolean(),
  failure: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const importCommitBody = z.strictObject({
  mode: z.enum(['all_or_nothing', 'valid_only']),
  /** One choice per consultant name of the file without an exact staff match. */
  consultants: z
    .array(z.strictObject({ name: z.string().min(1).max(40), staffId: z.string().min(1).max(64).nullable() }))
    .max(1000)
    .optional(),
});
export const importProblemsQuery = z.strictObject({
  /** The position (in the whole file) of the last problem row already seen. */
  afterRow: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const importProblemSchema = z.object({
  position: z.number(),
  sheetName: z.string(),
  rowNumber: z.number(),
  name: z.string(),
  errors: z.array(z.string()),
  duplicateOf: z.enum(['database', 'row']).nullable(),
  duplicateSheet: z.string().nullable(),
  duplicateRow: z.number().nullable(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return pageResult(item);
}

// The answers above are the shared contract (contracts/customers.ts): see platform/http/contract-check.ts.
export type ContractChecks = [
  Check<Agrees<contract.CustomerView, typeof customerSchema>>,
  Check<Agrees<contract.RegisterResult, typeof registerResult>>,
  Check<Agrees<contract.PhoneCheck, typeof phoneCheckResult>>,
  Check<Agrees<contract.FollowUpView, typeof followUpSchema>>,
  Check<Agrees<contract.BookView, typeof bookSchema>>,
  Check<Agrees<contract.TimelineItem, (typeof timelineSchema)['shape']['items']['element']>>,
  Check<Agrees<contract.SourceChannelView, typeof sourceChannelSchema>>,
  Check<Agrees<contract.ConflictView, typeof conflictSchema>>,
  Check<Agrees<contract.CampaignView, typeof campaignSchema>>,
  Check<Agrees<contract.CampaignSendResult, typeof campaignSendResultSchema>>,
  Check<Agrees<contract.CampaignRecipient, typeof recipientPreviewSchema>>,
  Check<Agrees<contract.SendLogItem, typeof sendLogSchema>>,
  Check<Agrees<contract.ImportPreview, typeof importPreviewSchema>>,
  Check<Agrees<contract.ImportJob, typeof importSchema>>,
  Check<Agrees<contract.ImportProblem, typeof importProblemSchema>>,
  Check<Agrees<Required<contract.CustomerInput> & { projectId: string }, typeof customerCreateBody>>,
];

// --- personal data (PRIV) ---

export const revealBody = z.strictObject({
  reasonCode: z.enum(revealReasons),
  reasonText: multilineText(z.string().trim().max(200)).default(''),
});

export const personalDataQuery = z.strictObject({ format: z.enum(['json', 'xlsx', 'pdf']).default('json') });

/** A correction at the person's request: the same fields as an edit, and why. */
export const correctionBody = z
  .strictObject({
    ...customerInputFields,
    phones: z.array(nfkcText().trim().min(1).max(30)).max(5).optional(),
    reason: multilineText(z.string().trim().min(1).max(200)),
  })
  .refine(areaOrder, areaIssue);

export const withdrawConsentBody = z.strictObject({
  reason: multilineText(z.string().trim().min(1).max(200)),
});

export const erasureResult = z.object({
  lines: z.array(
    z.object({
      category: z.enum(Object.keys(erasureRules) as [ErasureCategory, ...ErasureCategory[]]),
      outcome: z.enum(['erased', 'anonymised', 'kept']),
      count: z.number().int(),
    }),
  ),
});

export const accessLogQuery = z.strictObject({
  staffId: id.optional(),
  customerId: id.optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  ...pageQuery(['at']),
});

export const accessLogItem = z.object({
  id: z.string(),
  at: z.string(),
  projectId: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  isCustomerErased: z.boolean(),
  kind: z.enum(personalDataKinds),
  reasonCode: z.enum(revealReasons),
  reasonText: z.string(),
});
export const accessLogPage = pageResult(accessLogItem);

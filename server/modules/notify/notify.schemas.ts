import { z } from 'zod';
import { locales } from '../../../contracts/locales.js';
import type * as contract from '../../../contracts/notify.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { dateTime, multilineText } from '../../platform/http/fields.js';
import { queryBoolean, sortQuery } from '../../platform/http/pagination.js';

export const localeSchema = z.enum(locales);
export const channelSchema = z.enum(['inapp', 'email', 'sms', 'wecom']);
export const providerChannelSchema = z.enum(['email', 'sms', 'wecom']);
export const jobStatusSchema = z.enum(['pending', 'running', 'done', 'dead', 'cancelled']);
export const deliveryStatusSchema = z.enum(['pending', 'sending', 'sent', 'failed', 'dead', 'skipped']);
const isoTime = dateTime;

export const inboxQuery = z.strictObject({
  unreadOnly: queryBoolean.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const inboxItem = z.object({
  id: z.string(),
  event: z.string(),
  projectId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const inboxPage = z.object({ items: z.array(inboxItem), total: z.number(), unread: z.number() });

export const markReadBody = z.strictObject({
  ids: z.array(z.string().min(1).max(64)).max(200).optional(),
  all: z.boolean().optional(),
});

const channelFlags = { inapp: z.boolean(), email: z.boolean(), sms: z.boolean(), wecom: z.boolean() };

export const preferencesBody = z.strictObject({
  channels: z.strictObject(channelFlags),
  email: z.union([z.literal(''), z.email().max(120)]).default(''),
});

export const channelChoice = z.object({ channels: z.object(channelFlags), email: z.string() });
export const preferences = channelChoice.extend({ mobile: z.string() });

/** The delivery log's filters and sort, shared by its list and its export. */
export const deliveryFilters = z.strictObject({
  ...sortQuery(['createdAt', 'dueAt', 'sentAt', 'status', 'attempts'] as const),
  status: deliveryStatusSchema.optional(),
  channel: channelSchema.optional(),
  event: z.string().max(100).optional(),
  q: z.string().trim().max(60).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  possibleDuplicate: queryBoolean.optional(),
});

export const deliveryItem = z.object({
  id: z.string(),
  notificationId: z.string(),
  jobId: z.string(),
  projectId: z.string().nullable(),
  event: z.string(),
  eventLabel: z.string(),
  channel: channelSchema,
  recipientKind: z.string(),
  recipientName: z.string(),
  address: z.string(),
  locale: localeSchema,
  templateVersion: z.number(),
  status: deliveryStatusSchema,
  attempts: z.number(),
  dueAt: z.string(),
  sentAt: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  providerAnswer: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  isPossibleDuplicate: z.boolean(),
  resendOf: z.string().nullable(),
  createdAt: z.string(),
});

export const attemptItem = z.object({
  id: z.string(),
  attemptNo: z.number(),
  idempotencyKey: z.string(),
  instanceId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.string(),
  providerAnswer: z.string().nullable(),
  errorMessage: z.string().nullable(),
});

export const deliveryPage = z.object({
  items: z.array(deliveryItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export const deliveryDetail = deliveryItem.extend({ attemptLog: z.array(attemptItem) });
export const resendResult = z.object({ id: z.string(), jobId: z.string() });

export const reportQuery = z.strictObject({ from: isoTime, to: isoTime });
export const reportRow = z.object({
  event: z.string(),
  rule: z.string(),
  label: z.string(),
  total: z.number(),
  onTime: z.number(),
  late: z.number(),
  failed: z.number(),
  waiting: z.number(),
  skipped: z.number(),
  averageDelaySeconds: z.number().nullable(),
  onTimeRate: z.number().nullable(),
});
export const report = z.object({ rows: z.array(reportRow) });

export const templateSummary = z.object({
  event: z.string(),
  label: z.string(),
  rule: z.string(),
  params: z.array(z.string()),
  secretParams: z.array(z.string()),
  smsTemplateCode: z.string(),
  activeVersions: z.object({ 'zh-CN': z.number(), 'zh-TW': z.number(), en: z.number() }),
});
export const templateVersion = z.object({
  id: z.string().nullable(),
  version: z.number(),
  title: z.string(),
  body: z.string(),
  smsTemplateCode: z.string(),
  isActive: z.boolean(),
  createdAt: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export const savedTemplateVersion = z.object({ id: z.string(), version: z.number() });
export const templatePreview = z.object({
  title: z.string(),
  body: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const templateVersionBody = z.strictObject({
  locale: localeSchema,
  title: z.string().trim().min(1).max(200),
  body: multilineText(z.string().trim().min(1).max(2000)),
  smsTemplateCode: z.string().trim().max(60).default(''),
});

export const activateBody = z.strictObject({ locale: localeSchema, version: z.number().int().min(0) });

export const previewBody = z.strictObject({
  event: z.string().min(1).max(100),
  locale: localeSchema,
  title: z.string().max(200).optional(),
  body: multilineText(z.string().max(2000)).optional(),
  params: z.record(z.string(), z.union([z.string().max(200), z.number()])).optional(),
});

const host = z.string().trim().min(1).max(200);
export const emailConfigSchema = z.strictObject({
  host,
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: z.string().trim().max(200),
  from: z.string().trim().min(3).max(200),
});
export const smsConfigSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/ }).max(300),
  accessKeyId: z.string().trim().min(1).max(100),
  signName: z.string().trim().min(1).max(40),
});
export const wecomConfigSchema = z.strictObject({ groupName: z.string().trim().max(60).default('') });

export const providerBody = z.strictObject({
  isEnabled: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  /** Empty or omitted: keep the stored secret. */
  secret: z.string().max(500).optional(),
});

export const providerTestBody = z.strictObject({ to: z.string().trim().max(120).default('') });

export const providerItem = z.object({
  channel: providerChannelSchema,
  isConfigured: z.boolean(),
  isEnabled: z.boolean(),
  config: z.record(z.string(), z.unknown()).nullable(),
  secretHint: z.string(),
});
export const providerTestResult = z.object({ ok: z.boolean(), answer: z.string() });
export const done = z.object({ ok: z.literal(true) });

export const jobListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: jobStatusSchema.optional(),
  kind: z.string().max(100).optional(),
});

export const jobItem = z.object({
  id: z.string(),
  kind: z.string(),
  runAt: z.string(),
  status: jobStatusSchema,
  attempts: z.number(),
  maxAttempts: z.number(),
  dedupeKey: z.string().nullable(),
  cancelledKey: z.string().nullable(),
  leaseOwner: z.string().nullable(),
  leaseUntil: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  payload: z.unknown(),
});
export const jobPage = z.object({
  items: z.array(jobItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: z.record(z.string(), z.number()),
});

export type ContractChecks = [
  Check<Agrees<contract.InboxPage, typeof inboxPage>>,
  Check<Agrees<contract.ChannelChoice, typeof channelChoice>>,
  Check<Agrees<contract.Preferences, typeof preferences>>,
  Check<Agrees<contract.Delivery, typeof deliveryItem>>,
  Check<Agrees<contract.Attempt, typeof attemptItem>>,
  Check<Agrees<contract.DeliveryDetail, typeof deliveryDetail>>,
  Check<Agrees<contract.ResendResult, typeof resendResult>>,
  Check<Agrees<contract.ReportRow, typeof reportRow>>,
  Check<Agrees<contract.TemplateSummary, typeof templateSummary>>,
  Check<Agrees<contract.TemplateVersion, typeof templateVersion>>,
  Check<Agrees<contract.SavedTemplateVersion, typeof savedTemplateVersion>>,
  Check<Agrees<contract.TemplatePreview, typeof templatePreview>>,
  Check<Agrees<contract.Provider, typeof providerItem>>,
  Check<Agrees<contract.ProviderTestResult, typeof providerTestResult>>,
  Check<Agrees<contract.Job, typeof jobItem>>,
  Check<Agrees<contract.JobPage, typeof jobPage>>,
  Check<Agrees<contract.Done, typeof done>>,
];

import { z } from 'zod';
import { locales } from '../../../contracts/locales.js';
import { dateTime, multilineText } from '../../platform/http/fields.js';
import { pageQuery, queryBoolean } from '../../platform/http/pagination.js';

export const localeSchema = z.enum(locales);
export const channelSchema = z.enum(['inapp', 'email', 'sms', 'wecom']);
export const providerChannelSchema = z.enum(['email', 'sms', 'wecom']);
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

export const markReadBody = z.strictObject({
  ids: z.array(z.string().min(1).max(64)).max(200).optional(),
  all: z.boolean().optional(),
});

export const preferencesBody = z.strictObject({
  channels: z.strictObject({ inapp: z.boolean(), email: z.boolean(), sms: z.boolean(), wecom: z.boolean() }),
  email: z.union([z.literal(''), z.email().max(120)]).default(''),
});

export const deliveryListQuery = z.strictObject({
  ...pageQuery(['createdAt', 'dueAt', 'sentAt', 'status', 'attempts'] as const),
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

export const reportQuery = z.strictObject({ from: isoTime, to: isoTime });

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

export const jobListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: z.enum(['pending', 'running', 'done', 'dead', 'cancelled']).optional(),
  kind: z.string().max(100).optional(),
});

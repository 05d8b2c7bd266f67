import { z } from 'zod';
import { multilineText } from '../../../platform/http/fields.js';
import { pageQuery, sortQuery } from '../../../platform/http/pagination.js';
import { id } from './customers.schemas.js';

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
  skippedForOwnerConsent: z.number(),
  cancelled: z.boolean(),
});
export const campaignListQuery = z.strictObject({ projectId: id, ...pageQuery(['createdAt']) });
export const pageOnlyQuery = z.strictObject({ ...pageQuery(['at']) });
/** A send log's list and export: no filter, the sort is not offered. */
export const sendLogFilters = z.strictObject({ ...sortQuery(['at']) });
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

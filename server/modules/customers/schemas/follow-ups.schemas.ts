import { z } from 'zod';
import { multilineText } from '../../../platform/http/fields.js';
import { sortQuery } from '../../../platform/http/pagination.js';
import { channelSchema, customerSchema, id, isoTime } from './customers.schemas.js';

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
/** The follow-ups' filters, shared by their list and its export. */
export const followUpFilters = z.strictObject({
  projectId: id,
  scope: z.enum(['today', 'overdue', 'upcoming', 'done', 'all']).default('today'),
  staffId: id.optional(),
  customerId: id.optional(),
  kind: z.enum(['sales', 'after_sales']).optional(),
  ...sortQuery(['plannedAt']),
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

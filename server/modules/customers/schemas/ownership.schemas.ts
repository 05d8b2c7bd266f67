import { z } from 'zod';
import { multilineText, nfkcText } from '../../../platform/http/fields.js';
import { sortQuery } from '../../../platform/http/pagination.js';
import { id } from './customers.schemas.js';

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
/** The ownership conflicts' filters, shared by their list and its export. */
export const conflictFilters = z.strictObject({
  projectId: id,
  status: z.enum(['logged', 'requested', 'approved', 'rejected']).optional(),
  ...sortQuery(['at']),
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

export const sourceChannelList = z.object({ items: z.array(sourceChannelSchema) });

import { z } from 'zod';
import {
  type ErasureCategory,
  erasureRules,
  personalDataKinds,
  revealReasons,
} from '../../../../contracts/personal-data.js';
import { dateTime, multilineText, nfkcText } from '../../../platform/http/fields.js';
import { sortQuery } from '../../../platform/http/pagination.js';
import { areaIssue, areaOrder, customerInputFields, id } from './customers.schemas.js';

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

/** The personal-data access log's filters, shared by its list and its export. */
export const accessLogFilters = z.strictObject({
  staffId: id.optional(),
  customerId: id.optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  ...sortQuery(['at']),
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

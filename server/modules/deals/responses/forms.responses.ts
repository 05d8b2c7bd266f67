import { z } from 'zod';
import { roles } from '../../../../contracts/roles.js';

/** Numbered forms, uploads, designations, project staff and exams as the server answers them (SA-13, SA-15). Generated from the use cases' return types, then kept by hand. */

export const formSchema = z.object({
  number: z.string(),
  id: z.string(),
  projectId: z.string(),
  status: z.enum(['voided', 'in_stock', 'checked_out', 'used']),
  updatedAt: z.string(),
  usedAt: z.string().nullable(),
  voidReason: z.string(),
  voidedAt: z.string().nullable(),
  batchId: z.string(),
  serial: z.number(),
  holderId: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  agreementId: z.string().nullable(),
  voidedBy: z.string().nullable(),
});

export const formReportSchema = z.object({
  batches: z.array(
    z.object({
      id: z.string(),
      prefix: z.string(),
      firstSerial: z.number(),
      lastSerial: z.number(),
      issuedAt: z.string(),
      note: z.string(),
      total: z.number(),
      inStock: z.number(),
      checkedOut: z.number(),
      used: z.number(),
      voided: z.number(),
      missingSerials: z.array(z.number()),
    }),
  ),
  unaccounted: z.array(
    z.union([
      z.object({
        number: z.string(),
        reason: z.literal('checked_out'),
        holderId: z.string().nullable(),
        since: z.string().nullable(),
      }),
      z.object({ number: z.string(), reason: z.literal('missing'), holderId: z.null(), since: z.null() }),
    ]),
  ),
  voided: z.array(
    z.object({
      number: z.string(),
      reason: z.string(),
      voidedBy: z.string().nullable(),
      voidedAt: z.string().nullable(),
    }),
  ),
});

export const formBatchSchema = z.object({ id: z.string(), count: z.number() });

export const uploadedFileSchema = z.object({
  id: z.string(),
  companyId: z.string(),
  projectId: z.string(),
  kind: z.enum(['other', 'id_copy', 'notarised_authorisation', 'signed_statement', 'contract_scan']),
  fileName: z.string(),
  mime: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

export const designationSchema = z.object({
  staffName: z.string(),
  id: z.string(),
  projectId: z.string(),
  staffId: z.string(),
  duty: z.enum(['deposit_confirm', 'collect', 'agreement_review']),
  designatedBy: z.string(),
  designatedAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const projectStaffSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
});

export const examListItemSchema = z.object({
  isPassed: z.boolean(),
  isValid: z.boolean(),
  id: z.string(),
  companyId: z.string(),
  kind: z.literal('contract_filling'),
  staffId: z.string(),
  note: z.string(),
  staffName: z.string(),
  takenOn: z.string(),
  score: z.number(),
  passMark: z.number(),
  expiresOn: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const examSchema = z.object({
  isPassed: z.boolean(),
  id: z.string(),
  companyId: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  kind: z.literal('contract_filling'),
  takenOn: z.string(),
  score: z.number(),
  passMark: z.number(),
  expiresOn: z.string(),
  note: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

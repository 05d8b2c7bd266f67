import { z } from 'zod';
import { keyKindSchema } from './customers.schemas.js';

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

export const importProblemList = z.object({ items: z.array(importProblemSchema) });

import { z } from 'zod';
import type * as contract from '../../../contracts/residents.js';
import { residentRoles, residentSources } from '../../../contracts/residents.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { calendarDay, multilineText, nfkcText } from '../../platform/http/fields.js';
import { pageWindow, queryBoolean, sortQuery } from '../../platform/http/pagination.js';

const id = z.string().min(1).max(64);
const roleSchema = z.enum(residentRoles);

export const residentSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  buildingName: z.string(),
  doorName: z.string(),
  room: z.string(),
  place: z.string(),
  isLinkedToUnit: z.boolean(),
  name: z.string(),
  role: roleSchema,
  phones: z.array(z.string()),
  moveInOn: z.string().nullable(),
  moveOutOn: z.string().nullable(),
  isMovedOut: z.boolean(),
  consultantName: z.string().nullable(),
  source: z.enum(residentSources),
  notes: z.string(),
  consent: z.object({
    afterSalesCare: z.boolean(),
    announcements: z.boolean(),
    changedByName: z.string().nullable(),
    changedAt: z.string().nullable(),
  }),
  updatedAt: z.string(),
});

const residentFields = {
  buildingName: z.string().trim().max(40).default(''),
  doorName: z.string().trim().max(40).default(''),
  room: nfkcText().trim().max(40).default(''),
  locationText: z.string().trim().max(200).default(''),
  name: z.string().trim().min(1).max(60),
  role: roleSchema,
  phones: z.array(nfkcText().trim().max(40)).max(5).default([]),
  moveInOn: calendarDay.nullable().default(null),
  notes: multilineText(z.string().max(500)).default(''),
};

export const residentBody = z.strictObject({ projectId: id, ...residentFields });
export const residentUpdateBody = z.strictObject(residentFields);
export const moveOutBody = z.strictObject({ moveOutOn: calendarDay });
export const consentBody = z.strictObject({ afterSalesCare: z.boolean(), announcements: z.boolean() });

export const residentFilters = z.strictObject({
  projectId: id.optional(),
  role: roleSchema.optional(),
  search: z.string().trim().max(40).optional(),
  buildingName: z.string().trim().max(40).optional(),
  includeMovedOut: queryBoolean.default(false),
  ...sortQuery(['place', 'name', 'moveInOn', 'updatedAt']),
});

export const importQuery = z.strictObject({ projectId: id });
export const importListQuery = z.strictObject({ projectId: id, ...pageWindow });

export const residentImportSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  fileName: z.string(),
  status: z.enum(['previewed', 'running', 'done', 'cancelled', 'failed']),
  totalRows: z.number(),
  validRows: z.number(),
  processedRows: z.number(),
  createdRows: z.number(),
  updatedRows: z.number(),
  problemCount: z.number(),
  isCancelRequested: z.boolean(),
  skippedSheets: z.array(z.object({ name: z.string(), reason: z.enum(['hidden', 'no_header']) })),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const importProblemSchema = z.object({
  sheetName: z.string(),
  rowNumber: z.number(),
  name: z.string(),
  errors: z.array(z.string()),
});

export const callerResidentSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  projectName: z.string(),
  place: z.string(),
  moveInOn: z.string().nullable(),
  consultantName: z.string().nullable(),
});

export const residentMatchSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  projectName: z.string(),
  place: z.string(),
});

export type ResidentsContractChecks = [
  Check<Agrees<contract.Resident, typeof residentSchema>>,
  Check<Agrees<contract.ResidentImport, typeof residentImportSchema>>,
  Check<Agrees<contract.ResidentImportProblem, typeof importProblemSchema>>,
  Check<Agrees<contract.CallerResident, typeof callerResidentSchema>>,
  Check<Agrees<contract.ResidentMatch, typeof residentMatchSchema>>,
];

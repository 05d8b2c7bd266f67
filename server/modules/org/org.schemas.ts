import { z } from 'zod';
import type * as contract from '../../../contracts/org.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { multilineText, nfkcText } from '../../platform/http/fields.js';

const name = z.string().trim().min(1).max(60);
const id = z.string().min(1).max(64);

export const companySchema = z.object({ id: z.string(), name: z.string(), shortName: z.string() });
export const companyUpdateBody = z.strictObject({ name, shortName: z.string().trim().min(1).max(20) });

export const projectKindSchema = z.enum(['sales', 'estate']);
export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: projectKindSchema,
  city: z.string(),
  address: z.string(),
  isArchived: z.boolean(),
  buildingCount: z.number().int(),
  deskCount: z.number().int(),
});
export const projectCreateBody = z.strictObject({
  name,
  kind: projectKindSchema,
  city: z.string().trim().max(30).default(''),
  address: multilineText(z.string().trim().max(200)).default(''),
});
export const projectUpdateBody = z.strictObject({
  name,
  city: z.string().trim().max(30),
  address: multilineText(z.string().trim().max(200)),
  isArchived: z.boolean(),
});
export const projectIdParams = z.strictObject({ projectId: id });

export const buildingBody = z.strictObject({
  name,
  floorCount: z.number().int().min(1).max(200).nullable().default(null),
  sortOrder: z.number().int().min(0).max(9999).default(0),
});
export const doorSchema = z.object({ id: z.string(), name: z.string() });
export const buildingSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  floorCount: z.number().int().nullable(),
  sortOrder: z.number().int(),
  doors: z.array(doorSchema),
});
export const buildingIdParams = z.strictObject({ buildingId: id });
export const doorBody = z.strictObject({ name });

export const departmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  headStaffId: z.string().nullable(),
  headStaffName: z.string().nullable(),
  staffCount: z.number().int(),
});
export const departmentBody = z.strictObject({ name, headStaffId: id.nullable().default(null) });

export const deskKindSchema = z.enum(['service_centre', 'security_post', 'sales_line']);
export const deskSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  name: z.string(),
  kind: deskKindSchema,
  phone: z.string(),
});
const phone = nfkcText()
  .trim()
  .max(30)
  .regex(/^[0-9+\-() ]*$/);
export const deskCreateBody = z.strictObject({
  projectId: id,
  name,
  kind: deskKindSchema,
  phone: phone.default(''),
});
export const deskUpdateBody = z.strictObject({ name, kind: deskKindSchema, phone });
export const deskListQuery = z.strictObject({ projectId: id.optional() });

// The answers above are the shared contract (contracts/org.ts): see platform/http/contract-check.ts.
export type ContractChecks = [
  Check<Agrees<contract.Company, typeof companySchema>>,
  Check<Agrees<contract.Project, typeof projectSchema>>,
  Check<Agrees<contract.Door, typeof doorSchema>>,
  Check<Agrees<contract.Building, typeof buildingSchema>>,
  Check<Agrees<contract.Department, typeof departmentSchema>>,
  Check<Agrees<contract.Desk, typeof deskSchema>>,
];

import { z } from 'zod';
import type * as contract from '../../../contracts/inventory.js';
import { localized } from '../../platform/errors.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { multilineText, nfkcText } from '../../platform/http/fields.js';
import { localizedIssue } from '../../platform/http/validation.js';
import { unitStatuses } from './inventory.rules.js';
import type { UnitStatus } from './inventory.tables.js';

const id = z.string().min(1).max(64);
export const projectIdParams = z.strictObject({ projectId: id });
export const unitStatusSchema = z.enum(unitStatuses as [UnitStatus, ...UnitStatus[]]);

export const unitSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  section: z.string(),
  floor: z.number().int(),
  position: z.number().int(),
  number: z.string(),
  label: z.string(),
  layout: z.string(),
  buildingArea: z.string(),
  innerArea: z.string(),
  orientation: z.string(),
  listUnitPriceFen: z.number().int().nullable(),
  listTotalFen: z.number().int().nullable(),
  priceListId: z.string().nullable(),
  priceListVersion: z.number().int().nullable(),
  status: unitStatusSchema,
  holderStaffId: z.string().nullable(),
  holderStaffName: z.string().nullable(),
  holdCustomerId: z.string().nullable(),
  holdExpiresAt: z.string().nullable(),
  buyerCustomerId: z.string().nullable(),
  openingEventId: z.string().nullable(),
  statusChangedAt: z.string(),
  version: z.number().int(),
  soldBeforeSystem: z.boolean(),
});

export const historySchema = z.object({
  id: z.string(),
  action: z.string(),
  fromStatus: unitStatusSchema.nullable(),
  toStatus: unitStatusSchema,
  actorId: z.string().nullable(),
  actorName: z.string(),
  customerId: z.string().nullable(),
  holdExpiresAt: z.string().nullable(),
  reason: z.string(),
  at: z.string(),
});

export const unitDetailSchema = z.object({
  unit: unitSchema,
  history: z.array(historySchema),
  customers: z.record(z.string(), z.string()),
});

const reason = multilineText(z.string().trim().max(200)).default('');
const minutes = z.number().int().min(1).max(1440).optional();
export const holdBody = z.strictObject({ customerId: id, minutes });
export const releaseBody = z.strictObject({ reason });
export const extendBody = z.strictObject({ minutes, reason });
export const statusBody = z.strictObject({
  from: unitStatusSchema,
  to: z.enum(['for_sale', 'not_for_sale', 'reserved']),
  reason,
});

const yuan = nfkcText()
  .trim()
  .regex(
    /^\d{1,9}(\.\d{1,2})?$/,
    localizedIssue(
      localized(
        '请输入金额(元),最多两位小数',
        '請輸入金額(元),最多兩位小數',
        'Enter an amount in yuan, at most 2 decimals',
      ),
    ),
  );
export const priceListCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(60),
  note: multilineText(z.string().trim().max(500)).default(''),
  prices: z
    .array(z.strictObject({ unitId: id, unitPrice: yuan }))
    .min(1)
    .max(20000),
});
export const decisionBody = z.strictObject({ note: multilineText(z.string().trim().max(500)).default('') });

export const priceListSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  version: z.number().int(),
  name: z.string(),
  note: z.string(),
  status: z.enum(['draft', 'approved', 'rejected', 'superseded']),
  itemCount: z.number().int(),
  createdBy: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string(),
});

/** A price list as created or decided (the names are read for lists only). */
export const priceListRowSchema = priceListSchema.omit({ createdByName: true, decidedByName: true });
export const priceListListSchema = z.object({ items: z.array(priceListSchema) });

export const priceListDetailSchema = z.object({
  priceList: priceListSchema,
  items: z.array(
    z.object({
      unitId: z.string(),
      label: z.string(),
      buildingArea: z.string(),
      unitPriceFen: z.number().int(),
      totalFen: z.number().int(),
      currentUnitPriceFen: z.number().int().nullable(),
      currentTotalFen: z.number().int().nullable(),
    }),
  ),
});

const localizedText = z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() });
export const importPreviewSchema = z.object({
  rows: z.array(
    z.object({
      rowNumber: z.number().int(),
      building: z.string(),
      section: z.string(),
      floor: z.number().int().nullable(),
      number: z.string(),
      layout: z.string(),
      buildingArea: z.string().nullable(),
      innerArea: z.string().nullable(),
      orientation: z.string(),
      unitPriceFen: z.number().int().nullable(),
      totalFen: z.number().int().nullable(),
      sheet: z.string(),
      status: unitStatusSchema,
      statusText: z.string(),
      soldBeforeSystem: z.boolean(),
      action: z.enum(['create', 'update', 'unchanged', 'error']),
      errors: z.array(z.string()),
      warnings: z.array(z.string()),
    }),
  ),
  newBuildings: z.array(z.string()),
  sheets: z.array(
    z.object({
      name: z.string(),
      hidden: z.boolean(),
      headerRow: z.number().int().nullable(),
      skipped: z.enum(['hidden', 'no_header']).nullable(),
      rows: z.number().int(),
      create: z.number().int(),
      update: z.number().int(),
      error: z.number().int(),
      soldBeforeSystem: z.number().int(),
    }),
  ),
  statusMapping: z.array(z.object({ text: z.string(), status: unitStatusSchema, count: z.number().int() })),
  summary: z.object({
    total: z.number().int(),
    create: z.number().int(),
    update: z.number().int(),
    error: z.number().int(),
    priced: z.number().int(),
    soldBeforeSystem: z.number().int(),
    warnings: z.number().int(),
  }),
});
export const importResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  soldBeforeSystem: z.number().int(),
  newBuildings: z.array(z.string()),
  priceListId: z.string().nullable(),
});
export const importFields = z.strictObject({
  mode: z.enum(['all', 'valid_only']).default('all'),
  priceListName: z.string().trim().min(1).max(60).optional(),
});
export { localizedText };

/** GET /api/inventory/projects/:projectId/layouts: the project's layouts for intent and selling-point pickers. */
export const layoutListSchema = z.object({
  items: z.array(
    z.object({
      layout: z.string(),
      unitCount: z.number().int(),
      minAreaDm2: z.number().int(),
      maxAreaDm2: z.number().int(),
    }),
  ),
});

/** The web client's types (contracts/inventory.ts) agree with what these schemas let through. */
export type ContractChecks = [
  Check<Agrees<contract.Unit, typeof unitSchema>>,
  Check<Agrees<contract.UnitHistoryEntry, typeof historySchema>>,
  Check<Agrees<contract.UnitDetail, typeof unitDetailSchema>>,
  Check<Agrees<contract.PriceList, typeof priceListSchema>>,
  Check<Agrees<contract.ListResult<contract.PriceList>, typeof priceListListSchema>>,
  Check<Agrees<contract.PriceListDetail, typeof priceListDetailSchema>>,
  Check<Agrees<contract.ImportPreview, typeof importPreviewSchema>>,
  Check<Agrees<contract.ImportResult, typeof importResultSchema>>,
  Check<Agrees<contract.ListResult<contract.ProjectLayout>, typeof layoutListSchema>>,
];

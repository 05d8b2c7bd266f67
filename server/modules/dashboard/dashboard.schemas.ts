import { z } from 'zod';
import * as contract from '../../../contracts/dashboard.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { calendarDay } from '../../platform/http/fields.js';

const id = z.string().min(1).max(64);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const dashboardQuery = z.strictObject({
  projectId: id.optional(),
  period: z.enum(contract.dashboardPeriods).default('month'),
  day: calendarDay.optional(),
  fromDay: calendarDay.optional(),
  toDay: calendarDay.optional(),
  departmentId: id.optional(),
  holdHours: z.coerce.number().int().min(1).max(720).default(24),
});

export const targetsQuery = z.strictObject({ projectId: id, year: z.string().regex(/^\d{4}$/) });

export const targetBody = z.strictObject({
  projectId: id,
  month,
  units: z.number().int().min(0).max(1_000_000),
  // Up to 100 billion yuan in fen: far below 2^53.
  amountFen: z.number().int().min(0).max(10_000_000_000_000),
});

const figuresSchema = z.object({
  calls: z.number(),
  visits: z.number(),
  registered: z.number(),
  plans: z.number(),
  deposits: z.number(),
  agreements: z.number(),
  contracts: z.number(),
  paid: z.number(),
  unitsSold: z.number(),
  amountFen: z.number(),
  targetUnits: z.number().nullable(),
  targetAmountFen: z.number().nullable(),
});

export const dashboardSchema = z.object({
  fromDay: z.string(),
  toDay: z.string(),
  reach: z.enum(['all', 'own']),
  figures: figuresSchema,
  funnel: z.array(z.object({ stage: z.enum(contract.funnelStages), count: z.number() })),
  sources: z.array(
    z.object({ channelId: z.string().nullable(), name: z.string(), calls: z.number(), visits: z.number() }),
  ),
  consultants: z.array(
    z.object({
      staffId: z.string(),
      name: z.string(),
      deals: z.number(),
      amountFen: z.number(),
      visits: z.number(),
      calls: z.number(),
      conversionPercent: z.number().nullable(),
    }),
  ),
  trend: z.array(
    z.object({ day: z.string(), calls: z.number(), visits: z.number(), agreements: z.number() }),
  ),
  holdsExpiring: z.array(
    z.object({
      unitId: z.string(),
      projectId: z.string(),
      unitLabel: z.string(),
      holderName: z.string(),
      expiresAt: z.string(),
    }),
  ),
  depositsAwaiting: z.array(
    z.object({
      depositId: z.string(),
      projectId: z.string(),
      planId: z.string().nullable(),
      unitNumber: z.string(),
      customerName: z.string(),
      consultantName: z.string(),
      amountFen: z.number(),
      requestedAt: z.string(),
    }),
  ),
  overduePayments: z.array(
    z.object({
      paymentItemId: z.string(),
      projectId: z.string(),
      transactionFileId: z.string(),
      label: z.string(),
      unitNumber: z.string(),
      customerName: z.string(),
      consultantName: z.string(),
      outstandingFen: z.number(),
      dueOn: z.string(),
    }),
  ),
});

export const targetSchema = z.object({
  projectId: z.string(),
  month: z.string(),
  units: z.number(),
  amountFen: z.number(),
  updatedByName: z.string(),
  updatedAt: z.string(),
});
export const targetListSchema = z.object({ items: z.array(targetSchema) });

export type ContractChecks = [
  Check<Agrees<contract.SalesDashboard, typeof dashboardSchema>>,
  Check<Agrees<contract.SalesTarget, typeof targetSchema>>,
];

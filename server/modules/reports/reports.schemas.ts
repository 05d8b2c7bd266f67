import { z } from 'zod';
import type * as contract from '../../../contracts/reports.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { calendarDay } from '../../platform/http/fields.js';

export const reportFilters = z.strictObject({
  // The archive sorts by day only (newest first unless `order` says otherwise).
  sort: z.enum(['day']).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  projectId: z.string().min(1).max(64).optional(),
  deskId: z.string().min(1).max(64).optional(),
  kind: z.enum(['project', 'desk']).optional(),
  fromDay: calendarDay.optional(),
  toDay: calendarDay.optional(),
});

export const summarySchema = z.object({
  calls: z.number().int(),
  missedCalls: z.number().int(),
  withinLimitPercent: z.number().nullable(),
  messages: z.number().int(),
  incidents: z.number().int(),
  conformanceMissed: z.number().int().nullable(),
  conformanceScore: z.number().nullable(),
  unitsSold: z.number().int().nullable(),
  amountFen: z.number().int().nullable(),
});

export const reportItem = z.object({
  id: z.string(),
  kind: z.enum(['project', 'desk']),
  projectId: z.string(),
  projectName: z.string(),
  deskId: z.string().nullable(),
  deskName: z.string().nullable(),
  day: z.string(),
  title: z.string(),
  summary: summarySchema,
  sizeBytes: z.number().int(),
  generatedAt: z.string(),
  generatedByName: z.string().nullable(),
});

export const generateBody = z.strictObject({
  projectId: z.string().min(1).max(64),
  day: calendarDay,
});

export const generateAnswer = z.object({ items: z.array(reportItem) });

export type ContractChecks = [
  Check<Agrees<contract.DailyReportItem, typeof reportItem>>,
  Check<Agrees<contract.DailyReportSummary, typeof summarySchema>>,
];

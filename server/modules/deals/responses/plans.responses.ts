import { z } from 'zod';

/** Plans (购房方案, SA-9) as the server answers them: the stored plan, its figures, versions and preview. Generated from the use cases' return types, then kept by hand. */

export const instalmentSchema = z.object({
  amountFen: z.number(),
  label: z.string(),
  percent: z.string(),
  monthsAfterSigning: z.number(),
});

export const planMetaSchema = z.object({
  priceListId: z.string(),
  priceListVersion: z.number().nullable(),
  consultantLimitPercent: z.number(),
});

export const loanTermsSchema = z.object({
  annualRatePercent: z.string(),
  termMonths: z.number(),
  repayment: z.enum(['equal_instalment', 'equal_principal']),
});

export const fundTermsSchema = z.object({
  annualRatePercent: z.string(),
  termMonths: z.number(),
  repayment: z.enum(['equal_instalment', 'equal_principal']),
  amountFen: z.number().optional(),
});

export const discountStepSchema = z.object({
  label: z.string(),
  kind: z.enum(['share', 'percent', 'amount']),
  value: z.string(),
  beforeFen: z.number(),
  afterFen: z.number(),
  reductionFen: z.number(),
});

export const scheduleRowSchema = z.object({
  month: z.number(),
  paymentFen: z.number(),
  principalFen: z.number(),
  interestFen: z.number(),
  balanceFen: z.number(),
});

export const deedTaxSchema = z.object({
  vatPercent: z.number(),
  areaThresholdSquareMetres: z.number(),
  firstHomeSmallPercent: z.number(),
  firstHomeLargePercent: z.number(),
  secondHomeSmallPercent: z.number(),
  secondHomeLargePercent: z.number(),
  otherPercent: z.number(),
});

export const loanResultSchema = z.object({
  kind: z.enum(['provident_fund', 'commercial']),
  amountFen: z.number(),
  annualRatePercent: z.string(),
  termMonths: z.number(),
  repayment: z.enum(['equal_instalment', 'equal_principal']),
  firstPaymentFen: z.number(),
  lastPaymentFen: z.number(),
  monthlyDecreaseFen: z.number().nullable(),
  totalInterestFen: z.number(),
  totalPaymentFen: z.number(),
  schedule: z.array(scheduleRowSchema).optional(),
});

export const planInputSchema = z.object({
  listTotalFen: z.number(),
  buildingArea: z.string(),
  discounts: z.array(
    z.union([
      z.object({ kind: z.literal('share'), label: z.string(), share: z.string() }),
      z.object({ kind: z.literal('percent'), label: z.string(), percent: z.string() }),
      z.object({ kind: z.literal('amount'), label: z.string(), amountFen: z.number() }),
    ]),
  ),
  discountOrder: z.enum(['percent_then_amount', 'amount_then_percent', 'as_entered']),
  paymentMethod: z.enum(['lump_sum', 'instalments', 'commercial_loan', 'provident_fund', 'combination']),
  downPaymentPercent: z.string().optional(),
  loanRoundingFen: z.number().optional(),
  commercial: loanTermsSchema.optional(),
  providentFund: fundTermsSchema.optional(),
  instalments: z
    .array(z.object({ label: z.string(), percent: z.string(), monthsAfterSigning: z.number() }))
    .optional(),
  homeOrder: z.enum(['first', 'second', 'other']),
  deedTax: deedTaxSchema,
  maintenanceFund: z.union([
    z.object({ mode: z.literal('percent_of_price'), percent: z.number() }),
    z.object({ mode: z.literal('per_square_metre'), yuanPerSquareMetre: z.number() }),
  ]),
});

export const planResultSchema = z.object({
  listTotalFen: z.number(),
  discountSteps: z.array(discountStepSchema),
  discountFen: z.number(),
  discountPercent: z.string(),
  finalTotalFen: z.number(),
  finalUnitPriceFen: z.number(),
  downPaymentFen: z.number(),
  loans: z.array(loanResultSchema),
  firstMonthlyPaymentFen: z.number(),
  instalments: z.array(instalmentSchema),
  deedTax: z.object({ ratePercent: z.string(), baseFen: z.number(), amountFen: z.number() }),
  maintenanceFundFen: z.number(),
  cashNeededFen: z.number(),
});

export const planSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  unitId: z.string(),
  unitNumber: z.string(),
  consultantId: z.string(),
  version: z.number(),
  status: z.enum(['ready', 'pending_approval', 'rejected']),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvalComment: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  input: planInputSchema,
  meta: planMetaSchema,
  result: planResultSchema,
});

export const planPreviewSchema = z.object({
  result: planResultSchema,
  needsConfirmation: z.boolean(),
  confirmAbovePercent: z.number(),
  needsApproval: z.boolean(),
});

export const planVersionSchema = z.object({
  version: z.number(),
  status: z.enum(['ready', 'pending_approval', 'rejected']),
  createdBy: z.string(),
  createdAt: z.string(),
  result: planResultSchema,
});

import { z } from 'zod';

/** Deposits (临订/定金) and receipts (收据) as the server answers them (SA-12). Generated from the use cases' return types, then kept by hand. */

export const depositSchema = z.object({
  amountFen: z.number(),
  priceFen: z.number(),
  id: z.string(),
  companyId: z.string(),
  projectId: z.string(),
  unitId: z.string(),
  unitNumber: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  planId: z.string().nullable(),
  consultantId: z.string(),
  status: z.enum(['requested', 'confirmed', 'collected', 'cancelled', 'voided']),
  note: z.string(),
  requestedAt: z.string(),
  confirmedBy: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  collectedBy: z.string().nullable(),
  witnessId: z.string().nullable(),
  collectedAt: z.string().nullable(),
  receiptId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const receiptSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  number: z.number(),
  numberText: z.string(),
  purpose: z.enum(['deposit', 'payment']),
  depositId: z.string().nullable(),
  paymentId: z.string().nullable(),
  transactionFileId: z.string().nullable(),
  customerId: z.string(),
  unitId: z.string(),
  unitNumber: z.string(),
  payerName: z.string(),
  amountFen: z.number(),
  method: z.enum(['cash', 'card', 'transfer', 'wechat', 'alipay', 'cheque']),
  collectedBy: z.string(),
  collectedByName: z.string(),
  witnessId: z.string(),
  witnessName: z.string(),
  issuedAt: z.string(),
  status: z.enum(['voided', 'valid', 'void_requested']),
  voidReason: z.string(),
  voidRequestedBy: z.string().nullable(),
  voidRequestedAt: z.string().nullable(),
  voidApprovedBy: z.string().nullable(),
  voidedAt: z.string().nullable(),
  printCount: z.number(),
});

export const collectResultSchema = z.object({
  isReplay: z.boolean(),
  depositId: z.string(),
  receipt: receiptSchema,
});

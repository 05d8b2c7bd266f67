import { z } from 'zod';

/** Agreements (认购书, SA-13) as the server answers them: ID numbers masked only (PRIV). Generated from the use cases' return types, then kept by hand. */

export const buyerSchema = z.object({
  id: z.string(),
  name: z.string(),
  idType: z.enum(['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit']),
  idNumberMasked: z.string(),
  idCopyFileId: z.string().nullable(),
  idCopyConsentAt: z.string().nullable(),
});

export const agreementListItemSchema = z.object({
  priceFen: z.number(),
  downPaymentFen: z.number(),
  id: z.string(),
  companyId: z.string(),
  projectId: z.string(),
  customerId: z.string(),
  unitId: z.string(),
  unitNumber: z.string(),
  customerName: z.string(),
  consultantId: z.string(),
  status: z.enum(['cancelled', 'draft', 'submitted', 'returned', 'approved']),
  paymentMethod: z.enum(['lump_sum', 'instalments', 'commercial_loan', 'provident_fund', 'combination']),
  createdAt: z.string(),
  updatedAt: z.string(),
  planId: z.string(),
  depositId: z.string().nullable(),
  transactionFileId: z.string().nullable(),
  formId: z.string(),
  formNumber: z.string(),
  consultantName: z.string(),
  downPaymentDueOn: z.string(),
  contractDueOn: z.string(),
  signedOn: z.string(),
  signerKind: z.enum(['agent', 'buyer']),
  signerBuyerIndex: z.number().nullable(),
  agentName: z.string(),
  agentIdNumberMasked: z.string(),
  notarialNumber: z.string(),
  notarialFileId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewerId: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string(),
});

/** One agreement as read: the list's row and its buyers. */
export const agreementSchema = agreementListItemSchema.extend({ buyers: z.array(buyerSchema) });

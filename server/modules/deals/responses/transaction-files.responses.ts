import { z } from 'zod';
import { agreementSchema } from './agreements.responses.js';
import { depositSchema, receiptSchema } from './deposits.responses.js';
import { planResultSchema } from './plans.responses.js';

/** The transaction file (成交档案) and its parts as the server answers them (SA-14 … SA-19). Generated from the use cases' return types, then kept by hand. */

export const checklistItemSchema = z.object({
  key: z.string(),
  label: z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() }),
  isDone: z.boolean(),
});

export const mortgageSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  status: z.enum(['cancelled', 'completed', 'scheduled', 'failed']),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  appointmentAt: z.string(),
  transactionFileId: z.string(),
  bank: z.string(),
  place: z.string(),
  documentsJson: z.string(),
  outcomeNote: z.string(),
  approvedAmountFen: z.number().nullable(),
});

export const moveInSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  status: z.enum(['cancelled', 'completed', 'scheduled', 'failed']),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  appointmentAt: z.string(),
  transactionFileId: z.string(),
  place: z.string(),
  propertyOfficeContact: z.string(),
  propertyOfficePhone: z.string(),
  accompanyStaffId: z.string(),
  congratulationMessage: z.string(),
});

export const contractSchema = z.object({
  prefill: z.record(z.string(), z.unknown()),
  checklist: z.array(checklistItemSchema),
  id: z.string(),
  projectId: z.string(),
  consultantId: z.string(),
  status: z.enum(['draft', 'signed']),
  createdAt: z.string(),
  updatedAt: z.string(),
  transactionFileId: z.string(),
  signedOn: z.string().nullable(),
  contractNumber: z.string(),
  prefillJson: z.string(),
  loanType: z.enum(['provident_fund', 'combination', 'commercial', 'none']),
  checklistJson: z.string(),
});

export const statementSchema = z.object({
  amountFen: z.number(),
  id: z.string(),
  projectId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  paymentId: z.string().nullable(),
  transactionFileId: z.string(),
  payerName: z.string(),
  payerIdNumberMasked: z.string(),
  buyerNames: z.string(),
  statementText: z.string(),
  signedFileId: z.string().nullable(),
});

export const paymentResultSchema = z.object({
  isReplay: z.boolean(),
  paymentId: z.string(),
  receipt: receiptSchema,
});

export const taskListItemSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  unitNumber: z.string(),
  customerName: z.string(),
  status: z.enum(['open', 'done']),
  createdAt: z.string(),
  title: z.string(),
  kind: z.enum(['down_payment_follow_up', 'move_in_accompany']),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  transactionFileId: z.string(),
  checklist: z.array(checklistItemSchema),
  params: z
    .union([
      z.object({ customerName: z.string(), amountFen: z.number(), dueOn: z.string() }),
      z.object({ customerName: z.string(), appointmentAt: z.string(), place: z.string() }),
    ])
    .nullable(),
});

export const fileListItemSchema = z.object({
  priceFen: z.number(),
  id: z.string(),
  companyId: z.string(),
  projectId: z.string(),
  customerId: z.string(),
  unitId: z.string(),
  unitNumber: z.string(),
  customerName: z.string(),
  consultantId: z.string(),
  status: z.enum(['cancelled', 'open', 'contracted', 'completed']),
  paymentMethod: z.enum(['lump_sum', 'instalments', 'commercial_loan', 'provident_fund', 'combination']),
  updatedAt: z.string(),
  planId: z.string(),
  depositId: z.string().nullable(),
  agreementId: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  downPaymentPaidAt: z.string().nullable(),
  contractSignedAt: z.string().nullable(),
  mortgageDocsHandedInAt: z.string().nullable(),
  responsibilityEndedAt: z.string().nullable(),
  handedOverAt: z.string().nullable(),
});

/** SA-19: a consultant a deal may be handed to. */
export const handOverCandidateSchema = z.object({ id: z.string(), displayName: z.string() });

export const handOverSchema = z.object({
  id: z.string(),
  fromConsultantName: z.string(),
  toConsultantName: z.string(),
  reason: z.string(),
  handedOverByName: z.string(),
  handedOverAt: z.string(),
});

export const transactionFileSchema = z.object({
  file: fileListItemSchema.extend({
    loanType: z.enum(['provident_fund', 'combination', 'commercial', 'none']),
  }),
  handOvers: z.array(handOverSchema),
  responsibility: z.object({
    downPaymentPaidAt: z.string().nullable(),
    contractSignedAt: z.string().nullable(),
    mortgageDocsHandedInAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    needsMortgageDocuments: z.boolean(),
  }),
  agreement: agreementSchema,
  plan: z.object({ id: z.string(), version: z.number(), result: planResultSchema }).nullable(),
  deposit: depositSchema.nullable(),
  paymentItems: z.array(
    z.object({
      amountFen: z.number(),
      paidFen: z.number(),
      status: z.string(),
      id: z.string(),
      transactionFileId: z.string(),
      projectId: z.string(),
      kind: z.enum(['down_payment', 'instalment', 'balance', 'loan']),
      label: z.string(),
      code: z
        .enum(['lump_sum', 'commercial_loan', 'down_payment', 'provident_fund_loan', 'instalment'])
        .nullable(),
      instalmentNumber: z.number().nullable(),
      dueOn: z.string(),
      overdueReportedAt: z.string().nullable(),
      sortOrder: z.number(),
    }),
  ),
  payments: z.array(
    z.object({
      amountFen: z.number(),
      id: z.string(),
      projectId: z.string(),
      transactionFileId: z.string(),
      payerName: z.string(),
      method: z.enum(['cash', 'card', 'transfer', 'wechat', 'alipay', 'cheque']),
      collectedBy: z.string(),
      witnessId: z.string(),
      receiptId: z.string(),
      paymentItemId: z.string(),
      payerKind: z.enum(['buyer', 'third_party']),
      statementId: z.string().nullable(),
      paidAt: z.string(),
    }),
  ),
  receipts: z.array(receiptSchema),
  statements: z.array(statementSchema),
  // The checklist as stored (parsed JSON); the web reads it as ChecklistItem[].
  contract: contractSchema.extend({ checklist: z.unknown() }).nullable(),
  mortgageDocumentCodes: z.array(z.string()),
  /** Each appointment with its documents parsed (codes such as 'idCard', or text staff typed). */
  mortgages: z.array(mortgageSchema.extend({ documents: z.array(z.string()) })),
  moveIns: z.array(moveInSchema),
  reminders: z.array(
    z.object({
      daysBefore: z.number().nullable(),
      id: z.string(),
      projectId: z.string(),
      status: z.enum(['cancelled', 'scheduled']),
      createdAt: z.string(),
      title: z.string(),
      kind: z.enum([
        'down_payment_buyer',
        'down_payment_consultant',
        'down_payment_overdue',
        'mortgage_notice',
        'move_in_consultant',
        'move_in_customer',
        'congratulation',
      ]),
      dedupeKey: z.string(),
      sendAt: z.string(),
      recipientKind: z.enum(['staff', 'customer']),
      recipientName: z.string(),
      body: z.string(),
      transactionFileId: z.string(),
      recipientId: z.string(),
    }),
  ),
  tasks: z.array(
    taskListItemSchema.omit({ unitNumber: true, customerName: true }).extend({ staffId: z.string() }),
  ),
  audit: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      actorName: z.string(),
      entityType: z.string(),
      entityId: z.string(),
      action: z.string(),
    }),
  ),
});

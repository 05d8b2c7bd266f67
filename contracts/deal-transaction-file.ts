/**
 * The transaction file (成交档案) as the server answers it and the web client reads it: the deal's
 * agreement, plan, deposit, payments, receipts, contract, mortgage, move-in, reminders, tasks and
 * audit trail in one answer (SA-14 … SA-19), and the consultant's task list.
 */
import type { Agreement, FileListItem, Receipt } from './deal-records.js';
import type { PlanResult, TaskKind, TaskParamsOf } from './deals.js';

export interface PaymentItem {
  amountFen: number;
  paidFen: number;
  status: 'due' | 'paid' | 'overdue';
  id: string;
  transactionFileId: string;
  projectId: string;
  kind: 'down_payment' | 'instalment' | 'balance' | 'loan';
  label: string;
  code: null | 'lump_sum' | 'commercial_loan' | 'down_payment' | 'provident_fund_loan' | 'instalment';
  instalmentNumber: null | number;
  dueOn: string;
  overdueReportedAt: null | string;
  sortOrder: number;
}

export interface ChecklistItem {
  key: string;
  label: { 'zh-CN': string; 'zh-TW': string; en: string };
  isDone: boolean;
}

/** SA-19: a deal handed from one consultant to another (names as they were then). */
export interface HandOver {
  id: string;
  fromConsultantName: string;
  toConsultantName: string;
  reason: string;
  handedOverByName: string;
  handedOverAt: string;
}

/** A consultant the project manager may hand a deal to. */
export interface HandOverCandidate {
  id: string;
  displayName: string;
}

export interface TransactionFile {
  file: FileListItem & { loanType: 'commercial' | 'provident_fund' | 'combination' | 'none' };
  handOvers: HandOver[];
  responsibility: {
    downPaymentPaidAt: null | string;
    contractSignedAt: null | string;
    mortgageDocsHandedInAt: null | string;
    endsAt: null | string;
    needsMortgageDocuments: boolean;
  };
  agreement: Agreement;
  plan: null | { id: string; version: number; result: PlanResult };
  deposit: null | {
    amountFen: number;
    priceFen: number;
    id: string;
    companyId: string;
    projectId: string;
    customerId: string;
    unitId: string;
    unitNumber: string;
    customerName: string;
    consultantId: string;
    status: 'requested' | 'confirmed' | 'collected' | 'cancelled' | 'voided';
    createdAt: string;
    updatedAt: string;
    planId: null | string;
    confirmedAt: null | string;
    note: string;
    collectedBy: null | string;
    witnessId: null | string;
    requestedAt: string;
    confirmedBy: null | string;
    confirmedByName: null | string;
    collectedAt: null | string;
    receiptId: null | string;
  };
  paymentItems: Array<PaymentItem>;
  payments: Array<{
    amountFen: number;
    id: string;
    projectId: string;
    transactionFileId: string;
    payerName: string;
    method: 'cash' | 'card' | 'transfer' | 'wechat' | 'alipay' | 'cheque';
    collectedBy: string;
    witnessId: string;
    receiptId: string;
    paymentItemId: string;
    payerKind: 'buyer' | 'third_party';
    statementId: null | string;
    paidAt: string;
  }>;
  receipts: Array<Receipt>;
  statements: Array<{
    amountFen: number;
    id: string;
    projectId: string;
    createdAt: string;
    transactionFileId: string;
    createdBy: string;
    paymentId: null | string;
    payerName: string;
    payerIdNumberMasked: string;
    buyerNames: string;
    statementText: string;
    signedFileId: null | string;
  }>;
  contract: null | {
    prefill: Record<string, unknown>;
    checklist: ChecklistItem[];
    id: string;
    projectId: string;
    consultantId: string;
    status: 'draft' | 'signed';
    createdAt: string;
    updatedAt: string;
    signedOn: null | string;
    transactionFileId: string;
    contractNumber: string;
    prefillJson: string;
    loanType: 'commercial' | 'provident_fund' | 'combination' | 'none';
    checklistJson: string;
  };
  mortgageDocumentCodes: string[];
  mortgages: Array<{
    documents: string[];
    approvedAmountFen: null | number;
    id: string;
    projectId: string;
    status: 'cancelled' | 'completed' | 'scheduled' | 'failed';
    createdAt: string;
    updatedAt: string;
    transactionFileId: string;
    createdBy: string;
    appointmentAt: string;
    bank: string;
    place: string;
    documentsJson: string;
    outcomeNote: string;
  }>;
  moveIns: Array<{
    id: string;
    projectId: string;
    status: 'cancelled' | 'completed' | 'scheduled' | 'failed';
    createdAt: string;
    updatedAt: string;
    transactionFileId: string;
    completedAt: null | string;
    appointmentAt: string;
    place: string;
    propertyOfficeContact: string;
    propertyOfficePhone: string;
    accompanyStaffId: string;
    congratulationMessage: string;
  }>;
  reminders: Array<Reminder>;
  tasks: Array<
    TaskSubject & {
      id: string;
      projectId: string;
      status: 'open' | 'done';
      createdAt: string;
      title: string;
      transactionFileId: string;
      staffId: string;
      dueAt: string;
      doneAt: null | string;
      checklist: Array<ChecklistItem>;
    }
  >;
  audit: Array<{
    seq: number;
    at: string;
    actorName: string;
    entityType: string;
    entityId: string;
    action: string;
  }>;
}

/** A reminder on a transaction file; its kind is worded by reminderLabel(), its Chinese title is the fallback. */
export interface Reminder {
  daysBefore: null | number;
  id: string;
  projectId: string;
  status: 'cancelled' | 'scheduled';
  createdAt: string;
  title: string;
  transactionFileId: string;
  kind:
    | 'down_payment_buyer'
    | 'down_payment_consultant'
    | 'down_payment_overdue'
    | 'mortgage_notice'
    | 'move_in_consultant'
    | 'move_in_customer'
    | 'congratulation';
  dedupeKey: string;
  sendAt: string;
  recipientKind: 'staff' | 'customer';
  recipientName: string;
  body: string;
  recipientId: string;
}

/** A task's kind and parameters; `params` is null on tasks made before they were kept. */
export type TaskSubject = { [K in TaskKind]: { kind: K; params: TaskParamsOf[K] | null } }[TaskKind];

/** One of the signed-in person's tasks, with the unit and customer of its transaction file. */
export type MyTask = TaskSubject & {
  createdAt: string;
  id: string;
  transactionFileId: string;
  projectId: string;
  /** Chinese, made at creation: shown only when `params` is null. */
  title: string;
  checklist: ChecklistItem[];
  dueAt: string;
  status: 'open' | 'done';
  doneAt: string | null;
  unitNumber: string;
  customerName: string;
};

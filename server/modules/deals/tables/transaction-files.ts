import type {
  CollectionMethod,
  PaymentItemCode,
  PaymentMethod,
  TaskKind,
} from '../../../../contracts/deals.js';
import type {
  AppointmentStatus,
  LoanType,
  PaymentItemKind,
  PaymentItemStatus,
  ReminderKind,
  ReminderRecipientKind,
  TransactionFileStatus,
} from './vocabulary.js';

/** The transaction file (成交档案) and what hangs off it: payments, exams, contract, mortgage, move-in, reminders, tasks. */

export interface DealTransactionFilesTable {
  id: string;
  companyId: string;
  projectId: string;
  unitId: string;
  unitNumber: string;
  customerId: string;
  customerName: string;
  consultantId: string;
  agreementId: string;
  planId: string;
  depositId: string | null;
  status: TransactionFileStatus;
  priceFen: number;
  paymentMethod: PaymentMethod;
  openedAt: string;
  openedBy: string;
  downPaymentPaidAt: string | null;
  contractSignedAt: string | null;
  mortgageDocsHandedInAt: string | null;
  responsibilityEndedAt: string | null;
  handedOverAt: string | null;
  updatedAt: string;
}

/** SA-19: a deal handed from one consultant to another, with the reason; names kept as they were then. */
export interface DealHandOversTable {
  id: string;
  companyId: string;
  projectId: string;
  transactionFileId: string;
  depositId: string | null;
  fromConsultantId: string;
  fromConsultantName: string;
  toConsultantId: string;
  toConsultantName: string;
  reason: string;
  handedOverBy: string;
  handedOverByName: string;
  handedOverAt: string;
}

export interface DealPaymentItemsTable {
  id: string;
  transactionFileId: string;
  projectId: string;
  kind: PaymentItemKind;
  /** The Chinese label made at creation (or the instalment name typed by staff): shown when `code` is null. */
  label: string;
  code: PaymentItemCode | null;
  /** 1-based, for `code` 'instalment'. */
  instalmentNumber: number | null;
  amountFen: number;
  paidFen: number;
  dueOn: string;
  status: PaymentItemStatus;
  overdueReportedAt: string | null;
  sortOrder: number;
}

export interface DealPaymentsTable {
  id: string;
  transactionFileId: string;
  paymentItemId: string;
  projectId: string;
  amountFen: number;
  method: CollectionMethod;
  payerKind: 'buyer' | 'third_party';
  payerName: string;
  statementId: string | null;
  receiptId: string;
  collectedBy: string;
  witnessId: string;
  paidAt: string;
}

export interface DealThirdPartyStatementsTable {
  id: string;
  transactionFileId: string;
  projectId: string;
  payerName: string;
  payerIdNumberEnc: string;
  payerIdNumberMasked: string;
  buyerNames: string;
  amountFen: number;
  statementText: string;
  signedFileId: string | null;
  paymentId: string | null;
  createdBy: string;
  createdAt: string;
}

export interface DealExamsTable {
  id: string;
  companyId: string;
  staffId: string;
  staffName: string;
  kind: 'contract_filling';
  takenOn: string;
  score: number;
  passMark: number;
  expiresOn: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

export interface DealContractsTable {
  id: string;
  transactionFileId: string;
  projectId: string;
  contractNumber: string;
  consultantId: string;
  status: 'draft' | 'signed';
  prefillJson: string;
  loanType: LoanType;
  checklistJson: string;
  signedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DealMortgageAppointmentsTable {
  id: string;
  transactionFileId: string;
  projectId: string;
  bank: string;
  place: string;
  appointmentAt: string;
  documentsJson: string;
  status: AppointmentStatus;
  outcomeNote: string;
  approvedAmountFen: number | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface DealMoveInsTable {
  id: string;
  transactionFileId: string;
  projectId: string;
  appointmentAt: string;
  place: string;
  propertyOfficeContact: string;
  propertyOfficePhone: string;
  accompanyStaffId: string;
  congratulationMessage: string;
  status: AppointmentStatus;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DealRemindersTable {
  id: string;
  transactionFileId: string;
  projectId: string;
  kind: ReminderKind;
  recipientKind: ReminderRecipientKind;
  recipientId: string;
  recipientName: string;
  sendAt: string;
  title: string;
  body: string;
  dedupeKey: string;
  status: 'scheduled' | 'cancelled';
  createdAt: string;
}

export interface DealTasksTable {
  id: string;
  transactionFileId: string;
  projectId: string;
  staffId: string;
  kind: TaskKind;
  /** Chinese, made at creation: searched, audited, and shown where `paramsJson` is NULL (older rows). */
  title: string;
  /** JSON of TaskParamsOf[kind]: what the title is made of, worded in the reader's language. */
  paramsJson: string | null;
  checklistJson: string;
  dueAt: string;
  status: 'open' | 'done';
  doneAt: string | null;
  createdAt: string;
}

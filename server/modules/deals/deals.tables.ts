/**
 * Deals (成交): purchase plans, deposits and receipts, subscription agreements and their forms,
 * the transaction file (成交档案) with its payments, contract, mortgage and move-in.
 * Money is integer fen; calendar dates (due dates) are 'YYYY-MM-DD' in Asia/Shanghai; instants are ISO UTC.
 */
import type {
  CollectionMethod,
  Duty,
  FormStatus,
  IdType,
  PaymentItemCode,
  PaymentMethod,
  TaskKind,
} from '../../../contracts/deals.js';

// The vocabularies the web client shares (contracts/deals.ts).
export type { CollectionMethod, Duty, FormStatus, IdType, PaymentItemCode };

export type PlanStatus = 'ready' | 'pending_approval' | 'rejected';
export type DepositStatus = 'requested' | 'confirmed' | 'collected' | 'cancelled' | 'voided';
export type ReceiptStatus = 'valid' | 'void_requested' | 'voided';
export type ReceiptPurpose = 'deposit' | 'payment';
export type AgreementStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'cancelled';
export type SignerKind = 'buyer' | 'agent';
export type FileKind = 'id_copy' | 'notarised_authorisation' | 'signed_statement' | 'contract_scan' | 'other';
export type TransactionFileStatus = 'open' | 'contracted' | 'completed' | 'cancelled';
export type PaymentItemKind = 'down_payment' | 'instalment' | 'balance' | 'loan';
/** What a reminder on a transaction file is for (SA-14, SA-16, SA-17). */
export type ReminderKind =
  | 'down_payment_buyer'
  | 'down_payment_consultant'
  | 'down_payment_overdue'
  | 'mortgage_notice'
  | 'move_in_consultant'
  | 'move_in_customer'
  | 'congratulation';
export type PaymentItemStatus = 'due' | 'paid' | 'overdue';
export type LoanType = 'none' | 'commercial' | 'provident_fund' | 'combination';
export type AppointmentStatus = 'scheduled' | 'completed' | 'failed' | 'cancelled';
export type ReminderRecipientKind = 'customer' | 'staff';

export interface DealPlansTable {
  id: string;
  companyId: string;
  projectId: string;
  customerId: string;
  unitId: string;
  unitNumber: string;
  customerName: string;
  consultantId: string;
  version: number;
  status: PlanStatus;
  paymentMethod: PaymentMethod;
  listTotalFen: number;
  finalTotalFen: number;
  discountPercent: string;
  downPaymentFen: number;
  firstMonthlyPaymentFen: number;
  inputJson: string;
  resultJson: string;
  approvedBy: string | null;
  approvedAt: string | null;
  approvalComment: string;
  createdAt: string;
  updatedAt: string;
}

export interface DealPlanVersionsTable {
  id: string;
  planId: string;
  version: number;
  status: PlanStatus;
  inputJson: string;
  resultJson: string;
  createdBy: string;
  createdAt: string;
}

export interface DealDesignationsTable {
  id: string;
  projectId: string;
  staffId: string;
  duty: Duty;
  designatedBy: string;
  designatedAt: string;
  revokedAt: string | null;
}

export interface DealReceiptCountersTable {
  projectId: string;
  lastNumber: number;
}

export interface DealReceiptsTable {
  id: string;
  companyId: string;
  projectId: string;
  number: number;
  purpose: ReceiptPurpose;
  depositId: string | null;
  paymentId: string | null;
  transactionFileId: string | null;
  customerId: string;
  unitId: string;
  unitNumber: string;
  payerName: string;
  amountFen: number;
  method: CollectionMethod;
  collectedBy: string;
  collectedByName: string;
  witnessId: string;
  witnessName: string;
  issuedAt: string;
  status: ReceiptStatus;
  voidReason: string;
  voidRequestedBy: string | null;
  voidRequestedAt: string | null;
  voidApprovedBy: string | null;
  voidedAt: string | null;
  printCount: number;
}

export interface DealDepositsTable {
  id: string;
  companyId: string;
  projectId: string;
  unitId: string;
  unitNumber: string;
  customerId: string;
  customerName: string;
  planId: string | null;
  consultantId: string;
  amountFen: number;
  priceFen: number;
  status: DepositStatus;
  note: string;
  requestedAt: string;
  confirmedBy: string | null;
  confirmedByName: string | null;
  confirmedAt: string | null;
  collectedBy: string | null;
  witnessId: string | null;
  collectedAt: string | null;
  receiptId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DealIdempotencyTable {
  scope: string;
  key: string;
  actorId: string;
  requestHash: string;
  statusCode: number;
  responseJson: string;
  createdAt: string;
}

export interface DealWitnessAttemptsTable {
  id: string;
  username: string;
  at: string;
  isSuccess: number;
}

export interface DealFormBatchesTable {
  id: string;
  companyId: string;
  projectId: string;
  prefix: string;
  firstSerial: number;
  lastSerial: number;
  note: string;
  issuedBy: string;
  issuedAt: string;
}

export interface DealFormsTable {
  id: string;
  projectId: string;
  batchId: string;
  serial: number;
  number: string;
  status: FormStatus;
  holderId: string | null;
  checkedOutAt: string | null;
  agreementId: string | null;
  usedAt: string | null;
  voidReason: string;
  voidedBy: string | null;
  voidedAt: string | null;
  updatedAt: string;
}

export interface DealAgreementsTable {
  id: string;
  companyId: string;
  projectId: string;
  unitId: string;
  unitNumber: string;
  customerId: string;
  customerName: string;
  planId: string;
  depositId: string | null;
  formId: string;
  formNumber: string;
  consultantId: string;
  consultantName: string;
  status: AgreementStatus;
  priceFen: number;
  paymentMethod: PaymentMethod;
  downPaymentFen: number;
  downPaymentDueOn: string;
  contractDueOn: string;
  signedOn: string;
  signerKind: SignerKind;
  signerBuyerIndex: number | null;
  agentName: string;
  agentIdNumberEnc: string | null;
  agentIdNumberMasked: string;
  notarialNumber: string;
  notarialFileId: string | null;
  submittedAt: string | null;
  reviewerId: string | null;
  reviewerName: string | null;
  reviewedAt: string | null;
  reviewComment: string;
  transactionFileId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DealAgreementBuyersTable {
  id: string;
  agreementId: string;
  sortOrder: number;
  name: string;
  idType: IdType;
  idNumberEnc: string;
  idNumberMasked: string;
  idNumberHash: string;
  idCopyFileId: string | null;
  idCopyConsentAt: string | null;
  idCopyConsentBy: string | null;
}

export interface DealFilesTable {
  id: string;
  companyId: string;
  projectId: string;
  kind: FileKind;
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  /** AES-256-GCM ciphertext, base64 (ID copies are sensitive personal information under PIPL). */
  contentEnc: string;
  uploadedBy: string;
  uploadedAt: string;
}

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

export interface DealsTables {
  dealPlans: DealPlansTable;
  dealPlanVersions: DealPlanVersionsTable;
  dealDesignations: DealDesignationsTable;
  dealReceiptCounters: DealReceiptCountersTable;
  dealReceipts: DealReceiptsTable;
  dealDeposits: DealDepositsTable;
  dealIdempotency: DealIdempotencyTable;
  dealWitnessAttempts: DealWitnessAttemptsTable;
  dealFormBatches: DealFormBatchesTable;
  dealForms: DealFormsTable;
  dealAgreements: DealAgreementsTable;
  dealAgreementBuyers: DealAgreementBuyersTable;
  dealFiles: DealFilesTable;
  dealTransactionFiles: DealTransactionFilesTable;
  dealPaymentItems: DealPaymentItemsTable;
  dealPayments: DealPaymentsTable;
  dealThirdPartyStatements: DealThirdPartyStatementsTable;
  dealExams: DealExamsTable;
  dealContracts: DealContractsTable;
  dealMortgageAppointments: DealMortgageAppointmentsTable;
  dealMoveIns: DealMoveInsTable;
  dealReminders: DealRemindersTable;
  dealTasks: DealTasksTable;
}

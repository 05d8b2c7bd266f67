import type { IdType } from './deals.js';
import type { Role } from './roles.js';

/**
 * The deals module's records as the server answers them (server/modules/deals/responses, checked
 * against these at compile time) and the web client reads them: deposits and receipts, agreements,
 * the transaction file and its parts, tasks, forms, exams and designations. Money is integer fen,
 * times ISO-8601 UTC.
 */

export interface Receipt {
  id: string;
  projectId: string;
  number: number;
  numberText: string;
  purpose: 'deposit' | 'payment';
  depositId: null | string;
  paymentId: null | string;
  transactionFileId: null | string;
  customerId: string;
  unitId: string;
  unitNumber: string;
  payerName: string;
  amountFen: number;
  method: 'cash' | 'card' | 'transfer' | 'wechat' | 'alipay' | 'cheque';
  collectedBy: string;
  collectedByName: string;
  witnessId: string;
  witnessName: string;
  issuedAt: string;
  status: 'voided' | 'valid' | 'void_requested';
  voidReason: string;
  voidRequestedBy: null | string;
  voidRequestedAt: null | string;
  voidApprovedBy: null | string;
  voidedAt: null | string;
  printCount: number;
}
export interface Deposit {
  amountFen: number;
  priceFen: number;
  id: string;
  companyId: string;
  projectId: string;
  unitId: string;
  unitNumber: string;
  customerId: string;
  customerName: string;
  planId: null | string;
  consultantId: string;
  status: 'requested' | 'confirmed' | 'collected' | 'cancelled' | 'voided';
  note: string;
  requestedAt: string;
  confirmedBy: null | string;
  confirmedByName: null | string;
  confirmedAt: null | string;
  collectedBy: null | string;
  witnessId: null | string;
  collectedAt: null | string;
  receiptId: null | string;
  createdAt: string;
  updatedAt: string;
}
export interface Witness {
  username: string;
  password: string;
}
export interface BuyerInput {
  name: string;
  idType: IdType;
  idNumber: string;
  idCopyFileId: string | null;
  /** PIPL: the buyer agreed separately that a copy of their ID is kept. */
  hasIdCopyConsent: boolean;
  /** The stored buyer this row corrects; with it an empty idNumber keeps the stored number. */
  id?: string | null;
}
export interface AgreementInput {
  buyers: BuyerInput[];
  signerKind: 'buyer' | 'agent';
  signerBuyerIndex: number | null;
  agent: {
    name: string;
    idType: IdType;
    idNumber: string;
    notarialNumber: string;
    notarialFileId: string | null;
  } | null;
  signedOn: string;
  downPaymentDueOn: string;
  contractDueOn: string;
}
/** One agreement as read: the list's row and its buyers (ID numbers masked only, PRIV). */
export interface Agreement extends AgreementListItem {
  buyers: AgreementBuyer[];
}

export interface FileListItem {
  priceFen: number;
  paymentMethod: 'instalments' | 'provident_fund' | 'lump_sum' | 'commercial_loan' | 'combination';
  id: string;
  companyId: string;
  projectId: string;
  customerId: string;
  unitId: string;
  unitNumber: string;
  customerName: string;
  consultantId: string;
  status: 'cancelled' | 'open' | 'contracted' | 'completed';
  updatedAt: string;
  planId: string;
  depositId: null | string;
  agreementId: string;
  openedAt: string;
  openedBy: string;
  downPaymentPaidAt: null | string;
  contractSignedAt: null | string;
  mortgageDocsHandedInAt: null | string;
  responsibilityEndedAt: null | string;
  handedOverAt: null | string;
}
export interface FormReport {
  batches: Array<{
    id: string;
    prefix: string;
    firstSerial: number;
    lastSerial: number;
    issuedAt: string;
    note: string;
    total: number;
    inStock: number;
    checkedOut: number;
    used: number;
    voided: number;
    missingSerials: number[];
  }>;
  unaccounted: Array<
    | { number: string; reason: 'checked_out'; holderId: null | string; since: null | string }
    | { number: string; reason: 'missing'; holderId: null; since: null }
  >;
  voided: Array<{ number: string; reason: string; voidedBy: null | string; voidedAt: null | string }>;
}
export interface Exam {
  isPassed: boolean;
  isValid: boolean;
  id: string;
  companyId: string;
  staffId: string;
  kind: 'contract_filling';
  note: string;
  staffName: string;
  takenOn: string;
  score: number;
  passMark: number;
  expiresOn: string;
  recordedBy: string;
  recordedAt: string;
}
export interface DealForm {
  number: string;
  id: string;
  projectId: string;
  status: 'voided' | 'in_stock' | 'checked_out' | 'used';
  updatedAt: string;
  agreementId: null | string;
  usedAt: null | string;
  voidReason: string;
  voidedAt: null | string;
  batchId: string;
  serial: number;
  holderId: null | string;
  checkedOutAt: null | string;
  voidedBy: null | string;
}
export interface Designation {
  staffName: string;
  id: string;
  projectId: string;
  duty: 'deposit_confirm' | 'collect' | 'agreement_review';
  staffId: string;
  designatedBy: string;
  designatedAt: string;
  revokedAt: null | string;
}
export interface ProjectStaff {
  id: string;
  displayName: string;
  roles: Role[];
}
export interface UploadedFile {
  id: string;
  companyId: string;
  projectId: string;
  kind: 'other' | 'id_copy' | 'notarised_authorisation' | 'signed_statement' | 'contract_scan';
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** A rest day of the working calendar among dates asked about. */
export interface RestDay {
  day: string;
  reason: 'holiday' | 'weekend' | 'administrator';
}

export interface AgreementBuyer {
  id: string;
  name: string;
  idType: 'resident_id' | 'passport' | 'hk_macao_permit' | 'taiwan_permit';
  idNumberMasked: string;
  idCopyFileId: null | string;
  idCopyConsentAt: null | string;
}

export interface AgreementListItem {
  priceFen: number;
  downPaymentFen: number;
  paymentMethod: 'instalments' | 'provident_fund' | 'lump_sum' | 'commercial_loan' | 'combination';
  id: string;
  companyId: string;
  projectId: string;
  customerId: string;
  unitId: string;
  unitNumber: string;
  customerName: string;
  consultantId: string;
  status: 'cancelled' | 'draft' | 'submitted' | 'returned' | 'approved';
  createdAt: string;
  updatedAt: string;
  planId: string;
  depositId: null | string;
  formId: string;
  formNumber: string;
  consultantName: string;
  downPaymentDueOn: string;
  contractDueOn: string;
  signedOn: string;
  signerKind: 'agent' | 'buyer';
  signerBuyerIndex: null | number;
  agentName: string;
  agentIdNumberMasked: string;
  notarialNumber: string;
  notarialFileId: null | string;
  submittedAt: null | string;
  reviewerId: null | string;
  reviewerName: null | string;
  reviewedAt: null | string;
  reviewComment: string;
  transactionFileId: null | string;
}

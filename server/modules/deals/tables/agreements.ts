import type { IdType, PaymentMethod } from '../../../../contracts/deals.js';
import type { AgreementStatus, FileKind, SignerKind } from './vocabulary.js';

/** Agreements (认购), their buyers, and uploaded files. */

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

import type { CollectionMethod, Duty, FormStatus, PaymentMethod } from '../../../../contracts/deals.js';
import type { UnitStatus } from '../../../../contracts/inventory-board.js';
import type { DepositStatus, PlanStatus, ReceiptPurpose, ReceiptStatus } from './vocabulary.js';

/** Plans, designations, receipts, deposits, idempotency, witness attempts and paper forms. */

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
  /** SA-9: the unit's status when the plan was made (NULL: made before this was recorded). */
  unitStatusAtPlan: UnitStatus | null;
  /** SA-9: 1 when the unit was then held for this plan's customer (0 otherwise, NULL as above). */
  isUnitHeldForCustomer: number | null;
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

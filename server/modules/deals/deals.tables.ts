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
} from '../../../contracts/deals.js';
import type { DealAgreementBuyersTable, DealAgreementsTable, DealFilesTable } from './tables/agreements.js';
import type {
  DealDepositsTable,
  DealDesignationsTable,
  DealFormBatchesTable,
  DealFormsTable,
  DealIdempotencyTable,
  DealPlansTable,
  DealPlanVersionsTable,
  DealReceiptCountersTable,
  DealReceiptsTable,
  DealWitnessAttemptsTable,
} from './tables/plans-and-deposits.js';
import type {
  DealContractsTable,
  DealExamsTable,
  DealHandOversTable,
  DealMortgageAppointmentsTable,
  DealMoveInsTable,
  DealPaymentItemsTable,
  DealPaymentsTable,
  DealRemindersTable,
  DealTasksTable,
  DealThirdPartyStatementsTable,
  DealTransactionFilesTable,
} from './tables/transaction-files.js';

export type * from './tables/agreements.js';
export type * from './tables/plans-and-deposits.js';
export type * from './tables/transaction-files.js';
export type * from './tables/vocabulary.js';
// The vocabularies the web client shares (contracts/deals.ts).
export type { CollectionMethod, Duty, FormStatus, IdType, PaymentItemCode };

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
  dealHandOvers: DealHandOversTable;
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

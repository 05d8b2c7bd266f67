import './deals.notifications.js';

/** Deals use cases, one file per verb-noun group under use-cases/ (plans, deposits, receipts, forms, agreements, payments, exams, contracts, mortgage, move-in, transaction-file). */
export * from './use-cases/agreements.js';
export * from './use-cases/contracts.js';
export * from './use-cases/deposits.js';
export * from './use-cases/designations.js';
export * from './use-cases/exams.js';
export * from './use-cases/files.js';
export * from './use-cases/forms.js';
export * from './use-cases/hand-over.js';
export * from './use-cases/mortgage.js';
export * from './use-cases/move-in.js';
export * from './use-cases/payments.js';
export * from './use-cases/plan-print.js';
export * from './use-cases/plans.js';
export * from './use-cases/receipts.js';
export { findProjectStaff } from './use-cases/staff-lookup.js';
export * from './use-cases/transaction-file.js';
export * from './use-cases/transaction-file-pdf.js';

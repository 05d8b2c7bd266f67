/**
 * The deals module's only SQL, one file per aggregate under queries/. Scarce things (receipt numbers,
 * forms, states) move by conditional updates.
 */

export * from './queries/agreements.queries.js';
export * from './queries/contracts.queries.js';
export * from './queries/deposits.queries.js';
export * from './queries/designations.queries.js';
export * from './queries/exams.queries.js';
export * from './queries/files.queries.js';
export * from './queries/forms.queries.js';
export * from './queries/hand-overs.queries.js';
export * from './queries/idempotency.queries.js';
export * from './queries/mortgages.queries.js';
export * from './queries/move-ins.queries.js';
export * from './queries/payments.queries.js';
export * from './queries/personal-data.queries.js';
export * from './queries/plans.queries.js';
export * from './queries/receipts.queries.js';
export * from './queries/reminders.queries.js';
export * from './queries/rows.js';
export * from './queries/tasks.queries.js';
export * from './queries/transaction-files.queries.js';
export * from './queries/witness.queries.js';

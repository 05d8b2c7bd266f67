import './deals.notifications.js';
import './deals.privacy.js';

export { type DealConformanceFacts, type DealReminderFact, dealFactSource } from './conformance-facts.js';
export {
  findDealFigures,
  findDepositsAwaitingConfirmation,
  findOverduePayments,
} from './dashboard-figures.js';
export { dealsEncryptedData } from './deals.crypto.js';
export { seedDealsDemo } from './deals.demo.js';
export { dealErrors } from './deals.errors.js';
/**
 * Deals (成交) as other modules use it: purchase plans (SA-9), deposits and receipts (SA-12),
 * subscription agreements and forms (SA-13), payments and reminders (SA-14), contract and
 * certification (SA-15), mortgage (SA-16), move-in (SA-17) and the transaction file (SA-19).
 */
export { dealsRoutes } from './deals.routes.js';
export { shanghaiDate, shanghaiInstant, shanghaiMinute } from './deals.rules.js';
export { findMyTasks, findTransactionFiles, getTransactionFile } from './deals.service.js';
export type { DealsTables } from './deals.tables.js';
export {
  computePlan,
  type DeedTaxRules,
  loanSchedule,
  type PaymentMethod,
  type PlanInput,
  type PlanResult,
  type RepaymentMethod,
} from './plan.rules.js';

/**
 * The deals vocabularies both sides use: the server's tables and use cases
 * (server/modules/deals) store and answer with them, the web client (web/modules/deals) words
 * them per language. Money is integer fen, times ISO-8601 UTC.
 */

export const paymentMethods = [
  'lump_sum',
  'instalments',
  'commercial_loan',
  'provident_fund',
  'combination',
] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** 等额本息 (equal total instalment) or 等额本金 (equal principal). */
export const repaymentMethods = ['equal_instalment', 'equal_principal'] as const;
export type RepaymentMethod = (typeof repaymentMethods)[number];

export type CollectionMethod = 'cash' | 'card' | 'transfer' | 'wechat' | 'alipay' | 'cheque';
export type IdType = 'resident_id' | 'passport' | 'hk_macao_permit' | 'taiwan_permit';
export type FormStatus = 'in_stock' | 'checked_out' | 'used' | 'voided';
export type Duty = 'deposit_confirm' | 'collect' | 'agreement_review';

/**
 * What a payment item is, worded per language where it is read: the whole price at once, the
 * down payment before a loan, each loan, or the n-th instalment of an instalment plan (whose label
 * the consultant typed). NULL on items made before 2026-11-28 whose label was not recognised.
 */
export type PaymentItemCode =
  | 'lump_sum'
  | 'down_payment'
  | 'commercial_loan'
  | 'provident_fund_loan'
  | 'instalment';

/**
 * What a consultant's task sentence is made of, per kind. The sentence is worded where it is read
 * (web deals.i18n.ts), in the reader's language; the Chinese title stored beside the parameters is
 * what search matches, what the audit row names, and all that rows made before 2026-11-28 have.
 */
export interface TaskParamsOf {
  down_payment_follow_up: { customerName: string; amountFen: number; dueOn: string };
  move_in_accompany: { customerName: string; appointmentAt: string; place: string };
}
export type TaskKind = keyof TaskParamsOf;

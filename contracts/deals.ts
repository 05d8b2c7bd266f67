/**
 * The deals vocabularies and answers both sides use: the server's tables and use cases
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
export type PlanStatus = 'ready' | 'pending_approval' | 'rejected';

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

/**
 * One discount line of a purchase plan (SA-9), in the three ways offices speak of it:
 * - `share` 折: the buyer pays this share of the running price; "98", "9.8" (9.8折) and "95.5"
 *   are all understood, a value up to 10 counting in tenths (9.8折 = 98 %);
 * - `percent` 优惠 N%: N % off the running price (every plan stored before 2026-12-07 uses this);
 * - `amount` 直减 N 元: a fixed amount off, in fen.
 */
export const discountKinds = ['share', 'percent', 'amount'] as const;
export type DiscountKind = (typeof discountKinds)[number];

/** A discount as typed, in the office's words: "98折", "优惠2%", "直减¥5,000". */
export function discountText(
  discount: { kind: DiscountKind; value: string },
  locale: 'zh-CN' | 'zh-TW' | 'en',
): string {
  if (discount.kind === 'share')
    return locale === 'en'
      ? `${discount.value}折 (pays ${sharePaidText(discount.value)} %)`
      : `${discount.value}折`;
  if (discount.kind === 'percent')
    return locale === 'en'
      ? `${discount.value} % off`
      : `${locale === 'zh-TW' ? '優惠' : '优惠'}${discount.value}%`;
  const amount = wholeYuanText(Number(discount.value));
  return locale === 'en' ? `¥${amount} off` : `${locale === 'zh-TW' ? '直減' : '直减'}¥${amount}`;
}

/** The share paid, in percent, of a 折 as typed: "9.8" → "98", "95.5" → "95.5". */
export function sharePaidText(value: string): string {
  const [whole, decimals = ''] = value.split('.');
  if (Number(value) > 10) return value;
  // Multiply by ten by moving the decimal point: exact, no floating point.
  const digits = `${whole}${decimals.padEnd(1, '0')}`;
  const rest = decimals.slice(1);
  const integer = String(Number(digits.slice(0, whole.length + 1)));
  return rest ? `${integer}.${rest}` : integer;
}

/** Fen → "5,000" for whole yuan, "5,000.50" otherwise. */
function wholeYuanText(fen: number): string {
  const yuan = Math.floor(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fen % 100 === 0 ? yuan : `${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

// ---------- plans (SA-9): what the consultant chooses and what the server computes ----------

/** A discount line: 折 (share paid), 优惠 % (percent off) or 直减 (amount off); see contracts/deals.ts. */
export type Discount =
  | { kind: 'share'; label: string; share: string }
  | { kind: 'percent'; label: string; percent: string }
  | { kind: 'amount'; label: string; amountFen: number };
export interface LoanTerms {
  annualRatePercent: string;
  termMonths: number;
  repayment: RepaymentMethod;
}
export interface PlanChoices {
  discounts: Discount[];
  paymentMethod: PaymentMethod;
  downPaymentPercent?: string;
  commercial?: LoanTerms;
  providentFund?: LoanTerms & { amountFen?: number };
  instalments?: Array<{ label: string; percent: string; monthsAfterSigning: number }>;
  homeOrder: 'first' | 'second' | 'other';
}
export interface ScheduleRow {
  month: number;
  paymentFen: number;
  principalFen: number;
  interestFen: number;
  balanceFen: number;
}
export interface LoanResult extends LoanTerms {
  kind: 'commercial' | 'provident_fund';
  amountFen: number;
  firstPaymentFen: number;
  lastPaymentFen: number;
  monthlyDecreaseFen: number | null;
  totalInterestFen: number;
  totalPaymentFen: number;
  schedule?: ScheduleRow[];
}
export interface PlanResult {
  listTotalFen: number;
  discountSteps: Array<{
    label: string;
    kind: 'share' | 'percent' | 'amount';
    value: string;
    beforeFen: number;
    afterFen: number;
    reductionFen: number;
  }>;
  discountFen: number;
  discountPercent: string;
  finalTotalFen: number;
  finalUnitPriceFen: number;
  downPaymentFen: number;
  loans: Array<{
    kind: 'commercial' | 'provident_fund';
    amountFen: number;
    annualRatePercent: string;
    termMonths: number;
    repayment: 'equal_instalment' | 'equal_principal';
    firstPaymentFen: number;
    lastPaymentFen: number;
    monthlyDecreaseFen: null | number;
    totalInterestFen: number;
    totalPaymentFen: number;
    schedule?:
      | undefined
      | Array<{
          month: number;
          paymentFen: number;
          principalFen: number;
          interestFen: number;
          balanceFen: number;
        }>;
  }>;
  firstMonthlyPaymentFen: number;
  instalments: Array<{ amountFen: number; label: string; percent: string; monthsAfterSigning: number }>;
  deedTax: { ratePercent: string; baseFen: number; amountFen: number };
  maintenanceFundFen: number;
  cashNeededFen: number;
}
export interface PlanPreview {
  result: PlanResult;
  needsConfirmation: boolean;
  confirmAbovePercent: number;
  needsApproval: boolean;
}
export interface Plan {
  id: string;
  projectId: string;
  customerId: string;
  customerName: string;
  unitId: string;
  unitNumber: string;
  consultantId: string;
  version: number;
  status: 'ready' | 'pending_approval' | 'rejected';
  approvedBy: null | string;
  approvedAt: null | string;
  approvalComment: string;
  createdAt: string;
  updatedAt: string;
  input: {
    listTotalFen: number;
    buildingArea: string;
    discounts: Array<
      | { kind: 'share'; label: string; share: string }
      | { kind: 'percent'; label: string; percent: string }
      | { kind: 'amount'; label: string; amountFen: number }
    >;
    discountOrder: 'percent_then_amount' | 'amount_then_percent' | 'as_entered';
    paymentMethod: 'instalments' | 'provident_fund' | 'lump_sum' | 'commercial_loan' | 'combination';
    downPaymentPercent?: undefined | string;
    loanRoundingFen?: undefined | number;
    commercial?:
      | undefined
      | { annualRatePercent: string; termMonths: number; repayment: 'equal_instalment' | 'equal_principal' };
    providentFund?:
      | undefined
      | {
          annualRatePercent: string;
          termMonths: number;
          repayment: 'equal_instalment' | 'equal_principal';
          amountFen?: undefined | number;
        };
    instalments?: undefined | Array<{ label: string; percent: string; monthsAfterSigning: number }>;
    homeOrder: 'first' | 'second' | 'other';
    deedTax: {
      vatPercent: number;
      areaThresholdSquareMetres: number;
      firstHomeSmallPercent: number;
      firstHomeLargePercent: number;
      secondHomeSmallPercent: number;
      secondHomeLargePercent: number;
      otherPercent: number;
    };
    maintenanceFund:
      | { mode: 'percent_of_price'; percent: number }
      | { mode: 'per_square_metre'; yuanPerSquareMetre: number };
  };
  meta: { priceListId: string; priceListVersion: null | number; consultantLimitPercent: number };
  result: PlanResult;
}

export type * from './deal-records.js';
export type * from './deal-transaction-file.js';

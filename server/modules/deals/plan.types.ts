import {
  type DiscountKind,
  type PaymentMethod,
  paymentMethods,
  type RepaymentMethod,
  repaymentMethods,
} from '../../../contracts/deals.js';

export { type PaymentMethod, paymentMethods, type RepaymentMethod, repaymentMethods };

/** The purchase plan's inputs and results (SA-9), and why an input is refused. */

export const discountOrders = ['percent_then_amount', 'amount_then_percent', 'as_entered'] as const;
export type DiscountOrder = (typeof discountOrders)[number];

export type LoanKind = 'commercial' | 'provident_fund';
export type HomeOrder = 'first' | 'second' | 'other';

/** One discount line; see DiscountKind in contracts/deals.ts for what each kind means. */
export type Discount =
  /** 折: the buyer pays this share: "98", "9.8" (tenths up to 10) and "95.5" all work. */
  | { kind: 'share'; label: string; share: string }
  /** 优惠 N%: `percent` off the running price: "2" = 2 % off. */
  | { kind: 'percent'; label: string; percent: string }
  /** 直减: a fixed amount off, below the running price. */
  | { kind: 'amount'; label: string; amountFen: number };

export interface LoanTerms {
  annualRatePercent: string;
  termMonths: number;
  repayment: RepaymentMethod;
}

export interface InstalmentInput {
  label: string;
  percent: string;
  monthsAfterSigning: number;
}

export interface DeedTaxRules {
  /** Tax base is the price without VAT (契税计税依据不含增值税): price ÷ (1 + vatPercent %). */
  vatPercent: number;
  areaThresholdSquareMetres: number;
  firstHomeSmallPercent: number;
  firstHomeLargePercent: number;
  secondHomeSmallPercent: number;
  secondHomeLargePercent: number;
  otherPercent: number;
}

export type MaintenanceFundRule =
  | { mode: 'percent_of_price'; percent: number }
  | { mode: 'per_square_metre'; yuanPerSquareMetre: number };

export interface PlanInput {
  /** From the approved price list (表价). */
  listTotalFen: number;
  /** 建筑面积, m², as text to keep its decimals exact ("89.56"). */
  buildingArea: string;
  discounts: Discount[];
  discountOrder: DiscountOrder;
  paymentMethod: PaymentMethod;
  /** Loans: share of the price paid before the loan, e.g. "30". */
  downPaymentPercent?: string;
  /** Loans: the total loan is rounded down to a multiple of this (fen). */
  loanRoundingFen?: number;
  commercial?: LoanTerms;
  providentFund?: LoanTerms & { amountFen?: number };
  instalments?: InstalmentInput[];
  homeOrder: HomeOrder;
  deedTax: DeedTaxRules;
  maintenanceFund: MaintenanceFundRule;
}

export interface DiscountStep {
  label: string;
  kind: DiscountKind;
  value: string;
  beforeFen: number;
  afterFen: number;
  reductionFen: number;
}

export interface ScheduleRow {
  month: number;
  paymentFen: number;
  principalFen: number;
  interestFen: number;
  balanceFen: number;
}

export interface LoanResult {
  kind: LoanKind;
  amountFen: number;
  annualRatePercent: string;
  termMonths: number;
  repayment: RepaymentMethod;
  firstPaymentFen: number;
  lastPaymentFen: number;
  /** 等额本金 only: how much less each month's payment is (principal × monthly rate), rounded. */
  monthlyDecreaseFen: number | null;
  totalInterestFen: number;
  totalPaymentFen: number;
  /** Month by month, only when asked for (computePlan's withSchedules). */
  schedule?: ScheduleRow[];
}

export interface InstalmentResult extends InstalmentInput {
  amountFen: number;
}

export interface PlanResult {
  listTotalFen: number;
  discountSteps: DiscountStep[];
  discountFen: number;
  /** Share of the list price given away, percent with 4 decimals ("2.9700"). */
  discountPercent: string;
  finalTotalFen: number;
  /** Final price per m² of building area, rounded to the fen (display only). */
  finalUnitPriceFen: number;
  downPaymentFen: number;
  loans: LoanResult[];
  /** First month's total repayment across all loans. */
  firstMonthlyPaymentFen: number;
  instalments: InstalmentResult[];
  deedTax: { ratePercent: string; baseFen: number; amountFen: number };
  maintenanceFundFen: number;
  /** What the buyer needs in cash around signing: down payment (or whole price) + deed tax + fund. */
  cashNeededFen: number;
}

/** Why a discount line is refused, for a message in the user's language (plans.ts words it). */
export type DiscountProblem = 'share_range' | 'percent_range' | 'amount_range' | 'format';

export class PlanInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    /** Set on a discount line's errors: which line (0-based) and what is wrong with it. */
    readonly discount?: { index: number; problem: DiscountProblem },
  ) {
    super(`${field}: ${reason}`);
  }
}

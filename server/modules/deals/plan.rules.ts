import { Decimal } from 'decimal.js';

/**
 * Purchase plan (购房方案, SA-9): pure price and loan arithmetic, no I/O, no clock.
 *
 * Money is integer fen throughout. Where a figure is not a whole number of fen it is rounded
 * ROUND_HALF_UP (四舍五入) at exactly these points, and nowhere else:
 *   1. after each discount step (the running price is always whole fen);
 *   2. the total loan is rounded DOWN to the configured unit (e.g. whole 1,000 yuan, as banks
 *      lend), and the down payment is the remainder, so price = down payment + loans exactly;
 *   3. the 等额本息 monthly payment, from the annuity formula, rounded once;
 *   4. 等额本息: each month's interest = balance × monthly rate, rounded; principal = payment −
 *      interest; the LAST month takes whatever principal remains (its payment differs by fen).
 *      等额本金: each month's payment is the exact formula value rounded once (what banks'
 *      calculators print), principal is allocated by cumulative rounding of k·P/n. Either way a
 *      schedule's principal sums to the loan to the fen;
 *   5. instalment amounts = price × percent, rounded, the last instalment takes the remainder;
 *   6. deed tax base (price without VAT), deed tax and maintenance fund, each rounded once.
 * Interest is computed on whole-fen balances with integer arithmetic (exact, and fast enough for
 * 10,000 plans of 360 months in well under a second); only the annuity factor needs decimals.
 */

import {
  type DiscountKind,
  type PaymentMethod,
  paymentMethods,
  type RepaymentMethod,
  repaymentMethods,
} from '../../../contracts/deals.js';

export { type PaymentMethod, paymentMethods, type RepaymentMethod, repaymentMethods };

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

const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

const percentPattern = /^\d{1,3}(\.\d{1,4})?$/;

function parsePercent(field: string, value: string, max = 100): Decimal {
  if (!percentPattern.test(value)) throw new PlanInputError(field, 'not a percentage with up to 4 decimals');
  const parsed = new Dec(value);
  if (parsed.gt(max)) throw new PlanInputError(field, `above ${max}`);
  return parsed;
}

/** Rounds a Decimal amount of fen half-up to a whole fen. */
export function roundFen(value: Decimal.Value): number {
  return new Dec(value).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

const limb = 2 ** 20;

/**
 * round_half_up(a × b ÷ d) on non-negative integers, exactly. When a × b leaves 2^53 it splits a
 * into 20-bit limbs (exact while b < 2^33 and d < 2^32, true of every loan here) and only then
 * falls back to BigInt.
 */
function mulDivRound(a: number, b: number, d: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) {
    const quotient = Math.floor(product / d);
    const remainder = product - quotient * d;
    return remainder * 2 >= d ? quotient + 1 : quotient;
  }
  if (b < 2 ** 33 && d < 2 ** 32 && a < 2 ** 53) {
    const high = Math.floor(a / limb) * b;
    const low = (a % limb) * b;
    if (Number.isSafeInteger(high) && Number.isSafeInteger(low)) {
      const highQuotient = Math.floor(high / d);
      const rest = (high - highQuotient * d) * limb + low;
      if (Number.isSafeInteger(rest)) {
        const restQuotient = Math.floor(rest / d);
        const remainder = rest - restQuotient * d;
        return highQuotient * limb + restQuotient + (remainder * 2 >= d ? 1 : 0);
      }
    }
  }
  const big = BigInt(a) * BigInt(b);
  const divisor = BigInt(d);
  const quotient = big / divisor;
  return Number((big % divisor) * 2n >= divisor ? quotient + 1n : quotient);
}

/** Annual rate percent "4.9" as an integer of ten-thousandths of a percent (49000). */
function scaledRate(annualRatePercent: string, field: string): number {
  const rate = parsePercent(field, annualRatePercent, 36);
  return rate.mul(10_000).toNumber();
}

/** Monthly rate = percent ÷ 100 ÷ 12; with the percent scaled by 10^4 that is scaled ÷ (12 × 10^6). */
const monthlyRateDivisor = 12_000_000;

/**
 * The share of the running price a 折 leaves the buyer to pay, in percent: a value up to 10
 * counts in tenths (9.8折 = 98 %), above 10 in percent (98折, 95.5折); it must be above 0 and at
 * most 100 (10折 / 100 = no discount).
 */
export function sharePaidPercent(field: string, share: string, index = 0): Decimal {
  if (!percentPattern.test(share))
    throw new PlanInputError(field, 'not a number with up to 4 decimals', { index, problem: 'format' });
  const value = new Dec(share);
  if (value.lte(0) || value.gt(100))
    throw new PlanInputError(field, 'a 折 must be above 0 and at most 10 or 100', {
      index,
      problem: 'share_range',
    });
  return value.lte(10) ? value.mul(10) : value;
}

/** Whether a kind multiplies the running price (折, 优惠 %) rather than subtracting an amount. */
function isProportional(discount: Discount): boolean {
  return discount.kind !== 'amount';
}

export function applyDiscounts(
  listTotalFen: number,
  discounts: Discount[],
  order: DiscountOrder,
): DiscountStep[] {
  const entered = discounts.map((discount, index) => ({ discount, index }));
  const ordered =
    order === 'as_entered'
      ? entered
      : [...entered].sort((a, b) => {
          const rank = (discount: Discount) =>
            isProportional(discount) === (order === 'percent_then_amount') ? 0 : 1;
          return rank(a.discount) - rank(b.discount);
        });
  const steps: DiscountStep[] = [];
  let running = listTotalFen;
  for (const { discount, index } of ordered) {
    const before = running;
    let value: string;
    if (discount.kind === 'share') {
      const paid = sharePaidPercent(`discounts.${index}.share`, discount.share, index);
      running = roundFen(new Dec(before).mul(paid).div(100));
      value = discount.share;
    } else if (discount.kind === 'percent') {
      const field = `discounts.${index}.percent`;
      if (!percentPattern.test(discount.percent))
        throw new PlanInputError(field, 'not a percentage with up to 4 decimals', {
          index,
          problem: 'format',
        });
      const percent = new Dec(discount.percent);
      if (percent.gte(100))
        throw new PlanInputError(field, 'a percentage off must be from 0 to below 100', {
          index,
          problem: 'percent_range',
        });
      running = roundFen(new Dec(before).mul(new Dec(100).minus(percent)).div(100));
      value = discount.percent;
    } else {
      if (!Number.isSafeInteger(discount.amountFen) || discount.amountFen < 0 || discount.amountFen >= before)
        throw new PlanInputError(
          `discounts.${index}.amountFen`,
          'an amount off must be from 0 to below the price',
          {
            index,
            problem: 'amount_range',
          },
        );
      running = before - discount.amountFen;
      value = String(discount.amountFen);
    }
    if (running <= 0)
      throw new PlanInputError(
        `discounts.${index}.${discount.kind === 'amount' ? 'amountFen' : discount.kind}`,
        'the price after this discount must be positive',
        {
          index,
          problem: discount.kind === 'share' ? 'share_range' : 'percent_range',
        },
      );
    steps.push({
      label: discount.label,
      kind: discount.kind,
      value,
      beforeFen: before,
      afterFen: running,
      reductionFen: before - running,
    });
  }
  return steps;
}

// The annuity factor r(1+r)^n / ((1+r)^n − 1) depends only on the rate and the term, and an office
// quotes a handful of rates a day: computing it once per (rate, term) keeps 10,000 plans fast.
const annuityFactors = new Map<string, Decimal>();
const annuityCacheLimit = 2_000;

function annuityFactor(rateScaled: number, termMonths: number): Decimal {
  const key = `${rateScaled}|${termMonths}`;
  let factor = annuityFactors.get(key);
  if (!factor) {
    const r = new Dec(rateScaled).div(monthlyRateDivisor);
    const growth = r.plus(1).pow(termMonths);
    factor = r.mul(growth).div(growth.minus(1));
    if (annuityFactors.size >= annuityCacheLimit) annuityFactors.clear();
    annuityFactors.set(key, factor);
  }
  return factor;
}

/** 等额本息 monthly payment: P·r·(1+r)^n / ((1+r)^n − 1), rounded half-up to the fen (point 3). */
export function equalInstalmentPaymentFen(
  principalFen: number,
  annualRatePercent: string,
  termMonths: number,
): number {
  const rateScaled = scaledRate(annualRatePercent, 'annualRatePercent');
  if (rateScaled === 0) return roundFen(new Dec(principalFen).div(termMonths));
  return roundFen(annuityFactor(rateScaled, termMonths).mul(principalFen));
}

/**
 * Walks a loan month by month. `onRow` receives each row (the schedule is not kept unless the
 * caller keeps it, so summaries of many plans stay light).
 */
export function walkLoanSchedule(
  principalFen: number,
  terms: LoanTerms,
  onRow?: (row: ScheduleRow) => void,
): Omit<LoanResult, 'kind' | 'amountFen' | 'annualRatePercent' | 'termMonths' | 'repayment'> {
  const { termMonths, repayment } = terms;
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > 360)
    throw new PlanInputError('termMonths', 'must be 1 to 360 months');
  const rateScaled = scaledRate(terms.annualRatePercent, 'annualRatePercent');
  const level =
    repayment === 'equal_instalment'
      ? equalInstalmentPaymentFen(principalFen, terms.annualRatePercent, termMonths)
      : 0;
  let balance = principalFen;
  let totalInterest = 0;
  let first = 0;
  let last = 0;
  for (let month = 1; month <= termMonths; month++) {
    let principal: number;
    let interest: number;
    if (repayment === 'equal_instalment') {
      interest = mulDivRound(balance, rateScaled, monthlyRateDivisor);
      principal = month === termMonths ? balance : Math.min(balance, level - interest);
    } else {
      // Month k pays exactly P/n + (P − (k−1)·P/n)·r = P·(D + (n−k+1)·R) / (n·D), rounded once,
      // as the banks' calculators print it; principal is P/n by cumulative rounding, so the
      // months' principal sums to P exactly and interest is the payment's remainder.
      const payment = mulDivRound(
        principalFen,
        monthlyRateDivisor + (termMonths - month + 1) * rateScaled,
        termMonths * monthlyRateDivisor,
      );
      principal =
        mulDivRound(month, principalFen, termMonths) - mulDivRound(month - 1, principalFen, termMonths);
      // Below one fen of interest (a zero or tiny rate) the two roundings can cross; never negative.
      interest = Math.max(0, payment - principal);
    }
    const payment = principal + interest;
    balance -= principal;
    totalInterest += interest;
    if (month === 1) first = payment;
    last = payment;
    onRow?.({
      month,
      paymentFen: payment,
      principalFen: principal,
      interestFen: interest,
      balanceFen: balance,
    });
  }
  return {
    firstPaymentFen: first,
    lastPaymentFen: last,
    monthlyDecreaseFen:
      repayment === 'equal_principal'
        ? mulDivRound(principalFen, rateScaled, termMonths * monthlyRateDivisor)
        : null,
    totalInterestFen: totalInterest,
    totalPaymentFen: principalFen + totalInterest,
  };
}

export function loanSchedule(principalFen: number, terms: LoanTerms): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  walkLoanSchedule(principalFen, terms, (row) => rows.push(row));
  return rows;
}

/** Splits an amount by percentages; each share rounded half-up, the last share takes the rest (point 5). */
export function splitByPercent(totalFen: number, percents: string[], field: string): number[] {
  const parsed = percents.map((percent, index) => parsePercent(`${field}.${index}.percent`, percent));
  const sum = parsed.reduce((acc, value) => acc.plus(value), new Dec(0));
  if (!sum.eq(100)) throw new PlanInputError(field, 'percentages must add up to 100');
  const amounts: number[] = [];
  let allocated = 0;
  for (const [index, percent] of parsed.entries()) {
    const amount =
      index === parsed.length - 1 ? totalFen - allocated : roundFen(new Dec(totalFen).mul(percent).div(100));
    amounts.push(amount);
    allocated += amount;
  }
  return amounts;
}

export function deedTaxRatePercent(rules: DeedTaxRules, homeOrder: HomeOrder, buildingArea: string): number {
  if (homeOrder === 'other') return rules.otherPercent;
  const isSmall = new Dec(buildingArea).lte(rules.areaThresholdSquareMetres);
  if (homeOrder === 'first') return isSmall ? rules.firstHomeSmallPercent : rules.firstHomeLargePercent;
  return isSmall ? rules.secondHomeSmallPercent : rules.secondHomeLargePercent;
}

export function computeDeedTax(
  finalTotalFen: number,
  rules: DeedTaxRules,
  homeOrder: HomeOrder,
  buildingArea: string,
) {
  const rate = deedTaxRatePercent(rules, homeOrder, buildingArea);
  const baseFen = roundFen(new Dec(finalTotalFen).mul(100).div(new Dec(100).plus(rules.vatPercent)));
  return {
    ratePercent: new Dec(rate).toString(),
    baseFen,
    amountFen: roundFen(new Dec(baseFen).mul(rate).div(100)),
  };
}

export function computeMaintenanceFund(
  finalTotalFen: number,
  rule: MaintenanceFundRule,
  buildingArea: string,
): number {
  if (rule.mode === 'percent_of_price') return roundFen(new Dec(finalTotalFen).mul(rule.percent).div(100));
  return roundFen(new Dec(buildingArea).mul(rule.yuanPerSquareMetre).mul(100));
}

const areaPattern = /^\d{1,5}(\.\d{1,4})?$/;

function loanResult(kind: LoanKind, amountFen: number, terms: LoanTerms, withSchedule: boolean): LoanResult {
  const schedule: ScheduleRow[] | undefined = withSchedule ? [] : undefined;
  const summary = walkLoanSchedule(amountFen, terms, schedule ? (row) => schedule.push(row) : undefined);
  return {
    kind,
    amountFen,
    annualRatePercent: terms.annualRatePercent,
    termMonths: terms.termMonths,
    repayment: terms.repayment,
    ...summary,
    ...(schedule ? { schedule } : {}),
  };
}

/** Computes a whole plan: every figure of the printed 购房方案 comes from here. */
export function computePlan(input: PlanInput, options: { withSchedules?: boolean } = {}): PlanResult {
  const withSchedules = options.withSchedules ?? false;
  if (!Number.isSafeInteger(input.listTotalFen) || input.listTotalFen <= 0)
    throw new PlanInputError('listTotalFen', 'must be positive');
  if (!areaPattern.test(input.buildingArea) || new Dec(input.buildingArea).lte(0))
    throw new PlanInputError('buildingArea', 'not a positive area');
  const discountSteps = applyDiscounts(input.listTotalFen, input.discounts, input.discountOrder);
  const finalTotalFen = discountSteps.at(-1)?.afterFen ?? input.listTotalFen;
  if (finalTotalFen <= 0) throw new PlanInputError('discounts', 'the final price must be positive');
  const discountFen = input.listTotalFen - finalTotalFen;

  let downPaymentFen = finalTotalFen;
  const loans: LoanResult[] = [];
  let instalments: InstalmentResult[] = [];
  const method = input.paymentMethod;
  if (method === 'instalments') {
    const items = input.instalments ?? [];
    if (items.length < 2) throw new PlanInputError('instalments', 'at least two instalments');
    const amounts = splitByPercent(
      finalTotalFen,
      items.map((item) => item.percent),
      'instalments',
    );
    instalments = items.map((item, index) => ({ ...item, amountFen: amounts[index] }));
    downPaymentFen = amounts[0];
  } else if (method !== 'lump_sum') {
    const downPercent = parsePercent('downPaymentPercent', input.downPaymentPercent ?? '');
    if (downPercent.gte(100))
      throw new PlanInputError('downPaymentPercent', 'a loan needs a down payment below 100 %');
    const unit = input.loanRoundingFen ?? 100;
    if (!Number.isSafeInteger(unit) || unit < 1)
      throw new PlanInputError('loanRoundingFen', 'must be a positive whole number of fen');
    const exactLoan = new Dec(finalTotalFen).mul(new Dec(100).minus(downPercent)).div(100);
    const totalLoanFen = exactLoan.div(unit).floor().mul(unit).toNumber();
    downPaymentFen = finalTotalFen - totalLoanFen;
    if (method === 'commercial_loan') {
      if (!input.commercial) throw new PlanInputError('commercial', 'required for a commercial loan');
      loans.push(loanResult('commercial', totalLoanFen, input.commercial, withSchedules));
    } else if (method === 'provident_fund') {
      if (!input.providentFund)
        throw new PlanInputError('providentFund', 'required for a provident-fund loan');
      loans.push(loanResult('provident_fund', totalLoanFen, input.providentFund, withSchedules));
    } else {
      if (!input.commercial || !input.providentFund)
        throw new PlanInputError('providentFund', 'a combination needs both loans');
      const fundFen = input.providentFund.amountFen ?? 0;
      if (!Number.isSafeInteger(fundFen) || fundFen <= 0 || fundFen >= totalLoanFen)
        throw new PlanInputError('providentFund.amountFen', 'must be above zero and below the total loan');
      loans.push(loanResult('provident_fund', fundFen, input.providentFund, withSchedules));
      loans.push(loanResult('commercial', totalLoanFen - fundFen, input.commercial, withSchedules));
    }
  }

  const deedTax = computeDeedTax(finalTotalFen, input.deedTax, input.homeOrder, input.buildingArea);
  const maintenanceFundFen = computeMaintenanceFund(finalTotalFen, input.maintenanceFund, input.buildingArea);
  return {
    listTotalFen: input.listTotalFen,
    discountSteps,
    discountFen,
    discountPercent: new Dec(discountFen).mul(100).div(input.listTotalFen).toFixed(4, Decimal.ROUND_HALF_UP),
    finalTotalFen,
    finalUnitPriceFen: roundFen(new Dec(finalTotalFen).div(input.buildingArea)),
    downPaymentFen,
    loans,
    firstMonthlyPaymentFen: loans.reduce((sum, loan) => sum + loan.firstPaymentFen, 0),
    instalments,
    deedTax,
    maintenanceFundFen,
    cashNeededFen: downPaymentFen + deedTax.amountFen + maintenanceFundFen,
  };
}

/** Above the consultant's limit (percent of list price) a manager must approve the plan. */
export function needsManagerApproval(
  result: Pick<PlanResult, 'discountPercent'>,
  consultantLimitPercent: number,
): boolean {
  return new Dec(result.discountPercent).gt(consultantLimitPercent);
}

/**
 * Above this fall of the price (percent of the list price) the consultant confirms before saving,
 * so a discount typed the wrong way round (98 as 98 % off) is caught before it reaches a customer.
 */
export function needsDiscountConfirmation(
  result: Pick<PlanResult, 'discountPercent'>,
  confirmAbovePercent: number,
): boolean {
  return new Dec(result.discountPercent).gt(confirmAbovePercent);
}

/** Fen → "1,234,567.89" for printing; the web formats the same way. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

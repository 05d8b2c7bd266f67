import { Decimal } from 'decimal.js';
import { Dec, parsePercent, percentPattern, roundFen, walkLoanSchedule } from './loan.rules.js';
import {
  type DeedTaxRules,
  type Discount,
  type DiscountOrder,
  type DiscountStep,
  type HomeOrder,
  type InstalmentResult,
  type LoanKind,
  type LoanResult,
  type LoanTerms,
  type MaintenanceFundRule,
  type PlanInput,
  PlanInputError,
  type PlanResult,
  type ScheduleRow,
} from './plan.types.js';

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

export { equalInstalmentPaymentFen, loanSchedule, roundFen, walkLoanSchedule } from './loan.rules.js';
export * from './plan.types.js';

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

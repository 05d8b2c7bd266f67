import { Decimal } from 'decimal.js';
import { type LoanResult, type LoanTerms, PlanInputError, type ScheduleRow } from './plan.types.js';

/** Loan arithmetic of a purchase plan: integer fen, exact rounding (points 3 and 4 of plan.rules.ts). */

export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export const percentPattern = /^\d{1,3}(\.\d{1,4})?$/;

export function parsePercent(field: string, value: string, max = 100): Decimal {
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
export function mulDivRound(a: number, b: number, d: number): number {
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
export function scaledRate(annualRatePercent: string, field: string): number {
  const rate = parsePercent(field, annualRatePercent, 36);
  return rate.mul(10_000).toNumber();
}

/** Monthly rate = percent ÷ 100 ÷ 12; with the percent scaled by 10^4 that is scaled ÷ (12 × 10^6). */
export const monthlyRateDivisor = 12_000_000;

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

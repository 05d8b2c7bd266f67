import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDiscounts,
  computeDeedTax,
  computeMaintenanceFund,
  computePlan,
  type DeedTaxRules,
  equalInstalmentPaymentFen,
  loanSchedule,
  needsManagerApproval,
  type PlanInput,
  PlanInputError,
  splitByPercent,
  walkLoanSchedule,
} from './plan.rules.js';

/*
 * Published worked examples (人行 5 年期以上贷款基准年利率 4.90 %, in force 2015-10-24 to 2019,
 * and the earlier 5.90 % used for commercial loans), as banks' mortgage calculators print them:
 *  [A] 100 万, 30 年, 4.90 %, 等额本息: 每月应还 5307.27 元, 还款总额 1910616.19, 利息总额 910616.19.
 *      http://www.ccv168.com/baike/99999.html ; http://m.372181.com/baike/97208.html
 *  [B] same page: 100 万, 360 月, 5.90 %: 等额本息 每月还款 5,931.37 元, 总支付利息 1,135,291.42;
 *      等额本金 首月还款 7,694.44 元, 每月递减 13.66 元, 总支付利息 887,458.33 元.
 *  [C] 30 万, 30 年, 4.90 %, 等额本息: 月供 1592.18, 利息总额 273184.86.
 *      https://13l.net/index.php/l/1771868819402209700.html
 *  [D] 63 万, 30 年, 4.90 %: 等额本息 月供 3343.58, 还款总额 1203688.2; 等额本金 第一期 4322.50,
 *      每期递减 7.15, 利息总额 464336.25.  http://vdgb.cn/wenda/220578.html
 *  [E] 100 万, 30 年, 4.90 %, 等额本金: 首月 1,000,000/360 + 1,000,000 × 4.9 %/12 = 2777.78 + 4083.33
 *      = 6861.11, 每月递减 2777.78 × 4.9 %/12 = 11.34 (the same calculators' output).
 * Every figure was checked independently with Python's decimal module (50 digits) before it was
 * written here. Calculators print total interest as (unrounded payment × months − loan); a real
 * schedule collects whole fen (the rounded payment, and each month's interest rounded), so our
 * totals may differ from theirs by at most 1 fen a month — the tests say so where that happens.
 */

const yuan = (value: number) => Math.round(value * 100);

describe('SA-9 loan maths against published bank examples', () => {
  it('SA-9 等额本息 100万/30年/4.90% pays 5307.27 a month [A]', () => {
    expect(equalInstalmentPaymentFen(yuan(1_000_000), '4.9', 360)).toBe(530727);
    const summary = walkLoanSchedule(yuan(1_000_000), {
      annualRatePercent: '4.9',
      termMonths: 360,
      repayment: 'equal_instalment',
    });
    expect(summary.firstPaymentFen).toBe(530727);
    // [A] prints 910616.19 = 5307.2672…×360 − 1e6; our schedule pays 5307.27 for 359 months and settles the rest.
    expect(Math.abs(summary.totalInterestFen - yuan(910_616.19))).toBeLessThanOrEqual(360);
    expect(summary.totalInterestFen).toBe(530727 * 359 + summary.lastPaymentFen - yuan(1_000_000));
  });

  it('SA-9 等额本息 5.90% pays 5931.37 a month [B], 30万 1592.18 [C], 63万 3343.58 [D]', () => {
    expect(equalInstalmentPaymentFen(yuan(1_000_000), '5.9', 360)).toBe(593137);
    expect(equalInstalmentPaymentFen(yuan(300_000), '4.9', 360)).toBe(159218);
    expect(equalInstalmentPaymentFen(yuan(630_000), '4.9', 360)).toBe(334358);
    const c = walkLoanSchedule(yuan(300_000), {
      annualRatePercent: '4.9',
      termMonths: 360,
      repayment: 'equal_instalment',
    });
    expect(Math.abs(c.totalInterestFen - yuan(273_184.86))).toBeLessThanOrEqual(360);
    const b = walkLoanSchedule(yuan(1_000_000), {
      annualRatePercent: '5.9',
      termMonths: 360,
      repayment: 'equal_instalment',
    });
    expect(Math.abs(b.totalInterestFen - yuan(1_135_291.42))).toBeLessThanOrEqual(360);
  });

  it('SA-9 等额本金 100万/30年/4.90% starts at 6861.11 and falls by 11.34 a month [E]', () => {
    const terms = { annualRatePercent: '4.9', termMonths: 360, repayment: 'equal_principal' } as const;
    const rows = loanSchedule(yuan(1_000_000), terms);
    expect(rows[0].paymentFen).toBe(686111);
    expect(rows[0].interestFen + rows[0].principalFen).toBe(686111);
    expect(walkLoanSchedule(yuan(1_000_000), terms).monthlyDecreaseFen).toBe(1134);
    for (let index = 1; index < rows.length; index++) {
      const drop = rows[index - 1].paymentFen - rows[index].paymentFen;
      expect(drop === 1134 || drop === 1135).toBe(true);
    }
    // Exact total interest P·r·(n+1)/2 = 737,041.666… → 737,041.67.
    expect(walkLoanSchedule(yuan(1_000_000), terms).totalInterestFen).toBe(yuan(737_041.67));
  });

  it('SA-9 等额本金 5.90% starts at 7694.44, falls by 13.66, interest 887458.33 [B]; 63万 4322.50 / 7.15 [D]', () => {
    const b = walkLoanSchedule(yuan(1_000_000), {
      annualRatePercent: '5.9',
      termMonths: 360,
      repayment: 'equal_principal',
    });
    expect(b.firstPaymentFen).toBe(769444);
    expect(b.monthlyDecreaseFen).toBe(1366);
    expect(b.totalInterestFen).toBe(yuan(887_458.33));
    const d = walkLoanSchedule(yuan(630_000), {
      annualRatePercent: '4.9',
      termMonths: 360,
      repayment: 'equal_principal',
    });
    expect(d.firstPaymentFen).toBe(432250);
    expect(d.monthlyDecreaseFen).toBe(715);
    expect(Math.abs(d.totalInterestFen - yuan(464_336.25))).toBeLessThanOrEqual(360);
  });

  it('SA-9 every schedule repays the loan to the fen and ends at a zero balance (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 5_000_000_000 }),
        fc.integer({ min: 0, max: 80_000 }),
        fc.integer({ min: 1, max: 360 }),
        fc.constantFrom('equal_instalment' as const, 'equal_principal' as const),
        (principal, rateScaled, months, repayment) => {
          const rate = (rateScaled / 10_000).toString();
          const rows = loanSchedule(principal, { annualRatePercent: rate, termMonths: months, repayment });
          expect(rows).toHaveLength(months);
          expect(rows.reduce((sum, row) => sum + row.principalFen, 0)).toBe(principal);
          expect(rows.at(-1)?.balanceFen).toBe(0);
          for (const row of rows) {
            expect(row.principalFen).toBeGreaterThanOrEqual(0);
            expect(row.interestFen).toBeGreaterThanOrEqual(0);
            expect(row.paymentFen).toBe(row.principalFen + row.interestFen);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('SA-9 a zero rate splits the principal evenly', () => {
    const rows = loanSchedule(100_000, {
      annualRatePercent: '0',
      termMonths: 3,
      repayment: 'equal_instalment',
    });
    expect(rows.map((row) => row.paymentFen)).toEqual([33333, 33333, 33334]);
  });
});

const deedTax: DeedTaxRules = {
  vatPercent: 9,
  areaThresholdSquareMetres: 140,
  firstHomeSmallPercent: 1,
  firstHomeLargePercent: 1.5,
  secondHomeSmallPercent: 1,
  secondHomeLargePercent: 2,
  otherPercent: 3,
};

function planInput(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    listTotalFen: yuan(1_500_000),
    buildingArea: '89.56',
    discounts: [],
    discountOrder: 'percent_then_amount',
    paymentMethod: 'commercial_loan',
    downPaymentPercent: '30',
    loanRoundingFen: 100_000,
    commercial: { annualRatePercent: '3.1', termMonths: 360, repayment: 'equal_instalment' },
    homeOrder: 'first',
    deedTax,
    maintenanceFund: { mode: 'percent_of_price', percent: 2 },
    ...overrides,
  };
}

describe('SA-9 price, discounts and plan', () => {
  it('SA-9 applies percentage discounts before amounts by default, rounding each step to the fen', () => {
    const steps = applyDiscounts(
      123_456_789,
      [
        { kind: 'amount', label: '认筹优惠', amountFen: 1_000_000 },
        { kind: 'percent', label: '一次性付款 98 折', percent: '2' },
        { kind: 'percent', label: '开盘 99 折', percent: '1' },
      ],
      'percent_then_amount',
    );
    // 123,456,789 × 0.98 = 120,987,653.22 → 120,987,653; × 0.99 = 119,777,776.47 → 119,777,776; − 1,000,000.
    expect(steps.map((step) => step.afterFen)).toEqual([120_987_653, 119_777_776, 118_777_776]);
    const amountsFirst = applyDiscounts(
      123_456_789,
      [
        { kind: 'percent', label: 'a', percent: '2' },
        { kind: 'amount', label: 'b', amountFen: 1_000_000 },
      ],
      'amount_then_percent',
    );
    expect(amountsFirst.map((step) => step.afterFen)).toEqual([122_456_789, 120_007_653]);
  });

  it('SA-9 needs a manager above the consultant limit, not at it', () => {
    const result = computePlan(planInput({ discounts: [{ kind: 'percent', label: '97 折', percent: '3' }] }));
    expect(result.discountPercent).toBe('3.0000');
    expect(needsManagerApproval(result, 3)).toBe(false);
    expect(needsManagerApproval(result, 2.5)).toBe(true);
  });

  it('SA-9 commercial loan: down payment absorbs the loan rounding so price = down + loan exactly', () => {
    const result = computePlan(planInput({ listTotalFen: 155_555_555 }));
    // 1,555,555.55 × 70 % = 1,088,888.885 → loan rounded down to whole 1,000 yuan = 1,088,000.
    expect(result.loans[0].amountFen).toBe(108_800_000);
    expect(result.downPaymentFen + result.loans[0].amountFen).toBe(155_555_555);
    expect(result.downPaymentFen).toBe(46_755_555);
  });

  it('SA-9 combination loan splits provident fund and commercial parts', () => {
    const result = computePlan(
      planInput({
        paymentMethod: 'combination',
        providentFund: {
          amountFen: yuan(600_000),
          annualRatePercent: '2.85',
          termMonths: 360,
          repayment: 'equal_instalment',
        },
      }),
    );
    expect(result.loans.map((loan) => [loan.kind, loan.amountFen])).toEqual([
      ['provident_fund', yuan(600_000)],
      ['commercial', yuan(450_000)],
    ]);
    expect(result.firstMonthlyPaymentFen).toBe(
      result.loans[0].firstPaymentFen + result.loans[1].firstPaymentFen,
    );
  });

  it('SA-9 instalments: the last instalment takes the rounding remainder', () => {
    expect(splitByPercent(100_001, ['33.3333', '33.3333', '33.3334'], 'x')).toEqual([33_334, 33_334, 33_333]);
    const result = computePlan(
      planInput({
        paymentMethod: 'instalments',
        listTotalFen: 99_999_999,
        instalments: [
          { label: '首期', percent: '40', monthsAfterSigning: 0 },
          { label: '二期', percent: '30', monthsAfterSigning: 6 },
          { label: '尾款', percent: '30', monthsAfterSigning: 12 },
        ],
      }),
    );
    expect(result.instalments.map((item) => item.amountFen)).toEqual([40_000_000, 30_000_000, 29_999_999]);
    expect(result.instalments.reduce((sum, item) => sum + item.amountFen, 0)).toBe(99_999_999);
  });

  it('SA-9 deed tax is levied on the price without VAT, by area and home order', () => {
    // 1,090,000 ÷ 1.09 = 1,000,000 base; first home ≤ 140 m² → 1 % = 10,000.
    expect(computeDeedTax(yuan(1_090_000), deedTax, 'first', '89.56')).toEqual({
      ratePercent: '1',
      baseFen: yuan(1_000_000),
      amountFen: yuan(10_000),
    });
    expect(computeDeedTax(yuan(1_090_000), deedTax, 'first', '140.01').amountFen).toBe(yuan(15_000));
    expect(computeDeedTax(yuan(1_090_000), deedTax, 'second', '150').amountFen).toBe(yuan(20_000));
    expect(computeDeedTax(yuan(1_090_000), deedTax, 'other', '60').amountFen).toBe(yuan(30_000));
    expect(
      computeMaintenanceFund(
        yuan(1_000_000),
        { mode: 'per_square_metre', yuanPerSquareMetre: 95.5 },
        '89.56',
      ),
    ).toBe(855_298);
  });

  it('SA-9 refuses percentages written with more than 4 decimals and discounts beyond the price', () => {
    expect(() => computePlan(planInput({ downPaymentPercent: '30.00001' }))).toThrow(PlanInputError);
    expect(() =>
      computePlan(planInput({ discounts: [{ kind: 'amount', label: 'x', amountFen: yuan(2_000_000) }] })),
    ).toThrow(PlanInputError);
    expect(() => computePlan(planInput({ buildingArea: '-1' }))).toThrow(PlanInputError);
  });
});

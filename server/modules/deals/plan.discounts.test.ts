import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discountText, sharePaidText } from '../../../contracts/deals.js';
import {
  applyDiscounts,
  type Discount,
  needsDiscountConfirmation,
  PlanInputError,
  sharePaidPercent,
} from './plan.rules.js';

const issueFlatFen = 339_205_000; // ¥3,392,050.00, the flat of issue 14

function refusal(run: () => unknown): PlanInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof PlanInputError) return error;
    throw error;
  }
  throw new Error('expected a PlanInputError');
}

describe('SA-9 discounts typed as offices say them (折, 优惠 %, 直减 元)', () => {
  it('SA-9 prices a ¥3,392,050 flat at 98 % when 98折 is typed, and 9.8折 means the same', () => {
    for (const share of ['98', '9.8']) {
      const [step] = applyDiscounts(issueFlatFen, [{ kind: 'share', label: '开盘', share }], 'as_entered');
      expect(step.afterFen).toBe(332_420_900);
      expect(step.reductionFen).toBe(6_784_100);
      expect(step.value).toBe(share);
    }
  });

  it('SA-9 reads 95.5折 as 95.5 %, 10折 and 100 as the full price, 5折 as half', () => {
    expect(sharePaidPercent('f', '95.5').toString()).toBe('95.5');
    expect(sharePaidPercent('f', '10').toString()).toBe('100');
    expect(sharePaidPercent('f', '100').toString()).toBe('100');
    expect(sharePaidPercent('f', '5').toString()).toBe('50');
    expect(sharePaidPercent('f', '9.85').toString()).toBe('98.5');
  });

  it('SA-9 stacks 开盘98折 then 直减 5,000 in the order entered, each step rounded to the fen', () => {
    const steps = applyDiscounts(
      123_456_789,
      [
        { kind: 'share', label: '开盘', share: '98' },
        { kind: 'amount', label: '老带新', amountFen: 500_000 },
      ],
      'as_entered',
    );
    // 1,234,567.89 × 0.98 = 1,209,876.5322 → 1,209,876.53; − 5,000.
    expect(steps.map((step) => step.afterFen)).toEqual([120_987_653, 120_487_653]);
  });

  it('SA-9 keeps the meaning of plans stored before 折 existed: percent is the share off', () => {
    const [step] = applyDiscounts(
      issueFlatFen,
      [{ kind: 'percent', label: '开盘', percent: '2' }],
      'as_entered',
    );
    expect(step.afterFen).toBe(332_420_900);
  });

  it('SA-9 a 折 is exact: the price paid is list × share rounded half-up once, whatever the share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (listFen, shareTenThousandths) => {
          const share = new Decimal(shareTenThousandths).div(10_000).toString();
          const paid = new Decimal(share).lte(10) ? new Decimal(share).mul(10) : new Decimal(share);
          const expected = new Decimal(listFen)
            .mul(paid)
            .div(100)
            .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
            .toNumber();
          const run = () => applyDiscounts(listFen, [{ kind: 'share', label: 'x', share }], 'as_entered');
          // A cut that leaves nothing to pay is refused, never saved as a free flat.
          if (expected <= 0) {
            expect(run).toThrow(PlanInputError);
            return;
          }
          const [step] = run();
          expect(step.afterFen).toBe(expected);
          expect(step.beforeFen - step.reductionFen).toBe(step.afterFen);
        },
      ),
    );
  });

  it('SA-9 the same cut typed as 折 and as 优惠 % gives the same price to the fen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 10_000_000_000 }),
        // 0.01 % to 89.99 % off: a share above 10, so it reads as percent paid.
        fc.integer({ min: 1, max: 8_999 }),
        (listFen, off) => {
          const percentOff = new Decimal(off).div(100).toString();
          const share = new Decimal(100).minus(percentOff).toString();
          const asShare = applyDiscounts(listFen, [{ kind: 'share', label: 'x', share }], 'as_entered');
          const asPercent = applyDiscounts(
            listFen,
            [{ kind: 'percent', label: 'x', percent: percentOff }],
            'as_entered',
          );
          expect(asShare[0].afterFen).toBe(asPercent[0].afterFen);
        },
      ),
    );
  });

  it('SA-9 refuses a 折 outside (0, 10] or (0, 100], 优惠 outside [0, 100) and 直减 not below the price, naming the line', () => {
    const cases: Array<[Discount, string, string]> = [
      [{ kind: 'share', label: 'a', share: '0' }, 'discounts.1.share', 'share_range'],
      [{ kind: 'share', label: 'a', share: '100.5' }, 'discounts.1.share', 'share_range'],
      [{ kind: 'share', label: 'a', share: '-1' }, 'discounts.1.share', 'format'],
      [{ kind: 'share', label: 'a', share: '9.88888' }, 'discounts.1.share', 'format'],
      [{ kind: 'percent', label: 'a', percent: '100' }, 'discounts.1.percent', 'percent_range'],
      [{ kind: 'amount', label: 'a', amountFen: 100_000 }, 'discounts.1.amountFen', 'amount_range'],
      [{ kind: 'amount', label: 'a', amountFen: -1 }, 'discounts.1.amountFen', 'amount_range'],
    ];
    for (const [discount, field, problem] of cases) {
      const error = refusal(() =>
        applyDiscounts(100_000, [{ kind: 'percent', label: 'first', percent: '0' }, discount], 'as_entered'),
      );
      expect(error.field).toBe(field);
      expect(error.discount).toEqual({ index: 1, problem });
    }
    // The edges that are allowed: 10折, 100, 优惠 0 %, 直减 one fen below the price.
    expect(
      applyDiscounts(100_000, [{ kind: 'share', label: 'a', share: '10' }], 'as_entered')[0].afterFen,
    ).toBe(100_000);
    expect(
      applyDiscounts(100_000, [{ kind: 'percent', label: 'a', percent: '0' }], 'as_entered')[0].afterFen,
    ).toBe(100_000);
    expect(
      applyDiscounts(100_000, [{ kind: 'amount', label: 'a', amountFen: 99_999 }], 'as_entered')[0].afterFen,
    ).toBe(1);
  });

  it('SA-9 names the line as entered even when the setting orders proportional discounts first', () => {
    const error = refusal(() =>
      applyDiscounts(
        100_000,
        [
          { kind: 'amount', label: 'a', amountFen: 1_000 },
          { kind: 'share', label: 'b', share: '0' },
        ],
        'percent_then_amount',
      ),
    );
    expect(error.field).toBe('discounts.1.share');
  });

  it('SA-9 asks for a confirmation above the threshold, not at it', () => {
    expect(needsDiscountConfirmation({ discountPercent: '10.0000' }, 10)).toBe(false);
    expect(needsDiscountConfirmation({ discountPercent: '10.0001' }, 10)).toBe(true);
  });

  it('SA-9 words a discount as entered in all three languages, never as its kind', () => {
    expect(discountText({ kind: 'share', value: '98' }, 'zh-CN')).toBe('98折');
    expect(discountText({ kind: 'share', value: '9.8' }, 'zh-TW')).toBe('9.8折');
    expect(discountText({ kind: 'share', value: '9.8' }, 'en')).toBe('9.8折 (pays 98 %)');
    expect(discountText({ kind: 'percent', value: '2' }, 'zh-CN')).toBe('优惠2%');
    expect(discountText({ kind: 'percent', value: '2' }, 'zh-TW')).toBe('優惠2%');
    expect(discountText({ kind: 'percent', value: '2' }, 'en')).toBe('2 % off');
    expect(discountText({ kind: 'amount', value: '500000' }, 'zh-CN')).toBe('直减¥5,000');
    expect(discountText({ kind: 'amount', value: '500050' }, 'zh-TW')).toBe('直減¥5,000.50');
    expect(discountText({ kind: 'amount', value: '500000' }, 'en')).toBe('¥5,000 off');
    expect(['9.8', '98', '0.5', '9.85', '10', '95.5'].map(sharePaidText)).toEqual([
      '98',
      '98',
      '5',
      '98.5',
      '100',
      '95.5',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  amountInChinese,
  buildPaymentItems,
  checkIdNumber,
  endOfShanghaiDay,
  isCertified,
  maxDepositFen,
  mortgageChecklist,
  reminderSlots,
  responsibilityEndsAt,
  thirdPartyStatementText,
} from './deals.rules.js';

describe('SA-13 ID numbers by GB 11643', () => {
  it('SA-13 accepts the examples printed in GB 11643-1999 and refuses a wrong check character', () => {
    // The standard's own examples: 11010519491231002X and 440524188001010014 (born 1880: valid
    // when the standard was written, refused today as older than anyone alive).
    expect(checkIdNumber('resident_id', '11010519491231002X', '2026-11-28')).toBeNull();
    expect(checkIdNumber('resident_id', '11010519491231002x', '2026-11-28')).toBeNull();
    expect(checkIdNumber('resident_id', '440524188001010014', '1999-01-01')).toBeNull();
    expect(checkIdNumber('resident_id', '440524188001010014', '2026-11-28')).toBe('birth_date');
    expect(checkIdNumber('resident_id', '110105194912310021', '2026-11-28')).toBe('checksum');
    expect(checkIdNumber('resident_id', '11010519491331002X', '2026-11-28')).toBe('birth_date');
    expect(checkIdNumber('resident_id', '99010519491231002X', '2026-11-28')).toBe('region');
    expect(checkIdNumber('resident_id', '1101051949123100', '2026-11-28')).toBe('format');
    expect(checkIdNumber('hk_macao_permit', 'H12345678', '2026-11-28')).toBeNull();
    expect(checkIdNumber('passport', 'e-123', '2026-11-28')).toBe('other_format');
  });
});

describe('rules of money and dates', () => {
  it('SA-12 caps a 定金 at the configured share of the price (Civil Code art. 586)', () => {
    expect(maxDepositFen(150_000_000, 20)).toBe(30_000_000);
    expect(maxDepositFen(99_999, 20)).toBe(19_999);
  });

  it('SA-15 writes the third-party statement with names and amount, in figures and in words', () => {
    expect(thirdPartyStatementText('李四', ['张三', '王五'], 10_050_000)).toBe(
      '本人李四自愿替张三、王五交款,金额为100,500.00元(大写:壹拾万零伍佰元整)。',
    );
    expect(amountInChinese(123_456_789)).toBe('壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分');
    expect(amountInChinese(100_000_005)).toBe('壹佰万元零伍分');
    expect(amountInChinese(0)).toBe('零元整');
    // 《支付结算办法》: with 万位 zero but 千位 not, the 零 may be omitted.
    expect(amountInChinese(1_000_100_000)).toBe('壹仟万壹仟元整');
  });

  it('SA-14 reminds 5 and 2 days before the due day at 09:00 Shanghai, skipping past slots', () => {
    const slots = reminderSlots({
      date: '2026-12-20',
      offsets: [5, 2],
      now: new Date('2026-11-28T02:00:00Z'),
    });
    expect(slots.map((slot) => [slot.daysBefore, slot.sendAt.toISOString()])).toEqual([
      [5, '2026-12-15T01:00:00.000Z'],
      [2, '2026-12-18T01:00:00.000Z'],
    ]);
    expect(
      reminderSlots({ date: '2026-12-01', offsets: [5, 2], now: new Date('2026-11-28T02:00:00Z') }).map(
        (slot) => slot.daysBefore,
      ),
    ).toEqual([2]);
    expect(endOfShanghaiDay('2026-12-20').toISOString()).toBe('2026-12-20T15:59:59.000Z');
  });

  const working = { mode: 'working_days', overrides: {} } as const;
  const slotsOf = (slots: ReturnType<typeof reminderSlots>) =>
    slots.map((slot) => [slot.daysBefore, slot.daysAhead, slot.sendAt.toISOString()]);

  it('SA-14 reminds a down payment due 2026-02-24 on the make-up working Saturday 14 February, not on the Spring Festival holidays 19 and 22 February', () => {
    const now = new Date('2026-02-02T02:00:00Z');
    expect(slotsOf(reminderSlots({ date: '2026-02-24', offsets: [5, 2], now, calendar: working }))).toEqual([
      // T-5 (19 Feb) and T-2 (22 Feb) both fall in the holiday: both move to 14 Feb, sent once.
      [5, 10, '2026-02-14T01:00:00.000Z'],
    ]);
    // With calendar days (the setting switched), the dates stay where the rule counts them.
    expect(
      slotsOf(
        reminderSlots({
          date: '2026-02-24',
          offsets: [5, 2],
          now,
          calendar: { mode: 'calendar_days', overrides: {} },
        }),
      ),
    ).toEqual([
      [5, 5, '2026-02-19T01:00:00.000Z'],
      [2, 2, '2026-02-22T01:00:00.000Z'],
    ]);
    // Due 3 March: T-5 = Wed 26 Feb stays; T-2 = Sun 1 Mar moves to Sat 28 Feb, a make-up working day.
    expect(slotsOf(reminderSlots({ date: '2026-03-03', offsets: [5, 2], now, calendar: working }))).toEqual([
      [5, 5, '2026-02-26T01:00:00.000Z'],
      [2, 3, '2026-02-28T01:00:00.000Z'],
    ]);
  });

  it('SA-14 follows an administrator override: 14 February entered as a rest day moves the reminder to Friday 13 February', () => {
    const slots = reminderSlots({
      date: '2026-02-24',
      offsets: [5, 2],
      now: new Date('2026-02-02T02:00:00Z'),
      calendar: { mode: 'working_days', overrides: { '2026-02-14': 'rest' } },
    });
    expect(slotsOf(slots)).toEqual([[5, 11, '2026-02-13T01:00:00.000Z']]);
  });

  it('SA-14 made during the holiday: a reminder whose working day has passed keeps its own date rather than being lost', () => {
    const slots = reminderSlots({
      date: '2026-02-24',
      offsets: [5, 2],
      now: new Date('2026-02-16T02:00:00Z'),
      calendar: working,
    });
    expect(slotsOf(slots)).toEqual([
      [5, 5, '2026-02-19T01:00:00.000Z'],
      [2, 2, '2026-02-22T01:00:00.000Z'],
    ]);
  });

  it('SA-16 notices for a bank appointment on 2026-10-08 come on 30 September, before the National Day holiday, at the appointment time', () => {
    const now = new Date('2026-09-01T02:00:00Z');
    expect(
      slotsOf(
        reminderSlots({ date: '2026-10-08', offsets: [7, 3, 1], now, time: '10:30', calendar: working }),
      ),
    ).toEqual([[7, 8, '2026-09-30T02:30:00.000Z']]);
    expect(
      slotsOf(
        reminderSlots({
          date: '2026-10-08',
          offsets: [7, 3, 1],
          now,
          time: '10:30',
          calendar: { mode: 'calendar_days', overrides: {} },
        }),
      ),
    ).toEqual([
      [7, 7, '2026-10-01T02:30:00.000Z'],
      [3, 3, '2026-10-05T02:30:00.000Z'],
      [1, 1, '2026-10-07T02:30:00.000Z'],
    ]);
    // Appointment on Monday 12 October: T-3 = Fri 9 Oct stays; T-1 = Sun 11 Oct moves to the make-up Saturday 10 October.
    expect(
      slotsOf(
        reminderSlots({ date: '2026-10-12', offsets: [7, 3, 1], now, time: '10:30', calendar: working }),
      ),
    ).toEqual([
      [7, 12, '2026-09-30T02:30:00.000Z'],
      [3, 3, '2026-10-09T02:30:00.000Z'],
      [1, 2, '2026-10-10T02:30:00.000Z'],
    ]);
  });

  it('SA-14 credits the 定金 to the down payment', () => {
    const items = buildPaymentItems({
      plan: {
        finalTotalFen: 100_000_000,
        downPaymentFen: 30_000_000,
        loans: [{ kind: 'commercial', amountFen: 70_000_000 } as never],
        instalments: [],
      },
      paymentMethod: 'commercial_loan',
      depositFen: 5_000_000,
      signedOn: '2026-11-28',
      downPaymentDueOn: '2026-12-10',
      contractDueOn: '2026-12-28',
    });
    expect(items.map((item) => [item.kind, item.amountFen, item.dueOn])).toEqual([
      ['down_payment', 25_000_000, '2026-12-10'],
      ['loan', 70_000_000, '2026-12-28'],
    ]);
  });

  it('SA-15 certification needs a pass that has not expired', () => {
    const exam = { takenOn: '2026-01-10', score: 85, passMark: 80, expiresOn: '2027-01-09' };
    expect(isCertified([exam], '2026-11-28')).toBe(true);
    expect(isCertified([{ ...exam, score: 79 }], '2026-11-28')).toBe(false);
    expect(isCertified([exam], '2027-01-10')).toBe(false);
    expect(mortgageChecklist('combination').map((item) => item.key)).toContain('fundCard');
  });

  it('SA-19 responsibility ends when down payment, contract and mortgage documents are all done', () => {
    const state = {
      downPaymentPaidAt: '2026-12-01T02:00:00.000Z',
      contractSignedAt: '2026-12-05T02:00:00.000Z',
      mortgageDocsHandedInAt: null,
    };
    expect(responsibilityEndsAt(state, 'commercial')).toBeNull();
    expect(
      responsibilityEndsAt({ ...state, mortgageDocsHandedInAt: '2026-12-03T02:00:00.000Z' }, 'commercial'),
    ).toBe('2026-12-05T02:00:00.000Z');
    expect(responsibilityEndsAt(state, 'none')).toBe('2026-12-05T02:00:00.000Z');
  });
});

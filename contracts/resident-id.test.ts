import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkResidentId,
  normaliseResidentId,
  provinceCodes,
  residentIdCheckCharacter,
} from './resident-id.js';

const today = '2026-12-06';

/**
 * ISO 7064 MOD 11-2 by its recursive definition (p ← (p + digit) × 2 mod 11, check = (12 − p) mod 11),
 * written apart from the weighted sum the validator uses, so the two check each other.
 */
function mod112(first17: string): string {
  let p = 0;
  for (const digit of first17) p = ((p + Number(digit)) * 2) % 11;
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Any valid resident ID: a real province, a real birth day between 1900 and 2026-12-06, any sequence. */
const validId = fc
  .record({
    province: fc.constantFrom(...provinceCodes),
    rest: fc.integer({ min: 0, max: 9999 }),
    year: fc.integer({ min: 1900, max: 2026 }),
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, rest, year, month, dayFraction, sequence }) => {
    const lastMonth = year === 2026 ? Math.min(month, 12) : month;
    const lastDay = year === 2026 && lastMonth === 12 ? 6 : daysInMonth(year, lastMonth);
    const day = 1 + Math.floor(dayFraction * lastDay);
    const first17 = `${province}${String(rest).padStart(4, '0')}${year}${String(lastMonth).padStart(2, '0')}${String(day).padStart(2, '0')}${String(sequence).padStart(3, '0')}`;
    return `${first17}${mod112(first17)}`;
  });

describe('GB 11643 resident ID numbers (one validator for every form)', () => {
  it('SA-13 accepts any valid generated ID number', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(checkResidentId(id, today)).toBeNull();
        expect(residentIdCheckCharacter(id)).toBe(id[17]);
      }),
      { numRuns: 2000 },
    );
  });

  it('SA-13 refuses any ID number with one character changed', () => {
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (id, position, shift) => {
          const alphabet = '0123456789X';
          const from = alphabet.indexOf(id[position]);
          // Characters 1–17 are digits only; the 18th may also be X.
          const size = position === 17 ? 11 : 10;
          const replaced = alphabet[(from + (shift % size === 0 ? 1 : shift)) % size];
          fc.pre(replaced !== id[position]);
          const changed = `${id.slice(0, position)}${replaced}${id.slice(position + 1)}`;
          expect(checkResidentId(changed, today)).not.toBeNull();
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('SA-13 refuses 31 February, region 99 and a birth in 2099 even with a right check character', () => {
    const withCheck = (first17: string) => `${first17}${mod112(first17)}`;
    expect(checkResidentId(withCheck('11010519900231001'), today)).toBe('birth_date');
    expect(checkResidentId(withCheck('99010519900101001'), today)).toBe('region');
    expect(checkResidentId(withCheck('11010520990101001'), today)).toBe('birth_date');
    // Born tomorrow, and 131 years ago: neither is a living person's birth day today.
    expect(checkResidentId(withCheck('11010520261207001'), today)).toBe('birth_date');
    expect(checkResidentId(withCheck('11010518951205001'), today)).toBe('birth_date');
    expect(checkResidentId(withCheck('11010520261206001'), today)).toBeNull();
    expect(checkResidentId('1101051990010100', today)).toBe('format');
    expect(checkResidentId('11010519900101001A', today)).toBe('format');
  });

  it('SA-13 reads full-width digits, a full-width or lower-case X and spaces as typed on a phone', () => {
    expect(normaliseResidentId('１１０１０５ １９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(checkResidentId('１１０１０５１９４９１２３１００２Ｘ', today)).toBeNull();
  });
});

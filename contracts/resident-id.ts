import type { Localized } from './locales.js';

/**
 * The one check of a mainland resident ID number (GB 11643-1999 公民身份号码), shared by every
 * server route that takes one and by the web forms' inline validation. Pure: `today` is passed in.
 */

/** ISO 7064 MOD 11-2 weights of the first 17 digits, and the check character for each remainder. */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

/**
 * Province-level codes of GB/T 2260: 11–15 North, 21–23 North-east, 31–37 East, 41–46 Central-south,
 * 50–54 South-west, 61–65 North-west; 71 Taiwan, 81 Hong Kong, 82 Macao (their residence permits),
 * 83 Taiwan residents' residence permits.
 */
export const provinceCodes: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/** Nobody alive was born more than this many years ago (the oldest verified person reached 122). */
export const maxAgeYears = 130;

export type ResidentIdProblem = 'format' | 'region' | 'birth_date' | 'checksum';

/** The 18th character for the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(first17[index]) * weights[index];
  return checkCharacters[sum % 11];
}

/** As typed → as stored: full-width digits and Ｘ folded (NFKC), spaces dropped, x upper-cased. */
export function normaliseResidentId(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * Checks an 18-character resident ID: 17 digits and a check character, a real province-level
 * region, a birth date (characters 7–14) that exists, is not after `today` ('YYYY-MM-DD') and not
 * more than `maxAgeYears` before it, and the ISO 7064 MOD 11-2 check character. Null when valid.
 */
export function checkResidentId(value: string, today: string): ResidentIdProblem | null {
  const id = normaliseResidentId(value);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!provinceCodes.has(id.slice(0, 2))) return 'region';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  const birthDay = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const earliest = `${String(Number(today.slice(0, 4)) - maxAgeYears).padStart(4, '0')}${today.slice(4)}`;
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    birthDay > today ||
    birthDay < earliest
  )
    return 'birth_date';
  if (residentIdCheckCharacter(id) !== id[17]) return 'checksum';
  return null;
}

/** What to tell the person who typed it, per problem. */
export const residentIdProblemText: Record<ResidentIdProblem, Localized> = {
  format: {
    'zh-CN': '身份证号码应为 18 位(17 位数字加 1 位数字或 X)',
    'zh-TW': '身分證號碼應為 18 位(17 位數字加 1 位數字或 X)',
    en: 'A resident ID number has 18 characters: 17 digits and a digit or X',
  },
  region: {
    'zh-CN': '身份证号码的地区码无效',
    'zh-TW': '身分證號碼的地區碼無效',
    en: 'The ID number has an unknown region code',
  },
  birth_date: {
    'zh-CN': '身份证号码中的出生日期无效',
    'zh-TW': '身分證號碼中的出生日期無效',
    en: 'The ID number has an impossible birth date',
  },
  checksum: {
    'zh-CN': '身份证号码校验位不正确(GB 11643),请核对',
    'zh-TW': '身分證號碼校驗位不正確(GB 11643),請核對',
    en: 'The ID number fails the GB 11643 check digit; please check it',
  },
};

/** The day in Asia/Shanghai ('YYYY-MM-DD') a birth date is compared to; China has no daylight saving. */
export function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

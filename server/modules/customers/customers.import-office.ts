import type { Localized } from '../../../contracts/locales.js';
import { localized } from '../../platform/errors.js';
import { namePinyin } from '../../platform/text/pinyin.js';
import type { KeyKind } from './customers.tables.js';

/**
 * How offices actually type a visitor register: full-width digits from a Chinese IME, dates
 * without a year, consultants by the names used in the office, and the visitor's kind in the notes.
 * Pure rules, no I/O; the import use case applies them.
 */

/**
 * NFKC folds what a Chinese IME types in full width (１３８, ＡＢ, the ideographic space, （）)
 * into ASCII; every phone, ID or number the import reads goes through here and nowhere else.
 */
export function normaliseTyped(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export interface MonthDay {
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** 3月5日, 3月5号, 3/5, 03-05 (optionally with a time); the text is already NFKC-normalised. */
export function parseMonthDay(text: string): MonthDay | null {
  const match = /^(\d{1,2})\s*(?:月\s*(\d{1,2})\s*[日号]?|[/-]\s*(\d{1,2}))(?:\s+(\d{1,2}):(\d{2}))?$/.exec(
    text,
  );
  if (!match) return null;
  const month = Number(match[1]);
  const day = Number(match[2] ?? match[3]);
  const hour = Number(match[4] ?? 0);
  const minute = Number(match[5] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  return { month, day, hour, minute };
}

const shanghaiOffsetMs = 8 * 3_600_000;

function shanghaiDate(year: number, monthDay: MonthDay): Date | null {
  const date = new Date(
    Date.UTC(year, monthDay.month - 1, monthDay.day, monthDay.hour, monthDay.minute) - shanghaiOffsetMs,
  );
  const check = new Date(date.getTime() + shanghaiOffsetMs);
  return check.getUTCMonth() === monthDay.month - 1 && check.getUTCDate() === monthDay.day ? date : null;
}

export type YearSource = 'row' | 'sheet' | 'sheetName' | 'import';

/** 一 … 十二 as offices name month sheets (三月, 十一月); 正月 and 腊月 are lunar and not read. */
const chineseMonthNumerals: Record<string, string> = {
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  十: '10',
  十一: '11',
  十二: '12',
};

/** '2026年十一月' → '2026年11月': the month written in words becomes digits before it is read. */
function monthInDigits(text: string): string {
  return text.replace(
    /(十[一二]?|[一二三四五六七八九])(?=\s*月)/g,
    (word) => chineseMonthNumerals[word] ?? word,
  );
}

/**
 * The month a sheet is named for (2026年3月, 2026-03, 2026.3, 3月, 三月, 2026年十一月), as the middle
 * of that month: a register kept one sheet per month gives its yearless dates their year this way.
 * A name with the month only takes the year of the import's date, last year if that month is still
 * to come. Null when the name holds no month.
 */
export function sheetNameMonth(name: string, now: Date): Date | null {
  const text = monthInDigits(name.normalize('NFKC'));
  const withYear = /(?<!\d)(\d{4})\s*(?:年\s*(\d{1,2})\s*月|[-./](\d{1,2})(?!\d))/.exec(text);
  const monthOnly = withYear ? null : /(?<!\d)(\d{1,2})\s*月/.exec(text);
  const month = Number(withYear ? (withYear[2] ?? withYear[3]) : monthOnly?.[1]);
  if (!month || month < 1 || month > 12) return null;
  const middle: MonthDay = { month, day: 15, hour: 12, minute: 0 };
  if (withYear) return shanghaiDate(Number(withYear[1]), middle);
  return resolveMonthDay(middle, { at: now, source: 'import' })?.date ?? null;
}

/**
 * Gives a month-day its year. Against a date of the same row or sheet, the year that puts it
 * nearest that date (a register running from December into January crosses the year); against
 * the import's date, this year unless that is still to come, then last year (a visit is past).
 * Null when the day does not exist in that year (2月29日 of a common year, 4月31日).
 */
export function resolveMonthDay(
  monthDay: MonthDay,
  reference: { at: Date; source: YearSource },
): { date: Date; year: number } | null {
  const referenceYear = new Date(reference.at.getTime() + shanghaiOffsetMs).getUTCFullYear();
  if (reference.source === 'import') {
    const thisYear = shanghaiDate(referenceYear, monthDay);
    const year = thisYear && thisYear.getTime() <= reference.at.getTime() ? referenceYear : referenceYear - 1;
    const date = year === referenceYear ? thisYear : shanghaiDate(year, monthDay);
    return date ? { date, year } : null;
  }
  let best: { date: Date; year: number } | null = null;
  for (const year of [referenceYear - 1, referenceYear, referenceYear + 1]) {
    const date = shanghaiDate(year, monthDay);
    if (!date) continue;
    const distance = Math.abs(date.getTime() - reference.at.getTime());
    if (!best || distance < Math.abs(best.date.getTime() - reference.at.getTime())) best = { date, year };
  }
  return best;
}

export function yearlessWarning(text: string, year: number, source: YearSource, sheetName = ''): Localized {
  const shown = text.slice(0, 20);
  const sheet = sheetName.slice(0, 31);
  switch (source) {
    case 'sheetName':
      return localized(
        `日期“${shown}”未写年份,按工作表名“${sheet}”取 ${year} 年`,
        `日期「${shown}」未寫年份,按工作表名「${sheet}」取 ${year} 年`,
        `Date "${shown}" has no year; ${year} taken from the sheet name "${sheet}"`,
      );
    case 'row':
      return localized(
        `日期“${shown}”未写年份,按本行来访日期取 ${year} 年`,
        `日期「${shown}」未寫年份,按本列來訪日期取 ${year} 年`,
        `Date "${shown}" has no year; ${year} taken from this row's visit date`,
      );
    case 'sheet':
      return localized(
        `日期“${shown}”未写年份,按表中上方日期取 ${year} 年`,
        `日期「${shown}」未寫年份,按表中上方日期取 ${year} 年`,
        `Date "${shown}" has no year; ${year} taken from the dates above it in the sheet`,
      );
    case 'import':
      return localized(
        `日期“${shown}”未写年份,按导入日期取 ${year} 年`,
        `日期「${shown}」未寫年份,按匯入日期取 ${year} 年`,
        `Date "${shown}" has no year; ${year} taken from the date of the import`,
      );
  }
}

// "与家人同行" is company on the visit, not a peer from another sales office: 同行 a few characters
// after 与/和/跟/陪/带 is left alone. Media counts as a person (记者, 媒体的人), not an advert seen in the media.
const keyPatterns: Array<[KeyKind, RegExp]> = [
  ['developer', /发展商|發展商|开发商|開發商/],
  ['media', /记者|記者|媒体(?!广告|渠道|宣传|推广|报道|上看)|媒體(?!廣告|渠道|宣傳|推廣|報導)/],
  ['peer', /(?<![与和跟陪带與帶][^,,。;;\s]{0,4})同行(?!人)/],
];
const phoneRefusedPattern =
  /不留电话|不留電話|不肯留|不愿留|不願留|不愿意留|拒留|拒绝留|拒絕留|拒绝提供电话|拒絕提供電話|不给电话|不給電話|不愿透露电话/;

/** SA-3 and SA-10 as an office writes them in the notes or the category column. */
export function recogniseNotes(text: string): { keyKind: KeyKind | null; isPhoneRefused: boolean } {
  const keyKind = keyPatterns.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
  return { keyKind, isPhoneRefused: phoneRefusedPattern.test(text) };
}

export interface ConsultantCandidate {
  id: string;
  displayName: string;
}

export interface ConsultantNameToMap {
  name: string;
  rows: number;
  /** Staff ids, best first. */
  suggestions: string[];
}

/** How a consultant name compares with staff names: trimmed, NFKC, no inner spaces. */
export function consultantKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

const titleSuffix =
  /(?:总经理|经理|總經理|經理|总监|總監|主管|主任|助理|顾问|顧問|老师|老師|先生|小姐|女士|姐姐|哥哥|姐|哥|总|總|工|sir|manager)$/i;
const familiarPrefix = /^(?:小|老|阿|大)/;

/** What is left of 张经理, 小王, 王姐, 伟哥 once the title and the familiar prefix are taken off. */
export function nameCore(name: string): string {
  let core = consultantKey(name);
  for (let pass = 0; pass < 2 && titleSuffix.test(core); pass++) core = core.replace(titleSuffix, '');
  if (core.length > 1 || /^[\p{Script=Han}]$/u.test(core)) core = core.replace(familiarPrefix, '') || core;
  return core;
}

/**
 * Staff a nickname may mean, best first: the surname (张经理 → 张伟), the given name (伟哥 → 张伟),
 * then by sound — pinyin or initials typed in Latin letters (zw, zhangwei) or a homophone surname.
 */
export function suggestConsultants(name: string, consultants: ConsultantCandidate[], limit = 5): string[] {
  const core = nameCore(name);
  if (!core) return [];
  const isHan = /\p{Script=Han}/u.test(core);
  const corePinyin = namePinyin(core).full;
  const scored: Array<{ id: string; score: number; displayName: string }> = [];
  for (const person of consultants) {
    const display = consultantKey(person.displayName);
    const pinyin = namePinyin(display);
    const surnamePinyin = namePinyin(display.slice(0, 1)).full;
    let score = 0;
    if (isHan) {
      if (display.startsWith(core)) score = 4;
      else if (display.includes(core)) score = 3;
      else if (corePinyin && corePinyin === surnamePinyin) score = 1;
    } else {
      const latin = core.toLowerCase();
      if (latin === pinyin.full || latin === pinyin.initials) score = 3;
      else if (latin.length > 1 && (pinyin.full.startsWith(latin) || latin === surnamePinyin)) score = 2;
    }
    if (score > 0) scored.push({ id: person.id, score, displayName: person.displayName });
  }
  scored.sort((a, b) => b.score - a.score || a.displayName.localeCompare(b.displayName, 'zh-CN'));
  return scored.slice(0, limit).map((entry) => entry.id);
}

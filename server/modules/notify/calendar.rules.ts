import type { Localized } from '../../../contracts/locales.js';
import { localized } from '../../platform/errors.js';
import type { CalendarDayKind } from './notify.time.js';

/** One date of an administrator's calendar for a year, as typed or uploaded. */
export interface CalendarEntry {
  day: string;
  kind: CalendarDayKind;
  note: string;
}

export interface CalendarLineError {
  /** 1-based line (or spreadsheet row) number. */
  line: number;
  message: Localized;
}

// The words offices write in the State Council notice's own terms, in both scripts and English.
const kindWords: Record<string, CalendarDayKind> = {
  休: 'rest',
  休息: 'rest',
  假: 'rest',
  放假: 'rest',
  节假日: 'rest',
  節假日: 'rest',
  rest: 'rest',
  holiday: 'rest',
  off: 'rest',
  班: 'work',
  上班: 'work',
  补班: 'work',
  補班: 'work',
  调休上班: 'work',
  調休上班: 'work',
  work: 'work',
  workday: 'work',
};

/** A real calendar date `YYYY-MM-DD` from `2027-1-1`, `2027/01/01` or `2027.1.1`; null otherwise. */
export function parseCalendarDate(text: string): string | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2027-02-30 over to March: a date that does not round-trip does not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Reads "2027-01-01 休 元旦" lines (date, 休/班, optional note; spaces, tabs or commas between)
 * for `year`. Blank lines are skipped; every other line must be a real date of that year, once,
 * with a known kind — otherwise its line number is reported and the caller saves nothing.
 */
export function parseCalendarLines(
  text: string,
  year: number,
): { entries: CalendarEntry[]; errors: CalendarLineError[] } {
  const entries: CalendarEntry[] = [];
  const errors: CalendarLineError[] = [];
  const seen = new Map<string, number>();
  // NFKC turns full-width digits, slashes and ideographic spaces typed with a Chinese IME into ASCII.
  const lines = text.normalize('NFKC').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const [dateText = '', kindText = '', ...rest] = trimmed.split(/[\s,;，；、]+/);
    const day = parseCalendarDate(dateText);
    if (!day) {
      errors.push({
        line,
        message: localized(
          `第 ${line} 行:“${dateText}”不是有效日期(应为 ${year}-01-01 这样的格式)。`,
          `第 ${line} 行:「${dateText}」不是有效日期(應為 ${year}-01-01 這樣的格式)。`,
          `Line ${line}: "${dateText}" is not a valid date (write it like ${year}-01-01).`,
        ),
      });
      return;
    }
    if (Number(day.slice(0, 4)) !== year) {
      errors.push({
        line,
        message: localized(
          `第 ${line} 行:${day} 不在 ${year} 年。`,
          `第 ${line} 行:${day} 不在 ${year} 年。`,
          `Line ${line}: ${day} is not in ${year}.`,
        ),
      });
      return;
    }
    const word = kindText.toLowerCase();
    const kind = Object.hasOwn(kindWords, word) ? kindWords[word] : undefined;
    if (!kind) {
      errors.push({
        line,
        message: localized(
          `第 ${line} 行:请在日期后写“休”(放假)或“班”(上班)。`,
          `第 ${line} 行:請在日期後寫「休」(放假)或「班」(上班)。`,
          `Line ${line}: write 休 (rest day) or 班 (working day) after the date.`,
        ),
      });
      return;
    }
    const earlier = seen.get(day);
    if (earlier !== undefined) {
      errors.push({
        line,
        message: localized(
          `第 ${line} 行:${day} 已在第 ${earlier} 行出现。`,
          `第 ${line} 行:${day} 已在第 ${earlier} 行出現。`,
          `Line ${line}: ${day} is already on line ${earlier}.`,
        ),
      });
      return;
    }
    seen.set(day, line);
    entries.push({ day, kind, note: rest.join(' ').slice(0, 100) });
  });
  entries.sort((a, b) => a.day.localeCompare(b.day));
  return { entries, errors };
}

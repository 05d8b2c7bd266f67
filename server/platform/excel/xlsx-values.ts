/** Cell values as the reader yields them, and the small conversions every import needs. */

export type XlsxValue =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** A serial number in a date format (or an ISO `t="d"` cell): `YYYY-MM-DD`, or `YYYY-MM-DD HH:mm:ss` with a time. */
  | { kind: 'date'; text: string; serial: number | null }
  | { kind: 'error'; error: string };

/** A formula: its cached result as the last application to save the file computed it, or null when it saved none. */
export interface XlsxFormula {
  kind: 'formula';
  formula: string;
  result: XlsxValue | null;
}

/** `mergedFrom` is set on a cell filled from the top-left cell (A1 reference) of its merged range. */
export type XlsxCell = (XlsxValue | XlsxFormula) & { mergedFrom?: string };

/**
 * Built-in number formats that are dates or times: 14–22 in every locale, and in the Chinese
 * (and Japanese/Korean) locales 27–36 and 50–58, the 年月日 / 时分 formats Excel and WPS write
 * without a <numFmt> element.
 */
function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/** Whether a format code shows a date or time: y m d h s or 年月日时分秒 outside quotes, escapes and [colour]/[$-804] blocks. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '');
  return /[ymdhs年月日时分秒]/i.test(bare);
}

export function isDateFormat(id: number, customCode: string | undefined): boolean {
  return customCode === undefined ? isBuiltInDateFormat(id) : isDateFormatCode(customCode);
}

const dayMs = 86_400_000;

/** Excel serial → local wall-clock text (no time zone: a workbook has none). */
export function serialToDateText(serial: number, date1904: boolean): string {
  let days = Math.floor(serial);
  const seconds = Math.round((serial - days) * 86_400);
  // The 1900 system counts a 29 Feb 1900 that never was (Lotus's bug, kept by Excel): serials
  // from 61 on are one day ahead of a plain count from 31 Dec 1899.
  if (!date1904 && days >= 61) days -= 1;
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
  const iso = new Date(base + days * dayMs + seconds * 1000).toISOString();
  return seconds === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Excel's 15 significant digits: 118.6×36000 saved as 4269599.9999999995 reads as 4269600. */
export function excelNumber(text: string): number | null {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return null;
  return Number(value.toPrecision(15));
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A date typed as text, as offices type them: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日,
 * full-width digits, an optional time (2024-03-05 14:30). Returns the same text form as a
 * date cell, or null when the text is not a real date.
 */
export function parseDateText(input: string): string | null {
  const text = input.normalize('NFKC').trim();
  const match =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:\s*(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?\s*秒?)?$/.exec(
      text,
    );
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day)
    return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const dateText = `${year}-${pad(month!)}-${pad(day!)}`;
  return match[4] === undefined ? dateText : `${dateText} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** The value a cell shows: a formula's cached result, or null when it has none (or the cell is empty). */
export function cellValue(cell: XlsxCell | null | undefined): XlsxValue | null {
  if (!cell) return null;
  return cell.kind === 'formula' ? cell.result : cell;
}

/** A cell's value as text ('' when empty or a formula without a cached value). */
export function cellText(cell: XlsxCell | null | undefined): string {
  const value = cellValue(cell);
  if (!value) return '';
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'number':
      return String(value.value);
    case 'boolean':
      return value.value ? 'TRUE' : 'FALSE';
    case 'date':
      return value.text;
    case 'error':
      return value.error;
  }
}

/** A cell's date (`YYYY-MM-DD`), whether stored as a date serial or typed as text; null otherwise. */
export function cellDate(cell: XlsxCell | null | undefined): string | null {
  const value = cellValue(cell);
  if (!value) return null;
  if (value.kind === 'date') return value.text.slice(0, 10);
  if (value.kind === 'text') return parseDateText(value.text)?.slice(0, 10) ?? null;
  return null;
}

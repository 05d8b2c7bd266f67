import { parseDateText, serialToDateText, type XlsxCell } from '../../platform/excel/xlsx-reader.js';

/**
 * A cell of an import, as the one .xlsx reader (platform/excel/xlsx-reader.ts) hands it over,
 * turned into what the customer import reads: text, a number or a Beijing date. Dates and serials
 * go through the reader's own conversions, so the import has no second way of reading a workbook.
 */
export type CellText =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'formula' }
  | { kind: 'error' }
  | { kind: 'empty' };

/**
 * A cell as the shared reader hands it over. A formula reads as the value it last computed (a
 * register totals or looks up with formulas, and Excel and WPS save that value with the file);
 * only a formula saved without one — a file written by a program that computes nothing — is a
 * 'formula' cell, refused in a mapped column since its value is unknown.
 */
export function readXlsxCell(cell: XlsxCell | null | undefined): CellText {
  if (!cell) return { kind: 'empty' };
  switch (cell.kind) {
    case 'formula':
      return cell.result ? readXlsxCell(cell.result) : { kind: 'formula' };
    case 'error':
      return { kind: 'error' };
    case 'number':
      return { kind: 'number', value: cell.value };
    case 'boolean':
      return { kind: 'text', value: cell.value ? '是' : '否' };
    case 'date': {
      // The reader gives the cell's wall-clock text; the office's wall clock is Beijing time.
      const value = beijingDate(cell.text);
      return value ? { kind: 'date', value } : { kind: 'error' };
    }
    case 'text': {
      const value = cell.text.trim();
      return value ? { kind: 'text', value } : { kind: 'empty' };
    }
  }
}

export function cellToText(cell: CellText): string {
  switch (cell.kind) {
    case 'text':
      return cell.value;
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.value.toISOString();
    default:
      return '';
  }
}

/** A wall-clock text of the shared reader (`YYYY-MM-DD` or `YYYY-MM-DD HH:mm:ss`) as a Beijing time. */
function beijingDate(text: string): Date | null {
  const [day, time = '00:00:00'] = text.split(' ');
  const value = new Date(`${day}T${time}+08:00`);
  return Number.isNaN(value.getTime()) ? null : value;
}

/** An Excel serial (1900 system) as a Beijing date, through the shared reader's conversion. */
export function excelSerialToDate(serial: number): Date | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  return beijingDate(serialToDateText(serial, false));
}

/** 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 (optionally with a time), or an Excel serial. */
export function parseImportDate(cell: CellText): Date | null {
  if (cell.kind === 'number') return excelSerialToDate(cell.value);
  if (cell.kind === 'date') return cell.value;
  if (cell.kind !== 'text') return null;
  if (/^\d{5}(\.\d+)?$/.test(cell.value)) return excelSerialToDate(Number(cell.value));
  const text = parseDateText(cell.value);
  return text === null ? null : beijingDate(text);
}

import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

const maxRows = 400;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // exceljs gives a date cell as a Date at UTC midnight of the day shown in the sheet.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value).trim();
}

/**
 * The first sheet of an uploaded calendar as the lines the typed form takes ("2027-02-06 班 春节"),
 * one line per spreadsheet row so a bad line's number is the row the administrator sees in their
 * file. A title row that holds no date stays an empty line. Read with exceljs's streaming reader
 * and stopped after a year's worth of rows, so a large file is never held whole. Null when the
 * file is not an .xlsx workbook.
 */
export async function calendarXlsxToLines(buffer: Buffer): Promise<{ text: string; rows: number } | null> {
  // An .xlsx is a zip: anything else is refused before exceljs sees it.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) return null;
  const { default: Excel } = await import('exceljs');
  const lines: string[] = [];
  try {
    const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from(buffer), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (row.number > maxRows) break;
        const values = [1, 2, 3].map((column) => cellText(row.getCell(column).value));
        while (lines.length < row.number - 1) lines.push('');
        const isTitle = row.number <= 2 && !/^\d{4}/.test(values[0]);
        lines.push(isTitle ? '' : values.filter(Boolean).join(' '));
      }
      break;
    }
  } catch {
    return null;
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { text: lines.join('\n'), rows: lines.length };
}

import { AppError } from '../../platform/errors.js';
import { xlsxErrors } from '../../platform/excel/xlsx.errors.js';
import { cellDate, cellText, openXlsx, type XlsxWorkbook } from '../../platform/excel/xlsx-reader.js';
import { notifyErrors } from './notify.errors.js';

/** A year's holidays and make-up days with a title row or two: far more is not a calendar. */
const maxRows = 400;

/**
 * The first visible sheet of an uploaded calendar as the lines the typed form takes ("2027-02-06
 * 班 春节"), one line per spreadsheet row so a bad line's number is the row the administrator sees
 * in their file. A title row that holds no date stays an empty line. Read with the platform's one
 * .xlsx reader, so a file that expands too far or holds too many rows is refused as too large
 * before it is held in memory.
 */
export async function calendarXlsxToLines(buffer: Buffer): Promise<{ text: string; rows: number }> {
  let workbook: XlsxWorkbook;
  try {
    workbook = await openXlsx(buffer, {
      maxExpandedBytes: 8 * 1024 * 1024,
      maxRows,
      maxSharedStrings: 10_000,
    });
  } catch (error) {
    // The calendar's own message says which columns the sheet needs; "too large" stays as it is.
    if (error instanceof AppError && error.code === xlsxErrors.XLSX_UNREADABLE.code)
      throw new AppError(notifyErrors.CALENDAR_FILE_UNREADABLE);
    throw error;
  }
  const sheet = workbook.sheets.find((candidate) => candidate.state === 'visible');
  const lines: string[] = [];
  if (sheet) {
    for await (const row of sheet.rows()) {
      if (row.rowNumber > maxRows) break;
      const [first, ...rest] = row.cells.slice(0, 3);
      const day = cellDate(first);
      const values = [day ?? cellText(first).trim(), ...rest.map((cell) => cellText(cell).trim())];
      while (lines.length < row.rowNumber - 1) lines.push('');
      // A title ("2027年节假日安排", merged across the columns) or header above the dates is left
      // blank; a row further down that holds no date stays, so the form names it as a bad line.
      const isTitle = row.rowNumber <= 3 && day === null && !/^\d{4}\D\d{1,2}\D\d{1,2}/.test(values[0]);
      lines.push(isTitle ? '' : values.filter(Boolean).join(' '));
    }
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { text: lines.join('\n'), rows: lines.length };
}

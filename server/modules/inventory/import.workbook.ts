import { AppError } from '../../platform/errors.js';
import { xlsxErrors } from '../../platform/excel/xlsx.errors.js';
import {
  cellText,
  encodeCellRef,
  openXlsx,
  type XlsxCell,
  type XlsxSheet,
} from '../../platform/excel/xlsx-reader.js';
import { headerColumns, type ImportColumn, importColumns, mapHeaders } from './import.columns.js';
import type { CellRefs, SheetCell } from './import.rules.js';
import { inventoryErrors } from './inventory.errors.js';

export const maxImportRows = 10_000;
/** A 10,000-unit price list is ~5 MB of XML; a workbook past this is not a price list. */
export const maxImportExpandedBytes = 64 * 1024 * 1024;
/** The header row is looked for in this many rows: above it, offices put titles, dates and notes. */
export const headerSearchRows = 10;

export interface PriceListRow {
  sheet: string;
  rowNumber: number;
  building: string;
  cells: Partial<Record<ImportColumn, SheetCell>>;
  refs: CellRefs;
}

export interface PriceListSheet {
  name: string;
  state: XlsxSheet['state'];
  /** Row number of the header, null when the sheet has none (or is hidden and was not read). */
  headerRow: number | null;
  hasFloorColumn: boolean;
  skipped: 'hidden' | 'no_header' | null;
  rows: PriceListRow[];
}

function toSheetCell(cell: XlsxCell | null | undefined): SheetCell {
  if (!cell) return null;
  const value = cell.kind === 'formula' ? cell.result : cell;
  if (!value) return cell.kind === 'formula' ? { noCachedValue: true } : null;
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'number':
    case 'boolean':
      return value.value;
    case 'date':
      return value.text;
    case 'error':
      return { error: value.error };
  }
}

/** A header row names the unit number and at least two other known columns. */
function headerOf(cells: Array<XlsxCell | null>) {
  const { columns } = mapHeaders(cells.map((cell) => cellText(cell)));
  return columns.number !== undefined && Object.keys(columns).length >= 3 ? columns : null;
}

/**
 * Reads a price list (一房一价表) as offices make it: every visible sheet, the header found
 * within its first rows under any title, merged cells followed (a 楼层 merged down applies to
 * each row), formulas by their cached result, the sheet's name as the building when there is
 * no 楼栋 column. Hidden sheets are listed but not read.
 */
export async function readPriceListWorkbook(file: Buffer): Promise<PriceListSheet[]> {
  // An .xlsx is a zip: anything else (csv, old .xls, junk) is refused before the reader sees it.
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50)
    throw new AppError(inventoryErrors.IMPORT_UNREADABLE);
  const workbook = await openXlsx(file, {
    maxExpandedBytes: maxImportExpandedBytes,
    // Title and header rows count too: a little room above the units.
    maxRows: maxImportRows + 200,
  }).catch((error: unknown) => {
    // The import's own wording (it names .xlsx and Excel); a too-large file keeps the reader's 413.
    if (error instanceof AppError && error.code === xlsxErrors.XLSX_UNREADABLE.code)
      throw new AppError(inventoryErrors.IMPORT_UNREADABLE);
    throw error;
  });
  const sheets: PriceListSheet[] = [];
  for (const sheet of workbook.sheets) {
    const entry: PriceListSheet = {
      name: sheet.name,
      state: sheet.state,
      headerRow: null,
      hasFloorColumn: false,
      skipped: sheet.state === 'visible' ? null : 'hidden',
      rows: [],
    };
    sheets.push(entry);
    if (entry.skipped) continue;
    let columns: Partial<Record<ImportColumn, number>> | null = null;
    let seen = 0;
    for await (const row of sheet.rows({ followMerges: true })) {
      if (!columns) {
        columns = headerOf(row.cells);
        if (columns) {
          const found = columns;
          const missing = (Object.keys(importColumns) as ImportColumn[]).filter(
            (key) => importColumns[key].required && found[key] === undefined,
          );
          if (missing.length)
            throw new AppError(inventoryErrors.IMPORT_COLUMNS_MISSING, {
              columns: missing.map((key) => importColumns[key].names[0]).join('、'),
            });
          entry.headerRow = row.rowNumber;
          entry.hasFloorColumn = columns.floor !== undefined;
        } else if (++seen >= headerSearchRows) break;
        continue;
      }
      const cells: PriceListRow['cells'] = {};
      const refs: CellRefs = {};
      let hasValue = false;
      for (const [key, index] of Object.entries(columns) as Array<[ImportColumn, number]>) {
        const cell = row.cells[index];
        cells[key] = toSheetCell(cell);
        refs[key] = encodeCellRef(row.rowNumber, index + 1);
        // A value copied from a merged title or floor cell alone does not make a unit row.
        if (cell && !cell.mergedFrom && cellText(cell) !== '') hasValue = true;
        if (cell?.kind === 'formula' && !cell.result) hasValue = true;
      }
      if (!hasValue) continue;
      const building =
        typeof cells.building === 'string' || typeof cells.building === 'number'
          ? String(cells.building).normalize('NFKC').trim()
          : '';
      entry.rows.push({
        sheet: sheet.name,
        rowNumber: row.rowNumber,
        building: building || sheet.name.normalize('NFKC').trim(),
        cells,
        refs,
      });
    }
    if (!columns) entry.skipped = 'no_header';
  }
  if (sheets.every((sheet) => sheet.headerRow === null))
    throw new AppError(inventoryErrors.IMPORT_COLUMNS_MISSING, {
      columns: headerColumns.map((key) => importColumns[key].names[0]).join('、'),
    });
  return sheets;
}

import type { XlsxCell } from '../../platform/excel/xlsx-reader.js';
import { normalisePhone, parseImportDate, readXlsxCell } from '../customers/index.js';

export { normalisePhone };

/** A cell as the resident import reads it: its text (NFKC: full-width digits folded) and, if it is one, a day. */
export interface CellTextOf {
  text: string;
  /** The Beijing calendar day the cell holds (a date cell, a serial or a typed date), else null. */
  day: string | null;
  isEmpty: boolean;
}

/**
 * Through the customer import's reading of a cell (the one reader's conversions): a number reads
 * as its digits (a room 1201, a phone typed as a number), a date as its Beijing day.
 */
export function readResidentCell(cell: XlsxCell | null | undefined): CellTextOf {
  const read = readXlsxCell(cell);
  const date = parseImportDate(read);
  const day = date ? new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : null;
  switch (read.kind) {
    case 'text':
      return { text: read.value.normalize('NFKC').replace(/\s+/g, ' ').trim(), day, isEmpty: false };
    case 'number':
      // A date column typed without a date format keeps its serial (20000–80000: 1954–2119).
      return {
        text: String(read.value),
        day: read.value >= 20_000 && read.value <= 80_000 ? day : null,
        isEmpty: false,
      };
    case 'date':
      return { text: day ?? '', day, isEmpty: false };
    case 'empty':
      return { text: '', day: null, isEmpty: true };
    default:
      return { text: '#', day: null, isEmpty: false };
  }
}

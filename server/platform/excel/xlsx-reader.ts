import { AppError } from '../errors.js';
import { xlsxErrors } from './xlsx.errors.js';
import type { XlsxCell } from './xlsx-values.js';
import { inflateEntry, readZipDirectory, ZipFormatError } from './zip.js';

export * from './xlsx-values.js';
export { decodeCellRef, encodeCellRef } from './xlsx-xml.js';

import { readRows } from './xlsx-rows.js';
import {
  attribute,
  decodeMerge,
  maxRunWithoutTag,
  parsePart,
  readDateStyles,
  readRelationships,
  readSharedStrings,
  relsPathOf,
  tooLarge,
  type Workbook,
  XmlError,
} from './xlsx-xml.js';

/**
 * The one .xlsx reader of the server (imports of units, customers, visitor registers …).
 *
 * `openXlsx(file, limits)` checks the zip, then inflates every part once, counting the bytes
 * really inflated (the directory's declared sizes are checked first, but a crafted zip can lie),
 * and reads the workbook, its relationships, styles and shared strings. Each sheet then streams
 * its rows with `sheet.rows()`: the XML is inflated again and parsed with saxes as it comes, so
 * memory holds the shared strings and the caller's rows, never the sheet's XML.
 *
 * Cells come typed (`XlsxCell`): text (shared, inline, rich text joined), number (15
 * significant digits, as Excel shows it), boolean, date (a serial in a date format — built-in
 * 14–22, 27–36, 50–58 or a custom code such as WPS's yyyy"年"m"月"d"日" — or an ISO `t="d"`
 * cell), error (#N/A …), and formula with its cached result or null when the file kept none.
 * Dates typed as text stay text: `cellDate(cell)` reads both.
 *
 * Merged ranges (`sheet.merges`) are known before the rows; `rows({ followMerges: true })`
 * copies a range's top-left value into its other cells, marked with `mergedFrom`.
 *
 * Limits: a workbook that expands past `maxExpandedBytes`, holds more than `maxRows` data rows
 * (over all sheets read) or `maxSharedStrings` strings fails with `XLSX_TOO_LARGE` (HTTP 413);
 * anything that is not a readable .xlsx fails with `XLSX_UNREADABLE` (422).
 */
export async function openXlsx(file: Buffer, options: Partial<XlsxLimits> = {}): Promise<XlsxWorkbook> {
  const limits = { ...defaultXlsxLimits, ...options };
  try {
    return await open(file, limits);
  } catch (error) {
    throw asAppError(error);
  }
}

function asAppError(error: unknown): unknown {
  return error instanceof ZipFormatError || error instanceof XmlError
    ? new AppError(xlsxErrors.XLSX_UNREADABLE)
    : error;
}

async function* guarded(rows: AsyncGenerator<XlsxRow>): AsyncGenerator<XlsxRow> {
  try {
    yield* rows;
  } catch (error) {
    throw asAppError(error);
  }
}

export interface XlsxLimits {
  maxExpandedBytes: number;
  maxRows: number;
  maxSharedStrings: number;
}

/** Far above any office list (a 100,000-row customer list is ~60 MB of XML), far below what hurts the server. */
export const defaultXlsxLimits: XlsxLimits = {
  maxExpandedBytes: 128 * 1024 * 1024,
  maxRows: 100_000,
  maxSharedStrings: 1_000_000,
};

export interface XlsxWorkbook {
  sheets: XlsxSheet[];
  /** Bytes inflated to read the whole file once. */
  expandedBytes: number;
  date1904: boolean;
}

export interface XlsxMerge {
  /** 'A1:C1' */
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A data row: `cells[column - 1]`, null where the row has no value. Rows without any value are not yielded. */
export interface XlsxRow {
  rowNumber: number;
  cells: Array<XlsxCell | null>;
}

export interface XlsxSheet {
  /** Position in the workbook's tab order, from 0. */
  index: number;
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  merges: XlsxMerge[];
  rows(options?: { followMerges?: boolean }): AsyncGenerator<XlsxRow>;
}
async function open(file: Buffer, limits: XlsxLimits): Promise<XlsxWorkbook> {
  const entries = new Map(readZipDirectory(file).map((entry) => [entry.name, entry]));
  const declared = [...entries.values()].reduce((sum, entry) => sum + entry.declaredSize, 0);
  if (declared > limits.maxExpandedBytes) throw tooLarge(limits, declared, 0);

  // One pass over every part, counting what really inflates, before any XML is parsed. The
  // sheets' <mergeCells> (written after the rows) are picked out on the way.
  let expandedBytes = 0;
  const count = (bytes: number) => {
    expandedBytes += bytes;
    if (expandedBytes > limits.maxExpandedBytes) throw tooLarge(limits, expandedBytes, 0, true);
  };
  const mergesByPath = new Map<string, XlsxMerge[]>();
  for (const entry of entries.values()) {
    const isXml = /\.(xml|rels)$/.test(entry.name);
    const isSheet = /(^|\/)worksheets\/[^/]+\.xml$/.test(entry.name);
    const merges: XlsxMerge[] = [];
    let carry = '';
    let sinceTag = 0;
    for await (const chunk of inflateEntry(file, entry, count)) {
      if (!isXml) continue;
      // The XML parser holds a text or a tag whole until it ends: a run of megabytes without a
      // '<' (a hostile cell) would sit in memory at once. Excel's longest cell is 32,767
      // characters, so such a part is refused before it is parsed.
      const firstTag = chunk.indexOf(0x3c);
      if (firstTag < 0) sinceTag += chunk.length;
      else {
        if (sinceTag + firstTag > maxRunWithoutTag) throw new XmlError(`${entry.name}: text run too long`);
        sinceTag = chunk.length - chunk.lastIndexOf(0x3c);
      }
      if (sinceTag > maxRunWithoutTag) throw new XmlError(`${entry.name}: text run too long`);
      if (!isSheet) continue;
      // latin1 is enough: a merge reference is ASCII, and it never splits a multi-byte character.
      const text = carry + chunk.toString('latin1');
      const lastOpen = text.lastIndexOf('<');
      const complete = text.indexOf('>', lastOpen) >= 0 ? text : text.slice(0, lastOpen);
      carry = text.length - complete.length > 4096 ? '' : text.slice(complete.length);
      for (const match of complete.matchAll(/<(?:\w+:)?mergeCell\s[^>]*?ref="([^"]+)"/g)) {
        const merge = decodeMerge(match[1]!);
        if (merge) merges.push(merge);
      }
    }
    if (isSheet) mergesByPath.set(entry.name, merges);
  }

  const workbookPath = (await readRelationships(file, entries, '_rels/.rels')).find((relation) =>
    relation.type.endsWith('/officeDocument'),
  )?.target;
  const bookPath = workbookPath ?? 'xl/workbook.xml';
  const bookEntry = entries.get(bookPath);
  if (!bookEntry) throw new ZipFormatError('no workbook part');
  const bookRelations = await readRelationships(file, entries, relsPathOf(bookPath));
  const targetOf = (id: string) => bookRelations.find((relation) => relation.id === id);

  let date1904 = false;
  const sheetParts: Array<{ name: string; state: XlsxSheet['state']; path: string }> = [];
  await parsePart(file, bookEntry, {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attribute(attributes, 'date1904') ?? '');
      if (name !== 'sheet') return;
      const target = targetOf(attribute(attributes, 'id') ?? '');
      const state = attribute(attributes, 'state');
      if (target)
        sheetParts.push({
          name: attributes.name ?? '',
          state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
          path: target.target,
        });
    },
  });

  const stylesPath = bookRelations.find((relation) => relation.type.endsWith('/styles'))?.target;
  const stringsPath = bookRelations.find((relation) => relation.type.endsWith('/sharedStrings'))?.target;
  const workbook: Workbook = {
    entries,
    sharedStrings: await readSharedStrings(file, entries.get(stringsPath ?? ''), limits),
    dateStyles: await readDateStyles(file, entries.get(stylesPath ?? '')),
    date1904,
    rowsRead: 0,
  };
  const sheets = sheetParts
    .filter((part) => entries.has(part.path))
    .map((part, index): XlsxSheet => {
      const merges = mergesByPath.get(part.path) ?? [];
      return {
        index,
        name: part.name,
        state: part.state,
        merges,
        rows: (rowOptions = {}) =>
          guarded(
            readRows(file, workbook, entries.get(part.path)!, rowOptions.followMerges ? merges : [], limits),
          ),
      };
    });
  return { sheets, expandedBytes, date1904 };
}

import { posix } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError, localized } from '../errors.js';
import { xlsxErrors } from './xlsx.errors.js';
import { excelNumber, isDateFormat, serialToDateText, type XlsxCell, type XlsxValue } from './xlsx-values.js';
import { inflateEntry, readZipDirectory, type ZipEntry, ZipFormatError } from './zip.js';

export * from './xlsx-values.js';

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

class XmlError extends Error {}

/** Bytes an XML part may run without a '<': far above Excel's 32,767-character cell. */
const maxRunWithoutTag = 1024 * 1024;

const mb = (bytes: number) => Math.ceil(bytes / (1024 * 1024));

/**
 * `stopped`: inflating was cut off at the limit, so the true size is unknown (only that it is
 * over the limit); otherwise `bytes` is the size declared or counted in full.
 */
function tooLarge(limits: XlsxLimits, bytes: number, rows: number, stopped = false): AppError {
  const size = stopped
    ? localized(
        `超过 ${mb(limits.maxExpandedBytes)} MB`,
        `超過 ${mb(limits.maxExpandedBytes)} MB`,
        `over ${mb(limits.maxExpandedBytes)} MB`,
      )
    : localized(`约 ${mb(bytes)} MB`, `約 ${mb(bytes)} MB`, `about ${mb(bytes)} MB`);
  // Rows are named only when some were counted: a file refused on its size was never read that far.
  const found =
    rows > 0
      ? localized(
          `${size['zh-CN']} / ${rows} 行`,
          `${size['zh-TW']} / ${rows} 列`,
          `${size.en} / ${rows} rows`,
        )
      : size;
  return new AppError(xlsxErrors.XLSX_TOO_LARGE, {
    size,
    found,
    mb: mb(bytes),
    rows,
    maxMb: mb(limits.maxExpandedBytes),
    maxRows: limits.maxRows,
  });
}

/** 'AB12' → { row: 12, column: 28 }. */
export function decodeCellRef(ref: string): { row: number; column: number } | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(ref);
  if (!match) return null;
  let column = 0;
  for (const letter of match[1]!.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return { row: Number(match[2]), column };
}

export function encodeCellRef(row: number, column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return `${letters}${row}`;
}

function decodeMerge(ref: string): XlsxMerge | null {
  const [from, to = from] = ref.split(':');
  const start = decodeCellRef(from!);
  const end = decodeCellRef(to!);
  if (!start || !end) return null;
  return {
    ref,
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Excel writes characters XML cannot hold (CR, control characters) as _xHHHH_. */
const decodeEscapes = (text: string) =>
  text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;

type SaxHandlers = {
  open?: (name: string, attributes: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
};

function createParser(handlers: SaxHandlers): SaxesParser {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('error', (error) => {
    throw new XmlError(error.message);
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (node: SaxesTagPlain) => open(localName(node.name), node.attributes));
  }
  if (handlers.text) parser.on('text', handlers.text);
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (node: SaxesTagPlain) => close(localName(node.name)));
  }
  return parser;
}

/** Parses a part as it inflates; `afterChunk` runs after each chunk (the sheet reader yields its rows there). */
async function parsePart(file: Buffer, entry: ZipEntry, handlers: SaxHandlers): Promise<void> {
  const parser = createParser(handlers);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of inflateEntry(file, entry, () => {}))
    parser.write(decoder.decode(chunk, { stream: true }));
  parser.write(decoder.decode());
  parser.close();
}

function attribute(attributes: Record<string, string>, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const [key, value] of Object.entries(attributes)) if (localName(key) === name) return value;
  return undefined;
}

interface Workbook {
  entries: Map<string, ZipEntry>;
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
  rowsRead: number;
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

function relsPathOf(partPath: string): string {
  return posix.join(posix.dirname(partPath), '_rels', `${posix.basename(partPath)}.rels`);
}

async function readRelationships(file: Buffer, entries: Map<string, ZipEntry>, path: string) {
  const entry = entries.get(path);
  const relations: Array<{ id: string; type: string; target: string }> = [];
  if (!entry) return relations;
  const base = posix.dirname(posix.dirname(path));
  await parsePart(file, entry, {
    open(name, attributes) {
      if (name !== 'Relationship' || attributes.TargetMode === 'External') return;
      const target = attributes.Target ?? '';
      relations.push({
        id: attributes.Id ?? '',
        type: attributes.Type ?? '',
        target: target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(base, target)),
      });
    },
  });
  return relations;
}

async function readSharedStrings(file: Buffer, entry: ZipEntry | undefined, limits: XlsxLimits) {
  const strings: string[] = [];
  if (!entry) return strings;
  let current = '';
  let inText = false;
  let phonetic = 0;
  await parsePart(file, entry, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    text(text) {
      if (inText) current += text;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si') {
        if (strings.length >= limits.maxSharedStrings)
          throw tooLarge(limits, entry.declaredSize, strings.length);
        strings.push(decodeEscapes(current));
      }
    },
  });
  return strings;
}

/** For each cell style (cellXfs index), whether its number format is a date. */
async function readDateStyles(file: Buffer, entry: ZipEntry | undefined): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  if (!entry) return styles;
  let inCellXfs = false;
  await parsePart(file, entry, {
    open(name, attributes) {
      if (name === 'numFmt') custom.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attributes.numFmtId ?? 0);
        styles.push(isDateFormat(id, custom.get(id)));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

function isoDateText(text: string): XlsxValue {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(text);
  if (!match) return { kind: 'text', text };
  const time = match[2] && match[2] !== '00:00:00' ? ` ${match[2]}` : '';
  return { kind: 'date', text: `${match[1]}${time}`, serial: null };
}

async function* readRows(
  file: Buffer,
  workbook: Workbook,
  entry: ZipEntry,
  merges: XlsxMerge[],
  limits: XlsxLimits,
): AsyncGenerator<XlsxRow> {
  const ready: XlsxRow[] = [];
  const anchors = new Map<string, XlsxCell>();
  const anchorKeys = new Set(merges.map((merge) => `${merge.top}:${merge.left}`));
  const byTop = [...merges].sort((a, b) => a.top - b.top);
  let nextMerge = 0;
  let active: XlsxMerge[] = [];

  let rowNumber = 0;
  let column = 0;
  let cells: Array<XlsxCell | null> = [];
  let cellType = 'n';
  let cellStyle = 0;
  let formula: string | null = null;
  let value: string | undefined;
  let inline: string | undefined;
  let collecting: 'f' | 'v' | 'is' | null = null;
  let phonetic = 0;

  const finishRow = () => {
    if (merges.length) {
      while (nextMerge < byTop.length && byTop[nextMerge]!.top <= rowNumber) active.push(byTop[nextMerge++]!);
      active = active.filter((merge) => merge.bottom >= rowNumber);
      for (const merge of active) {
        const anchor = anchors.get(`${merge.top}:${merge.left}`);
        if (!anchor) continue;
        const from = encodeCellRef(merge.top, merge.left);
        for (let at = merge.left; at <= merge.right; at++) {
          if (rowNumber === merge.top && at === merge.left) continue;
          if (!cells[at - 1]) cells[at - 1] = { ...anchor, mergedFrom: from };
        }
      }
    }
    if (!cells.some((cell) => cell)) return;
    for (let index = 0; index < cells.length; index++) cells[index] ??= null;
    workbook.rowsRead += 1;
    if (workbook.rowsRead > limits.maxRows) throw tooLarge(limits, entry.declaredSize, workbook.rowsRead);
    ready.push({ rowNumber, cells });
  };

  const cellValue = (): XlsxValue | null => {
    if (cellType === 'inlineStr') return inline ? { kind: 'text', text: decodeEscapes(inline) } : null;
    if (value === undefined) return null;
    switch (cellType) {
      case 's': {
        const text = workbook.sharedStrings[Number(value)];
        return text ? { kind: 'text', text } : null;
      }
      case 'str':
        return { kind: 'text', text: decodeEscapes(value) };
      case 'b':
        return { kind: 'boolean', value: value === '1' || value === 'true' };
      case 'e':
        return { kind: 'error', error: value };
      case 'd':
        return isoDateText(value);
      default: {
        const number = excelNumber(value);
        if (number === null) return value.trim() ? { kind: 'text', text: value } : null;
        return workbook.dateStyles[cellStyle]
          ? { kind: 'date', text: serialToDateText(number, workbook.date1904), serial: number }
          : { kind: 'number', value: number };
      }
    }
  };

  const parser = createParser({
    open(name, attributes) {
      switch (name) {
        case 'row':
          rowNumber = attributes.r ? Number(attributes.r) : rowNumber + 1;
          column = 0;
          cells = [];
          break;
        case 'c': {
          const ref = attributes.r ? decodeCellRef(attributes.r) : null;
          column = ref ? ref.column : column + 1;
          cellType = attributes.t ?? 'n';
          cellStyle = Number(attributes.s ?? 0);
          formula = null;
          value = undefined;
          inline = undefined;
          break;
        }
        case 'f':
          formula = '';
          collecting = 'f';
          break;
        case 'v':
          value = '';
          collecting = 'v';
          break;
        case 'is':
          inline = '';
          break;
        case 'rPh':
          phonetic += 1;
          break;
        case 't':
          if (inline !== undefined && phonetic === 0) collecting = 'is';
          break;
      }
    },
    text(text) {
      if (collecting === 'v') value += text;
      else if (collecting === 'f') formula += text;
      else if (collecting === 'is') inline += text;
    },
    close(name) {
      switch (name) {
        case 'f':
        case 'v':
        case 't':
          collecting = null;
          break;
        case 'rPh':
          phonetic -= 1;
          break;
        case 'c': {
          const result = cellValue();
          const cell: XlsxCell | null = formula !== null ? { kind: 'formula', formula, result } : result;
          if (cell) {
            cells[column - 1] = cell;
            if (anchorKeys.has(`${rowNumber}:${column}`)) anchors.set(`${rowNumber}:${column}`, cell);
          }
          break;
        }
        case 'row':
          finishRow();
          break;
      }
    },
  });
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of inflateEntry(file, entry, () => {})) {
    parser.write(decoder.decode(chunk, { stream: true }));
    yield* ready.splice(0);
  }
  parser.write(decoder.decode());
  parser.close();
  yield* ready.splice(0);
}

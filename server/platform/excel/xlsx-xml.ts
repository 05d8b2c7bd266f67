import { posix } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError, localized } from '../errors.js';
import { xlsxErrors } from './xlsx.errors.js';
import type { XlsxLimits, XlsxMerge } from './xlsx-reader.js';
import { isDateFormat, type XlsxValue } from './xlsx-values.js';
import { inflateEntry, type ZipEntry } from './zip.js';

export class XmlError extends Error {}

/** Bytes an XML part may run without a '<': far above Excel's 32,767-character cell. */
export const maxRunWithoutTag = 1024 * 1024;

export const mb = (bytes: number) => Math.ceil(bytes / (1024 * 1024));

/**
 * `stopped`: inflating was cut off at the limit, so the true size is unknown (only that it is
 * over the limit); otherwise `bytes` is the size declared or counted in full.
 */
export function tooLarge(limits: XlsxLimits, bytes: number, rows: number, stopped = false): AppError {
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

export function decodeMerge(ref: string): XlsxMerge | null {
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

export const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Excel writes characters XML cannot hold (CR, control characters) as _xHHHH_. */
export const decodeEscapes = (text: string) =>
  text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;

type SaxHandlers = {
  open?: (name: string, attributes: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
};

export function createParser(handlers: SaxHandlers): SaxesParser {
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
export async function parsePart(file: Buffer, entry: ZipEntry, handlers: SaxHandlers): Promise<void> {
  const parser = createParser(handlers);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of inflateEntry(file, entry, () => {}))
    parser.write(decoder.decode(chunk, { stream: true }));
  parser.write(decoder.decode());
  parser.close();
}

export function attribute(attributes: Record<string, string>, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const [key, value] of Object.entries(attributes)) if (localName(key) === name) return value;
  return undefined;
}

export interface Workbook {
  entries: Map<string, ZipEntry>;
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
  rowsRead: number;
}

export function relsPathOf(partPath: string): string {
  return posix.join(posix.dirname(partPath), '_rels', `${posix.basename(partPath)}.rels`);
}

export async function readRelationships(file: Buffer, entries: Map<string, ZipEntry>, path: string) {
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

export async function readSharedStrings(file: Buffer, entry: ZipEntry | undefined, limits: XlsxLimits) {
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
export async function readDateStyles(file: Buffer, entry: ZipEntry | undefined): Promise<boolean[]> {
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

export function isoDateText(text: string): XlsxValue {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(text);
  if (!match) return { kind: 'text', text };
  const time = match[2] && match[2] !== '00:00:00' ? ` ${match[2]}` : '';
  return { kind: 'date', text: `${match[1]}${time}`, serial: null };
}

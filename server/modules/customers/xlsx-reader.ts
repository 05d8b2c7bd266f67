import { inflateRawSync } from 'node:zlib';

/**
 * A small, fast reader for the first worksheet of an .xlsx (values only). The customer import
 * reads 100,000-row office lists; exceljs's streaming reader spends ~250 µs a row building
 * objects we never use, this one a few. It reads the zip's central directory with node:zlib,
 * caps every inflated part (a zip bomb stops at the cap), and never evaluates formulas: a
 * formula cell comes back as { formula } so the import can refuse it.
 */

export class XlsxFormatError extends Error {}

/** No part of an office list comes near this; a bigger one is junk or a zip bomb. */
const maxPartBytes = 256 * 1024 * 1024;

interface ZipEntry {
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function readZipDirectory(buffer: Buffer): Map<string, ZipEntry> {
  const searchStart = Math.max(0, buffer.length - 65_557);
  let end = -1;
  for (let index = buffer.length - 22; index >= searchStart; index--) {
    if (buffer.readUInt32LE(index) === 0x06054b50) {
      end = index;
      break;
    }
  }
  if (end < 0) throw new XlsxFormatError('no zip directory');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let index = 0; index < count; index++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50)
      throw new XlsxFormatError('damaged zip directory');
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.set(name, {
      method: buffer.readUInt16LE(offset + 10),
      compressedSize: buffer.readUInt32LE(offset + 20),
      uncompressedSize: buffer.readUInt32LE(offset + 24),
      localOffset: buffer.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readPart(buffer: Buffer, entries: Map<string, ZipEntry>, name: string): string | null {
  const entry = entries.get(name);
  if (!entry) return null;
  const local = entry.localOffset;
  if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50)
    throw new XlsxFormatError('damaged zip entry');
  const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.toString('utf8');
  if (entry.method !== 8) throw new XlsxFormatError('unsupported compression');
  try {
    return inflateRawSync(data, { maxOutputLength: maxPartBytes }).toString('utf8');
  } catch {
    throw new XlsxFormatError('damaged or oversized part');
  }
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  if (!text.includes('&') && !text.includes('_x')) return text;
  return text
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, code: string) => {
      if (code.startsWith('#x')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
      if (code.startsWith('#')) return String.fromCodePoint(Number.parseInt(code.slice(1), 10));
      return entities[code] ?? whole;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** The text runs of one <si> or <is>, phonetic guides (<rPh>) left out. */
function textOf(xml: string): string {
  let text = '';
  for (const match of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g))
    text += match[1];
  return decodeXml(text);
}

function firstSheetPath(entries: Map<string, ZipEntry>, buffer: Buffer): string {
  const workbook = readPart(buffer, entries, 'xl/workbook.xml');
  const rels = readPart(buffer, entries, 'xl/_rels/workbook.xml.rels');
  if (!workbook) throw new XlsxFormatError('no workbook part');
  // A register often keeps its drop-down lists on a hidden sheet, sometimes the first one.
  const visible = [...workbook.matchAll(/<sheet\b[^>]*>/g)]
    .map((match) => match[0])
    .find((tag) => !/\bstate="(?:hidden|veryHidden)"/.test(tag));
  const sheet = visible ? (/\br:id="([^"]+)"/.exec(visible) ?? /\bid="([^"]+)"/.exec(visible)) : null;
  if (sheet && rels) {
    const relation = new RegExp(`<Relationship\\b[^>]*?Id="${sheet[1]}"[^>]*?>`).exec(rels);
    const target = relation && /Target="([^"]+)"/.exec(relation[0]);
    if (target) return target[1].startsWith('/') ? target[1].slice(1) : `xl/${target[1]}`;
  }
  const fallback = [...entries.keys()]
    .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    .sort()[0];
  if (!fallback) throw new XlsxFormatError('no worksheet');
  return fallback;
}

function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index;
}

export interface SheetRow {
  number: number;
  /** 1-based like exceljs: values[1] is column A. Strings, numbers, booleans, { formula }, { error }. */
  values: unknown[];
}

/** Rows of the first visible worksheet, in order. Throws XlsxFormatError for anything that is not a workbook. */
export function* readFirstSheet(buffer: Buffer): Generator<SheetRow> {
  const entries = readZipDirectory(buffer);
  const sheetXml = readPart(buffer, entries, firstSheetPath(entries, buffer));
  if (sheetXml === null) throw new XlsxFormatError('worksheet missing');
  const sharedXml = readPart(buffer, entries, 'xl/sharedStrings.xml');
  const shared: string[] = [];
  if (sharedXml)
    for (const match of sharedXml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g))
      shared.push(match[1] ? textOf(match[1]) : '');
  let rowNumber = 0;
  for (const rowMatch of sheetXml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const declared = /\br="(\d+)"/.exec(rowMatch[1]);
    rowNumber = declared ? Number(declared[1]) : rowNumber + 1;
    const values: unknown[] = [];
    let column = 0;
    for (const cell of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1];
      const reference = /\br="([A-Z]+)\d*"/.exec(attributes);
      column = reference ? columnIndex(reference[1]) : column + 1;
      const body = cell[2] ?? '';
      const type = /\bt="(\w+)"/.exec(attributes)?.[1] ?? 'n';
      if (/<f\b/.test(body)) {
        values[column] = { formula: true };
        continue;
      }
      if (type === 'inlineStr') {
        values[column] = textOf(body);
        continue;
      }
      const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      if (raw === undefined) continue;
      if (type === 's') values[column] = shared[Number(raw)] ?? '';
      else if (type === 'str') values[column] = decodeXml(raw);
      else if (type === 'b') values[column] = raw === '1';
      else if (type === 'e') values[column] = { error: decodeXml(raw) };
      else {
        const number = Number(raw);
        values[column] = Number.isFinite(number) ? number : decodeXml(raw);
      }
    }
    yield { number: rowNumber, values };
  }
}

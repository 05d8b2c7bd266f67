import type { XlsxLimits, XlsxMerge, XlsxRow } from './xlsx-reader.js';
import { excelNumber, serialToDateText, type XlsxCell, type XlsxValue } from './xlsx-values.js';
import {
  createParser,
  decodeCellRef,
  decodeEscapes,
  encodeCellRef,
  isoDateText,
  tooLarge,
  type Workbook,
} from './xlsx-xml.js';
import { inflateEntry, type ZipEntry } from './zip.js';

export async function* readRows(
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

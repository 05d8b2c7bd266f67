import type { FastifyReply } from 'fastify';
import type { Locale, Localized } from '../../../contracts/locales.js';

export interface ExportColumn<Row> {
  header: string;
  width?: number;
  value: (row: Row) => string | number | boolean | Date | null;
}

/** Builds one sheet with a bold, frozen header row (a blank template; exports use sendSheetIn). */
export async function buildWorkbook<Row>(
  sheetName: string,
  columns: ExportColumn<Row>[],
  rows: Iterable<Row>,
): Promise<Buffer> {
  return buildWorkbookSheets([{ name: sheetName, columns, rows }]);
}

export interface WorkbookSheet<Row> {
  name: string;
  columns: ExportColumn<Row>[];
  rows: Iterable<Row>;
}

/** Several sheets in one workbook, each as buildWorkbook draws one (a personal-data export: one per source). */
export async function buildWorkbookSheets(
  // biome-ignore lint/suspicious/noExplicitAny: each sheet has its own row type
  sheets: WorkbookSheet<any>[],
  /** Aborted when nobody waits for the file any more (the download was cancelled): the work stops. */
  signal?: AbortSignal,
): Promise<Buffer> {
  // exceljs is loaded on the first export, not at start: it is heavy and most requests never need it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Yingke 迎客';
  for (const { name, columns, rows } of sheets) {
    const sheet = workbook.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((column) => ({ header: column.header, width: column.width ?? 16 }));
    sheet.getRow(1).font = { bold: true };
    let added = 0;
    for (const row of rows) {
      sheet.addRow(columns.map((column) => column.value(row)));
      // Between batches, let a cancelled download be noticed and stop building a file no one reads.
      if (signal && ++added % exportBatchRows === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        signal.throwIfAborted();
      }
    }
  }
  signal?.throwIfAborted();
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Rows added between two looks for a cancelled download. */
export const exportBatchRows = 500;

/**
 * Aborted when the client goes away before the answer is complete (a cancelled download): long
 * exports check it between batches. The abort is a DOMException AbortError; Fastify logs it and
 * writes nothing, since the connection is gone.
 */
export function clientGoneSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const raw = reply.raw;
  if (raw.destroyed) controller.abort();
  else
    raw.once('close', () => {
      if (!raw.writableFinished) controller.abort();
    });
  return controller.signal;
}

export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** An Excel export described once in 简体, 繁體 and English; the request's language picks the words. */
export interface ExportSheet<Row> {
  fileName: Localized;
  sheetName: Localized;
  columns: Array<{
    header: Localized;
    width?: number;
    value: (row: Row, locale: Locale) => ReturnType<ExportColumn<Row>['value']>;
  }>;
}

/**
 * The one way an export answers: the sheet described in every language, written in the reader's;
 * the work stops when the client goes away (a cancelled download).
 */
export async function sendSheetIn<Row>(
  reply: FastifyReply,
  sheet: ExportSheet<Row>,
  locale: Locale,
  rows: Iterable<Row>,
): Promise<FastifyReply> {
  const columns: ExportColumn<Row>[] = sheet.columns.map((column) => ({
    header: column.header[locale],
    width: column.width,
    value: (row) => column.value(row, locale),
  }));
  const body = await buildWorkbookSheets(
    [{ name: sheet.sheetName[locale], columns, rows }],
    clientGoneSignal(reply),
  );
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', contentDisposition(sheet.fileName[locale]))
    .send(body);
}

/** Times in exports are Beijing time, as staff read them, not UTC. */
export function shanghaiTime(iso: string | null): string {
  if (!iso) return '';
  const shifted = new Date(Date.parse(iso) + 8 * 3_600_000);
  return shifted.toISOString().slice(0, 19).replace('T', ' ');
}

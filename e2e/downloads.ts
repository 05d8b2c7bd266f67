import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/**
 * Reading back what the product serves, as a person would open it: a PDF through Debian's
 * poppler-utils (pdfinfo, pdftotext — the readers .ci/run installs), an .xlsx through exceljs.
 */

export interface DownloadedFile {
  fileName: string;
  body: Buffer;
}

/** Clicks an export button and waits for the browser's download of the file it saves. */
export async function downloadByClick(page: Page, button: Locator): Promise<DownloadedFile> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
  const file = await download.path();
  return { fileName: download.suggestedFilename(), body: fs.readFileSync(file) };
}

/** Fetches a link's target with the page's own cookies (a PDF opens in a tab rather than downloading). */
export async function downloadLink(
  page: Page,
  link: Locator,
): Promise<DownloadedFile & { contentType: string }> {
  const href = await link.getAttribute('href');
  if (!href) throw new Error('the link has no href');
  const response = await page.request.get(href);
  const body = await response.body();
  if (!response.ok())
    throw new Error(`GET ${href}: ${response.status()} ${body.toString('utf8').slice(0, 500)}`);
  const disposition = response.headers()['content-disposition'] ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  return {
    fileName: encoded ? decodeURIComponent(encoded) : href,
    contentType: response.headers()['content-type'] ?? '',
    body,
  };
}

function runPoppler(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw new Error(`${command}: ${result.error.message} (apt-get install -y poppler-utils)`);
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export interface PdfContent {
  pages: number;
  /** The text of every page, as pdftotext lays it out; pages are separated by form feeds. */
  text: string;
  /** The same text with every run of white space removed, for matching words a line break split. */
  compact: string;
}

/** Opens a PDF with poppler: fails unless it is a well-formed PDF with at least one page. */
export function readPdf(body: Buffer): PdfContent {
  if (body.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw new Error('not a PDF: it does not start with %PDF-');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-pdf-'));
  try {
    const file = path.join(dir, 'file.pdf');
    fs.writeFileSync(file, body);
    const info = runPoppler('pdfinfo', [file]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    const text = runPoppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
    return { pages, text, compact: text.replace(/\s+/g, '') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface SheetContent {
  sheetName: string;
  header: string[];
  /** Every row under the header, each cell as text. */
  rows: string[][];
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText.map((part: { text: string }) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result);
  }
  return String(value);
}

/** Opens an .xlsx with exceljs and reads its first sheet: fails unless it is a real workbook. */
export async function readXlsx(body: Buffer): Promise<SheetContent> {
  if (body.subarray(0, 2).toString('latin1') !== 'PK') throw new Error('not an .xlsx: it is no zip file');
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column++)
      cells.push(cellText(row.getCell(column).value));
    rows.push(cells);
  });
  const [header = [], ...data] = rows;
  return { sheetName: sheet.name, header, rows: data };
}

/** The column of a sheet under a header, by the header's text. */
export function columnOf(sheet: SheetContent, header: string): string[] {
  const index = sheet.header.indexOf(header);
  if (index < 0) throw new Error(`no column 「${header}」 in ${JSON.stringify(sheet.header)}`);
  return sheet.rows.map((row) => row[index] ?? '');
}

/**
 * The list export a person sees on a page: waits for the visible table, reads its total (共 N 条)
 * and its first row, clicks the visible export button and opens the file. The sheet must hold as
 * many rows as the list's total, and its first row the names shown in the list's first row (the
 * export keeps the list's filters and order). Returns the sheet for further checks.
 */
export async function checkListExport(page: Page, options: { minRows?: number } = {}): Promise<SheetContent> {
  const table = page.locator('.ant-table-wrapper').filter({ visible: true }).first();
  await table.locator('.ant-table-tbody .ant-table-row').first().waitFor();
  const totalText = await table.locator('.ant-pagination-total-text').textContent();
  const total = Number(/(\d+)/.exec(totalText ?? '')?.[1]);
  if (!Number.isInteger(total)) throw new Error(`no total under the list: ${totalText}`);
  const firstRow = await table
    .locator('.ant-table-tbody .ant-table-row')
    .first()
    .locator('td')
    .allTextContents();
  const file = await downloadByClick(page, page.getByTestId('export').filter({ visible: true }).first());
  if (!file.fileName.endsWith('.xlsx')) throw new Error(`the export is not an .xlsx: ${file.fileName}`);
  const sheet = await readXlsx(file.body);
  if (sheet.rows.length !== total)
    throw new Error(`${file.fileName}: ${sheet.rows.length} rows in the file, ${total} listed on screen`);
  if (total < (options.minRows ?? 1)) throw new Error(`${file.fileName}: only ${total} rows listed`);
  // Names and other Chinese words of the first row on screen are cells of the file's first row.
  const words = firstRow.map((text) => text.trim()).filter((text) => /[\u4e00-\u9fff]/.test(text));
  const shared = words.filter((word) => sheet.rows[0]?.some((cell) => cell.trim() === word));
  if (shared.length === 0)
    throw new Error(
      `${file.fileName}: the first row on screen (${words.join(' | ')}) is not the file's (${sheet.rows[0]?.join(' | ')})`,
    );
  return sheet;
}

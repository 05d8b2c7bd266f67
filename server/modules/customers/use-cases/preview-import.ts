import type { ImportNotice, ImportPreview, ImportSkippedSheet } from '../../../../contracts/customers.js';
import type { Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/errors.js';
import { openXlsx } from '../../../platform/excel/xlsx-reader.js';
import { writeAudit } from '../../audit/index.js';
import { customerErrors } from '../customers.errors.js';
import { newCustomerId } from '../customers.ids.js';
import { type CellText, readXlsxCell } from '../customers.import-cells.js';
import { consultantKey, sheetNameMonth } from '../customers.import-office.js';
import {
  type ImportColumn,
  type ImportedCustomer,
  matchHeaderRow,
  parseImportRow,
} from '../customers.import-rules.js';
import { findProjectConsultants } from '../customers.people.js';
import * as queries from '../customers.queries.js';
import { maskedPhone } from '../customers.rules.js';
import { customerVisibility } from '../customers.scope.js';
import { assertSalesProject, customerEntity, phoneMaskStyle } from '../customers.service.js';
import type { CustomerImportRowsTable } from '../customers.tables.js';
import {
  consultantNamesToMap,
  exactConsultants,
  type StoredConsultantName,
  showConsultantNames,
} from './import-consultants.js';
import { findSourceChannels } from './source-channels.js';

/** A header is looked for in the first rows only (title rows above it may be merged cells). */
const headerSearchRows = 10;
/** Sheets whose first rows may be read in search of a header, on top of the data rows. */
const maxSheets = 255;
/** More rows than any office list; a bigger sheet is refused rather than read into memory. */
export const importMaxRows = 200_000;
const stageBatch = 2000;

interface ParsedRow {
  sheetName: string;
  rowNumber: number;
  /** Order in the whole file. */
  position: number;
  data: ImportedCustomer;
  errors: Localized[];
}

type Header = { columns: Map<number, ImportColumn>; ignored: string[] };
type ReadItem = { header: Header } | { skipped: ImportSkippedSheet } | { row: Omit<ParsedRow, 'position'> };

/**
 * Parsed rows after the detected header of every visible sheet that has one, in tab order: a
 * register is often kept one sheet per month (1月, 2月, …). A hidden sheet (drop-down lists) or a
 * visible one without a header in its first rows (notes, a summary) is named as skipped. Title
 * rows above a header, merged or not, are passed over. Yearless dates take their year from the
 * dates above them in the same sheet, then from the month the sheet is named for.
 */
async function* readRows(buffer: Buffer, now: Date): AsyncGenerator<ReadItem> {
  const workbook = await openXlsx(buffer, {
    maxRows: importMaxRows + headerSearchRows * Math.max(1, maxSheets),
  });
  for (const sheet of workbook.sheets) {
    if (sheet.state !== 'visible') {
      yield { skipped: { name: sheet.name, reason: 'hidden' } };
      continue;
    }
    let header: Header | null = null;
    let sheetDate: Date | null = null;
    const sheetNameDate = sheetNameMonth(sheet.name, now);
    for await (const row of sheet.rows()) {
      if (!header) {
        if (row.rowNumber > headerSearchRows) break;
        header = matchHeaderRow(row.cells.map((cell) => (cell?.kind === 'text' ? cell.text : '')));
        if (header) yield { header };
        continue;
      }
      const cells: Partial<Record<ImportColumn, CellText>> = {};
      let isBlank = true;
      for (const [index, column] of header.columns) {
        const cell = readXlsxCell(row.cells[index]);
        if (cell.kind !== 'empty') isBlank = false;
        cells[column] = cell;
      }
      if (isBlank) continue;
      const parsed = parseImportRow(cells, { now, sheetDate, sheetName: sheet.name, sheetNameDate });
      if (parsed.datedAt) sheetDate = parsed.datedAt;
      yield {
        row: { sheetName: sheet.name, rowNumber: row.rowNumber, data: parsed.data, errors: parsed.errors },
      };
    }
    if (!header) yield { skipped: { name: sheet.name, reason: 'no_header' } };
  }
}

/** Where a repeated number was first seen: `row:N:sheet` (a sheet name never holds ':'). */
function duplicateRef(first: { sheetName: string; rowNumber: number }): string {
  return `row:${first.rowNumber}:${first.sheetName}`;
}

export type { ImportPreview };

/** Notices keep their warnings in every language; the route answers in the caller's. */
export type ImportPreviewResult = Omit<ImportPreview, 'notices'> & {
  notices: Array<Omit<ImportNotice, 'warnings'> & { warnings: Localized[] }>;
};

/** Enough rows to review on one screen; the counts cover the whole file. */
const noticeLimit = 500;

/**
 * Reads an uploaded .xlsx and stages every row with its problems; nothing touches the customer
 * register until the import is committed. A file that is not a workbook or has no recognisable
 * header is refused as a whole.
 */
export async function previewImport(
  db: Db,
  options: { actor: Actor; projectId: string; fileName: string; file: Buffer; now: Date },
): Promise<ImportPreviewResult> {
  const { actor, projectId, now } = options;
  // The staged rows will be the caller's import in this project (owner scope: customers.scope.ts).
  customerVisibility(actor).assertProject(projectId, customerEntity);
  await assertSalesProject(db, actor, projectId, ['manager', 'consultant']);
  const channels = await findSourceChannels(db, { actor, projectId, includeArchived: true, now });
  const knownChannels = new Set(channels.map((channel) => channel.name));
  const consultantList = await findProjectConsultants(db, actor, projectId);
  const consultants = exactConsultants(consultantList);
  const unmatchedNames = new Map<string, number>();
  const notices: ImportPreviewResult['notices'] = [];
  let keyCustomerRows = 0;
  let phoneRefusedRows = 0;
  let warningRows = 0;
  const maskStyle = await phoneMaskStyle(db, actor, projectId);

  const importId = newId();
  const at = now.toISOString();
  let sheetsRead = 0;
  const ignoredColumns = new Set<string>();
  const skippedSheets: ImportSkippedSheet[] = [];
  const seenPhones = new Map<string, { sheetName: string; rowNumber: number }>();
  const newChannels = new Set<string>();
  const sample: ImportPreview['sample'] = [];
  let totalRows = 0;
  let errorRows = 0;
  let duplicateRows = 0;
  let pending: ParsedRow[] = [];
  let storedNames: StoredConsultantName[] = [];

  const flush = async (trx: Tx) => {
    if (pending.length === 0) return;
    const taken = await queries.findTakenPhones(
      trx,
      projectId,
      pending.flatMap((row) => row.data.phones.map((phone) => phone.e164)),
    );
    const rows: CustomerImportRowsTable[] = [];
    for (const row of pending) {
      let duplicateOf: string | null = null;
      for (const phone of row.data.phones) {
        if (taken.has(phone.e164)) duplicateOf = 'database';
        else {
          const first = seenPhones.get(phone.e164);
          if (first) duplicateOf = duplicateRef(first);
        }
      }
      // Within a sheet and across the sheets alike: the first row with a number keeps it.
      for (const phone of row.data.phones)
        if (!seenPhones.has(phone.e164))
          seenPhones.set(phone.e164, { sheetName: row.sheetName, rowNumber: row.rowNumber });
      // A name the office uses (张经理, 小王) is mapped once for the whole file, not refused per row.
      const consultantName = row.data.consultantName.trim();
      if (consultantName && !consultants.has(consultantKey(consultantName)))
        unmatchedNames.set(consultantName, (unmatchedNames.get(consultantName) ?? 0) + 1);
      if (row.data.keyKind) keyCustomerRows += 1;
      if (row.data.isPhoneRefused) phoneRefusedRows += 1;
      if (row.data.warnings.length) warningRows += 1;
      if (
        (row.data.keyKind || row.data.isPhoneRefused || row.data.warnings.length) &&
        notices.length < noticeLimit
      )
        notices.push({
          sheetName: row.sheetName,
          rowNumber: row.rowNumber,
          name: row.data.name,
          keyKind: row.data.keyKind,
          isPhoneRefused: row.data.isPhoneRefused,
          warnings: row.data.warnings,
        });
      if (row.errors.length) errorRows += 1;
      else if (duplicateOf) duplicateRows += 1;
      if (
        !row.errors.length &&
        !duplicateOf &&
        row.data.sourceName &&
        !knownChannels.has(row.data.sourceName)
      )
        newChannels.add(row.data.sourceName);
      rows.push({
        id: newCustomerId(),
        importId,
        rowNumber: row.rowNumber,
        sheetName: row.sheetName,
        position: row.position,
        dataJson: JSON.stringify({ ...row.data, phones: row.data.phones }),
        errorsJson: JSON.stringify(row.errors),
        duplicateOf,
      });
    }
    await queries.insertImportRows(trx, rows);
    pending = [];
  };

  // An unreadable or too large workbook answers the reader's shared errors (XLSX_UNREADABLE, XLSX_TOO_LARGE).
  await db.transaction().execute(async (trx) => {
    await queries.insertImport(trx, {
      id: importId,
      projectId,
      staffId: actor.staffId,
      fileName: options.fileName.slice(0, 200),
      status: 'previewed',
      mode: null,
      totalRows: 0,
      validRows: 0,
      errorRows: 0,
      duplicateRows: 0,
      processedRows: 0,
      importedRows: 0,
      isCancelRequested: 0,
      failure: '',
      createdAt: at,
      finishedAt: null,
      consultantNamesJson: '[]',
      consultantMapJson: '{}',
    });
    for await (const item of readRows(options.file, now)) {
      if ('header' in item) {
        sheetsRead += 1;
        for (const name of item.header.ignored) ignoredColumns.add(name);
        continue;
      }
      if ('skipped' in item) {
        skippedSheets.push(item.skipped);
        continue;
      }
      totalRows += 1;
      if (totalRows > importMaxRows)
        throw new AppError(customerErrors.IMPORT_TOO_MANY_ROWS, { max: importMaxRows });
      if (sample.length < 20)
        sample.push({
          sheetName: item.row.sheetName,
          rowNumber: item.row.rowNumber,
          name: item.row.data.name,
          phones: item.row.data.phones.map((phone) => maskedPhone(phone.e164, maskStyle)),
          sourceName: item.row.data.sourceName,
          consultantName: item.row.data.consultantName,
        });
      pending.push({ ...item.row, position: totalRows });
      if (pending.length >= stageBatch) await flush(trx);
    }
    if (sheetsRead === 0) throw new AppError(customerErrors.IMPORT_NO_HEADER, { rows: headerSearchRows });
    if (totalRows === 0) throw new AppError(customerErrors.IMPORT_EMPTY);
    await flush(trx);
    storedNames = consultantNamesToMap(unmatchedNames, consultantList);
    await queries.updateImportRow(trx, importId, {
      totalRows,
      errorRows,
      duplicateRows,
      validRows: totalRows - errorRows - duplicateRows,
      consultantNamesJson: JSON.stringify(storedNames),
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'customer_import',
      entityId: importId,
      action: 'preview',
      after: { fileName: options.fileName, totalRows, errorRows, duplicateRows, sheets: sheetsRead },
    });
  });
  return {
    id: importId,
    fileName: options.fileName,
    status: 'previewed',
    totalRows,
    validRows: totalRows - errorRows - duplicateRows,
    errorRows,
    duplicateRows,
    ignoredColumns: [...ignoredColumns],
    sheetsRead,
    skippedSheets,
    newSourceChannels: [...newChannels],
    sample,
    consultantNames: showConsultantNames(storedNames, consultantList),
    consultants: consultantList.map((person) => ({ id: person.id, displayName: person.displayName })),
    importerIsConsultant: consultantList.some((person) => person.id === actor.staffId),
    keyCustomerRows,
    phoneRefusedRows,
    warningRows,
    notices,
  };
}

import type { ImportConsultantChoice, ImportNotice, ImportPreview } from '../../../../contracts/customers.js';
import type { Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { systemActor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { openXlsx } from '../../../platform/excel/xlsx-reader.js';
import { registerJobHandler, scheduleJob } from '../../../platform/jobs/index.js';
import { namePinyin } from '../../../platform/text/pinyin.js';
import { writeAudit } from '../../audit/index.js';
import { getSetting } from '../../settings/index.js';
import { customerErrors } from '../customers.errors.js';
import { newCustomerId, newUnsubscribeSecret } from '../customers.ids.js';
import { consultantKey } from '../customers.import-office.js';
import {
  type CellText,
  type ImportColumn,
  type ImportedCustomer,
  matchHeaderRow,
  parseImportRow,
  readXlsxCell,
} from '../customers.import-rules.js';
import { findProjectConsultants } from '../customers.people.js';
import * as queries from '../customers.queries.js';
import { categoryForKeyKind, maskedPhone, protectionEnd } from '../customers.rules.js';
import { assertSalesProject, phoneMaskStyle } from '../customers.service.js';
import type { CustomerImportRowsTable, CustomersTable, ImportMode } from '../customers.tables.js';
import {
  consultantNamesToMap,
  exactConsultants,
  resolveConsultantChoices,
  type StoredConsultantName,
  showConsultantNames,
} from './import-consultants.js';
import { findSourceChannels } from './source-channels.js';

/** A header is looked for in the first rows only (title rows above it may be merged cells). */
const headerSearchRows = 10;
/** More rows than any office list; a bigger sheet is refused rather than read into memory. */
export const importMaxRows = 200_000;
const stageBatch = 2000;
const commitBatch = 5000;

interface ParsedRow {
  rowNumber: number;
  data: ImportedCustomer;
  errors: Localized[];
}

/**
 * Parsed rows after the detected header of the first visible sheet that has one (a register keeps
 * its drop-down lists on hidden sheets; title rows above the header, merged or not, are passed over).
 */
async function* readRows(
  buffer: Buffer,
  now: Date,
): AsyncGenerator<
  { header: { columns: Map<number, ImportColumn>; ignored: string[] } } | { row: ParsedRow }
> {
  const workbook = await openXlsx(buffer, { maxRows: importMaxRows + headerSearchRows });
  for (const sheet of workbook.sheets) {
    if (sheet.state !== 'visible') continue;
    let header: { columns: Map<number, ImportColumn>; ignored: string[] } | null = null;
    let sheetDate: Date | null = null;
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
      const parsed = parseImportRow(cells, { now, sheetDate });
      if (parsed.datedAt) sheetDate = parsed.datedAt;
      yield { row: { rowNumber: row.rowNumber, data: parsed.data, errors: parsed.errors } };
    }
    if (header) return;
  }
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
  let header: { columns: Map<number, ImportColumn>; ignored: string[] } | null = null;
  const seenPhones = new Map<string, number>();
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
        else if (seenPhones.has(phone.e164)) duplicateOf = `row:${seenPhones.get(phone.e164)}`;
      }
      for (const phone of row.data.phones)
        if (!seenPhones.has(phone.e164)) seenPhones.set(phone.e164, row.rowNumber);
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
        header = item.header;
        continue;
      }
      totalRows += 1;
      if (totalRows > importMaxRows)
        throw new AppError(customerErrors.IMPORT_TOO_MANY_ROWS, { max: importMaxRows });
      if (sample.length < 20)
        sample.push({
          rowNumber: item.row.rowNumber,
          name: item.row.data.name,
          phones: item.row.data.phones.map((phone) => maskedPhone(phone.e164, maskStyle)),
          sourceName: item.row.data.sourceName,
          consultantName: item.row.data.consultantName,
        });
      pending.push(item.row);
      if (pending.length >= stageBatch) await flush(trx);
    }
    if (!header) throw new AppError(customerErrors.IMPORT_NO_HEADER, { rows: headerSearchRows });
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
      after: { fileName: options.fileName, totalRows, errorRows, duplicateRows },
    });
  });
  const finalHeader = header as { ignored: string[] } | null;
  return {
    id: importId,
    fileName: options.fileName,
    status: 'previewed',
    totalRows,
    validRows: totalRows - errorRows - duplicateRows,
    errorRows,
    duplicateRows,
    ignoredColumns: finalHeader?.ignored ?? [],
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

async function getImportRow(db: Tx, actor: Actor, importId: string) {
  const row = await queries.findImportRow(db, importId);
  if (!row)
    throw new AppError(commonErrors.NOT_FOUND, { entity: localized('导入任务', '匯入任務', 'Import') });
  await assertSalesProject(db, actor, row.projectId, ['manager', 'consultant']);
  if (
    row.staffId !== actor.staffId &&
    !actor.grants.some((grant) => grant.role === 'admin' || grant.role === 'manager')
  )
    throw new AppError(commonErrors.NOT_FOUND, { entity: localized('导入任务', '匯入任務', 'Import') });
  return row;
}

export async function getImport(db: Db, options: { actor: Actor; importId: string }) {
  const row = await getImportRow(db, options.actor, options.importId);
  const { isCancelRequested, consultantNamesJson: _names, consultantMapJson: _map, ...rest } = row;
  return { ...rest, isCancelRequested: isCancelRequested === 1 };
}

/** The per-row problems of an import (errors and duplicates), for the screen and the error report. */
export async function findImportProblems(
  db: Db,
  options: { actor: Actor; importId: string; afterRow: number; limit: number },
) {
  await getImportRow(db, options.actor, options.importId);
  const rows = await queries.findImportRows(db, options.importId, {
    afterRow: options.afterRow,
    limit: options.limit,
    onlyProblems: true,
  });
  return rows.map((row) => {
    const data = JSON.parse(row.dataJson) as ImportedCustomer;
    return {
      rowNumber: row.rowNumber,
      name: data.name,
      errors: JSON.parse(row.errorsJson) as Localized[],
      duplicateOf: row.duplicateOf,
    };
  });
}

/**
 * Starts the import. All-or-nothing (the default) refuses while any row has a problem; the user
 * may instead import the valid rows only. The rows themselves are written by runImport.
 */
export async function commitImport(
  db: Db,
  options: {
    actor: Actor;
    importId: string;
    mode: ImportMode;
    /** One choice per consultant name of the file that matched no one exactly. */
    consultants?: ImportConsultantChoice[];
    now: Date;
    schedule?: boolean;
  },
) {
  const { actor, importId, mode, now } = options;
  const row = await getImportRow(db, actor, importId);
  if (row.status !== 'previewed') throw new AppError(customerErrors.IMPORT_NOT_PENDING);
  const mapping = resolveConsultantChoices(
    JSON.parse(row.consultantNamesJson) as StoredConsultantName[],
    options.consultants ?? [],
    await findProjectConsultants(db, actor, row.projectId),
  );
  if (mode === 'all_or_nothing') {
    const problems = await queries.countImportProblems(db, importId);
    if (problems > 0) throw new AppError(customerErrors.IMPORT_HAS_ERRORS, { count: problems });
  }
  await db.transaction().execute(async (trx) => {
    const claimed = await queries.claimImport(trx, importId, {
      status: 'running',
      mode,
      consultantMapJson: JSON.stringify(mapping),
    });
    if (claimed === 0) throw new AppError(customerErrors.IMPORT_NOT_PENDING);
    if (options.schedule !== false)
      await scheduleJob(trx, {
        kind: importJobKind,
        runAt: now,
        payload: {
          importId,
          companyId: actor.companyId,
          staffId: actor.staffId,
          displayName: actor.displayName,
        } satisfies ImportJobPayload,
        dedupeKey: `customers:import:${importId}`,
        maxAttempts: 3,
        now,
      });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: row.projectId,
      entityType: 'customer_import',
      entityId: importId,
      action: 'start',
      after: { mode, consultants: mapping },
    });
  });
}

export async function cancelImport(db: Db, options: { actor: Actor; importId: string; now: Date }) {
  const { actor, importId, now } = options;
  const row = await getImportRow(db, actor, importId);
  if (row.status === 'previewed') {
    await db.transaction().execute(async (trx) => {
      await queries.updateImportRow(trx, importId, { status: 'cancelled', finishedAt: now.toISOString() });
      await queries.deleteImportRows(trx, importId);
      await writeAudit(trx, {
        actor,
        at: now,
        projectId: row.projectId,
        entityType: 'customer_import',
        entityId: importId,
        action: 'cancel',
      });
    });
    return;
  }
  if (row.status !== 'running') throw new AppError(customerErrors.IMPORT_NOT_PENDING);
  // The running import stops at its next batch and removes what it wrote.
  await queries.updateImportRow(db, importId, { isCancelRequested: 1 });
}

async function undoImport(
  db: Db,
  options: {
    actor: Actor;
    importId: string;
    projectId: string;
    status: 'cancelled' | 'failed';
    failure: string;
    now: Date;
  },
) {
  const { actor, importId, now } = options;
  await db.transaction().execute(async (trx) => {
    await queries.deleteCustomersOfImport(trx, importId);
    await queries.updateImportRow(trx, importId, {
      status: options.status,
      importedRows: 0,
      failure: options.failure,
      finishedAt: now.toISOString(),
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: options.projectId,
      entityType: 'customer_import',
      entityId: importId,
      action: options.status,
      after: { failure: options.failure },
    });
  });
}

/**
 * Writes a running import in batches (each its own transaction, so the office keeps working),
 * reporting progress. A cancel, a crash-restart or a number registered meanwhile (in
 * all-or-nothing mode) removes every customer the import wrote: nothing stays half-imported.
 */
export async function runImport(db: Db, options: { actor: Actor; importId: string; now: () => Date }) {
  const { actor, importId } = options;
  const job = await queries.findImportRow(db, importId);
  if (job?.status !== 'running') return;
  if (job.processedRows > 0)
    await db.transaction().execute((trx) => queries.deleteCustomersOfImport(trx, importId));
  const protectionDays = await getSetting(db, 'sales.customerProtectionDays', {
    companyId: actor.companyId,
    projectId: job.projectId,
  });
  const consultantList = await findProjectConsultants(db, actor, job.projectId);
  const consultants = exactConsultants(consultantList);
  const mapping = JSON.parse(job.consultantMapJson) as Record<string, string | null>;
  const active = new Set(consultantList.map((person) => person.id));
  const importerIsConsultant = active.has(job.staffId);
  // An exact name, else the importer's choice for the name (a colleague who left since is nobody).
  const ownerFor = (consultantName: string): string | null => {
    if (!consultantName.trim()) return importerIsConsultant ? job.staffId : null;
    const key = consultantKey(consultantName);
    const chosen = consultants.get(key) ?? mapping[key] ?? null;
    return chosen && active.has(chosen) ? chosen : null;
  };
  const channels = new Map(
    (
      await findSourceChannels(db, {
        actor,
        projectId: job.projectId,
        includeArchived: true,
        now: options.now(),
      })
    ).map((channel) => [channel.name, channel.id]),
  );
  let afterRow = 0;
  let processed = 0;
  let imported = 0;
  for (;;) {
    const current = await queries.findImportRow(db, importId);
    if (current?.isCancelRequested) {
      await undoImport(db, {
        actor,
        importId,
        projectId: job.projectId,
        status: 'cancelled',
        failure: '',
        now: options.now(),
      });
      return;
    }
    const batch = await queries.findImportRows(db, importId, { afterRow, limit: commitBatch });
    if (batch.length === 0) break;
    afterRow = batch[batch.length - 1].rowNumber;
    const now = options.now();
    const at = now.toISOString();
    const outcome = await db.transaction().execute(async (trx) => {
      const valid = batch
        .filter((row) => row.errorsJson === '[]' && !row.duplicateOf)
        .map((row) => ({ row, data: JSON.parse(row.dataJson) as ImportedCustomer }));
      const taken = await queries.findTakenPhones(
        trx,
        job.projectId,
        valid.flatMap((item) => item.data.phones.map((phone) => phone.e164)),
      );
      const customers: CustomersTable[] = [];
      const phones: queries.PhoneRow[] = [];
      for (const { data } of valid) {
        if (data.phones.some((phone) => taken.has(phone.e164))) {
          if (job.mode === 'all_or_nothing') return 'conflict' as const;
          continue;
        }
        let sourceChannelId: string | null = null;
        if (data.sourceName) {
          sourceChannelId = channels.get(data.sourceName) ?? null;
          if (!sourceChannelId) {
            sourceChannelId = newId();
            await queries.insertSourceChannel(trx, {
              id: sourceChannelId,
              projectId: job.projectId,
              name: data.sourceName,
              sortOrder: channels.size,
              isArchived: 0,
              createdAt: at,
            });
            channels.set(data.sourceName, sourceChannelId);
          }
        }
        const ownerStaffId = ownerFor(data.consultantName);
        const since = data.registeredAt ?? at;
        const pinyin = namePinyin(data.name);
        const id = newCustomerId();
        customers.push({
          id,
          companyId: actor.companyId,
          projectId: job.projectId,
          name: data.name,
          namePinyin: pinyin.full,
          nameInitials: pinyin.initials,
          gender: data.gender,
          category: categoryForKeyKind(data.keyKind),
          keyKind: data.keyKind,
          sourceChannelId,
          intentLayout: data.intentLayout,
          intentAreaMin: data.intentAreaMin,
          intentAreaMax: data.intentAreaMax,
          intentBudgetFen: data.intentBudgetFen,
          intentPurpose: data.intentPurpose,
          notes: data.notes,
          ownerStaffId,
          ownedSince: ownerStaffId ? since : null,
          protectedUntil: ownerStaffId ? protectionEnd(new Date(since), protectionDays) : null,
          hasContactConsent: data.phones.length ? 1 : 0,
          contactConsentAt: data.phones.length ? since : null,
          contactConsentVia: data.phones.length ? 'import' : null,
          hasMarketingConsent: data.hasMarketingConsent ? 1 : 0,
          marketingConsentAt: data.hasMarketingConsent ? since : null,
          marketingConsentVia: data.hasMarketingConsent ? 'import' : null,
          isPhoneRefused: data.isPhoneRefused && data.phones.length === 0 ? 1 : 0,
          firstContact: 'import',
          locale: 'zh-CN',
          movedInAt: null,
          unsubscribeToken: newUnsubscribeSecret(),
          importId,
          isErased: 0,
          erasedAt: null,
          createdBy: actor.staffId,
          createdAt: at,
          updatedAt: at,
        });
        for (const [index, phone] of data.phones.entries()) {
          taken.set(phone.e164, id);
          phones.push({
            id: newCustomerId(),
            customerId: id,
            projectId: job.projectId,
            phoneE164: phone.e164,
            phoneTail4: phone.tail4,
            kind: phone.kind,
            sortOrder: index,
            createdAt: at,
          });
        }
      }
      // Column counts keep each statement below SQLite's bound-parameter limit.
      for (let index = 0; index < customers.length; index += 400)
        await queries.insertCustomers(trx, customers.slice(index, index + 400));
      for (let index = 0; index < phones.length; index += 2000)
        await queries.insertPhones(trx, phones.slice(index, index + 2000));
      imported += customers.length;
      processed += batch.length;
      await queries.updateImportRow(trx, importId, { processedRows: processed, importedRows: imported });
      await writeAudit(trx, {
        actor,
        at: now,
        projectId: job.projectId,
        entityType: 'customer_import',
        entityId: importId,
        action: 'import_batch',
        after: { rows: `${batch[0].rowNumber}-${afterRow}`, imported: customers.length },
      });
      return 'ok' as const;
    });
    if (outcome === 'conflict') {
      await undoImport(db, {
        actor,
        importId,
        projectId: job.projectId,
        status: 'failed',
        failure: 'duplicate_since_preview',
        now: options.now(),
      });
      return;
    }
  }
  await db.transaction().execute(async (trx) => {
    await queries.updateImportRow(trx, importId, { status: 'done', finishedAt: options.now().toISOString() });
    await writeAudit(trx, {
      actor,
      at: options.now(),
      projectId: job.projectId,
      entityType: 'customer_import',
      entityId: importId,
      action: 'done',
      after: { imported },
    });
  });
}

export async function findImports(
  db: Db,
  options: { actor: Actor; projectId: string; offset: number; limit: number },
) {
  await assertSalesProject(db, options.actor, options.projectId, ['manager', 'consultant']);
  return queries.findImports(db, options.projectId, options);
}

export const importJobKind = 'customers.import';

interface ImportJobPayload {
  importId: string;
  companyId: string;
  staffId: string;
  displayName: string;
}

// The import runs as a durable job: a restart resumes it from scratch after undoing the partial write.
registerJobHandler<ImportJobPayload>(
  importJobKind,
  async (ctx) => {
    const { importId, companyId, staffId, displayName } = ctx.payload;
    const actor: Actor = { ...systemActor(companyId), staffId, displayName };
    const started = ctx.now.getTime();
    const wallStart = Date.now();
    await runImport(ctx.db, { actor, importId, now: () => new Date(started + (Date.now() - wallStart)) });
    await ctx.complete(async () => undefined);
  },
  { maxAttempts: 3 },
);

import type { ImportConsultantChoice } from '../../../../contracts/customers.js';
import type { Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { systemActor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { registerJobHandler, scheduleJob } from '../../../platform/jobs/index.js';
import { namePinyin } from '../../../platform/text/pinyin.js';
import { writeAudit } from '../../audit/index.js';
import { getSetting } from '../../settings/index.js';
import { customerErrors } from '../customers.errors.js';
import { newCustomerId, newUnsubscribeSecret } from '../customers.ids.js';
import { consultantKey } from '../customers.import-office.js';
import type { ImportedCustomer } from '../customers.import-rules.js';
import { findProjectConsultants } from '../customers.people.js';
import * as queries from '../customers.queries.js';
import { categoryForKeyKind, protectionEnd } from '../customers.rules.js';
import { companyOfProject, customerVisibility } from '../customers.scope.js';
import { assertSalesProject } from '../customers.service.js';
import type { CustomersTable, ImportMode } from '../customers.tables.js';
import {
  exactConsultants,
  resolveConsultantChoices,
  type StoredConsultantName,
} from './import-consultants.js';
import { findSourceChannels } from './source-channels.js';

export {
  type ImportPreview,
  type ImportPreviewResult,
  importMaxRows,
  previewImport,
} from './preview-import.js';

const commitBatch = 5000;

const importEntity = localized('导入任务', '匯入任務', 'Import');

/**
 * An import holds the rows of customers its importer uploaded for their project: it is the
 * importer's (owner scope, owner = importer), and the project's managers, controllers, finance
 * and DPO see it too. Nobody else knows it exists.
 */
async function getImportRow(db: Tx, actor: Actor, importId: string) {
  const row = await queries.findImportRow(db, importId);
  if (!row) throw new AppError(commonErrors.NOT_FOUND, { entity: importEntity });
  customerVisibility(actor).assertSees(
    {
      companyId: await companyOfProject(db, actor, row.projectId),
      projectId: row.projectId,
      ownerId: row.staffId,
    },
    importEntity,
  );
  await assertSalesProject(db, actor, row.projectId, ['manager', 'consultant']);
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
    afterPosition: options.afterRow,
    limit: options.limit,
    onlyProblems: true,
  });
  return rows.map((row) => {
    const data = JSON.parse(row.dataJson) as ImportedCustomer;
    // `row:N:sheet` since sheets are kept, `row:N` before.
    const earlier = /^row:(\d+)(?::(.*))?$/s.exec(row.duplicateOf ?? '');
    return {
      position: row.position,
      sheetName: row.sheetName,
      rowNumber: row.rowNumber,
      name: data.name,
      errors: JSON.parse(row.errorsJson) as Localized[],
      duplicateOf: row.duplicateOf === 'database' ? ('database' as const) : earlier ? ('row' as const) : null,
      duplicateSheet: earlier ? (earlier[2] ?? '') : null,
      duplicateRow: earlier ? Number(earlier[1]) : null,
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
export async function runImport(
  db: Db,
  options: {
    actor: Actor;
    importId: string;
    now: () => Date;
    batchSize?: number;
    /** Called after each committed batch (tests cancel an import part-way here). */
    afterBatch?: (processed: number) => Promise<void> | void;
  },
) {
  const batchSize = options.batchSize ?? commitBatch;
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
  let afterPosition = 0;
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
    const batch = await queries.findImportRows(db, importId, { afterPosition, limit: batchSize });
    if (batch.length === 0) break;
    afterPosition = batch[batch.length - 1].position;
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
        after: { rows: `${batch[0].position}-${afterPosition}`, imported: customers.length },
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
    await options.afterBatch?.(processed);
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
  const visibility = customerVisibility(options.actor);
  visibility.assertProject(options.projectId, importEntity);
  await assertSalesProject(db, options.actor, options.projectId, ['manager', 'consultant']);
  const visible = visibility.condition({
    projectId: 'customerImports.projectId',
    ownerId: 'customerImports.staffId',
  });
  return queries.findImports(db, { projectId: options.projectId, visible }, options);
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

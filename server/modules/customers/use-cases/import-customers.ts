import type { ImportConsultantChoice } from '../../../../contracts/customers.js';
import type { Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { scheduleJob } from '../../../platform/jobs/index.js';
import { writeAudit } from '../../audit/index.js';
import { customerErrors } from '../customers.errors.js';
import type { ImportedCustomer } from '../customers.import-rules.js';
import { findProjectConsultants } from '../customers.people.js';
import * as queries from '../customers.queries.js';
import { companyOfProject, customerVisibility } from '../customers.scope.js';
import { assertSalesProject } from '../customers.service.js';
import type { ImportMode } from '../customers.tables.js';
import { resolveConsultantChoices, type StoredConsultantName } from './import-consultants.js';

import { type ImportJobPayload, importJobKind } from './run-import.js';

export {
  type ImportPreview,
  type ImportPreviewResult,
  importMaxRows,
  previewImport,
} from './preview-import.js';
export { importJobKind, runImport } from './run-import.js';

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

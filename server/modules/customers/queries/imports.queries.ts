import type { Tx } from '../../../platform/db/database.js';
import { pagedQuery } from '../../../platform/db/paged.js';
import type { CustomerImportRowsTable, CustomerImportsTable } from '../customers.tables.js';
import type { Visible } from './customers.queries.js';

// --- imports ---

export async function insertImport(db: Tx, row: CustomerImportsTable): Promise<void> {
  await db.insertInto('customerImports').values(row).execute();
}

export async function findImportRow(db: Tx, id: string) {
  return db.selectFrom('customerImports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateImportRow(
  db: Tx,
  id: string,
  changes: Partial<CustomerImportsTable>,
): Promise<void> {
  await db.updateTable('customerImports').set(changes).where('id', '=', id).execute();
}

/** Starts an import only from preview; 0 rows means it already ran or was cancelled. */
export async function claimImport(
  db: Tx,
  id: string,
  changes: Partial<CustomerImportsTable>,
): Promise<number> {
  const result = await db
    .updateTable('customerImports')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'previewed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertImportRows(db: Tx, rows: CustomerImportRowsTable[]): Promise<void> {
  // 8 columns a row: 2,000 rows stay below the bound-parameter limits of both databases.
  for (let index = 0; index < rows.length; index += 2000)
    await db
      .insertInto('customerImportRows')
      .values(rows.slice(index, index + 2000))
      .execute();
}

export async function findImportRows(
  db: Tx,
  importId: string,
  options: { afterPosition: number; limit: number; onlyProblems?: boolean },
) {
  let query = db
    .selectFrom('customerImportRows')
    .selectAll()
    .where('importId', '=', importId)
    .where('position', '>', options.afterPosition);
  if (options.onlyProblems)
    query = query.where((eb) => eb.or([eb('errorsJson', '!=', '[]'), eb('duplicateOf', 'is not', null)]));
  return query.orderBy('position').limit(options.limit).execute();
}

export async function countImportProblems(db: Tx, importId: string) {
  const row = await db
    .selectFrom('customerImportRows')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('importId', '=', importId)
    .where((eb) => eb.or([eb('errorsJson', '!=', '[]'), eb('duplicateOf', 'is not', null)]))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function deleteImportRows(db: Tx, importId: string): Promise<void> {
  await db.deleteFrom('customerImportRows').where('importId', '=', importId).execute();
}

/** Undo of a cancelled or failed import: everything it inserted goes, in one transaction. */
export async function deleteCustomersOfImport(db: Tx, importId: string): Promise<void> {
  const ids = db.selectFrom('customers').select('id').where('importId', '=', importId);
  await db.deleteFrom('customerEvents').where('customerId', 'in', ids).execute();
  await db.deleteFrom('customerPhones').where('customerId', 'in', ids).execute();
  await db.deleteFrom('customers').where('importId', '=', importId).execute();
}

export async function findImports(
  db: Tx,
  filter: { projectId: string; visible: Visible },
  page: { offset: number; limit: number },
) {
  const base = db
    .selectFrom('customerImports')
    .where('customerImports.projectId', '=', filter.projectId)
    .where(filter.visible);
  return pagedQuery(
    base,
    (filtered) => filtered.selectAll().orderBy('createdAt', 'desc').orderBy('id'),
    page,
  );
}

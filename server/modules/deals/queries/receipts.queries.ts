import type { Expression, SqlBool } from 'kysely';
import type { Visibility } from '../../../platform/auth/scope.js';
import type { Tx } from '../../../platform/db/database.js';
import { pagedQueryOverTerms } from '../../../platform/db/paged.js';
import { changed, containsText } from './query-helpers.js';
import type { ReceiptRow } from './rows.js';

/** Receipts (收据): numbers claimed per project, printed, voided. */

/** Claims the project's next receipt number inside the caller's transaction (the row lock serialises it). */
export async function claimReceiptNumber(db: Tx, projectId: string): Promise<number> {
  await db
    .insertInto('dealReceiptCounters')
    .values({ projectId, lastNumber: 0 })
    .onConflict((conflict) => conflict.column('projectId').doNothing())
    .execute();
  const row = await db
    .updateTable('dealReceiptCounters')
    .set((eb) => ({ lastNumber: eb('lastNumber', '+', 1) }))
    .where('projectId', '=', projectId)
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return Number(row.lastNumber);
}
export async function insertReceipt(db: Tx, row: ReceiptRow) {
  await db.insertInto('dealReceipts').values(row).execute();
}
export async function findReceipt(db: Tx, id: string) {
  return db.selectFrom('dealReceipts').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function updateReceiptIf(
  db: Tx,
  id: string,
  fromStatus: ReceiptRow['status'],
  change: Partial<ReceiptRow>,
) {
  return changed(
    await db
      .updateTable('dealReceipts')
      .set(change)
      .where('id', '=', id)
      .where('status', '=', fromStatus)
      .executeTakeFirst(),
  );
}
export async function countReceiptPrint(db: Tx, id: string) {
  const row = await db
    .updateTable('dealReceipts')
    .set((eb) => ({ printCount: eb('printCount', '+', 1) }))
    .where('id', '=', id)
    .returning('printCount')
    .executeTakeFirstOrThrow();
  return Number(row.printCount);
}

export interface ReceiptFilter {
  projectId?: string;
  status?: ReceiptRow['status'];
  purpose?: ReceiptRow['purpose'];
  transactionFileId?: string;
  search?: string;
}

/** A receipt with the consultant of its deal (of its deposit, or of its transaction file). */
export async function findReceiptInDeal(db: Tx, id: string) {
  return db
    .selectFrom('dealReceipts as receipt')
    .leftJoin('dealDeposits as deposit', 'deposit.id', 'receipt.depositId')
    .leftJoin('dealTransactionFiles as file', 'file.id', 'receipt.transactionFileId')
    .selectAll('receipt')
    .select(['deposit.consultantId as depositConsultantId', 'file.consultantId as fileConsultantId'])
    .where('receipt.id', '=', id)
    .executeTakeFirst();
}

/** Receipts the caller takes part in (collector, witness, the deal's consultant) or sees project-wide. */
export async function findReceiptPage(
  db: Tx,
  scope: Visibility,
  filter: ReceiptFilter,
  page: { offset: number; limit: number; sort: 'number' | 'issuedAt' | 'amountFen'; order: 'asc' | 'desc' },
) {
  const terms = scope.conditionTerms(
    {
      companyId: 'receipt.companyId',
      projectId: 'receipt.projectId',
      participantIds: [
        'receipt.collectedBy',
        'receipt.witnessId',
        'deposit.consultantId',
        'file.consultantId',
      ],
    },
    filter.projectId,
  );
  const visibleReceipts = (visible: Expression<SqlBool>) => {
    let query = db
      .selectFrom('dealReceipts as receipt')
      .leftJoin('dealDeposits as deposit', 'deposit.id', 'receipt.depositId')
      .leftJoin('dealTransactionFiles as file', 'file.id', 'receipt.transactionFileId')
      .where(visible);
    if (filter.projectId) query = query.where('receipt.projectId', '=', filter.projectId);
    if (filter.status) query = query.where('receipt.status', '=', filter.status);
    if (filter.purpose) query = query.where('receipt.purpose', '=', filter.purpose);
    if (filter.transactionFileId)
      query = query.where('receipt.transactionFileId', '=', filter.transactionFileId);
    if (filter.search) {
      const contains = containsText(filter.search);
      query = query.where((eb) =>
        eb.or([eb('receipt.payerName', 'like', contains), eb('receipt.unitNumber', 'like', contains)]),
      );
    }
    return query;
  };
  return pagedQueryOverTerms(
    db,
    terms,
    visibleReceipts,
    (filtered) =>
      filtered.selectAll('receipt').orderBy(`receipt.${page.sort}`, page.order).orderBy('receipt.id'),
    [
      [page.sort, page.order],
      ['id', 'asc'],
    ],
    page,
  );
}

export async function findReceiptsOf(db: Tx, where: { depositId?: string; transactionFileId?: string }) {
  let query = db.selectFrom('dealReceipts').selectAll();
  if (where.depositId) query = query.where('depositId', '=', where.depositId);
  if (where.transactionFileId) query = query.where('transactionFileId', '=', where.transactionFileId);
  return query.orderBy('number').execute();
}

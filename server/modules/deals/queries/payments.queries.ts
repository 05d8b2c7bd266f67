import type { Tx } from '../../../platform/db/database.js';
import { changed } from './query-helpers.js';
import type { PaymentItemRow, PaymentRow, StatementRow } from './rows.js';

/** Payment items, payments and third-party statements of a transaction file. */

export async function insertPaymentItems(db: Tx, rows: PaymentItemRow[]) {
  if (rows.length) await db.insertInto('dealPaymentItems').values(rows).execute();
}
export async function findPaymentItems(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealPaymentItems')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('sortOrder')
    .execute();
}
export async function findPaymentItem(db: Tx, id: string) {
  return db.selectFrom('dealPaymentItems').selectAll().where('id', '=', id).executeTakeFirst();
}
/** Adds a payment to an item only while it stays within the amount due (the condition is the guard). */
export async function addPaidIf(db: Tx, id: string, amountFen: number) {
  return changed(
    await db
      .updateTable('dealPaymentItems')
      .set((eb) => ({ paidFen: eb('paidFen', '+', amountFen) }))
      .where('id', '=', id)
      .where((eb) => eb(eb('paidFen', '+', amountFen), '<=', eb.ref('amountFen')))
      .executeTakeFirst(),
  );
}
export async function updatePaymentItem(db: Tx, id: string, change: Partial<PaymentItemRow>) {
  await db.updateTable('dealPaymentItems').set(change).where('id', '=', id).execute();
}
export async function insertPayment(db: Tx, row: PaymentRow) {
  await db.insertInto('dealPayments').values(row).execute();
}
export async function findPayments(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealPayments')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('paidAt')
    .execute();
}
export async function insertStatement(db: Tx, row: StatementRow) {
  await db.insertInto('dealThirdPartyStatements').values(row).execute();
}
export async function findStatement(db: Tx, id: string) {
  return db.selectFrom('dealThirdPartyStatements').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function findStatements(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealThirdPartyStatements')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('createdAt')
    .execute();
}
export async function updateStatement(db: Tx, id: string, change: Partial<StatementRow>) {
  await db.updateTable('dealThirdPartyStatements').set(change).where('id', '=', id).execute();
}

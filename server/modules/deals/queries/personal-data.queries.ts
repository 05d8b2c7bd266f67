import type { Tx } from '../../../platform/db/database.js';
import type { AgreementRow, DepositRow, ReminderRow } from './rows.js';

/** Personal data of one customer (PRIV: export and erasure). */

export async function findDealRecordsOfCustomer(db: Tx, customerId: string) {
  const [plans, deposits, receipts, agreements, files] = await Promise.all([
    db
      .selectFrom('dealPlans')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('dealDeposits')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('dealReceipts')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('dealAgreements')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('dealTransactionFiles')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('openedAt')
      .execute(),
  ]);
  return { plans, deposits, receipts, agreements, files };
}
export async function findBuyersOfAgreements(db: Tx, agreementIds: string[]) {
  if (agreementIds.length === 0) return [];
  return db
    .selectFrom('dealAgreementBuyers')
    .selectAll()
    .where('agreementId', 'in', agreementIds)
    .orderBy('agreementId')
    .orderBy('sortOrder')
    .execute();
}
export async function updateDeposit(db: Tx, id: string, change: Partial<DepositRow>) {
  await db.updateTable('dealDeposits').set(change).where('id', '=', id).execute();
}
export async function updateAgreement(db: Tx, id: string, change: Partial<AgreementRow>) {
  await db.updateTable('dealAgreements').set(change).where('id', '=', id).execute();
}
export async function updateReminder(db: Tx, id: string, change: Partial<ReminderRow>) {
  await db.updateTable('dealReminders').set(change).where('id', '=', id).execute();
}
export async function deleteFiles(db: Tx, ids: string[]) {
  if (ids.length) await db.deleteFrom('dealFiles').where('id', 'in', ids).execute();
}

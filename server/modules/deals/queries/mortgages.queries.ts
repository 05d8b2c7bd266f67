import type { Tx } from '../../../platform/db/database.js';
import { changed } from './query-helpers.js';
import type { MortgageRow } from './rows.js';

/** Mortgage appointments. */

export async function insertMortgage(db: Tx, row: MortgageRow) {
  await db.insertInto('dealMortgageAppointments').values(row).execute();
}
export async function findMortgage(db: Tx, id: string) {
  return db.selectFrom('dealMortgageAppointments').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function findMortgagesOfFile(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealMortgageAppointments')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('appointmentAt')
    .execute();
}
export async function updateMortgageIf(
  db: Tx,
  id: string,
  from: MortgageRow['status'],
  change: Partial<MortgageRow>,
) {
  return changed(
    await db
      .updateTable('dealMortgageAppointments')
      .set(change)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst(),
  );
}

import type { Tx } from '../../../platform/db/database.js';
import { changed } from './query-helpers.js';
import type { MoveInRow } from './rows.js';

/** Move-ins. */

export async function insertMoveIn(db: Tx, row: MoveInRow) {
  await db.insertInto('dealMoveIns').values(row).execute();
}
export async function findMoveIn(db: Tx, id: string) {
  return db.selectFrom('dealMoveIns').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function findMoveInsOfFile(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealMoveIns')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('appointmentAt')
    .execute();
}
export async function updateMoveInIf(
  db: Tx,
  id: string,
  from: MoveInRow['status'],
  change: Partial<MoveInRow>,
) {
  return changed(
    await db
      .updateTable('dealMoveIns')
      .set(change)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst(),
  );
}

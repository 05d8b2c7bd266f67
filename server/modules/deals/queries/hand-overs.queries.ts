import type { Tx } from '../../../platform/db/database.js';
import type { HandOverRow, TransactionFileRow } from './rows.js';

/** SA-19 hand-overs of a deal from one consultant to another. */

export async function insertHandOver(db: Tx, row: HandOverRow) {
  await db.insertInto('dealHandOvers').values(row).execute();
}

export function findHandOversOfFile(db: Tx, fileId: string) {
  return db
    .selectFrom('dealHandOvers')
    .selectAll()
    .where('transactionFileId', '=', fileId)
    .orderBy('handedOverAt')
    .orderBy('id')
    .execute();
}

/**
 * The file moves to the new consultant only if it is still the old one's and still being worked
 * (open or contracted): two managers handing it at once, the second loses. True when it moved.
 */
export async function moveFileToConsultant(
  db: Tx,
  change: { fileId: string; fromConsultantId: string; toConsultantId: string; updatedAt: string },
): Promise<boolean> {
  const statuses: TransactionFileRow['status'][] = ['open', 'contracted'];
  const result = await db
    .updateTable('dealTransactionFiles')
    .set({ consultantId: change.toConsultantId, updatedAt: change.updatedAt })
    .where('id', '=', change.fileId)
    .where('consultantId', '=', change.fromConsultantId)
    .where('status', 'in', statuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

import type { Tx } from '../../../platform/db/database.js';
import { changed } from './query-helpers.js';
import type { ContractRow } from './rows.js';

/** Contracts (签约) of a transaction file. */

export async function insertContract(db: Tx, row: ContractRow) {
  await db.insertInto('dealContracts').values(row).execute();
}
export async function findContractOfFile(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealContracts')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .executeTakeFirst();
}
export async function updateContractIf(
  db: Tx,
  id: string,
  from: ContractRow['status'],
  change: Partial<ContractRow>,
) {
  return changed(
    await db
      .updateTable('dealContracts')
      .set(change)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst(),
  );
}

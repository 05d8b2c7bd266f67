import type { Tx } from '../../platform/db/database.js';
import type { SellingPointsTable } from './reception.tables.js';

export async function findSellingPoints(db: Tx, projectId: string) {
  return db
    .selectFrom('sellingPoints')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('sortOrder')
    .execute();
}

export async function deleteSellingPoints(trx: Tx, projectId: string) {
  await trx.deleteFrom('sellingPoints').where('projectId', '=', projectId).execute();
}

export async function insertSellingPoints(trx: Tx, rows: SellingPointsTable[]) {
  if (rows.length > 0) await trx.insertInto('sellingPoints').values(rows).execute();
}

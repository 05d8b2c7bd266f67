import type { Tx } from '../../../platform/db/database.js';
import type { T } from './query-helpers.js';

/** Idempotency keys and their stored answers. */

export async function findIdempotent(db: Tx, scope: string, key: string) {
  return db
    .selectFrom('dealIdempotency')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}
export async function insertIdempotent(db: Tx, row: T['dealIdempotency']) {
  await db.insertInto('dealIdempotency').values(row).execute();
}
export async function storeIdempotentAnswer(
  db: Tx,
  scope: string,
  key: string,
  statusCode: number,
  responseJson: string,
) {
  await db
    .updateTable('dealIdempotency')
    .set({ statusCode, responseJson })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}

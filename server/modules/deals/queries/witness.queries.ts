import type { Tx } from '../../../platform/db/database.js';
import type { T } from './query-helpers.js';

/** Witness attempts, counted to lock out repeated failures. */

export async function insertWitnessAttempt(db: Tx, row: T['dealWitnessAttempts']) {
  await db.insertInto('dealWitnessAttempts').values(row).execute();
}
export async function countWitnessFailures(db: Tx, username: string, since: string) {
  const lastSuccess = await db
    .selectFrom('dealWitnessAttempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('username', '=', username)
    .where('isSuccess', '=', 1)
    .executeTakeFirst();
  const from = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
  const row = await db
    .selectFrom('dealWitnessAttempts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('username', '=', username)
    .where('isSuccess', '=', 0)
    .where('at', '>', from)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

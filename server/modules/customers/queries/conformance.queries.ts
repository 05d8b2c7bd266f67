import type { Tx } from '../../../platform/db/database.js';

// Conformance reads follow-ups in pages by id (the backfill) or by change time (incremental scoring).

export async function findFollowUpsChanged(
  db: Tx,
  query: { since: string | null; afterId: string | null; limit: number },
) {
  let select = db.selectFrom('followUps').selectAll();
  if (query.since) select = select.where('updatedAt', '>=', query.since);
  if (query.afterId) select = select.where('id', '>', query.afterId);
  return select.orderBy('id').limit(query.limit).execute();
}

export async function findFollowUpsByIds(db: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('followUps').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

/** SA-3: the key-customer mark of the customers a page of visits received. */
export async function findKeyMarksOfCustomers(db: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('customers').select(['id', 'keyKind', 'isErased']).where('id', 'in', ids).execute();
}

import type { Tx } from '../../platform/db/database.js';

// Conformance reads calls and visits in pages by id (the backfill) or by change time (the
// incremental scoring), and everything a page's subjects need in one query per table.

export async function findCallsChanged(
  db: Tx,
  query: { since: string | null; afterId: string | null; limit: number },
) {
  let select = db.selectFrom('salesCalls').selectAll();
  if (query.since) select = select.where('updatedAt', '>=', query.since);
  if (query.afterId) select = select.where('id', '>', query.afterId);
  return select.orderBy('id').limit(query.limit).execute();
}

export async function findCallsByIds(db: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('salesCalls').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

export async function findVisitsChanged(
  db: Tx,
  query: { since: string | null; afterId: string | null; limit: number },
) {
  let select = db.selectFrom('visits').selectAll();
  if (query.since) select = select.where('updatedAt', '>=', query.since);
  if (query.afterId) select = select.where('id', '>', query.afterId);
  return select.orderBy('id').limit(query.limit).execute();
}

export async function findVisitsByIds(db: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('visits').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

export async function findStepsOfVisits(db: Tx, visitIds: string[]) {
  if (visitIds.length === 0) return [];
  return db
    .selectFrom('visitSteps')
    .select(['visitId', 'step', 'startedAt', 'completedAt', 'isSkipped', 'note'])
    .where('visitId', 'in', visitIds)
    .orderBy('startedAt')
    .execute();
}

export async function findTurnsOfVisits(db: Tx, visitIds: string[]) {
  if (visitIds.length === 0) return [];
  return db
    .selectFrom('answeringTurns')
    .select(['refId', 'staffId', 'isInTurn', 'skippedStaffId', 'skipReason', 'skipNote', 'at'])
    .where('kind', '=', 'visit')
    .where('refId', 'in', visitIds)
    .execute();
}

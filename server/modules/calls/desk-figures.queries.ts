import type { Db } from '../../platform/db/database.js';

/** Messages (CS-3) taken on each desk in [fromIso, toIso): one grouped read for the daily report. */
export async function countMessagesByDesk(db: Db, deskIds: string[], fromIso: string, toIso: string) {
  if (deskIds.length === 0) return [];
  return db
    .selectFrom('callMessages')
    .select(['deskId', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('deskId', 'in', deskIds)
    .where('createdAt', '>=', fromIso)
    .where('createdAt', '<', toIso)
    .groupBy('deskId')
    .execute();
}

/** Incidents (SEC-5) reported on each desk in [fromIso, toIso). */
export async function countIncidentsByDesk(db: Db, deskIds: string[], fromIso: string, toIso: string) {
  if (deskIds.length === 0) return [];
  return db
    .selectFrom('incidents')
    .select(['deskId', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('deskId', 'in', deskIds)
    .where('reportedAt', '>=', fromIso)
    .where('reportedAt', '<', toIso)
    .groupBy('deskId')
    .execute();
}

import type { Tx } from '../../platform/db/database.js';
import type { DashboardTargetsTable } from './dashboard.tables.js';

/** The targets of the projects for the months asked. */
export async function findTargets(db: Tx, projectIds: string[], months: string[]) {
  if (projectIds.length === 0 || months.length === 0) return [];
  return db
    .selectFrom('dashboardTargets')
    .selectAll()
    .where('projectId', 'in', projectIds)
    .where('month', 'in', months)
    .orderBy('month')
    .execute();
}

/** A project's targets of a year ('YYYY'), by month. */
export async function findTargetsOfYear(db: Tx, projectId: string, year: string) {
  return db
    .selectFrom('dashboardTargets')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', `${year}-12`)
    .orderBy('month')
    .execute();
}

export async function findTarget(db: Tx, projectId: string, month: string) {
  return db
    .selectFrom('dashboardTargets')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('month', '=', month)
    .executeTakeFirst();
}

export async function insertTarget(db: Tx, row: DashboardTargetsTable) {
  await db.insertInto('dashboardTargets').values(row).execute();
}

export async function updateTarget(
  db: Tx,
  id: string,
  change: Pick<DashboardTargetsTable, 'units' | 'amountFen' | 'updatedBy' | 'updatedAt'>,
) {
  await db.updateTable('dashboardTargets').set(change).where('id', '=', id).execute();
}

import type { Expression, SqlBool } from 'kysely';
import type { Visibility } from '../../../platform/auth/scope.js';
import type { Tx } from '../../../platform/db/database.js';
import { pagedQueryOverTerms } from '../../../platform/db/paged.js';
import { changed, containsText, type T } from './query-helpers.js';
import type { PlanRow } from './rows.js';

/** Plans (购房方案) and their versions. */

export async function insertPlan(db: Tx, row: PlanRow) {
  await db.insertInto('dealPlans').values(row).execute();
}
export async function updatePlan(db: Tx, id: string, change: Partial<PlanRow>, expectedVersion?: number) {
  let query = db.updateTable('dealPlans').set(change).where('id', '=', id);
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
  return changed(await query.executeTakeFirst());
}
export async function findPlan(db: Tx, id: string) {
  return db.selectFrom('dealPlans').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function insertPlanVersion(db: Tx, row: T['dealPlanVersions']) {
  await db.insertInto('dealPlanVersions').values(row).execute();
}
export async function findPlanVersions(db: Tx, planId: string) {
  return db
    .selectFrom('dealPlanVersions')
    .selectAll()
    .where('planId', '=', planId)
    .orderBy('version', 'desc')
    .execute();
}

export interface PlanFilter {
  projectId?: string;
  customerId?: string;
  unitId?: string;
  status?: PlanRow['status'];
  search?: string;
}

/** Lists take the caller's deal scope and filter by it in SQL (the deal's participants or the whole project). */
export async function findPlanPage(
  db: Tx,
  scope: Visibility,
  filter: PlanFilter,
  page: {
    offset: number;
    limit: number;
    sort: 'updatedAt' | 'finalTotalFen' | 'unitNumber';
    order: 'asc' | 'desc';
  },
) {
  const terms = scope.conditionTerms(
    {
      companyId: 'dealPlans.companyId',
      projectId: 'dealPlans.projectId',
      participantIds: ['dealPlans.consultantId', 'dealPlans.approvedBy'],
    },
    filter.projectId,
  );
  const visiblePlans = (visible: Expression<SqlBool>) => {
    let query = db.selectFrom('dealPlans').where(visible);
    if (filter.projectId) query = query.where('projectId', '=', filter.projectId);
    if (filter.customerId) query = query.where('customerId', '=', filter.customerId);
    if (filter.unitId) query = query.where('unitId', '=', filter.unitId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.search) {
      const contains = containsText(filter.search);
      query = query.where((eb) =>
        eb.or([eb('unitNumber', 'like', contains), eb('customerName', 'like', contains)]),
      );
    }
    return query;
  };
  return pagedQueryOverTerms(
    db,
    terms,
    visiblePlans,
    (filtered) => filtered.selectAll().orderBy(page.sort, page.order).orderBy('id'),
    [
      [page.sort, page.order],
      ['id', 'asc'],
    ],
    page,
  );
}

import type { Db } from '../../platform/db/database.js';

// An empty `in ()` is not SQL; no id is ever ''.
const none = [''];

/** Holds (锁定) that expire within [now, until), soonest first, for the dashboard (案场看板). */
export async function findHoldsExpiringSoon(
  db: Db,
  filter: { projectIds: string[]; holderStaffIds?: string[]; now: string; until: string; limit: number },
) {
  return db
    .selectFrom('units')
    .select(['id', 'projectId', 'buildingId', 'label', 'holderStaffId', 'holdCustomerId', 'holdExpiresAt'])
    .where('projectId', 'in', filter.projectIds.length ? filter.projectIds : none)
    .where('status', '=', 'held')
    .where('holdExpiresAt', '>=', filter.now)
    .where('holdExpiresAt', '<', filter.until)
    .$if(filter.holderStaffIds !== undefined, (q) =>
      q.where('holderStaffId', 'in', filter.holderStaffIds?.length ? filter.holderStaffIds : none),
    )
    .orderBy('holdExpiresAt')
    .orderBy('id')
    .limit(filter.limit)
    .execute();
}

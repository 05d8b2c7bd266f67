import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** Read-only figures of the customer book (客户登记本) for the dashboard (案场看板). */

// An empty `in ()` is not SQL; no id is ever ''.
const none = [''];

/** SA-1.4, SA-10: customers registered in [fromIso, toIso), per owning consultant and source channel. */
export async function findRegisteredCustomerFigures(
  db: Db,
  filter: { projectIds: string[]; fromIso: string; toIso: string; ownerStaffIds?: string[] },
) {
  const owners = filter.ownerStaffIds ? (filter.ownerStaffIds.length ? filter.ownerStaffIds : none) : null;
  const rows = await db
    .selectFrom('customers')
    .select(['ownerStaffId', 'sourceChannelId', sql<number>`count(*)`.as('count')])
    .where('projectId', 'in', filter.projectIds.length ? filter.projectIds : none)
    .where('createdAt', '>=', filter.fromIso)
    .where('createdAt', '<', filter.toIso)
    .$if(owners !== null, (q) => q.where('ownerStaffId', 'in', owners ?? none))
    .groupBy(['ownerStaffId', 'sourceChannelId'])
    .execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** The source channel of each customer (null when none was recorded), looked up in batches. */
export async function findSourceChannelsOfCustomers(
  db: Db,
  customerIds: readonly string[],
): Promise<Map<string, string | null>> {
  const unique = [...new Set(customerIds)];
  const result = new Map<string, string | null>();
  for (let index = 0; index < unique.length; index += 500) {
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'sourceChannelId'])
      .where('id', 'in', unique.slice(index, index + 500))
      .execute();
    for (const row of rows) result.set(row.id, row.sourceChannelId);
  }
  return result;
}

/** Source channel names by id (archived ones included: old figures still name them). */
export async function findSourceChannelNames(db: Db, projectIds: string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('sourceChannels')
    .select(['id', 'name'])
    .where('projectId', 'in', projectIds.length ? projectIds : none)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

import { type AliasedSelectQueryBuilder, sql } from 'kysely';
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
    // Erased customers were registered too; naming both values lets the (project, is_erased,
    // created_at) index serve the period as two ranges instead of the whole project.
    .where('isErased', 'in', [0, 1])
    .where('createdAt', '>=', filter.fromIso)
    .where('createdAt', '<', filter.toIso)
    .$if(owners !== null, (q) => q.where('ownerStaffId', 'in', owners ?? none))
    .groupBy(['ownerStaffId', 'sourceChannelId'])
    .execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/**
 * Visits counted by the visitor's source channel (null: none recorded), from a subquery of visits per
 * customer that the reception module builds (`visitsPerCustomer`): one statement.
 */
export async function countVisitsBySourceChannel(
  db: Db,
  perCustomer: AliasedSelectQueryBuilder<{ customerId: string; visits: number }, 'visitsPerCustomer'>,
) {
  const rows = await db
    .selectFrom('customers')
    .innerJoin(perCustomer, 'visitsPerCustomer.customerId', 'customers.id')
    .select([
      'customers.sourceChannelId',
      sql<number>`sum(${sql.ref('visitsPerCustomer.visits')})`.as('visits'),
    ])
    .groupBy('customers.sourceChannelId')
    .execute();
  return rows.map((row) => ({ sourceChannelId: row.sourceChannelId, visits: Number(row.visits) }));
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

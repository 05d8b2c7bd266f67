import { type AliasedSelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** Read-only figures of the sales line and the sales office for the dashboard (案场看板). */
export interface ReceptionFigureFilter {
  projectIds: string[];
  /** Asia/Shanghai days, inclusive. */
  fromDay: string;
  toDay: string;
  /** Only these consultants' calls and visits (a team, or a consultant's own); undefined: everyone's. */
  staffIds?: string[];
}

// An empty `in ()` is not SQL; no id is ever ''.
const none = [''];

/**
 * SA-1.3 and SA-10: calls counted per day, consultant and source channel, and visits per day and
 * consultant: two grouped reads of the (project, day) indexes.
 */
export async function findReceptionFigures(db: Db, filter: ReceptionFigureFilter) {
  const projects = filter.projectIds.length ? filter.projectIds : none;
  const staff = filter.staffIds ? (filter.staffIds.length ? filter.staffIds : none) : null;
  const [calls, visits] = await Promise.all([
    db
      .selectFrom('salesCalls')
      .select(['day', 'staffId', 'sourceChannelId', sql<number>`count(*)`.as('count')])
      .where('projectId', 'in', projects)
      .where('day', '>=', filter.fromDay)
      .where('day', '<=', filter.toDay)
      .$if(staff !== null, (q) => q.where('staffId', 'in', staff ?? none))
      .groupBy(['day', 'staffId', 'sourceChannelId'])
      .execute(),
    db
      .selectFrom('visits')
      .select(['day', 'staffId', sql<number>`count(*)`.as('count')])
      .where('projectId', 'in', projects)
      .where('day', '>=', filter.fromDay)
      .where('day', '<=', filter.toDay)
      .$if(staff !== null, (q) => q.where('staffId', 'in', staff ?? none))
      .groupBy(['day', 'staffId'])
      .execute(),
  ]);
  return {
    calls: calls.map((row) => ({ ...row, count: Number(row.count) })),
    visits: visits.map((row) => ({ ...row, count: Number(row.count) })),
  };
}

/**
 * The period's visits counted per visitor, as a subquery (not run here): the customers module joins
 * it to its register to count visits by the visitor's source channel in one statement.
 */
export function visitsPerCustomer(
  db: Db,
  filter: ReceptionFigureFilter,
): AliasedSelectQueryBuilder<{ customerId: string; visits: number }, 'visitsPerCustomer'> {
  const staff = filter.staffIds ? (filter.staffIds.length ? filter.staffIds : none) : null;
  return db
    .selectFrom('visits')
    .select(['customerId', sql<number>`count(*)`.as('visits')])
    .where('projectId', 'in', filter.projectIds.length ? filter.projectIds : none)
    .where('day', '>=', filter.fromDay)
    .where('day', '<=', filter.toDay)
    .$if(staff !== null, (q) => q.where('staffId', 'in', staff ?? none))
    .groupBy('customerId')
    .as('visitsPerCustomer');
}

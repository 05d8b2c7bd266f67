import { sql } from 'kysely';
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
 * SA-1.3 and SA-10: calls counted per day, consultant and source channel (one grouped read of the
 * (project, day) index), and the visits of the period one by one (day, consultant, customer): the
 * dashboard asks the customers module for each visitor's source channel.
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
      .select(['day', 'staffId', 'customerId'])
      .where('projectId', 'in', projects)
      .where('day', '>=', filter.fromDay)
      .where('day', '<=', filter.toDay)
      .$if(staff !== null, (q) => q.where('staffId', 'in', staff ?? none))
      .execute(),
  ]);
  return {
    calls: calls.map((row) => ({ ...row, count: Number(row.count) })),
    visits,
  };
}

import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/**
 * Read-only figures of deals for the sales-office dashboard (案场看板): one grouped query per funnel
 * stage, each served by an index on (project, the stage's day or instant). The caller (dashboard)
 * has already decided which projects and consultants the reader may see.
 */
export interface DealFigureFilter {
  projectIds: string[];
  /** Asia/Shanghai days, inclusive: for columns that hold a day (agreements, contracts). */
  fromDay: string;
  toDay: string;
  /** The same period as UTC instants [fromIso, toIso): for columns that hold an instant. */
  fromIso: string;
  toIso: string;
  /** Only these consultants' deals (a team, or a consultant's own); undefined: everyone's. */
  consultantIds?: string[];
}

export interface ConsultantCount {
  consultantId: string;
  count: number;
}

export interface DealFigures {
  plans: ConsultantCount[];
  deposits: ConsultantCount[];
  /** Agreements signed in the period (submitted, returned or approved), per consultant and day. */
  agreements: Array<ConsultantCount & { day: string; approved: number; approvedFen: number }>;
  contracts: ConsultantCount[];
  paid: ConsultantCount[];
}

// An empty `in ()` is not SQL; no id is ever ''.
const none = [''];

/** Counts per consultant of plans made, deposits collected, agreements, contracts signed and down payments paid. */
export async function findDealFigures(db: Db, filter: DealFigureFilter): Promise<DealFigures> {
  const projects = filter.projectIds.length ? filter.projectIds : none;
  const consultants = filter.consultantIds
    ? filter.consultantIds.length
      ? filter.consultantIds
      : none
    : null;
  const [plans, deposits, agreements, contracts, paid] = await Promise.all([
    db
      .selectFrom('dealPlans')
      .select(['consultantId', sql<number>`count(*)`.as('count')])
      .where('projectId', 'in', projects)
      .where('createdAt', '>=', filter.fromIso)
      .where('createdAt', '<', filter.toIso)
      .$if(consultants !== null, (q) => q.where('consultantId', 'in', consultants ?? none))
      .groupBy('consultantId')
      .execute(),
    db
      .selectFrom('dealDeposits')
      .select(['consultantId', sql<number>`count(*)`.as('count')])
      .where('projectId', 'in', projects)
      .where('collectedAt', '>=', filter.fromIso)
      .where('collectedAt', '<', filter.toIso)
      .where('status', '=', 'collected')
      .$if(consultants !== null, (q) => q.where('consultantId', 'in', consultants ?? none))
      .groupBy('consultantId')
      .execute(),
    db
      .selectFrom('dealAgreements')
      .select([
        'consultantId',
        'signedOn',
        sql<number>`count(*)`.as('count'),
        sql<number>`sum(case when status = 'approved' then 1 else 0 end)`.as('approved'),
        sql<number>`sum(case when status = 'approved' then price_fen else 0 end)`.as('approvedFen'),
      ])
      .where('projectId', 'in', projects)
      .where('signedOn', '>=', filter.fromDay)
      .where('signedOn', '<=', filter.toDay)
      .where('status', 'in', ['submitted', 'returned', 'approved'])
      .$if(consultants !== null, (q) => q.where('consultantId', 'in', consultants ?? none))
      .groupBy(['consultantId', 'signedOn'])
      .execute(),
    db
      .selectFrom('dealContracts')
      .select(['consultantId', sql<number>`count(*)`.as('count')])
      .where('projectId', 'in', projects)
      .where('signedOn', '>=', filter.fromDay)
      .where('signedOn', '<=', filter.toDay)
      .where('status', '=', 'signed')
      .$if(consultants !== null, (q) => q.where('consultantId', 'in', consultants ?? none))
      .groupBy('consultantId')
      .execute(),
    db
      .selectFrom('dealTransactionFiles')
      .select(['consultantId', sql<number>`count(*)`.as('count')])
      .where('projectId', 'in', projects)
      .where('downPaymentPaidAt', '>=', filter.fromIso)
      .where('downPaymentPaidAt', '<', filter.toIso)
      .where('status', '!=', 'cancelled')
      .$if(consultants !== null, (q) => q.where('consultantId', 'in', consultants ?? none))
      .groupBy('consultantId')
      .execute(),
  ]);
  // PostgreSQL answers SUM over BIGINT as numeric (a string): every figure is made a number here.
  const counts = (rows: Array<{ consultantId: string; count: number }>) =>
    rows.map((row) => ({ consultantId: row.consultantId, count: Number(row.count) }));
  return {
    plans: counts(plans),
    deposits: counts(deposits),
    agreements: agreements.map((row) => ({
      consultantId: row.consultantId,
      day: row.signedOn,
      count: Number(row.count),
      approved: Number(row.approved),
      approvedFen: Number(row.approvedFen),
    })),
    contracts: counts(contracts),
    paid: counts(paid),
  };
}

export interface DealAttentionFilter {
  projectIds: string[];
  consultantIds?: string[];
  limit: number;
}

/** SA-12: deposits asked for and not yet confirmed by the manager or controller, oldest first. */
export async function findDepositsAwaitingConfirmation(db: Db, filter: DealAttentionFilter) {
  const rows = await db
    .selectFrom('dealDeposits')
    .select([
      'id',
      'projectId',
      'planId',
      'unitNumber',
      'customerName',
      'consultantId',
      'amountFen',
      'requestedAt',
    ])
    .where('projectId', 'in', filter.projectIds.length ? filter.projectIds : none)
    .where('status', '=', 'requested')
    .$if(filter.consultantIds !== undefined, (q) =>
      q.where('consultantId', 'in', filter.consultantIds?.length ? filter.consultantIds : none),
    )
    .orderBy('requestedAt')
    .orderBy('id')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => ({ ...row, amountFen: Number(row.amountFen) }));
}

/** SA-14: payment items past their due day and not paid in full, the longest overdue first. */
export async function findOverduePayments(db: Db, filter: DealAttentionFilter & { today: string }) {
  const projects = filter.projectIds.length ? filter.projectIds : none;
  const rows = await db
    .selectFrom('dealPaymentItems as item')
    .innerJoin('dealTransactionFiles as file', 'file.id', 'item.transactionFileId')
    .select([
      'item.id',
      'item.projectId',
      'item.transactionFileId',
      'item.label',
      'item.code',
      'item.amountFen',
      'item.paidFen',
      'item.dueOn',
      'file.unitNumber',
      'file.customerName',
      'file.consultantId',
    ])
    .where('item.projectId', 'in', projects)
    .where('item.status', 'in', ['due', 'overdue'])
    .where('item.dueOn', '<', filter.today)
    .where('file.status', '!=', 'cancelled')
    .$if(filter.consultantIds !== undefined, (q) =>
      q.where('file.consultantId', 'in', filter.consultantIds?.length ? filter.consultantIds : none),
    )
    .orderBy('item.dueOn')
    .orderBy('item.id')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => ({ ...row, amountFen: Number(row.amountFen), paidFen: Number(row.paidFen) }));
}

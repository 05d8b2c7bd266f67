import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { assertDealProject, dealScope, seenDeal } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import type { PlanStatus } from '../deals.tables.js';
import { computePlan, type PlanInput, type PlanResult } from '../plan.rules.js';
import { planEntity } from './prepare-plan.js';

/** Who takes part in a plan: its consultant and the manager who decided its discount. */
export function planScoped(plan: queries.PlanRow) {
  return {
    companyId: plan.companyId,
    projectId: plan.projectId,
    participantIds: [plan.consultantId, plan.approvedBy],
  };
}

export async function getPlanRow(db: Tx, actor: Actor, planId: string) {
  return seenDeal(actor, await queries.findPlan(db, planId), planScoped, planEntity);
}

export function planView(plan: queries.PlanRow) {
  const input = JSON.parse(plan.inputJson) as PlanInput & {
    meta: { priceListId: string; priceListVersion: number | null; consultantLimitPercent: number };
  };
  const { meta, ...planInput } = input;
  return {
    id: plan.id,
    projectId: plan.projectId,
    customerId: plan.customerId,
    customerName: plan.customerName,
    unitId: plan.unitId,
    unitNumber: plan.unitNumber,
    consultantId: plan.consultantId,
    version: plan.version,
    status: plan.status,
    approvedBy: plan.approvedBy,
    approvedAt: plan.approvedAt,
    approvalComment: plan.approvalComment,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
    input: planInput,
    meta,
    result: JSON.parse(plan.resultJson) as PlanResult,
  };
}

export async function getPlanById(db: Tx, actor: Actor, planId: string) {
  return planView(await getPlanRow(db, actor, planId));
}

/** The full month-by-month schedule of each loan, recomputed from the stored inputs (same rules, same result). */
export async function getPlanSchedule(db: Tx, actor: Actor, planId: string, version?: number) {
  const plan = await getPlanRow(db, actor, planId);
  let inputJson = plan.inputJson;
  if (version !== undefined && version !== plan.version) {
    const stored = (await queries.findPlanVersions(db, plan.id)).find((row) => row.version === version);
    if (!stored) throw new AppError(commonErrors.NOT_FOUND, { entity: planEntity });
    inputJson = stored.inputJson;
  }
  const { meta: _meta, ...input } = JSON.parse(inputJson) as PlanInput & { meta: unknown };
  return computePlan(input, { withSchedules: true });
}

export async function findPlanVersionsOf(db: Tx, actor: Actor, planId: string) {
  await getPlanRow(db, actor, planId);
  return (await queries.findPlanVersions(db, planId)).map((row) => ({
    version: row.version,
    status: row.status,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    result: JSON.parse(row.resultJson) as PlanResult,
  }));
}

export async function findPlans(
  db: Db,
  actor: Actor,
  query: {
    projectId?: string;
    customerId?: string;
    unitId?: string;
    status?: PlanStatus;
    search?: string;
    sort: 'updatedAt' | 'finalTotalFen' | 'unitNumber';
    order: 'asc' | 'desc';
    offset: number;
    limit: number;
  },
) {
  if (query.projectId) await assertDealProject(db, actor, query.projectId);
  const { rows, total } = await queries.findPlanPage(
    db,
    dealScope(actor),
    {
      projectId: query.projectId,
      customerId: query.customerId,
      unitId: query.unitId,
      status: query.status,
      search: query.search,
    },
    query,
  );
  return { rows: rows.map(planView), total };
}

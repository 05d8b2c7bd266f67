import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { recordCustomerEvent } from '../../customers/index.js';
import { dealErrors } from '../deals.errors.js';
import { assertProjectRole, assertSeesDeal, isManager } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import type { PlanStatus } from '../deals.tables.js';
import { formatYuan } from '../plan.rules.js';
import { getPlanById, getPlanRow } from './plan-views.js';
import { discountWords, type PlanChoices, planEntity, preparePlan, summaryColumns } from './prepare-plan.js';

/** Plans (购房方案, SA-9): created, revised as versions, discounts above the limit decided by the manager. */

export async function createPlan(
  db: Db,
  options: { actor: Actor; choices: PlanChoices & { discountConfirmed?: boolean }; now: Date },
) {
  const { actor, choices, now } = options;
  const at = now.toISOString();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const prepared = await preparePlan(
      trx,
      actor,
      { ...choices, discountConfirmed: choices.discountConfirmed ?? false },
      now,
    );
    // The author is the plan's consultant: they must take part in the project's deals at all.
    assertSeesDeal(
      actor,
      { companyId: actor.companyId, projectId: prepared.unit.projectId, participantIds: [actor.staffId] },
      planEntity,
    );
    assertProjectRole(actor, prepared.unit.projectId, ['consultant', 'manager', 'controller']);
    const columns = summaryColumns(prepared);
    const row: queries.PlanRow = {
      id,
      companyId: actor.companyId,
      projectId: prepared.unit.projectId,
      customerId: prepared.customer.id,
      unitId: prepared.unit.id,
      unitNumber: prepared.unit.label,
      customerName: prepared.customer.name,
      consultantId: actor.staffId,
      version: 1,
      ...columns,
      approvedBy:
        prepared.status === 'ready' && columns.status === 'ready' && isManager(actor, prepared.unit.projectId)
          ? actor.staffId
          : null,
      approvedAt: null,
      approvalComment: '',
      // SA-9: what sales control said of the unit at this moment (a hold past expiry reads as for sale).
      unitStatusAtPlan: prepared.unit.status,
      isUnitHeldForCustomer: prepared.unit.holdCustomerId === prepared.customer.id ? 1 : 0,
      createdAt: at,
      updatedAt: at,
    };
    await queries.insertPlan(trx, row);
    await queries.insertPlanVersion(trx, {
      id: newId(),
      planId: id,
      version: 1,
      status: row.status,
      inputJson: row.inputJson,
      resultJson: row.resultJson,
      createdBy: actor.staffId,
      createdAt: at,
    });
    await recordCustomerEvent(trx, {
      actor,
      customerId: row.customerId,
      kind: 'plan',
      refId: id,
      summary: `购房方案 ${row.unitNumber}：成交价 ${formatYuan(row.finalTotalFen)} 元${
        prepared.result.discountSteps.length ? `（${discountWords(prepared.result.discountSteps)}）` : ''
      }`,
      at: now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: row.projectId,
      entityType: 'deal_plan',
      entityId: id,
      action: 'create',
      after: { ...row, inputJson: undefined, resultJson: undefined },
    });
  });
  return getPlanById(db, actor, id);
}

/** A new version of the plan (SA-9: versioned); the earlier versions stay readable. */
export async function revisePlan(
  db: Db,
  options: {
    actor: Actor;
    planId: string;
    expectedVersion: number;
    choices: Omit<PlanChoices, 'customerId' | 'unitId'> & { discountConfirmed?: boolean };
    now: Date;
  },
) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const plan = await getPlanRow(trx, actor, options.planId);
    if (plan.consultantId !== actor.staffId && !isManager(actor, plan.projectId))
      throw new AppError(commonErrors.FORBIDDEN);
    const prepared = await preparePlan(
      trx,
      actor,
      {
        ...options.choices,
        discountConfirmed: options.choices.discountConfirmed ?? false,
        customerId: plan.customerId,
        unitId: plan.unitId,
      },
      now,
    );
    const columns = summaryColumns(prepared);
    const version = plan.version + 1;
    const won = await queries.updatePlan(
      trx,
      plan.id,
      {
        ...columns,
        version,
        approvedBy: null,
        approvedAt: null,
        approvalComment: '',
        updatedAt: now.toISOString(),
      },
      options.expectedVersion,
    );
    if (!won) throw new AppError(commonErrors.CONCURRENT_CHANGE);
    await queries.insertPlanVersion(trx, {
      id: newId(),
      planId: plan.id,
      version,
      status: columns.status,
      inputJson: columns.inputJson,
      resultJson: columns.resultJson,
      createdBy: actor.staffId,
      createdAt: now.toISOString(),
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: plan.projectId,
      entityType: 'deal_plan',
      entityId: plan.id,
      action: 'revise',
      before: { version: plan.version, finalTotalFen: plan.finalTotalFen },
      after: { version, finalTotalFen: columns.finalTotalFen, status: columns.status },
    });
  });
  return getPlanById(db, actor, options.planId);
}

/** SA-9: the project manager approves (or refuses) a discount above the consultant's limit. */
export async function decidePlan(
  db: Db,
  options: { actor: Actor; planId: string; decision: 'approve' | 'reject'; comment: string; now: Date },
) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const plan = await getPlanRow(trx, actor, options.planId);
    if (!isManager(actor, plan.projectId)) throw new AppError(commonErrors.FORBIDDEN);
    if (plan.status !== 'pending_approval') throw new AppError(dealErrors.PLAN_NOT_PENDING);
    const status: PlanStatus = options.decision === 'approve' ? 'ready' : 'rejected';
    const won = await queries.updatePlan(
      trx,
      plan.id,
      {
        status,
        approvedBy: actor.staffId,
        approvedAt: now.toISOString(),
        approvalComment: options.comment,
        updatedAt: now.toISOString(),
      },
      plan.version,
    );
    if (!won) throw new AppError(commonErrors.CONCURRENT_CHANGE);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: plan.projectId,
      entityType: 'deal_plan',
      entityId: plan.id,
      action: options.decision,
      after: { status, comment: options.comment, version: plan.version },
    });
  });
  return getPlanById(db, actor, options.planId);
}

export * from './plan-views.js';
export { discountWords, type PlanChoices, planEntity, planRules, previewPlan } from './prepare-plan.js';

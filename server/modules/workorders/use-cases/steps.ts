import type { Localized } from '../../../../contracts/locales.js';
import type { WorkOrderStatus, WorkOrderStep } from '../../../../contracts/workorders.js';
import { type Actor, assertProjectRole, hasAnyRole } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { workOrderErrors } from '../workorders.errors.js';
import * as queries from '../workorders.queries.js';
import {
  assignableStatuses,
  callbackStatuses,
  nextStatus,
  reopenableStatuses,
  reopenedStatus,
  slaDeadlines,
} from '../workorders.rules.js';
import { getVisibleWorkOrder, type WorkOrderScope } from '../workorders.scope.js';
import type { WorkOrdersTable } from '../workorders.tables.js';
import { resolveAssignment } from './assignment.js';
import { deskRoles, loadSla } from './create-work-order.js';
import { recordChange } from './record-change.js';

export const statusNames: Record<WorkOrderStatus, Localized> = {
  new: localized('待派单', '待派單', 'new'),
  assigned: localized('已派单', '已派單', 'assigned'),
  accepted: localized('已接单', '已接單', 'accepted'),
  on_site: localized('已到场', '已到場', 'on site'),
  done: localized('已完工', '已完工', 'done'),
  callback: localized('已回访', '已回訪', 'called back'),
  closed: localized('已关闭', '已關閉', 'closed'),
};

/** Heads and managers may act for an engineer (a team without a phone); the steps are theirs otherwise. */
const supervisorRoles = ['dept_head', 'manager'] as const;

function notAllowed(actor: Actor, status: WorkOrderStatus): AppError {
  return new AppError(workOrderErrors.STEP_NOT_ALLOWED, { status: statusNames[status][actor.locale] });
}

/** The engineer's steps are for the engineer it is assigned to (or their team); the rest for the desk. */
export function mayStep(
  actor: Actor,
  scope: WorkOrderScope,
  order: WorkOrdersTable,
  step: WorkOrderStep,
): boolean {
  if (step === 'close') return hasAnyRole(actor, deskRoles, order.projectId);
  return scope.worksOn(order) || hasAnyRole(actor, supervisorRoles, order.projectId);
}

async function loadForChange(trx: Tx, actor: Actor, workOrderId: string) {
  return getVisibleWorkOrder(trx, actor, await queries.findWorkOrderRow(trx, workOrderId));
}

async function applyChange(
  trx: Tx,
  options: {
    actor: Actor;
    before: WorkOrdersTable;
    from: readonly WorkOrderStatus[];
    changes: Partial<WorkOrdersTable>;
    action: Parameters<typeof recordChange>[1]['action'];
    note?: string;
    now: Date;
  },
): Promise<WorkOrdersTable> {
  const { before, now } = options;
  const changes = { ...options.changes, updatedAt: now.toISOString() };
  if (!(await queries.updateWorkOrderIfStatus(trx, before.id, options.from, changes)))
    throw new AppError(commonErrors.CONCURRENT_CHANGE);
  const after = { ...before, ...changes };
  await recordChange(trx, {
    actor: options.actor,
    order: after,
    action: options.action,
    fromStatus: before.status,
    toStatus: after.status,
    note: options.note,
    before: { status: before.status, teamId: before.teamId, assigneeId: before.assigneeId },
    after: options.changes,
    now,
  });
  return after;
}

/** Assigns (or reassigns, until the work starts on site) to a team or an engineer. */
export async function assignWorkOrder(
  db: Db,
  options: {
    actor: Actor;
    workOrderId: string;
    teamId?: string | null;
    assigneeId?: string | null;
    now: Date;
  },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const { order } = await loadForChange(trx, actor, options.workOrderId);
    assertProjectRole(actor, order.projectId, deskRoles);
    if (!assignableStatuses.includes(order.status)) throw notAllowed(actor, order.status);
    const assignment = await resolveAssignment(trx, actor, order.projectId, options);
    if (!assignment.teamId && !assignment.assigneeId)
      throw new AppError(
        workOrderErrors.UNKNOWN_ASSIGNEE,
        {},
        { assigneeId: workOrderErrors.UNKNOWN_ASSIGNEE.message },
      );
    return applyChange(trx, {
      actor,
      before: order,
      from: [order.status],
      // A new engineer starts from acceptance again; the respond clock keeps running from the order's creation.
      changes: { ...assignment, status: 'assigned', assignedAt: now.toISOString(), acceptedAt: null },
      action: 'assign',
      now,
    });
  });
}

/** accept → arrive (on site) → complete (done, with notes) by the engineer; close after the callback by the desk. */
export async function stepWorkOrder(
  db: Db,
  options: { actor: Actor; workOrderId: string; step: WorkOrderStep; note: string; now: Date },
) {
  const { actor, step, now } = options;
  return db.transaction().execute(async (trx) => {
    const { order, scope } = await loadForChange(trx, actor, options.workOrderId);
    if (!mayStep(actor, scope, order, step))
      throw new AppError(step === 'close' ? commonErrors.FORBIDDEN : workOrderErrors.NOT_ASSIGNED_TO_YOU);
    const next = nextStatus(order.status, step);
    if (!next) throw notAllowed(actor, order.status);
    const at = now.toISOString();
    const changes: Partial<WorkOrdersTable> =
      step === 'accept'
        ? // Accepting a team's order makes the engineer its assignee.
          { status: next, acceptedAt: at, assigneeId: order.assigneeId ?? actor.staffId }
        : step === 'arrive'
          ? { status: next, onSiteAt: at }
          : step === 'complete'
            ? { status: next, doneAt: at, doneNote: options.note }
            : { status: next, closedAt: at };
    return applyChange(trx, {
      actor,
      before: order,
      from: [order.status],
      changes,
      action: step,
      note: options.note,
      now,
    });
  });
}

/** 回访: the desk calls the resident back after completion and records the satisfaction score (1–5). */
export async function recordCallback(
  db: Db,
  options: { actor: Actor; workOrderId: string; satisfaction: number; comment: string; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const { order } = await loadForChange(trx, actor, options.workOrderId);
    assertProjectRole(actor, order.projectId, deskRoles);
    if (!callbackStatuses.includes(order.status)) throw notAllowed(actor, order.status);
    return applyChange(trx, {
      actor,
      before: order,
      from: callbackStatuses,
      changes: {
        status: 'callback',
        callbackAt: now.toISOString(),
        callbackBy: actor.staffId,
        satisfaction: options.satisfaction,
        callbackComment: options.comment,
      },
      action: 'callback',
      note: options.comment,
      now,
    });
  });
}

/** Reopens a done, called-back or closed order with a reason: back to its engineer, a new finish clock. */
export async function reopenWorkOrder(
  db: Db,
  options: { actor: Actor; workOrderId: string; reason: string; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const { order } = await loadForChange(trx, actor, options.workOrderId);
    assertProjectRole(actor, order.projectId, deskRoles);
    if (!reopenableStatuses.includes(order.status)) throw notAllowed(actor, order.status);
    const sla = await loadSla(trx, order.companyId, order.projectId, order);
    const status = reopenedStatus(order);
    return applyChange(trx, {
      actor,
      before: order,
      from: reopenableStatuses,
      changes: {
        status,
        // The engineer accepts again; both clocks restart from the reopening, and may breach again.
        acceptedAt: null,
        onSiteAt: null,
        doneAt: null,
        closedAt: null,
        callbackAt: null,
        callbackBy: null,
        satisfaction: null,
        callbackComment: '',
        reopenCount: order.reopenCount + 1,
        ...slaDeadlines(now, sla),
        respondBreachedAt: null,
        finishBreachedAt: null,
      },
      action: 'reopen',
      note: options.reason,
      now,
    });
  });
}

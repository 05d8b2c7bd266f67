import type { Role } from '../../../../contracts/roles.js';
import type { WorkOrderInput, WorkOrderSource } from '../../../../contracts/workorders.js';
import { type Actor, assertProjectRole } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { findUnitStatuses } from '../../inventory/index.js';
import { getSetting } from '../../settings/index.js';
import * as queries from '../workorders.queries.js';
import { formatNumber, normalisePhone, type SlaMinutes, slaDeadlines } from '../workorders.rules.js';
import { workOrderSearchFields } from '../workorders.search.js';
import type { WorkOrdersTable } from '../workorders.tables.js';
import { type Assignment, resolveAssignment } from './assignment.js';
import { recordChange } from './record-change.js';

/** Who opens work orders: the property desks' staff, their department heads and the project's managers. */
export const deskRoles: readonly Role[] = ['agent', 'guard', 'dept_head', 'manager'];

export interface CreateWorkOrderOptions {
  actor: Actor;
  projectId: string;
  input: WorkOrderInput & { unitId?: string | null } & Partial<Assignment>;
  source: WorkOrderSource;
  /** The call it was opened from (the calls module has checked it is the desk's call). */
  callId?: string | null;
  /** The SEC-5 emergency report it was opened for. */
  incidentId?: string | null;
  now: Date;
}

/** The SLA minutes of a category × urgency in a project (settings workorders.sla.*). */
export async function loadSla(
  db: Tx,
  companyId: string,
  projectId: string,
  order: Pick<WorkOrdersTable, 'category' | 'urgency'>,
): Promise<SlaMinutes> {
  const context = { companyId, projectId };
  const prefix = `workorders.sla.${order.category}.${order.urgency}` as const;
  const [respondMinutes, finishMinutes] = await Promise.all([
    getSetting(db, `${prefix}.respondMinutes`, context),
    getSetting(db, `${prefix}.finishMinutes`, context),
  ]);
  return { respondMinutes, finishMinutes };
}

/**
 * Opens a work order inside the caller's transaction (the call desk's "from the call" and SEC-5
 * use cases run it in theirs): numbered, its SLA clocks started, assigned at once when a team or
 * engineer is named.
 */
export async function createWorkOrderIn(trx: Tx, options: CreateWorkOrderOptions): Promise<WorkOrdersTable> {
  const { actor, projectId, input, now } = options;
  visibility(actor, 'workorder').assertProject(projectId);
  assertProjectRole(actor, projectId, deskRoles);
  if (input.unitId) {
    const [unit] = await findUnitStatuses(trx, projectId, [input.unitId]);
    if (!unit)
      throw new AppError(
        commonErrors.VALIDATION_FAILED,
        {},
        { unitId: localized('房号不存在', '房號不存在', 'No such unit') },
      );
  }
  const assignment = await resolveAssignment(trx, actor, projectId, input);
  const at = now.toISOString();
  const sla = await loadSla(trx, actor.companyId, projectId, input);
  const isAssigned = assignment.teamId !== null || assignment.assigneeId !== null;
  const fields: Omit<WorkOrdersTable, 'searchText' | 'searchBigrams'> = {
    id: newId(),
    companyId: actor.companyId,
    projectId,
    number: formatNumber(await queries.claimNextNumber(trx, projectId)),
    category: input.category,
    urgency: input.urgency,
    status: isAssigned ? 'assigned' : 'new',
    source: options.source,
    buildingText: input.buildingText.trim(),
    doorText: input.doorText.trim(),
    unitText: input.unitText.trim(),
    unitId: input.unitId ?? null,
    residentId: null,
    description: input.description.trim(),
    callerName: input.callerName.trim(),
    callerPhone: normalisePhone(input.callerPhone),
    callId: options.callId ?? null,
    incidentId: options.incidentId ?? null,
    teamId: assignment.teamId,
    assigneeId: assignment.assigneeId,
    createdBy: actor.staffId,
    createdAt: at,
    assignedAt: isAssigned ? at : null,
    acceptedAt: null,
    onSiteAt: null,
    doneAt: null,
    doneNote: '',
    callbackAt: null,
    callbackBy: null,
    satisfaction: null,
    callbackComment: '',
    closedAt: null,
    reopenCount: 0,
    ...slaDeadlines(now, sla),
    respondBreachedAt: null,
    finishBreachedAt: null,
    updatedAt: at,
  };
  const row: WorkOrdersTable = { ...fields, ...workOrderSearchFields(fields) };
  await queries.insertWorkOrder(trx, row);
  await recordChange(trx, {
    actor,
    order: row,
    action: 'create',
    fromStatus: null,
    toStatus: row.status,
    // The order as entered; its search columns are derived from it.
    after: fields,
    now,
  });
  return row;
}

/** A walk-in or staff's own work order, in its own transaction. */
export async function createWorkOrder(db: Db, options: CreateWorkOrderOptions): Promise<WorkOrdersTable> {
  return db.transaction().execute((trx) => createWorkOrderIn(trx, options));
}

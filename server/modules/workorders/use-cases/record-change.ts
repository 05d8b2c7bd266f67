import type { WorkOrderAction, WorkOrderStatus } from '../../../../contracts/workorders.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { publishLive } from '../../../platform/live/index.js';
import { writeAudit } from '../../audit/index.js';
import * as queries from '../workorders.queries.js';
import type { WorkOrdersTable } from '../workorders.tables.js';

/**
 * What every change of a work order does last in its transaction: the timeline row, the live
 * event the desk, the board, the lists and the engineer's phone refetch on, and the audit row.
 */
export async function recordChange(
  trx: Tx,
  options: {
    actor: Actor;
    order: Pick<WorkOrdersTable, 'id' | 'projectId' | 'assigneeId'>;
    action: WorkOrderAction;
    fromStatus: WorkOrderStatus | null;
    toStatus: WorkOrderStatus;
    note?: string;
    before?: unknown;
    after: unknown;
    now: Date;
  },
): Promise<void> {
  const { actor, order, now } = options;
  await queries.insertEvent(trx, {
    id: newId(),
    workOrderId: order.id,
    at: now.toISOString(),
    byStaffId: actor.system ? null : actor.staffId,
    action: options.action,
    fromStatus: options.fromStatus,
    toStatus: options.toStatus,
    note: options.note ?? '',
  });
  const payload = { workOrderId: order.id, status: options.toStatus, action: options.action };
  await publishLive(trx, { topic: `project:${order.projectId}`, type: 'workorder.changed', payload }, now);
  if (order.assigneeId && order.assigneeId !== actor.staffId)
    await publishLive(trx, { topic: `staff:${order.assigneeId}`, type: 'workorder.changed', payload }, now);
  await writeAudit(trx, {
    actor,
    at: now,
    projectId: order.projectId,
    entityType: 'work_order',
    entityId: order.id,
    action: options.action,
    before: options.before,
    after: options.after,
  });
}

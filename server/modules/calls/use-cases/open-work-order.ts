import type { WorkOrderInput } from '../../../../contracts/workorders.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { createWorkOrderIn } from '../../workorders/index.js';
import * as callQueries from '../calls.queries.js';
import { loadDeskForActor } from '../desk-context.js';

/**
 * A work order opened in one step from the call on the agent's screen: the call's desk must be one
 * the agent staffs (404 otherwise), the order is the desk's project's, linked to the call, and the
 * caller's number is the call's unless the agent typed another.
 */
export async function openWorkOrderFromCall(
  db: Db,
  options: {
    actor: Actor;
    callId: string;
    input: WorkOrderInput & { teamId?: string | null; assigneeId?: string | null };
    now: Date;
  },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const call = await callQueries.findCallRow(trx, options.callId);
    const entity = localized('来电', '來電', 'Call');
    if (!call) throw new AppError(commonErrors.NOT_FOUND, { entity });
    const context = await loadDeskForActor(trx, actor, call.deskId, entity);
    const order = await createWorkOrderIn(trx, {
      actor,
      projectId: context.projectId,
      source: 'call',
      callId: call.id,
      input: {
        ...options.input,
        callerName: options.input.callerName || call.callerName,
        callerPhone: options.input.callerPhone || call.callerNumber,
      },
      now,
    });
    await callQueries.touchCall(trx, call.id, now);
    return order;
  });
}

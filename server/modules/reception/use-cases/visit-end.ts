import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { recordCustomerEvent } from '../../customers/index.js';
import { receptionErrors } from '../reception.errors.js';
import * as queries from '../reception.queries.js';
import { getVisibleVisit, getVisit } from './visits.js';

/**
 * The visitor left before the guided steps were done (a phone call, the children, no interest):
 * the visit ends with the reason, and the steps it never reached do not count against the
 * consultant (SA-5 … SA-11 score them as not applicable, with this reason as the evidence).
 */
export async function endVisitEarly(
  db: Db,
  options: { actor: Actor; visitId: string; reason: string; now: Date },
) {
  const { actor, visitId, now } = options;
  const reason = options.reason.trim();
  if (!reason)
    throw new AppError(
      receptionErrors.LEFT_EARLY_REASON_REQUIRED,
      {},
      { reason: receptionErrors.LEFT_EARLY_REASON_REQUIRED.message },
    );
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const visit = await getVisibleVisit(trx, actor, visitId);
    if (visit.staffId !== actor.staffId) throw new AppError(receptionErrors.NOT_YOURS);
    if (visit.status === 'done') throw new AppError(receptionErrors.ALREADY_CLOSED);
    await queries.updateVisitRow(trx, visitId, {
      status: 'done',
      leftAt: at,
      leftEarlyReason: reason,
      updatedAt: at,
    });
    const open = (await queries.findStepsOfVisit(trx, visitId)).find((row) => row.completedAt === null);
    await recordCustomerEvent(trx, {
      actor,
      customerId: visit.customerId,
      kind: 'visit_done',
      refId: visitId,
      summary: `提前离开:${reason}`,
      at: now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: visit.projectId,
      entityType: 'visit',
      entityId: visitId,
      action: 'end_early',
      after: { reason, atStep: open?.step ?? null },
    });
  });
  return getVisit(db, { actor, visitId });
}

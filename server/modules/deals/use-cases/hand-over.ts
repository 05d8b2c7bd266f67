import { type Actor, hasAnyRole } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { readdressNotifications } from '../../notify/index.js';
import { findStaffNames } from '../../staff/index.js';
import { dealErrors } from '../deals.errors.js';
import * as queries from '../deals.queries.js';
import { findProjectConsultants } from './staff-lookup.js';
import { getFileRow } from './transaction-file.js';

/**
 * SA-19: the project manager hands a deal to another consultant; nobody else, the consultants
 * themselves included (a deal is not traded between colleagues). The head of sales is the
 * project's manager here: a department head has no deal scope (platform/auth/scope.ts), so would
 * not see the file to hand it over.
 */
function assertHandOverApprover(actor: Actor, projectId: string): void {
  if (!hasAnyRole(actor, ['manager'], projectId)) throw new AppError(dealErrors.NOT_HAND_OVER_APPROVER);
}

/** Whom the caller may hand this file's deal to: the project's other active consultants. */
export async function findHandOverCandidates(db: Db, actor: Actor, fileId: string) {
  const file = await getFileRow(db, actor, fileId);
  assertHandOverApprover(actor, file.projectId);
  const consultants = await findProjectConsultants(db, actor, file.projectId);
  return consultants.filter((person) => person.id !== file.consultantId);
}

/**
 * SA-19: hands the deal of a transaction file from its consultant to another, with the reason.
 * From now on the file, its tasks and its later steps are the new consultant's; the hand-over row
 * is what the conformance check reads to count the change of consultant as covered.
 */
export async function handOverDeal(
  db: Db,
  options: { actor: Actor; fileId: string; toConsultantId: string; reason: string; now: Date },
) {
  const { actor, now } = options;
  const at = now.toISOString();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const file = await getFileRow(trx, actor, options.fileId);
    assertHandOverApprover(actor, file.projectId);
    if (file.status !== 'open' && file.status !== 'contracted') throw new AppError(dealErrors.FILE_STATE);
    const consultants = await findProjectConsultants(trx, actor, file.projectId);
    const target = consultants.find((person) => person.id === options.toConsultantId);
    const from = (await findStaffNames(trx, [file.consultantId])).get(file.consultantId);
    if (!target || target.id === file.consultantId)
      throw new AppError(
        dealErrors.HAND_OVER_TARGET,
        {},
        { toConsultantId: dealErrors.HAND_OVER_TARGET.message },
      );
    const moved = await queries.moveFileToConsultant(trx, {
      fileId: file.id,
      fromConsultantId: file.consultantId,
      toConsultantId: target.id,
      updatedAt: at,
    });
    // Someone else handed it over (or closed it) first: the caller sees the file as it is now.
    if (!moved) throw new AppError(dealErrors.FILE_STATE);
    const row = {
      id,
      companyId: file.companyId,
      projectId: file.projectId,
      transactionFileId: file.id,
      depositId: file.depositId,
      fromConsultantId: file.consultantId,
      fromConsultantName: from ?? '',
      toConsultantId: target.id,
      toConsultantName: target.displayName,
      reason: options.reason,
      handedOverBy: actor.staffId,
      handedOverByName: actor.displayName,
      handedOverAt: at,
    };
    await queries.insertHandOver(trx, row);
    await queries.reassignOpenTasks(trx, { fileId: file.id, toStaffId: target.id });
    // Task notices already queued (down payment, mortgage, move-in) go to the new consultant too,
    // and the file's reminder list names them; what was sent stays the old consultant's.
    await readdressNotifications(trx, {
      dedupeKeyPrefix: `deal:${file.id}:`,
      fromStaffId: file.consultantId,
      toStaffId: target.id,
    });
    await queries.readdressStaffReminders(trx, {
      fileId: file.id,
      fromStaffId: file.consultantId,
      toStaffId: target.id,
      toStaffName: target.displayName,
      after: at,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: file.projectId,
      entityType: 'deal_transaction_file',
      entityId: file.id,
      action: 'hand_over',
      before: { consultantId: file.consultantId },
      after: { consultantId: target.id, reason: options.reason },
    });
  });
  return { id };
}

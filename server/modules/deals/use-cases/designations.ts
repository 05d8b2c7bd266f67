import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { getStaffById } from '../../staff/index.js';
import { assertSeesProject, isManager } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import type { Duty } from '../deals.tables.js';

/** SA-12 / SA-13: the project manager designates who else confirms deposits, collects money or reviews agreements. */
export async function designate(
  db: Db,
  options: { actor: Actor; projectId: string; staffId: string; duty: Duty; now: Date },
) {
  const { actor, projectId, now } = options;
  await assertSeesProject(db, actor, projectId);
  if (!isManager(actor, projectId)) throw new AppError(commonErrors.FORBIDDEN);
  const staff = await getStaffById(db, actor, options.staffId);
  const row = {
    id: newId(),
    projectId,
    staffId: staff.id,
    duty: options.duty,
    designatedBy: actor.staffId,
    designatedAt: now.toISOString(),
    revokedAt: null,
  };
  await db.transaction().execute(async (trx) => {
    await queries.insertDesignation(trx, row);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'deal_designation',
      entityId: row.id,
      action: 'designate',
      after: { ...row, staffName: staff.displayName },
    });
  });
  return { ...row, staffName: staff.displayName };
}

export async function revokeDesignation(db: Db, options: { actor: Actor; designationId: string; now: Date }) {
  const { actor, now } = options;
  const row = await queries.findDesignation(db, options.designationId);
  if (!row)
    throw new AppError(commonErrors.NOT_FOUND, {
      entity: localized('指定收款人', '指定收款人', 'Designation'),
    });
  await assertSeesProject(db, actor, row.projectId);
  if (!isManager(actor, row.projectId)) throw new AppError(commonErrors.FORBIDDEN);
  await db.transaction().execute(async (trx) => {
    await queries.revokeDesignation(trx, row.id, now.toISOString());
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: row.projectId,
      entityType: 'deal_designation',
      entityId: row.id,
      action: 'revoke',
    });
  });
}

export async function findDesignations(db: Db, actor: Actor, projectId: string) {
  await assertSeesProject(db, actor, projectId);
  const rows = await queries.findDesignations(db, projectId);
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      staffName: (await getStaffById(db, actor, row.staffId).catch(() => null))?.displayName ?? '',
    })),
  );
}

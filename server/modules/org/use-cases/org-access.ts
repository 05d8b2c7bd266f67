import type { Actor } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import { isUniqueViolation } from '../../../platform/db/constraints.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { orgErrors } from '../org.errors.js';

export const entityNames = {
  company: localized('公司', '公司', 'Company'),
  project: localized('项目', '項目', 'Project'),
  building: localized('楼栋', '樓棟', 'Building'),
  door: localized('楼门', '樓門', 'Door'),
  department: localized('部门', '部門', 'Department'),
  desk: localized('接听席', '接聽席', 'Desk'),
};

export function notFound(entity: keyof typeof entityNames): AppError {
  return new AppError(commonErrors.NOT_FOUND, { entity: entityNames[entity] });
}

/** Runs a change with its audit row in one transaction; a unique-index clash becomes NAME_TAKEN. */
export async function auditedChange<T>(
  db: Db,
  name: string,
  change: (trx: Tx) => Promise<{ result: T; audit: Parameters<typeof writeAudit>[1] }>,
): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      const { result, audit } = await change(trx);
      await writeAudit(trx, audit);
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(orgErrors.NAME_TAKEN, { name }, { name: orgErrors.NAME_TAKEN.message });
    throw error;
  }
}

/** A project's own objects (buildings, doors, desks) are project scope: 404 outside the actor's projects. */
export function assertSeesProject(actor: Actor, project: { companyId: string; id: string }): void {
  visibility(actor, 'project').assertSees(
    { companyId: project.companyId, projectId: project.id },
    entityNames.project,
  );
}

/** The company's own reference data (the company, its departments): every member of it. */
export function assertSeesCompany(actor: Actor): void {
  visibility(actor, 'company').assertSees(
    { companyId: actor.companyId, projectId: null },
    entityNames.company,
  );
}

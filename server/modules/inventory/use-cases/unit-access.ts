import type { Role } from '../../../../contracts/roles.js';
import { type Actor, hasAnyRole } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Tx } from '../../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { getProjectById } from '../../org/index.js';
import * as queries from '../inventory.queries.js';

export const unitEntity = localized('房号', '房號', 'Unit');

export function unitNotFound(): AppError {
  return new AppError(commonErrors.NOT_FOUND, { entity: unitEntity });
}

/** Roles the actor holds in a project (company-wide grants count everywhere). */
/** Whether the actor may make a move reserved to some roles in the project (the system may make any). */
export function mayAct(actor: Actor, projectId: string, allowed: readonly Role[]): boolean {
  return hasAnyRole(actor, allowed, projectId);
}

export const projectEntity = localized('项目', '項目', 'Project');

/**
 * The project of inventory objects (units, buildings, price lists, the board, imports), when the
 * actor works in it (the project scope); NOT_FOUND otherwise, naming what was asked for: another
 * company's or project's objects do not exist for the caller.
 */
export async function getProjectOfMember(db: Tx, actor: Actor, projectId: string, entity = projectEntity) {
  let project: Awaited<ReturnType<typeof getProjectById>>;
  try {
    project = await getProjectById(db, actor, projectId);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(commonErrors.NOT_FOUND, { entity });
    throw error;
  }
  visibility(actor, 'project').assertSees({ companyId: project.companyId, projectId: project.id }, entity);
  return project;
}

export async function getVisibleUnitRow(
  db: Tx,
  actor: Actor,
  unitId: string,
  lock = false,
): Promise<queries.UnitRow> {
  const row = await queries.findUnitRow(db, unitId, { lock });
  if (!row) throw unitNotFound();
  await getProjectOfMember(db, actor, row.projectId, unitEntity);
  return row;
}

/**
 * One unit as it stands at the caller's clock (a hold past its expiry reads as for sale), for the
 * board's drawer and for other modules (deals). Throws NOT_FOUND when not visible.
 */

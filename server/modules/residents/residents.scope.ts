import { type Expression, type SqlBool, sql } from 'kysely';
import { registerRoles } from '../../../contracts/residents.js';
import type { Role } from '../../../contracts/roles.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hasAnyRole } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';

export { registerRoles };

export const residentEntity = localized('住户', '住戶', 'Resident');

/** The projects whose register the actor reads; null: every project of the company. */
function registerProjects(actor: Actor): string[] | null {
  if (actor.system) return null;
  const grants = actor.grants.filter((grant) => (registerRoles as readonly Role[]).includes(grant.role));
  if (grants.some((grant) => grant.projectId === null)) return null;
  return grants.map((grant) => grant.projectId).filter((id): id is string => id !== null);
}

/** The SQL condition of every list and export of residents (or their imports) the actor may see. */
export function residentCondition(actor: Actor, table: 'residents' | 'residentImports'): Expression<SqlBool> {
  const scoped = visibility(actor, 'project').condition({
    companyId: `${table}.companyId`,
    projectId: `${table}.projectId`,
  });
  const projects = registerProjects(actor);
  if (projects === null) return scoped;
  if (projects.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${scoped} and ${sql.ref(`${table}.projectId`)} in (${sql.join(projects)}))`;
}

/** Throws NOT_FOUND unless the actor reads the register of the row's project. */
export function assertSeesResident(
  actor: Actor,
  row: { companyId: string; projectId: string } | undefined | null,
): asserts row is { companyId: string; projectId: string } {
  visibility(actor, 'project').assertSees(row, residentEntity);
  if (!row || !hasAnyRole(actor, registerRoles, row.projectId))
    throw new AppError(commonErrors.NOT_FOUND, { entity: residentEntity });
}

/** Throws NOT_FOUND unless the actor reads the register of this project (a list filtered by project). */
export function assertRegisterProject(actor: Actor, companyId: string, projectId: string) {
  assertSeesResident(actor, { companyId, projectId });
}

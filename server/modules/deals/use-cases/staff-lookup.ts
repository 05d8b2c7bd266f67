import type { Role } from '../../../../contracts/roles.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { findStaff } from '../../staff/index.js';
import { assertSeesProject, isManager, salesRoles } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import type { Duty } from '../deals.tables.js';

/** Active staff holding `role` in the project (company-wide grants included), by name. */
async function activeStaffWithRole(db: Db, actor: Actor, projectId: string, role: Role, limit: number) {
  const { rows } = await findStaff(db, actor, {
    role,
    projectId,
    status: 'active',
    sort: 'displayName',
    order: 'asc',
    offset: 0,
    limit,
  });
  return rows;
}

/** Active staff holding one of `roles` in the project (company-wide grants included). */
export async function staffWithRoles(
  db: Db,
  actor: Actor,
  projectId: string,
  roles: readonly Role[],
): Promise<string[]> {
  const ids = new Set<string>();
  for (const role of roles)
    for (const row of await activeStaffWithRole(db, actor, projectId, role, 200)) ids.add(row.id);
  return [...ids];
}

/** People of a duty: the roles that always have it plus those the project manager designated. */
export async function staffForDuty(
  db: Db,
  actor: Actor,
  projectId: string,
  roles: readonly Role[],
  duty: Duty,
): Promise<string[]> {
  const ids = new Set(await staffWithRoles(db, actor, projectId, roles));
  for (const designation of await queries.findDesignations(db, projectId))
    if (designation.duty === duty) ids.add(designation.staffId);
  return [...ids];
}

/**
 * The project's active sales staff, for the manager's pickers (whom to examine, whom to designate).
 * The staff module's own list is for administrators only; this answers with names and roles alone.
 */
export async function findProjectStaff(db: Db, actor: Actor, projectId: string) {
  await assertSeesProject(db, actor, projectId);
  if (!isManager(actor, projectId)) throw new AppError(commonErrors.FORBIDDEN);
  const people = new Map<string, { id: string; displayName: string; roles: Role[] }>();
  for (const role of salesRoles) {
    for (const row of await activeStaffWithRole(db, actor, projectId, role, 500)) {
      const person = people.get(row.id) ?? { id: row.id, displayName: row.displayName, roles: [] };
      person.roles.push(role);
      people.set(row.id, person);
    }
  }
  return [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}

/** The project's active consultants, by name: whom a deal may be handed to (SA-19). */
export async function findProjectConsultants(db: Db, actor: Actor, projectId: string) {
  const rows = await activeStaffWithRole(db, actor, projectId, 'consultant', 500);
  return rows.map((row) => ({ id: row.id, displayName: row.displayName }));
}

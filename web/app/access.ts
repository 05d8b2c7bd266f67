import type { Role } from '../../contracts/roles';

export interface RoleGrant {
  role: Role;
  /** null means every project of the company (全部项目). */
  projectId: string | null;
}

/**
 * The user needs one of the listed roles (any project). The administrator is no exception: their
 * job is projects, staff, desks, scripts and settings, named 'admin' where it is (issue 13), not
 * customers' personal data, deals or call records.
 */
export function canAccess(grants: readonly RoleGrant[], required: readonly Role[] | undefined): boolean {
  if (!required || required.length === 0) return true;
  return grants.some((grant) => required.includes(grant.role));
}

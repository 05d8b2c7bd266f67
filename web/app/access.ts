import type { Role } from '../../contracts/roles';

export interface RoleGrant {
  role: Role;
  /** null means every project of the company (全部项目). */
  projectId: string | null;
}

/**
 * The user needs one of the listed roles (in any project). The administrator is no exception: as on
 * the server, a page is theirs only where it names 'admin' (projects, staff, desks, scripts, settings).
 */
export function canAccess(grants: readonly RoleGrant[], required: readonly Role[] | undefined): boolean {
  if (!required || required.length === 0) return true;
  return grants.some((grant) => required.includes(grant.role));
}

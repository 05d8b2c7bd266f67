import type { Role } from '../../contracts/roles';

export interface RoleGrant {
  role: Role;
  /** null means every project of the company (全部项目). */
  projectId: string | null;
}

/** Admin sees everything; otherwise the user needs one of the listed roles (any project). */
export function canAccess(grants: readonly RoleGrant[], required: readonly Role[] | undefined): boolean {
  if (!required || required.length === 0) return true;
  if (grants.some((grant) => grant.role === 'admin')) return true;
  return grants.some((grant) => required.includes(grant.role));
}

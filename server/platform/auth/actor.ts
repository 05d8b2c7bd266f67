import type { Locale } from '../../../contracts/locales.js';
import type { Role } from '../../../contracts/roles.js';
import { AppError, commonErrors } from '../errors.js';
import type { ScopeTracker } from './scope.js';

export interface RoleGrant {
  role: Role;
  /** null: the grant covers every project of the company. */
  projectId: string | null;
}

/** The authenticated member of staff behind a request (or a job acting for one). */
export interface Actor {
  staffId: string;
  companyId: string;
  displayName: string;
  locale: Locale;
  grants: RoleGrant[];
  sessionId?: string;
  /** The HTTP request that acts, carried into audit rows. */
  requestId?: string;
  /** The system itself (jobs, demo seeding): sees every object of its company. */
  system?: boolean;
  /** The object scope the request's route declared and the scopes its use cases applied (scope.ts). */
  scopeTracker?: ScopeTracker;
}

/** Acting as the system itself (scheduled jobs, demo seeding); it is audited under this name. */
export function systemActor(companyId: string): Actor {
  return {
    staffId: 'system',
    companyId,
    displayName: 'system',
    locale: 'zh-CN',
    grants: [{ role: 'admin', projectId: null }],
    system: true,
  };
}

/**
 * Whether the actor holds one of the roles in the project (company-wide grants included). The
 * system itself (demo seeding, jobs) acts for the company in every role.
 */
export function hasAnyRole(actor: Actor, roles: readonly Role[], projectId?: string | null): boolean {
  if (actor.system === true) return true;
  return actor.grants.some(
    (grant) =>
      roles.includes(grant.role) &&
      (grant.projectId === null || projectId === undefined || grant.projectId === projectId),
  );
}

/**
 * Throws FORBIDDEN unless the actor has one of the roles in that project. The administrator is no
 * exception: name 'admin' among the roles where setting something up is their job (issue 13).
 */
export function assertProjectRole(actor: Actor, projectId: string, roles: readonly Role[]): void {
  if (!hasAnyRole(actor, roles, projectId)) throw new AppError(commonErrors.FORBIDDEN);
}

/** Projects the actor may see: null means all of the company's projects. */
export function visibleProjectIds(actor: Actor): string[] | null {
  if (actor.grants.some((grant) => grant.projectId === null)) return null;
  return [...new Set(actor.grants.map((grant) => grant.projectId).filter((id): id is string => id !== null))];
}

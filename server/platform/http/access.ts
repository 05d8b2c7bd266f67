import type { Role } from '../../../contracts/roles.js';
import type { ScopeKind } from '../auth/scope.js';

/**
 * Who may call a route. Every /api route declares one in `config.access`; the app refuses to
 * start when a route does not, and the route-table test walks them all.
 * - public: no session needed (login, health, signed webhooks that authenticate themselves)
 * - roles: a signed-in member of staff holding one of the roles ('any' = every signed-in user)
 */
export type Access = { public: true; reason: string } | { roles: readonly Role[] | 'any' };

export const anyStaff: Access = { roles: 'any' };

export function rolesAllowed(...roles: Role[]): Access {
  return { roles };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Which objects the route serves its caller (platform/auth/scope.ts); required on every /api route. */
    scope?: ScopeKind;
  }
}

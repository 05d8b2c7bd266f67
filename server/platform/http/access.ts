import type { Role } from '../../../contracts/roles.js';
import type { ScopeKind } from '../auth/scope.js';

/**
 * Who may call a route. Every /api route declares one in `config.access`; the app refuses to
 * start when a route does not, and the route-table test walks them all.
 * - public: no session needed (login, health, signed webhooks that authenticate themselves)
 * - roles: a signed-in member of staff holding one of the roles ('any' = every signed-in user)
 */
export type Access =
  | { public: true; reason: string }
  | {
      roles: readonly Role[] | 'any';
      /** The sign-in steps this route serves (see PendingStep); absent: none, it needs a full session. */
      during?: readonly PendingStep[];
    };

/**
 * What a session still owes before it is a full one, in the order they are asked for: the second
 * factor of someone with two-factor, a password change the administrator required, then two-factor
 * enrolment for someone whose role requires it. While one is owed, the access hook in app.ts
 * refuses every route that does not list that step in `during` — one check for every route, so a
 * new route cannot forget it.
 */
export const pendingSteps = ['second_factor', 'change_password', 'enrol_second_factor'] as const;
export type PendingStep = (typeof pendingSteps)[number];

export const anyStaff: Access = { roles: 'any' };

/** For the few routes a session needs while it owes a step: reading who it is, signing out, the step itself. */
export function anyStaffDuring(...steps: PendingStep[]): Access {
  return { roles: 'any', during: steps };
}

export function rolesAllowed(...roles: Role[]): Access {
  return { roles };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Which objects the route serves its caller (platform/auth/scope.ts); required on every /api route. */
    scope?: ScopeKind;
    /**
     * What a route answers when it is not JSON described by `schema.response`: a file to download,
     * an event stream, or JSON serialized by hand on a hot path. Every /api route declares one or
     * the other (app.ts stops at start otherwise).
     */
    answers?: 'file' | 'event-stream' | 'preserialized-json';
  }
}

import type { Role } from '../../../contracts/roles.js';
import type { RouteEntry } from '../../app.js';
import { type ObjectScopeKind, type Reach, scopeRules } from '../../platform/auth/scope.js';
import type { AccessWorld, SecretField, WorldObject } from '../access-world/index.js';

/**
 * The access matrix: every route of `app.routeTable` called as every role of P1 against the
 * objects of another consultant, another desk, another project, another company and another
 * buyer (access-world.ts). A cell LEAKS when a caller gets a 2xx for an object the rules do not
 * let them see, when any answer (JSON, .xlsx, PDF) carries a marker of such an object, or when it
 * carries a whole phone or ID number the field rules below do not allow there.
 *
 * Who may see an object comes only from `scopeRules` (platform/auth/scope.ts); the fields table
 * below is the one other rule, written once for a reviewer.
 */

/** Where a whole (unmasked) number may appear; anywhere else it is a leak. */
export const fieldRules: Record<SecretField, { label: string; whole: string }> = {
  customerPhone: {
    label: "A customer's phone (customer, visitor, sales caller)",
    whole:
      "Only in the answer of POST /api/customers/:id/reveal-phones (a logged, reasoned act), to the owning consultant and the manager, and in the customer's personal-data export (GET /api/customers/:id/personal-data), to the manager and the data-protection officer who answer the customer's request.",
  },
  callerNumber: {
    label: "A desk caller's number (call, message, incident, leader call)",
    whole: 'To the roles whose desk reach covers the desk the call came in on (they call back).',
  },
  buyerPhone: {
    label: "An online-opening buyer's phone",
    whole: 'To that buyer only (their own session).',
  },
  idNumber: {
    label: 'A resident ID number (agreement buyer, opening buyer)',
    whole: 'Never; only a route whose path says it reveals an ID number (…/reveal-id…).',
  },
};

/** The roles that may see a customer's whole phone, on the reveal route. */
const phoneRevealers: readonly Role[] = ['consultant', 'manager'];
/** The roles that answer a customer's access request with their personal-data export. */
const exportReaders: readonly Role[] = ['manager', 'dpo'];

/** The caller's reach per scope kind (for the generated doc and for `sees`). */
export function reachOf(role: Role, kind: ObjectScopeKind): readonly Reach[] {
  return scopeRules[kind][role] ?? [];
}

export function wholeAllowed(
  world: AccessWorld,
  field: SecretField,
  route: RouteEntry,
  caller: { role: Role | 'buyer'; buyerId?: string },
  object: WorldObject,
): boolean {
  switch (field) {
    case 'customerPhone':
      if (caller.role === 'buyer') return false;
      if (route.url.endsWith('/personal-data')) return exportReaders.includes(caller.role);
      return (
        route.url.endsWith('/reveal-phones') &&
        phoneRevealers.includes(caller.role) &&
        (caller.role === 'manager' || object.scoped.ownerId === world.callers.consultant.staffId)
      );
    case 'callerNumber':
      return caller.role !== 'buyer' && reachOf(caller.role, 'desk').length > 0;
    case 'buyerPhone':
      return caller.role === 'buyer' && caller.buyerId === object.id;
    case 'idNumber':
      return /reveal-id/.test(route.url);
  }
}

import type { Role } from '../../../contracts/roles.js';
import { type Actor, hasAnyRole, visibleProjectIds } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { dealErrors } from './deals.errors.js';
import * as queries from './deals.queries.js';

/** Who may do what in deals. Admin passes every role check; separation-of-duty checks apply to everyone. */

export const salesRoles: readonly Role[] = ['consultant', 'controller', 'manager', 'finance'];

export function isAdmin(actor: Actor, projectId: string): boolean {
  return hasAnyRole(actor, ['admin'], projectId);
}

export function hasProjectRole(actor: Actor, projectId: string, roles: readonly Role[]): boolean {
  return isAdmin(actor, projectId) || hasAnyRole(actor, roles, projectId);
}

export function assertProjectRole(actor: Actor, projectId: string, roles: readonly Role[]): void {
  if (!hasProjectRole(actor, projectId, roles)) throw new AppError(commonErrors.FORBIDDEN);
}

export function isManager(actor: Actor, projectId: string): boolean {
  return hasProjectRole(actor, projectId, ['manager']);
}

export function assertVisibleProject(actor: Actor, projectId: string): void {
  const visible = visibleProjectIds(actor);
  if (visible && !visible.includes(projectId))
    throw new AppError(commonErrors.NOT_FOUND, { entity: localized('交易', '交易', 'Deal') });
}

/**
 * What a deal list shows a person: their company's deals in the projects they may see (or the one
 * asked for), and only their own where they are nothing but a consultant there (the list form of
 * mayViewOwnedRecord).
 */
export function dealListScope(actor: Actor, projectId: string | undefined) {
  if (projectId) assertVisibleProject(actor, projectId);
  const onlyOwn = projectId
    ? !actor.grants.some(
        (grant) => grant.role !== 'consultant' && (grant.projectId === null || grant.projectId === projectId),
      )
    : actor.grants.every((grant) => grant.role === 'consultant');
  return {
    companyId: actor.companyId,
    projectIds: projectId ? [projectId] : visibleProjectIds(actor),
    consultantId: onlyOwn ? actor.staffId : undefined,
  };
}

/** A consultant sees their own customers' deals; everyone else with a sales role sees the project's. */
export function mayViewOwnedRecord(
  actor: Actor,
  record: { projectId: string; consultantId: string },
): boolean {
  if (hasProjectRole(actor, record.projectId, ['manager', 'controller', 'finance'])) return true;
  return hasAnyRole(actor, ['consultant'], record.projectId) && record.consultantId === actor.staffId;
}

export function assertMayView(
  actor: Actor,
  record: { projectId: string; consultantId: string },
  entity: string,
): void {
  assertVisibleProject(actor, record.projectId);
  if (!mayViewOwnedRecord(actor, record)) throw new AppError(commonErrors.NOT_FOUND, { entity });
}

/** SA-12: finance, the project manager, or a person the manager designated to collect. */
export async function assertCollector(db: Tx, actor: Actor, projectId: string): Promise<void> {
  if (hasProjectRole(actor, projectId, ['finance', 'manager'])) return;
  if (await queries.isDesignated(db, projectId, actor.staffId, 'collect')) return;
  throw new AppError(dealErrors.NOT_COLLECTOR);
}

/** SA-12: the sales controller or the project manager (or whom the manager designated) re-verifies the unit. */
export async function assertDepositConfirmer(db: Tx, actor: Actor, projectId: string): Promise<void> {
  if (hasProjectRole(actor, projectId, ['controller', 'manager'])) return;
  if (await queries.isDesignated(db, projectId, actor.staffId, 'deposit_confirm')) return;
  throw new AppError(commonErrors.FORBIDDEN);
}

/** SA-13: the project manager or a designated colleague — never the agreement's author. */
export async function assertReviewer(
  db: Tx,
  actor: Actor,
  agreement: { projectId: string; consultantId: string },
): Promise<void> {
  if (agreement.consultantId === actor.staffId) throw new AppError(dealErrors.SELF_REVIEW);
  if (isManager(actor, agreement.projectId)) return;
  if (await queries.isDesignated(db, agreement.projectId, actor.staffId, 'agreement_review')) return;
  throw new AppError(dealErrors.NOT_REVIEWER);
}

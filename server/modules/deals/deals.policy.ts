import type { Localized } from '../../../contracts/locales.js';
import type { Role } from '../../../contracts/roles.js';
import { type Actor, hasAnyRole } from '../../platform/auth/actor.js';
import { type ScopedObject, type Visibility, visibility } from '../../platform/auth/scope.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, commonErrors } from '../../platform/errors.js';
import { getProjectById } from '../org/index.js';
import { dealErrors } from './deals.errors.js';
import * as queries from './deals.queries.js';
import type { Duty } from './deals.tables.js';

/**
 * Who may do what in deals. Which deals a person may know of is the platform's deal scope
 * (platform/auth/scope.ts: the deal's participants and the project's finance, controllers,
 * managers and DPO); this file only says who takes part in what, and the role checks of actions
 * (SA-12 collector and confirmer, SA-13 reviewer), which apply to everyone alike.
 */

export const salesRoles: readonly Role[] = ['consultant', 'controller', 'manager', 'finance'];

/** The administrator holds no sales role: role checks are the platform's (`assertProjectRole`). */
export { assertProjectRole } from '../../platform/auth/actor.js';

export function isManager(actor: Actor, projectId: string): boolean {
  return hasAnyRole(actor, ['manager'], projectId);
}

/** The deal scope of the caller (applied: the access hook sees that the route's scope was checked). */
export function dealScope(actor: Actor): Visibility {
  return visibility(actor, 'deal');
}

/**
 * The row, if the caller may know of it as a deal object (`scoped` says who takes part in it);
 * NOT_FOUND (404) when it does not exist or is not theirs to know of.
 */
export function seenDeal<Row>(
  actor: Actor,
  row: Row | undefined,
  scoped: (row: Row) => ScopedObject,
  entity: Localized,
): Row {
  dealScope(actor).assertSees(row === undefined ? undefined : scoped(row), entity);
  if (row === undefined) throw new AppError(commonErrors.NOT_FOUND, { entity });
  return row;
}

/** 404 unless the caller may know of this deal object. */
export function assertSeesDeal(
  actor: Actor,
  object: ScopedObject | undefined | null,
  entity: Localized,
): void {
  dealScope(actor).assertSees(object, entity);
}

/**
 * A project's shared deal objects (forms, designations, its sales staff): 404 unless the project
 * is of the caller's company and they work in it.
 */
export async function assertSeesProject(db: Tx, actor: Actor, projectId: string): Promise<void> {
  const project = await getProjectById(db, actor, projectId);
  visibility(actor, 'project').assertSees({ companyId: project.companyId, projectId });
}

/**
 * A deal list filtered by project: 404 for a project the caller has no deal in (nor of their
 * company); the rows themselves are filtered in SQL by the deal scope.
 */
export async function assertDealProject(db: Tx, actor: Actor, projectId: string): Promise<void> {
  const project = await getProjectById(db, actor, projectId);
  dealScope(actor).assertProject(project.id);
}

/**
 * The manager's designations make their holder take part in the deals at that step: the
 * colleague designated to confirm deposits or collect money is a participant of the project's
 * deposits (and, to collect, of its transaction files); the one designated to review, of its
 * agreements. Returns the caller's id when they hold one of the duties, for `participantIds`.
 */
export async function designatedParticipant(
  db: Tx,
  actor: Actor,
  projectId: string,
  duties: readonly Duty[],
): Promise<string[]> {
  for (const duty of duties)
    if (await queries.isDesignated(db, projectId, actor.staffId, duty)) return [actor.staffId];
  return [];
}

/** SA-12: finance, the project manager, or a person the manager designated to collect. */
export async function assertCollector(db: Tx, actor: Actor, projectId: string): Promise<void> {
  if (hasAnyRole(actor, ['finance', 'manager'], projectId)) return;
  if (await queries.isDesignated(db, projectId, actor.staffId, 'collect')) return;
  throw new AppError(dealErrors.NOT_COLLECTOR);
}

/** SA-12: the sales controller or the project manager (or whom the manager designated) re-verifies the unit. */
export async function assertDepositConfirmer(db: Tx, actor: Actor, projectId: string): Promise<void> {
  if (hasAnyRole(actor, ['controller', 'manager'], projectId)) return;
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

import type { Actor } from '../../platform/auth/actor.js';
import { hasAnyRole } from '../../platform/auth/actor.js';
import { type ScopeColumns, visibility } from '../../platform/auth/scope.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { getProjectById } from '../org/index.js';

/** A role check for actions (reordering the day's answering order); what a manager sees is the scope's. */
export function isManager(actor: Actor, projectId: string): boolean {
  return hasAnyRole(actor, ['manager'], projectId);
}

export const callEntity = localized('来电', '來電', 'Call');
export const visitEntity = localized('来访', '來訪', 'Visit');

/**
 * Sales calls and visits are the answering consultant's (owner scope, owner = the consultant who
 * answered or received); the project's managers see them all. The board and the answering order
 * are the project's (project scope). Who reaches what is only in platform/auth/scope.ts.
 */
export function receptionColumns(table: 'salesCalls' | 'visits'): ScopeColumns {
  return { projectId: `${table}.projectId`, ownerId: `${table}.staffId` };
}

/** Throws NOT_FOUND unless the caller sees the call or visit (the tables carry only the project). */
export async function assertSeesReceptionRow(
  db: Tx,
  actor: Actor,
  row: { projectId: string; staffId: string },
  entity: typeof callEntity,
) {
  // Another company's project reads as not found: then so does the row.
  const project = await getProjectById(db, actor, row.projectId).catch((error: unknown) => {
    if (error instanceof AppError && error.definition === commonErrors.NOT_FOUND) return undefined;
    throw error;
  });
  visibility(actor, 'owner').assertSees(
    { companyId: project?.companyId ?? '', projectId: row.projectId, ownerId: row.staffId },
    entity,
  );
}

import type { Actor } from '../../platform/auth/actor.js';
import { type ScopedObject, type Visibility, visibility } from '../../platform/auth/scope.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, commonErrors } from '../../platform/errors.js';
import { getProjectById } from '../org/index.js';

/**
 * Customers and what hangs off them (phones, follow-ups, timeline, ownership requests, imports)
 * are seen through the owner scope: the owning consultant, and the project's managers,
 * controllers, finance and data-protection officer. Who reaches what is only in scopeRules
 * (platform/auth/scope.ts); this file names the columns the scope reads.
 */
export function customerVisibility(actor: Actor): Visibility {
  return visibility(actor, 'owner');
}

/** The customers table's columns for `Visibility.condition`. */
export const customerColumns = {
  companyId: 'customers.companyId',
  projectId: 'customers.projectId',
  ownerId: 'customers.ownerStaffId',
} as const;

export function customerObject(row: {
  companyId: string;
  projectId: string;
  ownerStaffId: string | null;
}): ScopedObject {
  return { companyId: row.companyId, projectId: row.projectId, ownerId: row.ownerStaffId };
}

/**
 * The company of a project, for objects whose table carries only the project (imports, source
 * channels, sales calls, visits); '' for a project of another company or none, which no one sees.
 */
export async function companyOfProject(db: Tx, actor: Actor, projectId: string): Promise<string> {
  try {
    return (await getProjectById(db, actor, projectId)).companyId;
  } catch (error) {
    if (error instanceof AppError && error.definition === commonErrors.NOT_FOUND) return '';
    throw error;
  }
}

import type { Actor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';

/**
 * The company scope of the notification settings (templates, providers, the working calendar,
 * the job queue): the caller's own company, which every query of them filters on in SQL.
 */
export function assertCompanySettings(actor: Actor): void {
  visibility(actor, 'company').assertSees({ companyId: actor.companyId, projectId: null });
}

import type { Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { hasAnyRole } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Tx } from '../../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { getProjectById } from '../../org/index.js';
import * as queries from '../opening.queries.js';

export const eventEntity = localized('开盘活动', '開盤活動', 'Opening event');
export const buyerEntity = localized('认筹客户', '認籌客戶', 'Registered buyer');
export const projectEntity = localized('项目', '項目', 'Project');

/** Who runs an opening: the project's controller and manager (not the administrator: sales is not their job). */
export function isControl(actor: Actor, projectId: string): boolean {
  return hasAnyRole(actor, ['controller', 'manager'], projectId);
}

/**
 * The project scope for the staff console: an opening and its buyers exist only for the members
 * of its project; everyone else (another project, another company) gets NOT_FOUND, naming `entity`.
 */
export async function assertProjectMember(db: Tx, actor: Actor, projectId: string, entity: Localized) {
  let companyId: string;
  try {
    companyId = (await getProjectById(db, actor, projectId)).companyId;
  } catch (error) {
    if (error instanceof AppError) throw new AppError(commonErrors.NOT_FOUND, { entity });
    throw error;
  }
  visibility(actor, 'project').assertSees({ companyId, projectId }, entity);
}

export async function getEventForStaff(
  db: Tx,
  actor: Actor,
  eventId: string,
  options: { manage?: boolean; entity?: Localized } = {},
) {
  const event = await queries.findEventRow(db, eventId);
  if (!event) throw new AppError(commonErrors.NOT_FOUND, { entity: options.entity ?? eventEntity });
  await assertProjectMember(db, actor, event.projectId, options.entity ?? eventEntity);
  if (options.manage && !isControl(actor, event.projectId)) throw new AppError(commonErrors.FORBIDDEN);
  return event;
}

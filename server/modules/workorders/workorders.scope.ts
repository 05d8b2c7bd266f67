import { type Expression, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { findDepartmentOfStaff } from '../staff/index.js';
import type { WorkOrdersTable } from './workorders.tables.js';

export const workOrderEntity = localized('工单', '工單', 'Work order');

/**
 * Who sees a work order: scopeRules' `workorder` row (the desks' staff, department heads and
 * managers: the project's; an engineer: those assigned to them), and on top, for an engineer, the
 * orders of their team — the department they belong to — in the projects of their engineer grants.
 */
export interface WorkOrderScope {
  sees(order: Pick<WorkOrdersTable, 'companyId' | 'projectId' | 'assigneeId' | 'teamId'>): boolean;
  /** Whether the actor works the order as its engineer (named on it, or of the team it is left to). */
  worksOn(order: Pick<WorkOrdersTable, 'companyId' | 'projectId' | 'assigneeId' | 'teamId'>): boolean;
  condition(): Expression<SqlBool>;
  /** The actor's team (department), for an engineer. */
  teamId: string | null;
}

function engineerProjects(actor: Actor): { all: boolean; ids: Set<string> } {
  const ids = new Set<string>();
  let all = false;
  for (const grant of actor.grants)
    if (grant.role === 'engineer') {
      if (grant.projectId === null) all = true;
      else ids.add(grant.projectId);
    }
  return { all, ids };
}

export async function workOrderScope(db: Tx, actor: Actor): Promise<WorkOrderScope> {
  const scope = visibility(actor, 'workorder');
  const engineer = engineerProjects(actor);
  const isEngineer = engineer.all || engineer.ids.size > 0;
  const teamId = isEngineer ? await findDepartmentOfStaff(db, actor.staffId) : null;
  const inEngineerProject = (projectId: string) => engineer.all || engineer.ids.has(projectId);
  const inTeam: WorkOrderScope['worksOn'] = (order) =>
    order.companyId === actor.companyId &&
    inEngineerProject(order.projectId) &&
    teamId !== null &&
    order.teamId === teamId;
  // An order named to one engineer is theirs to work; one left to the team, any of its engineers'.
  const worksOn: WorkOrderScope['worksOn'] = (order) =>
    order.companyId === actor.companyId &&
    inEngineerProject(order.projectId) &&
    (order.assigneeId ? order.assigneeId === actor.staffId : inTeam(order));
  return {
    teamId,
    worksOn,
    sees: (order) =>
      scope.sees({
        companyId: order.companyId,
        projectId: order.projectId,
        participantIds: [order.assigneeId],
      }) || inTeam(order),
    condition: () => {
      const base = scope.condition({
        companyId: 'workOrders.companyId',
        projectId: 'workOrders.projectId',
        participantIds: ['workOrders.assigneeId'],
      });
      if (teamId === null) return base;
      const projects = engineer.all
        ? sql<SqlBool>`${sql.ref('workOrders.companyId')} = ${actor.companyId}`
        : sql<SqlBool>`${sql.ref('workOrders.companyId')} = ${actor.companyId} and ${sql.ref('workOrders.projectId')} in (${sql.join([...engineer.ids])})`;
      return sql<SqlBool>`(${base} or (${sql.ref('workOrders.teamId')} = ${teamId} and ${projects}))`;
    },
  };
}

/** The order, or 404 for anyone who may not see it (and for no such order). */
export async function getVisibleWorkOrder(
  db: Tx,
  actor: Actor,
  order: WorkOrdersTable | undefined,
): Promise<{ order: WorkOrdersTable; scope: WorkOrderScope }> {
  const scope = await workOrderScope(db, actor);
  if (!order || !scope.sees(order)) throw new AppError(commonErrors.NOT_FOUND, { entity: workOrderEntity });
  return { order, scope };
}

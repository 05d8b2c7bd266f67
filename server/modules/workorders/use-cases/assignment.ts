import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { findDepartmentNames } from '../../org/index.js';
import { findStaffDisplayNames, findStaffWithRolesOnProject } from '../../staff/index.js';
import { workOrderErrors } from '../workorders.errors.js';

export interface Assignment {
  teamId: string | null;
  assigneeId: string | null;
}

/** The project's engineers (with their team) and the company's departments, for the assign form. */
export async function findAssignees(db: Tx, companyId: string, projectId: string) {
  const engineers = await findStaffWithRolesOnProject(db, companyId, ['engineer'], projectId);
  const names = await findStaffDisplayNames(
    db,
    engineers.map((engineer) => engineer.id),
  );
  const departments = await findDepartmentNames(db, companyId);
  const teamIds = new Set(engineers.map((engineer) => engineer.departmentId).filter(Boolean));
  return {
    engineers: [...new Map(engineers.map((engineer) => [engineer.id, engineer])).values()]
      .map((engineer) => ({
        staffId: engineer.id,
        displayName: names.get(engineer.id) ?? '',
        teamId: engineer.departmentId,
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN')),
    // The teams worth offering: the departments the project's engineers belong to.
    teams: [...departments].filter(([id]) => teamIds.has(id)).map(([teamId, name]) => ({ teamId, name })),
  };
}

/**
 * Checks a team and engineer named for an order: the engineer must hold the engineer role in the
 * project, the team must be a department of the company; an engineer named alone brings their team.
 */
export async function resolveAssignment(
  trx: Tx,
  actor: Actor,
  projectId: string,
  wanted: Partial<Assignment>,
): Promise<Assignment> {
  const teamId = wanted.teamId ?? null;
  const assigneeId = wanted.assigneeId ?? null;
  if (!teamId && !assigneeId) return { teamId: null, assigneeId: null };
  const engineers = await findStaffWithRolesOnProject(trx, actor.companyId, ['engineer'], projectId);
  if (assigneeId) {
    const engineer = engineers.find((row) => row.id === assigneeId);
    if (!engineer)
      throw new AppError(
        workOrderErrors.UNKNOWN_ASSIGNEE,
        {},
        { assigneeId: workOrderErrors.UNKNOWN_ASSIGNEE.message },
      );
    return { teamId: teamId ?? engineer.departmentId, assigneeId };
  }
  const departments = await findDepartmentNames(trx, actor.companyId);
  if (!teamId || !departments.has(teamId))
    throw new AppError(
      workOrderErrors.UNKNOWN_ASSIGNEE,
      {},
      { teamId: workOrderErrors.UNKNOWN_ASSIGNEE.message },
    );
  return { teamId, assigneeId: null };
}

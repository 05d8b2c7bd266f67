import type { Actor } from '../../platform/auth/actor.js';
import { markScopeApplied } from '../../platform/auth/scope.js';

/**
 * Who reads which daily reports: the administrator every report of the company; a project
 * manager the project's report and its desks' reports; a department head the desks' reports of
 * the projects their grant covers (the desks they head). Everyone else none: a report they may
 * not read answers 404, as if it did not exist.
 */
export interface ReportReach {
  companyId: string;
  everything: boolean;
  /** Project and desk reports: every project of the company, or these. */
  allProjects: boolean;
  projectIds: string[];
  /** Desk reports only: every project of the company, or these. */
  allDesks: boolean;
  deskProjectIds: string[];
}

/** The reader's reach; applies the route's declared project scope (the check is this policy). */
export function reportReach(actor: Actor): ReportReach {
  markScopeApplied(actor, 'project');
  const reach: ReportReach = {
    companyId: actor.companyId,
    everything: actor.system === true,
    allProjects: false,
    projectIds: [],
    allDesks: false,
    deskProjectIds: [],
  };
  for (const grant of actor.grants) {
    if (grant.role === 'admin') reach.everything = true;
    if (grant.role === 'manager') {
      if (grant.projectId === null) reach.allProjects = true;
      else reach.projectIds.push(grant.projectId);
    }
    if (grant.role === 'dept_head') {
      if (grant.projectId === null) reach.allDesks = true;
      else reach.deskProjectIds.push(grant.projectId);
    }
  }
  return reach;
}

export function canReadReport(
  reach: ReportReach,
  report: { companyId: string; projectId: string; deskId: string | null },
): boolean {
  if (report.companyId !== reach.companyId) return false;
  if (reach.everything || reach.allProjects || reach.projectIds.includes(report.projectId)) return true;
  return report.deskId !== null && (reach.allDesks || reach.deskProjectIds.includes(report.projectId));
}

/** "Generate now": the administrator, or a manager of the project. */
export function canGenerateReports(reach: ReportReach, projectId: string): boolean {
  return reach.everything || reach.allProjects || reach.projectIds.includes(projectId);
}

import { systemActor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { findDepartmentNames, findDesks, findProjectsOfCompany } from '../org/index.js';
import { findDirectoryStaff, findStaffNames } from '../staff/index.js';

/** Names of the places and people a scorecard shows (no id is ever shown on screen). */
export interface Names {
  projects: Map<string, string>;
  desks: Map<string, string>;
  staff: Map<string, string>;
  departments: Map<string, string>;
}

export async function loadNames(db: Db, companyId: string, staffIds: readonly string[]): Promise<Names> {
  const [projects, desks, staff, departments] = await Promise.all([
    findProjectsOfCompany(db, companyId),
    findDesks(db, systemActor(companyId)),
    findStaffNames(db, staffIds.filter(Boolean)),
    findDepartmentNames(db, companyId),
  ]);
  return {
    projects: new Map(projects.map((project) => [project.id, project.name])),
    desks: new Map(desks.map((desk) => [desk.id, desk.name])),
    staff,
    departments,
  };
}

/** The department of each of these people (enabled staff; others belong to no team). */
export async function departmentsOf(
  db: Db,
  companyId: string,
  staffIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(staffIds.filter(Boolean))];
  if (ids.length === 0) return new Map();
  const rows = await findDirectoryStaff(db, { companyId, ids }, ids.length);
  return new Map(rows.flatMap((row) => (row.departmentId ? [[row.id, row.departmentId] as const] : [])));
}

/** The enabled members of a department. */
export async function membersOf(db: Db, companyId: string, departmentId: string): Promise<string[]> {
  return (await findDirectoryStaff(db, { companyId, departmentId }, 10_000)).map((row) => row.id);
}

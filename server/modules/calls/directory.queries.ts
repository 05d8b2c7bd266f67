import type { Db, Tx } from '../../platform/db/database.js';
import {
  findBuildingWithCompany,
  findDoorById,
  findPlaceNamesById,
  findPlacesMatching,
  findProjectsOfCompany,
} from '../org/index.js';
import {
  findDirectoryStaff,
  findStaffDisplayNames,
  findStaffIdOfUsername,
  findStaffPhones as findStaffPhonesOfCompany,
  findStaffWithRolesOnProject,
  updateStaffWorkplace,
} from '../staff/index.js';

// The directory (CS-2, CS-4) is a read-only view over the staff and organisation modules: the
// places matching each searched word come from org, the people from staff (every word must match
// the person or one of their places), and the names of their department, building and door from
// org again. It never writes to them, except for the workplace (building/door) an administrator
// sets here, which staff stores and only this desk reads.

export interface DirectoryFilter {
  companyId: string;
  search?: string;
  departmentId?: string;
  buildingId?: string;
  doorId?: string;
  ids?: string[];
}

export type DirectoryRow = Awaited<ReturnType<typeof findDirectoryRows>>[number];

export async function findDirectoryRows(db: Tx, filter: DirectoryFilter, limit: number) {
  // Every word must match something: "3栋 张" finds Zhang in building 3.
  const words = (filter.search ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const places = await Promise.all(words.map((word) => findPlacesMatching(db, filter.companyId, word)));
  const { search: _search, ...staffFilter } = filter;
  const rows = await findDirectoryStaff(
    db,
    { ...staffFilter, words: words.map((text, index) => ({ text, ...places[index] })) },
    limit,
  );
  const names = await findPlaceNamesById(db, {
    departmentIds: rows.map((row) => row.departmentId ?? ''),
    buildingIds: rows.map((row) => row.buildingId ?? ''),
    doorIds: rows.map((row) => row.doorId ?? ''),
  });
  return rows.map((row) => {
    const department = row.departmentId ? names.departments.get(row.departmentId) : undefined;
    return {
      ...row,
      departmentName: department?.name ?? null,
      departmentHeadStaffId: department?.headStaffId ?? null,
      buildingName: row.buildingId ? (names.buildings.get(row.buildingId) ?? null) : null,
      doorName: row.doorId ? (names.doors.get(row.doorId) ?? null) : null,
    };
  });
}

export async function findDirectoryEntry(db: Tx, companyId: string, staffId: string) {
  return (await findDirectoryRows(db, { companyId, ids: [staffId] }, 1))[0];
}

/** Staff numbers to recognise a caller by (screen pop); a company has hundreds, not millions. */
export const findStaffPhones = findStaffPhonesOfCompany;
export const findStaffNames = findStaffDisplayNames;
export const findStaffIdByUsername = findStaffIdOfUsername;
export const findBuildingOfProject = findBuildingWithCompany;
export const findDoor = findDoorById;
export const findCompanyProjects = findProjectsOfCompany;

/** Names of buildings and doors (楼栋, 楼门) by id, for showing an address in parts. */
export async function findPlaceNames(db: Tx, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter(Boolean))];
  if (wanted.length === 0) return new Map();
  const names = await findPlaceNamesById(db, { departmentIds: [], buildingIds: wanted, doorIds: wanted });
  return new Map([...names.buildings, ...names.doors]);
}

export async function setStaffWorkplace(
  db: Tx,
  staffId: string,
  buildingId: string | null,
  doorId: string | null,
  at: string,
) {
  await updateStaffWorkplace(db, staffId, { buildingId, doorId, at });
}

/** Staff holding a role on a project (or company-wide): who is on duty at a desk. */
export async function findStaffWithRoles(db: Db | Tx, companyId: string, roles: string[], projectId: string) {
  return findStaffWithRolesOnProject(db, companyId, roles, projectId);
}

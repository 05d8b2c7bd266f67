import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { escapeLike } from '../../platform/text/pinyin.js';

// Reads of departments, buildings and doors for other modules' views (the call desk's directory
// and addresses): names by id, and the places whose name contains a searched word.

/** The company's departments, buildings, doors and building+door pairs (“3栋1单元”) whose name contains `word`. */
export async function findPlacesMatching(db: Tx, companyId: string, word: string) {
  const contains = sql<string>`${`%${escapeLike(word.toLowerCase())}%`} ESCAPE '\\'`;
  const [departments, buildings, doors, pairs] = await Promise.all([
    db
      .selectFrom('departments')
      .select('id')
      .where('companyId', '=', companyId)
      .where(sql`lower(departments.name)`, 'like', contains)
      .execute(),
    db
      .selectFrom('buildings')
      .innerJoin('projects', 'projects.id', 'buildings.projectId')
      .select('buildings.id')
      .where('projects.companyId', '=', companyId)
      .where(sql`lower(buildings.name)`, 'like', contains)
      .execute(),
    db
      .selectFrom('doors')
      .innerJoin('buildings', 'buildings.id', 'doors.buildingId')
      .innerJoin('projects', 'projects.id', 'buildings.projectId')
      .select('doors.id')
      .where('projects.companyId', '=', companyId)
      .where(sql`lower(doors.name)`, 'like', contains)
      .execute(),
    db
      .selectFrom('doors')
      .innerJoin('buildings', 'buildings.id', 'doors.buildingId')
      .innerJoin('projects', 'projects.id', 'buildings.projectId')
      .select(['doors.buildingId', 'doors.id as doorId'])
      .where('projects.companyId', '=', companyId)
      .where(sql`lower(${sql.ref('buildings.name')} || ${sql.ref('doors.name')})`, 'like', contains)
      .execute(),
  ]);
  return {
    departmentIds: departments.map((row) => row.id),
    buildingIds: buildings.map((row) => row.id),
    doorIds: doors.map((row) => row.id),
    buildingDoorPairs: pairs,
  };
}

export type PlacesMatching = Awaited<ReturnType<typeof findPlacesMatching>>;

/** Names of departments (with their heads), buildings and doors by id. */
export async function findPlaceNamesById(
  db: Tx,
  ids: { departmentIds: string[]; buildingIds: string[]; doorIds: string[] },
) {
  const unique = (list: string[]) => [...new Set(list.filter(Boolean))];
  const [departmentIds, buildingIds, doorIds] = [
    unique(ids.departmentIds),
    unique(ids.buildingIds),
    unique(ids.doorIds),
  ];
  const [departments, buildings, doors] = await Promise.all([
    departmentIds.length
      ? db
          .selectFrom('departments')
          .select(['id', 'name', 'headStaffId'])
          .where('id', 'in', departmentIds)
          .execute()
      : [],
    buildingIds.length
      ? db.selectFrom('buildings').select(['id', 'name']).where('id', 'in', buildingIds).execute()
      : [],
    doorIds.length ? db.selectFrom('doors').select(['id', 'name']).where('id', 'in', doorIds).execute() : [],
  ]);
  return {
    departments: new Map(departments.map((row) => [row.id, row])),
    buildings: new Map(buildings.map((row) => [row.id, row.name])),
    doors: new Map(doors.map((row) => [row.id, row.name])),
  };
}

/** A building with its project's company (an address given at a desk must be of its company). */
export async function findBuildingWithCompany(db: Tx, buildingId: string) {
  return db
    .selectFrom('buildings')
    .innerJoin('projects', 'projects.id', 'buildings.projectId')
    .select(['buildings.id', 'buildings.projectId', 'buildings.name', 'projects.companyId'])
    .where('buildings.id', '=', buildingId)
    .executeTakeFirst();
}

/** The company's projects, id and name. */
export async function findProjectsOfCompany(db: Tx, companyId: string) {
  return db.selectFrom('projects').select(['id', 'name']).where('companyId', '=', companyId).execute();
}

export async function findDoorById(db: Tx, doorId: string) {
  return db
    .selectFrom('doors')
    .select(['id', 'buildingId', 'name'])
    .where('id', '=', doorId)
    .executeTakeFirst();
}

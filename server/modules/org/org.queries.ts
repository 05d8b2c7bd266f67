import type { Expression, SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import { preparedRead } from '../../platform/db/prepared.js';
import type {
  BuildingsTable,
  CompaniesTable,
  DepartmentsTable,
  DesksTable,
  DoorsTable,
  ProjectsTable,
} from './org.tables.js';

export async function findCompany(db: Tx, id: string): Promise<CompaniesTable | undefined> {
  return db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findFirstCompany(db: Tx): Promise<CompaniesTable | undefined> {
  return db.selectFrom('companies').selectAll().orderBy('createdAt').limit(1).executeTakeFirst();
}

export async function insertCompany(db: Tx, row: CompaniesTable) {
  await db.insertInto('companies').values(row).execute();
}

export async function updateCompanyRow(db: Tx, id: string, changes: Partial<CompaniesTable>) {
  await db.updateTable('companies').set(changes).where('id', '=', id).execute();
}

/** Every screen asks for the project list: compiled once. */
const projectsWithCounts = preparedRead((db, values: { companyId: string }) =>
  db
    .selectFrom('projects')
    .selectAll('projects')
    .select((eb) => [
      eb
        .selectFrom('buildings')
        .whereRef('buildings.projectId', '=', 'projects.id')
        .select(eb.fn.countAll<number>().as('c'))
        .as('buildingCount'),
      eb
        .selectFrom('desks')
        .whereRef('desks.projectId', '=', 'projects.id')
        .select(eb.fn.countAll<number>().as('c'))
        .as('deskCount'),
    ])
    .where('companyId', '=', values.companyId)
    .orderBy('createdAt'),
);

type ProjectWithCounts = Omit<
  Awaited<ReturnType<typeof projectsWithCounts>>[number],
  'buildingCount' | 'deskCount'
> & {
  buildingCount: number;
  deskCount: number;
};

/**
 * A company's project list, kept for a few seconds: every screen asks for it on every
 * navigation, and it changes a few times a year. Every write to projects, buildings or desks goes
 * through this file and drops the lists once written; a list whose read overlapped a write is not
 * kept. A change made by another instance (PostgreSQL), or one still uncommitted when it was
 * written, shows here within the lifetime.
 */
const projectListLifetimeMs = 3000;
const projectLists = new WeakMap<
  Db,
  Map<string, { rows: ProjectWithCounts[]; loadedAt: number; generation: number }>
>();
let projectListGeneration = 0;

function forgetProjectLists() {
  projectListGeneration += 1;
}

export async function findProjectsWithCounts(
  db: Db,
  companyId: string,
  projectIds: string[] | null,
): Promise<ProjectWithCounts[]> {
  let lists = projectLists.get(db);
  if (!lists) {
    lists = new Map();
    projectLists.set(db, lists);
  }
  let cached = lists.get(companyId);
  if (
    !cached ||
    cached.generation !== projectListGeneration ||
    Date.now() - cached.loadedAt > projectListLifetimeMs
  ) {
    const generation = projectListGeneration;
    const loadedAt = Date.now();
    const rows = (await projectsWithCounts(db, 'all', { companyId })).map((row) => ({
      ...row,
      buildingCount: Number(row.buildingCount ?? 0),
      deskCount: Number(row.deskCount ?? 0),
    }));
    cached = { rows, loadedAt, generation };
    if (generation === projectListGeneration) lists.set(companyId, cached);
  }
  const visible = projectIds && new Set(projectIds);
  // Copies: the kept rows are shared by every reader.
  return cached.rows.filter((row) => !visible || visible.has(row.id)).map((row) => ({ ...row }));
}

export async function findProjectRow(db: Tx, id: string): Promise<ProjectsTable | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProject(db: Tx, row: ProjectsTable) {
  await db.insertInto('projects').values(row).execute();
  forgetProjectLists();
}

export async function updateProjectRow(db: Tx, id: string, changes: Partial<ProjectsTable>) {
  await db.updateTable('projects').set(changes).where('id', '=', id).execute();
  forgetProjectLists();
}

export async function findBuildingsOfProject(db: Tx, projectId: string): Promise<BuildingsTable[]> {
  return db
    .selectFrom('buildings')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('sortOrder')
    .orderBy('name')
    .execute();
}

export async function findBuildingRow(db: Tx, id: string): Promise<BuildingsTable | undefined> {
  return db.selectFrom('buildings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertBuilding(db: Tx, row: BuildingsTable) {
  await db.insertInto('buildings').values(row).execute();
  forgetProjectLists();
}

export async function updateBuildingRow(db: Tx, id: string, changes: Partial<BuildingsTable>) {
  await db.updateTable('buildings').set(changes).where('id', '=', id).execute();
  forgetProjectLists();
}

export async function findDoorsOfBuildings(db: Tx, buildingIds: string[]): Promise<DoorsTable[]> {
  if (buildingIds.length === 0) return [];
  return db.selectFrom('doors').selectAll().where('buildingId', 'in', buildingIds).orderBy('name').execute();
}

export async function findDoorRow(db: Tx, id: string): Promise<DoorsTable | undefined> {
  return db.selectFrom('doors').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDoor(db: Tx, row: DoorsTable) {
  await db.insertInto('doors').values(row).execute();
}

export async function updateDoorRow(db: Tx, id: string, changes: Partial<DoorsTable>) {
  await db.updateTable('doors').set(changes).where('id', '=', id).execute();
}

export async function findDepartmentsOfCompany(db: Db, companyId: string) {
  return db
    .selectFrom('departments')
    .selectAll()
    .where('companyId', '=', companyId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The company's departments in name order (id → name), for other modules' lists and sorts. */
export async function findDepartmentNames(db: Tx, companyId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('companyId', '=', companyId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function findDepartmentRow(db: Tx, id: string): Promise<DepartmentsTable | undefined> {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDepartment(db: Tx, row: DepartmentsTable) {
  await db.insertInto('departments').values(row).execute();
}

export async function updateDepartmentRow(db: Tx, id: string, changes: Partial<DepartmentsTable>) {
  await db.updateTable('departments').set(changes).where('id', '=', id).execute();
}

export async function findDesksWithProject(
  db: Db,
  companyId: string,
  filter: { projectId?: string; visible: Expression<SqlBool> },
) {
  let query = db
    .selectFrom('desks')
    .innerJoin('projects', 'projects.id', 'desks.projectId')
    .selectAll('desks')
    .select('projects.name as projectName')
    .where('projects.companyId', '=', companyId);
  if (filter.projectId) query = query.where('desks.projectId', '=', filter.projectId);
  return query.where(filter.visible).orderBy('projects.name').orderBy('desks.name').execute();
}

export async function findDeskRow(db: Tx, id: string): Promise<DesksTable | undefined> {
  return db.selectFrom('desks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDesk(db: Tx, row: DesksTable) {
  await db.insertInto('desks').values(row).execute();
  forgetProjectLists();
}

export async function updateDeskRow(db: Tx, id: string, changes: Partial<DesksTable>) {
  await db.updateTable('desks').set(changes).where('id', '=', id).execute();
  forgetProjectLists();
}

/** The ids of a company's projects, as a subquery (`where projectId in …`). */
export function projectIdsOfCompany(db: Tx, companyId: string) {
  return db.selectFrom('projects').select('projects.id').where('projects.companyId', '=', companyId);
}

/** The company of each project, by project id (for other modules' batch jobs). */
export async function findCompaniesOfProjects(db: Tx, projectIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(projectIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('projects')
    .select(['id', 'companyId'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((row) => [row.id, row.companyId]));
}

/** Every project not archived, of every company (for jobs that run per project, such as the daily report). */
export async function findActiveProjects(db: Tx) {
  return db
    .selectFrom('projects')
    .select(['id', 'companyId', 'name', 'kind'])
    .where('isArchived', '=', 0)
    .orderBy('id')
    .execute();
}

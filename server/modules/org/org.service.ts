import { type Actor, visibleProjectIds } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import { isUniqueViolation } from '../../platform/db/constraints.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import { orgErrors } from './org.errors.js';
import * as queries from './org.queries.js';
import type { DeskKind, ProjectKind } from './org.tables.js';

const entityNames = {
  company: localized('公司', '公司', 'Company'),
  project: localized('项目', '項目', 'Project'),
  building: localized('楼栋', '樓棟', 'Building'),
  door: localized('楼门', '樓門', 'Door'),
  department: localized('部门', '部門', 'Department'),
  desk: localized('接听席', '接聽席', 'Desk'),
};

function notFound(entity: keyof typeof entityNames): AppError {
  return new AppError(commonErrors.NOT_FOUND, { entity: entityNames[entity] });
}

/** Runs a change with its audit row in one transaction; a unique-index clash becomes NAME_TAKEN. */
async function auditedChange<T>(
  db: Db,
  name: string,
  change: (trx: Tx) => Promise<{ result: T; audit: Parameters<typeof writeAudit>[1] }>,
): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      const { result, audit } = await change(trx);
      await writeAudit(trx, audit);
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(orgErrors.NAME_TAKEN, { name }, { name: orgErrors.NAME_TAKEN.message });
    throw error;
  }
}

/** A project's own objects (buildings, doors, desks) are project scope: 404 outside the actor's projects. */
function assertSeesProject(actor: Actor, project: { companyId: string; id: string }): void {
  visibility(actor, 'project').assertSees(
    { companyId: project.companyId, projectId: project.id },
    entityNames.project,
  );
}

/** The company's own reference data (the company, its departments): every member of it. */
function assertSeesCompany(actor: Actor): void {
  visibility(actor, 'company').assertSees(
    { companyId: actor.companyId, projectId: null },
    entityNames.company,
  );
}

// --- company ---

/** The caller's company as the screens read it (company scope). */
export async function getOwnCompany(db: Tx, actor: Actor) {
  assertSeesCompany(actor);
  return getCompanyById(db, actor.companyId);
}

export async function getCompanyById(db: Tx, companyId: string) {
  const company = await queries.findCompany(db, companyId);
  if (!company) throw notFound('company');
  return company;
}

export async function updateCompany(
  db: Db,
  options: { actor: Actor; name: string; shortName: string; now: Date },
) {
  const { actor, now } = options;
  return auditedChange(db, options.name, async (trx) => {
    const before = await getOwnCompany(trx, actor);
    await queries.updateCompanyRow(trx, actor.companyId, {
      name: options.name,
      shortName: options.shortName,
    });
    const after = await getCompanyById(trx, actor.companyId);
    return {
      result: after,
      audit: { actor, at: now, entityType: 'company', entityId: after.id, action: 'update', before, after },
    };
  });
}

// --- projects ---

/** The projects the actor holds a role in (all of them for a company-wide grant), from the kept company list. */
export function findProjects(db: Db, actor: Actor) {
  return queries.findProjectsWithCounts(db, actor.companyId, visibility(actor, 'company').projectIds());
}

export async function getProjectById(db: Tx, actor: Pick<Actor, 'companyId'>, projectId: string) {
  const project = await queries.findProjectRow(db, projectId);
  if (!project || project.companyId !== actor.companyId) throw notFound('project');
  return project;
}

/**
 * A project the actor holds a role in (or every project, for company-wide grants). Any other
 * project answers 404, like one of another company: the caller may not know it exists.
 */
export async function getVisibleProject(db: Tx, actor: Actor, projectId: string) {
  const visible = visibleProjectIds(actor);
  if (visible && !visible.includes(projectId)) throw notFound('project');
  return getProjectById(db, actor, projectId);
}

export interface ProjectInput {
  name: string;
  kind: ProjectKind;
  city: string;
  address: string;
}

export async function createProject(db: Db, options: { actor: Actor; input: ProjectInput; now: Date }) {
  const { actor, input, now } = options;
  assertSeesCompany(actor);
  return auditedChange(db, input.name, async (trx) => {
    const row = {
      id: newId(),
      companyId: actor.companyId,
      ...input,
      isArchived: 0,
      createdAt: now.toISOString(),
    };
    await queries.insertProject(trx, row);
    return {
      result: row,
      audit: {
        actor,
        at: now,
        entityType: 'project',
        entityId: row.id,
        projectId: row.id,
        action: 'create',
        after: row,
      },
    };
  });
}

export async function updateProject(
  db: Db,
  options: {
    actor: Actor;
    projectId: string;
    changes: { name: string; city: string; address: string; isArchived: boolean };
    now: Date;
  },
) {
  const { actor, projectId, changes, now } = options;
  return auditedChange(db, changes.name, async (trx) => {
    const before = await getProjectById(trx, actor, projectId);
    assertSeesProject(actor, before);
    await queries.updateProjectRow(trx, projectId, { ...changes, isArchived: changes.isArchived ? 1 : 0 });
    const after = await getProjectById(trx, actor, projectId);
    return {
      result: after,
      audit: {
        actor,
        at: now,
        entityType: 'project',
        entityId: projectId,
        projectId,
        action: 'update',
        before,
        after,
      },
    };
  });
}

// --- buildings and doors (樓門) ---

export async function findBuildingsWithDoors(db: Db, actor: Actor, projectId: string) {
  assertSeesProject(actor, await getProjectById(db, actor, projectId));
  const buildings = await queries.findBuildingsOfProject(db, projectId);
  const doors = await queries.findDoorsOfBuildings(
    db,
    buildings.map((building) => building.id),
  );
  return buildings.map((building) => ({
    ...building,
    doors: doors
      .filter((door) => door.buildingId === building.id)
      .map((door) => ({ id: door.id, name: door.name })),
  }));
}

async function getBuildingInCompany(db: Tx, actor: Actor, buildingId: string) {
  const building = await queries.findBuildingRow(db, buildingId);
  if (!building) throw notFound('building');
  const project = await queries.findProjectRow(db, building.projectId);
  visibility(actor, 'project').assertSees(
    project && { companyId: project.companyId, projectId: project.id },
    entityNames.building,
  );
  return building;
}

export interface BuildingInput {
  name: string;
  floorCount: number | null;
  sortOrder: number;
}

export async function createBuilding(
  db: Db,
  options: { actor: Actor; projectId: string; input: BuildingInput; now: Date },
) {
  const { actor, projectId, input, now } = options;
  return auditedChange(db, input.name, async (trx) => {
    assertSeesProject(actor, await getProjectById(trx, actor, projectId));
    const row = { id: newId(), projectId, ...input, createdAt: now.toISOString() };
    await queries.insertBuilding(trx, row);
    return {
      result: row,
      audit: {
        actor,
        at: now,
        entityType: 'building',
        entityId: row.id,
        projectId,
        action: 'create',
        after: row,
      },
    };
  });
}

export async function updateBuilding(
  db: Db,
  options: { actor: Actor; buildingId: string; input: BuildingInput; now: Date },
) {
  const { actor, buildingId, input, now } = options;
  return auditedChange(db, input.name, async (trx) => {
    const before = await getBuildingInCompany(trx, actor, buildingId);
    await queries.updateBuildingRow(trx, buildingId, input);
    const after = { ...before, ...input };
    return {
      result: after,
      audit: {
        actor,
        at: now,
        entityType: 'building',
        entityId: buildingId,
        projectId: before.projectId,
        action: 'update',
        before,
        after,
      },
    };
  });
}

export async function createDoor(
  db: Db,
  options: { actor: Actor; buildingId: string; name: string; now: Date },
) {
  const { actor, buildingId, name, now } = options;
  return auditedChange(db, name, async (trx) => {
    const building = await getBuildingInCompany(trx, actor, buildingId);
    const row = { id: newId(), buildingId, name, createdAt: now.toISOString() };
    await queries.insertDoor(trx, row);
    return {
      result: row,
      audit: {
        actor,
        at: now,
        entityType: 'door',
        entityId: row.id,
        projectId: building.projectId,
        action: 'create',
        after: row,
      },
    };
  });
}

export async function updateDoor(db: Db, options: { actor: Actor; doorId: string; name: string; now: Date }) {
  const { actor, doorId, name, now } = options;
  return auditedChange(db, name, async (trx) => {
    const before = await queries.findDoorRow(trx, doorId);
    if (!before) throw notFound('door');
    const building = await getBuildingInCompany(trx, actor, before.buildingId);
    await queries.updateDoorRow(trx, doorId, { name });
    const after = { ...before, name };
    return {
      result: after,
      audit: {
        actor,
        at: now,
        entityType: 'door',
        entityId: doorId,
        projectId: building.projectId,
        action: 'update',
        before,
        after,
      },
    };
  });
}

// --- departments ---

export async function findDepartments(db: Db, actor: Actor) {
  assertSeesCompany(actor);
  const rows = await queries.findDepartmentsWithCounts(db, actor.companyId);
  return rows.map((row) => ({ ...row, staffCount: Number(row.staffCount ?? 0) }));
}

export async function getDepartmentById(db: Tx, actor: Pick<Actor, 'companyId'>, departmentId: string) {
  const department = await queries.findDepartmentRow(db, departmentId);
  if (!department || department.companyId !== actor.companyId) throw notFound('department');
  return department;
}

async function assertStaffOfCompany(db: Tx, staffId: string | null, companyId: string) {
  if (staffId && !(await queries.staffBelongsToCompany(db, staffId, companyId)))
    throw new AppError(orgErrors.UNKNOWN_STAFF, {}, { headStaffId: orgErrors.UNKNOWN_STAFF.message });
}

export async function createDepartment(
  db: Db,
  options: { actor: Actor; name: string; headStaffId: string | null; now: Date },
) {
  const { actor, name, headStaffId, now } = options;
  assertSeesCompany(actor);
  return auditedChange(db, name, async (trx) => {
    await assertStaffOfCompany(trx, headStaffId, actor.companyId);
    const row = { id: newId(), companyId: actor.companyId, name, headStaffId, createdAt: now.toISOString() };
    await queries.insertDepartment(trx, row);
    return {
      result: row,
      audit: { actor, at: now, entityType: 'department', entityId: row.id, action: 'create', after: row },
    };
  });
}

export async function updateDepartment(
  db: Db,
  options: { actor: Actor; departmentId: string; name: string; headStaffId: string | null; now: Date },
) {
  const { actor, departmentId, name, headStaffId, now } = options;
  return auditedChange(db, name, async (trx) => {
    const before = await getDepartmentById(trx, actor, departmentId);
    assertSeesCompany(actor);
    await assertStaffOfCompany(trx, headStaffId, actor.companyId);
    await queries.updateDepartmentRow(trx, departmentId, { name, headStaffId });
    const after = { ...before, name, headStaffId };
    return {
      result: after,
      audit: {
        actor,
        at: now,
        entityType: 'department',
        entityId: departmentId,
        action: 'update',
        before,
        after,
      },
    };
  });
}

// --- desks (接听席) ---

const deskKindsByProjectKind: Record<ProjectKind, DeskKind[]> = {
  sales: ['sales_line'],
  estate: ['service_centre', 'security_post'],
};

/**
 * The desks the actor may know of: by default every desk of their projects (project scope); the
 * call desk asks for the desks the actor staffs (desk scope: service centres, security posts).
 */
export async function findDesks(
  db: Db,
  actor: Actor,
  options: { projectId?: string; scope?: 'project' | 'desk' } = {},
) {
  // assertProject knows grants, not companies: a company-wide grant reaches any id, so the project is loaded too.
  if (options.projectId) {
    await getProjectById(db, actor, options.projectId);
    visibility(actor, options.scope ?? 'project').assertProject(options.projectId);
  }
  return queries.findDesksWithProject(db, actor.companyId, {
    projectId: options.projectId,
    visible: visibility(actor, options.scope ?? 'project').condition({
      projectId: 'desks.projectId',
      deskId: 'desks.id',
    }),
  });
}

export async function getDeskById(db: Tx, actor: Pick<Actor, 'companyId'>, deskId: string) {
  const desk = await queries.findDeskRow(db, deskId);
  if (!desk) throw notFound('desk');
  const project = await getProjectById(db, actor, desk.projectId);
  return { ...desk, projectName: project.name, projectKind: project.kind };
}

export interface DeskInput {
  name: string;
  kind: DeskKind;
  phone: string;
}

function assertDeskKindFits(projectKind: ProjectKind, deskKind: DeskKind) {
  if (!deskKindsByProjectKind[projectKind].includes(deskKind))
    throw new AppError(orgErrors.DESK_KIND_MISMATCH, {}, { kind: orgErrors.DESK_KIND_MISMATCH.message });
}

export async function createDesk(
  db: Db,
  options: { actor: Actor; projectId: string; input: DeskInput; now: Date },
) {
  const { actor, projectId, input, now } = options;
  return auditedChange(db, input.name, async (trx) => {
    const project = await getProjectById(trx, actor, projectId);
    assertSeesProject(actor, project);
    assertDeskKindFits(project.kind, input.kind);
    const row = { id: newId(), projectId, ...input, createdAt: now.toISOString() };
    await queries.insertDesk(trx, row);
    return {
      result: { ...row, projectName: project.name },
      audit: {
        actor,
        at: now,
        entityType: 'desk',
        entityId: row.id,
        projectId,
        action: 'create',
        after: row,
      },
    };
  });
}

export async function updateDesk(
  db: Db,
  options: { actor: Actor; deskId: string; input: DeskInput; now: Date },
) {
  const { actor, deskId, input, now } = options;
  return auditedChange(db, input.name, async (trx) => {
    const before = await getDeskById(trx, actor, deskId);
    assertSeesProject(actor, { companyId: actor.companyId, id: before.projectId });
    assertDeskKindFits(before.projectKind, input.kind);
    await queries.updateDeskRow(trx, deskId, input);
    const after = { ...before, ...input };
    return {
      result: after,
      audit: {
        actor,
        at: now,
        entityType: 'desk',
        entityId: deskId,
        projectId: before.projectId,
        action: 'update',
        before,
        after,
      },
    };
  });
}

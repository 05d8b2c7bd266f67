import type { Actor } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import * as queries from '../org.queries.js';
import { assertSeesProject, auditedChange, entityNames, notFound } from './org-access.js';
import { getProjectById } from './projects.js';

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

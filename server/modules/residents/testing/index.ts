import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { buildOrg, buildStaff, type TestOrg } from '../../../testing/factories.js';
import { findResidents } from '../residents.service.js';

export { placeKeyOf } from '../residents.rules.js';
export { buildResidentSheet, type SheetResident } from './resident-sheet.js';

import { createBuilding, createDoor } from '../../org/index.js';

/**
 * An estate with two buildings of two doors each, and the register's people: an agent and a guard
 * of the estate, a consultant of the sales project, and an agent of the sales project only.
 */
export async function buildPropertyDesk(db: Db, now: Date) {
  const org: TestOrg = await buildOrg(db, now);
  const buildings: Array<{ id: string; name: string; doors: Array<{ id: string; name: string }> }> = [];
  for (const name of ['1栋', '2栋']) {
    const building = await createBuilding(db, {
      actor: org.system,
      projectId: org.estateProjectId,
      input: { name, floorCount: 18, sortOrder: buildings.length },
      now,
    });
    const doors = [];
    for (const door of ['1单元', '2单元'])
      doors.push(await createDoor(db, { actor: org.system, buildingId: building.id, name: door, now }));
    buildings.push({ id: building.id, name, doors: doors.map((door) => ({ id: door.id, name: door.name })) });
  }
  const estate = (role: 'agent' | 'guard' | 'manager' | 'consultant') => [
    { role, projectId: org.estateProjectId },
  ];
  const agent = await buildStaff(db, org, { roles: estate('agent'), displayName: '陈客服' });
  const guard = await buildStaff(db, org, { roles: estate('guard'), displayName: '吴保安' });
  const consultant = await buildStaff(db, org, {
    roles: [{ role: 'consultant', projectId: org.salesProjectId }, ...estate('consultant')],
    displayName: '张顾问',
  });
  const salesAgent = await buildStaff(db, org, {
    roles: [{ role: 'agent', projectId: org.salesProjectId }],
    displayName: '林客服',
  });
  return { org, buildings, agent, guard, consultant, salesAgent };
}

export type ListFilters = Partial<Parameters<typeof findResidents>[1]>;

/** The register as `actor` reads it at `now`: everyone not moved out, by place, unless told otherwise. */
export function listResidentsAt(db: Db, actor: Actor, now: Date, filters: ListFilters = {}) {
  return findResidents(db, {
    actor,
    includeMovedOut: false,
    sort: 'place',
    order: 'asc',
    offset: 0,
    limit: 200,
    now,
    ...filters,
  });
}

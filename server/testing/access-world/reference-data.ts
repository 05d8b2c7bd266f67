import { deals } from '../../modules/deals/testing/index.js';
import { createPriceListDraft, createUnits, decidePriceList } from '../../modules/inventory/index.js';
import { createBuilding, createDepartment, createDesk, createDoor } from '../../modules/org/index.js';
import type { SiteContext } from './site.js';

/** Company reference data (a building, a door, a desk of each kind), then units priced and approved. */
export async function buildReferenceData(ctx: SiteContext) {
  const { db, site, now, mark, add, projectId, system, other, controller, manager, estate } = ctx;
  // Company reference data.
  const building = await createBuilding(db, {
    actor: system,
    projectId,
    input: { name: `${mark}楼`, floorCount: 3, sortOrder: 0 },
    now,
  });
  add('building', building.id, { table: 'buildings' });
  const door = await createDoor(db, { actor: system, buildingId: building.id, name: `${mark}门`, now });
  add('door', door.id, { table: 'doors' });
  const service = await createDesk(db, {
    actor: system,
    projectId: site.estateProjectId,
    input: { name: `${mark}客服中心`, kind: 'service_centre', phone: '0755-1234567' },
    now,
  });
  const post = await createDesk(db, {
    actor: system,
    projectId: site.estateProjectId,
    input: { name: `${mark}卡口`, kind: 'security_post', phone: '0755-7654321' },
    now,
  });
  add('desk', service.id, { table: 'desks', scoped: { ...estate, deskKind: 'service_centre' } });
  add('desk', post.id, { table: 'desks', scoped: { ...estate, deskKind: 'security_post' } });
  if (site.name !== 'p1') {
    add('staff', other.staffId, { table: 'staff', scoped: { projectId: null } });
    const department = await createDepartment(db, {
      actor: system,
      name: `${mark}部`,
      headStaffId: null,
      now,
    });
    add('department', department.id, { table: 'departments', scoped: { projectId: null } });
  }

  // Units, priced and approved; forms for agreements.
  const units = await createUnits(db, {
    actor: controller,
    projectId,
    units: [1, 2, 3, 4].map((position) => ({
      buildingId: building.id,
      buildingName: `${mark}楼`,
      floor: 1,
      position,
      number: `10${position}`,
      layout: '三室两厅',
      buildingAreaDm2: 8950,
      innerAreaDm2: 7210,
      orientation: '南',
    })),
    now,
  });
  for (const unit of units) add('unit', unit.id, { table: 'units' });
  const draft = await createPriceListDraft(db, {
    actor: controller,
    projectId,
    name: `${mark}价目表`,
    note: '',
    prices: units.map((unit) => ({ unitId: unit.id, unitPriceFen: 2_000_000 })),
    now,
  });
  await decidePriceList(db, { actor: manager, priceListId: draft.id, decision: 'approve', note: '', now });
  add('priceList', draft.id, { markers: [`${mark}价目表`], table: 'priceLists' });
  await deals.issueFormBatch(db, {
    actor: manager,
    projectId,
    prefix: 'RG',
    firstSerial: 1,
    lastSerial: 3,
    width: 6,
    note: '',
    now,
  });
  return { building, service, post, units };
}

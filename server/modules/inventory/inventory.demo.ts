import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { findBuildingsWithDoors } from '../org/index.js';
import { changeUnitStatusInTransaction, createUnits, type NewUnitInput } from './inventory.service.js';
import { createPriceListDraft, decidePriceList } from './price-lists.service.js';

export interface SalesDemoActors {
  controller: Actor;
  manager: Actor;
}

const plans = [
  { layout: '三室两厅', area: 11860, inner: 9420, orientation: '南' },
  { layout: '两室两厅', area: 8950, inner: 7180, orientation: '南' },
  { layout: '两室两厅', area: 8950, inner: 7180, orientation: '北' },
  { layout: '三室两厅', area: 11860, inner: 9420, orientation: '南北' },
  { layout: '四室两厅', area: 14320, inner: 11560, orientation: '南北' },
];

/**
 * 翠湖花园's units: 1栋 18 floors × 8, 2栋 16 floors × 10 (304 units), an approved price list
 * (drafted by the controller, approved by the manager) and a few units reserved by management.
 */
export async function seedInventoryDemo(
  db: Db,
  options: { actors: SalesDemoActors; salesProjectId: string; now: Date },
) {
  const { actors, salesProjectId, now } = options;
  const buildings = await findBuildingsWithDoors(db, actors.controller, salesProjectId);
  const units: NewUnitInput[] = [];
  for (const [index, building] of buildings.entries()) {
    const perFloor = index === 0 ? 8 : 10;
    for (let floor = 1; floor <= (building.floorCount ?? 18); floor++)
      for (let position = 1; position <= perFloor; position++) {
        const plan = position > 8 ? plans[4] : plans[[0, 1, 2, 3][(position - 1) % 4]];
        units.push({
          buildingId: building.id,
          buildingName: building.name,
          floor,
          position,
          number: `${floor}${String(position).padStart(2, '0')}`,
          layout: plan.layout,
          buildingAreaDm2: plan.area,
          innerAreaDm2: plan.inner,
          orientation: plan.orientation,
        });
      }
  }
  const created = await createUnits(db, { actor: actors.controller, projectId: salesProjectId, units, now });
  // 32,800 yuan/m² base, +260 per floor up, +1,200 for south-facing: a typical Shenzhen price sheet.
  const prices = created.map((unit) => ({
    unitId: unit.id,
    unitPriceFen: (32_800 + unit.floor * 260 + (unit.orientation.startsWith('南') ? 1_200 : 0)) * 100,
  }));
  const draft = await createPriceListDraft(db, {
    actor: actors.controller,
    projectId: salesProjectId,
    name: '首期价目表',
    note: '开盘价',
    prices,
    now,
  });
  await decidePriceList(db, {
    actor: actors.manager,
    priceListId: draft.id,
    decision: 'approve',
    note: '同意按此价格开盘',
    now,
  });
  for (const unit of created.filter((row) => row.label.startsWith('1栋') && row.floor === 18).slice(0, 3))
    await changeUnitStatusInTransaction(db, {
      actor: actors.manager,
      unitId: unit.id,
      from: ['for_sale'],
      to: 'reserved',
      reason: '公司保留房源',
      now,
    });
  return created;
}

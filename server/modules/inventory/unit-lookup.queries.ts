import type { Tx } from '../../platform/db/database.js';

/**
 * The units of a building with this number (one per 单元 that has it): the residents register
 * links a resident to the inventory unit it finds by building and room.
 */
export async function findUnitsByNumber(db: Tx, options: { buildingId: string; number: string }) {
  return db
    .selectFrom('units')
    .select(['id', 'projectId', 'section', 'number', 'label', 'buyerCustomerId'])
    .where('buildingId', '=', options.buildingId)
    .where('number', '=', options.number)
    .execute();
}

/** Where a unit is: its building, 单元 and number (a deal's move-in makes the buyer its owner). */
export async function findUnitPlace(db: Tx, unitId: string) {
  return db
    .selectFrom('units')
    .select(['id', 'projectId', 'buildingId', 'section', 'number'])
    .where('id', '=', unitId)
    .executeTakeFirst();
}

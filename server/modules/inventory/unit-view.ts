import type { Unit } from '../../../contracts/inventory.js';
import type * as queries from './inventory.queries.js';
import { effectiveStatus, formatAreaM2 } from './inventory.rules.js';

/** A unit as other modules and the API see it (areas as m² strings with 2 decimals, money in fen). */
export type UnitView = Unit;

export function toUnitView(row: queries.UnitRow, now: Date): UnitView {
  const status = effectiveStatus(row, now);
  const isHeld = status === 'held';
  return {
    id: row.id,
    projectId: row.projectId,
    buildingId: row.buildingId,
    buildingName: row.buildingName,
    section: row.section,
    floor: row.floor,
    position: row.position,
    number: row.number,
    label: row.label,
    layout: row.layout,
    buildingArea: formatAreaM2(row.buildingAreaDm2),
    innerArea: formatAreaM2(row.innerAreaDm2),
    orientation: row.orientation,
    listUnitPriceFen: row.listUnitPriceFen === null ? null : Number(row.listUnitPriceFen),
    listTotalFen: row.listTotalFen === null ? null : Number(row.listTotalFen),
    priceListId: row.priceListId,
    priceListVersion: row.priceListVersion,
    status,
    holderStaffId: isHeld ? row.holderStaffId : null,
    holderStaffName: isHeld ? row.holderStaffName : null,
    holdCustomerId: isHeld ? row.holdCustomerId : null,
    holdExpiresAt: isHeld ? row.holdExpiresAt : null,
    buyerCustomerId: row.buyerCustomerId,
    openingEventId: row.openingEventId,
    statusChangedAt: row.statusChangedAt,
    version: row.version,
    soldBeforeSystem: Number(row.soldBeforeSystem) === 1,
  };
}

import type * as queries from './inventory.queries.js';
import { effectiveStatus, formatAreaM2 } from './inventory.rules.js';
import type { UnitStatus } from './inventory.tables.js';

/** A unit as other modules and the API see it (areas as m² strings with 2 decimals, money in fen). */
export interface UnitView {
  id: string;
  projectId: string;
  buildingId: string;
  buildingName: string;
  section: string;
  floor: number;
  position: number;
  number: string;
  /** 房号 label, e.g. '1栋-1201'. */
  label: string;
  layout: string;
  buildingArea: string;
  innerArea: string;
  orientation: string;
  listUnitPriceFen: number | null;
  listTotalFen: number | null;
  priceListId: string | null;
  priceListVersion: number | null;
  /** Effective status: a hold past its expiry reads as for_sale even before the expiry job ran. */
  status: UnitStatus;
  holderStaffId: string | null;
  holderStaffName: string | null;
  holdCustomerId: string | null;
  holdExpiresAt: string | null;
  buyerCustomerId: string | null;
  openingEventId: string | null;
  statusChangedAt: string;
  version: number;
  /** Imported already sold or subscribed (系统前已售). */
  soldBeforeSystem: boolean;
}

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

import type { UnitStatus } from '../../../contracts/inventory-board.js';

export type { UnitStatus };

export type PriceListStatus = 'draft' | 'approved' | 'rejected' | 'superseded';

export interface UnitsTable {
  id: string;
  projectId: string;
  buildingId: string;
  /** 单元 (entrance within a building), '' when the building has one. */
  section: string;
  floor: number;
  /** Column on the board: the unit's place along its floor (01, 02 … of 1201, 1202). */
  position: number;
  /** 房号 as the office writes it, e.g. '1201'. */
  number: string;
  /** Full label, e.g. '1栋-1201' or '1栋-2单元-1201'. */
  label: string;
  layout: string;
  buildingAreaDm2: number;
  innerAreaDm2: number;
  orientation: string;
  listUnitPriceFen: number | null;
  listTotalFen: number | null;
  priceListId: string | null;
  priceListVersion: number | null;
  status: UnitStatus;
  holderStaffId: string | null;
  holdCustomerId: string | null;
  holdExpiresAt: string | null;
  buyerCustomerId: string | null;
  openingEventId: string | null;
  openingBuyerId: string | null;
  statusChangedAt: string;
  version: number;
  createdAt: string;
  /** 1 when the unit was imported already sold or subscribed (系统前已售): it has no deal here. */
  soldBeforeSystem: number;
}

export interface UnitHistoryTable {
  id: string;
  unitId: string;
  projectId: string;
  action: string;
  fromStatus: UnitStatus | null;
  toStatus: UnitStatus;
  actorId: string | null;
  actorName: string;
  customerId: string | null;
  holdExpiresAt: string | null;
  reason: string;
  at: string;
}

export interface PriceListsTable {
  id: string;
  projectId: string;
  version: number;
  name: string;
  note: string;
  status: PriceListStatus;
  itemCount: number;
  createdBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string;
}

export interface PriceListItemsTable {
  priceListId: string;
  unitId: string;
  unitPriceFen: number;
  totalFen: number;
}

export interface InventoryTables {
  units: UnitsTable;
  unitHistory: UnitHistoryTable;
  priceLists: PriceListsTable;
  priceListItems: PriceListItemsTable;
}

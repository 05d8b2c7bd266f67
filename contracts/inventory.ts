/**
 * Inventory's answers as both sides see them (server/modules/inventory answers, checked against
 * its zod schemas in inventory.schemas.ts; web/modules/inventory/inventory.api.ts reads them).
 * The board's compact cells are in inventory-board.ts.
 */
import type { UnitStatus } from './inventory-board.js';

export type { Board, BoardCell, BoardStats, UnitStatus } from './inventory-board.js';

export interface UnitPatch {
  id: string;
  status: UnitStatus;
  version: number;
  holderStaffId: string | null;
  holderStaffName: string | null;
  holdExpiresAt: string | null;
  holdCustomerId: string | null;
  buyerCustomerId: string | null;
}

export interface Unit {
  id: string;
  projectId: string;
  buildingId: string;
  buildingName: string;
  section: string;
  floor: number;
  position: number;
  number: string;
  label: string;
  layout: string;
  buildingArea: string;
  innerArea: string;
  orientation: string;
  listUnitPriceFen: number | null;
  listTotalFen: number | null;
  priceListId: string | null;
  priceListVersion: number | null;
  status: UnitStatus;
  holderStaffId: string | null;
  holderStaffName: string | null;
  holdCustomerId: string | null;
  holdExpiresAt: string | null;
  buyerCustomerId: string | null;
  openingEventId: string | null;
  statusChangedAt: string;
  version: number;
  /** Imported already sold or subscribed (系统前已售): no deal, receipt or buyer here. */
  soldBeforeSystem: boolean;
}

export interface UnitHistoryEntry {
  id: string;
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

export interface PriceList {
  id: string;
  projectId: string;
  version: number;
  name: string;
  note: string;
  status: 'draft' | 'approved' | 'rejected' | 'superseded';
  itemCount: number;
  createdBy: string;
  createdByName: string | null;
  createdAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string;
}

export type PriceListStatus = PriceList['status'];

export interface PriceListItem {
  unitId: string;
  label: string;
  buildingArea: string;
  unitPriceFen: number;
  totalFen: number;
  currentUnitPriceFen: number | null;
  currentTotalFen: number | null;
}

export interface ImportPreview {
  rows: Array<{
    rowNumber: number;
    building: string;
    section: string;
    floor: number | null;
    number: string;
    layout: string;
    buildingArea: string | null;
    innerArea: string | null;
    orientation: string;
    unitPriceFen: number | null;
    totalFen: number | null;
    sheet: string;
    status: UnitStatus;
    statusText: string;
    soldBeforeSystem: boolean;
    action: 'create' | 'update' | 'unchanged' | 'error';
    errors: string[];
    warnings: string[];
  }>;
  newBuildings: string[];
  sheets: Array<{
    name: string;
    hidden: boolean;
    headerRow: number | null;
    skipped: 'hidden' | 'no_header' | null;
    rows: number;
    create: number;
    update: number;
    error: number;
    soldBeforeSystem: number;
  }>;
  statusMapping: Array<{ text: string; status: UnitStatus; count: number }>;
  summary: {
    total: number;
    create: number;
    update: number;
    error: number;
    priced: number;
    soldBeforeSystem: number;
    warnings: number;
  };
}

export interface ImportResult {
  created: number;
  updated: number;
  skipped: number;
  soldBeforeSystem: number;
  newBuildings: string[];
  priceListId: string | null;
}

/** One of a project's layouts (户型) as its units name it. */
export interface ProjectLayout {
  layout: string;
  unitCount: number;
  minAreaDm2: number;
  maxAreaDm2: number;
}

/** GET /api/inventory/units/:id */
export interface UnitDetail {
  unit: Unit;
  history: UnitHistoryEntry[];
  /** Names of the customers the history names, by id. */
  customers: Record<string, string>;
}

/** GET /api/inventory/price-lists/:id */
export interface PriceListDetail {
  priceList: PriceList;
  items: PriceListItem[];
}

export interface ListResult<T> {
  items: T[];
}

import type { Board, BoardCell, BoardStats, UnitStatus } from '../../../contracts/inventory-board';
import { api, type Query } from '../../app/api';

export type { Board, BoardCell, BoardStats, UnitStatus };

export const unitStatuses: UnitStatus[] = [
  'for_sale',
  'held',
  'reserved',
  'deposited',
  'subscribed',
  'contracted',
  'sold',
  'not_for_sale',
];
export const soldStatuses: UnitStatus[] = ['deposited', 'subscribed', 'contracted', 'sold'];

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
  floor: number;
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
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string;
}

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

export const inventoryApi = {
  findLayouts: (projectId: string, signal?: AbortSignal) =>
    api.get<{ items: ProjectLayout[] }>(`/inventory/projects/${projectId}/layouts`, undefined, signal),
  board: (projectId: string, signal?: AbortSignal) =>
    api.get<Board>(`/inventory/projects/${projectId}/board`, undefined, signal),
  unit: (unitId: string, signal?: AbortSignal) =>
    api.get<{ unit: Unit; history: UnitHistoryEntry[]; customers: Record<string, string> }>(
      `/inventory/units/${unitId}`,
      undefined,
      signal,
    ),
  hold: (unitId: string, body: { customerId: string; minutes?: number }) =>
    api.post<Unit>(`/inventory/units/${unitId}/hold`, body),
  release: (unitId: string, reason: string) =>
    api.post<Unit>(`/inventory/units/${unitId}/release`, { reason }),
  extend: (unitId: string, minutes?: number) =>
    api.post<Unit>(`/inventory/units/${unitId}/extend`, { minutes, reason: '' }),
  setStatus: (
    unitId: string,
    body: { from: UnitStatus; to: 'for_sale' | 'not_for_sale' | 'reserved'; reason: string },
  ) => api.post<Unit>(`/inventory/units/${unitId}/status`, body),
  priceLists: (projectId: string, signal?: AbortSignal) =>
    api.get<{ items: PriceList[] }>(`/inventory/projects/${projectId}/price-lists`, undefined, signal),
  priceList: (id: string, signal?: AbortSignal) =>
    api.get<{ priceList: PriceList; items: PriceListItem[] }>(
      `/inventory/price-lists/${id}`,
      undefined,
      signal,
    ),
  decide: (id: string, decision: 'approve' | 'reject', note: string) =>
    api.post<PriceList>(`/inventory/price-lists/${id}/${decision}`, { note }),
  preview: (projectId: string, file: File) =>
    api.upload<ImportPreview>(`/inventory/projects/${projectId}/import/preview`, file),
  commit: (projectId: string, file: File, mode: 'all' | 'valid_only') =>
    api.upload<ImportResult>(`/inventory/projects/${projectId}/import/commit`, file, { fields: { mode } }),
  customers: (projectId: string, q: string, scope: 'mine' | 'all', signal?: AbortSignal) =>
    api.get<{ items: Array<{ id: string; name: string }> }>(
      '/customers',
      { projectId, q, scope, pageSize: 20 } satisfies Query,
      signal,
    ),
};

export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function m2(dm2: number): string {
  return (dm2 / 100).toFixed(2);
}

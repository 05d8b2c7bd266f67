import type {
  Board,
  ImportPreview,
  ImportResult,
  PriceList,
  PriceListDetail,
  ProjectLayout,
  Unit,
  UnitDetail,
  UnitStatus,
} from '../../../contracts/inventory';
import { api, type Query } from '../../app/api';

export type {
  Board,
  BoardCell,
  BoardStats,
  ImportPreview,
  ImportResult,
  PriceList,
  PriceListItem,
  ProjectLayout,
  Unit,
  UnitHistoryEntry,
  UnitPatch,
  UnitStatus,
} from '../../../contracts/inventory';

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

export const inventoryApi = {
  findLayouts: (projectId: string, signal?: AbortSignal) =>
    api.get<{ items: ProjectLayout[] }>(`/inventory/projects/${projectId}/layouts`, undefined, signal),
  board: (projectId: string, signal?: AbortSignal) =>
    api.get<Board>(`/inventory/projects/${projectId}/board`, undefined, signal),
  unit: (unitId: string, signal?: AbortSignal) =>
    api.get<UnitDetail>(`/inventory/units/${unitId}`, undefined, signal),
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
    api.get<PriceListDetail>(`/inventory/price-lists/${id}`, undefined, signal),
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

import {
  type Board,
  type BoardCell,
  type BoardStats,
  m2,
  soldStatuses,
  type UnitPatch,
  unitStatuses,
} from '../inventory.api';

/** The board's filters (building, status, layout, floor range …), applied in the browser. */
export interface Filters {
  layout?: string;
  areaMin?: number | null;
  areaMax?: number | null;
  priceMin?: number | null;
  priceMax?: number | null;
  soldBeforeOnly?: boolean;
}

export function matches(cell: BoardCell, filters: Filters): boolean {
  if (filters.layout && cell.l !== filters.layout) return false;
  if (filters.soldBeforeOnly && cell.sb !== 1) return false;
  const area = cell.a / 100;
  if (filters.areaMin != null && area < filters.areaMin) return false;
  if (filters.areaMax != null && area > filters.areaMax) return false;
  const total = cell.tp === null ? null : cell.tp / 1_000_000;
  if (filters.priceMin != null && (total === null || total < filters.priceMin)) return false;
  if (filters.priceMax != null && (total === null || total > filters.priceMax)) return false;
  return true;
}

/** Counts, sold area and amounts from the cells themselves, so live patches keep them right. */
export function statsOf(cells: BoardCell[]): BoardStats {
  const byStatus = Object.fromEntries(unitStatuses.map((status) => [status, 0])) as BoardStats['byStatus'];
  let soldCount = 0;
  let soldAreaDm2 = 0;
  let soldAmountFen = 0;
  let availableAmountFen = 0;
  for (const cell of cells) {
    byStatus[cell.s] += 1;
    if (soldStatuses.includes(cell.s)) {
      soldCount += 1;
      soldAreaDm2 += cell.a;
      soldAmountFen += cell.tp ?? 0;
    } else if (cell.s === 'for_sale') availableAmountFen += cell.tp ?? 0;
  }
  return {
    total: cells.length,
    byStatus,
    soldCount,
    soldArea: m2(soldAreaDm2),
    soldAmountFen,
    availableAmountFen,
  };
}

export function applyPatches(board: Board, patches: UnitPatch[]): Board {
  const byId = new Map(patches.map((patch) => [patch.id, patch]));
  const staffNames = { ...board.staffNames };
  for (const patch of patches)
    if (patch.holderStaffId && patch.holderStaffName) staffNames[patch.holderStaffId] = patch.holderStaffName;
  return {
    ...board,
    staffNames,
    buildings: board.buildings.map((building) => ({
      ...building,
      units: building.units.map((cell) => {
        const patch = byId.get(cell.i);
        // Events can arrive out of order after a reconnect: a lower version never overwrites a higher one.
        if (!patch || patch.version < cell.v) return cell;
        return {
          ...cell,
          s: patch.status,
          v: patch.version,
          hs:
            patch.status === 'held' || patch.status === 'reserved'
              ? (patch.holderStaffId ?? undefined)
              : undefined,
          he: patch.holdExpiresAt ?? undefined,
          hc: patch.holdCustomerId ?? undefined,
          bc: patch.buyerCustomerId ?? undefined,
        };
      }),
    })),
  };
}

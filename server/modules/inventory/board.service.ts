import type { Board, BoardCell, BoardStats, UnitStatus } from '../../../contracts/inventory-board.js';
import type { Actor } from '../../platform/auth/actor.js';
import { createCache } from '../../platform/cache.js';
import type { Db } from '../../platform/db/database.js';
import { findBuildingsWithDoors } from '../org/index.js';
import { findStaffNames } from '../staff/index.js';
import * as queries from './inventory.queries.js';
import { formatAreaM2, soldStatuses, unitStatuses } from './inventory.rules.js';
import { getProjectOfMember } from './inventory.service.js';

export type { Board, BoardCell, BoardStats };

function emptyStats(): {
  total: number;
  byStatus: Record<UnitStatus, number>;
  soldCount: number;
  soldAreaDm2: number;
  soldAmountFen: number;
  availableAmountFen: number;
} {
  return {
    total: 0,
    byStatus: Object.fromEntries(unitStatuses.map((status) => [status, 0])) as Record<UnitStatus, number>,
    soldCount: 0,
    soldAreaDm2: 0,
    soldAmountFen: 0,
    availableAmountFen: 0,
  };
}

function finish(stats: ReturnType<typeof emptyStats>): BoardStats {
  const { soldAreaDm2, ...rest } = stats;
  return { ...rest, soldArea: formatAreaM2(soldAreaDm2) };
}

const sold = new Set<UnitStatus>(soldStatuses);

/** The whole project's board in one query; statuses are effective (expired holds read as for sale). */
export async function getBoard(db: Db, actor: Actor, projectId: string, now: Date): Promise<Board> {
  const project = await getProjectOfMember(db, actor, projectId);
  const buildings = await findBuildingsWithDoors(db, actor, projectId);
  const rows = await queries.findBoardRows(db, projectId);
  const projectStats = emptyStats();
  const perBuilding = new Map(
    buildings.map((building) => [
      building.id,
      {
        stats: emptyStats(),
        floors: new Set<number>(),
        positions: new Set<number>(),
        units: [] as BoardCell[],
      },
    ]),
  );
  const holders = new Set<string>();
  const nowIso = now.toISOString();
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    const status =
      row.status === 'held' && row.holdExpiresAt !== null && row.holdExpiresAt <= nowIso
        ? 'for_sale'
        : row.status;
    const cell: BoardCell = {
      i: row.id,
      f: row.floor,
      p: row.position,
      n: row.number,
      l: row.layout,
      a: row.buildingAreaDm2,
      ia: row.innerAreaDm2,
      o: row.orientation,
      up: row.listUnitPriceFen === null ? null : Number(row.listUnitPriceFen),
      tp: row.listTotalFen === null ? null : Number(row.listTotalFen),
      s: status,
      v: row.version,
    };
    if (status === 'held') {
      cell.hs = row.holderStaffId ?? undefined;
      cell.he = row.holdExpiresAt ?? undefined;
      cell.hc = row.holdCustomerId ?? undefined;
      if (row.holderStaffId) holders.add(row.holderStaffId);
    }
    if (row.status === 'reserved' && row.holderStaffId) {
      cell.hs = row.holderStaffId;
      holders.add(row.holderStaffId);
    }
    if (row.section) cell.sec = row.section;
    if (row.buyerCustomerId) cell.bc = row.buyerCustomerId;
    if (Number(row.soldBeforeSystem) === 1) cell.sb = 1;
    const building = perBuilding.get(row.buildingId);
    building?.units.push(cell);
    for (const stats of building ? [projectStats, building.stats] : [projectStats]) {
      stats.total += 1;
      stats.byStatus[status] += 1;
      if (sold.has(status)) {
        stats.soldCount += 1;
        stats.soldAreaDm2 += row.buildingAreaDm2;
        stats.soldAmountFen += Number(row.listTotalFen ?? 0);
      } else if (status === 'for_sale') stats.availableAmountFen += Number(row.listTotalFen ?? 0);
    }
    building?.floors.add(row.floor);
    building?.positions.add(row.position);
  }
  const staffNames = Object.fromEntries(await findStaffNames(db, [...holders]));
  return {
    serverTime: nowIso,
    projectId,
    projectName: project.name,
    buildings: buildings.map((building) => {
      const entry = perBuilding.get(building.id)!;
      const floors = [...entry.floors].sort((a, b) => b - a);
      // Floors with no unit inside the building's height still show as empty rows.
      if (building.floorCount && floors.length)
        for (let floor = building.floorCount; floor >= 1; floor--)
          if (!entry.floors.has(floor)) floors.push(floor);
      return {
        id: building.id,
        name: building.name,
        floors: [...new Set(floors)].sort((a, b) => b - a),
        positions: [...entry.positions].sort((a, b) => a - b),
        stats: finish(entry.stats),
        units: entry.units,
      };
    }),
    staffNames,
    stats: finish(projectStats),
  };
}

/**
 * The board as JSON, from a per-process cache while nothing on it changed: the fingerprint (unit
 * count, sum of versions — every change bumps a version — and the next hold expiry) is one
 * aggregate query, so an unchanged 10,000-unit board costs that query instead of a rebuild.
 */
const boardCache = createCache<{ key: string; body: string; validUntil: string | null }>({
  name: 'inventory-board',
  max: 100,
  // The fingerprint decides; the lifetime only lets an idle project's board go.
  ttlMs: 10 * 60_000,
});

export async function getBoardJson(db: Db, actor: Actor, projectId: string, now: Date): Promise<string> {
  // Checked before the cache is read: a cached board is served only to members of its project.
  await getProjectOfMember(db, actor, projectId);
  const [fingerprint, buildings] = await Promise.all([
    queries.findBoardFingerprint(db, projectId),
    findBuildingsWithDoors(db, actor, projectId),
  ]);
  const key = `${fingerprint.unitCount}|${fingerprint.versionSum}|${buildings.map((building) => `${building.id}:${building.name}:${building.floorCount}`).join(',')}`;
  const nowIso = now.toISOString();
  const cached = boardCache.get(db, projectId);
  if (cached && cached.key === key && (cached.validUntil === null || nowIso < cached.validUntil)) {
    // serverTime must be now, not when the cache was filled: the countdowns read it.
    return cached.body.replace(/"serverTime":"[^"]*"/, `"serverTime":"${nowIso}"`);
  }
  const body = JSON.stringify(await getBoard(db, actor, projectId, now));
  const validUntil =
    fingerprint.nextExpiry && fingerprint.nextExpiry > nowIso ? fingerprint.nextExpiry : null;
  boardCache.set(db, projectId, { key, body, validUntil });
  return body;
}

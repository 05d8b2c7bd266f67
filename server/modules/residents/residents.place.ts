import type { Actor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { findUnitsByNumber } from '../inventory/index.js';
import { findBuildingsWithDoors } from '../org/index.js';
import { buildingKey, doorKey, placeKeyOf, roomKey } from './residents.rules.js';

export interface PlaceInput {
  buildingName: string;
  doorName: string;
  room: string;
  locationText: string;
}

export interface ResolvedPlace extends PlaceInput {
  buildingId: string | null;
  doorId: string | null;
  unitId: string | null;
  placeKey: string;
  /** The buyer the inventory unit was sold to, if any (a deal's customer). */
  unitBuyerCustomerId: string | null;
}

/**
 * A project's buildings and doors, read once per form or import: a resident's building and door
 * are linked to the project's own (for CS-4's search by building and door) and the room to the
 * inventory unit when the project's units are in inventory; otherwise the words stay as typed.
 */
export async function loadPlaceBook(db: Tx, actor: Actor, projectId: string) {
  const buildings = await findBuildingsWithDoors(db as Db, actor, projectId);
  const byKey = new Map(buildings.map((building) => [buildingKey(building.name), building]));
  return {
    async resolve(input: PlaceInput): Promise<ResolvedPlace> {
      const building = input.buildingName.trim() ? byKey.get(buildingKey(input.buildingName)) : undefined;
      const door = building?.doors.find((known) => doorKey(known.name) === doorKey(input.doorName));
      let unitId: string | null = null;
      let unitBuyerCustomerId: string | null = null;
      if (building && input.room.trim()) {
        const number = roomKey(input.room);
        const units = (await findUnitsByNumber(db, { buildingId: building.id, number })).filter(
          (unit) => unit.projectId === projectId,
        );
        const unit =
          units.find((candidate) => doorKey(candidate.section) === doorKey(input.doorName)) ??
          (units.length === 1 ? units[0] : undefined);
        unitId = unit?.id ?? null;
        unitBuyerCustomerId = unit?.buyerCustomerId ?? null;
      }
      return {
        buildingName: building?.name ?? input.buildingName.normalize('NFKC').trim(),
        doorName: door?.name ?? input.doorName.normalize('NFKC').trim(),
        room: input.room.normalize('NFKC').trim(),
        locationText: input.locationText.trim(),
        buildingId: building?.id ?? null,
        doorId: door?.id ?? null,
        unitId,
        unitBuyerCustomerId,
        placeKey: placeKeyOf(input),
      };
    },
  };
}

export type PlaceBook = Awaited<ReturnType<typeof loadPlaceBook>>;

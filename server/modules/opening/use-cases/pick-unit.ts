import type { Db } from '../../../platform/db/database.js';
import { AppError, type ErrorDefinition, type ErrorParams } from '../../../platform/errors.js';
import { availabilityOf, type BuyerSession, eventSnapshot, forgetAvailability } from '../opening.caches.js';
import { openingErrors } from '../opening.errors.js';
import { pickBatcherFor } from '../opening.picks.js';
import * as pickQueries from '../opening.picks.queries.js';
import { eventPhase } from '../opening.rules.js';

// --- public: availability (cached for reads) and the pick (never cached) ---

/** The offered units and whether each is still free, as a JSON string (cached, see availabilityOf). */
export function getAvailabilityJson(db: Db, eventId: string, now: Date): Promise<string> {
  return availabilityOf(db, eventId, async () => {
    const rows = await pickQueries.findOfferedUnits(db, eventId);
    const nowIso = now.toISOString();
    const units = rows.map((row) => ({
      id: row.id,
      label: row.label,
      buildingId: row.buildingId,
      buildingName: row.buildingName,
      floor: row.floor,
      position: row.position,
      number: row.number,
      layout: row.layout,
      buildingAreaDm2: row.buildingAreaDm2,
      innerAreaDm2: row.innerAreaDm2,
      orientation: row.orientation,
      listUnitPriceFen: row.listUnitPriceFen === null ? null : Number(row.listUnitPriceFen),
      listTotalFen: row.listTotalFen === null ? null : Number(row.listTotalFen),
      isAvailable:
        row.status === 'for_sale' ||
        (row.status === 'held' && row.holdExpiresAt !== null && row.holdExpiresAt <= nowIso),
    }));
    return JSON.stringify({ units, serverTime: nowIso });
  });
}

/** An expected way for a pick to lose (taken, over the limit): answered, not thrown (see opening.routes.ts). */
export interface PickRefusal {
  refusal: ErrorDefinition;
  params: ErrorParams;
}

export interface PickConfirmation {
  pickId: string;
  unitId: string;
  pickedAt: string;
  listTotalFen: number | null;
}

/**
 * A buyer picks a unit: checks in memory that the event is open, the unit offered and the
 * buyer under their limit, then the batcher makes the conditional updates. First valid pick wins.
 * A lost race or a reached limit comes back as a refusal rather than a thrown AppError: in the
 * rush one pick in seven loses, and each thrown error captured a stack nobody reads.
 */
export async function pickUnit(
  db: Db,
  options: { session: BuyerSession; unitId: string; now: Date },
): Promise<PickConfirmation | PickRefusal> {
  const { session, unitId, now } = options;
  const snapshot = await eventSnapshot(db, session.eventId);
  const { event } = snapshot;
  if (eventPhase(event, now) !== 'open') throw new AppError(openingErrors.OPENING_NOT_OPEN);
  if (!snapshot.offered.has(unitId)) throw new AppError(openingErrors.UNIT_NOT_OFFERED);
  if (session.pickCount >= event.perBuyerLimit)
    return { refusal: openingErrors.PICK_LIMIT_REACHED, params: { limit: event.perBuyerLimit } };
  const outcome = await pickBatcherFor(db).submit({
    eventId: event.id,
    projectId: event.projectId,
    companyId: snapshot.companyId,
    unitId,
    buyerId: session.buyerId,
    buyerName: session.name,
    customerId: session.customerId,
    perBuyerLimit: event.perBuyerLimit,
    now,
  });
  if (outcome.result === 'taken') return { refusal: openingErrors.UNIT_TAKEN, params: {} };
  if (outcome.result === 'limit') {
    session.pickCount = event.perBuyerLimit;
    return { refusal: openingErrors.PICK_LIMIT_REACHED, params: { limit: event.perBuyerLimit } };
  }
  session.pickCount += 1;
  forgetAvailability(db, event.id);
  return {
    pickId: outcome.pick.id,
    unitId,
    pickedAt: outcome.pick.pickedAt,
    listTotalFen: outcome.pick.listTotalFen === null ? null : Number(outcome.pick.listTotalFen),
  };
}

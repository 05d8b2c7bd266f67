import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { publishLive } from '../../../platform/live/index.js';
import { writeAudit } from '../../audit/index.js';
import * as queries from '../inventory.queries.js';
import { getProjectOfMember, mayAct } from './unit-access.js';

export interface NewUnitInput {
  buildingId: string;
  buildingName: string;
  section?: string;
  floor: number;
  position: number;
  number: string;
  layout: string;
  buildingAreaDm2: number;
  innerAreaDm2: number;
  orientation: string;
  status?: 'for_sale' | 'not_for_sale';
}

/** Creates units in bulk (a floor-plan generator, the demo data, benchmarks): one transaction, one audit row. */
export async function createUnits(
  db: Db,
  options: { actor: Actor; projectId: string; units: NewUnitInput[]; now: Date },
) {
  const { actor, projectId, now } = options;
  await getProjectOfMember(db, actor, projectId);
  if (!mayAct(actor, projectId, ['controller', 'manager'])) throw new AppError(commonErrors.FORBIDDEN);
  const nowIso = now.toISOString();
  const rows = options.units.map((unit) => ({
    id: newId(),
    projectId,
    buildingId: unit.buildingId,
    section: unit.section ?? '',
    floor: unit.floor,
    position: unit.position,
    number: unit.number,
    label: [unit.buildingName, unit.section, unit.number].filter(Boolean).join('-'),
    layout: unit.layout,
    buildingAreaDm2: unit.buildingAreaDm2,
    innerAreaDm2: unit.innerAreaDm2,
    orientation: unit.orientation,
    listUnitPriceFen: null,
    listTotalFen: null,
    priceListId: null,
    priceListVersion: null,
    status: unit.status ?? ('for_sale' as const),
    holderStaffId: null,
    holdCustomerId: null,
    holdExpiresAt: null,
    buyerCustomerId: null,
    openingEventId: null,
    openingBuyerId: null,
    statusChangedAt: nowIso,
    version: 1,
    createdAt: nowIso,
    soldBeforeSystem: 0,
  }));
  await db.transaction().execute(async (trx) => {
    await queries.insertUnits(trx, rows);
    await publishLive(
      trx,
      { topic: `board:${projectId}`, type: 'board.reload', payload: { reason: 'units_created' } },
      now,
    );
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'unit_import',
      entityId: newId(),
      projectId,
      action: 'create_units',
      after: { count: rows.length, unitIds: rows.map((row) => row.id) },
    });
  });
  return rows;
}

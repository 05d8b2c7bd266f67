import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import * as queries from '../inventory.queries.js';
import { toUnitView, type UnitView } from '../unit-view.js';
import { getProjectOfMember, getVisibleUnitRow } from './unit-access.js';

export async function getUnitAt(db: Tx, actor: Actor, unitId: string, now: Date): Promise<UnitView> {
  return toUnitView(await getVisibleUnitRow(db, actor, unitId), now);
}

/** The unit's status story, newest first. */
/**
 * The project's layouts (户型) as its units name them, with unit counts and area range: the options of
 * a customer's intent (意向户型) and of a selling point's layout (SA-6).
 */
export async function findProjectLayouts(db: Tx, actor: Actor, projectId: string) {
  await getProjectOfMember(db, actor, projectId);
  const rows = await queries.findLayoutsOfProject(db, projectId);
  return rows.map((row) => ({
    layout: row.layout,
    unitCount: Number(row.unitCount),
    minAreaDm2: Number(row.minAreaDm2),
    maxAreaDm2: Number(row.maxAreaDm2),
  }));
}

export async function findUnitHistory(db: Tx, actor: Actor, unitId: string) {
  await getVisibleUnitRow(db, actor, unitId);
  return queries.findUnitHistory(db, unitId);
}

/** UNIT_NOT_AVAILABLE with the reason worded in every language (the code stays one). */

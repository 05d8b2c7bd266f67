import { type Actor, systemActor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { publishLive } from '../../../platform/live/index.js';
import { writeAudit } from '../../audit/index.js';
import { findCompaniesOfProjects } from '../../org/index.js';
import { inventoryErrors } from '../inventory.errors.js';
import * as queries from '../inventory.queries.js';
import { effectiveStatus } from '../inventory.rules.js';
import { toUnitView } from '../unit-view.js';
import {
  boardPatch,
  changeUnitStatus,
  historyRow,
  holdMinutesFor,
  type TransitionOptions,
} from './transition-unit.js';
import { getVisibleUnitRow, mayAct, unitNotFound } from './unit-access.js';

// --- holds (锁定) ---

/** Holds a for-sale unit for a customer for the project's hold time (controllers and managers may choose the minutes). */
export async function holdUnit(
  db: Db,
  options: { actor: Actor; unitId: string; customerId: string; minutes?: number; now: Date },
) {
  return db.transaction().execute(async (trx) => {
    const minutes = await allowedMinutes(trx, options);
    return changeUnitStatus(trx, {
      actor: options.actor,
      unitId: options.unitId,
      from: ['for_sale'],
      to: 'held',
      customerId: options.customerId,
      holdMinutes: minutes,
      now: options.now,
    });
  });
}

/** Ends a hold: the holder may release their own, the controller and the manager any. */
export async function releaseHold(
  db: Db,
  options: { actor: Actor; unitId: string; reason?: string; now: Date },
) {
  return db.transaction().execute((trx) =>
    changeUnitStatus(trx, {
      actor: options.actor,
      unitId: options.unitId,
      from: ['held'],
      to: 'for_sale',
      reason: options.reason,
      now: options.now,
    }),
  );
}

/** Pushes a live hold's expiry out (controller, manager). */
export async function extendHold(
  db: Db,
  options: { actor: Actor; unitId: string; minutes?: number; reason?: string; now: Date },
) {
  return db.transaction().execute(async (trx) => {
    const minutes = await allowedMinutes(trx, options);
    return changeUnitStatus(trx, {
      actor: options.actor,
      unitId: options.unitId,
      from: ['held'],
      to: 'held',
      holdMinutes: minutes,
      reason: options.reason,
      now: options.now,
    });
  });
}

/** Consultants take the project's hold time; the controller and the manager may set their own (1 min – 24 h). */
async function allowedMinutes(
  trx: Tx,
  options: { actor: Actor; unitId: string; minutes?: number },
): Promise<number | undefined> {
  if (options.minutes === undefined) return undefined;
  const row = await getVisibleUnitRow(trx, options.actor, options.unitId);
  const standard = await holdMinutesFor(trx, options.actor, row.projectId);
  return mayAct(options.actor, row.projectId, ['controller', 'manager'])
    ? options.minutes
    : Math.min(options.minutes, standard);
}

/** Any other move of the state machine, in its own transaction (reserve, open for sale, cancel …). */
export async function changeUnitStatusInTransaction(db: Db, options: TransitionOptions) {
  return db.transaction().execute((trx) => changeUnitStatus(trx, options));
}

/**
 * SA-12 re-verification for the deals module: throws HOLD_MISMATCH unless the unit is held, for
 * this customer, and the hold has not expired.
 */
export async function assertHeldFor(
  trx: Tx,
  options: { unitId: string; customerId: string; now: Date },
): Promise<void> {
  const row = await queries.findUnitRow(trx, options.unitId, { lock: true });
  if (!row) throw unitNotFound();
  if (effectiveStatus(row, options.now) !== 'held' || row.holdCustomerId !== options.customerId)
    throw new AppError(inventoryErrors.HOLD_MISMATCH, { unit: row.label });
}

/**
 * Releases every hold whose time is up (the durable job runs it at each expiry; reads and moves
 * treat an expired hold as for sale anyway, so correctness never waits for it).
 */
export async function expireHolds(db: Db, options: { now: Date }): Promise<number> {
  const nowIso = options.now.toISOString();
  let released = 0;
  for (;;) {
    const expired = await queries.findExpiredHolds(db, nowIso, 100);
    const companies = await findCompaniesOfProjects(
      db,
      expired.map((unit) => unit.projectId),
    );
    const due = expired.map((unit) => ({ ...unit, companyId: companies.get(unit.projectId)! }));
    if (due.length === 0) return released;
    await db.transaction().execute(async (trx) => {
      const byProject = new Map<string, string[]>();
      for (const unit of due) {
        const won = await queries.updateUnitStatusIf(trx, {
          unitId: unit.id,
          from: ['held'],
          change: { status: 'for_sale', holderStaffId: null, holdCustomerId: null, holdExpiresAt: null },
          nowIso,
          // Only a hold that is still expired (not extended meanwhile) is released.
          requireLiveHold: false,
        });
        if (!won) continue;
        released += 1;
        await queries.insertUnitHistory(trx, [
          historyRow(unit, {
            action: 'expire',
            from: 'held',
            to: 'for_sale',
            actor: null,
            customerId: unit.holdCustomerId,
            at: unit.holdExpiresAt ?? nowIso,
          }),
        ]);
        byProject.set(unit.projectId, [...(byProject.get(unit.projectId) ?? []), unit.id]);
      }
      for (const [projectId, unitIds] of byProject) {
        const rows = (await Promise.all(unitIds.map((id) => queries.findUnitRow(trx, id)))).filter(
          (row) => row !== undefined,
        );
        const patches = rows.map((row) => boardPatch(toUnitView(row, options.now)));
        await publishLive(
          trx,
          { topic: `board:${projectId}`, type: 'units.changed', payload: { units: patches } },
          options.now,
        );
        const companyId = due.find((unit) => unit.projectId === projectId)!.companyId;
        for (const row of rows)
          await writeAudit(trx, {
            actor: systemActor(companyId),
            at: options.now,
            entityType: 'unit',
            entityId: row.id,
            projectId,
            action: 'expire',
            before: {
              status: 'held',
              holdCustomerId: due.find((unit) => unit.id === row.id)?.holdCustomerId ?? null,
            },
            after: { status: row.status, version: row.version },
          });
      }
    });
    if (due.length < 100) return released;
  }
}

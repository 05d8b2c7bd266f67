import type { Localized } from '../../../contracts/locales.js';
import type { Role } from '../../../contracts/roles.js';
import { type Actor, hasAnyRole, systemActor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { scheduleJob } from '../../platform/jobs/index.js';
import { publishLive } from '../../platform/live/index.js';
import { writeAudit } from '../audit/index.js';
import { getCustomerById } from '../customers/index.js';
import { getProjectById } from '../org/index.js';
import { getSetting } from '../settings/index.js';
import { actionNames, inventoryErrors, statusNames } from './inventory.errors.js';
import * as queries from './inventory.queries.js';
import {
  effectiveStatus,
  findTransition,
  formatAreaM2,
  holdExpiry,
  type UnitAction,
} from './inventory.rules.js';
import type { UnitHistoryTable, UnitStatus } from './inventory.tables.js';

export const holdExpiryJobKind = 'inventory.expireHolds';

/** A unit as other modules and the API see it (areas as m² strings with 2 decimals, money in fen). */
export interface UnitView {
  id: string;
  projectId: string;
  buildingId: string;
  buildingName: string;
  section: string;
  floor: number;
  position: number;
  number: string;
  /** 房号 label, e.g. '1栋-1201'. */
  label: string;
  layout: string;
  buildingArea: string;
  innerArea: string;
  orientation: string;
  listUnitPriceFen: number | null;
  listTotalFen: number | null;
  priceListId: string | null;
  priceListVersion: number | null;
  /** Effective status: a hold past its expiry reads as for_sale even before the expiry job ran. */
  status: UnitStatus;
  holderStaffId: string | null;
  holderStaffName: string | null;
  holdCustomerId: string | null;
  holdExpiresAt: string | null;
  buyerCustomerId: string | null;
  openingEventId: string | null;
  statusChangedAt: string;
  version: number;
  /** Imported already sold or subscribed (系统前已售). */
  soldBeforeSystem: boolean;
}

export function toUnitView(row: queries.UnitRow, now: Date): UnitView {
  const status = effectiveStatus(row, now);
  const isHeld = status === 'held';
  return {
    id: row.id,
    projectId: row.projectId,
    buildingId: row.buildingId,
    buildingName: row.buildingName,
    section: row.section,
    floor: row.floor,
    position: row.position,
    number: row.number,
    label: row.label,
    layout: row.layout,
    buildingArea: formatAreaM2(row.buildingAreaDm2),
    innerArea: formatAreaM2(row.innerAreaDm2),
    orientation: row.orientation,
    listUnitPriceFen: row.listUnitPriceFen === null ? null : Number(row.listUnitPriceFen),
    listTotalFen: row.listTotalFen === null ? null : Number(row.listTotalFen),
    priceListId: row.priceListId,
    priceListVersion: row.priceListVersion,
    status,
    holderStaffId: isHeld ? row.holderStaffId : null,
    holderStaffName: isHeld ? row.holderStaffName : null,
    holdCustomerId: isHeld ? row.holdCustomerId : null,
    holdExpiresAt: isHeld ? row.holdExpiresAt : null,
    buyerCustomerId: row.buyerCustomerId,
    openingEventId: row.openingEventId,
    statusChangedAt: row.statusChangedAt,
    version: row.version,
    soldBeforeSystem: Number(row.soldBeforeSystem) === 1,
  };
}

const unitEntity = localized('房号', '房號', 'Unit');

function unitNotFound(): AppError {
  return new AppError(commonErrors.NOT_FOUND, { entity: unitEntity });
}

/** Roles the actor holds in a project (company-wide grants count everywhere). */
/** Whether the actor may make a move reserved to some roles in the project (the system may make any). */
export function mayAct(actor: Actor, projectId: string, allowed: readonly Role[]): boolean {
  return hasAnyRole(actor, allowed, projectId);
}

const projectEntity = localized('项目', '項目', 'Project');

/**
 * The project of inventory objects (units, buildings, price lists, the board, imports), when the
 * actor works in it (the project scope); NOT_FOUND otherwise, naming what was asked for: another
 * company's or project's objects do not exist for the caller.
 */
export async function getProjectOfMember(db: Tx, actor: Actor, projectId: string, entity = projectEntity) {
  let project: Awaited<ReturnType<typeof getProjectById>>;
  try {
    project = await getProjectById(db, actor, projectId);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(commonErrors.NOT_FOUND, { entity });
    throw error;
  }
  visibility(actor, 'project').assertSees({ companyId: project.companyId, projectId: project.id }, entity);
  return project;
}

async function getVisibleUnitRow(
  db: Tx,
  actor: Actor,
  unitId: string,
  lock = false,
): Promise<queries.UnitRow> {
  const row = await queries.findUnitRow(db, unitId, { lock });
  if (!row) throw unitNotFound();
  await getProjectOfMember(db, actor, row.projectId, unitEntity);
  return row;
}

/**
 * One unit as it stands at the caller's clock (a hold past its expiry reads as for sale), for the
 * board's drawer and for other modules (deals). Throws NOT_FOUND when not visible.
 */
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
export function unitNotAvailable(label: string, reason: Localized): AppError {
  const base = inventoryErrors.UNIT_NOT_AVAILABLE;
  const message = {
    'zh-CN': base.message['zh-CN'].replace('{reason}', reason['zh-CN']),
    'zh-TW': base.message['zh-TW'].replace('{reason}', reason['zh-TW']),
    en: base.message.en.replace('{reason}', reason.en),
  };
  return new AppError({ ...base, message }, { unit: label });
}

function describeState(row: queries.UnitRow, now: Date, customerId?: string | null): Localized {
  const status = effectiveStatus(row, now);
  if (row.status === 'held' && status === 'for_sale' && customerId !== undefined)
    return localized('锁定已过期。', '鎖定已過期。', 'the hold has expired.');
  if (status === 'held') {
    const who = row.holderStaffName ?? '';
    const until = row.holdExpiresAt ? shanghaiClock(row.holdExpiresAt) : '';
    if (customerId !== undefined && customerId !== null && row.holdCustomerId !== customerId)
      return localized(
        `已由${who}为其他客户锁定(至 ${until})。`,
        `已由${who}為其他客戶鎖定(至 ${until})。`,
        `held by ${who} for another customer (until ${until}).`,
      );
    return localized(
      `已由${who}锁定(至 ${until})。`,
      `已由${who}鎖定(至 ${until})。`,
      `held by ${who} (until ${until}).`,
    );
  }
  const name = statusNames[status];
  return localized(
    `当前状态为“${name['zh-CN']}”。`,
    `目前狀態為「${name['zh-TW']}」。`,
    `it is now "${name.en}".`,
  );
}

function shanghaiClock(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);
}

export interface TransitionOptions {
  actor: Actor;
  unitId: string;
  from: UnitStatus[];
  to: UnitStatus;
  customerId?: string | null;
  reason?: string;
  now: Date;
}

interface InternalTransition extends TransitionOptions {
  holdMinutes?: number;
}

/**
 * Moves a unit from one of `from` to `to`, inside the caller's transaction: checks the state
 * machine and the actor's role, then makes ONE conditional UPDATE (status still in `from`; out
 * of a hold only while it is live — and, into a deposit, only for the hold's customer, SA-12),
 * checks that it changed exactly one row, and writes the unit history, the audit row and the
 * live event for every open board. A lost race throws UNIT_NOT_AVAILABLE (409).
 */
export async function transitionUnit(trx: Tx, options: TransitionOptions): Promise<UnitView> {
  return changeUnitStatus(trx, options);
}

async function changeUnitStatus(trx: Tx, options: InternalTransition): Promise<UnitView> {
  const { actor, unitId, to, now } = options;
  const nowIso = now.toISOString();
  const row = await getVisibleUnitRow(trx, actor, unitId, true);
  const current = effectiveStatus(row, now);

  // Extending keeps the status: it is the held → held move.
  const moves = options.from.map((from) => ({ from, transition: findTransition(from, to) }));
  const illegal = moves.find((move) => !move.transition);
  if (illegal)
    throw new AppError(inventoryErrors.ILLEGAL_TRANSITION, {
      unit: row.label,
      from: statusNames[illegal.from][actor.locale],
      to: statusNames[to][actor.locale],
    });
  const move = moves.find((candidate) => candidate.from === current) ?? moves[0];
  const transition = move.transition!;
  if (!mayAct(actor, row.projectId, transition.roles))
    throw new AppError(inventoryErrors.TRANSITION_FORBIDDEN, {
      unit: row.label,
      action: actionNames[transition.action][actor.locale],
    });
  if (!options.from.includes(current))
    throw unitNotAvailable(row.label, describeState(row, now, options.customerId));

  const isControl = mayAct(actor, row.projectId, ['controller', 'manager']);
  let holderStaffId: string | null | undefined;
  let holdCustomerId: string | null | undefined;
  let change: queries.UnitChange;
  let action: UnitAction = transition.action;

  if (to === 'held' && current === 'held') {
    // Extend: same holder and customer, a later expiry.
    const minutes = options.holdMinutes ?? (await holdMinutesFor(trx, actor, row.projectId));
    const base = row.holdExpiresAt && row.holdExpiresAt > nowIso ? new Date(row.holdExpiresAt) : now;
    change = { status: 'held', holdExpiresAt: holdExpiry(base, minutes) };
    action = 'extend';
  } else if (to === 'held') {
    if (!options.customerId)
      throw new AppError(
        commonErrors.VALIDATION_FAILED,
        {},
        { customerId: localized('必填', '必填', 'Required') },
      );
    await assertCustomerOfProject(trx, actor, options.customerId, row.projectId);
    const minutes = options.holdMinutes ?? (await holdMinutesFor(trx, actor, row.projectId));
    change = {
      status: 'held',
      holderStaffId: actor.staffId,
      holdCustomerId: options.customerId,
      holdExpiresAt: holdExpiry(now, minutes),
      buyerCustomerId: null,
    };
  } else if (to === 'deposited') {
    // SA-12: the deposit re-verifies that the unit is held, live, for this very customer.
    holdCustomerId = options.customerId ?? null;
    if (!holdCustomerId) throw new AppError(inventoryErrors.HOLD_MISMATCH, { unit: row.label });
    if (current === 'held' && row.holdCustomerId !== holdCustomerId)
      throw new AppError(inventoryErrors.HOLD_MISMATCH, { unit: row.label });
    change = {
      status: 'deposited',
      buyerCustomerId: holdCustomerId,
      holdCustomerId: null,
      holdExpiresAt: null,
    };
  } else if (to === 'subscribed' || to === 'contracted' || to === 'sold') {
    change = { status: to };
  } else {
    // for_sale, not_for_sale, reserved: nobody holds or buys it any more.
    if (current === 'held' && to === 'for_sale' && !isControl) holderStaffId = actor.staffId;
    change = {
      status: to,
      holderStaffId: null,
      holdCustomerId: null,
      holdExpiresAt: null,
      buyerCustomerId: null,
      openingEventId: null,
      openingBuyerId: null,
    };
    if (to === 'reserved') change.holderStaffId = actor.staffId;
  }
  if (current === 'held' && to === 'for_sale' && !isControl && row.holderStaffId !== actor.staffId)
    throw new AppError(inventoryErrors.TRANSITION_FORBIDDEN, {
      unit: row.label,
      action: actionNames.release[actor.locale],
    });

  const won = await queries.updateUnitStatusIf(trx, {
    unitId,
    from: options.from,
    change,
    nowIso,
    requireLiveHold: options.from.includes('held') && to !== 'for_sale',
    holdCustomerId,
    holderStaffId,
  });
  if (!won) {
    const after = await queries.findUnitRow(trx, unitId);
    if (to === 'deposited' && after && after.status === 'held')
      throw new AppError(inventoryErrors.HOLD_MISMATCH, { unit: row.label });
    throw unitNotAvailable(
      row.label,
      after ? describeState(after, now, options.customerId) : localized('已删除。', '已刪除。', 'deleted.'),
    );
  }

  const history: UnitHistoryTable[] = [];
  if (row.status === 'held' && current === 'for_sale')
    history.push(
      historyRow(row, {
        action: 'expire',
        from: 'held',
        to: 'for_sale',
        actor: null,
        customerId: row.holdCustomerId,
        at: row.holdExpiresAt ?? nowIso,
      }),
    );
  history.push(
    historyRow(row, {
      action,
      from: current,
      to,
      actor,
      customerId:
        change.holdCustomerId ?? change.buyerCustomerId ?? options.customerId ?? row.holdCustomerId ?? null,
      holdExpiresAt: change.holdExpiresAt ?? null,
      reason: options.reason ?? '',
      at: nowIso,
    }),
  );
  await queries.insertUnitHistory(trx, history);
  if (change.status === 'held' && change.holdExpiresAt)
    await scheduleJob(trx, {
      kind: holdExpiryJobKind,
      runAt: new Date(change.holdExpiresAt),
      payload: { unitId },
      dedupeKey: `${holdExpiryJobKind}:${unitId}:${change.holdExpiresAt}`,
      now,
    });
  const after = toUnitView((await queries.findUnitRow(trx, unitId))!, now);
  await publishLive(
    trx,
    { topic: `board:${row.projectId}`, type: 'units.changed', payload: { units: [boardPatch(after)] } },
    now,
  );
  await writeAudit(trx, {
    actor,
    at: now,
    entityType: 'unit',
    entityId: unitId,
    projectId: row.projectId,
    action,
    before: {
      status: current,
      holderStaffId: row.holderStaffId,
      holdCustomerId: row.holdCustomerId,
      holdExpiresAt: row.holdExpiresAt,
      buyerCustomerId: row.buyerCustomerId,
      version: row.version,
    },
    after: {
      status: after.status,
      holderStaffId: after.holderStaffId,
      holdCustomerId: after.holdCustomerId,
      holdExpiresAt: after.holdExpiresAt,
      buyerCustomerId: after.buyerCustomerId,
      version: after.version,
      reason: options.reason ?? '',
    },
  });
  return after;
}

/** The small change a board applies without refetching. */
export function boardPatch(
  unit: Pick<
    UnitView,
    | 'id'
    | 'status'
    | 'version'
    | 'holderStaffId'
    | 'holderStaffName'
    | 'holdExpiresAt'
    | 'holdCustomerId'
    | 'buyerCustomerId'
  >,
) {
  return {
    id: unit.id,
    status: unit.status,
    version: unit.version,
    holderStaffId: unit.holderStaffId,
    holderStaffName: unit.holderStaffName,
    holdExpiresAt: unit.holdExpiresAt,
    holdCustomerId: unit.holdCustomerId,
    buyerCustomerId: unit.buyerCustomerId,
  };
}

export function historyRow(
  unit: { id: string; projectId: string },
  entry: {
    action: UnitAction;
    from: UnitStatus | null;
    to: UnitStatus;
    actor: Pick<Actor, 'staffId' | 'displayName'> | null;
    customerId?: string | null;
    holdExpiresAt?: string | null;
    reason?: string;
    at: string;
  },
): UnitHistoryTable {
  return {
    id: newId(),
    unitId: unit.id,
    projectId: unit.projectId,
    action: entry.action,
    fromStatus: entry.from,
    toStatus: entry.to,
    actorId: entry.actor && entry.actor.staffId !== 'system' ? entry.actor.staffId : null,
    actorName: entry.actor?.displayName ?? 'system',
    customerId: entry.customerId ?? null,
    holdExpiresAt: entry.holdExpiresAt ?? null,
    reason: entry.reason ?? '',
    at: entry.at,
  };
}

/** Appends unit history rows (the opening's picks write theirs in their own lean transaction). */
export async function recordUnitHistory(trx: Tx, rows: UnitHistoryTable[]) {
  await queries.insertUnitHistory(trx, rows);
}

async function holdMinutesFor(db: Tx, actor: Actor, projectId: string): Promise<number> {
  return getSetting(db, 'inventory.holdMinutes', { companyId: actor.companyId, projectId });
}

async function assertCustomerOfProject(db: Tx, actor: Actor, customerId: string, projectId: string) {
  const customer = await getCustomerById(db, actor, customerId);
  if (customer.projectId !== projectId)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      {
        customerId: localized(
          '该客户不属于本项目。',
          '該客戶不屬於本項目。',
          'The customer belongs to another project.',
        ),
      },
    );
}

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
    const due = await queries.findExpiredHolds(db, nowIso, 100);
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

import type { Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { scheduleJob } from '../../../platform/jobs/index.js';
import { publishLive } from '../../../platform/live/index.js';
import { writeAudit } from '../../audit/index.js';
import { getCustomerById } from '../../customers/index.js';
import { getSetting } from '../../settings/index.js';
import { actionNames, inventoryErrors, statusNames } from '../inventory.errors.js';
import * as queries from '../inventory.queries.js';
import { effectiveStatus, findTransition, holdExpiry, type UnitAction } from '../inventory.rules.js';
import type { UnitHistoryTable, UnitStatus } from '../inventory.tables.js';
import { toUnitView, type UnitView } from '../unit-view.js';
import { getVisibleUnitRow, mayAct } from './unit-access.js';

export const holdExpiryJobKind = 'inventory.expireHolds';

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

export async function changeUnitStatus(trx: Tx, options: InternalTransition): Promise<UnitView> {
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

export async function holdMinutesFor(db: Tx, actor: Actor, projectId: string): Promise<number> {
  return getSetting(db, 'inventory.holdMinutes', { companyId: actor.companyId, projectId });
}

export async function assertCustomerOfProject(db: Tx, actor: Actor, customerId: string, projectId: string) {
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

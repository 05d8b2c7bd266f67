import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { publishLive } from '../../../platform/live/index.js';
import { maskPhone } from '../../../platform/privacy/mask.js';
import { writeAudit } from '../../audit/index.js';
import { findUnitStatuses } from '../../inventory/index.js';
import { forgetEvent } from '../opening.caches.js';
import { openingErrors } from '../opening.errors.js';
import * as queries from '../opening.queries.js';
import { eventPhase } from '../opening.rules.js';
import type { OpeningEventsTable } from '../opening.tables.js';
import { assertProjectMember, getEventForStaff, isControl, projectEntity } from './staff-access.js';

export interface EventInput {
  name: string;
  startsAt: string;
  endsAt: string;
  perBuyerLimit: number;
  unitIds: string[];
}

function assertWindow(input: EventInput) {
  if (input.endsAt <= input.startsAt)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      { endsAt: localized('结束时间须晚于开始时间', '結束時間須晚於開始時間', 'Must be after the start') },
    );
}

async function assertOfferable(
  db: Tx,
  projectId: string,
  unitIds: string[],
  eventId: string | null,
  now: Date,
) {
  const unique = [...new Set(unitIds)];
  const rows = await findUnitStatuses(db, projectId, unique);
  const nowIso = now.toISOString();
  const fine = rows.filter(
    (row) =>
      row.status === 'for_sale' ||
      (row.status === 'held' && row.holdExpiresAt !== null && row.holdExpiresAt <= nowIso),
  );
  const bad = unique.length - fine.length;
  if (bad > 0 && eventId === null) throw new AppError(openingErrors.UNITS_NOT_OFFERABLE, { count: bad });
  return unique;
}

export async function createOpeningEvent(
  db: Db,
  options: { actor: Actor; projectId: string; input: EventInput; now: Date },
) {
  const { actor, projectId, input, now } = options;
  await assertProjectMember(db, actor, projectId, projectEntity);
  if (!isControl(actor, projectId)) throw new AppError(commonErrors.FORBIDDEN);
  assertWindow(input);
  return db.transaction().execute(async (trx) => {
    const unitIds = await assertOfferable(trx, projectId, input.unitIds, null, now);
    const row: OpeningEventsTable = {
      id: newId(),
      projectId,
      name: input.name,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      perBuyerLimit: input.perBuyerLimit,
      isCancelled: 0,
      createdBy: actor.staffId,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await queries.insertEvent(trx, row);
    await queries.replaceEventUnits(trx, row.id, unitIds);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'opening_event',
      entityId: row.id,
      projectId,
      action: 'create',
      after: { ...row, unitCount: unitIds.length },
    });
    return row;
  });
}

/** Tells the buyers' pages (and the staff console) that the event changed. */
async function announceEventChange(trx: Tx, event: { id: string }, now: Date) {
  await publishLive(
    trx,
    { topic: `opening:${event.id}`, type: 'event.changed', payload: { eventId: event.id } },
    now,
  );
}

function eventAudit(actor: Actor, event: { id: string; projectId: string }, now: Date) {
  return {
    actor,
    at: now,
    entityType: 'opening_event',
    entityId: event.id,
    projectId: event.projectId,
  };
}

export async function updateOpeningEvent(
  db: Db,
  options: { actor: Actor; eventId: string; input: EventInput; now: Date },
) {
  const { actor, input, now } = options;
  const before = await getEventForStaff(db, actor, options.eventId, { manage: true });
  if (eventPhase(before, now) !== 'upcoming') throw new AppError(openingErrors.OPENING_STARTED);
  assertWindow(input);
  const result = await db.transaction().execute(async (trx) => {
    const unitIds = await assertOfferable(trx, before.projectId, input.unitIds, null, now);
    const changes = {
      name: input.name,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      perBuyerLimit: input.perBuyerLimit,
      updatedAt: now.toISOString(),
    };
    await queries.updateEventRow(trx, before.id, changes);
    await queries.replaceEventUnits(trx, before.id, unitIds);
    await announceEventChange(trx, before, now);
    await writeAudit(trx, {
      ...eventAudit(actor, before, now),
      action: 'update',
      before,
      after: { ...changes, unitCount: unitIds.length },
    });
    return { ...before, ...changes };
  });
  forgetEvent(db, before.id);
  return result;
}

export async function cancelOpeningEvent(db: Db, options: { actor: Actor; eventId: string; now: Date }) {
  const { actor, now } = options;
  const before = await getEventForStaff(db, actor, options.eventId, { manage: true });
  const result = await db.transaction().execute(async (trx) => {
    await queries.updateEventRow(trx, before.id, { isCancelled: 1, updatedAt: now.toISOString() });
    await announceEventChange(trx, before, now);
    await writeAudit(trx, {
      ...eventAudit(actor, before, now),
      action: 'cancel',
      before: { isCancelled: 0 },
      after: { isCancelled: 1 },
    });
    return { ...before, isCancelled: 1 };
  });
  forgetEvent(db, before.id);
  return result;
}

export async function findOpeningEvents(db: Db, actor: Actor, projectId: string, now: Date) {
  await assertProjectMember(db, actor, projectId, projectEntity);
  const rows = await queries.findEventsOfProject(db, projectId);
  return rows.map((row) => ({
    ...row,
    phase: eventPhase(row, now),
    unitCount: Number(row.unitCount ?? 0),
    buyerCount: Number(row.buyerCount ?? 0),
    pickCount: Number(row.pickCount ?? 0),
  }));
}

export async function getOpeningEvent(db: Db, actor: Actor, eventId: string, now: Date) {
  const event = await getEventForStaff(db, actor, eventId);
  const canManage = isControl(actor, event.projectId);
  const [unitIds, buyers, picks] = await Promise.all([
    queries.findEventUnitIds(db, eventId),
    queries.findBuyersOfEvent(db, eventId),
    queries.findPicksOfEvent(db, eventId),
  ]);
  return {
    event: { ...event, phase: eventPhase(event, now) },
    unitIds,
    buyers: buyers.map((buyer) => ({
      id: buyer.id,
      name: buyer.name,
      // Masked for staff too (PRIV): the buyer's whole number is theirs and the code sender's only.
      phone: maskPhone(buyer.phone),
      idNumberMasked: buyer.idNumberMasked,
      idVerified: buyer.idVerifiedAt !== null,
      idVerifiedByName: buyer.idVerifiedByName ?? null,
      idVerifiedAt: buyer.idVerifiedAt,
      pledgeNumber: buyer.pledgeNumber,
      customerId: buyer.customerId,
      pickCount: buyer.pickCount,
      // Without an SMS channel (demo installs) staff read the code to the buyer.
      demoCode:
        canManage && buyer.codeExpiresAt && buyer.codeExpiresAt > now.toISOString() ? buyer.demoCode : null,
    })),
    picks: picks.map((pick) => ({
      ...pick,
      listTotalFen: pick.listTotalFen === null ? null : Number(pick.listTotalFen),
    })),
  };
}

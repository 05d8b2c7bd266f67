import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import {
  addCalendarDays,
  atShanghaiTime,
  loadWorkingCalendar,
  reminderInstant,
  shanghaiDate,
  type WorkingCalendar,
} from '../../notify/index.js';
import { getSetting } from '../../settings/index.js';
import { customerErrors } from '../customers.errors.js';
import { scheduleFollowUpReminder } from '../customers.notify.js';
import { findOwnerConsents } from '../customers.owner-consent.js';
import * as queries from '../customers.queries.js';
import { isProjectManager } from '../customers.rules.js';
import { assertSalesProject, getVisibleCustomerRow, recordCustomerEvent } from '../customers.service.js';
import type { FollowUpsTable } from '../customers.tables.js';

/**
 * Check-in times after move-in: each offset (days, a setting) at 10:00 Beijing time that day; with
 * a working calendar a check-in due on a rest day is planned on the working day before it (never
 * before `now`: then it keeps its own day).
 */
export function checkInTimes(
  movedInAt: Date,
  offsets: number[],
  calendar?: WorkingCalendar,
  now?: Date,
): Date[] {
  return offsets.map((days) => {
    const day = addCalendarDays(shanghaiDate(movedInAt), days);
    const nominal = atShanghaiTime(day, '10:00');
    if (!calendar || !now) return nominal;
    return reminderInstant(day, '10:00', calendar, now) ?? nominal;
  });
}

/**
 * SA-17/SA-18: records the move-in (入伙) and schedules the after-sales check-ins that ask how
 * the owner is living. Deals may call it when a unit is handed over.
 */
export async function recordMoveIn(
  trx: Tx,
  options: { actor: Actor; customerId: string; movedInAt: Date; now: Date },
) {
  const { actor, customerId, movedInAt, now } = options;
  const customer = await getVisibleCustomerRow(trx, actor, customerId);
  if (customer.isErased) throw new AppError(customerErrors.CUSTOMER_ERASED);
  const offsets = await getSetting(trx, 'sales.afterSalesCheckinDays', {
    companyId: actor.companyId,
    projectId: customer.projectId,
  });
  const calendar = await loadWorkingCalendar(trx, {
    companyId: actor.companyId,
    projectId: customer.projectId,
  });
  const at = now.toISOString();
  await queries.updateCustomerRow(trx, customerId, { movedInAt: movedInAt.toISOString(), updatedAt: at });
  // SA-18: after-move-in care goes only to owners who consented (the property desk's register).
  const isSkippedForConsent = await isAfterSalesCareRefused(trx, actor, customerId);
  const rows: FollowUpsTable[] = isSkippedForConsent
    ? []
    : checkInTimes(movedInAt, offsets, calendar, now).map((plannedAt, index) => ({
        id: newId(),
        projectId: customer.projectId,
        customerId,
        staffId: customer.ownerStaffId ?? actor.staffId,
        kind: 'after_sales',
        plannedAt: plannedAt.toISOString(),
        theme: `入伙后第 ${offsets[index]} 天回访:了解居住情况`,
        channel: 'phone',
        status: 'planned',
        outcome: '',
        doneAt: null,
        remindedAt: null,
        createdAt: at,
        updatedAt: at,
      }));
  for (const row of rows) {
    await queries.insertFollowUp(trx, row);
    await scheduleFollowUpReminder(trx, { companyId: actor.companyId, followUp: row, now });
  }
  await recordCustomerEvent(trx, {
    actor,
    customerId,
    kind: 'move_in',
    summary: isSkippedForConsent
      ? '入伙，业主未同意入伙后回访，未安排回访'
      : `入伙,已安排 ${rows.length} 次入伙后回访`,
    at: now,
  });
  await writeAudit(trx, {
    actor,
    at: now,
    projectId: customer.projectId,
    entityType: 'customer',
    entityId: customerId,
    action: 'move_in',
    after: {
      movedInAt: movedInAt.toISOString(),
      checkIns: rows.map((row) => row.plannedAt),
      ...(isSkippedForConsent ? { skipped: 'owner_not_consented' } : {}),
    },
  });
  return rows.map((row) => ({ id: row.id, plannedAt: row.plannedAt, theme: row.theme }));
}

export async function markMovedIn(
  db: Db,
  options: { actor: Actor; customerId: string; movedInAt: Date; now: Date },
) {
  return db.transaction().execute(async (trx) => {
    const customer = await getVisibleCustomerRow(trx, options.actor, options.customerId);
    if (
      customer.ownerStaffId !== options.actor.staffId &&
      !isProjectManager(options.actor, customer.projectId)
    )
      throw new AppError(customerErrors.NOT_OWNER);
    return recordMoveIn(trx, options);
  });
}

/** SA-18: whether the customer is an owner who did not consent to after-move-in care (none is planned). */
export async function isAfterSalesCareRefused(trx: Tx, actor: Actor, customerId: string): Promise<boolean> {
  const consent = (
    await findOwnerConsents(trx, { companyId: actor.companyId, customerIds: [customerId] })
  ).get(customerId);
  return consent !== undefined && !consent.afterSalesCare;
}

/** The customer's timeline, newest first (calls, visits, follow-ups, plans, deals). */
export async function findCustomerTimeline(db: Db, options: { actor: Actor; customerId: string }) {
  const customer = await getVisibleCustomerRow(db, options.actor, options.customerId);
  const events = await queries.findEventsOfCustomer(db, customer.id);
  return events.map((event) => ({
    id: event.id,
    kind: event.kind,
    refId: event.refId,
    summary: event.summary,
    actorName: event.actorName,
    at: event.at,
  }));
}

export async function assertManagerOf(db: Db, actor: Actor, projectId: string) {
  await assertSalesProject(db, actor, projectId, ['manager']);
  if (!isProjectManager(actor, projectId)) throw new AppError(commonErrors.FORBIDDEN);
}

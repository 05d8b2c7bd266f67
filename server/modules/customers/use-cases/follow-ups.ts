import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { customerErrors } from '../customers.errors.js';
import { cancelFollowUpReminder, scheduleFollowUpReminder } from '../customers.notify.js';
import { StaffNames } from '../customers.people.js';
import * as queries from '../customers.queries.js';
import { isProjectManager, shanghaiDay, shanghaiDayBounds } from '../customers.rules.js';
import { customerColumns, customerVisibility } from '../customers.scope.js';
import { assertSalesProject, getVisibleCustomerRow, recordCustomerEvent } from '../customers.service.js';
import type { FollowUpChannel, FollowUpKind, FollowUpsTable } from '../customers.tables.js';
import { renewProtection } from './ownership.js';

export const channelLabels: Record<FollowUpChannel, string> = {
  phone: '电话',
  wechat: '微信',
  sms: '短信',
  visit: '上门/到访',
};

function toView(
  row: FollowUpsTable & { customerName?: string; customerCategory?: string },
  staffName: string | null,
  now: Date,
) {
  return {
    id: row.id,
    projectId: row.projectId,
    customerId: row.customerId,
    customerName: row.customerName ?? '',
    customerCategory: row.customerCategory ?? 'normal',
    staffId: row.staffId,
    staffName: staffName ?? '',
    kind: row.kind,
    plannedAt: row.plannedAt,
    theme: row.theme,
    channel: row.channel,
    status: row.status,
    outcome: row.outcome,
    doneAt: row.doneAt,
    isOverdue: row.status === 'planned' && row.plannedAt < now.toISOString(),
    createdAt: row.createdAt,
  };
}

/** SA-2: a callback at a chosen time with a clear theme. Only the owner (or a manager) plans them. */
export async function planFollowUp(
  db: Db,
  options: {
    actor: Actor;
    customerId: string;
    plannedAt: Date;
    theme: string;
    channel: FollowUpChannel;
    kind?: FollowUpKind;
    now: Date;
  },
) {
  const { actor, customerId, now } = options;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const customer = await getVisibleCustomerRow(trx, actor, customerId);
    if (customer.isErased) throw new AppError(customerErrors.CUSTOMER_ERASED);
    if (customer.ownerStaffId !== actor.staffId && !isProjectManager(actor, customer.projectId))
      throw new AppError(customerErrors.NOT_OWNER);
    const at = now.toISOString();
    const row: FollowUpsTable = {
      id,
      projectId: customer.projectId,
      customerId,
      // A manager planning for a customer plans it for the owning consultant.
      staffId: customer.ownerStaffId ?? actor.staffId,
      kind: options.kind ?? 'sales',
      plannedAt: options.plannedAt.toISOString(),
      theme: options.theme,
      channel: options.channel,
      status: 'planned',
      outcome: '',
      doneAt: null,
      remindedAt: null,
      createdAt: at,
      updatedAt: at,
    };
    await queries.insertFollowUp(trx, row);
    await scheduleFollowUpReminder(trx, {
      companyId: actor.companyId,
      followUp: row,
      customerName: customer.name,
      now,
    });
    await recordCustomerEvent(trx, {
      actor,
      customerId,
      kind: 'follow_up_planned',
      refId: id,
      summary: `计划${channelLabels[row.channel]}回访:${row.theme}`,
      at: now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: customer.projectId,
      entityType: 'follow_up',
      entityId: id,
      action: 'create',
      after: row,
    });
  });
  return getFollowUp(db, actor, id, now);
}

const followUpEntity = localized('跟进', '跟進', 'Follow-up');

/** A follow-up is seen with its customer (owner scope); one of a customer the caller may not see is not found. */
async function getVisibleFollowUpRow(db: Tx, actor: Actor, id: string) {
  const row = await queries.findFollowUpRow(db, id);
  if (!row) throw new AppError(commonErrors.NOT_FOUND, { entity: followUpEntity });
  // "Customer not found" would tell that the follow-up exists: it is the follow-up that is not found.
  const customer = await getVisibleCustomerRow(db, actor, row.customerId).catch((error: unknown) => {
    if (error instanceof AppError && error.definition === commonErrors.NOT_FOUND)
      throw new AppError(commonErrors.NOT_FOUND, { entity: followUpEntity });
    throw error;
  });
  return { row, customer };
}

export async function getFollowUp(db: Db, actor: Actor, id: string, now: Date) {
  const { row, customer } = await getVisibleFollowUpRow(db, actor, id);
  return toView(
    { ...row, customerName: customer.name, customerCategory: customer.category },
    await new StaffNames(db, actor).get(row.staffId),
    now,
  );
}

/** SA-2: the record after the call. The owner's recorded follow-up renews their protection period. */
export async function completeFollowUp(
  db: Db,
  options: { actor: Actor; followUpId: string; outcome: string; now: Date },
) {
  const { actor, followUpId, outcome, now } = options;
  await db.transaction().execute(async (trx) => {
    const { row, customer } = await getVisibleFollowUpRow(trx, actor, followUpId);
    if (row.staffId !== actor.staffId && !isProjectManager(actor, row.projectId))
      throw new AppError(customerErrors.NOT_OWNER);
    const at = now.toISOString();
    const closed = await queries.closeFollowUpRow(trx, followUpId, {
      status: 'done',
      outcome,
      doneAt: at,
      updatedAt: at,
    });
    if (closed === 0) throw new AppError(customerErrors.FOLLOW_UP_CLOSED);
    await cancelFollowUpReminder(trx, followUpId, now);
    const protectedUntil = await renewProtection(trx, { actor, customer, now });
    await recordCustomerEvent(trx, {
      actor,
      customerId: row.customerId,
      kind: row.kind === 'after_sales' ? 'after_sales_check_in' : 'follow_up',
      refId: followUpId,
      summary: `${channelLabels[row.channel]}回访(${row.theme}):${outcome}`,
      at: now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: row.projectId,
      entityType: 'follow_up',
      entityId: followUpId,
      action: 'complete',
      before: { status: row.status },
      after: { status: 'done', outcome, protectedUntil },
    });
  });
  return getFollowUp(db, actor, followUpId, now);
}

export async function cancelFollowUp(
  db: Db,
  options: { actor: Actor; followUpId: string; reason: string; now: Date },
) {
  const { actor, followUpId, reason, now } = options;
  await db.transaction().execute(async (trx) => {
    const { row } = await getVisibleFollowUpRow(trx, actor, followUpId);
    if (row.staffId !== actor.staffId && !isProjectManager(actor, row.projectId))
      throw new AppError(customerErrors.NOT_OWNER);
    const at = now.toISOString();
    const closed = await queries.closeFollowUpRow(trx, followUpId, {
      status: 'cancelled',
      outcome: reason,
      updatedAt: at,
    });
    if (closed === 0) throw new AppError(customerErrors.FOLLOW_UP_CLOSED);
    await cancelFollowUpReminder(trx, followUpId, now);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: row.projectId,
      entityType: 'follow_up',
      entityId: followUpId,
      action: 'cancel',
      after: { reason },
    });
  });
  return getFollowUp(db, actor, followUpId, now);
}

export type FollowUpScope = 'today' | 'overdue' | 'upcoming' | 'done' | 'all';

/**
 * The consultant's "today" and "overdue" lists: the follow-ups of the customers the caller sees
 * (owner scope, in SQL) — managers the whole project, a consultant their own customers'.
 */
export async function findFollowUps(
  db: Db,
  options: {
    actor: Actor;
    projectId: string;
    scope: FollowUpScope;
    staffId?: string;
    customerId?: string;
    kind?: FollowUpKind;
    now: Date;
    offset: number;
    limit: number;
  },
) {
  const { actor, projectId, scope, now } = options;
  const visibility = customerVisibility(actor);
  visibility.assertProject(projectId, followUpEntity);
  await assertSalesProject(db, actor, projectId, ['manager', 'consultant']);
  const today = shanghaiDayBounds(shanghaiDay(now));
  const at = now.toISOString();
  const filter: queries.FollowUpFilter = {
    projectId,
    visible: visibility.condition(customerColumns),
    staffId: options.staffId,
    customerId: options.customerId,
    kind: options.kind,
  };
  let order: 'asc' | 'desc' = 'asc';
  switch (scope) {
    case 'today':
      Object.assign(filter, { status: 'planned', plannedFrom: today.start, plannedTo: today.end });
      break;
    case 'overdue':
      Object.assign(filter, { status: 'planned', plannedTo: at });
      break;
    case 'upcoming':
      Object.assign(filter, { status: 'planned', plannedFrom: today.end });
      break;
    case 'done':
      Object.assign(filter, { status: 'done' });
      order = 'desc';
      break;
    case 'all':
      order = 'desc';
      break;
  }
  const { rows, total } = await queries.findFollowUpPage(db, filter, {
    offset: options.offset,
    limit: options.limit,
    order,
  });
  const names = new StaffNames(db, actor);
  const items = [];
  for (const row of rows) items.push(toView(row, await names.get(row.staffId), now));
  return { items, total };
}

import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { getSetting } from '../../settings/index.js';
import { customerErrors } from '../customers.errors.js';
import {
  cancelFollowUpReminder,
  notifyManagersOfReassignmentRequest,
  notifyOwnerChange,
  scheduleFollowUpReminder,
} from '../customers.notify.js';
import { findProjectConsultants, StaffNames } from '../customers.people.js';
import * as queries from '../customers.queries.js';
import { isProjectManager, normalisePhone, protectionEnd } from '../customers.rules.js';
import { customerObject, customerVisibility } from '../customers.scope.js';
import {
  assertSalesProject,
  customerEntity,
  getVisibleCustomerRow,
  recordCustomerEvent,
} from '../customers.service.js';
import type { CustomersTable } from '../customers.tables.js';

/** A recorded follow-up by the owner restarts the protection period (客户保护期). */
export async function renewProtection(
  trx: Tx,
  options: { actor: Actor; customer: CustomersTable; now: Date },
): Promise<string | null> {
  const { actor, customer, now } = options;
  if (customer.ownerStaffId !== actor.staffId) return customer.protectedUntil;
  const days = await getSetting(trx, 'sales.customerProtectionDays', {
    companyId: actor.companyId,
    projectId: customer.projectId,
  });
  const protectedUntil = protectionEnd(now, days);
  await queries.updateCustomerRow(trx, customer.id, { protectedUntil, updatedAt: now.toISOString() });
  return protectedUntil;
}

/**
 * A consultant told that a number is taken asks the manager for the customer. They give the
 * number again (they never see the customer), so nothing about the customer leaks.
 */
export async function requestReassignment(
  db: Db,
  options: { actor: Actor; projectId: string; phone: string; reason: string; now: Date },
) {
  const { actor, projectId, reason, now } = options;
  // The consultant does not see the customer (they give the number); the request is theirs, in a project they work in.
  customerVisibility(actor).assertProject(projectId, customerEntity);
  await assertSalesProject(db, actor, projectId, ['consultant']);
  const phone = normalisePhone(options.phone);
  if (!phone)
    throw new AppError(
      customerErrors.INVALID_PHONE,
      { phone: '' },
      { phone: customerErrors.INVALID_PHONE.message },
    );
  return db.transaction().execute(async (trx) => {
    const customerId = await queries.findCustomerIdByPhone(trx, projectId, phone.e164);
    const customer = customerId ? await queries.findCustomerRow(trx, customerId) : undefined;
    if (!customer)
      throw new AppError(commonErrors.NOT_FOUND, { entity: localized('客户', '客戶', 'Customer') });
    if (customer.ownerStaffId === actor.staffId) throw new AppError(customerErrors.ALREADY_OWNER);
    const id = newId();
    await queries.insertConflict(trx, {
      id,
      projectId,
      customerId: customer.id,
      requestedBy: actor.staffId,
      ownerStaffId: customer.ownerStaffId,
      status: 'requested',
      reason,
      at: now.toISOString(),
      resolvedBy: null,
      resolvedAt: null,
      resolution: '',
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'customer',
      entityId: customer.id,
      action: 'request_reassignment',
      after: { requestId: id, reason },
    });
    await notifyManagersOfReassignmentRequest(trx, {
      actor,
      projectId,
      requestId: id,
      customerName: customer.name,
      reason,
      now,
    });
    return { id, status: 'requested' as const };
  });
}

async function changeOwner(
  trx: Tx,
  options: { actor: Actor; customer: CustomersTable; toStaffId: string; reason: string; now: Date },
) {
  const { actor, customer, toStaffId, now } = options;
  const consultants = await findProjectConsultants(trx, actor, customer.projectId);
  const target = consultants.find((person) => person.id === toStaffId);
  if (!target)
    throw new AppError(
      customerErrors.NOT_A_CONSULTANT,
      {},
      { toStaffId: customerErrors.NOT_A_CONSULTANT.message },
    );
  const at = now.toISOString();
  const days = await getSetting(trx, 'sales.customerProtectionDays', {
    companyId: actor.companyId,
    projectId: customer.projectId,
  });
  const previousName = await new StaffNames(trx, actor).get(customer.ownerStaffId);
  await queries.updateCustomerRow(trx, customer.id, {
    ownerStaffId: toStaffId,
    ownedSince: at,
    protectedUntil: protectionEnd(now, days),
    updatedAt: at,
  });
  await queries.reassignPlannedFollowUps(trx, customer.id, toStaffId, at);
  // Reminders follow the follow-ups to their new consultant.
  for (const followUp of await queries.findPlannedFollowUpsOfCustomer(trx, customer.id)) {
    await cancelFollowUpReminder(trx, followUp.id, now);
    await scheduleFollowUpReminder(trx, {
      companyId: actor.companyId,
      followUp,
      customerName: customer.name,
      now,
    });
  }
  await recordCustomerEvent(trx, {
    actor,
    customerId: customer.id,
    kind: 'ownership',
    summary: `归属由 ${previousName ?? '—'} 改为 ${target.displayName}${options.reason ? `:${options.reason}` : ''}`,
    at: now,
  });
  await writeAudit(trx, {
    actor,
    at: now,
    projectId: customer.projectId,
    entityType: 'customer',
    entityId: customer.id,
    action: 'reassign',
    before: { ownerStaffId: customer.ownerStaffId },
    after: { ownerStaffId: toStaffId, reason: options.reason },
  });
  await notifyOwnerChange(trx, { actor, customer, fromStaffId: customer.ownerStaffId, toStaffId, now });
}

/** The project manager gives a customer to another consultant (with or without a request). */
export async function reassignCustomer(
  db: Db,
  options: { actor: Actor; customerId: string; toStaffId: string; reason: string; now: Date },
) {
  const { actor, customerId } = options;
  await db.transaction().execute(async (trx) => {
    const customer = await getVisibleCustomerRow(trx, actor, customerId);
    if (!isProjectManager(actor, customer.projectId)) throw new AppError(commonErrors.FORBIDDEN);
    if (customer.isErased) throw new AppError(customerErrors.CUSTOMER_ERASED);
    await changeOwner(trx, { ...options, customer });
  });
}

/** Approving hands the customer to the requester; rejecting leaves the owner. Either way the request closes. */
export async function resolveReassignment(
  db: Db,
  options: { actor: Actor; requestId: string; isApproved: boolean; note: string; now: Date },
) {
  const { actor, requestId, isApproved, note, now } = options;
  await db.transaction().execute(async (trx) => {
    const request = await queries.findConflictRow(trx, requestId);
    const customer = request ? await queries.findCustomerRow(trx, request.customerId) : undefined;
    const requestEntity = localized('申请', '申請', 'Request');
    if (!request || !customer) throw new AppError(commonErrors.NOT_FOUND, { entity: requestEntity });
    // The request is seen with its customer: neither exists for a caller who may not see the customer.
    customerVisibility(actor).assertSees(customerObject(customer), requestEntity);
    if (!isProjectManager(actor, customer.projectId)) throw new AppError(commonErrors.FORBIDDEN);
    const closed = await queries.resolveConflictRow(trx, requestId, {
      status: isApproved ? 'approved' : 'rejected',
      resolvedBy: actor.staffId,
      resolvedAt: now.toISOString(),
      resolution: note,
    });
    if (closed === 0) throw new AppError(customerErrors.REQUEST_CLOSED);
    if (isApproved)
      await changeOwner(trx, { actor, customer, toStaffId: request.requestedBy, reason: note, now });
    else
      await writeAudit(trx, {
        actor,
        at: now,
        projectId: customer.projectId,
        entityType: 'customer',
        entityId: customer.id,
        action: 'reject_reassignment',
        after: { requestId, note },
      });
  });
}

/**
 * The owner scope over conflicts, in SQL: a request or a logged clash belongs to the consultant
 * who made it (its owner); managers see every one of the project. The customer's name and id go
 * only to those who see the customer itself — a consultant asking for a customer never does.
 */
export async function findOwnershipConflicts(
  db: Db,
  options: { actor: Actor; projectId: string; status?: string; offset: number; limit: number },
) {
  const { actor, projectId } = options;
  const visibility = customerVisibility(actor);
  visibility.assertProject(projectId, customerEntity);
  await assertSalesProject(db, actor, projectId, ['manager', 'consultant']);
  const { rows, total } = await queries.findConflicts(
    db,
    {
      projectId,
      status: options.status,
      visible: visibility.condition({
        companyId: 'customers.companyId',
        projectId: 'ownershipConflicts.projectId',
        ownerId: 'ownershipConflicts.requestedBy',
      }),
    },
    options,
  );
  const names = new StaffNames(db, actor);
  const items = [];
  for (const row of rows) {
    const seesCustomer = visibility.sees({
      companyId: row.customerCompanyId,
      projectId: row.projectId,
      ownerId: row.customerOwnerStaffId,
    });
    items.push({
      id: row.id,
      customerId: seesCustomer ? row.customerId : null,
      customerName: seesCustomer ? row.customerName : '—',
      requestedBy: row.requestedBy,
      requestedByName: (await names.get(row.requestedBy)) ?? '',
      ownerStaffId: row.ownerStaffId,
      ownerName: await names.get(row.ownerStaffId),
      status: row.status,
      reason: row.reason,
      at: row.at,
      resolvedByName: await names.get(row.resolvedBy),
      resolvedAt: row.resolvedAt,
      resolution: row.resolution,
    });
  }
  return { items, total };
}

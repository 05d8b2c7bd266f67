import type { Actor } from '../../../platform/auth/actor.js';
import { hasAnyRole } from '../../../platform/auth/actor.js';
import { isUniqueViolation } from '../../../platform/db/constraints.js';
import type { Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { getSetting } from '../../settings/index.js';
import { newCustomerId, newUnsubscribeSecret } from '../customers.ids.js';
import { StaffNames } from '../customers.people.js';
import * as queries from '../customers.queries.js';
import { isOwnershipProtected, type NormalisedPhone, protectionEnd } from '../customers.rules.js';
import {
  assertSourceChannel,
  type CustomerInput,
  consentColumns,
  customerAuditView,
  customerNotFound,
  profileColumns,
  recordCustomerEvent,
} from '../customers.service.js';
import type { CustomersTable, FirstContact } from '../customers.tables.js';

const firstContactNames: Record<FirstContact, string> = {
  call: '来电',
  visit: '来访',
  manual: '手工登记',
  import: '导入',
};

export type RegistrationOutcome =
  /** A new customer, owned by the registering consultant. */
  | { status: 'created'; customerId: string }
  /** The consultant already owns a customer with one of these numbers. */
  | { status: 'mine'; customerId: string }
  /** The previous owner's protection had lapsed: the customer moved to the registering consultant. */
  | { status: 'taken_over'; customerId: string; previousOwnerName: string | null }
  /** Another consultant owns the customer and is protected: nothing changed but the conflict log. */
  | { status: 'taken'; customerId: string; ownerName: string; conflictId: string };

/**
 * The one way a customer enters the register (form, call, visit). Decides ownership by the
 * project-unique phone numbers; a protected customer of someone else is never touched, only the
 * conflict is logged. Runs inside the caller's transaction.
 */
export async function registerCustomerInTransaction(
  trx: Tx,
  options: {
    actor: Actor;
    projectId: string;
    input: CustomerInput;
    now: Date;
    firstContact: FirstContact;
    phones: NormalisedPhone[];
  },
): Promise<RegistrationOutcome> {
  const { actor, projectId, input, now, phones } = options;
  const at = now.toISOString();
  await assertSourceChannel(trx, projectId, input.sourceChannelId);
  const protectionDays = await getSetting(trx, 'sales.customerProtectionDays', {
    companyId: actor.companyId,
    projectId,
  });
  const names = new StaffNames(trx, actor);
  const isConsultant = hasAnyRole(actor, ['consultant'], projectId) && actor.staffId !== 'system';

  const taken = await queries.findTakenPhones(
    trx,
    projectId,
    phones.map((phone) => phone.e164),
  );
  const existingId = [...taken.values()][0];
  if (existingId) {
    const existing = await queries.findCustomerRow(trx, existingId);
    if (!existing) throw customerNotFound();
    // Managers and other non-consultants never take customers over: they are pointed to the existing record.
    if (existing.ownerStaffId === actor.staffId || !isConsultant)
      return { status: 'mine', customerId: existing.id };
    if (isOwnershipProtected(existing, now)) {
      const conflictId = newId();
      await queries.insertConflict(trx, {
        id: conflictId,
        projectId,
        customerId: existing.id,
        requestedBy: actor.staffId,
        ownerStaffId: existing.ownerStaffId,
        status: 'logged',
        reason: '',
        at,
        resolvedBy: null,
        resolvedAt: null,
        resolution: '',
      });
      await writeAudit(trx, {
        actor,
        at: now,
        projectId,
        entityType: 'customer',
        entityId: existing.id,
        action: 'ownership_conflict',
        after: { conflictId, ownerStaffId: existing.ownerStaffId, requestedBy: actor.staffId },
      });
      return {
        status: 'taken',
        customerId: existing.id,
        ownerName: (await names.get(existing.ownerStaffId)) ?? '',
        conflictId,
      };
    }
    // Protection lapsed: the customer passes to whoever registers them now; the hand-over is logged.
    const previousOwnerName = await names.get(existing.ownerStaffId);
    await queries.updateCustomerRow(trx, existing.id, {
      ownerStaffId: actor.staffId,
      ownedSince: at,
      protectedUntil: protectionEnd(now, protectionDays),
      updatedAt: at,
    });
    await queries.insertConflict(trx, {
      id: newId(),
      projectId,
      customerId: existing.id,
      requestedBy: actor.staffId,
      ownerStaffId: existing.ownerStaffId,
      status: 'approved',
      reason: '',
      at,
      resolvedBy: null,
      resolvedAt: at,
      resolution: 'protection_lapsed',
    });
    await recordCustomerEvent(trx, {
      actor,
      customerId: existing.id,
      kind: 'ownership',
      summary: `保护期已过,由 ${actor.displayName} 接手(原顾问 ${previousOwnerName ?? '—'})`,
      at: now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'customer',
      entityId: existing.id,
      action: 'take_over_lapsed',
      before: { ownerStaffId: existing.ownerStaffId, protectedUntil: existing.protectedUntil },
      after: { ownerStaffId: actor.staffId },
    });
    return { status: 'taken_over', customerId: existing.id, previousOwnerName };
  }

  const row: CustomersTable = {
    id: newCustomerId(now.getTime()),
    companyId: actor.companyId,
    projectId,
    ...profileColumns({ ...input, phones: phones.map((phone) => phone.e164) }),
    ...consentColumns(input, at),
    ownerStaffId: isConsultant ? actor.staffId : null,
    ownedSince: isConsultant ? at : null,
    protectedUntil: isConsultant ? protectionEnd(now, protectionDays) : null,
    firstContact: options.firstContact,
    movedInAt: null,
    unsubscribeToken: newUnsubscribeSecret(),
    importId: null,
    isErased: 0,
    erasedAt: null,
    createdBy: actor.staffId,
    createdAt: at,
    updatedAt: at,
  };
  await queries.insertCustomer(trx, row);
  await queries.insertPhones(
    trx,
    phones.map((phone, index) => ({
      id: newCustomerId(),
      customerId: row.id,
      projectId,
      phoneE164: phone.e164,
      phoneTail4: phone.tail4,
      kind: phone.kind,
      sortOrder: index,
      createdAt: at,
    })),
  );
  await recordCustomerEvent(trx, {
    actor,
    customerId: row.id,
    kind: 'registered',
    summary: `登记客户(${firstContactNames[options.firstContact]})`,
    at: now,
  });
  await writeAudit(trx, {
    actor,
    at: now,
    projectId,
    entityType: 'customer',
    entityId: row.id,
    action: 'create',
    after: customerAuditView(row, phones),
  });
  return { status: 'created', customerId: row.id };
}

/** Translates a lost race on the unique phone index into the same answer a slower check would give. */
export function rethrowPhoneRace(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError(commonErrors.CONCURRENT_CHANGE);
  throw error;
}

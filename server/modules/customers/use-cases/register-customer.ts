import type { PhoneCheck } from '../../../../contracts/customers.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError, fillPlaceholders, localized } from '../../../platform/errors.js';
import { customerErrors } from '../customers.errors.js';
import { notifyManagersOfKeyCustomer } from '../customers.notify.js';
import { StaffNames } from '../customers.people.js';
import * as queries from '../customers.queries.js';
import { isOwnershipProtected, normalisePhone } from '../customers.rules.js';
import { customerVisibility } from '../customers.scope.js';
import {
  assertSalesProject,
  type CustomerInput,
  customerEntity,
  getCustomerForDisplay,
  normalisePhones,
} from '../customers.service.js';
import type { FirstContact } from '../customers.tables.js';
import {
  type RegistrationOutcome,
  registerCustomerInTransaction,
  rethrowPhoneRace,
} from './register-in-transaction.js';

/**
 * Registers a customer from the register form. A number that belongs to another consultant's
 * protected customer is refused with who owns them (never the number); the attempt is logged.
 */
export async function registerCustomer(
  db: Db,
  options: { actor: Actor; projectId: string; input: CustomerInput; now: Date; firstContact?: FirstContact },
) {
  const { actor, projectId, input, now } = options;
  // A new customer is the registering consultant's (owner scope); the caller must work in the project.
  customerVisibility(actor).assertProject(projectId, customerEntity);
  await assertSalesProject(db, actor, projectId);
  const phones = normalisePhones(input.phones);
  let outcome: RegistrationOutcome;
  try {
    outcome = await db.transaction().execute(async (trx) => {
      const result = await registerCustomerInTransaction(trx, {
        actor,
        projectId,
        input,
        now,
        firstContact: options.firstContact ?? 'manual',
        phones,
      });
      if (result.status === 'created' && input.keyKind)
        await notifyManagersOfKeyCustomer(trx, {
          actor,
          customer: { id: result.customerId, projectId, name: input.name, keyKind: input.keyKind },
          now,
        });
      return result;
    });
  } catch (error) {
    rethrowPhoneRace(error);
  }
  // The conflict row committed above; only now is the consultant told the customer is taken.
  if (outcome.status === 'taken') {
    const params = { owner: outcome.ownerName };
    const { message } = customerErrors.CUSTOMER_TAKEN;
    const field = localized(
      fillPlaceholders(message['zh-CN'], params),
      fillPlaceholders(message['zh-TW'], params),
      fillPlaceholders(message.en, params),
    );
    throw new AppError(customerErrors.CUSTOMER_TAKEN, params, { 'phones.0': field });
  }
  return { outcome: outcome.status, customer: await getCustomerForDisplay(db, actor, outcome.customerId) };
}

export type { PhoneCheck };

/** Tells a consultant, while they type, whether a number is free — without ever showing whose number it is. */
export async function checkPhone(
  db: Db,
  options: { actor: Actor; projectId: string; phone: string; now: Date },
): Promise<PhoneCheck> {
  const { actor, projectId, now } = options;
  customerVisibility(actor).assertProject(projectId, customerEntity);
  const phone = normalisePhone(options.phone);
  // The access check and the lookup go to the database together; nothing is answered unless the check passes.
  const [, row] = await Promise.all([
    assertSalesProject(db, actor, projectId),
    phone ? queries.findCustomerRowByPhone(db, projectId, phone.e164) : undefined,
  ]);
  if (!phone) return { status: 'invalid' };
  if (!row) return { status: 'free' };
  if (row.ownerStaffId === actor.staffId)
    return { status: 'mine', customerId: row.id, customerName: row.name };
  const ownerName = await new StaffNames(db, actor).get(row.ownerStaffId);
  if (isOwnershipProtected(row, now)) return { status: 'taken', ownerName: ownerName ?? '' };
  return { status: 'lapsed', ownerName };
}

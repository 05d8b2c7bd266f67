import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError, type FieldErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { customerErrors } from '../customers.errors.js';
import { newCustomerId } from '../customers.ids.js';
import { notifyManagersOfKeyCustomer } from '../customers.notify.js';
import { StaffNames } from '../customers.people.js';
import * as queries from '../customers.queries.js';
import { isProjectManager, mayActOnPersonalDataRights } from '../customers.rules.js';
import {
  assertSourceChannel,
  type CustomerInput,
  consentColumns,
  customerAuditView,
  getCustomerForDisplay,
  getVisibleCustomerRow,
  normalisePhones,
  profileColumns,
  recordCustomerEvent,
} from '../customers.service.js';
import { rethrowPhoneRace } from './register-in-transaction.js';

export async function updateCustomer(
  db: Db,
  options: {
    actor: Actor;
    customerId: string;
    input: Omit<CustomerInput, 'phones'> & { phones?: string[] };
    /** PRIV: a correction at the person's request (PIPL art. 46), by the owner, a manager or the DPO, with its reason. */
    correctionReason?: string;
    now: Date;
  },
) {
  const { actor, customerId, now, correctionReason } = options;
  const at = now.toISOString();
  const keepPhones = options.input.phones === undefined && !options.input.isPhoneRefused;
  const input: CustomerInput = { ...options.input, phones: options.input.phones ?? [] };
  const phones = normalisePhones(input.phones);
  try {
    await db.transaction().execute(async (trx) => {
      const before = await getVisibleCustomerRow(trx, actor, customerId);
      if (before.isErased) throw new AppError(customerErrors.CUSTOMER_ERASED);
      const mayEdit =
        correctionReason === undefined
          ? isProjectManager(actor, before.projectId)
          : mayActOnPersonalDataRights(actor, before.projectId);
      if (before.ownerStaffId !== actor.staffId && !mayEdit) throw new AppError(customerErrors.NOT_OWNER);
      await assertSourceChannel(trx, before.projectId, input.sourceChannelId);
      const taken = await queries.findTakenPhones(
        trx,
        before.projectId,
        phones.map((phone) => phone.e164),
      );
      const fields: FieldErrors = {};
      let ownerOfClash: string | null = null;
      for (const [index, phone] of phones.entries()) {
        const holder = taken.get(phone.e164);
        if (holder && holder !== customerId) {
          const other = await queries.findCustomerRow(trx, holder);
          ownerOfClash = (await new StaffNames(trx, actor).get(other?.ownerStaffId ?? null)) || '—';
          fields[`phones.${index}`] = localized(
            '该号码已属于另一位客户',
            '該號碼已屬於另一位客戶',
            'This number belongs to another customer',
          );
        }
      }
      if (ownerOfClash !== null)
        throw new AppError(customerErrors.CUSTOMER_TAKEN, { owner: ownerOfClash }, fields);
      const beforePhones = (await queries.findPhonesOfCustomers(trx, [customerId])).get(customerId) ?? [];
      if (keepPhones) input.phones = beforePhones.map((phone) => phone.phoneE164);
      const changes = { ...profileColumns(input), ...consentColumns(input, at, before), updatedAt: at };
      await queries.updateCustomerRow(trx, customerId, changes);
      if (!keepPhones) await queries.deletePhonesOfCustomer(trx, customerId);
      if (!keepPhones)
        await queries.insertPhones(
          trx,
          phones.map((phone, index) => ({
            id: newCustomerId(),
            customerId,
            projectId: before.projectId,
            phoneE164: phone.e164,
            phoneTail4: phone.tail4,
            kind: phone.kind,
            sortOrder: index,
            createdAt: at,
          })),
        );
      if (
        changes.contactConsentAt !== before.contactConsentAt ||
        changes.marketingConsentAt !== before.marketingConsentAt
      )
        await recordCustomerEvent(trx, {
          actor,
          customerId,
          kind: 'consent',
          summary: `联系授权:${input.hasContactConsent ? '同意' : '未同意'};营销授权:${input.hasMarketingConsent ? '同意' : '未同意'}(${input.consentVia})`,
          at: now,
        });
      if (correctionReason !== undefined)
        await recordCustomerEvent(trx, {
          actor,
          customerId,
          kind: 'correction',
          summary: `应客户要求更正个人信息:${correctionReason}`,
          at: now,
        });
      const after = await queries.findCustomerRow(trx, customerId);
      const afterView = after ? customerAuditView(after, keepPhones ? beforePhones : phones) : null;
      await writeAudit(trx, {
        actor,
        at: now,
        projectId: before.projectId,
        entityType: 'customer',
        entityId: customerId,
        action: correctionReason === undefined ? 'update' : 'correct_personal_data',
        before: customerAuditView(before, beforePhones),
        after: correctionReason === undefined ? afterView : { ...afterView, reason: correctionReason },
      });
      if (before.category !== 'key' && changes.category === 'key')
        await notifyManagersOfKeyCustomer(trx, { actor, customer: { ...before, ...changes }, now });
    });
  } catch (error) {
    rethrowPhoneRace(error);
  }
  return getCustomerForDisplay(db, actor, customerId);
}

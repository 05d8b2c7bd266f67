import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { customerErrors } from '../customers.errors.js';
import { cancelFollowUpReminder } from '../customers.notify.js';
import * as queries from '../customers.queries.js';
import { displayPhone, isProjectManager, maySeeWholePhone } from '../customers.rules.js';
import { getVisibleCustomerRow } from '../customers.service.js';

/**
 * Other modules that hold a customer's personal data (reception's calls and visits, deals)
 * register here, so an export holds everything and an erasure reaches every table — while
 * each module decides what the law makes it keep (deal records are anonymised, not deleted).
 */
export interface PersonalDataSource {
  name: string;
  exportFor(db: Tx, customerId: string): Promise<unknown>;
  eraseFor(trx: Tx, customerId: string, now: Date): Promise<void>;
}

const personalDataSources: PersonalDataSource[] = [];

export function registerPersonalDataSource(source: PersonalDataSource): void {
  if (!personalDataSources.some((known) => known.name === source.name)) personalDataSources.push(source);
}

/** PRIV: the whole numbers, for the owner or a manager, each reveal written to the audit log. */
export async function revealCustomerPhones(db: Db, options: { actor: Actor; customerId: string; now: Date }) {
  const { actor, customerId, now } = options;
  return db.transaction().execute(async (trx) => {
    const customer = await getVisibleCustomerRow(trx, actor, customerId);
    if (!maySeeWholePhone(actor, customer)) throw new AppError(commonErrors.FORBIDDEN);
    const phones = (await queries.findPhonesOfCustomers(trx, [customerId])).get(customerId) ?? [];
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: customer.projectId,
      entityType: 'customer',
      entityId: customerId,
      action: 'reveal_phone',
      after: { phones: phones.map((phone) => `***${phone.phoneTail4}`) },
    });
    return {
      phones: phones.map((phone) => ({
        id: phone.id,
        phone: displayPhone(phone.phoneE164),
        kind: phone.kind,
      })),
    };
  });
}

/** PIPL access request: everything held about one customer, as one JSON document. Managers only; audited. */
export async function exportCustomerData(db: Db, options: { actor: Actor; customerId: string; now: Date }) {
  const { actor, customerId, now } = options;
  return db.transaction().execute(async (trx) => {
    const customer = await getVisibleCustomerRow(trx, actor, customerId);
    if (!isProjectManager(actor, customer.projectId)) throw new AppError(commonErrors.FORBIDDEN);
    const phones = (await queries.findPhonesOfCustomers(trx, [customerId])).get(customerId) ?? [];
    const events = await queries.findEventsOfCustomer(trx, customerId, 10_000);
    const followUps = await queries.findFollowUpPage(
      trx,
      { projectId: customer.projectId, customerId },
      { offset: 0, limit: 10_000, order: 'asc' },
    );
    const { unsubscribeToken: _token, importId: _import, ...profile } = customer;
    const document: Record<string, unknown> = {
      exportedAt: now.toISOString(),
      customer: {
        ...profile,
        phones: phones.map((phone) => ({ phone: displayPhone(phone.phoneE164), kind: phone.kind })),
      },
      timeline: events,
      followUps: followUps.rows,
    };
    for (const source of personalDataSources) document[source.name] = await source.exportFor(trx, customerId);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: customer.projectId,
      entityType: 'customer',
      entityId: customerId,
      action: 'export_personal_data',
    });
    return document;
  });
}

/**
 * PIPL deletion request: the person's identifying data is removed everywhere; the customer row
 * stays, anonymised, so the deal records the law requires keep their references.
 */
export async function eraseCustomer(
  db: Db,
  options: { actor: Actor; customerId: string; reason: string; now: Date },
) {
  const { actor, customerId, reason, now } = options;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const customer = await getVisibleCustomerRow(trx, actor, customerId);
    if (!isProjectManager(actor, customer.projectId)) throw new AppError(commonErrors.FORBIDDEN);
    if (customer.isErased) throw new AppError(customerErrors.CUSTOMER_ERASED);
    await queries.deletePhonesOfCustomer(trx, customerId);
    await queries.updateCustomerRow(trx, customerId, {
      name: '已删除客户',
      namePinyin: '',
      nameInitials: '',
      gender: 'unknown',
      intentLayout: '',
      intentAreaMin: null,
      intentAreaMax: null,
      intentBudgetFen: null,
      intentPurpose: '',
      notes: '',
      hasContactConsent: 0,
      contactConsentAt: at,
      contactConsentVia: null,
      hasMarketingConsent: 0,
      marketingConsentAt: at,
      marketingConsentVia: null,
      isErased: 1,
      erasedAt: at,
      updatedAt: at,
    });
    await queries.anonymiseEvents(trx, customerId, '(个人信息已删除)');
    await queries.anonymiseFollowUps(trx, customerId);
    for (const followUp of await queries.findPlannedFollowUpsOfCustomer(trx, customerId))
      await cancelFollowUpReminder(trx, followUp.id, now);
    await queries.cancelPlannedFollowUpsOfCustomer(trx, customerId, at);
    for (const source of personalDataSources) await source.eraseFor(trx, customerId, now);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: customer.projectId,
      entityType: 'customer',
      entityId: customerId,
      action: 'erase_personal_data',
      after: { reason },
    });
  });
}

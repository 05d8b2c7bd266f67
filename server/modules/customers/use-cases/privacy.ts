import type { ErasureLine, PersonalDataKind, RevealReason } from '../../../../contracts/personal-data.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { hasAnyRole } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { customerErrors } from '../customers.errors.js';
import { cancelFollowUpReminder } from '../customers.notify.js';
import * as queries from '../customers.queries.js';
import { displayPhone, mayActOnPersonalDataRights, maySeeWholePhone } from '../customers.rules.js';
import { getVisibleCustomerRow, recordCustomerEvent } from '../customers.service.js';
import type { CustomersTable } from '../customers.tables.js';

/**
 * Other modules that hold a customer's personal data (reception's calls and visits, deals)
 * register here, so an export holds everything and an erasure reaches every table — while
 * each module decides what the law makes it keep (deal records are anonymised, not deleted).
 */
export interface PersonalDataSource {
  name: string;
  /** Named lists of records (e.g. { calls: [...], visits: [...] }); each becomes a sheet of the export. */
  exportFor(db: Tx, customerId: string): Promise<Record<string, unknown[]>>;
  /** Anonymises what may go and says, per category of erasureRules, what it erased and what it kept. */
  eraseFor(trx: Tx, customerId: string, now: Date): Promise<ErasureLine[]>;
  /** True when the source holds a deal of the customer: the retention job then leaves them alone. */
  holdsDeal?(db: Tx, customerId: string): Promise<boolean>;
}

const personalDataSources: PersonalDataSource[] = [];

export function registerPersonalDataSource(source: PersonalDataSource): void {
  if (!personalDataSources.some((known) => known.name === source.name)) personalDataSources.push(source);
}

export function listPersonalDataSources(): readonly PersonalDataSource[] {
  return personalDataSources;
}

/**
 * A customer row under the owner scope (platform/auth/scope.ts): the owning consultant and the
 * project's managers, controllers, finance and DPO see it; anyone else, the administrator
 * included, gets NOT_FOUND.
 */
async function getCustomerInOwnerScope(trx: Tx, actor: Actor, customerId: string): Promise<CustomersTable> {
  const customer = await getVisibleCustomerRow(trx, actor, customerId);
  visibility(actor, 'owner').assertSees({
    companyId: customer.companyId,
    projectId: customer.projectId,
    ownerId: customer.ownerStaffId,
  });
  return customer;
}

/** The customer row a DPO or the project's manager may act on for the person's rights; the administrator may not. */
async function getCustomerForRights(trx: Tx, actor: Actor, customerId: string): Promise<CustomersTable> {
  const customer = await getCustomerInOwnerScope(trx, actor, customerId);
  if (!mayActOnPersonalDataRights(actor, customer.projectId)) throw new AppError(commonErrors.FORBIDDEN);
  return customer;
}

/** Writes one line of the access log (PRIV); call it inside the reveal's transaction, before its audit row. */
async function logPersonalDataAccess(
  trx: Tx,
  options: {
    actor: Actor;
    customer: CustomersTable;
    kind: PersonalDataKind;
    reasonCode: RevealReason;
    reasonText: string;
    now: Date;
  },
) {
  await queries.insertAccessLog(trx, {
    id: newId(),
    companyId: options.customer.companyId,
    projectId: options.customer.projectId,
    staffId: options.actor.staffId,
    staffName: options.actor.displayName,
    customerId: options.customer.id,
    kind: options.kind,
    reasonCode: options.reasonCode,
    reasonText: options.reasonText,
    at: options.now.toISOString(),
  });
}

/** PRIV: the whole numbers, for the owner or a manager, each reveal with its reason in the access log and the audit log. */
export async function revealCustomerPhones(
  db: Db,
  options: { actor: Actor; customerId: string; reasonCode: RevealReason; reasonText: string; now: Date },
) {
  const { actor, customerId, now } = options;
  if (options.reasonCode === 'other' && !options.reasonText.trim())
    throw new AppError(customerErrors.REVEAL_REASON_REQUIRED);
  return db.transaction().execute(async (trx) => {
    const customer = await getCustomerInOwnerScope(trx, actor, customerId);
    if (!maySeeWholePhone(actor, customer)) throw new AppError(commonErrors.FORBIDDEN);
    const phones = (await queries.findPhonesOfCustomers(trx, [customerId])).get(customerId) ?? [];
    await logPersonalDataAccess(trx, {
      actor,
      customer,
      kind: 'phone',
      reasonCode: options.reasonCode,
      reasonText: options.reasonText,
      now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: customer.projectId,
      entityType: 'customer',
      entityId: customerId,
      action: 'reveal_phone',
      after: {
        phones: phones.map((phone) => `***${phone.phoneTail4}`),
        reasonCode: options.reasonCode,
        reasonText: options.reasonText,
      },
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

/** The access log for the DPO (of the projects they hold the role in). */
export async function findPersonalDataAccessLog(
  db: Db,
  options: {
    actor: Actor;
    staffId?: string;
    customerId?: string;
    from?: string;
    to?: string;
    offset: number;
    limit: number;
  },
) {
  const { actor } = options;
  // The administrator passes every role check at the edge; the log is the DPO's alone.
  if (!hasAnyRole(actor, ['dpo'])) throw new AppError(commonErrors.FORBIDDEN);
  // The DPO's own projects only (a DPO who is also a consultant elsewhere reads no log there).
  visibility(actor, 'owner');
  const dpoGrants = actor.grants.filter((grant) => grant.role === 'dpo');
  const projectIds = dpoGrants.some((grant) => grant.projectId === null)
    ? null
    : dpoGrants.map((grant) => grant.projectId).filter((id): id is string => id !== null);
  const { rows, total } = await queries.findAccessLogPage(
    db,
    {
      companyId: actor.companyId,
      projectIds,
      staffId: options.staffId,
      customerId: options.customerId,
      from: options.from,
      to: options.to,
    },
    options,
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      at: row.at,
      projectId: row.projectId,
      staffId: row.staffId,
      staffName: row.staffName,
      customerId: row.customerId,
      customerName: row.customerName ?? '',
      isCustomerErased: row.isCustomerErased === 1,
      kind: row.kind,
      reasonCode: row.reasonCode,
      reasonText: row.reasonText,
    })),
    total,
  };
}

/** Everything held about one customer, as named lists of records (the xlsx and PDF are drawn from it). */
export interface PersonalDataDocument {
  exportedAt: string;
  customer: CustomersTable;
  sections: Record<string, unknown[]>;
}

/** PIPL art. 45 access request: everything held about one customer. The DPO or the project's manager; audited. */
export async function exportCustomerData(
  db: Db,
  options: { actor: Actor; customerId: string; format: 'json' | 'xlsx' | 'pdf'; now: Date },
): Promise<PersonalDataDocument> {
  const { actor, customerId, now } = options;
  return db.transaction().execute(async (trx) => {
    const customer = await getCustomerForRights(trx, actor, customerId);
    const phones = (await queries.findPhonesOfCustomers(trx, [customerId])).get(customerId) ?? [];
    const events = await queries.findEventsOfCustomer(trx, customerId, 10_000);
    const followUps = await queries.findFollowUpPage(
      trx,
      { projectId: customer.projectId, customerId },
      { offset: 0, limit: 10_000, order: 'asc' },
    );
    const { unsubscribeToken: _token, importId: _import, ...profile } = customer;
    const sections: Record<string, unknown[]> = {
      profile: [profile],
      phones: phones.map((phone) => ({ phone: displayPhone(phone.phoneE164), kind: phone.kind })),
      timeline: events.map(({ customerId: _customer, projectId: _project, ...event }) => event),
      followUps: followUps.rows,
    };
    for (const source of personalDataSources)
      for (const [name, rows] of Object.entries(await source.exportFor(trx, customerId)))
        sections[name] = rows;
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: customer.projectId,
      entityType: 'customer',
      entityId: customerId,
      action: 'export_personal_data',
      after: { format: options.format },
    });
    return { exportedAt: now.toISOString(), customer, sections };
  });
}

/**
 * PRIV: the person withdraws consent to marketing (PIPL art. 15): the next campaign skips them, and
 * its send log says so. Reminders of an ongoing deal rest on the contract (art. 13 (2)), not on
 * this consent, so they continue.
 */
export async function withdrawConsent(
  db: Db,
  options: { actor: Actor; customerId: string; reason: string; now: Date },
) {
  const { actor, customerId, now } = options;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const customer = await getCustomerForRights(trx, actor, customerId);
    if (customer.isErased) throw new AppError(customerErrors.CUSTOMER_ERASED);
    await queries.updateCustomerRow(trx, customerId, {
      hasMarketingConsent: 0,
      marketingConsentAt: at,
      marketingConsentVia: 'written',
      marketingWithdrawnAt: at,
      updatedAt: at,
    });
    await recordCustomerEvent(trx, {
      actor,
      customerId,
      kind: 'consent',
      summary: `客户撤回营销授权:${options.reason}`,
      at: now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: customer.projectId,
      entityType: 'customer',
      entityId: customerId,
      action: 'withdraw_consent',
      before: { hasMarketingConsent: customer.hasMarketingConsent },
      after: { hasMarketingConsent: 0, reason: options.reason },
    });
  });
}

/**
 * Removes the person's identifying data everywhere; the customer row stays, anonymised, so the
 * deal records the law requires keep their references. Returns what happened per category.
 */
export async function anonymiseCustomer(
  trx: Tx,
  customer: CustomersTable,
  now: Date,
): Promise<ErasureLine[]> {
  const at = now.toISOString();
  const customerId = customer.id;
  const phones = (await queries.findPhonesOfCustomers(trx, [customerId])).get(customerId) ?? [];
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
  const events = await queries.anonymiseEvents(trx, customerId, '(个人信息已删除)');
  for (const followUp of await queries.findPlannedFollowUpsOfCustomer(trx, customerId))
    await cancelFollowUpReminder(trx, followUp.id, now);
  await queries.cancelPlannedFollowUpsOfCustomer(trx, customerId, at);
  const followUps = await queries.anonymiseFollowUps(trx, customerId);
  const lines: ErasureLine[] = [
    { category: 'profile', outcome: 'erased', count: 1 },
    { category: 'phones', outcome: 'erased', count: phones.length },
    { category: 'consent', outcome: 'erased', count: 1 },
    { category: 'timeline', outcome: 'anonymised', count: events },
    { category: 'followUps', outcome: 'anonymised', count: followUps },
  ];
  for (const source of personalDataSources) lines.push(...(await source.eraseFor(trx, customerId, now)));
  lines.push({ category: 'accessLog', outcome: 'kept', count: 1 });
  return lines;
}

/** PIPL art. 47 deletion request, by the DPO or the project's manager; the answer lists what was erased and what was kept. */
export async function eraseCustomer(
  db: Db,
  options: { actor: Actor; customerId: string; reason: string; now: Date },
): Promise<{ lines: ErasureLine[] }> {
  const { actor, customerId, reason, now } = options;
  return db.transaction().execute(async (trx) => {
    const customer = await getCustomerForRights(trx, actor, customerId);
    if (customer.isErased) throw new AppError(customerErrors.CUSTOMER_ERASED);
    const lines = await anonymiseCustomer(trx, customer, now);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: customer.projectId,
      entityType: 'customer',
      entityId: customerId,
      action: 'erase_personal_data',
      after: { reason, lines },
    });
    return { lines };
  });
}

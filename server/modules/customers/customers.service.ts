import type { CustomerInput as CustomerRequest, CustomerView } from '../../../contracts/customers.js';
import type { Role } from '../../../contracts/roles.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hasAnyRole } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, type FieldErrors, localized } from '../../platform/errors.js';
import type { PhoneMaskStyle } from '../../platform/privacy/mask.js';
import { namePinyin } from '../../platform/text/pinyin.js';
import { getVisibleProject } from '../org/index.js';
import { getSetting } from '../settings/index.js';
import { customerErrors } from './customers.errors.js';
import { StaffNames } from './customers.people.js';
import * as queries from './customers.queries.js';
import {
  categoryForKeyKind,
  displayPhone,
  isProjectManager,
  maskedPhone,
  maySeeWholePhone,
  type NormalisedPhone,
  normalisePhone,
} from './customers.rules.js';
import { customerObject, customerVisibility } from './customers.scope.js';
import type { CustomersTable } from './customers.tables.js';

export const customerEntity = localized('客户', '客戶', 'Customer');

export function customerNotFound(): AppError {
  return new AppError(commonErrors.NOT_FOUND, { entity: customerEntity });
}

/** Roles that work in a sales office's customer register. */
export const salesRoles: readonly Role[] = ['manager', 'controller', 'consultant', 'finance'];

/**
 * A role check for an action in a project's sales office (register, answer, reassign…): the
 * project is the caller's company's and they hold one of the roles in it. Which objects they
 * then see is the scope's business (customers.scope.ts), not this check's.
 */
export async function assertSalesProject(
  db: Tx,
  actor: Actor,
  projectId: string,
  roles: readonly Role[] = salesRoles,
) {
  const project = await getVisibleProject(db, actor, projectId);
  if (!hasAnyRole(actor, roles, projectId)) throw new AppError(commonErrors.FORBIDDEN);
  return project;
}

export async function phoneMaskStyle(db: Tx, actor: Actor, projectId: string): Promise<PhoneMaskStyle> {
  return getSetting(db, 'privacy.phoneMask', { companyId: actor.companyId, projectId });
}

/** A customer as the API answers (contracts/customers.ts, shared with the web client). */
export type { CustomerView };

export async function toCustomerView(
  row: CustomersTable,
  phones: queries.PhoneRow[],
  options: { actor: Actor; maskStyle: PhoneMaskStyle; names: StaffNames; revealWhole: boolean },
): Promise<CustomerView> {
  const { actor } = options;
  const mayReveal = maySeeWholePhone(actor, row);
  const isWhole = options.revealWhole && mayReveal;
  const phoneDetails = phones.map((phone) => ({
    id: phone.id,
    phone: isWhole ? displayPhone(phone.phoneE164) : maskedPhone(phone.phoneE164, options.maskStyle),
    kind: phone.kind,
    tail4: phone.phoneTail4,
    isMasked: !isWhole,
  }));
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    gender: row.gender,
    category: row.category,
    keyKind: row.keyKind,
    sourceChannelId: row.sourceChannelId,
    intentLayout: row.intentLayout,
    intentAreaMin: row.intentAreaMin,
    intentAreaMax: row.intentAreaMax,
    intentBudgetFen: row.intentBudgetFen === null ? null : Number(row.intentBudgetFen),
    intentPurpose: row.intentPurpose,
    notes: row.notes,
    ownerStaffId: row.ownerStaffId,
    ownerName: await options.names.get(row.ownerStaffId),
    ownedSince: row.ownedSince,
    protectedUntil: row.protectedUntil,
    hasContactConsent: row.hasContactConsent === 1,
    contactConsentAt: row.contactConsentAt,
    contactConsentVia: row.contactConsentVia,
    hasMarketingConsent: row.hasMarketingConsent === 1,
    marketingConsentAt: row.marketingConsentAt,
    marketingConsentVia: row.marketingConsentVia,
    isPhoneRefused: row.isPhoneRefused === 1,
    firstContact: row.firstContact,
    locale: row.locale,
    movedInAt: row.movedInAt,
    isErased: row.isErased === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    phones: phoneDetails.map((phone) => phone.phone),
    phoneDetails,
    canRevealPhones: mayReveal && phones.length > 0,
    canEdit: !row.isErased && (row.ownerStaffId === actor.staffId || isProjectManager(actor, row.projectId)),
  };
}

/** A customer row the actor may open, else NOT_FOUND (so the existence of others' customers does not leak). */
export async function getVisibleCustomerRow(
  db: Tx,
  actor: Actor,
  customerId: string,
): Promise<CustomersTable> {
  const row = await queries.findCustomerRow(db, customerId);
  if (!row) throw customerNotFound();
  customerVisibility(actor).assertSees(customerObject(row), customerEntity);
  return row;
}

/**
 * The customer as other modules (deals, reports) see them. Throws NOT_FOUND when absent or not
 * visible to the actor. Phones are whole for the owner and managers, masked for everyone else.
 */
export async function getCustomerById(db: Tx, actor: Actor, customerId: string): Promise<CustomerView> {
  const row = await getVisibleCustomerRow(db, actor, customerId);
  const phones = (await queries.findPhonesOfCustomers(db, [row.id])).get(row.id) ?? [];
  return toCustomerView(row, phones, {
    actor,
    maskStyle: await phoneMaskStyle(db, actor, row.projectId),
    names: new StaffNames(db, actor),
    revealWhole: true,
  });
}

/** The same view for the HTTP API: numbers always masked there; whole ones come only through the audited reveal. */
export async function getCustomerForDisplay(db: Tx, actor: Actor, customerId: string): Promise<CustomerView> {
  const row = await getVisibleCustomerRow(db, actor, customerId);
  const phones = (await queries.findPhonesOfCustomers(db, [row.id])).get(row.id) ?? [];
  return toCustomerView(row, phones, {
    actor,
    maskStyle: await phoneMaskStyle(db, actor, row.projectId),
    names: new StaffNames(db, actor),
    revealWhole: false,
  });
}

export interface CustomerEventInput {
  actor: Actor;
  customerId: string;
  /** e.g. call, visit, follow_up, plan, deposit, agreement, ownership, consent. */
  kind: string;
  refId?: string;
  summary: string;
  at: Date;
}

/** Adds a line to the customer's timeline; call it inside the transaction of the change it records. */
export async function recordCustomerEvent(trx: Tx, input: CustomerEventInput): Promise<void> {
  const row = await queries.findCustomerRow(trx, input.customerId);
  if (!row || row.companyId !== input.actor.companyId) throw customerNotFound();
  await queries.insertEvent(trx, {
    id: newId(),
    customerId: row.id,
    projectId: row.projectId,
    kind: input.kind.slice(0, 40),
    refId: input.refId ?? null,
    summary: input.summary.slice(0, 500),
    actorId: input.actor.staffId === 'system' ? null : input.actor.staffId,
    actorName: input.actor.displayName,
    at: input.at.toISOString(),
  });
}

/** The register form as a use case receives it: the request (contracts/customers.ts) with defaults applied. */
export type CustomerInput = Omit<CustomerRequest, 'locale'> & { locale: string };

/** Parses every phone of a form; an invalid or repeated one is a field error named by its index. */
export function normalisePhones(phones: string[], fieldPrefix = 'phones'): NormalisedPhone[] {
  const fields: FieldErrors = {};
  const result: NormalisedPhone[] = [];
  const seen = new Set<string>();
  let firstInvalid = '';
  for (const [index, raw] of phones.entries()) {
    const parsed = normalisePhone(raw);
    if (!parsed) {
      fields[`${fieldPrefix}.${index}`] = localized(
        '不是有效的手机或座机号码',
        '不是有效的手機或市話號碼',
        'Not a valid mobile or landline number',
      );
      firstInvalid ||= raw;
      continue;
    }
    if (seen.has(parsed.e164)) {
      fields[`${fieldPrefix}.${index}`] = customerErrors.DUPLICATE_PHONE.message;
      continue;
    }
    seen.add(parsed.e164);
    result.push(parsed);
  }
  if (Object.keys(fields).length) {
    // The message names the (already visible) input, cut short so a log line never carries a whole number.
    throw new AppError(
      customerErrors.INVALID_PHONE,
      { phone: firstInvalid ? `${firstInvalid.slice(0, 3)}…` : '' },
      fields,
    );
  }
  return result;
}

export async function assertSourceChannel(db: Tx, projectId: string, sourceChannelId: string | null) {
  if (!sourceChannelId) return;
  const channel = await queries.findSourceChannelRow(db, sourceChannelId);
  if (!channel || channel.projectId !== projectId)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      { sourceChannelId: localized('来源渠道不存在', '來源渠道不存在', 'No such source channel') },
    );
}

export function consentColumns(
  input: Pick<CustomerInput, 'hasContactConsent' | 'hasMarketingConsent' | 'consentVia'>,
  at: string,
  before?: CustomersTable,
) {
  const contactChanged = !before || (before.hasContactConsent === 1) !== input.hasContactConsent;
  const marketingChanged = !before || (before.hasMarketingConsent === 1) !== input.hasMarketingConsent;
  return {
    hasContactConsent: input.hasContactConsent ? 1 : 0,
    contactConsentAt: contactChanged
      ? input.hasContactConsent
        ? at
        : before
          ? at
          : null
      : (before?.contactConsentAt ?? null),
    contactConsentVia: contactChanged
      ? input.hasContactConsent
        ? input.consentVia
        : null
      : (before?.contactConsentVia ?? null),
    hasMarketingConsent: input.hasMarketingConsent ? 1 : 0,
    marketingConsentAt: marketingChanged
      ? input.hasMarketingConsent
        ? at
        : before
          ? at
          : null
      : (before?.marketingConsentAt ?? null),
    marketingConsentVia: marketingChanged
      ? input.hasMarketingConsent
        ? input.consentVia
        : null
      : (before?.marketingConsentVia ?? null),
    marketingWithdrawnAt:
      before && marketingChanged
        ? input.hasMarketingConsent
          ? null
          : at
        : (before?.marketingWithdrawnAt ?? null),
  };
}

export function profileColumns(input: CustomerInput) {
  const pinyin = namePinyin(input.name);
  return {
    name: input.name,
    namePinyin: pinyin.full,
    nameInitials: pinyin.initials,
    gender: input.gender,
    category: categoryForKeyKind(input.keyKind),
    keyKind: input.keyKind,
    sourceChannelId: input.sourceChannelId,
    intentLayout: input.intentLayout,
    intentAreaMin: input.intentAreaMin,
    intentAreaMax: input.intentAreaMax,
    intentBudgetFen: input.intentBudgetFen,
    intentPurpose: input.intentPurpose,
    notes: input.notes,
    isPhoneRefused: input.isPhoneRefused && input.phones.length === 0 ? 1 : 0,
    locale: input.locale,
  };
}

/** What the audit log keeps of a customer: numbers only as their last four digits (PRIV). */
export function customerAuditView(row: CustomersTable, phones: NormalisedPhone[] | queries.PhoneRow[]) {
  const { unsubscribeToken: _token, ...rest } = row;
  return {
    ...rest,
    phones: phones.map((phone) => `***${'tail4' in phone ? phone.tail4 : phone.phoneTail4}`),
  };
}

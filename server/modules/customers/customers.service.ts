import type { CustomerInput as CustomerRequest, CustomerView } from '../../../contracts/customers.js';
import type { Role } from '../../../contracts/roles.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hasAnyRole } from '../../platform/auth/actor.js';
import { isUniqueViolation } from '../../platform/db/constraints.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, type FieldErrors, localized } from '../../platform/errors.js';
import type { PhoneMaskStyle } from '../../platform/privacy/mask.js';
import { namePinyin } from '../../platform/text/pinyin.js';
import { writeAudit } from '../audit/index.js';
import { getVisibleProject } from '../org/index.js';
import { getSetting } from '../settings/index.js';
import { customerErrors } from './customers.errors.js';
import { newCustomerId, newUnsubscribeSecret } from './customers.ids.js';
import { notifyManagersOfKeyCustomer } from './customers.notify.js';
import { StaffNames } from './customers.people.js';
import * as queries from './customers.queries.js';
import {
  categoryForKeyKind,
  displayPhone,
  isOwnershipProtected,
  isProjectManager,
  maskedPhone,
  mayActOnPersonalDataRights,
  maySeeWholePhone,
  type NormalisedPhone,
  normalisePhone,
  protectionEnd,
} from './customers.rules.js';
import { customerObject, customerVisibility } from './customers.scope.js';
import type { CustomersTable, FirstContact } from './customers.tables.js';

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

async function assertSourceChannel(db: Tx, projectId: string, sourceChannelId: string | null) {
  if (!sourceChannelId) return;
  const channel = await queries.findSourceChannelRow(db, sourceChannelId);
  if (!channel || channel.projectId !== projectId)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      { sourceChannelId: localized('来源渠道不存在', '來源渠道不存在', 'No such source channel') },
    );
}

function consentColumns(
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

function profileColumns(input: CustomerInput) {
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import type { TestOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { newCustomerId } from './customers.ids.js';
import { normalisePhone } from './customers.rules.js';
import { getCustomerById } from './customers.service.js';
import { buildCustomerInput, buildSalesOffice, freshMobile } from './testing/index.js';
import { completeFollowUp, planFollowUp } from './use-cases/follow-ups.js';
import {
  findOwnershipConflicts,
  reassignCustomer,
  requestReassignment,
  resolveReassignment,
} from './use-cases/ownership.js';
import { eraseCustomer, exportCustomerData, revealCustomerPhones } from './use-cases/privacy.js';
import { checkPhone, registerCustomer } from './use-cases/register-customer.js';

let database: TestDatabase;
let org: TestOrg;
let consultantA: Actor;
let consultantB: Actor;
let manager: Actor;
let finance: Actor;
const now = new Date('2026-11-27T02:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
  ({ org, consultantA, consultantB, manager, finance } = await buildSalesOffice(database.db, now));
});

afterAll(async () => {
  await database.drop();
});

describe('customer rules', () => {
  it('normalises Chinese mobiles and landlines however they are written', () => {
    expect(normalisePhone('+86 138-0013-8000')).toMatchObject({
      e164: '+8613800138000',
      kind: 'mobile',
      tail4: '8000',
    });
    expect(normalisePhone('0086 13800138000')?.e164).toBe('+8613800138000');
    expect(normalisePhone('(0755)8888 1234')).toMatchObject({
      e164: '+8675588881234',
      national: '0755-88881234',
      kind: 'landline',
    });
    expect(normalisePhone('12345678901')).toBeNull();
    expect(normalisePhone('+1 415 555 1234')).toBeNull();
    expect(normalisePhone('400-800-8888')).toBeNull();
  });

  it('makes time-ordered UUIDs so imports append to the index', () => {
    const ids = Array.from({ length: 50 }, () => newCustomerId(1_800_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('customer register', () => {
  it('normalises phones and refuses an invalid one with a field error', async () => {
    const { customer } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ phones: ['+86 138-0013-8000', '0755 8888 1234'] }),
      now,
    });
    expect(customer.phoneDetails.map((phone) => phone.kind)).toEqual(['mobile', 'landline']);
    const error = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ phones: ['12345'] }),
      now,
    }).catch((failure) => failure);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('INVALID_PHONE');
    expect(Object.keys(error.fields)).toEqual(['phones.0']);
  });

  it('SA-10 records a visitor who refuses a phone number as refused, without demanding one', async () => {
    const { customer } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '不留电话', isPhoneRefused: true }),
      now,
    });
    expect(customer.isPhoneRefused).toBe(true);
    expect(customer.phones).toEqual([]);
  });

  it('SA-3 makes developers, peers and media key customers and tells the manager', async () => {
    const { customer } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '媒体记者', keyKind: 'media', phones: [freshMobile()] }),
      now,
    });
    expect(customer.category).toBe('key');
    const notices = await database.db
      .selectFrom('notifications')
      .selectAll()
      .where('event', '=', 'customers.keyCustomer')
      .execute();
    expect(notices.length).toBe(1);
    expect(notices[0].recipientsJson).toContain(manager.staffId);
  });
});

describe('ownership (客户保护期)', () => {
  it('tells a second consultant the customer is taken and by whom, without the number, and logs the conflict', async () => {
    const phone = freshMobile();
    await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '李女士', phones: [phone] }),
      now,
    });
    const check = await checkPhone(database.db, {
      actor: consultantB,
      projectId: org.salesProjectId,
      phone,
      now,
    });
    expect(check).toEqual({ status: 'taken', ownerName: '张伟' });
    const error = await registerCustomer(database.db, {
      actor: consultantB,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ phones: [phone] }),
      now,
    }).catch((failure) => failure);
    expect(error.code).toBe('CUSTOMER_TAKEN');
    expect(error.userMessage('zh-CN')).toContain('张伟');
    expect(error.userMessage('zh-CN')).not.toContain(phone.slice(3));
    const conflicts = await findOwnershipConflicts(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      status: 'logged',
      offset: 0,
      limit: 10,
    });
    expect(
      conflicts.items.some((item) => item.requestedBy === consultantB.staffId && item.ownerName === '张伟'),
    ).toBe(true);
  });

  it('lets the consultant ask the manager, who reassigns the customer', async () => {
    const phone = freshMobile();
    const { customer } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '赵先生', phones: [phone] }),
      now,
    });
    const request = await requestReassignment(database.db, {
      actor: consultantB,
      projectId: org.salesProjectId,
      phone,
      reason: '客户点名要我接待',
      now,
    });
    await resolveReassignment(database.db, {
      actor: manager,
      requestId: request.id,
      isApproved: true,
      note: '同意',
      now,
    });
    const after = await getCustomerById(database.db, manager, customer.id);
    expect(after.ownerStaffId).toBe(consultantB.staffId);
    await expect(getCustomerById(database.db, consultantA, customer.id)).rejects.toThrow(/NOT_FOUND/);
    await expect(
      resolveReassignment(database.db, {
        actor: manager,
        requestId: request.id,
        isApproved: true,
        note: '',
        now,
      }),
    ).rejects.toThrow(/REQUEST_CLOSED/);
    await expect(
      reassignCustomer(database.db, {
        actor: consultantB,
        customerId: customer.id,
        toStaffId: consultantA.staffId,
        reason: '',
        now,
      }),
    ).rejects.toThrow(/FORBIDDEN/);
  });

  it('passes a customer whose protection lapsed to the next consultant, and a follow-up renews protection', async () => {
    const phone = freshMobile();
    const { customer } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '过期客户', phones: [phone] }),
      now,
    });
    const followUp = await planFollowUp(database.db, {
      actor: consultantA,
      customerId: customer.id,
      plannedAt: new Date('2026-12-20T02:00:00Z'),
      theme: '邀约看房',
      channel: 'phone',
      now,
    });
    const later = new Date('2026-12-20T03:00:00Z');
    await completeFollowUp(database.db, {
      actor: consultantA,
      followUpId: followUp.id,
      outcome: '周末来看',
      now: later,
    });
    const renewed = await getCustomerById(database.db, consultantA, customer.id);
    expect(renewed.protectedUntil).toBe(new Date(later.getTime() + 30 * 86_400_000).toISOString());
    const muchLater = new Date('2027-03-01T00:00:00Z');
    const result = await registerCustomer(database.db, {
      actor: consultantB,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ phones: [phone] }),
      now: muchLater,
    });
    expect(result.outcome).toBe('taken_over');
    expect(result.customer.ownerStaffId).toBe(consultantB.staffId);
  });
});

describe('PRIV', () => {
  it('PRIV masks phones for those who need not see them; the owner reveals them, and the reveal is audited', async () => {
    const phone = '13712345678';
    const { customer } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '隐私客户', phones: [phone] }),
      now,
    });
    expect(customer.phones).toEqual(['137****5678']);
    expect((await getCustomerById(database.db, finance, customer.id)).phones).toEqual(['137****5678']);
    expect((await getCustomerById(database.db, manager, customer.id)).phones).toEqual([phone]);
    await expect(
      revealCustomerPhones(database.db, {
        actor: finance,
        customerId: customer.id,
        reasonCode: 'callback',
        reasonText: '',
        now,
      }),
    ).rejects.toThrow(/FORBIDDEN/);
    const revealed = await revealCustomerPhones(database.db, {
      actor: consultantA,
      customerId: customer.id,
      reasonCode: 'callback',
      reasonText: '',
      now,
    });
    expect(revealed.phones[0].phone).toBe(phone);
    const audits = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', customer.id)
      .execute();
    expect(audits.some((row) => row.action === 'reveal_phone')).toBe(true);
    expect(audits.every((row) => !`${row.beforeJson}${row.afterJson}`.includes(phone))).toBe(true);
  });

  it('PRIV exports and erases a customer on request, keeping an anonymised record', async () => {
    const phone = freshMobile();
    const { customer } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '要求删除', phones: [phone] }),
      now,
    });
    const document = await exportCustomerData(database.db, {
      actor: manager,
      customerId: customer.id,
      format: 'json',
      now,
    });
    expect(document.sections.phones).toEqual([{ phone, kind: 'mobile' }]);
    await expect(
      eraseCustomer(database.db, { actor: consultantA, customerId: customer.id, reason: '客户要求', now }),
    ).rejects.toThrow(/FORBIDDEN/);
    await eraseCustomer(database.db, { actor: manager, customerId: customer.id, reason: '客户要求', now });
    const erased = await getCustomerById(database.db, manager, customer.id);
    expect(erased).toMatchObject({ name: '已删除客户', phones: [], isErased: true });
    expect(
      await checkPhone(database.db, { actor: consultantB, projectId: org.salesProjectId, phone, now }),
    ).toEqual({ status: 'free' });
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { newCustomerId } from './customers.ids.js';
import { normalisePhone } from './customers.rules.js';
import type { CustomerInput } from './customers.service.js';
import { getCustomerById, getCustomerForDisplay } from './customers.service.js';
import { checkInTimes, markMovedIn } from './use-cases/after-sales.js';
import {
  createCampaign,
  findCampaignSendLog,
  previewCampaignRecipients,
  sendCampaign,
  unsubscribe,
} from './use-cases/campaigns.js';
import { findCustomers, getCustomerBook } from './use-cases/find-customers.js';
import { completeFollowUp, findFollowUps, planFollowUp } from './use-cases/follow-ups.js';
import {
  cancelImport,
  commitImport,
  findImportProblems,
  getImport,
  previewImport,
  runImport,
} from './use-cases/import-customers.js';
import {
  findOwnershipConflicts,
  reassignCustomer,
  requestReassignment,
  resolveReassignment,
} from './use-cases/ownership.js';
import { eraseCustomer, exportCustomerData, revealCustomerPhones } from './use-cases/privacy.js';
import { checkPhone, registerCustomer } from './use-cases/register-customer.js';
import { createSourceChannel, findSourceChannels } from './use-cases/source-channels.js';

let database: TestDatabase;
let org: TestOrg;
let consultantA: Actor;
let consultantB: Actor;
let manager: Actor;
let finance: Actor;
const now = new Date('2026-11-27T02:00:00.000Z');

function buildCustomerInput(overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    name: '王小明',
    gender: 'male',
    phones: [],
    isPhoneRefused: false,
    sourceChannelId: null,
    keyKind: null,
    intentLayout: '三房两厅',
    intentAreaMin: 90,
    intentAreaMax: 120,
    intentBudgetFen: 300_000_000,
    intentPurpose: 'self_use',
    notes: '',
    hasContactConsent: true,
    hasMarketingConsent: false,
    consentVia: 'verbal',
    locale: 'zh-CN',
    ...overrides,
  };
}

let phoneCounter = 0;
function freshMobile(): string {
  phoneCounter += 1;
  return `139${String(10_000_000 + phoneCounter * 7919).slice(-8)}`;
}

async function workbook(rows: unknown[][], options: { title?: string } = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('客户');
  if (options.title) {
    sheet.addRow([options.title]);
    sheet.mergeCells(1, 1, 1, 6);
  }
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

beforeAll(async () => {
  database = await createTestDatabase();
  org = await buildOrg(database.db, now);
  const sales = (role: 'consultant' | 'manager' | 'finance') => [{ role, projectId: org.salesProjectId }];
  consultantA = await buildStaff(database.db, org, { roles: sales('consultant'), displayName: '张伟' });
  consultantB = await buildStaff(database.db, org, { roles: sales('consultant'), displayName: '刘洋' });
  manager = await buildStaff(database.db, org, { roles: sales('manager'), displayName: '王经理' });
  finance = await buildStaff(database.db, org, { roles: sales('finance'), displayName: '周敏' });
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

describe('follow-ups and the book', () => {
  it('SA-2 plans a follow-up with theme and channel, queues its reminder, and lists today and overdue', async () => {
    const { customer } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '回访客户', phones: [freshMobile()] }),
      now,
    });
    const dueToday = await planFollowUp(database.db, {
      actor: consultantA,
      customerId: customer.id,
      plannedAt: new Date('2026-11-27T08:00:00Z'),
      theme: '介绍优惠',
      channel: 'wechat',
      now,
    });
    await planFollowUp(database.db, {
      actor: consultantA,
      customerId: customer.id,
      plannedAt: new Date('2026-11-27T01:00:00Z'),
      theme: '确认来访',
      channel: 'phone',
      now,
    });
    const reminders = await database.db
      .selectFrom('notifications')
      .selectAll()
      .where('event', '=', 'customers.followUpDue')
      .execute();
    expect(reminders.some((row) => row.sendAt === '2026-11-27T07:45:00.000Z')).toBe(true);
    const today = await findFollowUps(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      scope: 'today',
      now,
      offset: 0,
      limit: 50,
    });
    expect(today.items.map((item) => item.id)).toContain(dueToday.id);
    const overdue = await findFollowUps(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      scope: 'overdue',
      now,
      offset: 0,
      limit: 50,
    });
    expect(
      overdue.items.some((item) => item.theme === '确认来访' && item.isOverdue && item.staffName === '张伟'),
    ).toBe(true);
    const book = await getCustomerBook(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      now,
    });
    expect(book.dueFollowUps.map((item) => item.theme)).toEqual(
      expect.arrayContaining(['介绍优惠', '确认来访']),
    );
    await expect(
      planFollowUp(database.db, {
        actor: consultantB,
        customerId: customer.id,
        plannedAt: now,
        theme: 'x',
        channel: 'phone',
        now,
      }),
    ).rejects.toThrow(/NOT_FOUND/);
  });

  it('searches the book by name, pinyin initials and the last four digits', async () => {
    await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '欧阳娜娜', phones: ['13698764321'] }),
      now,
    });
    const search = async (q: string) =>
      (
        await findCustomers(database.db, consultantA, {
          projectId: org.salesProjectId,
          scope: 'mine',
          q,
          sort: 'createdAt',
          order: 'desc',
          offset: 0,
          limit: 20,
        })
      ).items.map((item) => item.name);
    expect(await search('欧阳')).toEqual(['欧阳娜娜']);
    expect(await search('oynn')).toEqual(['欧阳娜娜']);
    expect(await search('4321')).toEqual(['欧阳娜娜']);
    expect(
      (
        await findCustomers(database.db, consultantB, {
          projectId: org.salesProjectId,
          scope: 'all',
          q: '4321',
          sort: 'createdAt',
          order: 'desc',
          offset: 0,
          limit: 20,
        })
      ).items,
    ).toEqual([]);
  });

  it('finds a customer by a whole number in any spelling, with all their numbers masked, only in the right book', async () => {
    await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '司马相如', phones: ['13755551234', '0755-86001234'] }),
      now,
    });
    const byPhone = (actor: typeof consultantA, q: string, offset = 0) =>
      findCustomers(database.db, actor, {
        projectId: org.salesProjectId,
        scope: 'all',
        q,
        sort: 'createdAt',
        order: 'desc',
        offset,
        limit: 20,
      });
    const found = await byPhone(consultantA, '+86 0755 8600 1234');
    expect(found.total).toBe(1);
    expect(found.items.map((item) => item.name)).toEqual(['司马相如']);
    expect(found.items[0].phoneDetails.map((phone) => [phone.kind, phone.tail4, phone.isMasked])).toEqual([
      ['mobile', '1234', true],
      ['landline', '1234', true],
    ]);
    expect(found.items[0].phones[0]).not.toContain('5555');
    expect(await byPhone(consultantA, '137-5555-1234', 20)).toEqual({ items: [], total: 1 });
    expect(await byPhone(consultantB, '13755551234')).toEqual({ items: [], total: 0 });
    expect((await byPhone(manager, '13755551234')).total).toBe(1);
  });
});

describe('SA-18 after-sales', () => {
  it('SA-18 schedules check-ins after move-in', async () => {
    const { customer } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '入伙业主', phones: [freshMobile()] }),
      now,
    });
    const checkIns = await markMovedIn(database.db, {
      actor: consultantA,
      customerId: customer.id,
      movedInAt: new Date('2026-12-01T02:00:00Z'),
      now,
    });
    expect(checkIns.map((item) => item.plannedAt)).toEqual(
      checkInTimes(new Date('2026-12-01T02:00:00Z'), [7, 30, 90]).map((date) => date.toISOString()),
    );
    expect(checkIns[0].plannedAt).toBe('2026-12-08T02:00:00.000Z');
  });

  it('SA-18 announces a new project only to past customers who consented, logs the sends, and honours unsubscribe', async () => {
    const { customer: willing } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '老客户甲', phones: [freshMobile()], hasMarketingConsent: true }),
      now,
    });
    await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '老客户乙', phones: [freshMobile()], hasMarketingConsent: false }),
      now,
    });
    const estateManager = await buildStaff(database.db, org, {
      roles: [
        { role: 'manager', projectId: org.estateProjectId },
        { role: 'manager', projectId: org.salesProjectId },
      ],
    });
    const campaign = await createCampaign(database.db, {
      actor: estateManager,
      projectId: org.estateProjectId,
      title: '二期开盘',
      message: '锦绣二期本周六开放样板房',
      now,
    });
    const preview = await previewCampaignRecipients(database.db, {
      actor: estateManager,
      campaignId: campaign.id,
      offset: 0,
      limit: 100,
    });
    expect(preview.items.map((item) => item.name)).toEqual(['老客户甲']);
    expect(preview.items[0].phone).toMatch(/\*{4}/);
    const result = await sendCampaign(database.db, {
      actor: estateManager,
      campaignId: campaign.id,
      siteUrl: 'http://127.0.0.1',
      now,
    });
    expect(result).toEqual({ sent: 1, skipped: 0, cancelled: false });
    await expect(
      sendCampaign(database.db, {
        actor: estateManager,
        campaignId: campaign.id,
        siteUrl: 'http://127.0.0.1',
        now,
      }),
    ).rejects.toThrow(/CAMPAIGN_SENT/);
    const log = await findCampaignSendLog(database.db, {
      actor: estateManager,
      campaignId: campaign.id,
      offset: 0,
      limit: 10,
    });
    expect(log.items).toMatchObject([{ customerName: '老客户甲', status: 'sent' }]);
    const row = await database.db
      .selectFrom('customers')
      .select('unsubscribeToken')
      .where('id', '=', willing.id)
      .executeTakeFirstOrThrow();
    await expect(unsubscribe(database.db, { token: `${willing.id}.wrong-secret`, now })).rejects.toThrow(
      /UNSUBSCRIBE_UNKNOWN/,
    );
    await unsubscribe(database.db, { token: `${willing.id}.${row.unsubscribeToken}`, now });
    expect((await getCustomerForDisplay(database.db, consultantA, willing.id)).hasMarketingConsent).toBe(
      false,
    );
  });
});

describe('source channels', () => {
  it('starts from the usual list and lets a manager add one', async () => {
    const channels = await findSourceChannels(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      now,
    });
    expect(channels.map((channel) => channel.name)).toContain('朋友介绍');
    await createSourceChannel(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      name: '抖音',
      sortOrder: 20,
      now,
    });
    await expect(
      createSourceChannel(database.db, {
        actor: consultantA,
        projectId: org.salesProjectId,
        name: '小红书',
        sortOrder: 1,
        now,
      }),
    ).rejects.toThrow(/FORBIDDEN/);
  });
});

describe('Excel import', () => {
  const header = [
    '序号',
    '客户姓名',
    '手机号码',
    '性别',
    '来源渠道',
    '意向面积',
    '预算(万元)',
    '登记日期',
    '置业顾问',
  ];

  it('reads an office list with a merged title row, text and serial dates, and imports it', async () => {
    const file = await workbook(
      [
        header,
        [1, '孙悟空', '13500001111', '男', '朋友介绍', '89-110', 280, '2026/11/1', '张伟'],
        [2, '猪八戒', '135 0000 2222', '男', '新渠道', '120', '350.5', 46330, ''],
        [3, '', '', '', '', '', '', '', ''],
      ],
      { title: '翠湖花园来访客户登记表' },
    );
    const preview = await previewImport(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      fileName: '客户.xlsx',
      file,
      now,
    });
    expect(preview).toMatchObject({
      totalRows: 2,
      validRows: 2,
      errorRows: 0,
      duplicateRows: 0,
      ignoredColumns: ['序号'],
      newSourceChannels: ['新渠道'],
    });
    await commitImport(database.db, {
      actor: manager,
      importId: preview.id,
      mode: 'all_or_nothing',
      now,
      schedule: false,
    });
    await runImport(database.db, { actor: manager, importId: preview.id, now: () => now });
    expect(await getImport(database.db, { actor: manager, importId: preview.id })).toMatchObject({
      status: 'done',
      importedRows: 2,
    });
    const list = await findCustomers(database.db, manager, {
      projectId: org.salesProjectId,
      scope: 'all',
      q: 'swk',
      sort: 'createdAt',
      order: 'desc',
      offset: 0,
      limit: 5,
    });
    expect(list.items[0]).toMatchObject({
      name: '孙悟空',
      ownerName: '张伟',
      intentAreaMin: 89,
      intentAreaMax: 110,
      intentBudgetFen: 280_000_000,
    });
    expect(list.items[0].ownedSince).toBe('2026-10-31T16:00:00.000Z');
    const pig = await findCustomers(database.db, manager, {
      projectId: org.salesProjectId,
      scope: 'all',
      q: '猪八戒',
      sort: 'createdAt',
      order: 'desc',
      offset: 0,
      limit: 5,
    });
    expect(pig.items[0].intentBudgetFen).toBe(350_500_000);
  });

  it('reports per-row errors and duplicates, imports nothing all-or-nothing, and only the valid rows when asked', async () => {
    const before = await database.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    const file = await workbook([
      header,
      [1, '唐僧', '13500001111', '男', '', '', '', '', ''],
      [2, '沙僧', '1234', '男', '', '', '', '', ''],
      [3, '白龙马', '13500003333', '', '', '', '', '2026-02-30', ''],
      [4, '=HYPERLINK("http://x")', '13500004444', '', '', '', '', '', ''],
      [5, '观音', '13500005555', '', '', '', '', '', ''],
      [6, '如来', '13500005555', '', '', '', '', '', ''],
    ]);
    const preview = await previewImport(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      fileName: 'bad.xlsx',
      file,
      now,
    });
    expect(preview).toMatchObject({ totalRows: 6, validRows: 1, errorRows: 3, duplicateRows: 2 });
    const problems = await findImportProblems(database.db, {
      actor: manager,
      importId: preview.id,
      afterRow: 0,
      limit: 50,
    });
    expect(problems.map((row) => row.rowNumber)).toEqual([2, 3, 4, 5, 7]);
    expect(problems.find((row) => row.rowNumber === 2)?.duplicateOf).toBe('database');
    expect(problems.find((row) => row.rowNumber === 7)).toMatchObject({
      duplicateOf: 'row',
      duplicateRow: 6,
    });
    await expect(
      commitImport(database.db, {
        actor: manager,
        importId: preview.id,
        mode: 'all_or_nothing',
        now,
        schedule: false,
      }),
    ).rejects.toThrow(/IMPORT_HAS_ERRORS/);
    const unchanged = await database.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(unchanged.count)).toBe(Number(before.count));
    await commitImport(database.db, {
      actor: manager,
      importId: preview.id,
      mode: 'valid_only',
      now,
      schedule: false,
    });
    await runImport(database.db, { actor: manager, importId: preview.id, now: () => now });
    expect(await getImport(database.db, { actor: manager, importId: preview.id })).toMatchObject({
      status: 'done',
      importedRows: 1,
    });
  });

  it('refuses hostile files — junk, wrong columns, formulas saved without a value — and changes nothing', async () => {
    const junk = Buffer.alloc(10 * 1024 * 1024, 0x41);
    await expect(
      previewImport(database.db, {
        actor: manager,
        projectId: org.salesProjectId,
        fileName: 'junk.xlsx',
        file: junk,
        now,
      }),
    ).rejects.toThrow(/XLSX_UNREADABLE/);
    const fakeZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(4096, 7)]);
    await expect(
      previewImport(database.db, {
        actor: manager,
        projectId: org.salesProjectId,
        fileName: 'fake.xlsx',
        file: fakeZip,
        now,
      }),
    ).rejects.toThrow(/XLSX_UNREADABLE/);
    const wrongColumns = await workbook([
      ['房号', '面积', '单价'],
      ['1-101', 89, 30000],
    ]);
    await expect(
      previewImport(database.db, {
        actor: manager,
        projectId: org.salesProjectId,
        fileName: 'units.xlsx',
        file: wrongColumns,
        now,
      }),
    ).rejects.toThrow(/IMPORT_NO_HEADER/);
    // A formula reads as its cached value; only one saved without a value is refused, naming the fix.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('s');
    sheet.addRow(['姓名', '电话']);
    sheet.addRow([{ formula: 'A1&"x"', result: '公式客户' }, '13500009999']);
    sheet.addRow([{ formula: 'A1&"y"' }, '13500009998']);
    const formulas = Buffer.from(await book.xlsx.writeBuffer());
    const preview = await previewImport(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      fileName: 'f.xlsx',
      file: formulas,
      now,
    });
    expect(preview).toMatchObject({ totalRows: 2, validRows: 1, errorRows: 1 });
    expect(preview.sample[0].name).toBe('公式客户');
    const problems = await findImportProblems(database.db, {
      actor: manager,
      importId: preview.id,
      afterRow: 0,
      limit: 5,
    });
    expect(problems.map((row) => row.rowNumber)).toEqual([3]);
    expect(problems[0].errors[0]['zh-CN']).toContain('是公式,但文件保存时没有计算结果');
    await cancelImport(database.db, { actor: manager, importId: preview.id, now });
    expect((await getImport(database.db, { actor: manager, importId: preview.id })).status).toBe('cancelled');
  });

  it('undoes everything when a running import is cancelled', async () => {
    const rows = [
      header,
      ...Array.from({ length: 30 }, (_, index) => [
        index,
        `批量${index}`,
        `1370000${String(index).padStart(4, '0')}`,
        '',
        '',
        '',
        '',
        '',
        '',
      ]),
    ];
    const preview = await previewImport(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      fileName: 'many.xlsx',
      file: await workbook(rows),
      now,
    });
    await commitImport(database.db, {
      actor: manager,
      importId: preview.id,
      mode: 'all_or_nothing',
      now,
      schedule: false,
    });
    await cancelImport(database.db, { actor: manager, importId: preview.id, now });
    await runImport(database.db, { actor: manager, importId: preview.id, now: () => now });
    expect((await getImport(database.db, { actor: manager, importId: preview.id })).status).toBe('cancelled');
    const left = await database.db
      .selectFrom('customers')
      .select('id')
      .where('importId', '=', preview.id)
      .execute();
    expect(left).toEqual([]);
  });
});

describe('HTTP edge', () => {
  it('previews an uploaded .xlsx, refuses junk with a clear error, and exports the list', async () => {
    const { buildTestApp, signIn } = await import('../../testing/test-app.js');
    const app = await buildTestApp(database);
    const session = await signIn(app, (manager as Actor & { username: string }).username);
    const upload = (file: Buffer, name: string) =>
      session.upload(`/api/customer-imports?projectId=${org.salesProjectId}`, file, { fileName: name });
    const good = await upload(
      await workbook([
        ['姓名', '电话'],
        ['上传客户', '13611112222'],
      ]),
      '客户.xlsx',
    );
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({
      totalRows: 1,
      validRows: 1,
      sample: [{ name: '上传客户', phones: ['136****2222'] }],
    });
    const commit = await session.request('POST', `/api/customer-imports/${good.json().id}/commit`, {
      mode: 'all_or_nothing',
    });
    expect(commit.statusCode).toBe(202);
    expect(commit.json().status).toBe('running');
    const job = await database.db
      .selectFrom('jobs')
      .select(['kind', 'status'])
      .where('kind', '=', 'customers.import')
      .executeTakeFirst();
    expect(job?.status).toBe('pending');
    const junk = await upload(Buffer.from('not a workbook at all'), 'junk.xlsx');
    expect(junk.statusCode).toBe(422);
    expect(junk.json().error.code).toBe('XLSX_UNREADABLE');
    const exported = await session.request(
      'GET',
      `/api/customers/export?projectId=${org.salesProjectId}&scope=all`,
    );
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    await app.close();
  });
});

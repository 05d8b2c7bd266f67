import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { buildTestApp, sessionsOf } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { workbookText } from '../../testing/workbook-text.js';
import { createProject } from '../org/index.js';
import type { CustomerInput } from './customers.service.js';
import { createCampaign } from './use-cases/campaigns.js';
import { planFollowUp } from './use-cases/follow-ups.js';
import { previewImport } from './use-cases/import-customers.js';
import { requestReassignment } from './use-cases/ownership.js';
import { registerCustomer } from './use-cases/register-customer.js';
import { createSourceChannel } from './use-cases/source-channels.js';

/**
 * Object scope of the customers module (issue 13): a customer and everything hanging off it is
 * seen by its owning consultant and the project's managers, controllers and finance; another
 * consultant, another project's manager, another company and the administrator get 404 on detail,
 * read and mutation routes (the administrator 403 once the access check no longer lets them in),
 * and lists and exports leave the rows out.
 */
const now = new Date('2026-11-27T02:00:00.000Z');

type Staff = Actor & { username: string };

let database: TestDatabase;
let app: AppInstance;
let org: TestOrg;
let otherOrg: TestOrg;
let otherProjectId: string;
let owner: Staff;
let colleague: Staff;
let manager: Staff;
let controller: Staff;
let otherProjectManager: Staff;
let otherCompanyManager: Staff;
let admin: Staff;

const customerPhone = '13922223333';
let customerId: string;
let followUpId: string;
let requestId: string;
let importId: string;
let campaignId: string;
let channelId: string;

function customerInput(overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    name: '欧阳私密',
    gender: 'female',
    phones: [customerPhone],
    isPhoneRefused: false,
    sourceChannelId: null,
    keyKind: null,
    intentLayout: '',
    intentAreaMin: null,
    intentAreaMax: null,
    intentBudgetFen: null,
    intentPurpose: '',
    notes: '',
    hasContactConsent: true,
    hasMarketingConsent: true,
    consentVia: 'verbal',
    locale: 'zh-CN',
    ...overrides,
  };
}

const as = sessionsOf(() => app);

/** An exported workbook's text, once the export answered 200. */
async function exportedText(response: LightMyRequestResponse): Promise<string> {
  expect(response.statusCode).toBe(200);
  return workbookText(response.rawPayload);
}

type Call = [method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown];

/** The routes of one customer's objects, read and write, as a caller who may not see them would try them. */
function routesOfTheCustomer(): Call[] {
  return [
    ['GET', `/api/customers/${customerId}`],
    ['PUT', `/api/customers/${customerId}`, { ...customerInput({ name: '改名' }), phones: undefined }],
    ['GET', `/api/customers/${customerId}/timeline`],
    ['POST', `/api/customers/${customerId}/reveal-phones`, { reasonCode: 'callback' }],
    ['POST', `/api/customers/${customerId}/move-in`, { movedInAt: now.toISOString() }],
    ['POST', `/api/customers/${customerId}/follow-ups`, { plannedAt: now.toISOString(), theme: '回访' }],
    ['POST', `/api/follow-ups/${followUpId}/complete`, { outcome: '已联系' }],
    ['POST', `/api/follow-ups/${followUpId}/cancel`, { reason: '' }],
    ['GET', `/api/customer-imports/${importId}`],
    ['GET', `/api/customer-imports/${importId}/problems`],
    ['GET', `/api/customer-imports/${importId}/problems/export`],
    ['POST', `/api/customer-imports/${importId}/commit`, { mode: 'valid_only' }],
    ['POST', `/api/customer-imports/${importId}/cancel`],
  ];
}

/** Routes only a manager may call (reassign, resolve, campaigns, personal data, erase): for managers elsewhere. */
function managerRoutesOfTheCustomer(): Call[] {
  return [
    ['POST', `/api/customers/${customerId}/reassign`, { toStaffId: owner.staffId }],
    ['GET', `/api/customers/${customerId}/personal-data`],
    ['POST', `/api/customers/${customerId}/erase`, { reason: '客户要求' }],
    ['POST', `/api/customers/ownership-requests/${requestId}/resolve`, { isApproved: false }],
    ['GET', `/api/campaigns/${campaignId}/recipients`],
    ['GET', `/api/campaigns/${campaignId}/send-log`],
    ['GET', `/api/campaigns/${campaignId}/send-log/export`],
    ['POST', `/api/campaigns/${campaignId}/send`],
    ['PUT', `/api/source-channels/${channelId}`, { name: '抖音', sortOrder: 1, isArchived: true }],
  ];
}

async function expectAllNotFound(staff: Staff, calls: Call[]) {
  const session = await as(staff);
  const answers: string[] = [];
  for (const [method, url, body] of calls) {
    const response = await session.request(method, url, body);
    answers.push(
      `${method} ${url} → ${response.statusCode} ${response.statusCode === 404 ? '' : response.body}`,
    );
    expect(response.statusCode, answers.at(-1)).toBe(404);
    expect(response.body).not.toContain('欧阳私密');
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  org = await buildOrg(database.db, now);
  otherOrg = await buildOrg(database.db, now);
  otherProjectId = (
    await createProject(database.db, {
      actor: org.system,
      input: { name: '另一个楼盘', kind: 'sales', city: '深圳', address: '' },
      now,
    })
  ).id;
  const inProject = (role: 'consultant' | 'manager' | 'controller', projectId = org.salesProjectId) => ({
    roles: [{ role, projectId }],
  });
  owner = await buildStaff(database.db, org, { ...inProject('consultant'), displayName: '张归属' });
  colleague = await buildStaff(database.db, org, { ...inProject('consultant'), displayName: '李同事' });
  manager = await buildStaff(database.db, org, { ...inProject('manager'), displayName: '王经理' });
  controller = await buildStaff(database.db, org, inProject('controller'));
  otherProjectManager = await buildStaff(database.db, org, inProject('manager', otherProjectId));
  // Company-wide grants: the company is the only boundary left for them.
  otherCompanyManager = await buildStaff(database.db, otherOrg, { roles: ['manager', 'consultant'] });
  admin = await buildStaff(database.db, org, { roles: ['admin'] });

  const registered = await registerCustomer(database.db, {
    actor: owner,
    projectId: org.salesProjectId,
    input: customerInput(),
    now,
  });
  customerId = registered.customer.id;
  followUpId = (
    await planFollowUp(database.db, {
      actor: owner,
      customerId,
      plannedAt: new Date('2026-11-27T03:00:00.000Z'),
      theme: '介绍二期',
      channel: 'phone',
      now,
    })
  ).id;
  requestId = (
    await requestReassignment(database.db, {
      actor: colleague,
      projectId: org.salesProjectId,
      phone: customerPhone,
      reason: '客户说是我接待的',
      now,
    })
  ).id;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('客户');
  sheet.addRow(['姓名', '电话']);
  sheet.addRow(['导入私密', '13644445555']);
  importId = (
    await previewImport(database.db, {
      actor: owner,
      projectId: org.salesProjectId,
      fileName: '我的客户.xlsx',
      file: Buffer.from(await book.xlsx.writeBuffer()),
      now,
    })
  ).id;
  // A past customer of the other project who agreed to hear of new ones, and a campaign for it.
  await registerCustomer(database.db, {
    actor: manager,
    projectId: org.salesProjectId,
    input: customerInput({ name: '老业主', phones: ['13566667777'] }),
    now,
  });
  campaignId = (
    await createCampaign(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      title: '二期开盘',
      message: '本周六开放样板房',
      now,
    })
  ).id;
  channelId = (
    await createSourceChannel(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      name: '小红书',
      sortOrder: 1,
      now,
    })
  ).id;
  app = await buildTestApp(database);
});

afterAll(async () => {
  await app?.close();
  await database.drop();
});

describe('owner scope: one customer and what hangs off it', () => {
  it('the owner, the manager and the controller open the customer; others do not know it exists', async () => {
    for (const staff of [owner, manager, controller]) {
      const response = await (await as(staff)).request('GET', `/api/customers/${customerId}`);
      expect(response.statusCode, staff.displayName).toBe(200);
    }
    await expectAllNotFound(colleague, routesOfTheCustomer());
  });

  it("another project's manager and another company's manager get 404 on every read and change", async () => {
    await expectAllNotFound(otherProjectManager, [...routesOfTheCustomer(), ...managerRoutesOfTheCustomer()]);
    await expectAllNotFound(otherCompanyManager, [...routesOfTheCustomer(), ...managerRoutesOfTheCustomer()]);
  });

  it('PRIV: the administrator reveals no phone and reads no personal data (POST reveal-phones, GET personal-data)', async () => {
    const session = await as(admin);
    // No route of customers' personal data names the administrator (the owner scope gives them no reach either).
    const refused = 403;
    for (const [method, url, body] of [
      ['POST', `/api/customers/${customerId}/reveal-phones`, { reasonCode: 'callback' }],
      ['GET', `/api/customers/${customerId}/personal-data`],
      ['GET', `/api/customers/${customerId}`],
      ['GET', `/api/customers/${customerId}/timeline`],
      ['GET', `/api/customers?projectId=${org.salesProjectId}&scope=all`],
      ['GET', `/api/customers/export?projectId=${org.salesProjectId}&scope=all`],
      ['GET', `/api/follow-ups?projectId=${org.salesProjectId}&scope=all`],
    ] as const) {
      const response = await session.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(refused);
      expect(response.body).not.toContain('欧阳私密');
      expect(response.body).not.toContain(customerPhone);
    }
    const audit = await database.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', customerId)
      .where('action', 'in', ['reveal_phone', 'export_personal_data', 'erase_personal_data'])
      .execute();
    expect(audit).toEqual([]);
  });
});

describe('owner scope: lists and exports leave out what the caller may not see', () => {
  it("the register, its export and the follow-ups list keep a colleague's customer out", async () => {
    const session = await as(colleague);
    const list = await session.request('GET', `/api/customers?projectId=${org.salesProjectId}&scope=all`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { id: string }) => item.id)).not.toContain(customerId);
    const byPhone = await session.request(
      'GET',
      `/api/customers?projectId=${org.salesProjectId}&scope=all&q=${customerPhone}`,
    );
    expect(byPhone.json()).toMatchObject({ items: [], total: 0 });
    const exported = await session.request(
      'GET',
      `/api/customers/export?projectId=${org.salesProjectId}&scope=all`,
    );
    expect(await exportedText(exported)).not.toContain('欧阳私密');
    const followUps = await session.request(
      'GET',
      `/api/follow-ups?projectId=${org.salesProjectId}&scope=all`,
    );
    expect(followUps.json().items.map((item: { id: string }) => item.id)).not.toContain(followUpId);
    const followUpsExport = await session.request(
      'GET',
      `/api/follow-ups/export?projectId=${org.salesProjectId}&scope=all`,
    );
    expect(await exportedText(followUpsExport)).not.toContain('欧阳私密');
    // The owner and the manager do see them, so the filter is not simply empty.
    for (const staff of [owner, manager]) {
      const seen = await (await as(staff)).request(
        'GET',
        `/api/customers?projectId=${org.salesProjectId}&scope=all`,
      );
      expect(seen.json().items.map((item: { id: string }) => item.id)).toContain(customerId);
      const planned = await (await as(staff)).request(
        'GET',
        `/api/follow-ups?projectId=${org.salesProjectId}&scope=all`,
      );
      expect(planned.json().items.map((item: { id: string }) => item.id)).toContain(followUpId);
    }
  });

  it('a list of a project the caller has no part in is not found, not empty', async () => {
    for (const url of [
      `/api/customers?projectId=${org.salesProjectId}&scope=all`,
      `/api/customers/export?projectId=${org.salesProjectId}&scope=all`,
      `/api/follow-ups?projectId=${org.salesProjectId}&scope=all`,
      `/api/customers/ownership-conflicts?projectId=${org.salesProjectId}`,
      `/api/customer-imports?projectId=${org.salesProjectId}`,
      `/api/campaigns?projectId=${org.salesProjectId}`,
      `/api/source-channels?projectId=${org.salesProjectId}`,
    ]) {
      const response = await (await as(otherProjectManager)).request('GET', url);
      expect(response.statusCode, url).toBe(404);
    }
  });

  it("an ownership request is its requester's: the owner does not see it, the requester sees it without the customer", async () => {
    const ofOwner = await (await as(owner)).request(
      'GET',
      `/api/customers/ownership-conflicts?projectId=${org.salesProjectId}`,
    );
    expect(ofOwner.json().items.map((item: { id: string }) => item.id)).not.toContain(requestId);
    const ofRequester = await (await as(colleague)).request(
      'GET',
      `/api/customers/ownership-conflicts?projectId=${org.salesProjectId}`,
    );
    expect(ofRequester.json().items).toMatchObject([{ id: requestId, customerId: null, customerName: '—' }]);
    const ofManager = await (await as(manager)).request(
      'GET',
      `/api/customers/ownership-conflicts?projectId=${org.salesProjectId}`,
    );
    expect(ofManager.json().items).toMatchObject([{ id: requestId, customerId, customerName: '欧阳私密' }]);
  });

  it("an import is its importer's and the project managers': a colleague neither lists nor opens it", async () => {
    const ofColleague = await (await as(colleague)).request(
      'GET',
      `/api/customer-imports?projectId=${org.salesProjectId}`,
    );
    expect(ofColleague.json().items.map((item: { id: string }) => item.id)).not.toContain(importId);
    for (const staff of [owner, manager]) {
      const listed = await (await as(staff)).request(
        'GET',
        `/api/customer-imports?projectId=${org.salesProjectId}`,
      );
      expect(listed.json().items.map((item: { id: string }) => item.id)).toContain(importId);
      expect((await (await as(staff)).request('GET', `/api/customer-imports/${importId}`)).statusCode).toBe(
        200,
      );
    }
  });

  it("the campaign list keeps to its project: another project's manager does not see this one's campaigns", async () => {
    const response = await (await as(otherProjectManager)).request(
      'GET',
      `/api/campaigns?projectId=${otherProjectId}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((item: { id: string }) => item.id)).not.toContain(campaignId);
    const own = await (await as(manager)).request('GET', `/api/campaigns?projectId=${org.salesProjectId}`);
    expect(own.json().items.map((item: { id: string }) => item.id)).toContain(campaignId);
  });

  it("a campaign's preview shows only the past customers its manager may see", async () => {
    const otherCampaign = await (await as(otherProjectManager)).request('POST', '/api/campaigns', {
      projectId: otherProjectId,
      title: '新盘推介',
      message: '欢迎老客户',
    });
    expect(otherCampaign.statusCode).toBe(201);
    const preview = await (await as(otherProjectManager)).request(
      'GET',
      `/api/campaigns/${otherCampaign.json().id}/recipients`,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).not.toContain('老业主');
    expect(preview.body).not.toContain('欧阳私密');
  });
});

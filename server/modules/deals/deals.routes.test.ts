import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildStaff, testPassword } from '../../testing/factories.js';
import { buildTestApp, createClock, signIn, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import type { InventoryFixture } from '../inventory/testing/index.js';
import { forgetDataKeys } from './deals.crypto.js';
import * as deals from './deals.service.js';
import { buildHeldUnit, type DealsFixture, submittedAgreement } from './testing/deal-fixture.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('hex');
forgetDataKeys();

describe('deals HTTP edge', () => {
  const clock = createClock('2026-11-28T02:00:00.000Z');
  let database: TestDatabase;
  let app: AppInstance;
  let fx: InventoryFixture;
  let consultant: TestSession;
  let finance: TestSession;
  let financeName = '';
  let world: DealsFixture;
  let customer = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    ({ fx, customerId: customer } = await buildHeldUnit(db, { unitPriceFen: 1_500_000, now: clock.now() }));
    const cashier = await buildStaff(db, fx.org, {
      roles: [{ role: 'finance', projectId: fx.org.salesProjectId }],
    });
    financeName = cashier.username;
    world = { fx, finance: cashier };
    app = await buildTestApp(database, clock);
    consultant = await signIn(app, fx.consultant.username);
    finance = await signIn(app, cashier.username);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('asks for a session and refuses roles outside sales', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/deals/plans' })).statusCode).toBe(401);
    const agent = await buildStaff(database.db, fx.org, {
      roles: [{ role: 'agent', projectId: fx.org.estateProjectId }],
    });
    const session = await signIn(app, agent.username);
    expect((await session.request('GET', '/api/deals/receipts')).statusCode).toBe(403);
  });

  it('SA-9 names the failing field of a plan in the user language', async () => {
    const response = await consultant.request(
      'POST',
      '/api/deals/plans',
      {
        customerId: customer,
        unitId: fx.unitIds[0],
        paymentMethod: 'commercial_loan',
        downPaymentPercent: '30.123456',
        homeOrder: 'first',
      },
      { 'accept-language': 'en' },
    );
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toContain('downPaymentPercent');
  });

  it('SA-12 a retried collect replays the first receipt and never issues a second one', async () => {
    const plan = await consultant.request('POST', '/api/deals/plans', {
      customerId: customer,
      unitId: fx.unitIds[0],
      paymentMethod: 'lump_sum',
      homeOrder: 'first',
    });
    expect(plan.statusCode).toBe(201);
    const deposit = await consultant.request('POST', '/api/deals/deposits', {
      unitId: fx.unitIds[0],
      customerId: customer,
      planId: plan.json().id,
      amountFen: 3_000_000,
    });
    expect(deposit.statusCode).toBe(201);
    const controller = await signIn(app, fx.controller.username);
    expect(
      (await controller.request('POST', `/api/deals/deposits/${deposit.json().id}/confirm`)).statusCode,
    ).toBe(200);
    const body = {
      method: 'cash',
      witness: { username: fx.controller.username, password: testPassword },
      idempotencyKey: 'http-retry-0001',
    };
    const same = await finance.request('POST', `/api/deals/deposits/${deposit.json().id}/collect`, {
      ...body,
      witness: { username: financeName, password: testPassword },
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.code).toBe('WITNESS_SAME_PERSON');
    const first = await finance.request('POST', `/api/deals/deposits/${deposit.json().id}/collect`, body);
    expect(first.statusCode).toBe(201);
    const second = await finance.request('POST', `/api/deals/deposits/${deposit.json().id}/collect`, body);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().receipt.id).toBe(first.json().receipt.id);
    const list = await finance.request('GET', '/api/deals/receipts');
    expect(list.json().total).toBe(1);
    const pdf = await finance.request('GET', `/api/deals/receipts/${first.json().receipt.id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const exported = await finance.request('GET', '/api/deals/receipts/export');
    expect(exported.statusCode).toBe(200);
  });

  async function readSheet(response: { rawPayload: Buffer }) {
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return workbook.worksheets[0];
  }

  async function headerRow(response: { rawPayload: Buffer }) {
    const sheet = await readSheet(response);
    return { name: sheet.name, headers: (sheet.getRow(1).values as unknown[]).filter(Boolean) };
  }

  /** The sheet's rows as objects keyed by the headers the reader sees. */
  async function dataRows(response: { rawPayload: Buffer }) {
    const sheet = await readSheet(response);
    const headers = sheet.getRow(1).values as unknown[];
    const rows: Array<Record<string, unknown>> = [];
    sheet.eachRow((row, index) => {
      if (index === 1) return;
      const values = row.values as unknown[];
      const entries: Array<[string, unknown]> = [];
      headers.forEach((header, column) => {
        entries.push([String(header), values[column]]);
      });
      rows.push(Object.fromEntries(entries));
    });
    return rows;
  }

  it('exports each list with its headers in 简体, 繁體 or English, as the list filters it', async () => {
    // A user's own language setting decides; a 繁體 user gets 繁體 headers, not 简体.
    const cashier = await buildStaff(database.db, fx.org, {
      roles: [{ role: 'finance', projectId: fx.org.salesProjectId }],
    });
    const hongKong = await signIn(app, cashier.username);
    expect((await hongKong.request('PUT', '/api/auth/me/preferences', { locale: 'zh-TW' })).statusCode).toBe(
      200,
    );
    const traditional = await hongKong.request('GET', '/api/deals/receipts/export');
    expect(traditional.statusCode).toBe(200);
    expect(traditional.headers['content-disposition']).toContain(encodeURIComponent('收據.xlsx'));
    const zhTW = await headerRow(traditional);
    expect(zhTW.name).toBe('收據');
    expect(zhTW.headers.slice(0, 3)).toEqual(['編號', '款項', '房號']);
    await hongKong.request('PUT', '/api/auth/me/preferences', { locale: 'en' });
    const english = await headerRow(await hongKong.request('GET', '/api/deals/receipts/export'));
    expect(english.headers.slice(0, 3)).toEqual(['Number', 'Purpose', 'Unit']);
    const plans = await headerRow(await consultant.request('GET', '/api/deals/plans/export?sort=unitNumber'));
    expect(plans.name).toBe('购房方案');
    expect(plans.headers.slice(0, 2)).toEqual(['房号', '客户']);
    const page = await consultant.request('GET', '/api/deals/plans?pageSize=1&q=1');
    expect(page.json()).toMatchObject({ page: 1, pageSize: 1 });
    expect(typeof page.json().total).toBe('number');
    const bad = await consultant.request('GET', '/api/deals/plans/export?sort=nope');
    expect(bad.statusCode).toBe(400);
  });

  it('writes statuses and methods in a 繁體 reader’s words, never as codes', async () => {
    const cashier = await buildStaff(database.db, fx.org, {
      roles: [{ role: 'finance', projectId: fx.org.salesProjectId }],
    });
    const taipei = await signIn(app, cashier.username);
    await taipei.request('PUT', '/api/auth/me/preferences', { locale: 'zh-TW' });
    const receipts = await dataRows(await taipei.request('GET', '/api/deals/receipts/export'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ 款項: '定金', 收款方式: '現金', 狀態: '有效' });
    const plans = await dataRows(await taipei.request('GET', '/api/deals/plans/export'));
    expect(plans.length).toBeGreaterThan(0);
    expect(plans[0]).toMatchObject({ 付款方式: '一次性付款', 狀態: '可用' });
    const codes = ['valid', 'voided', 'void_requested', 'cash', 'lump_sum', 'ready', 'pending_approval'];
    for (const row of [...receipts, ...plans])
      for (const value of Object.values(row)) expect(codes).not.toContain(value);
    await taipei.request('PUT', '/api/auth/me/preferences', { locale: 'en' });
    const english = await dataRows(await taipei.request('GET', '/api/deals/receipts/export'));
    expect(english[0]).toMatchObject({ Purpose: 'Deposit', Method: 'Cash', Status: 'Valid' });
  });

  it('SA-14 SA-17 lists my tasks across deals, paged, sorted and filtered on the server, with what each title is made of; Done closes one', async () => {
    const { db } = database;
    await deals.issueFormBatch(db, {
      actor: fx.manager,
      projectId: fx.org.salesProjectId,
      prefix: 'RT',
      firstSerial: 1,
      lastSerial: 3,
      width: 4,
      note: '',
      now: clock.now(),
    });
    const { agreementId } = await submittedAgreement(db, world, {
      unitId: fx.unitIds[1],
      formNumber: 'RT0001',
      customerName: '黄小姐',
      now: clock.now(),
    });
    const approved = await deals.reviewAgreement(db, {
      actor: fx.manager,
      agreementId,
      decision: 'approve',
      comment: '',
      now: clock.now(),
    });

    const page = await consultant.request('GET', '/api/deals/tasks/mine?pageSize=1&sort=dueAt&order=desc');
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    const [latest] = page.json().items;
    expect(latest).toMatchObject({
      kind: 'down_payment_follow_up',
      status: 'open',
      unitNumber: '1栋-102',
      customerName: '黄小姐',
      transactionFileId: approved.transactionFileId,
    });
    expect(latest.checklist.length).toBeGreaterThan(0);
    // What the sentence is made of, so the screen words it in the reader's language (the Chinese
    // title stays for search and for rows made before the parameters were kept).
    const view = await consultant.request(
      'GET',
      `/api/deals/transaction-files/${approved.transactionFileId}`,
    );
    const downPayment = view
      .json()
      .paymentItems.find((item: { kind: string }) => item.kind === 'down_payment');
    expect(latest.params).toEqual({
      customerName: '黄小姐',
      amountFen: downPayment.amountFen,
      dueOn: downPayment.dueOn,
    });
    expect(Number.isInteger(latest.params.amountFen)).toBe(true);
    expect(latest.title).toContain('黄小姐');
    expect(latest).not.toHaveProperty('paramsJson');
    expect(latest).not.toHaveProperty('checklistJson');
    expect(view.json().tasks.map((task: { params: unknown }) => task.params)).toContainEqual(latest.params);
    const ascending = await consultant.request('GET', '/api/deals/tasks/mine?sort=dueAt&order=asc');
    expect(ascending.json().items[1].id).toBe(latest.id);
    const moveIns = await consultant.request('GET', '/api/deals/tasks/mine?kind=move_in_accompany');
    expect(moveIns.json().total).toBe(0);
    expect((await consultant.request('GET', '/api/deals/tasks/mine?q=黄')).json().total).toBe(2);
    expect((await consultant.request('GET', '/api/deals/tasks/mine?q=nobody')).json().total).toBe(0);
    const badSort = await consultant.request('GET', '/api/deals/tasks/mine?sort=title');
    expect(badSort.statusCode).toBe(400);
    expect(Object.keys(badSort.json().error.fields)).toContain('sort');

    // Someone else's task is neither listed nor closable by another consultant.
    const colleague = await signIn(app, fx.consultant2.username);
    expect((await colleague.request('GET', '/api/deals/tasks/mine')).json().total).toBe(0);
    expect((await colleague.request('POST', `/api/deals/tasks/${latest.id}/done`)).statusCode).toBe(404);

    expect((await consultant.request('POST', `/api/deals/tasks/${latest.id}/done`)).statusCode).toBe(204);
    expect((await consultant.request('GET', '/api/deals/tasks/mine?status=open')).json().total).toBe(1);
    const done = await consultant.request('GET', '/api/deals/tasks/mine?status=done');
    expect(done.json().items).toEqual([expect.objectContaining({ id: latest.id, status: 'done' })]);

    // SA-17: the accompany task carries the appointment instant (the screen shows it in Shanghai time).
    const moveIn = await consultant.request(
      'POST',
      `/api/deals/transaction-files/${approved.transactionFileId}/move-in`,
      {
        appointmentAt: '2027-03-01T02:30:00.000Z',
        place: '物业服务中心',
        propertyOfficeContact: '李经理',
        propertyOfficePhone: '',
        congratulationMessage: '恭喜乔迁',
      },
    );
    expect(moveIn.statusCode).toBe(201);
    const accompany = (
      await consultant.request('GET', '/api/deals/tasks/mine?kind=move_in_accompany')
    ).json();
    expect(accompany.items).toEqual([
      expect.objectContaining({
        kind: 'move_in_accompany',
        title: '陪同 黄小姐 办理入伙(2027-03-01 10:30，物业服务中心)',
        params: { customerName: '黄小姐', appointmentAt: '2027-03-01T02:30:00.000Z', place: '物业服务中心' },
      }),
    ]);

    // A task made before its parameters were kept is still listed, by its stored title.
    await database.db
      .updateTable('dealTasks')
      .set({ paramsJson: null })
      .where('id', '=', latest.id)
      .execute();
    const older = (await consultant.request('GET', '/api/deals/tasks/mine?status=done')).json().items[0];
    expect(older).toMatchObject({ id: latest.id, params: null, title: latest.title });
  });

  it('SA-12 SA-15 lists the project sales staff for the manager’s pickers, to managers only', async () => {
    expect(
      (await consultant.request('GET', `/api/deals/staff?projectId=${fx.org.salesProjectId}`)).statusCode,
    ).toBe(403);
    const manager = await signIn(app, fx.manager.username);
    const response = await manager.request('GET', `/api/deals/staff?projectId=${fx.org.salesProjectId}`);
    expect(response.statusCode).toBe(200);
    const consultantRow = response
      .json()
      .items.find((row: { id: string }) => row.id === fx.consultant.staffId);
    expect(consultantRow).toEqual({
      id: fx.consultant.staffId,
      displayName: expect.any(String),
      roles: ['consultant'],
    });
    expect(JSON.stringify(response.json())).not.toContain('passwordHash');
  });
});

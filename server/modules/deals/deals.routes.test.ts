import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildStaff, testPassword } from '../../platform/testing/factories.js';
import { buildTestApp, createClock, signIn, type TestSession } from '../../platform/testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { createPriceListDraft, decidePriceList, holdUnit } from '../inventory/index.js';
import { buildCustomer, buildInventory, type InventoryFixture } from '../inventory/inventory.factories.js';
import { forgetDataKeys } from './deals.crypto.js';

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
  let customer = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    fx = await buildInventory(db, { floors: 1, perFloor: 2, now: clock.now() });
    const cashier = await buildStaff(db, fx.org, {
      roles: [{ role: 'finance', projectId: fx.org.salesProjectId }],
    });
    financeName = cashier.username;
    customer = await buildCustomer(db, fx.org, {
      projectId: fx.org.salesProjectId,
      ownerStaffId: fx.consultant.staffId,
      name: '陈先生',
    });
    const draft = await createPriceListDraft(db, {
      actor: fx.controller,
      projectId: fx.org.salesProjectId,
      name: 'v1',
      note: '',
      prices: fx.unitIds.map((unitId) => ({ unitId, unitPriceFen: 1_500_000 })),
      now: clock.now(),
    });
    await decidePriceList(db, {
      actor: fx.manager,
      priceListId: draft.id,
      decision: 'approve',
      note: '',
      now: clock.now(),
    });
    await holdUnit(db, {
      actor: fx.consultant,
      unitId: fx.unitIds[0],
      customerId: customer,
      now: clock.now(),
    });
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
});

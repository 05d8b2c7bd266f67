import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildTestApp, createClock, signIn, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import type { InventoryFixture } from '../inventory/testing/index.js';
import { changeSetting } from '../settings/index.js';
import { buildHeldUnit } from './testing/deal-fixture.js';

describe('SA-9 plan discounts at the HTTP edge', () => {
  const clock = createClock('2026-12-07T02:00:00.000Z');
  let database: TestDatabase;
  let app: AppInstance;
  let fx: InventoryFixture;
  let consultant: TestSession;
  let customer = '';
  let listTotalFen = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    ({ fx, customerId: customer } = await buildHeldUnit(db, { unitPriceFen: 3_500_000, now: clock.now() }));
    app = await buildTestApp(database, clock);
    consultant = await signIn(app, fx.consultant.username);
    const preview = await consultant.request('POST', '/api/deals/plans/preview', {
      unitId: fx.unitIds[0],
      paymentMethod: 'lump_sum',
      homeOrder: 'first',
    });
    if (preview.statusCode !== 200) throw new Error(preview.body);
    listTotalFen = preview.json().result.listTotalFen;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const body = (discounts: unknown[], extra: Record<string, unknown> = {}) => ({
    customerId: customer,
    unitId: fx.unitIds[0],
    paymentMethod: 'lump_sum',
    homeOrder: 'first',
    discounts,
    ...extra,
  });
  const planCount = async () => (await consultant.request('GET', '/api/deals/plans')).json().total as number;

  it('SA-9 previews 98折 then 直减 as the office says them, before anything is saved', async () => {
    const before = await planCount();
    const response = await consultant.request('POST', '/api/deals/plans/preview', {
      unitId: fx.unitIds[0],
      paymentMethod: 'lump_sum',
      homeOrder: 'first',
      discounts: [
        { kind: 'share', label: '开盘', share: '98折' },
        { kind: 'amount', label: '老带新', amountFen: 500_000 },
      ],
    });
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    const afterShare = Math.round((listTotalFen * 98) / 100);
    expect(preview.result.discountSteps.map((step: { afterFen: number }) => step.afterFen)).toEqual([
      afterShare,
      afterShare - 500_000,
    ]);
    // "98折" as typed is kept as the figure 98.
    expect(preview.result.discountSteps[0]).toMatchObject({ kind: 'share', value: '98' });
    expect(preview).toMatchObject({ needsConfirmation: false, confirmAbovePercent: 10 });
    expect(await planCount()).toBe(before);
  });

  it('SA-9 refuses a cut above the confirmation setting unless the request says it was confirmed', async () => {
    const before = await planCount();
    // The mistake of issue 14: 98 typed as 优惠 98 %.
    const refused = await consultant.request(
      'POST',
      '/api/deals/plans',
      body([{ kind: 'percent', label: '开盘', percent: '98' }]),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PLAN_DISCOUNT_UNCONFIRMED');
    expect(refused.json().error.message).toContain('98.0000%');
    expect(await planCount()).toBe(before);

    const confirmed = await consultant.request(
      'POST',
      '/api/deals/plans',
      body([{ kind: 'share', label: '开盘', share: '8.5' }], { discountConfirmed: true }),
    );
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().result.discountPercent).toBe('15.0000');

    // Revising is held to the same rule.
    const revised = await consultant.request('PUT', `/api/deals/plans/${confirmed.json().id}`, {
      expectedVersion: 1,
      paymentMethod: 'lump_sum',
      homeOrder: 'first',
      discounts: [{ kind: 'share', label: '开盘', share: '80' }],
    });
    expect(revised.statusCode).toBe(409);
    expect(revised.json().error.code).toBe('PLAN_DISCOUNT_UNCONFIRMED');
  });

  it('SA-9 follows the project’s own confirmation setting', async () => {
    await changeSetting(database.db, {
      actor: fx.manager,
      key: 'deals.discountConfirmPercent',
      scope: { scopeType: 'project', scopeId: fx.org.salesProjectId },
      context: { companyId: fx.org.companyId, projectId: fx.org.salesProjectId },
      value: 20,
      now: clock.now(),
    });
    const saved = await consultant.request(
      'POST',
      '/api/deals/plans',
      body([{ kind: 'share', label: '开盘', share: '85' }]),
    );
    expect(saved.statusCode).toBe(201);
  });

  it('SA-9 names the discount line in error in the user’s language and saves nothing', async () => {
    const before = await planCount();
    const cases: Array<[string, unknown, string, string]> = [
      [
        'zh-CN',
        { kind: 'share', label: '开盘', share: '0' },
        'discounts.0.share',
        '第 1 行优惠「开盘」：折数须大于 0',
      ],
      [
        'zh-TW',
        { kind: 'percent', label: '開盤', percent: '100' },
        'discounts.0.percent',
        '第 1 行優惠「開盤」：優惠百分比須',
      ],
      [
        'en',
        { kind: 'amount', label: 'Old client', amountFen: listTotalFen },
        'discounts.0.amountFen',
        'Discount line 1 ("Old client")',
      ],
      ['zh-CN', { kind: 'share', label: '开盘', share: '九八' }, 'discounts.0.share', '请输入折数'],
    ];
    for (const [locale, discount, field, words] of cases) {
      // The signed-in user's own language is what the answer is worded in.
      const chosen = await consultant.request('PUT', '/api/auth/me/preferences', { locale });
      expect(chosen.statusCode).toBe(200);
      const response = await consultant.request('POST', '/api/deals/plans', body([discount]));
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields[field]).toContain(words);
    }
    expect(await planCount()).toBe(before);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildTestApp, createClock, signIn } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { forgetDataKeys } from './deals.crypto.js';
import { buildDealsFixture, type DealsFixture, openTransactionFile } from './testing/deal-fixture.js';
import type { PlanChoices } from './use-cases/plans.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('hex');
forgetDataKeys();

describe('deals HTTP edge: what the transaction file is made of', () => {
  const clock = createClock('2026-11-28T02:00:00.000Z');
  let database: TestDatabase;
  let app: AppInstance;
  let world: DealsFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildDealsFixture(database.db, {
      floors: 1,
      perFloor: 2,
      unitPriceFen: 1_500_000,
      forms: 2,
      now: clock.now(),
    });
    app = await buildTestApp(database, clock);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  async function openFile(unitIndex: number, formNumber: string, plan: Partial<PlanChoices>) {
    const { fileId } = await openTransactionFile(database.db, world, {
      unitId: world.fx.unitIds[unitIndex]!,
      formNumber,
      customerName: '陈志强',
      plan,
      now: clock.now(),
    });
    return fileId;
  }

  it('SA-14 SA-15 gives each payment item, reminder and default mortgage document as a code the screen words per language', async () => {
    const { fx } = world;
    const fileId = await openFile(0, 'RG000001', {
      paymentMethod: 'combination',
      downPaymentPercent: '30',
      commercial: { annualRatePercent: '3.1', termMonths: 360, repayment: 'equal_instalment' },
      providentFund: {
        annualRatePercent: '2.6',
        termMonths: 360,
        repayment: 'equal_instalment',
        amountFen: 50_000_000,
      },
    });
    const consultant = await signIn(app, fx.consultant.username);
    const view = (await consultant.request('GET', `/api/deals/transaction-files/${fileId}`)).json();
    expect(
      view.paymentItems.map((item: Record<string, unknown>) => [item.kind, item.code, item.instalmentNumber]),
    ).toEqual([
      ['down_payment', 'down_payment', null],
      ['loan', 'provident_fund_loan', null],
      ['loan', 'commercial_loan', null],
    ]);
    // The Chinese label stays beside the code, for the PDF and for rows made before codes were kept.
    expect(view.paymentItems.map((item: { label: string }) => item.label)).toEqual([
      '首期款',
      '公积金贷款',
      '商业贷款',
    ]);
    const reminders = view.reminders as Array<{ kind: string; daysBefore: number | null }>;
    expect(reminders.filter((row) => row.kind === 'down_payment_buyer').map((row) => row.daysBefore)).toEqual(
      [5, 2],
    );
    expect(reminders.find((row) => row.kind === 'down_payment_overdue')?.daysBefore).toBeNull();
    expect(view.mortgageDocumentCodes).toEqual([
      'idCard',
      'hukou',
      'marriage',
      'agreement',
      'income',
      'bankStatement',
      'credit',
      'fundAccount',
      'fundCard',
    ]);

    // A bank appointment keeps document codes and typed text as they came; its notice is worded in Chinese.
    const appointment = await consultant.request('POST', `/api/deals/transaction-files/${fileId}/mortgage`, {
      bank: '建设银行',
      place: '建行营业部',
      appointmentAt: '2026-12-20T02:00:00.000Z',
      documents: ['idCard', 'income', '房产证复印件'],
    });
    expect(appointment.statusCode).toBe(201);
    const after = (await consultant.request('GET', `/api/deals/transaction-files/${fileId}`)).json();
    expect(after.mortgages[0].documents).toEqual(['idCard', 'income', '房产证复印件']);
    const notice = after.reminders.find((row: { kind: string }) => row.kind === 'mortgage_notice');
    // T-7 is Sunday 13 December: on working days it goes out on Friday 11 December, 9 days ahead.
    expect(notice).toMatchObject({ daysBefore: 9, sendAt: '2026-12-11T02:00:00.000Z' });
    expect(notice.body).toContain('购房人及配偶身份证原件、收入证明、房产证复印件');
  });

  it('SA-14 numbers an instalment plan’s items and keeps the names the consultant typed', async () => {
    const fileId = await openFile(1, 'RG000002', {
      paymentMethod: 'instalments',
      instalments: [
        { label: '首期', percent: '50', monthsAfterSigning: 0 },
        { label: '交楼款', percent: '50', monthsAfterSigning: 6 },
      ],
    });
    const consultant = await signIn(app, world.fx.consultant.username);
    const view = (await consultant.request('GET', `/api/deals/transaction-files/${fileId}`)).json();
    expect(
      view.paymentItems.map((item: Record<string, unknown>) => [
        item.kind,
        item.code,
        item.instalmentNumber,
        item.label,
      ]),
    ).toEqual([
      ['down_payment', 'instalment', 1, '首期'],
      ['instalment', 'instalment', 2, '交楼款'],
    ]);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { type JobRunner, startJobRunner } from '../../platform/jobs/index.js';
import { testPassword } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import type { InventoryFixture } from '../inventory/testing/index.js';
import { forgetDataKeys } from './deals.crypto.js';
import * as deals from './deals.service.js';
import { buildDealsFixture, type DealsFixture, submittedAgreement } from './testing/deal-fixture.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

// 10:00 Shanghai, Saturday 28 November 2026; the down payment falls due on Sunday 20 December.
const start = new Date('2026-11-28T02:00:00.000Z');

describe('SA-14 down-payment reminders and the due-day escalation, as the job runner sends them', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  let finance: Actor & { username: string };
  let world: DealsFixture;
  let runner: JobRunner;
  let current = start;
  const clock = () => new Date(current);
  const files: string[] = [];

  const inboxOf = (staffId: string) =>
    database.db
      .selectFrom('notifyInbox')
      .select(['event', 'title', 'body'])
      .where('staffId', '=', staffId)
      .orderBy('createdAt')
      .execute();
  const overdueNotices = async (staffId: string) =>
    (await inboxOf(staffId)).filter((row) => row.event === 'deals.downPaymentOverdue');

  /** hold → plan → 定金 with two people → agreement → manager approves: an open transaction file. */
  async function openDeal(unitId: string, formNumber: string, customerName: string) {
    const { agreementId } = await submittedAgreement(database.db, world, {
      unitId,
      formNumber,
      customerName,
      now: clock(),
    });
    const approved = await deals.reviewAgreement(database.db, {
      actor: fx.manager,
      agreementId,
      decision: 'approve',
      comment: '',
      now: clock(),
    });
    files.push(approved.transactionFileId!);
    return approved.transactionFileId!;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildDealsFixture(database.db, {
      floors: 1,
      perFloor: 2,
      unitPriceFen: 1_000_000,
      forms: 10,
      now: start,
    });
    ({ fx, finance } = world);
    runner = startJobRunner({
      database,
      now: clock,
      instanceId: 'deals-test',
      autoStart: false,
      leaseMs: 60_000,
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await database.drop();
  });

  it('SA-14 tasks the consultant 5 and 2 days before; unpaid at the end of the due day tells the project manager at once, paid does not', async () => {
    const unpaid = await openDeal(fx.unitIds[0], 'RG000001', '陈先生');
    const paid = await openDeal(fx.unitIds[1], 'RG000002', '林女士');
    await runner.runUntilIdle();
    expect(await overdueNotices(fx.manager.staffId)).toHaveLength(0);

    // 15 December 09:00 Shanghai: 5 days before, the consultant's task with the document checklist.
    current = new Date('2026-12-15T01:00:05.000Z');
    await runner.runUntilIdle();
    const tasksOf = async (name: string) =>
      (await inboxOf(fx.consultant.staffId)).filter(
        (row) => row.event === 'deals.downPaymentTask' && row.body.includes(name),
      );
    expect(await tasksOf('陈先生')).toHaveLength(1);
    expect((await tasksOf('陈先生'))[0].body).toContain('还有 5 天');
    expect((await tasksOf('陈先生'))[0].body).toContain('身份证');

    // The second buyer pays in full before the due day.
    const view = await deals.getTransactionFile(database.db, finance, paid, clock());
    await deals.recordPayment(database.db, {
      actor: finance,
      fileId: paid,
      paymentItemId: view.paymentItems[0].id,
      amountFen: view.paymentItems[0].amountFen,
      method: 'transfer',
      payerKind: 'buyer',
      payerName: '林女士',
      statementId: null,
      witness: { username: fx.controller.username, password: testPassword },
      idempotencyKey: 'paid-in-full',
      now: clock(),
    });

    current = new Date('2026-12-18T01:00:05.000Z');
    await runner.runUntilIdle();
    expect(await tasksOf('陈先生')).toHaveLength(2);
    // Paid in full: the 2-day reminder for 林女士 was withdrawn.
    expect(await tasksOf('林女士')).toHaveLength(1);

    // Still within the due day: nobody is told yet.
    current = new Date('2026-12-20T15:00:00.000Z');
    await runner.runUntilIdle();
    expect(await overdueNotices(fx.manager.staffId)).toHaveLength(0);

    // 20 December 23:59:59 Shanghai has passed and 陈先生 has not paid, but the due day was a Sunday:
    // the managers hear at 09:00 on Monday 21 December, the next working day.
    current = new Date('2026-12-20T16:00:05.000Z');
    await runner.runUntilIdle();
    expect(await overdueNotices(fx.manager.staffId)).toHaveLength(0);
    current = new Date('2026-12-21T01:00:05.000Z');
    await runner.runUntilIdle();
    await runner.runUntilIdle();
    for (const manager of [fx.manager, fx.manager2]) {
      const told = await overdueNotices(manager.staffId);
      expect(told).toHaveLength(1);
      expect(`${told[0].title}${told[0].body}`).toContain('陈先生');
    }
    const unpaidFile = await deals.getTransactionFile(database.db, fx.manager, unpaid, clock());
    expect(unpaidFile.paymentItems[0].status).toBe('overdue');
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { type JobRunner, startJobRunner } from '../../platform/jobs/index.js';
import { buildStaff, testPassword } from '../../platform/testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { createPriceListDraft, decidePriceList, holdUnit } from '../inventory/index.js';
import { buildCustomer, buildInventory, type InventoryFixture } from '../inventory/inventory.factories.js';
import { forgetDataKeys } from './deals.crypto.js';
import * as deals from './deals.service.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

// 10:00 Shanghai, Saturday 28 November 2026; the down payment falls due on Sunday 20 December.
const start = new Date('2026-11-28T02:00:00.000Z');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);

describe('SA-14 down-payment reminders and the due-day escalation, as the job runner sends them', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  let finance: Actor & { username: string };
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
    const { db } = database;
    const now = clock();
    const customerId = await buildCustomer(db, fx.org, {
      projectId: fx.org.salesProjectId,
      ownerStaffId: fx.consultant.staffId,
      name: customerName,
    });
    await holdUnit(db, { actor: fx.consultant, unitId, customerId, now });
    const plan = await deals.createPlan(db, {
      actor: fx.consultant,
      choices: { customerId, unitId, discounts: [], paymentMethod: 'lump_sum', homeOrder: 'first' },
      now,
    });
    const deposit = await deals.requestDeposit(db, {
      actor: fx.consultant,
      unitId,
      customerId,
      planId: plan.id,
      amountFen: 2_000_000,
      note: '',
      now,
    });
    await deals.confirmDeposit(db, { actor: fx.controller, depositId: deposit.id, now });
    await deals.collectDeposit(db, {
      actor: finance,
      depositId: deposit.id,
      method: 'transfer',
      witness: { username: fx.controller.username, password: testPassword },
      idempotencyKey: `deposit-${unitId}`,
      now,
    });
    const idCopy = await deals.uploadDealFile(db, {
      actor: fx.consultant,
      projectId: fx.org.salesProjectId,
      kind: 'id_copy',
      fileName: 'id.png',
      bytes: png,
      now,
    });
    const agreement = await deals.createAgreement(db, {
      actor: fx.consultant,
      planId: plan.id,
      formNumber,
      input: {
        buyers: [
          {
            name: customerName,
            idType: 'resident_id',
            idNumber: '11010519491231002X',
            idCopyFileId: idCopy.id,
            hasIdCopyConsent: true,
          },
        ],
        signerKind: 'buyer',
        signerBuyerIndex: 0,
        agent: null,
        signedOn: '2026-11-28',
        downPaymentDueOn: '2026-12-20',
        contractDueOn: '2027-01-10',
      },
      now,
    });
    await deals.submitAgreement(db, { actor: fx.consultant, agreementId: agreement.id, now });
    const approved = await deals.reviewAgreement(db, {
      actor: fx.manager,
      agreementId: agreement.id,
      decision: 'approve',
      comment: '',
      now,
    });
    files.push(approved.transactionFileId!);
    return approved.transactionFileId!;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    fx = await buildInventory(db, { floors: 1, perFloor: 2, now: start });
    finance = await buildStaff(db, fx.org, {
      roles: [{ role: 'finance', projectId: fx.org.salesProjectId }],
      displayName: '周出纳',
    });
    const draft = await createPriceListDraft(db, {
      actor: fx.controller,
      projectId: fx.org.salesProjectId,
      name: 'v1',
      note: '',
      prices: fx.unitIds.map((unitId) => ({ unitId, unitPriceFen: 1_000_000 })),
      now: start,
    });
    await decidePriceList(db, {
      actor: fx.manager,
      priceListId: draft.id,
      decision: 'approve',
      note: '',
      now: start,
    });
    await deals.issueFormBatch(db, {
      actor: fx.manager,
      projectId: fx.org.salesProjectId,
      prefix: 'RG',
      firstSerial: 1,
      lastSerial: 10,
      width: 6,
      note: '',
      now: start,
    });
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

    // 20 December 23:59:59 Shanghai has passed and 陈先生 has not paid: both project managers are told.
    current = new Date('2026-12-20T16:00:05.000Z');
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

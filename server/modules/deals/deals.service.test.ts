import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { testPassword } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { getUnitAt, holdUnit } from '../inventory/index.js';
import { buildCustomer, type InventoryFixture } from '../inventory/testing/index.js';
import { forgetDataKeys } from './deals.crypto.js';
import { claimReceiptNumber } from './deals.queries.js';
import * as deals from './deals.service.js';
import { buildDealsFixture } from './testing/deal-fixture.js';
import { pdfText } from './testing/pdf-text.js';
import { countAuditRows, expectRefused, newestPlanId } from './testing/refusals.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

const now = new Date('2026-11-28T02:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('deals: plans, deposits and receipts', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  let finance: Actor & { username: string };
  let customer: string;
  let otherCustomer: string;
  const projectId = () => fx.org.salesProjectId;

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 25 });
    const { db } = database;
    // 20,000 yuan per m² × 89.50 m² = 1,790,000 yuan list price.
    ({ fx, finance } = await buildDealsFixture(db, { floors: 3, perFloor: 2, unitPriceFen: 2_000_000, now }));
    customer = await buildCustomer(db, fx.org, {
      projectId: projectId(),
      ownerStaffId: fx.consultant.staffId,
      name: '陈先生',
    });
    otherCustomer = await buildCustomer(db, fx.org, {
      projectId: projectId(),
      ownerStaffId: fx.consultant.staffId,
      name: '林女士',
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  const auditCount = () => countAuditRows(database.db);

  /** SA-12 up to the re-verification: the unit held for the customer, a 定金 asked for and confirmed. */
  async function confirmedDeposit(unitId: string, customerId: string, amountFen: number, confirmer: Actor) {
    const { db } = database;
    await holdUnit(db, { actor: fx.consultant, unitId, customerId, now });
    const request = { actor: fx.consultant, unitId, customerId, amountFen, note: '', now };
    const deposit = await deals.requestDeposit(db, request);
    await deals.confirmDeposit(db, { actor: confirmer, depositId: deposit.id, now });
    return deposit;
  }

  const latestPlanId = (unitId: string) => newestPlanId(database.db, fx.consultant, unitId);

  const loanChoices = (unitId: string, customerId: string, discountPercent = '1') => ({
    customerId,
    unitId,
    discounts: [{ kind: 'percent' as const, label: '开盘优惠', percent: discountPercent }],
    paymentMethod: 'commercial_loan' as const,
    downPaymentPercent: '30',
    commercial: { annualRatePercent: '3.1', termMonths: 360, repayment: 'equal_instalment' as const },
    homeOrder: 'first' as const,
  });

  it('SA-9 computes a plan from the approved list price, versioned, printable as a PDF with Chinese text', async () => {
    const { db } = database;
    const plan = await deals.createPlan(db, {
      actor: fx.consultant,
      choices: loanChoices(fx.unitIds[0], customer),
      now,
    });
    expect(plan.status).toBe('ready');
    expect(plan.result.listTotalFen).toBe(179_000_000);
    expect(plan.result.finalTotalFen).toBe(177_210_000);
    expect(plan.result.downPaymentFen + plan.result.loans[0].amountFen).toBe(177_210_000);
    const revised = await deals.revisePlan(db, {
      actor: fx.consultant,
      planId: plan.id,
      expectedVersion: 1,
      choices: {
        ...loanChoices(fx.unitIds[0], customer),
        commercial: { annualRatePercent: '3.1', termMonths: 240, repayment: 'equal_principal' },
      },
      now,
    });
    expect(revised.version).toBe(2);
    expect(await deals.findPlanVersionsOf(db, fx.consultant, plan.id)).toHaveLength(2);
    const pdf = await deals.planPdf(db, { actor: fx.consultant, planId: plan.id });
    const text = pdfText(pdf.bytes);
    expect(text).toContain('购房方案');
    expect(text).toContain('1,772,100.00');
    expect(text).toContain('等额本金');
    expect(text).toContain('240');
    // The discount as the consultant entered it, never as its kind.
    expect(text).toContain('优惠1%');
  });

  it('SA-9 a discount above the consultant limit waits for the project manager', async () => {
    const { db } = database;
    const plan = await deals.createPlan(db, {
      actor: fx.consultant,
      choices: loanChoices(fx.unitIds[1], customer, '5'),
      now,
    });
    expect(plan.status).toBe('pending_approval');
    await expectRefused(
      deals.decidePlan(db, { actor: fx.consultant, planId: plan.id, decision: 'approve', comment: '', now }),
      'FORBIDDEN',
    );
    const approved = await deals.decidePlan(db, {
      actor: fx.manager,
      planId: plan.id,
      decision: 'approve',
      comment: '老客户',
      now,
    });
    expect(approved.status).toBe('ready');
    expect(approved.approvedBy).toBe(fx.manager.staffId);
  });

  it('SA-12 refuses a deposit on a unit not held for this customer, and changes nothing', async () => {
    const { db } = database;
    await holdUnit(db, { actor: fx.consultant, unitId: fx.unitIds[2], customerId: otherCustomer, now });
    const auditBefore = await auditCount();
    await expectRefused(
      deals.requestDeposit(db, {
        actor: fx.consultant,
        unitId: fx.unitIds[2],
        customerId: customer,
        amountFen: 5_000_000,
        note: '',
        now,
      }),
      'HOLD_MISMATCH',
    );
    await expectRefused(
      deals.requestDeposit(db, {
        actor: fx.consultant,
        unitId: fx.unitIds[3],
        customerId: customer,
        amountFen: 5_000_000,
        note: '',
        now,
      }),
      'HOLD_MISMATCH',
    );
    expect(await db.selectFrom('dealDeposits').selectAll().execute()).toHaveLength(0);
    expect((await getUnitAt(db, fx.manager, fx.unitIds[2], now)).status).toBe('held');
    expect((await getUnitAt(db, fx.manager, fx.unitIds[3], now)).status).toBe('for_sale');
    expect(await auditCount()).toBe(auditBefore);
  });

  it('SA-12 refuses a 定金 above 20 % of the price (Civil Code art. 586)', async () => {
    const { db } = database;
    await holdUnit(db, { actor: fx.consultant, unitId: fx.unitIds[0], customerId: customer, now });
    const error = await expectRefused(
      deals.requestDeposit(db, {
        actor: fx.consultant,
        unitId: fx.unitIds[0],
        customerId: customer,
        amountFen: 35_800_001,
        note: '',
        now,
      }),
      'DEPOSIT_OVER_LIMIT',
    );
    expect(error.userMessage('zh-CN')).toContain('358,000.00');
    expect(await db.selectFrom('dealDeposits').selectAll().execute()).toHaveLength(0);
  });

  let depositId = '';
  let receiptId = '';

  it('SA-12 takes a deposit only after the controller re-verifies, with two different authenticated people', async () => {
    const { db } = database;
    const planId = await latestPlanId(fx.unitIds[0]);
    const deposit = await deals.requestDeposit(db, {
      actor: fx.consultant,
      unitId: fx.unitIds[0],
      customerId: customer,
      planId,
      amountFen: 5_000_000,
      note: '',
      now,
    });
    depositId = deposit.id;
    const collect = (overrides: Partial<deals.CollectDepositInput> = {}) =>
      deals.collectDeposit(db, {
        actor: finance,
        depositId,
        method: 'card',
        witness: { username: fx.controller.username, password: testPassword },
        idempotencyKey: randomBytes(8).toString('hex'),
        now: later(1),
        ...overrides,
      });
    await expectRefused(collect(), 'DEPOSIT_NOT_CONFIRMED');
    await expectRefused(
      deals.confirmDeposit(db, { actor: fx.consultant, depositId, now: later(1) }),
      'FORBIDDEN',
    );
    const confirmed = await deals.confirmDeposit(db, { actor: fx.controller, depositId, now: later(1) });
    expect(confirmed.confirmedByName).toBe('李销控');

    const auditBefore = await auditCount();
    await expectRefused(
      collect({ witness: { username: finance.username, password: testPassword } }),
      'WITNESS_SAME_PERSON',
    );
    expect(await auditCount()).toBe(auditBefore);
    await expectRefused(
      collect({ witness: { username: fx.controller.username, password: 'wrong-password-1' } }),
      'WITNESS_INVALID_CREDENTIALS',
    );
    await expectRefused(collect({ actor: fx.consultant }), 'NOT_COLLECTOR');
    expect((await getUnitAt(db, fx.manager, fx.unitIds[0], now)).status).toBe('held');
    expect((await deals.getDepositRow(db, finance, depositId)).status).toBe('confirmed');
    expect(await db.selectFrom('dealReceipts').selectAll().execute()).toHaveLength(0);

    const key = 'retry-key-0001';
    const first = await collect({ idempotencyKey: key });
    expect(first.isReplay).toBe(false);
    expect(first.receipt.number).toBe(1);
    expect(first.receipt.witnessName).toBe('李销控');
    receiptId = first.receipt.id;
    expect((await getUnitAt(db, fx.manager, fx.unitIds[0], now)).status).toBe('deposited');

    const retried = await collect({ idempotencyKey: key });
    expect(retried.isReplay).toBe(true);
    expect(retried.receipt.id).toBe(first.receipt.id);
    await expectRefused(collect({ idempotencyKey: key, method: 'cash' }), 'IDEMPOTENCY_KEY_REUSED');
    await expectRefused(collect(), 'DEPOSIT_STATE');
    expect(await db.selectFrom('dealReceipts').selectAll().execute()).toHaveLength(1);
  });

  it('SA-12 twenty concurrent collections with one key make one receipt, numbered without a gap', async () => {
    const { db } = database;
    const deposit = await confirmedDeposit(fx.unitIds[4], otherCustomer, 2_000_000, fx.manager);
    const answers = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        deals.collectDeposit(db, {
          actor: finance,
          depositId: deposit.id,
          method: 'transfer',
          witness: { username: fx.manager.username, password: testPassword },
          idempotencyKey: 'burst-key',
          now: later(2),
        }),
      ),
    );
    const fulfilled = answers
      .filter((answer) => answer.status === 'fulfilled')
      .map(
        (answer) =>
          (answer as PromiseFulfilledResult<Awaited<ReturnType<typeof deals.collectDeposit>>>).value,
      );
    expect(fulfilled).toHaveLength(20);
    expect(new Set(fulfilled.map((answer) => answer.receipt.id)).size).toBe(1);
    const receipts = await db
      .selectFrom('dealReceipts')
      .select(['number'])
      .where('projectId', '=', projectId())
      .orderBy('number')
      .execute();
    expect(receipts.map((row) => Number(row.number))).toEqual([1, 2]);
  });

  it('SA-12 prints the receipt with Chinese text; reprints say 副本; a void needs a reason and another manager, and keeps the receipt', async () => {
    const { db } = database;
    const original = await deals.printReceipt(db, { actor: finance, receiptId, now: later(3) });
    const text = pdfText(original.bytes);
    expect(text).toContain('收款收据');
    expect(text).toContain('伍万元整');
    expect(text).toContain('SJ00000001');
    expect(text).not.toContain('副本');
    const copy = await deals.printReceipt(db, { actor: finance, receiptId, now: later(4) });
    expect(copy.isCopy).toBe(true);
    expect(pdfText(copy.bytes)).toContain('副本');

    const second = (
      await db.selectFrom('dealReceipts').select('id').where('number', '=', 2).executeTakeFirstOrThrow()
    ).id;
    await deals.requestReceiptVoid(db, {
      actor: fx.manager,
      receiptId: second,
      reason: '金额录入错误',
      now: later(5),
    });
    await expectRefused(
      deals.decideReceiptVoid(db, {
        actor: fx.manager,
        receiptId: second,
        decision: 'approve',
        now: later(5),
      }),
      'RECEIPT_VOID_SELF_APPROVAL',
    );
    await expectRefused(
      deals.decideReceiptVoid(db, { actor: finance, receiptId: second, decision: 'approve', now: later(5) }),
      'FORBIDDEN',
    );
    const voided = await deals.decideReceiptVoid(db, {
      actor: fx.manager2,
      receiptId: second,
      decision: 'approve',
      now: later(6),
    });
    expect(voided.status).toBe('voided');
    expect(voided.voidReason).toBe('金额录入错误');
    expect(await db.selectFrom('dealReceipts').selectAll().execute()).toHaveLength(2);
    expect((await getUnitAt(db, fx.manager, fx.unitIds[4], now)).status).toBe('for_sale');
  });

  it('SA-12 numbers receipts per project without a gap: a collection that rolls back gives its number back', async () => {
    const { db } = database;
    const claimThenRollBack = (project: string) =>
      db
        .transaction()
        .execute(async (trx) => {
          const number = await claimReceiptNumber(trx, project);
          throw Object.assign(new Error('rolled back'), { number });
        })
        .catch((error: { number: number }) => error.number);
    expect(await claimThenRollBack(projectId())).toBe(3);
    expect(await claimThenRollBack(projectId())).toBe(3);
    expect(await claimThenRollBack(fx.org.estateProjectId)).toBe(1);
  });

  it('SA-12 a person the project manager designates may collect, until the designation is revoked', async () => {
    const { db } = database;
    const deposit = await confirmedDeposit(fx.unitIds[3], otherCustomer, 1_000_000, fx.controller);
    const collect = (key: string) =>
      deals.collectDeposit(db, {
        actor: fx.consultant2,
        depositId: deposit.id,
        method: 'cash',
        witness: { username: fx.controller.username, password: testPassword },
        idempotencyKey: key,
        now: later(7),
      });
    // Before the designation the deposit is not theirs to know of; a colleague who sees it (the
    // controller) is still no collector.
    await expectRefused(collect('designated-0001'), 'NOT_FOUND');
    await expectRefused(
      deals.collectDeposit(db, {
        actor: fx.controller,
        depositId: deposit.id,
        method: 'cash',
        witness: { username: fx.manager.username, password: testPassword },
        idempotencyKey: 'designated-controller',
        now: later(7),
      }),
      'NOT_COLLECTOR',
    );
    await expectRefused(
      deals.designate(db, {
        actor: fx.consultant,
        projectId: projectId(),
        staffId: fx.consultant2.staffId,
        duty: 'collect',
        now,
      }),
      'FORBIDDEN',
    );
    const designation = await deals.designate(db, {
      actor: fx.manager,
      projectId: projectId(),
      staffId: fx.consultant2.staffId,
      duty: 'collect',
      now,
    });
    expect(
      (await deals.findDesignations(db, fx.manager, projectId())).map((row) => [row.staffId, row.duty]),
    ).toEqual([[fx.consultant2.staffId, 'collect']]);
    await deals.revokeDesignation(db, { actor: fx.manager, designationId: designation.id, now });
    await expectRefused(collect('designated-0002'), 'NOT_FOUND');
    await deals.designate(db, {
      actor: fx.manager,
      projectId: projectId(),
      staffId: fx.consultant2.staffId,
      duty: 'collect',
      now,
    });
    const collected = await collect('designated-0003');
    expect(collected.receipt).toMatchObject({ number: 3, collectedBy: fx.consultant2.staffId });
    expect((await getUnitAt(db, fx.manager, fx.unitIds[3], now)).status).toBe('deposited');
  });
});

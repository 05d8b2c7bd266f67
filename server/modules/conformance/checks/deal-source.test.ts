import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { dealFactSource } from '../../deals/index.js';
import {
  buildDealsFixture,
  type DealsFixture,
  deals,
  forgetDataKeys,
  submittedAgreement,
  takeDeposit,
} from '../../deals/testing/index.js';
import { buildCustomer } from '../../inventory/testing/index.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

const start = new Date('2026-11-28T02:00:00.000Z');
const paidAt = new Date('2026-12-03T02:00:00.000Z');

describe('the deal fact source', () => {
  let database: TestDatabase;
  let world: DealsFixture;
  let paidDeposit: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildDealsFixture(database.db, {
      floors: 1,
      perFloor: 5,
      unitPriceFen: 1_000_000,
      forms: 5,
      now: start,
    });
    const { fx, finance } = world;
    for (const [index, name] of ['甲', '乙', '丙', '丁'].entries()) {
      const customerId = await buildCustomer(database.db, fx.org, {
        projectId: fx.org.salesProjectId,
        ownerStaffId: fx.consultant.staffId,
        name,
      });
      await takeDeposit(database.db, world, {
        unitId: fx.unitIds[index]!,
        customerId,
        amountFen: 1_000_000,
        now: start,
      });
    }
    const { agreementId } = await submittedAgreement(database.db, world, {
      unitId: fx.unitIds[4]!,
      formNumber: 'RG000001',
      customerName: '戊',
      now: start,
    });
    const approved = await deals.reviewAgreement(database.db, {
      actor: fx.manager,
      agreementId,
      decision: 'approve',
      comment: '',
      now: start,
    });
    paidDeposit = approved.depositId!;
    const view = await deals.getTransactionFile(database.db, finance, approved.transactionFileId!, paidAt);
    const item = view.paymentItems.find((row) => row.kind === 'down_payment')!;
    await deals.recordPayment(database.db, {
      actor: finance,
      fileId: approved.transactionFileId!,
      paymentItemId: item.id,
      amountFen: item.amountFen,
      method: 'transfer',
      payerKind: 'buyer',
      payerName: '戊',
      statementId: null,
      witness: { username: fx.controller.username, password: testPassword },
      idempotencyKey: 'pay-down-payment',
      now: paidAt,
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('CONF pages every deal (its deposit) once, in id order', async () => {
    const all: string[] = [];
    let afterId: string | null = null;
    for (;;) {
      const page = await dealFactSource.changed(database.db, { since: null, afterId, limit: 2 });
      if (!page.length) break;
      all.push(...page.map((facts) => facts.id));
      afterId = page[page.length - 1]!.id;
    }
    expect(all).toHaveLength(5);
    expect(all).toEqual([...all].sort());
    expect(await dealFactSource.byIds(database.db, ['no-such-deal'])).toEqual([]);
  });

  it('CONF finds the deals changed since a time through any of their rows (a payment moves its file)', async () => {
    const since = await dealFactSource.changed(database.db, {
      since: paidAt.toISOString(),
      afterId: null,
      limit: 100,
    });
    expect(since.map((facts) => facts.id)).toEqual([paidDeposit]);
    expect(since[0]?.file?.downPaymentPaidAt).toBe(paidAt.toISOString());
    expect(since[0]?.links.transactionFileId).toBeTruthy();
  });
});

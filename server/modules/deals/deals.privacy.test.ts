import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { eraseCustomer, exportCustomerData } from '../customers/index.js';
import { buildCustomer, type InventoryFixture } from '../inventory/testing/index.js';
import { forgetDataKeys } from './deals.crypto.js';
import * as deals from './deals.service.js';
import { buildDealsFixture, type DealsFixture, draftAgreement, takeDeposit } from './testing/deal-fixture.js';
// The module's public face registers the personal-data source, as the server does at start-up.
import './index.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

const now = new Date('2026-11-28T02:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('deals: a customer’s deal records on export and erasure', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  let world: DealsFixture;
  let customerId = '';
  let otherCustomerId = '';
  const projectId = () => fx.org.salesProjectId;
  const ids = { dealPlan: '', dealAgreement: '', draftPlan: '', draftAgreement: '', lonePlan: '', file: '' };
  const idCopies = { deal: '', draft: '' };

  const planAndDeposit = async (unitId: string, forCustomer: string, minutes: number) =>
    (
      await takeDeposit(database.db, world, {
        unitId,
        customerId: forCustomer,
        amountFen: 5_000_000,
        plan: {
          paymentMethod: 'commercial_loan',
          downPaymentPercent: '30',
          commercial: { annualRatePercent: '3.1', termMonths: 360, repayment: 'equal_instalment' },
        },
        note: '客户现场交定金',
        now: later(minutes),
      })
    ).planId;

  const agreement = (planId: string, formNumber: string, idNumber: string, minutes: number) =>
    draftAgreement(database.db, world, {
      planId,
      formNumber,
      buyerName: '陈先生',
      idNumber,
      now: later(minutes),
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    world = await buildDealsFixture(db, { floors: 2, perFloor: 2, unitPriceFen: 2_000_000, forms: 5, now });
    ({ fx } = world);
    customerId = await buildCustomer(db, fx.org, {
      projectId: projectId(),
      ownerStaffId: fx.consultant.staffId,
      name: '陈先生',
    });
    otherCustomerId = await buildCustomer(db, fx.org, {
      projectId: projectId(),
      ownerStaffId: fx.consultant.staffId,
      name: '林女士',
    });

    // A deal: plan → deposit with its receipt → agreement approved → transaction file with reminders.
    ids.dealPlan = await planAndDeposit(fx.unitIds[0], customerId, 0);
    const signed = await agreement(ids.dealPlan, 'RG000001', '11010519491231002X', 5);
    ids.dealAgreement = signed.agreementId;
    idCopies.deal = signed.idCopyId;
    await deals.submitAgreement(db, { actor: fx.consultant, agreementId: ids.dealAgreement, now: later(6) });
    const approved = await deals.reviewAgreement(db, {
      actor: fx.manager,
      agreementId: ids.dealAgreement,
      decision: 'approve',
      comment: '资料齐全',
      now: later(7),
    });
    ids.file = approved.transactionFileId ?? '';

    // Not a deal: an agreement left as a draft (its deposit was paid), and a plan on its own.
    ids.draftPlan = await planAndDeposit(fx.unitIds[1], customerId, 10);
    const unsigned = await agreement(ids.draftPlan, 'RG000002', '110105198001011238', 15);
    ids.draftAgreement = unsigned.agreementId;
    idCopies.draft = unsigned.idCopyId;
    ids.lonePlan = (
      await deals.createPlan(db, {
        actor: fx.consultant,
        choices: {
          customerId,
          unitId: fx.unitIds[2],
          discounts: [],
          paymentMethod: 'lump_sum',
          homeOrder: 'first',
        },
        now: later(20),
      })
    ).id;
    // Another customer's deal records must not be touched.
    await deals.createPlan(db, {
      actor: fx.consultant,
      choices: {
        customerId: otherCustomerId,
        unitId: fx.unitIds[3],
        discounts: [],
        paymentMethod: 'lump_sum',
        homeOrder: 'first',
      },
      now: later(21),
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('PRIV a customer’s export holds their plans, deposits, receipts, agreements with buyers and the transaction file', async () => {
    const document = await exportCustomerData(database.db, {
      actor: fx.manager,
      customerId,
      format: 'json',
      now: later(30),
    });
    const dealData = document.sections as unknown as {
      plans: Array<{ id: string }>;
      deposits: Array<{ customerName: string }>;
      receipts: Array<{ amountFen: number }>;
      agreements: Array<{ id: string }>;
      buyers: Array<Record<string, unknown>>;
      transactionFiles: Array<{ id: string }>;
      reminders: Array<{ recipientKind: string }>;
    };
    expect(dealData.plans.map((plan) => plan.id).sort()).toEqual(
      [ids.dealPlan, ids.draftPlan, ids.lonePlan].sort(),
    );
    expect(dealData.deposits).toHaveLength(2);
    expect(dealData.receipts.map((receipt) => Number(receipt.amountFen))).toEqual([5_000_000, 5_000_000]);
    expect(dealData.agreements.map((row) => row.id).sort()).toEqual(
      [ids.dealAgreement, ids.draftAgreement].sort(),
    );
    const buyer = dealData.buyers.find((row) => row.agreementId === ids.dealAgreement);
    expect(buyer).toMatchObject({ name: '陈先生', idNumberMasked: '1101**********002X' });
    expect(buyer).not.toHaveProperty('idNumberEnc');
    expect(JSON.stringify(document)).not.toContain('11010519491231002X');
    expect(dealData.transactionFiles.map((file) => file.id)).toEqual([ids.file]);
    expect(dealData.reminders.length).toBeGreaterThan(0);
    expect(dealData.reminders.every((reminder) => reminder.recipientKind === 'customer')).toBe(true);
  });

  it('PRIV erasure keeps the signed deal and its money records whole and anonymises what never became a deal', async () => {
    const { db } = database;
    await eraseCustomer(db, { actor: fx.manager, customerId, reason: '客户书面要求删除', now: later(40) });

    // Kept: the approved agreement with its buyer and ID copy, the plan and deposit it rests on,
    // every receipt, the transaction file.
    const signed = await db
      .selectFrom('dealAgreements')
      .selectAll()
      .where('id', '=', ids.dealAgreement)
      .executeTakeFirstOrThrow();
    expect(signed).toMatchObject({ customerName: '陈先生', status: 'approved' });
    const signedBuyer = await db
      .selectFrom('dealAgreementBuyers')
      .selectAll()
      .where('agreementId', '=', ids.dealAgreement)
      .executeTakeFirstOrThrow();
    expect(signedBuyer).toMatchObject({ name: '陈先生', idNumberMasked: '1101**********002X' });
    expect(signedBuyer.idNumberEnc.startsWith('v1:')).toBe(true);
    expect(
      await db.selectFrom('dealFiles').select('id').where('id', '=', idCopies.deal).execute(),
    ).toHaveLength(1);
    const plans = await db
      .selectFrom('dealPlans')
      .select(['id', 'customerName'])
      .where('customerId', 'in', [customerId, otherCustomerId])
      .execute();
    const planName = (id: string) => plans.find((plan) => plan.id === id)?.customerName;
    expect(planName(ids.dealPlan)).toBe('陈先生');
    const receipts = await db
      .selectFrom('dealReceipts')
      .selectAll()
      .where('customerId', '=', customerId)
      .execute();
    expect(receipts).toHaveLength(2);
    expect(receipts.every((receipt) => receipt.status === 'valid' && receipt.payerName === '陈先生')).toBe(
      true,
    );
    const deposits = await db
      .selectFrom('dealDeposits')
      .selectAll()
      .where('customerId', '=', customerId)
      .execute();
    expect(deposits.map((deposit) => deposit.customerName)).toEqual(['陈先生', '陈先生']);
    const file = await db
      .selectFrom('dealTransactionFiles')
      .selectAll()
      .where('id', '=', ids.file)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({ customerName: '陈先生', status: 'open' });

    // Anonymised: the draft agreement (buyer, ID number, ID copy) and the plans that never became a deal.
    const draft = await db
      .selectFrom('dealAgreements')
      .selectAll()
      .where('id', '=', ids.draftAgreement)
      .executeTakeFirstOrThrow();
    expect(draft.customerName).toBe('已删除客户');
    const draftBuyer = await db
      .selectFrom('dealAgreementBuyers')
      .selectAll()
      .where('agreementId', '=', ids.draftAgreement)
      .executeTakeFirstOrThrow();
    expect(draftBuyer).toMatchObject({
      name: '已删除',
      idNumberEnc: '',
      idNumberMasked: '',
      idNumberHash: '',
      idCopyFileId: null,
    });
    expect(
      await db.selectFrom('dealFiles').select('id').where('id', '=', idCopies.draft).execute(),
    ).toHaveLength(0);
    expect(planName(ids.draftPlan)).toBe('已删除客户');
    expect(planName(ids.lonePlan)).toBe('已删除客户');
    expect(plans.filter((plan) => plan.customerName === '林女士')).toHaveLength(1);

    // The erased person is no longer written to: their reminders and queued messages are cancelled.
    const reminders = await db
      .selectFrom('dealReminders')
      .selectAll()
      .where('transactionFileId', '=', ids.file)
      .execute();
    const toCustomer = reminders.filter((reminder) => reminder.recipientKind === 'customer');
    expect(toCustomer.length).toBeGreaterThan(0);
    expect(toCustomer.every((row) => row.status === 'cancelled' && !row.body.includes('陈先生'))).toBe(true);
    expect(reminders.some((row) => row.recipientKind === 'staff' && row.status === 'scheduled')).toBe(true);
    const customerKey = `%deal:${ids.file}:down-payment:customer%`;
    const customerJobs = await db
      .selectFrom('jobs')
      .select('status')
      .where((eb) => eb.or([eb('dedupeKey', 'like', customerKey), eb('cancelledKey', 'like', customerKey)]))
      .execute();
    expect(customerJobs.length).toBeGreaterThan(0);
    expect(customerJobs.every((job) => job.status === 'cancelled')).toBe(true);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobRunner, startJobRunner } from '../../../platform/jobs/index.js';
import { buildStaff, testPassword } from '../../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { buildCustomerInput, freshMobile, registerCustomer } from '../../customers/testing/index.js';
import { dealFactSource } from '../../deals/index.js';
import {
  buildDealsFixture,
  deals,
  draftAgreement,
  forgetDataKeys,
  takeDeposit,
} from '../../deals/testing/index.js';
import { type FakeSmsGateway, saveProvider, startFakeSmsGateway } from '../../notify/testing/index.js';
import { downPaymentReminders, mortgageReminders } from './deal-reminders.checks.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

// 10:00 Shanghai, Saturday 28 November 2026. The down payments fall due on Sunday 20 December;
// the bank appointment is at 10:00 on Saturday 12 December.
const start = new Date('2026-11-28T02:00:00.000Z');
const appointmentAt = new Date('2026-12-12T02:00:00.000Z');
const key = () => randomBytes(8).toString('hex');

/** A deals office whose customers can be texted (consent and a mobile), with an SMS gateway set up. */
async function buildOffice(database: TestDatabase) {
  const world = await buildDealsFixture(database.db, {
    floors: 1,
    perFloor: 4,
    unitPriceFen: 1_000_000,
    forms: 10,
    now: start,
  });
  const sms = await startFakeSmsGateway();
  const admin = await buildStaff(database.db, world.fx.org, { roles: ['admin'] });
  await saveProvider(database.db, {
    actor: admin,
    channel: 'sms',
    isEnabled: true,
    config: { endpoint: sms.url, accessKeyId: sms.accessKeyId, signName: '迎客' },
    secret: sms.secret,
    now: start,
  });
  let unit = 0;
  let form = 0;
  /** A texting customer through 定金 and an approved agreement: an open file. */
  async function openFile(name: string) {
    const { fx } = world;
    const { customer } = await registerCustomer(database.db, {
      actor: fx.consultant,
      projectId: fx.org.salesProjectId,
      input: buildCustomerInput({ name, phones: [freshMobile()] }),
      now: start,
    });
    const { planId, depositId } = await takeDeposit(database.db, world, {
      unitId: fx.unitIds[unit++]!,
      customerId: customer.id,
      amountFen: 1_000_000,
      now: start,
    });
    const { agreementId } = await draftAgreement(database.db, world, {
      planId,
      formNumber: `RG${String(++form).padStart(6, '0')}`,
      buyerName: name,
      idNumber: '11010519491231002X',
      now: start,
    });
    await deals.submitAgreement(database.db, { actor: fx.consultant, agreementId, now: start });
    const approved = await deals.reviewAgreement(database.db, {
      actor: fx.manager,
      agreementId,
      decision: 'approve',
      comment: '',
      now: start,
    });
    return { fileId: approved.transactionFileId!, depositId };
  }
  async function bookBank(fileId: string) {
    await deals.scheduleMortgageAppointment(database.db, {
      actor: world.fx.consultant,
      fileId,
      bank: '建设银行',
      place: '建行高新支行',
      appointmentAt,
      documents: ['idCard'],
      now: start,
    });
  }
  const score = async (
    check: typeof downPaymentReminders | typeof mortgageReminders,
    depositId: string,
    now: Date,
  ) => {
    const [facts] = await dealFactSource.byIds(database.db, [depositId]);
    return check.evaluate(facts!, now);
  };
  return { world, sms, openFile, bookBank, score };
}

describe('SA-14 and SA-16 reminders as the job runner sent them', () => {
  let database: TestDatabase;
  let office: Awaited<ReturnType<typeof buildOffice>>;
  let sms: FakeSmsGateway;
  let runner: JobRunner;
  let current = start;

  beforeAll(async () => {
    database = await createTestDatabase();
    office = await buildOffice(database);
    sms = office.sms;
    runner = startJobRunner({
      database,
      now: () => new Date(current),
      instanceId: 'conformance-deals',
      autoStart: false,
      leaseMs: 60_000,
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await sms?.close();
    await database?.drop();
  });

  /** The runner works every 3 hours of the office's clock up to `until`. */
  async function runUntil(until: Date) {
    while (current < until) {
      current = new Date(Math.min(current.getTime() + 3 * 3_600_000, until.getTime()));
      // An escalation's notice is queued by the escalation job: a second pass delivers it.
      await runner.runUntilIdle();
      await runner.runUntilIdle();
    }
  }

  it('SA-14 down-payment reminders: met when sent 5 and 2 days before and the unpaid one reported, pending ahead, n/a without a file; SA-16 mortgage notices 7, 3, 1 days before met, n/a without an appointment', async () => {
    const { world, openFile, bookBank, score } = office;
    const paid = await openFile('陈先生');
    const unpaid = await openFile('林女士');
    await bookBank(paid.fileId);
    expect((await score(downPaymentReminders, paid.depositId, start)).status).toBe('pending');
    expect((await score(mortgageReminders, paid.depositId, start)).status).toBe('pending');

    await runUntil(new Date('2026-12-19T02:00:00.000Z'));
    const view = await deals.getTransactionFile(database.db, world.finance, paid.fileId, current);
    const item = view.paymentItems.find((row) => row.kind === 'down_payment')!;
    await deals.recordPayment(database.db, {
      actor: world.finance,
      fileId: paid.fileId,
      paymentItemId: item.id,
      amountFen: item.amountFen,
      method: 'transfer',
      payerKind: 'buyer',
      payerName: '陈先生',
      statementId: null,
      witness: { username: world.fx.controller.username, password: testPassword },
      idempotencyKey: key(),
      now: current,
    });
    // Unpaid at the end of Sunday 20 December: the managers hear at 09:00 on Monday.
    await runUntil(new Date('2026-12-22T02:00:00.000Z'));

    const paidScore = await score(downPaymentReminders, paid.depositId, current);
    expect(paidScore.status).toBe('met');
    expect(paidScore.evidence).toHaveLength(2);
    const unpaidScore = await score(downPaymentReminders, unpaid.depositId, current);
    expect(unpaidScore.status).toBe('met');
    expect(JSON.stringify(unpaidScore.evidence)).toContain('Overdue reported to the manager');
    expect((await score(mortgageReminders, paid.depositId, current)).status).toBe('met');
    expect(sms.messages.length).toBeGreaterThanOrEqual(3);

    expect((await score(mortgageReminders, unpaid.depositId, current)).status).toBe('not_applicable');
    const { depositId } = await takeDeposit(database.db, world, {
      unitId: world.fx.unitIds[3]!,
      customerId: (
        await registerCustomer(database.db, {
          actor: world.fx.consultant,
          projectId: world.fx.org.salesProjectId,
          input: buildCustomerInput({ name: '只交定金', phones: [freshMobile()] }),
          now: current,
        })
      ).customer.id,
      amountFen: 1_000_000,
      now: current,
    });
    expect((await score(downPaymentReminders, depositId, current)).status).toBe('not_applicable');
  });
});

describe('SA-14 and SA-16 reminders while nothing sent them', () => {
  let database: TestDatabase;
  let office: Awaited<ReturnType<typeof buildOffice>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    office = await buildOffice(database);
  });
  afterAll(async () => {
    await office?.sms.close();
    await database?.drop();
  });

  it('SA-14 and SA-16 miss reminders that never went out by their day (the job runner was down)', async () => {
    const { openFile, bookBank, score } = office;
    const file = await openFile('王先生');
    await bookBank(file.fileId);
    const after = new Date('2026-12-22T02:00:00.000Z');
    const downPayment = await score(downPaymentReminders, file.depositId, after);
    expect(downPayment.status).toBe('missed');
    expect(JSON.stringify(downPayment.evidence)).toContain('not sent');
    expect((await score(mortgageReminders, file.depositId, after)).status).toBe('missed');
  });
});

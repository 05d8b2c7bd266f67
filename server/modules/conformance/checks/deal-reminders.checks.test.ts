import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobRunner, startJobRunner } from '../../../platform/jobs/index.js';
import { buildStaff } from '../../../testing/factories.js';
import { buildCustomerInput, freshMobile, registerCustomer } from '../../customers/testing/index.js';
import { deals, takeDeposit } from '../../deals/testing/index.js';
import {
  type FakeSmsGateway,
  markInboxRead,
  saveProvider,
  startFakeSmsGateway,
} from '../../notify/testing/index.js';
import { openDealOffice, dealStart as start } from './deal-checks.testing.js';
import { downPaymentReminders, mortgageReminders } from './deal-reminders.checks.js';

// The down payments fall due on Sunday 20 December; the bank appointment is at 10:00 on Saturday 12 December.
const appointmentAt = new Date('2026-12-12T02:00:00.000Z');

/** A deals office whose customers can be texted (consent and a mobile), with an SMS gateway set up. */
function openTextingOffice() {
  const office = openDealOffice({ units: 4, forms: 10 });
  let gateway: FakeSmsGateway | undefined;
  beforeAll(async () => {
    gateway = await startFakeSmsGateway();
    const admin = await buildStaff(office.db, office.world.fx.org, { roles: ['admin'] });
    await saveProvider(office.db, {
      actor: admin,
      channel: 'sms',
      isEnabled: true,
      config: { endpoint: gateway.url, accessKeyId: gateway.accessKeyId, signName: '迎客' },
      secret: gateway.secret,
      now: start,
    });
  });
  afterAll(async () => {
    await gateway?.close();
  });
  /** A texting customer of the consultant. */
  async function textingCustomer(name: string, now = start) {
    const { customer } = await registerCustomer(office.db, {
      actor: office.world.fx.consultant,
      projectId: office.world.fx.org.salesProjectId,
      input: buildCustomerInput({ name, phones: [freshMobile()] }),
      now,
    });
    return customer.id;
  }
  /** A texting customer through 定金 and an approved agreement: an open file. */
  const openFile = async (name: string) => office.openFile(name, { customerId: await textingCustomer(name) });
  async function bookBank(fileId: string) {
    await deals.scheduleMortgageAppointment(office.db, {
      actor: office.world.fx.consultant,
      fileId,
      bank: '建设银行',
      place: '建行高新支行',
      appointmentAt,
      documents: ['idCard'],
      now: start,
    });
  }
  return {
    office,
    get sms() {
      if (!gateway) throw new Error('the SMS gateway is not started yet');
      return gateway;
    },
    textingCustomer,
    openFile,
    bookBank,
  };
}

describe('SA-14 and SA-16 reminders as the job runner sent them', () => {
  const texting = openTextingOffice();
  const { office } = texting;
  let runner: JobRunner;
  let current = start;

  beforeAll(async () => {
    runner = startJobRunner({
      database: office.database,
      now: () => new Date(current),
      instanceId: 'conformance-deals',
      autoStart: false,
      leaseMs: 60_000,
    });
  });
  afterAll(async () => {
    await runner?.stop();
  });

  /** The files whose tasks the consultant reads in the bell as they arrive. */
  const readFileIds = new Set<string>();
  /** The runner works every 3 hours of the office's clock up to `until`; the consultant reads what came. */
  async function runUntil(until: Date) {
    const { consultant } = office.world.fx;
    while (current < until) {
      current = new Date(Math.min(current.getTime() + 3 * 3_600_000, until.getTime()));
      // An escalation's notice is queued by the escalation job: a second pass delivers it.
      await runner.runUntilIdle();
      await runner.runUntilIdle();
      const unread = await office.db
        .selectFrom('notifyInbox')
        .select(['id', 'link'])
        .where('staffId', '=', consultant.staffId)
        .where('readAt', 'is', null)
        .execute();
      const ids = unread
        .filter((row) => [...readFileIds].some((fileId) => row.link?.endsWith(fileId)))
        .map((row) => row.id);
      if (ids.length) await markInboxRead(office.db, { actor: consultant, ids, now: current });
    }
  }

  it('SA-14 down-payment reminders: met when sent 5 and 2 days before, read by the consultant that day, and the unpaid one reported; missed when sent but never read; pending ahead; n/a without a file. SA-16 mortgage notices 7, 3, 1 days before met, n/a without an appointment', async () => {
    const { world, score } = office;
    const { openFile, bookBank } = texting;
    const paid = await openFile('陈先生');
    const unpaid = await openFile('林女士');
    // 周先生's mortgage notices reach the consultant too, who never opens them.
    const unread = await openFile('周先生');
    readFileIds.add(paid.fileId);
    await bookBank(paid.fileId);
    await bookBank(unread.fileId);
    expect((await score(downPaymentReminders, paid.depositId, start)).status).toBe('pending');
    expect((await score(mortgageReminders, paid.depositId, start)).status).toBe('pending');

    await runUntil(new Date('2026-12-19T02:00:00.000Z'));
    await office.payDownPayment(paid.fileId, current);
    // Unpaid at the end of Sunday 20 December: the managers hear at 09:00 on Monday.
    await runUntil(new Date('2026-12-22T02:00:00.000Z'));

    const paidScore = await score(downPaymentReminders, paid.depositId, current);
    expect(paidScore.status).toBe('met');
    // Each reminder: sent on time (on which channel), and read by the day.
    expect(paidScore.evidence).toHaveLength(4);
    expect(JSON.stringify(paidScore.evidence)).toContain('read by the day');
    // 林女士's reminders went out, but the consultant never opened the tasks: not acknowledged.
    const unpaidScore = await score(downPaymentReminders, unpaid.depositId, current);
    expect(unpaidScore.status).toBe('missed');
    expect(JSON.stringify(unpaidScore.evidence)).toContain('not read');
    expect(JSON.stringify(unpaidScore.evidence)).toContain('sent on time');
    expect(JSON.stringify(unpaidScore.evidence)).toContain('Overdue reported to the manager');
    // On the first reminder's day itself, sent and not yet read: still pending until the day ends.
    const thatDay = await score(downPaymentReminders, unpaid.depositId, new Date('2026-12-15T06:00:00.000Z'));
    expect(thatDay.status).toBe('pending');
    expect(JSON.stringify(thatDay.evidence)).toContain('not read');
    expect(texting.sms.messages.length).toBeGreaterThanOrEqual(3);

    expect((await score(mortgageReminders, unpaid.depositId, current)).status).toBe('not_applicable');
    const { depositId } = await takeDeposit(office.db, world, {
      unitId: office.nextUnit(),
      customerId: await texting.textingCustomer('只交定金', current),
      amountFen: 1_000_000,
      now: current,
    });
    expect((await score(downPaymentReminders, depositId, current)).status).toBe('not_applicable');
  });

  it('SA-16 mortgage notices: met when sent 7, 3, 1 days before and the consultant read each in-app copy by its day; missed when never read; pending on a notice day not over; n/a without an appointment', async () => {
    const { score } = office;
    const files = await office.db
      .selectFrom('dealTransactionFiles')
      .select(['id', 'depositId', 'customerId'])
      .where('id', 'in', [...readFileIds])
      .execute();
    const paid = files[0];
    const read = await score(mortgageReminders, paid.depositId ?? '', current);
    expect(read.status).toBe('met');
    expect(JSON.stringify(read.evidence)).toContain('read by the day');
    // The consultant's copies are in-app notices under the appointment's notices, one per slot.
    const copies = await office.db
      .selectFrom('notifications')
      .select(['event', 'recipientsJson'])
      .where('event', '=', 'deals.mortgageTask')
      .execute();
    expect(copies.length).toBeGreaterThanOrEqual(2 * 3);
    expect(copies.every((row) => row.recipientsJson.includes(office.world.fx.consultant.staffId))).toBe(true);

    const [unread] = await office.db
      .selectFrom('dealTransactionFiles')
      .innerJoin(
        'dealMortgageAppointments',
        'dealMortgageAppointments.transactionFileId',
        'dealTransactionFiles.id',
      )
      .select(['dealTransactionFiles.id', 'dealTransactionFiles.depositId'])
      .where('dealTransactionFiles.id', 'not in', [...readFileIds])
      .execute();
    const missedScore = await score(mortgageReminders, unread.depositId ?? '', current);
    expect(missedScore.status).toBe('missed');
    expect(JSON.stringify(missedScore.evidence)).toContain('sent on time');
    expect(JSON.stringify(missedScore.evidence)).toContain('not read');
    // An hour after its first notice went out, unread and the day not over: pending.
    const [first] = await office.db
      .selectFrom('dealReminders')
      .select('sendAt')
      .where('transactionFileId', '=', unread.id)
      .where('kind', '=', 'mortgage_notice')
      .orderBy('sendAt')
      .execute();
    const thatDay = await score(
      mortgageReminders,
      unread.depositId ?? '',
      new Date(new Date(first.sendAt).getTime() + 3_600_000),
    );
    expect(thatDay.status).toBe('pending');
    expect(JSON.stringify(thatDay.evidence)).toContain('not read');
  });
});

describe('SA-14 and SA-16 reminders while nothing sent them', () => {
  const texting = openTextingOffice();

  it('SA-14 and SA-16 miss reminders that never went out by their day (the job runner was down)', async () => {
    const { openFile, bookBank } = texting;
    const { score } = texting.office;
    const file = await openFile('王先生');
    await bookBank(file.fileId);
    const after = new Date('2026-12-22T02:00:00.000Z');
    const downPayment = await score(downPaymentReminders, file.depositId, after);
    expect(downPayment.status).toBe('missed');
    expect(JSON.stringify(downPayment.evidence)).toContain('not sent');
    expect((await score(mortgageReminders, file.depositId, after)).status).toBe('missed');
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { dealFactSource } from '../../deals/index.js';
import {
  buildDealsFixture,
  type DealsFixture,
  deals,
  draftAgreement,
  forgetDataKeys,
  overwriteDealAsImported,
  submittedAgreement,
  takeDeposit,
} from '../../deals/testing/index.js';
import { holdUnit, releaseHold } from '../../inventory/index.js';
import { buildCustomer } from '../../inventory/testing/index.js';
import type { CheckDefinition, SubjectFacts } from './check-types.js';
import {
  agreementReviewed,
  consultantFollowThrough,
  contractFilledByCertified,
  dealChecks,
  depositReverified,
  depositTwoPeople,
  planExact,
  planUnitForSale,
} from './deal.checks.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

// 10:00 Shanghai, Saturday 28 November 2026: the fixture's agreements are signed that day.
const start = new Date('2026-11-28T02:00:00.000Z');
const later = (days: number) => new Date(start.getTime() + days * 86_400_000);
const key = () => randomBytes(8).toString('hex');

describe('deal checks on deals recorded through the deals use cases', () => {
  let database: TestDatabase;
  let world: DealsFixture;
  let unit = 0;
  let form = 0;

  const nextUnit = () => world.fx.unitIds[unit++]!;
  const nextForm = () => `RG${String(++form).padStart(6, '0')}`;
  const customer = (name: string) =>
    buildCustomer(database.db, world.fx.org, {
      projectId: world.fx.org.salesProjectId,
      ownerStaffId: world.fx.consultant.staffId,
      name,
    });
  async function score<F extends SubjectFacts>(check: CheckDefinition<F>, depositId: string, now = start) {
    const [facts] = await dealFactSource.byIds(database.db, [depositId]);
    expect(facts?.id).toBe(depositId);
    return check.evaluate(facts as unknown as F, now);
  }
  /** The consultant asks for a 定金 that nobody confirms or collects yet. */
  async function requestedDeposit(options: { withPlan: boolean }) {
    const { fx } = world;
    const unitId = nextUnit();
    const customerId = await customer('未收客户');
    await holdUnit(database.db, { actor: fx.consultant, unitId, customerId, now: start });
    const plan = options.withPlan
      ? await deals.createPlan(database.db, {
          actor: fx.consultant,
          choices: { customerId, unitId, discounts: [], paymentMethod: 'lump_sum', homeOrder: 'first' },
          now: start,
        })
      : null;
    const deposit = await deals.requestDeposit(database.db, {
      actor: fx.consultant,
      unitId,
      customerId,
      planId: plan?.id ?? null,
      amountFen: 1_000_000,
      note: '',
      now: start,
    });
    return deposit.id;
  }
  /** A collected deposit on an approved agreement: an open transaction file, signed and sealed on the day. */
  async function openFile(name: string, now = start) {
    const { agreementId } = await submittedAgreement(database.db, world, {
      unitId: nextUnit(),
      formNumber: nextForm(),
      customerName: name,
      now,
    });
    const approved = await deals.reviewAgreement(database.db, {
      actor: world.fx.manager,
      agreementId,
      decision: 'approve',
      comment: '',
      now,
    });
    return { fileId: approved.transactionFileId!, depositId: approved.depositId! };
  }
  async function payDownPayment(fileId: string, now: Date) {
    const view = await deals.getTransactionFile(database.db, world.finance, fileId, now);
    const item = view.paymentItems.find((row) => row.kind === 'down_payment')!;
    await deals.recordPayment(database.db, {
      actor: world.finance,
      fileId,
      paymentItemId: item.id,
      amountFen: item.amountFen,
      method: 'transfer',
      payerKind: 'buyer',
      payerName: view.file.customerName,
      statementId: null,
      witness: { username: world.fx.controller.username, password: testPassword },
      idempotencyKey: key(),
      now,
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildDealsFixture(database.db, {
      floors: 4,
      perFloor: 5,
      unitPriceFen: 1_000_000,
      forms: 30,
      now: start,
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('every deal check is in the rulebook once, with its rule', () => {
    const ids = dealChecks.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of dealChecks) expect(check.id.startsWith(`${check.ruleId}.`)).toBe(true);
  });

  it('SA-9 the plan was made on a unit then for sale: met when held for the buyer, missed on a unit held for another, n/a without a plan', async () => {
    const { fx } = world;
    const customerId = await customer('林女士');
    const { depositId } = await takeDeposit(database.db, world, {
      unitId: nextUnit(),
      customerId,
      amountFen: 1_000_000,
      now: start,
    });
    expect((await score(planUnitForSale, depositId)).status).toBe('met');

    // The plan is made for 陈先生 while the unit is held for another customer; the hold is released later.
    const unitId = nextUnit();
    const other = await customer('他人');
    const buyer = await customer('陈先生');
    await holdUnit(database.db, { actor: fx.consultant, unitId, customerId: other, now: start });
    const plan = await deals.createPlan(database.db, {
      actor: fx.consultant,
      choices: { customerId: buyer, unitId, discounts: [], paymentMethod: 'lump_sum', homeOrder: 'first' },
      now: start,
    });
    await releaseHold(database.db, { actor: fx.consultant, unitId, now: start });
    await holdUnit(database.db, { actor: fx.consultant, unitId, customerId: buyer, now: start });
    const deposit = await deals.requestDeposit(database.db, {
      actor: fx.consultant,
      unitId,
      customerId: buyer,
      planId: plan.id,
      amountFen: 1_000_000,
      note: '',
      now: start,
    });
    const outcome = await score(planUnitForSale, deposit.id);
    expect(outcome.status).toBe('missed');
    expect(JSON.stringify(outcome.evidence)).toContain('锁定');

    expect((await score(planUnitForSale, await requestedDeposit({ withPlan: false }))).status).toBe(
      'not_applicable',
    );
  });

  it('SA-9 the plan price is exact: met as computed, missed when the stored total is not what its inputs give, n/a without a plan', async () => {
    const customerId = await customer('周先生');
    const { depositId, planId } = await takeDeposit(database.db, world, {
      unitId: nextUnit(),
      customerId,
      amountFen: 1_000_000,
      now: start,
    });
    expect((await score(planExact, depositId)).status).toBe('met');
    await overwriteDealAsImported(database.db, { depositId, planId, plan: { finalTotalFen: 88_888_801 } });
    expect((await score(planExact, depositId)).status).toBe('missed');
    expect((await score(planExact, await requestedDeposit({ withPlan: false }))).status).toBe(
      'not_applicable',
    );
  });

  it('SA-12 re-verification before the deposit: met when the controller confirmed first, missed when taken without one or confirmed by the deal’s own consultant, n/a before it is taken', async () => {
    const { fx, finance } = world;
    const { depositId } = await takeDeposit(database.db, world, {
      unitId: nextUnit(),
      customerId: await customer('吴女士'),
      amountFen: 1_000_000,
      now: start,
    });
    const met = await score(depositReverified, depositId);
    expect(met.status).toBe('met');
    expect(JSON.stringify(met.evidence)).toContain('李销控');

    // The manager runs the whole deal alone: asks for the deposit and re-verifies it himself.
    const unitId = nextUnit();
    const customerId = await customer('郑先生');
    await holdUnit(database.db, { actor: fx.manager, unitId, customerId, now: start });
    const own = await deals.requestDeposit(database.db, {
      actor: fx.manager,
      unitId,
      customerId,
      amountFen: 1_000_000,
      note: '',
      now: start,
    });
    await deals.confirmDeposit(database.db, { actor: fx.manager, depositId: own.id, now: later(0.001) });
    await deals.collectDeposit(database.db, {
      actor: finance,
      depositId: own.id,
      method: 'transfer',
      witness: { username: fx.controller.username, password: testPassword },
      idempotencyKey: key(),
      now: later(0.002),
    });
    const self = await score(depositReverified, own.id);
    expect(self.status).toBe('missed');
    expect(JSON.stringify(self.evidence)).toContain('reported to nobody');

    // A deposit taken with no re-verification recorded at all (imported from before the step).
    const imported = await takeDeposit(database.db, world, {
      unitId: nextUnit(),
      customerId: await customer('冯女士'),
      amountFen: 1_000_000,
      now: start,
    });
    await overwriteDealAsImported(database.db, {
      depositId: imported.depositId,
      deposit: { confirmedAt: null, confirmedBy: null },
    });
    expect((await score(depositReverified, imported.depositId)).status).toBe('missed');

    expect((await score(depositReverified, await requestedDeposit({ withPlan: true }))).status).toBe(
      'not_applicable',
    );
  });

  it('SA-12 two people at the collection: met with finance and a witness, missed without a distinct second person, n/a before it is taken', async () => {
    const { depositId } = await takeDeposit(database.db, world, {
      unitId: nextUnit(),
      customerId: await customer('钱先生'),
      amountFen: 1_000_000,
      now: start,
    });
    const met = await score(depositTwoPeople, depositId);
    expect(met.status).toBe('met');
    expect(JSON.stringify(met.evidence)).toContain('周出纳');
    await overwriteDealAsImported(database.db, {
      depositId,
      deposit: { witnessId: world.finance.staffId },
    });
    expect((await score(depositTwoPeople, depositId)).status).toBe('missed');
    expect((await score(depositTwoPeople, await requestedDeposit({ withPlan: true }))).status).toBe(
      'not_applicable',
    );
  });

  it('SA-13 review and seal: met when another approved and sealed on the signing day, pending while under review that day, missed when sealed days later, n/a without an agreement', async () => {
    const { depositId } = await openFile('孙先生');
    const met = await score(agreementReviewed, depositId);
    expect(met.status).toBe('met');
    expect(JSON.stringify(met.evidence)).toContain('王经理');

    const { agreementId } = await submittedAgreement(database.db, world, {
      unitId: nextUnit(),
      formNumber: nextForm(),
      customerName: '李女士',
      now: start,
    });
    const [facts] = await dealFactSource
      .changed(database.db, { since: start.toISOString(), afterId: null, limit: 500 })
      .then((rows) => rows.filter((row) => row.links.agreementId === agreementId));
    expect(facts).toBeDefined();
    const waiting = agreementReviewed.evaluate(facts!, start);
    expect(waiting.status).toBe('pending');
    await deals.reviewAgreement(database.db, {
      actor: world.fx.manager,
      agreementId,
      decision: 'approve',
      comment: '',
      now: later(3),
    });
    expect((await score(agreementReviewed, facts!.id, later(3))).status).toBe('missed');

    expect((await score(agreementReviewed, await requestedDeposit({ withPlan: true }))).status).toBe(
      'not_applicable',
    );
  });

  it('SA-15 contract by a certified consultant: met after a passed exam, missed when filled by someone never examined, n/a without a contract', async () => {
    const { fx } = world;
    await deals.recordExam(database.db, {
      actor: fx.manager,
      staffId: fx.consultant.staffId,
      takenOn: '2026-11-01',
      score: 92,
      passMark: 60,
      expiresOn: '2027-11-01',
      note: '',
      now: start,
    });
    const certified = await openFile('何先生');
    await deals.prepareContract(database.db, {
      actor: fx.consultant,
      fileId: certified.fileId,
      contractNumber: 'HT-0001',
      now: later(1),
    });
    expect((await score(contractFilledByCertified, certified.depositId, later(1))).status).toBe('met');

    const byManager = await openFile('高女士');
    await deals.prepareContract(database.db, {
      actor: fx.manager,
      fileId: byManager.fileId,
      contractNumber: 'HT-0002',
      now: later(1),
    });
    expect((await score(contractFilledByCertified, byManager.depositId, later(1))).status).toBe('missed');
    expect((await score(contractFilledByCertified, (await openFile('罗先生')).depositId)).status).toBe(
      'not_applicable',
    );
  });

  it('SA-19 follow-through to the down payment: met when one consultant ran it to the payment, pending before, missed when another took a step, n/a without a file', async () => {
    const { fx, finance } = world;
    const { fileId, depositId } = await openFile('马先生');
    expect((await score(consultantFollowThrough, depositId)).status).toBe('pending');
    await payDownPayment(fileId, later(5));
    expect((await score(consultantFollowThrough, depositId, later(5))).status).toBe('met');

    // The manager asked for the deposit on the consultant's plan; the consultant made the agreement.
    const unitId = nextUnit();
    const customerId = await customer('宋女士');
    await holdUnit(database.db, { actor: fx.consultant, unitId, customerId, now: start });
    const plan = await deals.createPlan(database.db, {
      actor: fx.consultant,
      choices: { customerId, unitId, discounts: [], paymentMethod: 'lump_sum', homeOrder: 'first' },
      now: start,
    });
    const deposit = await deals.requestDeposit(database.db, {
      actor: fx.manager,
      unitId,
      customerId,
      planId: plan.id,
      amountFen: 1_000_000,
      note: '',
      now: start,
    });
    await deals.confirmDeposit(database.db, { actor: fx.controller, depositId: deposit.id, now: start });
    await deals.collectDeposit(database.db, {
      actor: finance,
      depositId: deposit.id,
      method: 'transfer',
      witness: { username: fx.controller.username, password: testPassword },
      idempotencyKey: key(),
      now: start,
    });
    const { agreementId } = await draftAgreement(database.db, world, {
      planId: plan.id,
      formNumber: nextForm(),
      buyerName: '宋女士',
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
    await payDownPayment(approved.transactionFileId!, later(5));
    expect((await score(consultantFollowThrough, deposit.id, later(5))).status).toBe('missed');

    expect((await score(consultantFollowThrough, await requestedDeposit({ withPlan: true }))).status).toBe(
      'not_applicable',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { testPassword } from '../../../testing/factories.js';
import { dealFactSource } from '../../deals/index.js';
import {
  deals,
  draftAgreement,
  overwriteDealAsImported,
  submittedAgreement,
  takeDeposit,
} from '../../deals/testing/index.js';
import { holdUnit, releaseHold } from '../../inventory/index.js';
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
import {
  idempotencyKey as key,
  daysAfterStart as later,
  openDealOffice,
  dealStart as start,
} from './deal-checks.testing.js';

describe('deal checks on deals recorded through the deals use cases', () => {
  const office = openDealOffice({ units: 24, forms: 30 });
  const { nextUnit, nextForm, customer, openFile, payDownPayment, score } = office;
  /** The consultant asks for a 定金 that nobody confirms or collects yet. */
  async function requestedDeposit(options: { withPlan: boolean }) {
    const { fx } = office.world;
    const unitId = nextUnit();
    const customerId = await customer('未收客户');
    await holdUnit(office.db, { actor: fx.consultant, unitId, customerId, now: start });
    const plan = options.withPlan
      ? await deals.createPlan(office.db, {
          actor: fx.consultant,
          choices: { customerId, unitId, discounts: [], paymentMethod: 'lump_sum', homeOrder: 'first' },
          now: start,
        })
      : null;
    const deposit = await deals.requestDeposit(office.db, {
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

  it('every deal check is in the rulebook once, with its rule', () => {
    const ids = dealChecks.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of dealChecks) expect(check.id.startsWith(`${check.ruleId}.`)).toBe(true);
  });

  it('SA-9 the plan was made on a unit then for sale: met when held for the buyer, missed on a unit held for another, n/a without a plan', async () => {
    const { fx } = office.world;
    const customerId = await customer('林女士');
    const { depositId } = await takeDeposit(office.db, office.world, {
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
    await holdUnit(office.db, { actor: fx.consultant, unitId, customerId: other, now: start });
    const plan = await deals.createPlan(office.db, {
      actor: fx.consultant,
      choices: { customerId: buyer, unitId, discounts: [], paymentMethod: 'lump_sum', homeOrder: 'first' },
      now: start,
    });
    await releaseHold(office.db, { actor: fx.consultant, unitId, now: start });
    await holdUnit(office.db, { actor: fx.consultant, unitId, customerId: buyer, now: start });
    const deposit = await deals.requestDeposit(office.db, {
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
    const { depositId, planId } = await takeDeposit(office.db, office.world, {
      unitId: nextUnit(),
      customerId,
      amountFen: 1_000_000,
      now: start,
    });
    expect((await score(planExact, depositId)).status).toBe('met');
    await overwriteDealAsImported(office.db, { depositId, planId, plan: { finalTotalFen: 88_888_801 } });
    expect((await score(planExact, depositId)).status).toBe('missed');
    expect((await score(planExact, await requestedDeposit({ withPlan: false }))).status).toBe(
      'not_applicable',
    );
  });

  it('SA-12 re-verification before the deposit: met when the controller confirmed first, missed when taken without one or confirmed by the deal’s own consultant, n/a before it is taken', async () => {
    const { fx, finance } = office.world;
    const { depositId } = await takeDeposit(office.db, office.world, {
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
    await holdUnit(office.db, { actor: fx.manager, unitId, customerId, now: start });
    const own = await deals.requestDeposit(office.db, {
      actor: fx.manager,
      unitId,
      customerId,
      amountFen: 1_000_000,
      note: '',
      now: start,
    });
    await deals.confirmDeposit(office.db, { actor: fx.manager, depositId: own.id, now: later(0.001) });
    await deals.collectDeposit(office.db, {
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
    const imported = await takeDeposit(office.db, office.world, {
      unitId: nextUnit(),
      customerId: await customer('冯女士'),
      amountFen: 1_000_000,
      now: start,
    });
    await overwriteDealAsImported(office.db, {
      depositId: imported.depositId,
      deposit: { confirmedAt: null, confirmedBy: null },
    });
    expect((await score(depositReverified, imported.depositId)).status).toBe('missed');

    expect((await score(depositReverified, await requestedDeposit({ withPlan: true }))).status).toBe(
      'not_applicable',
    );
  });

  it('SA-12 two people at the collection: met with finance and a witness, missed without a distinct second person, n/a before it is taken', async () => {
    const { depositId } = await takeDeposit(office.db, office.world, {
      unitId: nextUnit(),
      customerId: await customer('钱先生'),
      amountFen: 1_000_000,
      now: start,
    });
    const met = await score(depositTwoPeople, depositId);
    expect(met.status).toBe('met');
    expect(JSON.stringify(met.evidence)).toContain('周出纳');
    await overwriteDealAsImported(office.db, {
      depositId,
      deposit: { witnessId: office.world.finance.staffId },
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

    const { agreementId } = await submittedAgreement(office.db, office.world, {
      unitId: nextUnit(),
      formNumber: nextForm(),
      customerName: '李女士',
      now: start,
    });
    const [facts] = await dealFactSource
      .changed(office.db, { since: start.toISOString(), afterId: null, limit: 500 })
      .then((rows) => rows.filter((row) => row.links.agreementId === agreementId));
    expect(facts).toBeDefined();
    const waiting = agreementReviewed.evaluate(facts!, start);
    expect(waiting.status).toBe('pending');
    await deals.reviewAgreement(office.db, {
      actor: office.world.fx.manager,
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
    const { fx } = office.world;
    await deals.recordExam(office.db, {
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
    await deals.prepareContract(office.db, {
      actor: fx.consultant,
      fileId: certified.fileId,
      contractNumber: 'HT-0001',
      now: later(1),
    });
    expect((await score(contractFilledByCertified, certified.depositId, later(1))).status).toBe('met');

    const byManager = await openFile('高女士');
    await deals.prepareContract(office.db, {
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
    const { fx, finance } = office.world;
    const { fileId, depositId } = await openFile('马先生');
    expect((await score(consultantFollowThrough, depositId)).status).toBe('pending');
    await payDownPayment(fileId, later(5));
    expect((await score(consultantFollowThrough, depositId, later(5))).status).toBe('met');

    // The manager asked for the deposit on the consultant's plan; the consultant made the agreement.
    const unitId = nextUnit();
    const customerId = await customer('宋女士');
    await holdUnit(office.db, { actor: fx.consultant, unitId, customerId, now: start });
    const plan = await deals.createPlan(office.db, {
      actor: fx.consultant,
      choices: { customerId, unitId, discounts: [], paymentMethod: 'lump_sum', homeOrder: 'first' },
      now: start,
    });
    const deposit = await deals.requestDeposit(office.db, {
      actor: fx.manager,
      unitId,
      customerId,
      planId: plan.id,
      amountFen: 1_000_000,
      note: '',
      now: start,
    });
    await deals.confirmDeposit(office.db, { actor: fx.controller, depositId: deposit.id, now: start });
    await deals.collectDeposit(office.db, {
      actor: finance,
      depositId: deposit.id,
      method: 'transfer',
      witness: { username: fx.controller.username, password: testPassword },
      idempotencyKey: key(),
      now: start,
    });
    const { agreementId } = await draftAgreement(office.db, office.world, {
      planId: plan.id,
      formNumber: nextForm(),
      buyerName: '宋女士',
      idNumber: '11010519491231002X',
      now: start,
    });
    await deals.submitAgreement(office.db, { actor: fx.consultant, agreementId, now: start });
    const approved = await deals.reviewAgreement(office.db, {
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

  it('SA-19 a change of consultant covered by a hand-over: met with the hand-over as evidence; a later change not handed over is missed', async () => {
    const { fx } = office.world;
    const { fileId, depositId } = await openFile('韩先生');
    await deals.handOverDeal(office.db, {
      actor: fx.manager,
      fileId,
      toConsultantId: fx.consultant2.staffId,
      reason: '张顾问休产假',
      now: later(1),
    });
    await payDownPayment(fileId, later(5));
    const handedOver = await score(consultantFollowThrough, depositId, later(5));
    expect(handedOver.status).toBe('met');
    const shown = JSON.stringify(handedOver.evidence);
    expect(shown).toContain('张顾问 → 刘顾问');
    expect(shown).toContain('张顾问休产假');

    // Handed to 刘顾问, but the file ends up with someone else without a hand-over (an import).
    const moved = await openFile('魏女士');
    await deals.handOverDeal(office.db, {
      actor: fx.manager,
      fileId: moved.fileId,
      toConsultantId: fx.consultant2.staffId,
      reason: '调岗',
      now: later(1),
    });
    await office.db
      .updateTable('dealTransactionFiles')
      .set({ consultantId: fx.manager.staffId })
      .where('id', '=', moved.fileId)
      .execute();
    await payDownPayment(moved.fileId, later(5));
    const uncovered = await score(consultantFollowThrough, moved.depositId, later(5));
    expect(uncovered.status).toBe('missed');
    expect(JSON.stringify(uncovered.evidence)).toContain('no hand-over recorded');
  });
});

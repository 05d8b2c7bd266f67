import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import { testPassword } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { verifyAuditChain } from '../audit/index.js';
import { getUnitAt, holdUnit } from '../inventory/index.js';
import { buildCustomer, type InventoryFixture } from '../inventory/testing/index.js';
import { decryptText, forgetDataKeys } from './deals.crypto.js';
import { claimReceiptNumber } from './deals.queries.js';
import * as deals from './deals.service.js';
import {
  buildDealsFixture,
  agreementInput as fixtureAgreementInput,
  testPng as png,
} from './testing/deal-fixture.js';
import { pdfText } from './testing/pdf-text.js';
import type { AgreementInput } from './use-cases/agreements.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

const now = new Date('2026-11-28T02:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const pdfBytes = Buffer.from('%PDF-1.4\n% signed statement\n');

async function expectRefused(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('deals: plans, deposits, agreements, payments, contract', () => {
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

  /** "Nothing changed": every change writes its audit row, so a refusal leaves the count as it was. */
  const auditCount = async () =>
    Number(
      (
        await database.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** SA-12 up to the re-verification: the unit held for the customer, a 定金 asked for and confirmed. */
  async function confirmedDeposit(unitId: string, customerId: string, amountFen: number, confirmer: Actor) {
    const { db } = database;
    await holdUnit(db, { actor: fx.consultant, unitId, customerId, now });
    const deposit = await deals.requestDeposit(db, {
      actor: fx.consultant,
      unitId,
      customerId,
      amountFen,
      note: '',
      now,
    });
    await deals.confirmDeposit(db, { actor: confirmer, depositId: deposit.id, now });
    return deposit;
  }

  const formStatus = async (number: string) =>
    (
      await database.db
        .selectFrom('dealForms')
        .select('status')
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).status;

  /** The newest plan the consultant made for a unit. */
  const latestPlanId = async (unitId: string) =>
    (
      await deals.findPlans(database.db, fx.consultant, {
        unitId,
        sort: 'updatedAt',
        order: 'desc',
        offset: 0,
        limit: 5,
      })
    ).rows[0].id;

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

  it('SA-13 accounts for every numbered form: in stock, out, used, voided with reason', async () => {
    const { db } = database;
    await deals.issueFormBatch(db, {
      actor: fx.manager,
      projectId: projectId(),
      prefix: 'RG',
      firstSerial: 1,
      lastSerial: 20,
      width: 6,
      note: '第一批',
      now,
    });
    await expectRefused(
      deals.issueFormBatch(db, {
        actor: fx.manager,
        projectId: projectId(),
        prefix: 'RG',
        firstSerial: 15,
        lastSerial: 30,
        width: 6,
        note: '',
        now,
      }),
      'FORM_RANGE_OVERLAP',
    );
    const forms = await deals.findForms(db, { actor: fx.consultant, projectId: projectId() });
    await deals.checkOutForm(db, { actor: fx.consultant, formId: forms[1].id, now });
    await deals.voidForm(db, { actor: fx.consultant, formId: forms[2].id, reason: '填写错误撕毁', now });
    await expectRefused(
      deals.voidForm(db, { actor: fx.consultant, formId: forms[2].id, reason: 'again', now }),
      'FORM_NOT_AVAILABLE',
    );
    const report = await deals.formReport(db, { actor: fx.manager, projectId: projectId() });
    expect(report.batches[0]).toMatchObject({
      total: 20,
      inStock: 18,
      checkedOut: 1,
      voided: 1,
      used: 0,
      missingSerials: [],
    });
    expect(report.unaccounted).toEqual([
      expect.objectContaining({ number: 'RG000002', reason: 'checked_out', holderId: fx.consultant.staffId }),
    ]);
    expect(report.voided[0]).toMatchObject({ number: 'RG000003', reason: '填写错误撕毁' });
  });

  let agreementId = '';
  let idCopy = '';
  const agreementInput = (idNumber: string): AgreementInput =>
    fixtureAgreementInput({ buyerName: '陈先生', idNumber, idCopyFileId: idCopy });

  it('SA-13 PRIV refuses an ID copy above the size limit, whatever its type, storing nothing', async () => {
    const { db } = database;
    const limitKilobytes = 5_000;
    const oversized = Buffer.concat([png, Buffer.alloc(limitKilobytes * 1024 + 1 - png.length)]);
    const error = await expectRefused(
      deals.uploadDealFile(db, {
        actor: fx.consultant,
        projectId: projectId(),
        kind: 'id_copy',
        fileName: 'big.png',
        bytes: oversized,
        now,
      }),
      'FILE_TOO_LARGE',
    );
    expect(error.userMessage('zh-CN')).toContain('5000 KB');
    expect(await db.selectFrom('dealFiles').selectAll().execute()).toHaveLength(0);
  });

  it('SA-13 refuses an invalid ID number (GB 11643) and an ID copy that is not an image or PDF, changing nothing', async () => {
    const { db } = database;
    await expectRefused(
      deals.uploadDealFile(db, {
        actor: fx.consultant,
        projectId: projectId(),
        kind: 'id_copy',
        fileName: 'id.png',
        bytes: Buffer.from('MZ not an image'),
        now,
      }),
      'FILE_TYPE_NOT_ALLOWED',
    );
    idCopy = (
      await deals.uploadDealFile(db, {
        actor: fx.consultant,
        projectId: projectId(),
        kind: 'id_copy',
        fileName: '身份证.png',
        bytes: png,
        now,
      })
    ).id;
    const planId = await latestPlanId(fx.unitIds[0]);
    const error = await expectRefused(
      deals.createAgreement(db, {
        actor: fx.consultant,
        planId,
        formNumber: 'RG000001',
        input: agreementInput('110105194912310021'),
        now,
      }),
      'ID_NUMBER_INVALID',
    );
    expect(error.fields?.['buyers.0.idNumber'].en).toContain('GB 11643');
    expect(await db.selectFrom('dealAgreements').selectAll().execute()).toHaveLength(0);
    expect(await formStatus('RG000001')).toBe('in_stock');
  });

  it('SA-13 keeps ID numbers encrypted at rest and masked on screen', async () => {
    const { db } = database;
    const planId = await latestPlanId(fx.unitIds[0]);
    const agreement = await deals.createAgreement(db, {
      actor: fx.consultant,
      planId,
      formNumber: 'RG000001',
      input: agreementInput('11010519491231002X'),
      now,
    });
    agreementId = agreement.id;
    expect(agreement.buyers[0].idNumberMasked).toBe('1101**********002X');
    expect(JSON.stringify(agreement)).not.toContain('11010519491231002X');
    const stored = await db
      .selectFrom('dealAgreementBuyers')
      .selectAll()
      .where('agreementId', '=', agreementId)
      .executeTakeFirstOrThrow();
    expect(stored.idNumberEnc.startsWith('v1:')).toBe(true);
    expect(stored.idNumberEnc).not.toContain('1949');
    expect(decryptText(stored.idNumberEnc)).toBe('11010519491231002X');
    const file = await db
      .selectFrom('dealFiles')
      .selectAll()
      .where('id', '=', idCopy)
      .executeTakeFirstOrThrow();
    expect(file.contentEnc).not.toContain(png.toString('base64').slice(0, 20));
    expect(
      (await deals.readDealFile(db, { actor: fx.consultant, fileId: idCopy, now })).bytes.equals(png),
    ).toBe(true);
    // PRIV: opening an ID copy is an access to sensitive data, and it is in the audit log.
    expect(
      await db
        .selectFrom('auditLog')
        .select(['action', 'actorId'])
        .where('entityType', '=', 'deal_file')
        .where('entityId', '=', idCopy)
        .where('action', '=', 'view')
        .execute(),
    ).toEqual([{ action: 'view', actorId: fx.consultant.staffId }]);
    expect(await formStatus('RG000001')).toBe('used');
  });

  it('SA-13 PRIV refuses to submit without the separate ID-copy consent, or an agent without the notarised authorisation; changing nothing', async () => {
    const { db } = database;
    const withoutConsent = agreementInput('11010519491231002X');
    withoutConsent.buyers[0].hasIdCopyConsent = false;
    await deals.updateAgreement(db, {
      actor: fx.consultant,
      agreementId,
      input: withoutConsent,
      now: later(5),
    });
    const auditBefore = await auditCount();
    const noConsent = await expectRefused(
      deals.submitAgreement(db, { actor: fx.consultant, agreementId, now: later(6) }),
      'ID_COPY_REQUIRED',
    );
    expect(Object.keys(noConsent.fields ?? {})).toEqual(['buyers.0.idCopyFileId']);

    const agentInput = (notarialNumber: string, notarialFileId: string | null): AgreementInput => ({
      ...agreementInput('11010519491231002X'),
      signerKind: 'agent',
      signerBuyerIndex: null,
      agent: {
        name: '陈代理',
        idType: 'resident_id',
        idNumber: '440304198511201235',
        notarialNumber,
        notarialFileId,
      },
    });
    await expectRefused(
      deals.updateAgreement(db, {
        actor: fx.consultant,
        agreementId,
        input: {
          ...agentInput('', null),
          agent: { ...agentInput('', null).agent!, idNumber: '440304198511201234' },
        },
        now: later(6),
      }),
      'ID_NUMBER_INVALID',
    );
    await deals.updateAgreement(db, {
      actor: fx.consultant,
      agreementId,
      input: agentInput('', null),
      now: later(7),
    });
    const auditAfterUpdate = await auditCount();
    const noAuthorisation = await expectRefused(
      deals.submitAgreement(db, { actor: fx.consultant, agreementId, now: later(8) }),
      'AGENT_AUTHORISATION_REQUIRED',
    );
    expect(Object.keys(noAuthorisation.fields ?? {})).toEqual(['agent.notarialFileId']);
    expect(await auditCount()).toBe(auditAfterUpdate);
    expect(auditAfterUpdate).toBe(auditBefore + 1);
    expect((await deals.getAgreementById(db, fx.consultant, agreementId)).status).toBe('draft');

    const authorisation = await deals.uploadDealFile(db, {
      actor: fx.consultant,
      projectId: projectId(),
      kind: 'notarised_authorisation',
      fileName: '委托书.pdf',
      bytes: pdfBytes,
      now: later(9),
    });
    const agreement = await deals.updateAgreement(db, {
      actor: fx.consultant,
      agreementId,
      input: agentInput('(2026)京中信证字第01234号', authorisation.id),
      now: later(9),
    });
    expect(agreement).toMatchObject({
      signerKind: 'agent',
      agentName: '陈代理',
      agentIdNumberMasked: '4403**********1235',
      notarialNumber: '(2026)京中信证字第01234号',
      notarialFileId: authorisation.id,
    });
    expect(agreement.buyers[0].idCopyConsentAt).not.toBeNull();
    expect(JSON.stringify(agreement)).not.toContain('440304198511201235');
  });

  it('SA-13 refuses the author reviewing their own agreement', async () => {
    const { db } = database;
    await deals.submitAgreement(db, { actor: fx.consultant, agreementId, now: later(10) });
    const auditBefore = await auditCount();
    await expectRefused(
      deals.reviewAgreement(db, {
        actor: fx.consultant,
        agreementId,
        decision: 'approve',
        comment: '',
        now: later(11),
      }),
      'SELF_REVIEW',
    );
    await expectRefused(
      deals.reviewAgreement(db, {
        actor: fx.controller,
        agreementId,
        decision: 'approve',
        comment: '',
        now: later(11),
      }),
      'NOT_REVIEWER',
    );
    expect((await getUnitAt(db, fx.manager, fx.unitIds[0], now)).status).toBe('deposited');
    expect(await db.selectFrom('dealTransactionFiles').selectAll().execute()).toHaveLength(0);
    expect((await deals.getAgreementById(db, fx.manager, agreementId)).status).toBe('submitted');
    expect(await auditCount()).toBe(auditBefore);
  });

  let fileId = '';

  it('SA-13 SA-14 approval seals the unit, opens the transaction file and queues the down-payment reminders', async () => {
    const { db } = database;
    const approved = await deals.reviewAgreement(db, {
      actor: fx.manager,
      agreementId,
      decision: 'approve',
      comment: '资料齐全',
      now: later(12),
    });
    expect(approved.status).toBe('approved');
    expect((await getUnitAt(db, fx.manager, fx.unitIds[0], now)).status).toBe('subscribed');
    fileId = approved.transactionFileId!;
    const file = await deals.getTransactionFile(db, fx.consultant, fileId, later(12));
    expect(file.paymentItems[0]).toMatchObject({
      kind: 'down_payment',
      dueOn: '2026-12-20',
      amountFen: file.plan!.result.downPaymentFen - 5_000_000,
    });
    const reminders = file.reminders.map((row) => [row.kind, row.sendAt]);
    expect(reminders).toEqual(
      expect.arrayContaining([
        ['down_payment_buyer', '2026-12-15T01:00:00.000Z'],
        ['down_payment_buyer', '2026-12-18T01:00:00.000Z'],
        ['down_payment_consultant', '2026-12-15T01:00:00.000Z'],
        // Due on Sunday 20 December: unpaid, the managers hear at 09:00 on Monday, the next working day.
        ['down_payment_overdue', '2026-12-21T01:00:00.000Z'],
      ]),
    );
    expect(file.tasks[0].checklist.map((item: { key: string }) => item.key)).toContain('income');
    const jobs = await db
      .selectFrom('jobs')
      .select(['kind', 'runAt', 'dedupeKey'])
      .where('dedupeKey', 'like', `%${fileId}%`)
      .execute();
    expect(jobs.length).toBeGreaterThanOrEqual(4);
    expect(
      await db.selectFrom('jobs').select('id').where('dedupeKey', 'like', '%deal-item%').execute(),
    ).toHaveLength(1);
    expect(file.audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['create', 'collect', 'submit', 'approve', 'open']),
    );
  });

  it('SA-15 refuses an uncertified consultant at the contract step, then lets them in after passing the exam', async () => {
    const { db } = database;
    const auditBefore = await auditCount();
    await expectRefused(
      deals.prepareContract(db, {
        actor: fx.consultant,
        fileId,
        contractNumber: 'HT-2026-001',
        now: later(20),
      }),
      'CONSULTANT_NOT_CERTIFIED',
    );
    expect(await auditCount()).toBe(auditBefore);
    await deals.recordExam(db, {
      actor: fx.manager,
      staffId: fx.consultant.staffId,
      takenOn: '2026-11-01',
      score: 70,
      passMark: 80,
      expiresOn: '2027-10-31',
      note: '',
      now,
    });
    await expectRefused(
      deals.prepareContract(db, {
        actor: fx.consultant,
        fileId,
        contractNumber: 'HT-2026-001',
        now: later(20),
      }),
      'CONSULTANT_NOT_CERTIFIED',
    );
    expect(await db.selectFrom('dealContracts').selectAll().execute()).toHaveLength(0);
    await deals.recordExam(db, {
      actor: fx.manager,
      staffId: fx.consultant.staffId,
      takenOn: '2026-11-15',
      score: 92,
      passMark: 80,
      expiresOn: '2027-11-14',
      note: '补考',
      now,
    });
    const contract = await deals.prepareContract(db, {
      actor: fx.consultant,
      fileId,
      contractNumber: 'HT-2026-001',
      now: later(21),
    });
    expect(contract.prefill).toMatchObject({ unitNumber: '1栋-101', agreementFormNumber: 'RG000001' });
    expect(contract.checklist.map((item) => item.key)).toEqual([
      'idCard',
      'hukou',
      'marriage',
      'agreement',
      'income',
      'bankStatement',
      'credit',
    ]);
  });

  it('SA-15 refuses a third-party payment without its signed statement; accepts it with one', async () => {
    const { db } = database;
    const file = await deals.getTransactionFile(db, finance, fileId, later(30));
    const item = file.paymentItems[0];
    const pay = (overrides: Partial<deals.RecordPaymentInput> = {}) =>
      deals.recordPayment(db, {
        actor: finance,
        fileId,
        paymentItemId: item.id,
        amountFen: 10_000_000,
        method: 'transfer',
        payerKind: 'third_party',
        payerName: '陈父',
        statementId: null,
        witness: { username: fx.controller.username, password: testPassword },
        idempotencyKey: randomBytes(8).toString('hex'),
        now: later(30),
        ...overrides,
      });
    const receiptsBefore = (await db.selectFrom('dealReceipts').select('id').execute()).length;
    const auditBefore = await auditCount();
    await expectRefused(pay(), 'THIRD_PARTY_STATEMENT_REQUIRED');
    expect(await auditCount()).toBe(auditBefore);
    const statement = await deals.createThirdPartyStatement(db, {
      actor: fx.consultant,
      fileId,
      payerName: '陈父',
      payerIdType: 'resident_id',
      payerIdNumber: '11010519491231002X',
      amountFen: 10_000_000,
      now: later(30),
    });
    expect(statement.statementText).toBe('本人陈父自愿替陈先生交款,金额为100,000.00元(大写:壹拾万元整)。');
    await expectRefused(pay({ statementId: statement.id }), 'THIRD_PARTY_STATEMENT_REQUIRED');
    expect(await db.selectFrom('dealPayments').selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom('dealReceipts').select('id').execute()).toHaveLength(receiptsBefore);
    expect((await deals.getTransactionFile(db, finance, fileId, later(30))).paymentItems[0].paidFen).toBe(0);
    const signed = await deals.uploadDealFile(db, {
      actor: fx.consultant,
      projectId: projectId(),
      kind: 'signed_statement',
      fileName: '声明.pdf',
      bytes: pdfBytes,
      now: later(31),
    });
    await deals.attachSignedStatement(db, {
      actor: fx.consultant,
      statementId: statement.id,
      fileId: signed.id,
      now: later(31),
    });
    await expectRefused(pay({ statementId: statement.id, amountFen: 9_000_000 }), 'STATEMENT_MISMATCH');
    const paid = await pay({ statementId: statement.id });
    expect(paid.receipt.payerName).toBe('陈父');
  });

  it('SA-14 SA-19 paying the down payment in full withdraws its reminders; responsibility ends with contract and documents', async () => {
    const { db } = database;
    const before = await deals.getTransactionFile(db, finance, fileId, later(40));
    const item = before.paymentItems[0];
    await deals.recordPayment(db, {
      actor: finance,
      fileId,
      paymentItemId: item.id,
      amountFen: item.amountFen - item.paidFen,
      method: 'transfer',
      payerKind: 'buyer',
      payerName: '陈先生',
      statementId: null,
      witness: { username: fx.manager.username, password: testPassword },
      idempotencyKey: 'dp-final',
      now: later(40),
    });
    const after = await deals.getTransactionFile(db, fx.consultant, fileId, later(41));
    expect(after.paymentItems[0].status).toBe('paid');
    expect(
      after.reminders
        .filter((row) => row.kind.startsWith('down_payment'))
        .every((row) => row.status === 'cancelled'),
    ).toBe(true);
    expect(
      await db.selectFrom('jobs').select('status').where('cancelledKey', 'like', '%deal-item%').execute(),
    ).toHaveLength(1);
    expect(after.responsibility.endsAt).toBeNull();
    await deals.signContract(db, { actor: fx.consultant, fileId, signedOn: '2026-11-28', now: later(42) });
    expect((await getUnitAt(db, fx.manager, fx.unitIds[0], now)).status).toBe('contracted');
    await deals.updateChecklist(db, {
      actor: fx.consultant,
      fileId,
      doneKeys: ['idCard', 'hukou', 'marriage', 'agreement', 'income', 'bankStatement', 'credit'],
      now: later(43),
    });
    const done = await deals.getTransactionFile(db, fx.consultant, fileId, later(43));
    expect(done.responsibility.endsAt).toBe(later(43).toISOString());
  });

  it('SA-16 SA-17 mortgage notices 7, 3 and 1 day before; move-in task, notice and congratulation', async () => {
    const { db } = database;
    const appointment = await deals.scheduleMortgageAppointment(db, {
      actor: fx.consultant,
      fileId,
      bank: '建设银行',
      place: '售楼处二楼',
      appointmentAt: new Date('2026-12-22T02:00:00.000Z'),
      documents: ['身份证', '户口本'],
      now: later(50),
    });
    const file = await deals.getTransactionFile(db, fx.consultant, fileId, later(50));
    // T-3 is Saturday 19 December, a rest day: on working days it goes out on Friday 18 December.
    expect(file.reminders.filter((row) => row.kind === 'mortgage_notice').map((row) => row.sendAt)).toEqual([
      '2026-12-15T02:00:00.000Z',
      '2026-12-18T02:00:00.000Z',
      '2026-12-21T02:00:00.000Z',
    ]);
    await deals.recordMortgageOutcome(db, {
      actor: fx.consultant,
      appointmentId: appointment!.id,
      status: 'completed',
      note: '资料已递交',
      approvedAmountFen: 124_000_000,
      now: later(60),
    });
    const moveIn = await deals.scheduleMoveIn(db, {
      actor: fx.consultant,
      fileId,
      appointmentAt: new Date('2027-06-01T01:30:00.000Z'),
      place: '物业服务中心',
      propertyOfficeContact: '物业前台',
      propertyOfficePhone: '0755-88880000',
      congratulationMessage: '恭喜乔迁新居!',
      now: later(70),
    });
    await deals.completeMoveIn(db, {
      actor: fx.consultant,
      moveInId: moveIn!.id,
      now: new Date('2027-06-01T03:00:00.000Z'),
    });
    const final = await deals.getTransactionFile(db, fx.consultant, fileId, later(80));
    expect(final.file.status).toBe('completed');
    expect(final.reminders.map((row) => row.kind)).toEqual(
      expect.arrayContaining(['move_in_consultant', 'move_in_customer', 'congratulation']),
    );
    const pdf = pdfText(
      (await deals.transactionFilePdf(db, { actor: fx.manager, fileId, now: later(90) })).bytes,
    );
    expect(pdf).toContain('成交档案');
    expect(pdf).toContain('优惠1%：减');
    expect(pdf).toContain('RG000001');
    expect(pdf).toContain('SJ00000001');
    expect(pdf).not.toContain('11010519491231002X');
    expect(pdf).not.toContain('440304198511201235');
    expect(pdf).toContain('(2026)京中信证字第01234号');
    expect(pdf).toContain('恭喜乔迁新居!');
    expect(pdf).toContain('0755-88880000');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

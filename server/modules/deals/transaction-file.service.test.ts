import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { testPassword } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { verifyAuditChain } from '../audit/index.js';
import { getUnitAt } from '../inventory/index.js';
import type { InventoryFixture } from '../inventory/testing/index.js';
import { forgetDataKeys } from './deals.crypto.js';
import * as deals from './deals.service.js';
import { buildDealsFixture, submittedAgreement } from './testing/deal-fixture.js';
import { pdfText } from './testing/pdf-text.js';
import { countAuditRows, expectRefused } from './testing/refusals.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

const now = new Date('2026-11-28T02:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const pdfBytes = Buffer.from('%PDF-1.4\n% signed statement\n');

/**
 * After the agreement is approved: the contract step, payments, responsibility, mortgage and
 * move-in of one transaction file (SA-14 … SA-19), on a deal made by the fixture (优惠1%, a
 * commercial loan with 30 % down, approved by the project manager).
 */
describe('deals: the transaction file after approval', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  let finance: Actor & { username: string };
  let fileId = '';
  const projectId = () => fx.org.salesProjectId;
  const auditCount = () => countAuditRows(database.db);

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    const world = await buildDealsFixture(db, {
      floors: 1,
      perFloor: 2,
      unitPriceFen: 2_000_000,
      forms: 2,
      now,
    });
    ({ fx, finance } = world);
    // Signed by an agent with a notarised authorisation, as the printed file then shows.
    const authorisation = await deals.uploadDealFile(db, {
      actor: fx.consultant,
      projectId: projectId(),
      kind: 'notarised_authorisation',
      fileName: '委托书.pdf',
      bytes: pdfBytes,
      now,
    });
    const { agreementId } = await submittedAgreement(db, world, {
      unitId: fx.unitIds[0],
      formNumber: 'RG000001',
      customerName: '陈先生',
      plan: {
        discounts: [{ kind: 'percent', label: '开盘优惠', percent: '1' }],
        paymentMethod: 'commercial_loan',
        downPaymentPercent: '30',
        commercial: { annualRatePercent: '3.1', termMonths: 360, repayment: 'equal_instalment' },
      },
      input: {
        signerKind: 'agent',
        signerBuyerIndex: null,
        agent: {
          name: '陈代理',
          idType: 'resident_id',
          idNumber: '440304198511201235',
          notarialNumber: '(2026)京中信证字第01234号',
          notarialFileId: authorisation.id,
        },
      },
      now,
    });
    const approved = await deals.reviewAgreement(db, {
      actor: fx.manager,
      agreementId,
      decision: 'approve',
      comment: '资料齐全',
      now: later(12),
    });
    fileId = approved.transactionFileId!;
  });
  afterAll(async () => {
    await database.drop();
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

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { getUnitAt } from '../inventory/index.js';
import { buildCustomer, type InventoryFixture } from '../inventory/testing/index.js';
import { decryptText, forgetDataKeys } from './deals.crypto.js';
import * as deals from './deals.service.js';
import {
  buildDealsFixture,
  agreementInput as fixtureAgreementInput,
  testPng as png,
  takeDeposit,
} from './testing/deal-fixture.js';
import { countAuditRows, expectRefused, newestPlanId } from './testing/refusals.js';
import type { AgreementInput } from './use-cases/agreements.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

const now = new Date('2026-11-28T02:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const pdfBytes = Buffer.from('%PDF-1.4\n% signed statement\n');

/** SA-13: numbered forms and agreements, on a unit whose deposit (定金 5,000 yuan) was collected for its plan. */
describe('deals: forms and agreements', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  const projectId = () => fx.org.salesProjectId;
  const auditCount = () => countAuditRows(database.db);
  const latestPlanId = (unitId: string) => newestPlanId(database.db, fx.consultant, unitId);

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    // 20,000 yuan per m² × 89.50 m² = 1,790,000 yuan list price.
    const world = await buildDealsFixture(db, { floors: 3, perFloor: 2, unitPriceFen: 2_000_000, now });
    fx = world.fx;
    const customerId = await buildCustomer(db, fx.org, {
      projectId: projectId(),
      ownerStaffId: fx.consultant.staffId,
      name: '陈先生',
    });
    await takeDeposit(db, world, {
      unitId: fx.unitIds[0],
      customerId,
      amountFen: 5_000_000,
      plan: {
        discounts: [{ kind: 'percent', label: '开盘优惠', percent: '1' }],
        paymentMethod: 'commercial_loan',
        downPaymentPercent: '30',
        commercial: { annualRatePercent: '3.1', termMonths: 360, repayment: 'equal_instalment' },
      },
      now,
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  const formStatus = async (number: string) =>
    (
      await database.db
        .selectFrom('dealForms')
        .select('status')
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).status;

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
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { verifyAuditChain } from '../audit/index.js';
import { buildCustomer } from '../inventory/testing/index.js';
import { forgetDataKeys } from './deals.crypto.js';
import * as deals from './deals.service.js';
import {
  buildDealsFixture,
  type DealsFixture,
  agreementInput as filledIn,
  takeDeposit,
  testPng,
} from './testing/deal-fixture.js';
import type { AgreementInput } from './use-cases/agreements.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

const now = new Date('2026-11-28T02:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const goodId = '11010519491231002X';

async function refusal(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

/**
 * SA-13 numbered-form custody when a submit is refused: the draft keeps its form number and what
 * was typed, the same consultant corrects it on the same number, and a draft given up voids its
 * number with a reason, audited — never a number held by a hidden draft.
 */
describe('deals: a refused agreement submit keeps its numbered form (SA-13)', () => {
  let database: TestDatabase;
  let world: DealsFixture;
  let idCopyId: string;
  const plans: string[] = [];

  const form = async (number: string) =>
    database.db
      .selectFrom('dealForms')
      .select(['status', 'agreementId', 'voidReason'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
  const agreementsOnForm = async (number: string) =>
    (await database.db.selectFrom('dealAgreements').select('id').where('formNumber', '=', number).execute())
      .length;

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    world = await buildDealsFixture(db, { floors: 2, perFloor: 2, unitPriceFen: 2_000_000, forms: 10, now });
    const { fx } = world;
    for (const [index, name] of ['陈先生', '林女士', '吴先生'].entries()) {
      const customerId = await buildCustomer(db, fx.org, {
        projectId: fx.org.salesProjectId,
        ownerStaffId: fx.consultant.staffId,
        name,
      });
      const { planId } = await takeDeposit(db, world, {
        unitId: fx.unitIds[index],
        customerId,
        amountFen: 2_000_000,
        now,
      });
      plans.push(planId);
    }
    idCopyId = (
      await deals.uploadDealFile(db, {
        actor: fx.consultant,
        projectId: fx.org.salesProjectId,
        kind: 'id_copy',
        fileName: '身份证.png',
        bytes: testPng,
        now,
      })
    ).id;
  });
  afterAll(async () => {
    await database.drop();
  });

  const input = (change: Partial<AgreementInput['buyers'][number]> = {}): AgreementInput => {
    const base = filledIn({ buyerName: '陈先生', idNumber: goodId, idCopyFileId: idCopyId });
    return { ...base, buyers: [{ ...base.buyers[0], ...change }] };
  };

  it('SA-13 a wrong ID number is refused on its field before anything is saved: the form stays in stock', async () => {
    const { db } = database;
    const error = await refusal(
      deals.createAgreement(db, {
        actor: world.fx.consultant,
        planId: plans[0],
        formNumber: 'RG000001',
        input: input({ idNumber: '110105194912310021' }),
        now,
      }),
      'ID_NUMBER_INVALID',
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['buyers.0.idNumber']);
    expect(await form('RG000001')).toMatchObject({ status: 'in_stock', agreementId: null });
    expect(await agreementsOnForm('RG000001')).toBe(0);
  });

  it('SA-13 a submit refused after the draft was saved keeps the number; sending the same form again corrects that draft and submits it on the same number', async () => {
    const { db } = database;
    const { consultant } = world.fx;
    // The page saves the draft, then submits: the ID copy's consent is missing, so the submit is refused.
    const draft = await deals.createAgreement(db, {
      actor: consultant,
      planId: plans[0],
      formNumber: 'RG000001',
      input: input({ hasIdCopyConsent: false }),
      now: later(1),
    });
    const refused = await refusal(
      deals.submitAgreement(db, { actor: consultant, agreementId: draft.id, now: later(1) }),
      'ID_COPY_REQUIRED',
    );
    expect(Object.keys(refused.fields ?? {})).toEqual(['buyers.0.idCopyFileId']);
    expect(await form('RG000001')).toMatchObject({ status: 'used', agreementId: draft.id });

    // The consultant ticks the consent and sends the same form again (or the answer was lost on
    // the network and the page retries): the same draft is corrected, not a second use refused.
    const again = await deals.createAgreement(db, {
      actor: consultant,
      planId: plans[0],
      formNumber: 'RG000001',
      input: input(),
      now: later(2),
    });
    expect(again.id).toBe(draft.id);
    expect(again.formNumber).toBe('RG000001');
    expect(again.buyers[0].idCopyConsentAt).not.toBeNull();
    const submitted = await deals.submitAgreement(db, {
      actor: consultant,
      agreementId: draft.id,
      now: later(3),
    });
    expect(submitted.status).toBe('submitted');
    expect(await agreementsOnForm('RG000001')).toBe(1);
    expect(await form('RG000001')).toMatchObject({ status: 'used', agreementId: draft.id });
    const report = await deals.formReport(db, {
      actor: world.fx.manager,
      projectId: world.fx.org.salesProjectId,
    });
    expect(report.batches[0]).toMatchObject({ used: 1, voided: 0, inStock: 9 });
    // Once submitted, the number is no longer a draft to correct.
    await refusal(
      deals.createAgreement(db, {
        actor: consultant,
        planId: plans[0],
        formNumber: 'RG000001',
        input: input(),
        now: later(4),
      }),
      'FORM_NOT_AVAILABLE',
    );
  });

  it('SA-13 a form number held by a draft is not taken for another plan, and the refusal says why in each language', async () => {
    const { db } = database;
    const { consultant } = world.fx;
    const draft = await deals.createAgreement(db, {
      actor: consultant,
      planId: plans[1],
      formNumber: 'RG000002',
      input: input({ name: '林女士' }),
      now: later(5),
    });
    const error = await refusal(
      deals.createAgreement(db, {
        actor: consultant,
        planId: plans[2],
        formNumber: 'RG000002',
        input: input(),
        now: later(6),
      }),
      'FORM_NOT_AVAILABLE',
    );
    expect(error.userMessage('zh-CN')).toBe('认购书编号 RG000002 不可用(已用于另一份认购书)。');
    expect(error.userMessage('en')).toBe('Form RG000002 is not available (used for another agreement).');
    expect(error.userMessage('zh-TW')).toContain('已用於另一份認購書');
    expect(await form('RG000002')).toMatchObject({ status: 'used', agreementId: draft.id });
  });

  it('SA-13 PRIV a resumed draft keeps the stored ID number when its field is left empty; an empty one with nothing stored is refused on its field', async () => {
    const { db } = database;
    const { consultant } = world.fx;
    const draft = await deals.createAgreement(db, {
      actor: consultant,
      planId: plans[2],
      formNumber: 'RG000003',
      input: input({ name: '吴先生' }),
      now: later(7),
    });
    const buyerId = draft.buyers[0].id;
    const resumed = await deals.updateAgreement(db, {
      actor: consultant,
      agreementId: draft.id,
      input: input({ id: buyerId, name: '吴先生', idNumber: '' }),
      now: later(8),
    });
    expect(resumed.buyers[0].idNumberMasked).toBe('1101**********002X');
    expect(resumed.buyers[0].id).toBe(buyerId);
    const stored = await db
      .selectFrom('dealAgreementBuyers')
      .select(['idNumberEnc', 'idNumberHash'])
      .where('agreementId', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(stored.idNumberEnc).not.toContain(goodId);
    expect(stored.idNumberHash).toBeTruthy();
    // A second buyer added on the resumed draft has no stored number: it must be typed.
    const twoBuyers = input({ id: resumed.buyers[0].id, name: '吴先生', idNumber: '' });
    twoBuyers.buyers.push({ ...twoBuyers.buyers[0], id: null, name: '吴太太' });
    const error = await refusal(
      deals.updateAgreement(db, {
        actor: consultant,
        agreementId: draft.id,
        input: twoBuyers,
        now: later(9),
      }),
      'ID_NUMBER_INVALID',
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['buyers.1.idNumber']);
    expect(error.fields?.['buyers.1.idNumber']['zh-CN']).toBe('请输入证件号码');
    // Another buyer's id does not lend its number either.
    await refusal(
      deals.updateAgreement(db, {
        actor: consultant,
        agreementId: draft.id,
        input: input({ id: '018f0000-0000-7000-8000-000000000000', idNumber: '' }),
        now: later(9),
      }),
      'ID_NUMBER_INVALID',
    );
  });

  it('SA-13 abandoning a draft voids its form number with the reason given, audited; without a reason nothing changes', async () => {
    const { db } = database;
    const { consultant, manager, consultant2 } = world.fx;
    const agreementId = (await deals.getAgreementById(db, consultant, (await form('RG000003')).agreementId!))
      .id;
    await refusal(
      deals.abandonAgreement(db, { actor: consultant, agreementId, reason: '  ', now: later(10) }),
      'VALIDATION_FAILED',
    );
    await expect(
      deals.abandonAgreement(db, { actor: consultant2, agreementId, reason: '客户放弃', now: later(10) }),
    ).rejects.toBeInstanceOf(AppError);
    expect(await form('RG000003')).toMatchObject({ status: 'used', agreementId });

    const abandoned = await deals.abandonAgreement(db, {
      actor: consultant,
      agreementId,
      reason: '客户改签其他房号',
      now: later(11),
    });
    expect(abandoned.status).toBe('cancelled');
    expect(await form('RG000003')).toMatchObject({
      status: 'voided',
      agreementId,
      voidReason: '客户改签其他房号',
    });
    const report = await deals.formReport(db, { actor: manager, projectId: world.fx.org.salesProjectId });
    expect(report.voided).toEqual([
      expect.objectContaining({ number: 'RG000003', reason: '客户改签其他房号' }),
    ]);
    expect(report.batches[0]).toMatchObject({ used: 2, voided: 1, inStock: 7, total: 10 });
    const audit = await db
      .selectFrom('auditLog')
      .select(['entityType', 'action'])
      .where('at', '=', later(11).toISOString())
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { entityType: 'deal_form', action: 'void' },
      { entityType: 'deal_agreement', action: 'abandon' },
    ]);
    await refusal(
      deals.abandonAgreement(db, { actor: consultant, agreementId, reason: '再次', now: later(12) }),
      'AGREEMENT_STATE',
    );
    // The voided number is not used again, even for the plan it was filled in for.
    await refusal(
      deals.createAgreement(db, {
        actor: consultant,
        planId: plans[2],
        formNumber: 'RG000003',
        input: input(),
        now: later(13),
      }),
      'FORM_NOT_AVAILABLE',
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { type JobRunner, startJobRunner } from '../../platform/jobs/index.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { getUnitAt } from '../inventory/index.js';
import { forgetDataKeys } from './deals.crypto.js';
import * as deals from './deals.service.js';
import { buildDealsFixture, type DealsFixture, submittedAgreement } from './testing/deal-fixture.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

const now = new Date('2026-11-28T02:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

async function refusalCode(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe('SA-13 who reviews a subscription agreement, and what its author is told', () => {
  let database: TestDatabase;
  let world: DealsFixture;
  let runner: JobRunner;
  const fx = () => world.fx;

  /** A submitted agreement on `unitId`, written by the first consultant. */
  const submitted = async (unitId: string, formNumber: string, customerName: string) =>
    (await submittedAgreement(database.db, world, { unitId, formNumber, customerName, now })).agreementId;

  const inboxOfAuthor = () =>
    database.db
      .selectFrom('notifyInbox')
      .select(['event', 'title', 'body'])
      .where('staffId', '=', fx().consultant.staffId)
      .where('event', 'like', 'deals.agreement%')
      .orderBy('createdAt')
      .execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildDealsFixture(database.db, {
      floors: 2,
      perFloor: 2,
      unitPriceFen: 1_000_000,
      forms: 5,
      now,
    });
    // The author reads the system in English.
    await database.db
      .updateTable('staff')
      .set({ locale: 'en' })
      .where('id', '=', fx().consultant.staffId)
      .execute();
    runner = startJobRunner({ database, now: () => later(30), instanceId: 'review-test', autoStart: false });
  });
  afterAll(async () => {
    await runner?.stop();
    await database.drop();
  });

  it('SA-13 a colleague the project manager designated (not the manager) reviews; without the designation they are refused', async () => {
    const { db } = database;
    const agreementId = await submitted(fx().unitIds[0], 'RG000001', '陈先生');
    const review = (actor: typeof world.fx.consultant2, minutes: number) =>
      deals.reviewAgreement(db, {
        actor,
        agreementId,
        decision: 'approve',
        comment: '',
        now: later(minutes),
      });

    // Neither a colleague who sees the deal (the controller) nor one who does not (another
    // consultant, to whom another's agreement does not even exist).
    expect(await refusalCode(review(fx().controller, 10))).toBe('NOT_REVIEWER');
    expect(await refusalCode(review(fx().consultant2, 10))).toBe('NOT_FOUND');
    expect((await deals.getAgreementById(db, fx().manager, agreementId)).status).toBe('submitted');

    const designation = await deals.designate(db, {
      actor: fx().manager,
      projectId: fx().org.salesProjectId,
      staffId: fx().consultant2.staffId,
      duty: 'agreement_review',
      now: later(11),
    });
    // Designated for review, but the designation does not make the author a reviewer of their own work.
    expect(await refusalCode(review(fx().consultant, 12))).toBe('SELF_REVIEW');
    const approved = await review(fx().consultant2, 12);
    expect(approved).toMatchObject({ status: 'approved', reviewerId: fx().consultant2.staffId });
    expect(approved.transactionFileId).toBeTruthy();
    expect((await getUnitAt(db, fx().manager, fx().unitIds[0], now)).status).toBe('subscribed');

    // Once the manager revokes the designation, the same colleague is refused again.
    await deals.revokeDesignation(db, { actor: fx().manager, designationId: designation.id, now: later(13) });
    const next = await submitted(fx().unitIds[1], 'RG000002', '林女士');
    expect(
      await refusalCode(
        deals.reviewAgreement(db, {
          actor: fx().consultant2,
          agreementId: next,
          decision: 'approve',
          comment: '',
          now: later(14),
        }),
      ),
    ).toBe('NOT_FOUND');
    expect((await deals.getAgreementById(db, fx().manager, next)).status).toBe('submitted');
    expect((await getUnitAt(db, fx().manager, fx().unitIds[1], now)).status).toBe('deposited');
  });

  it('SA-13 tells an English-speaking author the outcome in English, approved or returned', async () => {
    const { db } = database;
    const agreementId = await submitted(fx().unitIds[2], 'RG000003', '黄小姐');
    await deals.reviewAgreement(db, {
      actor: fx().manager,
      agreementId,
      decision: 'return',
      comment: 'ID copy is unreadable',
      now: later(20),
    });
    await runner.runUntilIdle();
    const inbox = await inboxOfAuthor();
    expect(inbox.map((row) => row.event)).toEqual(['deals.agreementApproved', 'deals.agreementReturned']);
    const [approved, returned] = inbox;
    expect(approved.title).toBe('Agreement approved');
    expect(approved.body).toContain('RG000001');
    expect(approved.body).toContain('is approved');
    expect(returned.title).toBe('Agreement returned');
    expect(returned.body).toContain('was returned');
    expect(returned.body).toContain('ID copy is unreadable');
    // No Chinese word for the outcome inside the English text.
    for (const row of inbox) expect(`${row.title}${row.body}`).not.toMatch(/已通过|已退回|通過|退回/);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Db } from '../../../platform/db/database.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { dealFactSource } from '../../deals/index.js';
import {
  buildDealsFixture,
  type DealsFixture,
  deals,
  draftAgreement,
  forgetDataKeys,
  payDownPayment,
  takeDeposit,
} from '../../deals/testing/index.js';
import { buildCustomer } from '../../inventory/testing/index.js';
import type { CheckDefinition, CheckOutcome, SubjectFacts } from './check-types.js';

// What the deal checks' tests share: the data key, the clock, a deals office per file, the steps
// that walk a deal to its file and its down payment, and the scoring of one deal.

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

/** 10:00 Shanghai, Saturday 28 November 2026: the deals are made that day unless a test says otherwise. */
export const dealStart = new Date('2026-11-28T02:00:00.000Z');
export const daysAfterStart = (days: number) => new Date(dealStart.getTime() + days * 86_400_000);
export const idempotencyKey = () => randomBytes(8).toString('hex');

/** One deal's facts, as the fact source reads them now, scored by one check. */
export async function scoreDeal<F extends SubjectFacts>(
  db: Db,
  check: CheckDefinition<F>,
  depositId: string,
  now: Date,
): Promise<CheckOutcome> {
  const [facts] = await dealFactSource.byIds(db, [depositId]);
  expect(facts?.id).toBe(depositId);
  return check.evaluate(facts as unknown as F, now);
}

export interface DealOffice {
  /** The database itself, for a job runner; `db` is its handle. */
  readonly database: TestDatabase;
  readonly db: Db;
  readonly world: DealsFixture;
  nextUnit(): string;
  nextForm(): string;
  /** A customer of the fixture's consultant (no phone: nothing is texted to them). */
  customer(name: string): Promise<string>;
  /** 定金 taken and the agreement approved by the manager: an open transaction file, sealed on the day. */
  openFile(
    name: string,
    options?: { now?: Date; customerId?: string },
  ): Promise<{ fileId: string; depositId: string }>;
  /** Finance records the whole down payment, witnessed by the controller. */
  payDownPayment(fileId: string, now: Date): Promise<void>;
  score<F extends SubjectFacts>(
    check: CheckDefinition<F>,
    depositId: string,
    now?: Date,
  ): Promise<CheckOutcome>;
}

/** A test database for the file (SQLite, or PostgreSQL with TEST_DATABASE_URL) with a deals office on it. */
export function openDealOffice(size: { units: number; forms: number }): DealOffice {
  let database: TestDatabase | undefined;
  let fixture: DealsFixture | undefined;
  let unit = 0;
  let form = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
    fixture = await buildDealsFixture(database.db, {
      floors: 1,
      perFloor: size.units,
      unitPriceFen: 1_000_000,
      forms: size.forms,
      now: dealStart,
    });
  });
  afterAll(async () => {
    await database?.drop();
  });
  const office: DealOffice = {
    get database() {
      if (!database) throw new Error('the test database is not open yet');
      return database;
    },
    get db() {
      return office.database.db;
    },
    get world() {
      if (!fixture) throw new Error('the deals office is not built yet');
      return fixture;
    },
    nextUnit: () => office.world.fx.unitIds[unit++]!,
    nextForm: () => `RG${String(++form).padStart(6, '0')}`,
    customer: (name) =>
      buildCustomer(office.db, office.world.fx.org, {
        projectId: office.world.fx.org.salesProjectId,
        ownerStaffId: office.world.fx.consultant.staffId,
        name,
      }),
    async openFile(name, options = {}) {
      const { db, world } = office;
      const now = options.now ?? dealStart;
      const customerId = options.customerId ?? (await office.customer(name));
      const { planId, depositId } = await takeDeposit(db, world, {
        unitId: office.nextUnit(),
        customerId,
        amountFen: 1_000_000,
        now,
      });
      const { agreementId } = await draftAgreement(db, world, {
        planId,
        formNumber: office.nextForm(),
        buyerName: name,
        idNumber: '11010519491231002X',
        now,
      });
      await deals.submitAgreement(db, { actor: world.fx.consultant, agreementId, now });
      const approved = await deals.reviewAgreement(db, {
        actor: world.fx.manager,
        agreementId,
        decision: 'approve',
        comment: '',
        now,
      });
      return { fileId: approved.transactionFileId!, depositId };
    },
    payDownPayment: (fileId, now) => payDownPayment(office.db, office.world, { fileId, now }),
    score: (check, depositId, now = dealStart) => scoreDeal(office.db, check, depositId, now),
  };
  return office;
}

import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../../platform/db/database.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { buildReceptionOffice, setAnsweringOrder } from '../../reception/testing/index.js';
import type { CheckOutcome, Evidence, SubjectFacts } from './check-types.js';
import { salesChecks } from './sales.checks.js';

// What the sales checks' tests share: a database per file, the sales office, the clock, the evaluation.

// 10:00 in Shanghai; the day ends at 16:00Z.
export const morning = new Date('2026-12-01T02:00:00.000Z');
export const dayEnd = new Date('2026-12-01T16:00:00.000Z');
export const later = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

/** A test database for the file (SQLite, or PostgreSQL with TEST_DATABASE_URL). */
export function openSalesDatabase(): { readonly db: Db } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get db() {
      if (!database) throw new Error('the test database is not open yet');
      return database.db;
    },
  };
}

/** A sales office whose day's answering order is 艾伦, 贝拉, 陈晨 (all at their desks). */
export async function buildOrderedOffice(db: Db) {
  const built = await buildReceptionOffice(db, morning);
  await setAnsweringOrder(db, {
    actor: built.manager,
    projectId: built.org.salesProjectId,
    staffIds: [built.first.staffId, built.second.staffId, built.third.staffId],
    now: morning,
  });
  return built;
}

export function evaluate(checkId: string, facts: SubjectFacts | undefined, now: Date): CheckOutcome {
  const check = salesChecks.find((definition) => definition.id === checkId);
  if (!check || !facts) throw new Error(`no check ${checkId} or no facts`);
  return check.evaluate(facts, now);
}

export const evidenceOf = (outcome: CheckOutcome, en: string): Evidence | undefined =>
  outcome.evidence.find((item) => item.label.en === en);

export const shownValue = (evidence: Evidence | undefined) =>
  typeof evidence?.value === 'string' ? evidence.value : evidence?.value?.en;

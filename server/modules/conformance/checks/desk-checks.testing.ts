import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { buildOrg, buildStaff, type TestOrg } from '../../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { buildServiceDepartment } from '../../calls/testing/index.js';
import type { CheckOutcome, SubjectFacts } from './check-types.js';
import { deskChecks } from './desk.checks.js';

// What the desk checks' tests share: a database per file with the service centre's people and a
// security post's guard, and the evaluation of one check.

// Messages and CTI secrets are encrypted at rest; a test run brings its own key.
process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

export interface DeskWorld {
  db: Db;
  org: TestOrg;
  /** 孙丽 at the service centre. */
  agent: Actor;
  /** 赵卫 at the security post. */
  guard: Actor;
  /** 张三, whom callers ask for. */
  colleague: Actor;
  /** 何平, the department head. */
  head: Actor;
}

/** A test database for the file (SQLite, or PostgreSQL with TEST_DATABASE_URL) with its desks' people. */
export function openDeskWorld(): DeskWorld {
  let database: TestDatabase | undefined;
  let people: Omit<DeskWorld, 'db'> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    const org = await buildOrg(database.db);
    const department = await buildServiceDepartment(database.db, org, new Date('2026-11-27T01:00:00.000Z'));
    const guard = await buildStaff(database.db, org, {
      displayName: '赵卫',
      roles: [{ role: 'guard', projectId: org.estateProjectId }],
      departmentId: org.departmentId,
    });
    people = { org, guard, ...department };
  });
  afterAll(async () => {
    await database?.drop();
  });
  const ready = () => {
    if (!database || !people) throw new Error('the desk world is not open yet');
    return { db: database.db, ...people };
  };
  return {
    get db() {
      return ready().db;
    },
    get org() {
      return ready().org;
    },
    get agent() {
      return ready().agent;
    },
    get guard() {
      return ready().guard;
    },
    get colleague() {
      return ready().colleague;
    },
    get head() {
      return ready().head;
    },
  };
}

export function evaluateDesk(checkId: string, facts: SubjectFacts | undefined, now: Date): CheckOutcome {
  const check = deskChecks.find((definition) => definition.id === checkId);
  if (!check || !facts) throw new Error(`no check ${checkId} or no facts`);
  return check.evaluate(facts, now);
}

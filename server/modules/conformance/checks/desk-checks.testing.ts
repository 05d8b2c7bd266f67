import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { buildOrg, buildStaff, type TestOrg } from '../../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { type CallConformanceFacts, callFactSource } from '../../calls/index.js';
import {
  actOnCall,
  buildServiceDepartment,
  findPurposes,
  leaveMessage,
  openPersonLookup,
  recordGreetingShown,
  recordPersonNotFound,
  searchForCaller,
  startManualCall,
  updateCallDetails,
} from '../../calls/testing/index.js';
import type { CheckOutcome, CheckStatus, SubjectFacts } from './check-types.js';
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
  /** The company's call purposes "找人" and "咨询". */
  purposes: { findPerson: string; consult: string };
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
    const purposes = await findPurposes(database.db, org.system, new Date('2026-11-27T01:00:00.000Z'));
    const purposeId = (key: string) => purposes.find((purpose) => purpose.key === key)?.id ?? '';
    people = {
      org,
      guard,
      ...department,
      purposes: { findPerson: purposeId('find_person'), consult: purposeId('consult') },
    };
  });
  afterAll(async () => {
    await database?.drop();
  });
  const ready = () => {
    if (!database || !people) throw new Error('the desk world is not open yet');
    return { db: database.db, ...people };
  };
  // Read once the file's beforeAll has run: each property asks for the opened world.
  const world = {} as DeskWorld;
  for (const key of ['db', 'org', 'agent', 'guard', 'colleague', 'head', 'purposes'] as const)
    Object.defineProperty(world, key, { get: () => ready()[key] });
  return world;
}

export function evaluateDesk(checkId: string, facts: SubjectFacts | undefined, now: Date): CheckOutcome {
  const check = deskChecks.find((definition) => definition.id === checkId);
  if (!check || !facts) throw new Error(`no check ${checkId} or no facts`);
  return check.evaluate(facts, now);
}

export const secondsOn = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);

/** A call as the desk's buttons make it: each step at its second after the call starts ringing. */
export interface CallScript {
  desk: 'service' | 'post';
  answerAfter?: number;
  greetingAfter?: number;
  purposeId?: string;
  transferTo?: string;
  messageFor?: string;
  /** CS-4: "不认识此人" opened 21 s in, then these directory searches a second apart. */
  lookupSearches?: string[];
  /** CS-4: "not found, caller told" recorded 27 s in. */
  notFound?: boolean;
  endAfter?: number;
  releasedBy?: 'caller' | 'agent' | 'system';
}

/** Desk calls lived through the desk's use cases, read back through the call fact source and scored. */
export function deskCalls(world: DeskWorld) {
  // Every scenario gets its own hour of the day, so calls of one never overlap another's.
  let hour = 0;
  function nextHour(): Date {
    hour += 1;
    return new Date(Date.UTC(2026, 10, 27, 1, 0, 0) + hour * 3_600_000);
  }

  /** Ringing, answered, greeting shown, purpose, CS-4 lookup, transfer, message, not found, end. */
  async function liveCall(script: CallScript, start = nextHour()) {
    const actor = script.desk === 'service' ? world.agent : world.guard;
    const deskId = script.desk === 'service' ? world.org.serviceDeskId : world.org.postDeskId;
    const db = world.db;
    const call = await startManualCall(db, { actor, deskId, callerNumber: '13900001234', now: start });
    const act = (input: Parameters<typeof actOnCall>[1]['input'], seconds: number) =>
      actOnCall(db, { actor, callId: call.id, input, now: secondsOn(start, seconds) });
    if (script.answerAfter !== undefined) await act({ action: 'answer' }, script.answerAfter);
    if (script.greetingAfter !== undefined)
      await recordGreetingShown(db, {
        actor,
        callId: call.id,
        locale: 'zh-CN',
        now: secondsOn(start, script.greetingAfter),
      });
    if (script.purposeId)
      await updateCallDetails(db, {
        actor,
        callId: call.id,
        input: { purposeId: script.purposeId },
        now: secondsOn(start, 20),
      });
    if (script.lookupSearches) {
      await openPersonLookup(db, { actor, callId: call.id, locale: 'zh-CN', now: secondsOn(start, 21) });
      for (const [index, q] of script.lookupSearches.entries())
        await searchForCaller(db, {
          actor,
          callId: call.id,
          input: { q },
          limit: 30,
          now: secondsOn(start, 22 + index),
        });
    }
    if (script.transferTo) await act({ action: 'transfer', targetStaffId: script.transferTo }, 25);
    if (script.messageFor)
      await leaveMessage(db, {
        actor,
        input: {
          deskId,
          callId: call.id,
          recipientStaffId: script.messageFor,
          kind: 'message',
          callerName: '王先生',
          callbackNumber: '13900001234',
          content: '请回电',
          urgency: 'normal',
        },
        now: secondsOn(start, 26),
      });
    if (script.notFound)
      await recordPersonNotFound(db, { actor, callId: call.id, now: secondsOn(start, 27) });
    if (script.endAfter !== undefined)
      await act({ action: 'end', releasedBy: script.releasedBy }, script.endAfter);
    return { id: call.id, start };
  }

  async function factsOf(callId: string): Promise<CallConformanceFacts> {
    const [facts] = await callFactSource.byIds(world.db, [callId]);
    return facts;
  }

  async function statusOf(checkId: string, callId: string, now = new Date('2026-11-28T00:00:00.000Z')) {
    return evaluateDesk(checkId, await factsOf(callId), now);
  }

  const expectStatus = async (checkId: string, callId: string, status: CheckStatus) =>
    expect((await statusOf(checkId, callId)).status).toBe(status);

  return { nextHour, liveCall, factsOf, statusOf, expectStatus, currentHour: () => hour };
}

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.js';
import { buildOrg, buildStaff, type TestOrg } from '../../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import {
  type IncidentConformanceFacts,
  incidentFactSource,
  leaderCallFactSource,
  messageFactSource,
} from '../../calls/index.js';
import {
  advanceIncident,
  advanceMessage,
  buildServiceDepartment,
  leaveMessage,
  recordLeaderCall,
  reportIncident,
  reportLeaderCall,
} from '../../calls/testing/index.js';
import { deskRecordChecks } from './desk-records.checks.js';

// The desk's records beside its calls, made through the desk's use cases, read back through their
// fact sources and evaluated: messages (CS-3), leader calls (SEC-4), emergencies (SEC-5).

process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

let database: TestDatabase;
let org: TestOrg;
let agent: Actor;
let guard: Actor;
let colleague: Actor;
let head: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  const now = new Date('2026-11-27T01:00:00.000Z');
  org = await buildOrg(database.db);
  ({ agent, colleague, head } = await buildServiceDepartment(database.db, org, now));
  guard = await buildStaff(database.db, org, {
    displayName: '赵卫',
    roles: [{ role: 'guard', projectId: org.estateProjectId }],
    departmentId: org.departmentId,
  });
});

afterAll(async () => {
  await database.drop();
});

// Friday 27 November 2026, 10:00 in Shanghai: a working day.
const start = new Date('2026-11-27T02:00:00.000Z');
const minutesOn = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const later = new Date('2026-11-28T00:00:00.000Z');

function one<T extends { id: string }>(rows: T[], id: string): T {
  const found = rows.find((row) => row.id === id);
  if (!found) throw new Error(`no facts for ${id}`);
  return found;
}

function check(id: string) {
  const found = deskRecordChecks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

async function message(now: Date) {
  return leaveMessage(database.db, {
    actor: agent,
    input: {
      deskId: org.serviceDeskId,
      recipientStaffId: colleague.staffId,
      kind: 'message',
      callerName: '王先生',
      callbackNumber: '13900001234',
      content: '请回电',
      urgency: 'normal',
    },
    now,
  });
}

async function leaderCall(isIdentified: boolean) {
  return recordLeaderCall(database.db, {
    actor: guard,
    input: {
      deskId: org.postDeskId,
      claimedName: '陈',
      claimedTitle: '总经理',
      callbackNumber: '13900007777',
      request: '明早开会',
      isIdentified,
    },
    now: start,
  });
}

async function incident(isEmergency: boolean) {
  return reportIncident(database.db, {
    actor: guard,
    input: {
      deskId: org.postDeskId,
      isEmergency,
      callerName: '李女士',
      callerIdentity: 'owner',
      buildingId: null,
      doorId: null,
      unitLabel: '3栋201',
      phone: '13900008888',
      account: '楼道漏水',
    },
    now: start,
  });
}

describe('desk record checks', () => {
  it('CS-3 message: handled by its due time is met, handled late or not at all a miss, pending until due', async () => {
    const handled = await message(start);
    await advanceMessage(database.db, {
      actor: colleague,
      messageId: handled.id,
      action: 'handle',
      now: minutesOn(20),
    });
    const late = await message(start);
    await advanceMessage(database.db, {
      actor: colleague,
      messageId: late.id,
      action: 'handle',
      now: minutesOn(45),
    });
    const never = await message(start);
    const facts = await messageFactSource.byIds(database.db, [handled.id, late.id, never.id]);
    const handledFacts = one(facts, handled.id);
    const lateFacts = one(facts, late.id);
    const neverFacts = one(facts, never.id);
    const rule = check('CS-3.message');
    expect(handledFacts.dueAt).toBe(minutesOn(30).toISOString());
    expect(handledFacts.staffId).toBe(colleague.staffId);
    expect(rule.evaluate(handledFacts, later).status).toBe('met');
    expect(rule.evaluate(lateFacts, later).status).toBe('missed');
    expect(rule.evaluate(neverFacts, later)).toMatchObject({
      status: 'missed',
      evidence: expect.arrayContaining([
        expect.objectContaining({ label: expect.objectContaining({ en: 'Not escalated' }) }),
      ]),
    });
    expect(rule.evaluate(neverFacts, minutesOn(10))).toMatchObject({
      status: 'pending',
      decidesAt: minutesOn(30).toISOString(),
    });
  });

  it('SEC-4 leader: an unidentified leader reported in time is met, not reported a miss, an identified one not applicable', async () => {
    const reported = await leaderCall(false);
    await reportLeaderCall(database.db, { actor: guard, leaderCallId: reported.id, now: minutesOn(5) });
    const slow = await leaderCall(false);
    await reportLeaderCall(database.db, { actor: guard, leaderCallId: slow.id, now: minutesOn(40) });
    const silent = await leaderCall(false);
    const identified = await leaderCall(true);
    const facts = await leaderCallFactSource.byIds(database.db, [
      reported.id,
      slow.id,
      silent.id,
      identified.id,
    ]);
    const of = (id: string) => one(facts, id);
    const rule = check('SEC-4.leader');
    const met = rule.evaluate(of(reported.id), later);
    expect(met.status).toBe('met');
    expect(met.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: '何平', link: { kind: 'staff', id: head.staffId } }),
      ]),
    );
    expect(rule.evaluate(of(slow.id), later).status).toBe('missed');
    expect(rule.evaluate(of(silent.id), later).status).toBe('missed');
    expect(rule.evaluate(of(silent.id), minutesOn(10)).status).toBe('pending');
    expect(rule.evaluate(of(identified.id), later).status).toBe('not_applicable');
  });

  it('SEC-5 dispatch: an emergency dispatched within 10 minutes is met, later or never a miss, an ordinary incident not applicable', async () => {
    const prompt = await incident(true);
    await advanceIncident(database.db, {
      actor: guard,
      incidentId: prompt.id,
      action: 'dispatch',
      note: '',
      now: minutesOn(3),
    });
    const slow = await incident(true);
    await advanceIncident(database.db, {
      actor: guard,
      incidentId: slow.id,
      action: 'dispatch',
      note: '',
      now: minutesOn(12),
    });
    const waiting = await incident(true);
    const ordinary = await incident(false);
    const facts = await incidentFactSource.byIds(database.db, [prompt.id, slow.id, waiting.id, ordinary.id]);
    const of = (id: string) => one(facts, id);
    const rule = check('SEC-5.dispatch');
    expect(rule.evaluate(of(prompt.id), later).status).toBe('met');
    expect(rule.evaluate(of(slow.id), later).status).toBe('missed');
    expect(rule.evaluate(of(waiting.id), later).status).toBe('missed');
    expect(rule.evaluate(of(waiting.id), minutesOn(5))).toMatchObject({
      status: 'pending',
      decidesAt: minutesOn(10).toISOString(),
    });
    expect(rule.evaluate(of(ordinary.id), later).status).toBe('not_applicable');
  });

  it('SEC-5 fields: an emergency with all five fields is met, one without a field a miss, an ordinary incident not applicable', async () => {
    const complete = await incident(true);
    const ordinary = await incident(false);
    const facts = await incidentFactSource.byIds(database.db, [complete.id, ordinary.id]);
    const of = (id: string) => one(facts, id);
    const rule = check('SEC-5.fields');
    expect(rule.evaluate(of(complete.id), later).status).toBe('met');
    expect(rule.evaluate(of(ordinary.id), later).status).toBe('not_applicable');
    // The desk refuses to save an emergency without all five (EMERGENCY_INCOMPLETE), so a record
    // missing one exists only from before that rule; the check still says which field is missing.
    await expect(
      reportIncident(database.db, {
        actor: guard,
        input: {
          deskId: org.postDeskId,
          isEmergency: true,
          callerName: '',
          callerIdentity: null,
          buildingId: null,
          doorId: null,
          unitLabel: '3栋201',
          phone: '13900008888',
          account: '楼道漏水',
        },
        now: start,
      }),
    ).rejects.toMatchObject({ code: 'EMERGENCY_INCOMPLETE' });
    const older: IncidentConformanceFacts = {
      ...of(complete.id),
      missingFields: ['callerName', 'callerIdentity'],
    };
    const missed = rule.evaluate(older, later);
    expect(missed.status).toBe('missed');
    expect(missed.evidence[1].value).toMatchObject({ 'zh-CN': '姓名、身份', en: 'name, identity' });
  });

  it('reads changed messages, leader calls and incidents by their change time', async () => {
    const since = '2026-11-27T03:00:00.000Z';
    const fresh = await message(new Date(since));
    const page = await messageFactSource.changed(database.db, { since, afterId: null, limit: 10 });
    expect(page.map((row) => row.id)).toEqual([fresh.id]);
    await advanceMessage(database.db, {
      actor: colleague,
      messageId: fresh.id,
      action: 'read',
      now: new Date('2026-11-27T03:05:00.000Z'),
    });
    expect(
      await messageFactSource.changed(database.db, {
        since: '2026-11-27T03:04:00.000Z',
        afterId: null,
        limit: 10,
      }),
    ).toMatchObject([{ id: fresh.id, readAt: '2026-11-27T03:05:00.000Z' }]);
    expect(
      (await leaderCallFactSource.changed(database.db, { since: null, afterId: null, limit: 2 })).length,
    ).toBe(2);
    expect(
      (await incidentFactSource.changed(database.db, { since: later.toISOString(), afterId: null, limit: 9 }))
        .length,
    ).toBe(0);
  });
});

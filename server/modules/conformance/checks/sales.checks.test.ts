import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { followUpFactSource, registerCustomer } from '../../customers/index.js';
import {
  buildCustomerInput,
  cancelFollowUp,
  completeFollowUp,
  freshMobile,
  planFollowUp,
} from '../../customers/testing/index.js';
import {
  answerCall,
  type CallRegisterInput,
  completeVisitStep,
  endVisitEarly,
  receiveVisitor,
  salesCallFactSource,
  saveCallRegister,
  visitFactSource,
} from '../../reception/index.js';
import {
  buildReceptionOffice,
  callInput,
  setAnsweringOrder,
  visitor,
} from '../../reception/testing/index.js';
import type { CheckOutcome, Evidence, SubjectFacts } from './check-types.js';
import { salesChecks } from './sales.checks.js';

// The sales checks on data recorded through reception's and the customer book's own use cases,
// read back through their fact sources: a met, a missed and a not-applicable case for each.

let database: TestDatabase;
// 10:00 in Shanghai; the day ends at 16:00Z.
const morning = new Date('2026-12-01T02:00:00.000Z');
const dayEnd = new Date('2026-12-01T16:00:00.000Z');
const later = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

type Office = Awaited<ReturnType<typeof buildReceptionOffice>>;

/** A sales office whose day's answering order is 艾伦, 贝拉, 陈晨 (all at their desks). */
async function office(): Promise<Office> {
  const built = await buildReceptionOffice(database.db, morning);
  await setAnsweringOrder(database.db, {
    actor: built.manager,
    projectId: built.org.salesProjectId,
    staffIds: [built.first.staffId, built.second.staffId, built.third.staffId],
    now: morning,
  });
  return built;
}

function evaluate(checkId: string, facts: SubjectFacts | undefined, now: Date): CheckOutcome {
  const check = salesChecks.find((definition) => definition.id === checkId);
  if (!check || !facts) throw new Error(`no check ${checkId} or no facts`);
  return check.evaluate(facts, now);
}

async function callCheck(checkId: string, callId: string, now: Date) {
  const [facts] = await salesCallFactSource.byIds(database.db, [callId]);
  return evaluate(checkId, facts, now);
}

async function visitCheck(checkId: string, visitId: string, now: Date) {
  const [facts] = await visitFactSource.byIds(database.db, [visitId]);
  return evaluate(checkId, facts, now);
}

const evidenceOf = (outcome: CheckOutcome, en: string): Evidence | undefined =>
  outcome.evidence.find((item) => item.label.en === en);
const shownValue = (evidence: Evidence | undefined) =>
  typeof evidence?.value === 'string' ? evidence.value : evidence?.value?.en;

async function answerAndSave(
  actor: Actor,
  projectId: string,
  at: Date,
  input: Partial<CallRegisterInput> = {},
  savedAt = later(at, 5),
) {
  const { call } = await answerCall(database.db, { actor, projectId, now: at });
  await saveCallRegister(database.db, {
    actor,
    callId: call.id,
    input: { ...callInput, callerPhone: freshMobile(), ...input },
    now: savedAt,
  });
  return call.id;
}

describe('sales calls', () => {
  it('SA-1 order: a call answered in turn is met, naming whom the rotation passed over and why', async () => {
    const { org, first, second, third } = await office();
    const projectId = org.salesProjectId;
    const firstCall = await answerAndSave(first, projectId, morning);
    const met = await callCheck('SA-1.order', firstCall, later(morning, 10));
    expect(met.status).toBe('met');
    expect(shownValue(evidenceOf(met, 'Taken in turn by'))).toBe('艾伦');
    // 贝拉 steps away: 陈晨 is next, in turn, and the record says 贝拉 was passed over as away.
    await database.db
      .updateTable('staff')
      .set({ presence: 'away' })
      .where('id', '=', second.staffId)
      .execute();
    const thirdCall = await answerAndSave(third, projectId, later(morning, 20));
    const passedOver = await callCheck('SA-1.order', thirdCall, later(morning, 30));
    expect(passedOver.status).toBe('met');
    expect(shownValue(evidenceOf(passedOver, 'Passed over by the rotation'))).toBe('贝拉');
    expect(shownValue(evidenceOf(passedOver, 'Why'))).toBe('Away (recorded by the system)');
  });

  it('SA-1 order: a call taken out of turn is a miss saying who took it, whose turn it was and why', async () => {
    const { org, second } = await office();
    const projectId = org.salesProjectId;
    await expect(answerCall(database.db, { actor: second, projectId, now: morning })).rejects.toThrow(
      /NOT_YOUR_TURN/,
    );
    await expect(
      answerCall(database.db, {
        actor: second,
        projectId,
        outOfTurn: { reason: 'other', note: ' ' },
        now: morning,
      }),
    ).rejects.toThrow(/SKIP_NOTE_REQUIRED/);
    const { call } = await answerCall(database.db, {
      actor: second,
      projectId,
      outOfTurn: { reason: 'customer_request', note: '老朋友介绍' },
      now: morning,
    });
    await saveCallRegister(database.db, {
      actor: second,
      callId: call.id,
      input: { ...callInput, callerPhone: freshMobile() },
      now: later(morning, 5),
    });
    const outcome = await callCheck('SA-1.order', call.id, later(morning, 10));
    expect(outcome.status).toBe('missed');
    expect(shownValue(evidenceOf(outcome, 'Taken out of turn by'))).toBe('贝拉');
    expect(shownValue(evidenceOf(outcome, 'Whose turn it was'))).toBe('艾伦');
    expect(shownValue(evidenceOf(outcome, 'Why'))).toBe('The customer asked for this consultant: 老朋友介绍');
    const turn = await database.db
      .selectFrom('answeringTurns')
      .selectAll()
      .where('refId', '=', call.id)
      .executeTakeFirstOrThrow();
    expect(turn).toMatchObject({ isInTurn: 0, skipReason: 'customer_request', skipNote: '老朋友介绍' });
  });

  it("SA-1 order: not applicable to a returning customer of the consultant's own book, nor to a call never saved", async () => {
    const { org, first, second } = await office();
    const projectId = org.salesProjectId;
    const phone = freshMobile();
    await registerCustomer(database.db, {
      actor: first,
      projectId,
      input: buildCustomerInput({ name: '老客户', phones: [phone] }),
      now: morning,
    });
    const returning = await answerAndSave(first, projectId, later(morning, 1), { callerPhone: phone });
    expect((await callCheck('SA-1.order', returning, later(morning, 10))).status).toBe('not_applicable');
    const { call } = await answerCall(database.db, { actor: second, projectId, now: later(morning, 20) });
    expect((await callCheck('SA-1.order', call.id, later(morning, 21))).status).toBe('met');
    expect((await callCheck('SA-1.order', call.id, later(morning, 60))).status).toBe('not_applicable');
  });

  it('SA-1 register: met in detail, missed without the questions or never saved, pending while the day lasts', async () => {
    const { org, first, second, third } = await office();
    const projectId = org.salesProjectId;
    const detailed = await answerAndSave(first, projectId, morning);
    expect((await callCheck('SA-1.register', detailed, later(morning, 10))).status).toBe('met');
    const bare = await answerAndSave(second, projectId, later(morning, 10), { questions: '' });
    const missed = await callCheck('SA-1.register', bare, later(morning, 20));
    expect(missed.status).toBe('missed');
    expect(shownValue(evidenceOf(missed, 'Missing'))).toBe("the caller's questions");
    const { call } = await answerCall(database.db, { actor: third, projectId, now: later(morning, 30) });
    const open = await callCheck('SA-1.register', call.id, later(morning, 31));
    expect(open).toMatchObject({ status: 'pending', decidesAt: dayEnd.toISOString() });
    expect((await callCheck('SA-1.register', call.id, later(dayEnd, 1))).status).toBe('missed');
  });

  it("SA-1 book: a caller's name and number are in the consultant's book the same day; saved the next day is a miss; none left is not applicable", async () => {
    const { org, first, second, third } = await office();
    const projectId = org.salesProjectId;
    const sameDay = await answerAndSave(first, projectId, morning);
    expect((await callCheck('SA-1.book', sameDay, later(morning, 10))).status).toBe('met');
    const anonymous = await answerAndSave(second, projectId, later(morning, 30), {
      callerName: '',
      callerPhone: '',
      result: 'info_only',
    });
    expect((await callCheck('SA-1.book', anonymous, later(morning, 40))).status).toBe('not_applicable');
    const lateNight = later(dayEnd, -10);
    const nextDay = await answerAndSave(third, projectId, lateNight, {}, later(dayEnd, 10));
    const missed = await callCheck('SA-1.book', nextDay, later(dayEnd, 20));
    expect(missed.status).toBe('missed');
    expect(shownValue(evidenceOf(missed, 'Entered in the customer book'))).toBe('2026-12-02');
  });
});

type Step = 'greet' | 'boards' | 'show_flat' | 'seated' | 'plan' | 'registration' | 'see_off';
const walkOrder: Step[] = ['greet', 'boards', 'show_flat', 'seated', 'plan', 'registration', 'see_off'];
type Way = 'done' | 'skipped' | 'skipped_silently';

/** Walks a visit's steps in order, two minutes each, up to and including `until`. */
async function walk(
  actor: Actor,
  visitId: string,
  start: Date,
  until: Step,
  ways: Partial<Record<Step, Way>> = {},
) {
  let at = start;
  for (const step of walkOrder.slice(0, walkOrder.indexOf(until) + 1)) {
    at = later(at, 2);
    const way = ways[step] ?? 'done';
    await completeVisitStep(database.db, {
      actor,
      visitId,
      step,
      note: way === 'skipped' ? '客户赶时间' : '',
      isSkipped: way !== 'done',
      now: at,
    });
  }
  return at;
}

async function receive(actor: Actor, projectId: string, at: Date, input: Parameters<typeof visitor>[0] = {}) {
  const { visit } = await receiveVisitor(database.db, { actor, projectId, input: visitor(input), now: at });
  return visit.id;
}

describe('visits', () => {
  it('SA-1 visit order: received in turn is met; out of turn a miss naming whose turn it was; a returning customer of ones own book not applicable', async () => {
    const { org, first, third } = await office();
    const projectId = org.salesProjectId;
    const inTurn = await receive(first, projectId, morning);
    expect((await visitCheck('SA-1.visit_order', inTurn, later(morning, 1))).status).toBe('met');
    const outOfTurn = await receive(third, projectId, later(morning, 5), {
      outOfTurn: { reason: 'next_with_customer', note: '' },
    });
    const missed = await visitCheck('SA-1.visit_order', outOfTurn, later(morning, 6));
    expect(missed.status).toBe('missed');
    expect(shownValue(evidenceOf(missed, 'Taken out of turn by'))).toBe('陈晨');
    expect(shownValue(evidenceOf(missed, 'Whose turn it was'))).toBe('贝拉');
    expect(shownValue(evidenceOf(missed, 'Why'))).toBe('The one whose turn it was was with a customer');
    const phone = freshMobile();
    await registerCustomer(database.db, {
      actor: first,
      projectId,
      input: buildCustomerInput({ name: '回头客', phones: [phone] }),
      now: morning,
    });
    const returning = await receive(first, projectId, later(morning, 10), {
      name: '回头客',
      phones: [phone],
      isPhoneRefused: false,
      outOfTurn: { reason: 'customer_request', note: '' },
    });
    expect((await visitCheck('SA-1.visit_order', returning, later(morning, 11))).status).toBe(
      'not_applicable',
    );
  });

  it('SA-5 greet: within the minutes of the setting is met, later a miss, pending before, not applicable when the visitor left first', async () => {
    const { org, first, second, third } = await office();
    const projectId = org.salesProjectId;
    const quick = await receive(first, projectId, morning);
    expect(await visitCheck('SA-5.greet', quick, later(morning, 1))).toMatchObject({
      status: 'pending',
      decidesAt: later(morning, 3).toISOString(),
    });
    await walk(first, quick, morning, 'greet');
    const met = await visitCheck('SA-5.greet', quick, later(morning, 5));
    expect(met.status).toBe('met');
    expect(shownValue(evidenceOf(met, 'Greeting'))).toBe('2 min (limit 3 min)');
    const slow = await receive(second, projectId, later(morning, 10));
    await walk(second, slow, later(morning, 13), 'greet');
    const missed = await visitCheck('SA-5.greet', slow, later(morning, 20));
    expect(missed.status).toBe('missed');
    expect(shownValue(evidenceOf(missed, 'Greeting'))).toBe('5 min (limit 3 min)');
    const gone = await receive(third, projectId, later(morning, 20));
    await endVisitEarly(database.db, {
      actor: third,
      visitId: gone,
      reason: '接到电话先走了',
      now: later(morning, 21),
    });
    const left = await visitCheck('SA-5.greet', gone, later(morning, 30));
    expect(left.status).toBe('not_applicable');
    expect(shownValue(evidenceOf(left, 'The visitor left early'))).toBe('接到电话先走了');
  });

  /** One visit per way of the step: done, skipped with a reason, skipped without one. */
  async function stepCases(step: Step) {
    const { org, first, second, third } = await office();
    const projectId = org.salesProjectId;
    const outcomes: Record<Way, CheckOutcome> = {} as Record<Way, CheckOutcome>;
    const consultants = [first, second, third];
    const ways: Way[] = ['done', 'skipped', 'skipped_silently'];
    for (const [index, way] of ways.entries()) {
      const start = later(morning, index * 30);
      const visitId = await receive(consultants[index], projectId, start);
      await walk(consultants[index], visitId, start, 'see_off', { [step]: way });
      const ruleCheck = salesChecks.find(
        (check) => check.subjectKind === 'visit' && check.id.endsWith(`.${step}`),
      );
      outcomes[way] = await visitCheck(ruleCheck?.id ?? '', visitId, later(start, 25));
    }
    return outcomes;
  }

  it('SA-6 boards: presented is met with its duration, skipped with a reason not applicable, skipped without one a miss', async () => {
    const outcomes = await stepCases('boards');
    expect(outcomes.done.status).toBe('met');
    expect(shownValue(evidenceOf(outcomes.done, 'Display boards'))).toBe('2 min');
    expect(outcomes.skipped.status).toBe('not_applicable');
    expect(shownValue(evidenceOf(outcomes.skipped, 'Display boards skipped'))).toBe('客户赶时间');
    expect(outcomes.skipped_silently.status).toBe('missed');
  });

  it('SA-7 show flat: shown is met, skipped with a reason not applicable, skipped without one a miss', async () => {
    const outcomes = await stepCases('show_flat');
    expect([outcomes.done.status, outcomes.skipped.status, outcomes.skipped_silently.status]).toEqual([
      'met',
      'not_applicable',
      'missed',
    ]);
  });

  it('SA-8 seated: presented seated is met, skipped with a reason not applicable, skipped without one a miss', async () => {
    const outcomes = await stepCases('seated');
    expect([outcomes.done.status, outcomes.skipped.status, outcomes.skipped_silently.status]).toEqual([
      'met',
      'not_applicable',
      'missed',
    ]);
  });

  it('SA-9 plan: the plan step done is met, skipped with a reason not applicable, skipped without one a miss', async () => {
    const outcomes = await stepCases('plan');
    expect([outcomes.done.status, outcomes.skipped.status, outcomes.skipped_silently.status]).toEqual([
      'met',
      'not_applicable',
      'missed',
    ]);
  });

  it('SA-10 registration: registered the same day is met even with the phone refused; never registered a miss; the visitor who left first not applicable', async () => {
    const { org, first, second, third } = await office();
    const projectId = org.salesProjectId;
    const refused = await receive(first, projectId, morning);
    await walk(first, refused, morning, 'registration');
    const met = await visitCheck('SA-10.registration', refused, later(morning, 20));
    expect(met.status).toBe('met');
    expect(shownValue(evidenceOf(met, 'Phone'))).toBe('Declined to give a number (not forced)');
    const unfinished = await receive(second, projectId, later(morning, 30));
    await walk(second, unfinished, later(morning, 30), 'plan');
    expect((await visitCheck('SA-10.registration', unfinished, later(morning, 60))).status).toBe('pending');
    expect((await visitCheck('SA-10.registration', unfinished, later(dayEnd, 1))).status).toBe('missed');
    const gone = await receive(third, projectId, later(morning, 40));
    await endVisitEarly(database.db, {
      actor: third,
      visitId: gone,
      reason: '孩子哭闹',
      now: later(morning, 45),
    });
    expect((await visitCheck('SA-10.registration', gone, later(morning, 50))).status).toBe('not_applicable');
  });

  it('SA-11 see off: seen off is met with the visit duration; a visit never ended a miss; the visitor who left first not applicable', async () => {
    const { org, first, second, third } = await office();
    const projectId = org.salesProjectId;
    const whole = await receive(first, projectId, morning);
    await walk(first, whole, morning, 'see_off');
    const met = await visitCheck('SA-11.see_off', whole, later(morning, 30));
    expect(met.status).toBe('met');
    expect(shownValue(evidenceOf(met, 'Visit lasted'))).toBe('14 min');
    const open = await receive(second, projectId, later(morning, 30));
    await walk(second, open, later(morning, 30), 'registration');
    expect((await visitCheck('SA-11.see_off', open, later(dayEnd, 1))).status).toBe('missed');
    const gone = await receive(third, projectId, later(morning, 40));
    await endVisitEarly(database.db, {
      actor: third,
      visitId: gone,
      reason: '临时有事',
      now: later(morning, 45),
    });
    expect((await visitCheck('SA-11.see_off', gone, later(morning, 50))).status).toBe('not_applicable');
  });

  it('the visit source pages by id and by change time', async () => {
    const { org, first } = await office();
    const visitId = await receive(first, org.salesProjectId, morning);
    const since = later(morning, 1).toISOString();
    const before = await visitFactSource.changed(database.db, { since, afterId: null, limit: 1000 });
    expect(before.map((facts) => facts.id)).not.toContain(visitId);
    await walk(first, visitId, morning, 'greet');
    const after = await visitFactSource.changed(database.db, { since, afterId: null, limit: 1000 });
    expect(after.find((facts) => facts.id === visitId)).toMatchObject({
      kind: 'visit',
      companyId: org.companyId,
      staffId: first.staffId,
      greetWithinMinutes: 3,
    });
  });
});

describe('follow-ups', () => {
  it('SA-2 follow-up: done on its day with a record is met, overdue or late a miss, pending until due, cancelled not applicable', async () => {
    const { org, first } = await office();
    const { customer } = await registerCustomer(database.db, {
      actor: first,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '回访客户', phones: [freshMobile()] }),
      now: morning,
    });
    const plan = (theme: string) =>
      planFollowUp(database.db, {
        actor: first,
        customerId: customer.id,
        plannedAt: later(morning, 60),
        theme,
        channel: 'phone',
        now: morning,
      });
    const outcome = async (id: string, now: Date) => {
      const [facts] = await followUpFactSource.byIds(database.db, [id]);
      return evaluate('SA-2.follow_up', facts, now);
    };
    const onTime = await plan('介绍优惠');
    expect(await outcome(onTime.id, later(morning, 30))).toMatchObject({
      status: 'pending',
      decidesAt: dayEnd.toISOString(),
    });
    await completeFollowUp(database.db, {
      actor: first,
      followUpId: onTime.id,
      outcome: '客户周末来看样板房',
      now: later(morning, 70),
    });
    expect((await outcome(onTime.id, later(morning, 80))).status).toBe('met');
    const forgotten = await plan('确认来访');
    const overdue = await outcome(forgotten.id, later(dayEnd, 1));
    expect(overdue.status).toBe('missed');
    expect(evidenceOf(overdue, 'Overdue, not done')).toBeDefined();
    const late = await plan('答复价格');
    await completeFollowUp(database.db, {
      actor: first,
      followUpId: late.id,
      outcome: '已答复',
      now: later(dayEnd, 60),
    });
    expect((await outcome(late.id, later(dayEnd, 70))).status).toBe('missed');
    const dropped = await plan('邀约开盘');
    await cancelFollowUp(database.db, {
      actor: first,
      followUpId: dropped.id,
      reason: '客户已购房',
      now: later(morning, 5),
    });
    const cancelled = await outcome(dropped.id, later(dayEnd, 1));
    expect(cancelled.status).toBe('not_applicable');
    expect(shownValue(evidenceOf(cancelled, 'Cancelled'))).toBe('客户已购房');
  });
});

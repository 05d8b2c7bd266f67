import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.js';
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
  recordSalesGreetingShown,
  salesCallFactSource,
  saveCallRegister,
} from '../../reception/index.js';
import { callInput } from '../../reception/testing/index.js';
import { changeSetting } from '../../settings/index.js';
import {
  buildOrderedOffice,
  dayEnd,
  evaluate,
  evidenceOf,
  later,
  morning,
  openSalesDatabase,
  shownValue,
} from './sales-checks.testing.js';

// The sales checks of calls (SA-1) and follow-ups (SA-2) on data recorded through reception's and
// the customer book's own use cases, read back through their fact sources: a met, a missed and a
// not-applicable case for each.

const database = openSalesDatabase();
const office = () => buildOrderedOffice(database.db);

async function callCheck(checkId: string, callId: string, now: Date) {
  const [facts] = await salesCallFactSource.byIds(database.db, [callId]);
  return evaluate(checkId, facts, now);
}

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

const seconds = (at: Date, count: number) => new Date(at.getTime() + count * 1000);

describe('sales calls', () => {
  it('SA-1 greeting: shown with the project name at answer is met; late or never a miss; pending within the limit', async () => {
    const { org, first, second, third } = await office();
    const projectId = org.salesProjectId;
    const { call: greeted, greeting } = await answerCall(database.db, {
      actor: first,
      projectId,
      now: morning,
    });
    expect(greeting).toBe('您好！测试花园！');
    await recordSalesGreetingShown(database.db, {
      actor: first,
      callId: greeted.id,
      now: seconds(morning, 2),
    });
    const met = await callCheck('SA-1.greeting', greeted.id, later(morning, 1));
    expect(met.status).toBe('met');
    expect(evidenceOf(met, 'Greeting shown')).toMatchObject({
      value: '您好！测试花园！',
      at: seconds(morning, 2).toISOString(),
    });
    expect(shownValue(evidenceOf(met, 'Limit'))).toBe('within 5 s of answering');

    const answeredAt = later(morning, 10);
    const { call: silent } = await answerCall(database.db, { actor: second, projectId, now: answeredAt });
    expect(await callCheck('SA-1.greeting', silent.id, seconds(answeredAt, 1))).toMatchObject({
      status: 'pending',
      decidesAt: seconds(answeredAt, 5).toISOString(),
    });
    const never = await callCheck('SA-1.greeting', silent.id, later(answeredAt, 1));
    expect(never.status).toBe('missed');
    expect(evidenceOf(never, 'No greeting shown on record')).toBeDefined();

    const lateAt = later(morning, 20);
    const { call: late } = await answerCall(database.db, { actor: third, projectId, now: lateAt });
    await recordSalesGreetingShown(database.db, { actor: third, callId: late.id, now: seconds(lateAt, 30) });
    expect((await callCheck('SA-1.greeting', late.id, later(lateAt, 1))).status).toBe('missed');
    // The allowance is the project's setting, not a number in the check.
    await changeSetting(database.db, {
      actor: first,
      key: 'sales.greetingShownWithinSeconds',
      scope: { scopeType: 'project', scopeId: projectId },
      context: { companyId: org.companyId, projectId },
      value: 60,
      now: morning,
    });
    expect((await callCheck('SA-1.greeting', late.id, later(lateAt, 2))).status).toBe('met');
  });

  it('SA-1 greeting: not applicable to a call answered before greetings were recorded', async () => {
    const { org, first } = await office();
    const callId = await answerAndSave(first, org.salesProjectId, morning);
    // As the migration leaves a call answered before it: no greeting on record.
    await database.db.updateTable('salesCalls').set({ greeting: null }).where('id', '=', callId).execute();
    const outcome = await callCheck('SA-1.greeting', callId, later(morning, 10));
    expect(outcome.status).toBe('not_applicable');
    expect(evidenceOf(outcome, 'No greeting on record for this call')).toBeDefined();
  });

  it('SA-1 register: not applicable to a call put on record as a wrong number', async () => {
    const { org, first } = await office();
    const wrong = await answerAndSave(first, org.salesProjectId, morning, {
      callerName: '',
      callerPhone: '',
      questions: '',
      result: 'wrong_number',
    });
    const outcome = await callCheck('SA-1.register', wrong, later(morning, 10));
    expect(outcome.status).toBe('not_applicable');
    expect(shownValue(evidenceOf(outcome, 'Registered as a wrong number'))).toBe('Not a sales enquiry');
    // Only the enquiry's detail is waived: the call is on the register and counted.
    expect((await callCheck('SA-1.order', wrong, later(morning, 10))).status).toBe('met');
  });

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

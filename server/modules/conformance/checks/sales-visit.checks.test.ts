import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.js';
import { eraseCustomer, registerCustomer } from '../../customers/index.js';
import { buildCustomerInput, freshMobile } from '../../customers/testing/index.js';
import { completeVisitStep, endVisitEarly, receiveVisitor, visitFactSource } from '../../reception/index.js';
import { visitor } from '../../reception/testing/index.js';
import type { CheckOutcome } from './check-types.js';
import { salesChecks } from './sales.checks.js';
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

// The visit's checks (SA-1 for the answering order, SA-3 for key customers, SA-5 … SA-11) on visits recorded through
// reception's use cases, read back through the visit fact source: met, missed, not applicable.

const database = openSalesDatabase();
const office = () => buildOrderedOffice(database.db);

async function visitCheck(checkId: string, visitId: string, now: Date) {
  const [facts] = await visitFactSource.byIds(database.db, [visitId]);
  return evaluate(checkId, facts, now);
}

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

  it('SA-3 key customer: a media visitor is marked key and met; an ordinary buyer is not applicable', async () => {
    const { org, first, second } = await office();
    const projectId = org.salesProjectId;
    const media = await receive(first, projectId, morning, { name: '电视台记者', visitorKind: 'media' });
    const met = await visitCheck('SA-3.key_customer', media, later(morning, 1));
    expect(met.status).toBe('met');
    expect(shownValue(evidenceOf(met, 'Key customer'))).toBe('Media');
    const buyer = await receive(second, projectId, later(morning, 5));
    const ordinary = await visitCheck('SA-3.key_customer', buyer, later(dayEnd, 1));
    expect(ordinary.status).toBe('not_applicable');
    expect(shownValue(evidenceOf(ordinary, 'Visitor'))).toBe('Buyer');
  });

  it('SA-3 key customer: a peer already in the book as an ordinary customer is pending that day and a miss after it', async () => {
    const { org, first } = await office();
    const projectId = org.salesProjectId;
    const phone = freshMobile();
    await registerCustomer(database.db, {
      actor: first,
      projectId,
      input: buildCustomerInput({ name: '同行小李', phones: [phone] }),
      now: morning,
    });
    // Received as a peer, the visitor matches the customer already in the book, who keeps their category.
    const peer = await receive(first, projectId, later(morning, 10), {
      name: '同行小李',
      phones: [phone],
      isPhoneRefused: false,
      visitorKind: 'peer',
    });
    expect(await visitCheck('SA-3.key_customer', peer, later(morning, 11))).toMatchObject({
      status: 'pending',
      decidesAt: dayEnd.toISOString(),
    });
    const missed = await visitCheck('SA-3.key_customer', peer, later(dayEnd, 1));
    expect(missed.status).toBe('missed');
    expect(shownValue(evidenceOf(missed, 'Visitor'))).toBe('Peer');
    expect(evidenceOf(missed, 'The customer is not marked a key customer')).toBeDefined();
  });

  it("SA-3 key customer: not applicable to another consultant's protected customer, nor to a customer erased on request", async () => {
    const { org, first, second, manager } = await office();
    const projectId = org.salesProjectId;
    const phone = freshMobile();
    await registerCustomer(database.db, {
      actor: second,
      projectId,
      input: buildCustomerInput({ name: '发展商王总', phones: [phone] }),
      now: morning,
    });
    const taken = await receive(first, projectId, later(morning, 5), {
      name: '发展商王总',
      phones: [phone],
      isPhoneRefused: false,
      visitorKind: 'developer',
    });
    const protectedElsewhere = await visitCheck('SA-3.key_customer', taken, later(dayEnd, 1));
    expect(protectedElsewhere.status).toBe('not_applicable');
    expect(evidenceOf(protectedElsewhere, "A customer protected in another consultant's book")).toBeDefined();
    const media = await receive(second, projectId, later(morning, 10), {
      name: '报社记者',
      visitorKind: 'media',
    });
    const [facts] = await visitFactSource.byIds(database.db, [media]);
    await eraseCustomer(database.db, {
      actor: manager,
      customerId: facts.customerId,
      reason: '客户要求删除',
      now: later(morning, 20),
    });
    const erased = await visitCheck('SA-3.key_customer', media, later(dayEnd, 1));
    expect(erased.status).toBe('not_applicable');
    expect(evidenceOf(erased, 'Customer erased on request')).toBeDefined();
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

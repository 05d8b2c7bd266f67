import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { TestOrg } from '../../testing/factories.js';
import { buildTestApp, createClock, signIn } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { eraseCustomer, exportCustomerData, getCustomerBook, getCustomerById } from '../customers/index.js';
import { nextInOrder, salesGreeting, visitSteps } from './reception.rules.js';
import {
  answerCall,
  completeVisitStep,
  discardCall,
  findCalls,
  getAnsweringBoard,
  getCallStatistics,
  receiveVisitor,
  saveCallRegister,
  setAnsweringOrder,
} from './reception.service.js';
import { buildReceptionOffice, callInput, visitor } from './testing/reception-office.js';

let database: TestDatabase;
let org: TestOrg;
let first: Actor & { username: string };
let second: Actor & { username: string };
let third: Actor;
let manager: Actor & { username: string };
const now = new Date('2026-11-27T02:00:00.000Z');

async function setPresence(actor: Actor, presence: 'at_desk' | 'away' | 'busy' | 'off') {
  await database.db.updateTable('staff').set({ presence }).where('id', '=', actor.staffId).execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ org, first, second, third, manager } = await buildReceptionOffice(database.db, now));
});

afterAll(async () => {
  await database.drop();
});

describe('answering order', () => {
  it('SA-1 rotates fairly and skips consultants who are away or busy', () => {
    const order = [
      { staffId: 'a', presence: 'at_desk' as const },
      { staffId: 'b', presence: 'away' as const },
      { staffId: 'c', presence: 'busy' as const },
      { staffId: 'd', presence: 'at_desk' as const },
    ];
    expect(nextInOrder(order, null)).toBe('a');
    expect(nextInOrder(order, 'a')).toBe('d');
    expect(nextInOrder(order, 'd')).toBe('a');
    expect(
      nextInOrder(
        order.map((member) => ({ ...member, presence: 'off' as const })),
        'a',
      ),
    ).toBeNull();
  });

  it('SA-1 greets with the project name', () => {
    expect(salesGreeting('测试花园')).toBe('您好！测试花园！');
  });

  it('SA-1 lets only the next consultant answer, then passes the turn and counts it once the call is saved', async () => {
    await setAnsweringOrder(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      staffIds: [first.staffId, second.staffId, third.staffId],
      now,
    });
    await setPresence(third, 'away');
    const board = await getAnsweringBoard(database.db, { actor: first, projectId: org.salesProjectId, now });
    expect(board).toMatchObject({ nextStaffId: first.staffId, isMyTurn: true, greeting: '您好！测试花园！' });
    await expect(
      answerCall(database.db, { actor: second, projectId: org.salesProjectId, now }),
    ).rejects.toThrow(/NOT_YOUR_TURN/);
    const { call } = await answerCall(database.db, { actor: first, projectId: org.salesProjectId, now });
    // On the phone: the next ring goes to the second, but nothing is counted yet.
    const during = await getAnsweringBoard(database.db, {
      actor: second,
      projectId: org.salesProjectId,
      now,
    });
    expect(during.nextStaffId).toBe(second.staffId);
    expect(during.members.find((member) => member.staffId === first.staffId)?.calls).toBe(0);
    await saveCallRegister(database.db, { actor: first, callId: call.id, input: callInput, now });
    const after = await getAnsweringBoard(database.db, { actor: second, projectId: org.salesProjectId, now });
    expect(after.nextStaffId).toBe(second.staffId);
    expect(after.members.find((member) => member.staffId === first.staffId)?.calls).toBe(1);
    await receiveVisitor(database.db, {
      actor: second,
      projectId: org.salesProjectId,
      input: visitor(),
      now,
    });
    // The third is away: the turn comes back to the first.
    expect(
      (await getAnsweringBoard(database.db, { actor: first, projectId: org.salesProjectId, now }))
        .nextStaffId,
    ).toBe(first.staffId);
  });

  it('SA-1 an answer left unsaved counts nothing and moves no turn; discarded, the turn is the consultant’s again', async () => {
    const nextDay = new Date(now.getTime() + 86_400_000);
    const at = (minutes: number) => new Date(nextDay.getTime() + minutes * 60_000);
    const board = (minutes: number) =>
      getAnsweringBoard(database.db, { actor: manager, projectId: org.salesProjectId, now: at(minutes) });
    const countOf = async (actor: Actor, minutes: number) =>
      (await board(minutes)).members.find((member) => member.staffId === actor.staffId)?.calls;
    await setPresence(third, 'at_desk');
    expect((await board(0)).nextStaffId).toBe(first.staffId);

    const answered = await answerCall(database.db, {
      actor: first,
      projectId: org.salesProjectId,
      now: at(0),
    });
    expect((await board(1)).nextStaffId).toBe(second.staffId);
    expect(await countOf(first, 1)).toBe(0);
    // Answering again (a reloaded page) reopens the same entry instead of a second one.
    const again = await answerCall(database.db, { actor: first, projectId: org.salesProjectId, now: at(1) });
    expect(again.call.id).toBe(answered.call.id);
    await expect(
      discardCall(database.db, { actor: second, callId: answered.call.id, now: at(1) }),
    ).rejects.toThrow(/NOT_FOUND|NOT_YOURS/);
    await discardCall(database.db, { actor: first, callId: answered.call.id, now: at(2) });
    expect((await board(2)).nextStaffId).toBe(first.staffId);
    expect(await countOf(first, 2)).toBe(0);
    const register = await findCalls(database.db, manager, {
      projectId: org.salesProjectId,
      dayFrom: '2026-11-28',
      dayTo: '2026-11-28',
      order: 'desc',
      offset: 0,
      limit: 50,
    });
    expect(register.total).toBe(0);
    await expect(
      saveCallRegister(database.db, { actor: first, callId: answered.call.id, input: callInput, now: at(2) }),
    ).rejects.toThrow(/NOT_FOUND/);

    // Two calls answered one after the other and saved in the other order leave the rotation at the third.
    const unnamed = { ...callInput, callerName: '', callerPhone: '' };
    const one = await answerCall(database.db, { actor: first, projectId: org.salesProjectId, now: at(3) });
    const two = await answerCall(database.db, { actor: second, projectId: org.salesProjectId, now: at(4) });
    await saveCallRegister(database.db, { actor: second, callId: two.call.id, input: unnamed, now: at(5) });
    await saveCallRegister(database.db, { actor: first, callId: one.call.id, input: unnamed, now: at(6) });
    const settled = await board(6);
    expect(settled.nextStaffId).toBe(third.staffId);
    expect(await countOf(first, 6)).toBe(1);
    expect(await countOf(second, 6)).toBe(1);
    await setPresence(third, 'away');
  });
});

describe('sales calls', () => {
  it("SA-1 puts a caller who leaves name and number straight into the consultant's book", async () => {
    const later = new Date(now.getTime() + 60_000);
    const { call } = await answerCall(database.db, {
      actor: first,
      projectId: org.salesProjectId,
      now: later,
    });
    const result = await saveCallRegister(database.db, {
      actor: first,
      callId: call.id,
      input: { ...callInput, callerName: '孙女士', callerPhone: '13822223333' },
      now: later,
    });
    expect(result.ownership.status).toBe('created');
    expect(result.call.callerPhone).toBe('138****3333');
    const book = await getCustomerBook(database.db, {
      actor: first,
      projectId: org.salesProjectId,
      now: later,
    });
    expect(book.callers.map((customer) => customer.name)).toContain('孙女士');
    await expect(
      saveCallRegister(database.db, { actor: first, callId: call.id, input: callInput, now: later }),
    ).rejects.toThrow(/ALREADY_CLOSED/);
  });

  it('SA-1 tells the consultant when the caller already belongs to a colleague, without the number', async () => {
    await setPresence(first, 'away');
    const { call } = await answerCall(database.db, { actor: second, projectId: org.salesProjectId, now });
    const result = await saveCallRegister(database.db, {
      actor: second,
      callId: call.id,
      input: { ...callInput, callerPhone: '138 2222 3333' },
      now,
    });
    expect(result.ownership).toEqual({ status: 'taken', ownerName: '艾伦' });
    const book = await getCustomerBook(database.db, { actor: second, projectId: org.salesProjectId, now });
    expect(book.callers).toEqual([]);
    await setPresence(first, 'at_desk');
  });

  it('SA-1 masks the caller number for other consultants and counts calls by source, consultant and hour', async () => {
    const seen = await findCalls(database.db, manager, {
      projectId: org.salesProjectId,
      order: 'desc',
      offset: 0,
      limit: 50,
    });
    expect(seen.items.some((item) => item.callerPhone === '138****3333')).toBe(true);
    expect(seen.items.every((item) => !item.callerPhone.includes('13822223333'))).toBe(true);
    const stats = await getCallStatistics(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      dayFrom: '2026-11-27',
      dayTo: '2026-11-27',
      now,
    });
    expect(stats.total).toBe(3);
    expect(stats.byHour[10].count).toBe(3);
    expect(stats.byStaff.find((row) => row.name === '艾伦')?.count).toBe(2);
  });
});

describe('walk-in visits', () => {
  it('SA-4 SA-10 registers a visitor who refuses a phone as refused, as a customer from the moment they enter, and SA-5…SA-11 walks the timed checklist', async () => {
    await setPresence(third, 'at_desk');
    await setAnsweringOrder(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      staffIds: [third.staffId, first.staffId, second.staffId],
      now,
    });
    const board = await getAnsweringBoard(database.db, { actor: third, projectId: org.salesProjectId, now });
    const actor =
      board.nextStaffId === third.staffId ? third : board.nextStaffId === first.staffId ? first : second;
    let clock = now.getTime();
    const tick = () => {
      clock += 90_000;
      return new Date(clock);
    };
    const { visit } = await receiveVisitor(database.db, {
      actor,
      projectId: org.salesProjectId,
      input: visitor({ name: '不留电话的先生', partySize: 3 }),
      now: tick(),
    });
    expect(visit.customer).toMatchObject({ isPhoneRefused: true, phones: [] });
    // SA-4: service starts at the door: the visitor is in the consultant's book before any step.
    const atEntry = await getCustomerBook(database.db, { actor, projectId: org.salesProjectId, now });
    expect(atEntry.visitors.map((customer) => customer.name)).toContain('不留电话的先生');
    expect(visit.currentStep).toBe('greet');
    expect(visit.steps[0].phrase).toContain('您好！欢迎看房。我是');
    expect(visit.steps.map((step) => step.rule)).toEqual([
      'SA-5',
      'SA-6',
      'SA-7',
      'SA-8',
      'SA-9',
      'SA-10',
      'SA-11',
    ]);
    expect(visit.planLink).toBe(`/deals/plans/new?customerId=${visit.customerId}`);
    await expect(
      completeVisitStep(database.db, {
        actor,
        visitId: visit.id,
        step: 'boards',
        note: '',
        isSkipped: false,
        now,
      }),
    ).rejects.toThrow(/STEP_OUT_OF_ORDER/);
    let current = visit;
    for (const definition of visitSteps)
      current = await completeVisitStep(database.db, {
        actor,
        visitId: visit.id,
        step: definition.step,
        note: '',
        isSkipped: definition.step === 'plan',
        now: tick(),
      });
    expect(current.status).toBe('done');
    expect(current.steps.every((step) => step.durationSeconds === 90)).toBe(true);
    expect(current.steps.find((step) => step.step === 'see_off')?.phrase).toBe(
      '再见，项目有什么不清楚的问题随时(打电话)给我！',
    );
    const book = await getCustomerBook(database.db, { actor, projectId: org.salesProjectId, now: tick() });
    expect(book.visitors.map((customer) => customer.name)).toContain('不留电话的先生');
  });

  it('SA-3 marks media visitors as key customers and notifies the manager', async () => {
    const board = await getAnsweringBoard(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      now,
    });
    const actor = [first, second, third].find((person) => person.staffId === board.nextStaffId)!;
    const { visit } = await receiveVisitor(database.db, {
      actor,
      projectId: org.salesProjectId,
      input: visitor({ name: '电视台记者', visitorKind: 'media' }),
      now,
    });
    expect(visit.customer?.category).toBe('key');
    const notices = await database.db
      .selectFrom('notifications')
      .select('recipientsJson')
      .where('event', '=', 'customers.keyCustomer')
      .execute();
    expect(notices.some((row) => row.recipientsJson.includes(manager.staffId))).toBe(true);
  });

  it('PRIV erases call and visit details with the customer and exports them on request', async () => {
    const { items } = await findCalls(database.db, manager, {
      projectId: org.salesProjectId,
      order: 'desc',
      offset: 0,
      limit: 50,
    });
    const customerId = items.find((item) => item.callerName === '孙女士')?.customerId;
    expect(customerId).toBeTruthy();
    const document = await exportCustomerData(database.db, {
      actor: manager,
      customerId: customerId!,
      format: 'json',
      now,
    });
    expect(document.sections.calls.length).toBeGreaterThan(0);
    await eraseCustomer(database.db, {
      actor: manager,
      customerId: customerId!,
      reason: '客户要求删除',
      now,
    });
    const calls = await database.db
      .selectFrom('salesCalls')
      .selectAll()
      .where('customerId', '=', customerId!)
      .execute();
    expect(calls.every((call) => call.callerPhoneE164 === null && call.callerName === '')).toBe(true);
    expect((await getCustomerById(database.db, manager, customerId!)).isErased).toBe(true);
  });
});

describe('HTTP edge', () => {
  it('declares access, names the failing field, and hides the number of a taken customer', async () => {
    const clock = createClock(now);
    const app = await buildTestApp(database, clock);
    const consultant = await signIn(app, second.username);
    const invalid = await consultant.request('POST', '/api/customers', {
      projectId: org.salesProjectId,
      name: '某人',
      phones: ['abc'],
    });
    expect(invalid.statusCode).toBe(400);
    expect(Object.keys(invalid.json().error.fields)).toEqual(['phones.0']);
    const taken = await consultant.request(
      'POST',
      '/api/customers',
      { projectId: org.salesProjectId, name: '钱先生', phones: ['13811112222'] },
      { 'accept-language': 'zh-CN' },
    );
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CUSTOMER_TAKEN');
    expect(taken.body).not.toContain('13811112222');
    expect(taken.json().error.fields['phones.0']).toContain('艾伦');
    const forbidden = await consultant.request('PUT', '/api/reception/order', {
      projectId: org.salesProjectId,
      staffIds: [second.staffId],
    });
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await app.inject({
      method: 'GET',
      url: `/api/reception/board?projectId=${org.salesProjectId}`,
    });
    expect(anonymous.statusCode).toBe(401);
    const board = await consultant.request('GET', `/api/reception/board?projectId=${org.salesProjectId}`);
    expect(board.json().greeting).toBe('您好！测试花园！');
    await app.close();
  });
});

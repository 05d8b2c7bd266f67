import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { TestOrg } from '../../testing/factories.js';
import { buildTestApp, createClock, signIn } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { answerCall, saveCallRegister, setAnsweringOrder } from './reception.service.js';
import { buildReceptionOffice, callInput } from './testing/reception-office.js';

// SA-1(1): the answering screen reports the sales-line greeting it shows; the first report is kept
// on the call, with who saw it, for the SA-1.greeting check.

let database: TestDatabase;
let org: TestOrg;
let first: Actor & { username: string };
let second: Actor & { username: string };
let third: Actor;
let manager: Actor & { username: string };
const now = new Date('2026-12-01T02:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
  ({ org, first, second, third, manager } = await buildReceptionOffice(database.db, now));
  await setAnsweringOrder(database.db, {
    actor: manager,
    projectId: org.salesProjectId,
    staffIds: [first.staffId, second.staffId, third.staffId],
    now,
  });
});

afterAll(async () => {
  await database.drop();
});

const callRow = (id: string) =>
  database.db.selectFrom('salesCalls').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('sales-line greeting', () => {
  it('SA-1 records when the greeting with the project name was shown and to whom; the first report is kept', async () => {
    const clock = createClock(now);
    const app = await buildTestApp(database, clock);
    const consultant = await signIn(app, first.username);
    const answered = await consultant.request('POST', '/api/reception/calls/answer', {
      projectId: org.salesProjectId,
    });
    expect(answered.statusCode).toBe(201);
    const { call, greeting } = answered.json();
    expect(greeting).toBe('您好！测试花园！');
    expect(await callRow(call.id)).toMatchObject({ greeting: '您好！测试花园！', greetingShownAt: null });

    clock.set(new Date(now.getTime() + 2_000));
    const shown = await consultant.request('POST', `/api/reception/calls/${call.id}/greeting-shown`);
    expect(shown.statusCode).toBe(200);
    const shownAt = new Date(now.getTime() + 2_000).toISOString();
    expect(shown.json()).toEqual({ greetingShownAt: shownAt });
    clock.set(new Date(now.getTime() + 9_000));
    const again = await consultant.request('POST', `/api/reception/calls/${call.id}/greeting-shown`);
    expect(again.json()).toEqual({ greetingShownAt: shownAt });
    expect(await callRow(call.id)).toMatchObject({
      greetingShownAt: shownAt,
      greetingShownBy: first.staffId,
    });
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('entityId', '=', call.id)
      .where('action', '=', 'greeting_shown')
      .execute();
    expect(audit).toEqual([{ action: 'greeting_shown', actorId: first.staffId }]);

    // Another consultant does not see the call; a manager does not answer the sales line.
    const other = await signIn(app, second.username);
    expect((await other.request('POST', `/api/reception/calls/${call.id}/greeting-shown`)).statusCode).toBe(
      404,
    );
    const head = await signIn(app, manager.username);
    expect((await head.request('POST', `/api/reception/calls/${call.id}/greeting-shown`)).statusCode).toBe(
      403,
    );
    expect((await consultant.request('POST', '/api/reception/calls/nope/greeting-shown')).statusCode).toBe(
      404,
    );
    await app.close();
  });

  it('SA-1 a report on an entry already saved changes nothing: the greeting is shown only while the call is open', async () => {
    const { call } = await answerCall(database.db, { actor: second, projectId: org.salesProjectId, now });
    await saveCallRegister(database.db, {
      actor: second,
      callId: call.id,
      input: { ...callInput, callerPhone: '13900001111' },
      now: new Date(now.getTime() + 60_000),
    });
    const app = await buildTestApp(database, createClock(new Date(now.getTime() + 120_000)));
    const consultant = await signIn(app, second.username);
    const late = await consultant.request('POST', `/api/reception/calls/${call.id}/greeting-shown`);
    expect(late.statusCode).toBe(200);
    expect(late.json()).toEqual({ greetingShownAt: null });
    expect((await callRow(call.id)).greetingShownAt).toBeNull();
    await app.close();
  });
});

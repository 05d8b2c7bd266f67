import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createClock, signIn } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { decideTurn } from './reception.rules.js';
import { setAnsweringOrder } from './reception.service.js';
import { buildReceptionOffice } from './testing/reception-office.js';

let database: TestDatabase;
const now = new Date('2026-12-01T02:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

describe('turns out of the answering order', () => {
  it('SA-1 records whose turn it was and why: the consultant’s reason out of turn, the presence the rotation skipped in turn', () => {
    const rotation = [
      { staffId: 'a', presence: 'at_desk' as const },
      { staffId: 'b', presence: 'away' as const },
      { staffId: 'c', presence: 'at_desk' as const },
    ];
    expect(decideTurn(rotation, 'a', 'c', 'c', null)).toEqual({
      isInTurn: true,
      skippedStaffId: 'b',
      skipReason: 'away',
      skipNote: '',
    });
    expect(decideTurn(rotation, null, 'a', 'a', null)).toMatchObject({
      isInTurn: true,
      skippedStaffId: null,
    });
    expect(decideTurn(rotation, null, 'a', 'c', null)).toBeNull();
    expect(decideTurn(rotation, null, 'a', 'c', { reason: 'other', note: '熟客' })).toEqual({
      isInTurn: false,
      skippedStaffId: 'a',
      skipReason: 'other',
      skipNote: '熟客',
    });
  });

  it('SA-1 the desk takes a turn out of order only with a reason, and a visit ends early only with one', async () => {
    const { org, first, second, third, manager } = await buildReceptionOffice(database.db, now);
    await setAnsweringOrder(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      staffIds: [first.staffId, second.staffId, third.staffId],
      now,
    });
    const app = await buildTestApp(database, createClock(now));
    const consultant = await signIn(app, second.username);
    const projectId = org.salesProjectId;
    const refused = await consultant.request('POST', '/api/reception/calls/answer', { projectId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('NOT_YOUR_TURN');
    const noNote = await consultant.request('POST', '/api/reception/calls/answer', {
      projectId,
      outOfTurn: { reason: 'other' },
    });
    expect(noNote.statusCode).toBe(400);
    expect(Object.keys(noNote.json().error.fields)).toEqual(['outOfTurn.note']);
    const unknown = await consultant.request('POST', '/api/reception/calls/answer', {
      projectId,
      outOfTurn: { reason: 'feeling_lucky', note: '' },
    });
    expect(unknown.statusCode).toBe(400);
    const answered = await consultant.request('POST', '/api/reception/calls/answer', {
      projectId,
      outOfTurn: { reason: 'next_not_answering', note: '' },
    });
    expect(answered.statusCode).toBe(201);
    const visit = await consultant.request('POST', '/api/reception/visits', {
      projectId,
      name: '路过客户',
      isPhoneRefused: true,
      outOfTurn: { reason: 'customer_request', note: '' },
    });
    expect(visit.statusCode).toBe(201);
    const visitId: string = visit.json().visit.id;
    const blank = await consultant.request('POST', `/api/reception/visits/${visitId}/end-early`, {
      reason: ' ',
    });
    expect(blank.statusCode).toBe(400);
    expect(Object.keys(blank.json().error.fields)).toEqual(['reason']);
    const ended = await consultant.request('POST', `/api/reception/visits/${visitId}/end-early`, {
      reason: '接到电话先走了',
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'done', leftEarlyReason: '接到电话先走了' });
    const again = await consultant.request('POST', `/api/reception/visits/${visitId}/end-early`, {
      reason: '再次',
    });
    expect(again.statusCode).toBe(409);
    const colleague = await signIn(app, first.username);
    const foreign = await colleague.request('POST', `/api/reception/visits/${visitId}/end-early`, {
      reason: '不是我的',
    });
    expect(foreign.statusCode).toBe(404);
    await app.close();
  });
});

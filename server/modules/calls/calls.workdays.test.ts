import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { buildTestApp, createClock, signIn, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { buildServiceDepartment } from './testing/service-department.js';

process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

describe('CS-3 message escalations on working days', () => {
  const clock = createClock('2026-11-27T02:00:00.000Z');
  let database: TestDatabase;
  let app: AppInstance;
  let org: TestOrg;
  let admin: TestSession;
  let agentSession: TestSession;
  let recipientId: string;
  let agentUsername: string;
  let adminUsername: string;

  /** Leaves a message at the clock's time and answers when its escalation job is due. */
  async function escalationDueFor(at: string): Promise<string> {
    clock.set(at);
    // Sessions expire as the clock jumps between dates: sign in again at each one.
    agentSession = await signIn(app, agentUsername);
    admin = await signIn(app, adminUsername);
    const created = await agentSession.request('POST', '/api/calls/messages', {
      deskId: org.serviceDeskId,
      recipientStaffId: recipientId,
      kind: 'message',
      callerName: '赵先生',
      callbackNumber: '139 1234 5678',
      content: '请回电',
    });
    expect(created.statusCode).toBe(201);
    const job = await database.db
      .selectFrom('jobs')
      .select('runAt')
      .where('dedupeKey', '=', `escalation:calls.message:${created.json().id}`)
      .executeTakeFirstOrThrow();
    return job.runAt;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    org = await buildOrg(database.db);
    app = await buildTestApp(database, clock);
    const { agent, colleague } = await buildServiceDepartment(database.db, org, clock.now());
    recipientId = colleague.staffId;
    adminUsername = (await buildStaff(database.db, org, { roles: ['admin'] })).username;
    agentUsername = agent.username;
    admin = await signIn(app, adminUsername);
    agentSession = await signIn(app, agentUsername);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('CS-3 a message left on a working day escalates after the set 30 minutes', async () => {
    // Friday 27 November 2026, 10:00 Shanghai.
    expect(await escalationDueFor('2026-11-27T02:00:00.000Z')).toBe('2026-11-27T02:30:00.000Z');
    // Saturday 10 October 2026 is a make-up working day (调休): no change either.
    expect(await escalationDueFor('2026-10-10T02:00:00.000Z')).toBe('2026-10-10T02:30:00.000Z');
  });

  it('CS-3 an escalation due on a rest day waits for 09:00 of the next working day, never earlier than the message', async () => {
    // Saturday 28 November, 10:00 → Monday 30 November, 09:00.
    expect(await escalationDueFor('2026-11-28T02:00:00.000Z')).toBe('2026-11-30T01:00:00.000Z');
    // Friday 27 November, 23:45: due past midnight on Saturday → Monday 09:00.
    expect(await escalationDueFor('2026-11-27T15:45:00.000Z')).toBe('2026-11-30T01:00:00.000Z');
    // 2 October, inside National Day → Thursday 8 October, 09:00.
    expect(await escalationDueFor('2026-10-02T02:00:00.000Z')).toBe('2026-10-08T01:00:00.000Z');
  });

  it('CS-3 with calendar days (the project setting) escalates after 30 minutes even on a holiday', async () => {
    admin = await signIn(app, adminUsername);
    const put = await admin.request('PUT', '/api/settings/notify.dayCountMode', {
      scopeType: 'project',
      scopeId: org.estateProjectId,
      value: 'calendar_days',
    });
    expect(put.statusCode).toBe(200);
    expect(await escalationDueFor('2026-10-02T02:00:00.000Z')).toBe('2026-10-02T02:30:00.000Z');
  });

  it('CS-3 follows the administrator calendar: a weekday entered as a rest day holds the escalation', async () => {
    admin = await signIn(app, adminUsername);
    await admin.request(
      'DELETE',
      `/api/settings/notify.dayCountMode?scopeType=project&scopeId=${org.estateProjectId}`,
    );
    // Entered as the calendar screen stores it (the calendar's routes are the notify module's).
    await database.db
      .insertInto('calendarDays')
      .values({
        companyId: org.companyId,
        day: '2026-12-04',
        kind: 'rest',
        note: '',
        updatedAt: clock.now().toISOString(),
        updatedBy: null,
      })
      .execute();
    // Friday 4 December entered as a rest day → Monday 7 December, 09:00.
    expect(await escalationDueFor('2026-12-04T02:00:00.000Z')).toBe('2026-12-07T01:00:00.000Z');
  });
});

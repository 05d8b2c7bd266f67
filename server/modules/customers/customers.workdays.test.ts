import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { buildTestApp, signIn } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { markMovedIn } from './use-cases/after-sales.js';
import { planFollowUp } from './use-cases/follow-ups.js';
import { registerCustomer } from './use-cases/register-customer.js';

// Monday 2 February 2026, 10:00 Shanghai.
const now = new Date('2026-02-02T02:00:00.000Z');

describe('SA-2 follow-up reminders and check-in dates on working days', () => {
  let database: TestDatabase;
  let app: AppInstance;
  let org: TestOrg;
  let consultant: Actor;
  let customerId: string;

  const reminderOf = async (followUpId: string) =>
    (
      await database.db
        .selectFrom('notifications')
        .select('sendAt')
        .where('dedupeKey', '=', `customers:follow-up:${followUpId}`)
        .executeTakeFirstOrThrow()
    ).sendAt;

  const plan = (plannedAt: string) =>
    planFollowUp(database.db, {
      actor: consultant,
      customerId,
      plannedAt: new Date(plannedAt),
      theme: '春节后看房',
      channel: 'phone',
      now,
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    org = await buildOrg(database.db, now);
    app = await buildTestApp(database);
    consultant = await buildStaff(database.db, org, {
      roles: [{ role: 'consultant', projectId: org.salesProjectId }],
      displayName: '张伟',
    });
    const { customer } = await registerCustomer(database.db, {
      actor: consultant,
      projectId: org.salesProjectId,
      input: {
        name: '回访客户',
        gender: 'male',
        phones: ['13912345678'],
        isPhoneRefused: false,
        sourceChannelId: null,
        keyKind: null,
        intentLayout: '',
        intentAreaMin: null,
        intentAreaMax: null,
        intentBudgetFen: null,
        intentPurpose: 'self_use',
        notes: '',
        hasContactConsent: true,
        hasMarketingConsent: false,
        consentVia: 'verbal',
        locale: 'zh-CN',
      },
      now,
    });
    customerId = customer.id;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('SA-2 reminds of a callback planned on a working day the set 15 minutes before it', async () => {
    // Tuesday 24 February, 10:00 Shanghai.
    const followUp = await plan('2026-02-24T02:00:00.000Z');
    expect(await reminderOf(followUp.id)).toBe('2026-02-24T01:45:00.000Z');
  });

  it('SA-2 moves the reminder of a callback planned in the Spring Festival holiday to the working day before, at the same time', async () => {
    // Thursday 19 February (holiday), 10:00 → the make-up working Saturday 14 February, 09:45.
    const followUp = await plan('2026-02-19T02:00:00.000Z');
    expect(await reminderOf(followUp.id)).toBe('2026-02-14T01:45:00.000Z');
    // Sunday 1 March → Saturday 28 February, also a make-up working day.
    expect(await reminderOf((await plan('2026-03-01T02:00:00.000Z')).id)).toBe('2026-02-28T01:45:00.000Z');
  });

  it('SA-2 follows the setting and the administrator calendar', async () => {
    const admin = await signIn(app, (await buildStaff(database.db, org, { roles: ['admin'] })).username);
    await admin.request('PUT', '/api/calendar/years/2026', { text: '2026-02-14 休' });
    expect(await reminderOf((await plan('2026-02-20T02:00:00.000Z')).id)).toBe('2026-02-13T01:45:00.000Z');
    await admin.request('PUT', '/api/settings/notify.dayCountMode', {
      scopeType: 'project',
      scopeId: org.salesProjectId,
      value: 'calendar_days',
    });
    expect(await reminderOf((await plan('2026-02-20T02:00:00.000Z')).id)).toBe('2026-02-20T01:45:00.000Z');
    await admin.request(
      'DELETE',
      `/api/settings/notify.dayCountMode?scopeType=project&scopeId=${org.salesProjectId}`,
    );
    await admin.request('PUT', '/api/calendar/years/2026', { text: '' });
  });

  it('SA-2 SA-18 plans an after-move-in check-in due on a holiday on the working day before it', async () => {
    // Moved in Thursday 24 September 2026: +7 days = 1 October (National Day) → Wednesday 30 September.
    const checkIns = await markMovedIn(database.db, {
      actor: consultant,
      customerId,
      movedInAt: new Date('2026-09-24T02:00:00.000Z'),
      now,
    });
    expect(checkIns.map((item) => item.plannedAt)).toEqual([
      '2026-09-30T02:00:00.000Z',
      // +30 = Saturday 24 October → Friday 23 October; +90 = Wednesday 23 December stays.
      '2026-10-23T02:00:00.000Z',
      '2026-12-23T02:00:00.000Z',
    ]);
  });
});

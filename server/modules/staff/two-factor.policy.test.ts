import { beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildStaff, type TestOrg, testPassword } from '../../testing/factories.js';
import { signIn, type TestClock } from '../../testing/test-app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { useTwoFactorWorld } from './testing/two-factor-world.js';
import { totpCodeAt } from './two-factor.rules.js';

/** Fills :params with a syntactically valid id that exists nowhere. */
const concreteUrl = (url: string) => url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');

describe('two-step verification: who must enrol, resets, and what a half-signed-in person may reach', () => {
  const world = useTwoFactorWorld();
  const { nextStep, requireRoles, customerBody, enrol } = world;
  let database: TestDatabase;
  let app: AppInstance;
  let org: TestOrg;
  let clock: TestClock;
  beforeAll(() => {
    ({ database, app, org, clock } = world);
  });

  it('sends a person whose role requires two-factor to enrolment, and lets them do nothing else until done', async () => {
    await requireRoles(['finance']);
    try {
      const finance = await buildStaff(database.db, org, { roles: ['finance'] });
      const agent = await buildStaff(database.db, org, { roles: ['agent'] });
      expect(
        (await (await signIn(app, agent.username)).request('GET', '/api/auth/me')).json().user.pendingStep,
      ).toBeNull();

      const session = await signIn(app, finance.username);
      expect((await session.request('GET', '/api/auth/me')).json().user.pendingStep).toBe(
        'enrol_second_factor',
      );
      const blocked = await session.request('GET', `/api/deals/receipts?projectId=${org.salesProjectId}`);
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
      expect((await session.request('GET', '/api/auth/two-factor')).json().isRequired).toBe(true);

      await enrol(session);
      expect((await session.request('GET', '/api/auth/me')).json().user.pendingStep).toBeNull();
      expect((await session.request('PUT', '/api/auth/me/presence', { presence: 'busy' })).statusCode).toBe(
        200,
      );
    } finally {
      await requireRoles([]);
    }
  });

  it('lets an administrator reset a person’s two-factor: audited, their sessions end, they enrol again when required', async () => {
    const admin = await buildStaff(database.db, org, { roles: ['admin'] });
    const manager = await buildStaff(database.db, org, { roles: ['manager'] });
    const managerSession = await signIn(app, manager.username);
    await enrol(managerSession);
    const adminSession = await signIn(app, admin.username);
    const detail = await adminSession.request('GET', `/api/staff/${manager.staffId}`);
    expect(detail.json().hasTwoFactor).toBe(true);

    const outsider = await signIn(
      app,
      (await buildStaff(database.db, org, { roles: ['consultant'] })).username,
    );
    expect(
      (await outsider.request('POST', `/api/staff/${manager.staffId}/reset-two-factor`)).statusCode,
    ).toBe(403);

    const reset = await adminSession.request('POST', `/api/staff/${manager.staffId}/reset-two-factor`);
    expect(reset.statusCode).toBe(204);
    expect((await managerSession.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await adminSession.request('GET', `/api/staff/${manager.staffId}`)).json().hasTwoFactor).toBe(
      false,
    );
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('entityId', '=', manager.staffId)
      .where('action', '=', 'reset_two_factor')
      .executeTakeFirstOrThrow();
    expect(audit.actorId).toBe(admin.staffId);

    await requireRoles(['manager']);
    try {
      const again = await signIn(app, manager.username);
      expect((await again.request('GET', '/api/auth/me')).json().user.pendingStep).toBe(
        'enrol_second_factor',
      );
    } finally {
      await requireRoles([]);
    }
  });

  it('must-change-password leak: a person who must change their password reaches no route but the change, sign-out and /api/auth/me', async () => {
    const person = await buildStaff(database.db, org, { roles: ['consultant', 'manager', 'finance'] });
    await database.db
      .updateTable('staff')
      .set({ mustChangePassword: 1 })
      .where('id', '=', person.staffId)
      .execute();
    const session = await signIn(app, person.username);
    expect((await session.request('GET', '/api/auth/me')).json().user.pendingStep).toBe('change_password');

    const created = await session.request('POST', '/api/customers', customerBody());
    expect(created.statusCode).toBe(403);
    expect(created.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const exempt: string[] = [];
    const leaks: string[] = [];
    let refused = 0;
    for (const route of app.routeTable) {
      if ('public' in route.access) continue;
      if (route.access.during?.includes('change_password')) {
        exempt.push(`${route.method} ${route.url}`);
        continue;
      }
      const response = await session.request(
        route.method as 'GET',
        concreteUrl(route.url),
        route.method === 'GET' ? undefined : {},
      );
      if (response.statusCode !== 403 || response.json().error.code !== 'PASSWORD_CHANGE_REQUIRED')
        leaks.push(`${route.method} ${route.url} → ${response.statusCode}`);
      else refused += 1;
    }
    expect(leaks).toEqual([]);
    expect(refused).toBeGreaterThan(100);
    expect(exempt.sort()).toEqual(['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password']);

    const changed = await session.request('POST', '/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'Another-password-2',
    });
    expect(changed.statusCode).toBe(204);
    expect((await session.request('POST', '/api/customers', customerBody())).statusCode).toBe(201);
  });

  it('asks the second factor before the password change, and the password change before enrolment', async () => {
    const person = await buildStaff(database.db, org, { roles: ['controller'] });
    const { secret } = await enrol(await signIn(app, person.username));
    await database.db
      .updateTable('staff')
      .set({ mustChangePassword: 1 })
      .where('id', '=', person.staffId)
      .execute();
    const session = await signIn(app, person.username);
    const refused = await session.request('POST', '/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'Another-password-2',
    });
    expect(refused.json().error.code).toBe('TWO_FACTOR_REQUIRED');
    nextStep();
    const verified = await session.request('POST', '/api/auth/two-factor/verify', {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(verified.json().user.pendingStep).toBe('change_password');
  });
});

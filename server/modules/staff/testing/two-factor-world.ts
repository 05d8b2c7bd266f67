import { afterAll, beforeAll, expect } from 'vitest';
import type { Role } from '../../../../contracts/roles.js';
import type { AppInstance } from '../../../platform/http/types.js';
import { buildOrg, type TestOrg } from '../../../testing/factories.js';
import { buildTestApp, createClock, type TestClock, type TestSession } from '../../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { changeSetting } from '../../settings/index.js';
import { totpCodeAt } from '../two-factor.rules.js';

/**
 * The two-step verification tests' world: one database, org and app per file (set up in
 * beforeAll, so read the fields inside tests), and the steps they share.
 */
export function useTwoFactorWorld() {
  const world = {
    database: undefined as unknown as TestDatabase,
    app: undefined as unknown as AppInstance,
    org: undefined as unknown as TestOrg,
    clock: undefined as unknown as TestClock,
    /** Moves the clock to the start of the next 30-second step, so each code below is fresh. */
    nextStep: () =>
      world.clock.set(new Date((Math.floor(world.clock.now().getTime() / 30_000) + 1) * 30_000 + 1000)),
    requireRoles: async (roles: Role[]) =>
      changeSetting(world.database.db, {
        actor: world.org.system,
        key: 'auth.twoFactorRoles',
        scope: { scopeType: 'company', scopeId: world.org.companyId },
        context: { companyId: world.org.companyId },
        value: roles,
        now: world.clock.now(),
      }),
    customerBody: () => ({ projectId: world.org.salesProjectId, name: '测试客户', phones: [] }),
    /** Enrols the session's person and returns their secret and recovery codes. */
    enrol: async (session: TestSession) => {
      const begun = await session.request('POST', '/api/auth/two-factor/enrolment');
      expect(begun.statusCode).toBe(200);
      const { secret, qrCodeDataUrl, otpauthUri } = begun.json();
      expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      expect(otpauthUri).toContain(`secret=${secret}`);
      world.nextStep();
      const confirmed = await session.request('POST', '/api/auth/two-factor/enrolment/confirm', {
        code: totpCodeAt(secret, world.clock.now()),
      });
      expect(confirmed.statusCode).toBe(200);
      return { secret: secret as string, recoveryCodes: confirmed.json().recoveryCodes as string[] };
    },
    auditActions: async (staffId: string) =>
      (
        await world.database.db
          .selectFrom('auditLog')
          .select('action')
          .where('entityId', '=', staffId)
          .orderBy('seq')
          .execute()
      ).map((row) => row.action),
  };
  beforeAll(async () => {
    world.database = await createTestDatabase();
    world.org = await buildOrg(world.database.db);
    world.clock = createClock();
    world.app = await buildTestApp(world.database, world.clock);
  });
  afterAll(async () => {
    await world.app.close();
    await world.database.drop();
  });
  return world;
}
